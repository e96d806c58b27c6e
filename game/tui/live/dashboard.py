"""The instructor's dashboard: every table of the live class at a glance, and the class-wide switches.

One row per table: round, whose move, trust, each side's standing offer (what it is worth
to each side), the time left, the result, the number of moves. The instructor may pause
every table (the clocks stop, no one can move), send one of the scenario's events to
every table at once (a recorded move of each game, so the games still replay), read a
table's whole transcript, and end the session: then the finished games are exported as
signed logs and the class report of the exercise kit is written. The dashboard also
plays the time-out of a side whose time ran out, so a student who closed the page does
not stall a table.
"""

from __future__ import annotations

import contextlib
import time
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.classroom.exercise import TablePlan
from game.engine import State
from game.live import LiveError, MoveRefused, Store
from game.live.results import export_results, write_class_report
from game.live.store import Control, Replica, time_left
from game.tui.live.table import clock_text
from game.tui.screens.dialogs import ConfirmScreen, TextScreen
from game.tui.widgets.feed import transcript

COLUMNS = ("Table", "Players", "Round", "To move", "Trust", "{a} offer ({a}/{b})", "{b} offer ({a}/{b})", "Time left",
           "Result", "Moves")


def players_text(plan: TablePlan) -> str:
    if len(plan.humans) == 2:
        return "two students"
    if not plan.humans:
        return "computers"
    computer = next(p.player for a, p in plan.seats.items() if a not in plan.humans)
    return f"{plan.humans[0]} vs {computer}"


def offer_text(state: State, actor: str) -> str:
    """A standing offer by what it is worth to each side, e.g. '.62/.40'."""
    offer = state.standing_offer(actor)
    if offer is None:
        return "—"
    a, b = state.rules.actor_ids
    return f"{state.utility(a, offer):.2f}/{state.utility(b, offer):.2f}"


def table_cells(replica: Replica, opened: bool, turn_started: float | None, control: Control,
                limit: float | None, now: float) -> tuple[str, ...]:
    state = replica.state
    a, b = state.rules.actor_ids
    started = opened or bool(replica.rows)
    terminal = state.is_terminal
    mover = state.current_actor
    left = None if terminal or not started else time_left(limit, turn_started, control, now)
    return (
        str(replica.number),
        players_text(replica.plan),
        f"{state.round}/{state.deadline}",
        "—" if terminal or mover is None else state.scenario.actor(mover).label,
        f"{state.trust:.2f}",
        offer_text(state, a),
        offer_text(state, b),
        "—" if left is None else clock_text(left),
        state.status if started else "not started",
        str(len(state.history)),
    )


