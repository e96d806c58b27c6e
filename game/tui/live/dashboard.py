"""The instructor's dashboard: every table of the live class at a glance, and the class-wide switches.

One row per table: round, whose move, trust, each side's standing offer (what it is worth
to each side), the time left, the result, the number of moves. The instructor may pause
every table (the clocks stop, no one can move), send one of the scenario's events to
every table at once (a recorded move of each game, so the games still replay), read a
table's whole transcript, and end the session: then the finished games are exported as
signed logs and the class report of the exercise kit is written. The dashboard also
plays the time-out of a side whose time ran out, so a student who closed the page does
not stall a table.

The screen owns its poll timer. Everything that touches the store runs on the app's
:class:`~game.tui.live.thread.StoreThread` through a :class:`~game.tui.live.watch.ClassWatch`
and comes back as a :class:`DashboardScreen.Viewed` message; the class report (charts
and all) is built in a thread worker of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from game.classroom.report import ReportData, summary_lines
from game.live import LiveError, Store
from game.live.results import Exported, write_class_report
from game.scenario.models import Scenario
from game.tui.keys import Key
from game.tui.live.thread import StoreThread
from game.tui.live.watch import COLUMNS, ClassView, ClassWatch
from game.tui.screens.dialogs import ConfirmScreen, TextScreen
from game.tui.widgets.footer import KeyFooter

#: Seconds between two looks at the store (a look is one ``PRAGMA data_version`` when nothing changed).
POLL_EVERY = 0.25


class EventPicker(ModalScreen[str | None]):
    """Choose one of the scenario's events to send to every table."""

    BINDINGS: ClassVar[list[BindingType]] = [Key("escape", "cancel", "Cancel", help="send nothing")]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content.styled("Send news to every table", "bold"), classes="dialog-title")
            yield Static(Content.styled("The event's effects apply at once, in the turn of the side to move, and "
                                        "it becomes a move of each game's record.", "$foreground-muted"),
                         classes="dialog-body")
            yield OptionList(*[Option(Content.assemble((e.headline, "bold"), f"  ({e.id})"), id=e.id)
                               for e in self.scenario.events], id="events")
        yield KeyFooter()

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
        Key("p", "pause", "Pause / resume all", help="pause or resume every table (the clocks stop too)"),
        Key("b", "broadcast", "Send news", help="send one of the scenario's events to every table"),
        Key("v,enter", "transcript", "Transcript", help="the whole transcript of the table under the cursor"),
        Key("e", "end", "End session",
            help="end the session: export the finished games, signed, and write the class report"),
    ]

    class Viewed(Message):
        """A fresh picture of the class from the store thread."""

        def __init__(self, view: ClassView) -> None:
            super().__init__()
            self.view = view

    class Reported(Message):
        """The class report is written (by its thread worker): what to show of it."""

        def __init__(self, exported: Exported, data: ReportData, written: dict[str, Path]) -> None:
            super().__init__()
            self.exported = exported
            self.data = data
            self.written = written

    def __init__(self, store: Store, thread: StoreThread) -> None:
        super().__init__()
        self.opened = store.opened
        self.thread = thread
        #: The class as the store thread follows it (used on that thread only).
        self.tracked = ClassWatch(store)
        #: The last picture shown (None until the store has been read).
        self.view: ClassView | None = None
        self.looking = False  # a poll is out
        self.exported: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(" Reading the class store… ", "$foreground-muted"), id="status")
        yield DataTable(id="tables", cursor_type="row", zebra_stripes=True)
        yield Static(id="dash-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        a, b = (actor.label for actor in self.opened.scenario.actors)
        for title in COLUMNS:
            key = title.format(a=a, b=b)
            table.add_column(key, key=key)
        table.focus()
        self.look()
        self.set_interval(POLL_EVERY, self.look)

    # -- following the store ------------------------------------------------------------------------

    def look(self) -> None:
        """Ask the store thread what changed (skipped while the last look is still out)."""
        if self.looking:
            return
        self.looking = True
        self._look()

    @work(group="look")
    async def _look(self) -> None:
        try:
            view = await self.thread.run(self.tracked.poll)
        except LiveError as exc:
            self.notify(str(exc), title="The game store", severity="error", timeout=10)
        else:
            self.post_message(self.Viewed(view))
        finally:
            self.looking = False

    @on(Viewed)
    def viewed(self, message: Viewed) -> None:
        if not self.is_mounted or not self.query("#tables"):  # the app is closing
            return
        self.view = view = message.view
        table = self.query_one(DataTable)
        keys = [column.key for column in table.columns.values()]
        for number, cells in view.cells.items():
            if str(number) in table.rows:
                for key, value in zip(keys, cells, strict=True):
                    table.update_cell(str(number), key, value)
            else:
                table.add_row(*cells, key=str(number))
        self.show_status(view)

    def show_status(self, view: ClassView) -> None:
        ex, control = self.opened.exercise, view.control
        mode = ("SESSION ENDED" if control.ended else "PAUSED" if control.paused else "running")
        style = "bold reverse $error" if control.ended else "bold reverse $warning" if control.paused else "$success"
        limit = f" · {ex.round_time:g} s a move" if ex.round_time else ""
        self.query_one("#status", Static).update(Content.assemble(
            (f" {mode} ", style), f"  {self.opened.scenario.title} · {len(view.cells)} tables · {view.finished} "
            f"finished · {view.joined} joined{limit}"))
        note = self.exported or "p pauses or resumes every table · b sends news · v shows a table's transcript"
        self.query_one("#dash-note", Static).update(Content.styled(note, "$foreground-muted"))

    # -- the instructor's switches ---------------------------------------------------------------------

    def action_pause(self) -> None:
        if self.view is not None:
            self.set_paused(not self.view.control.paused)

    @work(group="switch")
    async def set_paused(self, paused: bool) -> None:
        try:
            view = await self.thread.run(self.tracked.set_paused, paused)
        except LiveError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.post_message(self.Viewed(view))
        self.notify("Every table is paused: clocks stopped, no moves." if paused
                    else "Play resumes at every table.", timeout=4)

    def action_broadcast(self) -> None:
        if self.view is None:
            return
        if self.view.control.ended:
            self.notify("The session has ended.", severity="warning")
            return

        def send(event_id: str | None) -> None:
            if event_id:
                self.broadcast(event_id)

        self.app.push_screen(EventPicker(self.opened.scenario), send)

    @work(group="switch")
    async def broadcast(self, event_id: str) -> None:
        try:
            tables, view = await self.thread.run(self.tracked.broadcast, event_id)
        except LiveError as exc:
            self.notify(str(exc), title="News not sent", severity="error", timeout=8)
            return
        self.post_message(self.Viewed(view))
        headline = self.opened.scenario.event(event_id).headline
        self.notify(f"“{headline}” broke at {tables} table(s).", title="News sent", timeout=6)

    def selected(self) -> int | None:
        """The number of the table under the cursor."""
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    def action_transcript(self) -> None:
        number = self.selected()
        if number is not None:
            self.show_transcript(number)

    @work(exclusive=True, group="transcript")
    async def show_transcript(self, number: int) -> None:
        title, text = await self.thread.run(self.tracked.transcript, number)
        self.app.push_screen(TextScreen(title, text))

    def action_end(self) -> None:
        if self.view is not None and self.view.control.ended:
            self.end_session(True)
            return
        body = ("Every table stops: no more moves are recorded. The finished games are exported, signed, to "
                "results/, and the class report is written to report/. Games still going are not counted.")
        self.app.push_screen(ConfirmScreen("End the live session?", body, "End it", "Not yet"), self.end_session)

    def end_session(self, yes: bool | None) -> None:
        if yes:
            self.end_and_export()

    @work(group="switch")
    async def end_and_export(self) -> None:
        """End the session and export the signed logs (store thread), then build the report (a thread worker)."""
        try:
            exported, view = await self.thread.run(self.tracked.end)
        except LiveError as exc:
            self.notify(str(exc), title="Could not finish the session", severity="error", timeout=15)
            return
        self.post_message(self.Viewed(view))
        self.build_report(exported)

    @work(thread=True, exclusive=True, group="report")
    def build_report(self, exported: Exported) -> None:
        """The class report over the exported logs: reading them, the charts, the HTML (off the UI thread)."""
        try:
            data, written = write_class_report(self.opened)
        except LiveError as exc:
            self.notify(str(exc), title="Could not finish the session", severity="error", timeout=15)
            return
        self.post_message(self.Reported(exported, data, dict(written)))

    @on(Reported)
    def reported(self, message: Reported) -> None:
        exported, written = message.exported, message.written
        self.exported = f"Session ended. {exported.summary()}. Report: {written['html']}"
        if self.view is not None:
            self.show_status(self.view)
        lines = [exported.summary() + ".", "", *summary_lines(message.data), "",
                 f"Report: {written['html']} (and {written['markdown'].name})"]
        self.app.push_screen(TextScreen("The class report", Content("\n".join(lines))))