class EventPicker(ModalScreen[str | None]):
    """Choose one of the scenario's events to send to every table."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, state: State) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content.styled("Send news to every table", "bold"), classes="dialog-title")
            yield Static(Content.styled("The event's effects apply at once, in the turn of the side to move, and "
                                        "it becomes a move of each game's record.", "$foreground-muted"),
                         classes="dialog-body")
            yield OptionList(*[Option(Content.assemble((e.headline, "bold"), f"  ({e.id})"), id=e.id)
                               for e in self.state.scenario.events], id="events")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        events = self.query_one(OptionList)
        events.highlighted = 0
        events.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class DashboardScreen(Screen[None]):
    """Every table of the live class; see the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "pause", "Pause / resume all"),
        Binding("b", "broadcast", "Send news"),
        Binding("v,enter", "transcript", "Transcript"),
        Binding("e", "end", "End session"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.opened = store.opened
        self.replicas: dict[int, Replica] = {plan.number: store.replica(plan) for plan in self.opened.exercise.tables}
        self.control = store.control()
        self.clocks = store.clocks()
        self.opened_tables = store.opened_tables()
        self.version = store.data_version()
        self.exported: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        yield DataTable(id="tables", cursor_type="row", zebra_stripes=True)
        yield Static(id="dash-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        a, b = (actor.label for actor in self.opened.scenario.actors)
        for title in COLUMNS:
            key = title.format(a=a, b=b)
            table.add_column(key, key=key)
        for number in self.replicas:
            table.add_row(*self.cells(number), key=str(number))
        self.show_status()
        table.focus()

    # -- showing ------------------------------------------------------------------------------------

    def cells(self, number: int) -> tuple[str, ...]:
        return table_cells(self.replicas[number], number in self.opened_tables, self.clocks.get(number),
                           self.control, self.opened.exercise.round_time, time.time())

    def show_status(self) -> None:
        ex, control = self.opened.exercise, self.control
        states = [r.state for r in self.replicas.values()]
        done = sum(s.is_terminal for s in states)
        mode = ("SESSION ENDED" if control.ended else "PAUSED" if control.paused else "running")
        style = "bold reverse $error" if control.ended else "bold reverse $warning" if control.paused else "$success"
        limit = f" · {ex.round_time:g} s a move" if ex.round_time else ""
        self.query_one("#status", Static).update(Content.assemble(
            (f" {mode} ", style), f"  {self.opened.scenario.title} · {len(states)} tables · {done} finished"
            f" · {len(self.opened_tables)} joined{limit}"))
        note = self.exported or "p pauses or resumes every table · b sends news · v shows a table's transcript"
        self.query_one("#dash-note", Static).update(Content.styled(note, "$foreground-muted"))

    def refresh_rows(self) -> None:
        table = self.query_one(DataTable)
        keys = [column.key for column in table.columns.values()]
        for number in self.replicas:
            for key, value in zip(keys, self.cells(number), strict=True):
                table.update_cell(str(number), key, value)
        self.show_status()

    # -- following the store ------------------------------------------------------------------------

    def live_poll(self) -> None:
        store = self.store
        try:
            version = store.data_version()
            if version != self.version:
                self.version = version
                self.reload()
            self.enforce_clocks()
        except LiveError as exc:
            self.notify(str(exc), title="The game store", severity="error", timeout=10)
        if self.is_mounted and self.query("#tables"):  # not while the app closes and removes the widgets
            self.refresh_rows()

    def reload(self) -> None:
        store = self.store
        for replica in self.replicas.values():
            replica.catch_up(store.rows(replica.number, replica.seq))
        self.control = store.control()
        self.clocks = store.clocks()
        self.opened_tables = store.opened_tables()

    def enforce_clocks(self) -> None:
        """Play the time-out of every side whose time ran out (whoever notices first plays it)."""
        limit = self.opened.exercise.round_time
        if limit is None or self.control.paused or self.control.ended:
            return
        now = time.time()
        for number, replica in self.replicas.items():
            if replica.state.is_terminal or number not in self.opened_tables:
                continue
            left = time_left(limit, self.clocks.get(number), self.control, now)
            if left is not None and left <= 0:
                with contextlib.suppress(MoveRefused):  # a seat at the table played it first, or a pause came
                    self.store.timeout(replica, now=now)
                self.clocks[number] = self.store.turn_started(number)

    # -- the instructor's switches ---------------------------------------------------------------------

    def action_pause(self) -> None:
        try:
            self.store.set_paused(not self.control.paused)
        except LiveError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.reload()
        self.refresh_rows()
        self.notify("Every table is paused: clocks stopped, no moves." if self.control.paused
                    else "Play resumes at every table.", timeout=4)

    def action_broadcast(self) -> None:
        if self.control.ended:
            self.notify("The session has ended.", severity="warning")
            return
        first = next(iter(self.replicas.values())).state

        def send(event_id: str | None) -> None:
            if not event_id:
                return
            try:
                tables = self.store.broadcast(self.replicas, event_id)
            except LiveError as exc:
                self.notify(str(exc), title="News not sent", severity="error", timeout=8)
                return
            headline = next(e.headline for e in self.opened.scenario.events if e.id == event_id)
            self.refresh_rows()
            self.notify(f"“{headline}” broke at {len(tables)} table(s).", title="News sent", timeout=6)

        self.app.push_screen(EventPicker(first), send)

    def selected(self) -> Replica | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.replicas.get(int(key or 0))

    def action_transcript(self) -> None:
        replica = self.selected()
        if replica is None:
            return
        title = f"Table {replica.number} · {players_text(replica.plan)} · {replica.state.status}"
        self.app.push_screen(TextScreen(title, transcript(replica.state, None, None)))

    def action_end(self) -> None:
        if self.control.ended:
            self.end_session(True)
            return
        body = ("Every table stops: no more moves are recorded. The finished games are exported, signed, to "
                "results/, and the class report is written to report/. Games still going are not counted.")
        self.app.push_screen(ConfirmScreen("End the live session?", body, "End it", "Not yet"), self.end_session)

    def end_session(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            self.store.end()
            self.reload()
            exported = export_results(self.opened, self.store)
            data, written = write_class_report(self.opened)
        except LiveError as exc:
            self.notify(str(exc), title="Could not finish the session", severity="error", timeout=15)
            return
        from game.classroom.report import summary_lines

        self.exported = f"Session ended. {exported.summary()}. Report: {written['html']}"
        self.refresh_rows()
        lines = [exported.summary() + ".", "", *summary_lines(data), "",
                 f"Report: {written['html']} (and {written['markdown'].name})"]
        self.app.push_screen(TextScreen("The class report", Content("\n".join(lines))))
