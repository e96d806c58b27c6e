"""What the instructor's dashboard knows of the live class, kept on the store thread.

:class:`ClassWatch` holds a replica of every table's game and the class switches, follows
the store, plays the time-outs of sides whose time ran out, and carries out the
instructor's switches. Every method runs on the :class:`~game.tui.live.thread.StoreThread`
(the replicas change only there); what the screen shows comes back as a
:class:`ClassView`, plain text cells worked out on that thread, so the UI thread never
reads a game while the store thread changes it.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass

from textual.content import Content

from game.classroom.exercise import OpenExercise, TablePlan
from game.engine import State
from game.live import MoveRefused, Store
from game.live.results import Exported, export_results
from game.live.tables import Control, Replica, time_left
from game.tui.widgets.feed import transcript

COLUMNS = ("Table", "Players", "Round", "To move", "Trust", "{a} offer ({a}/{b})", "{b} offer ({a}/{b})", "Time left",
           "Result", "Moves")


def clock_text(seconds: float) -> str:
    """Seconds left as m:ss, rounded up (a clock that shows 0:00 has run out)."""
    seconds = max(0, int(seconds + 0.999))
    return f"{seconds // 60}:{seconds % 60:02d}"


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
    """One row of the dashboard, in the order of :data:`COLUMNS`."""
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


@dataclass(frozen=True)
class ClassView:
    """The dashboard's picture of the class at one moment: the switches, the counts, one row per table."""

    control: Control
    finished: int
    joined: int
    cells: dict[int, tuple[str, ...]]


class ClassWatch:
    """Every table of a live class, followed on the store thread; see the module docstring."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.opened: OpenExercise = store.opened
        self.replicas: dict[int, Replica] = {}
        self.control = Control(None, None)
        self.clocks: dict[int, float | None] = {}
        self.opened_tables: set[int] = set()
        self.version = -1

    def load(self) -> ClassView:
        """Replay every table from the store (the first look)."""
        store = self.store
        self.version = store.data_version()  # before reading: a commit in between is seen by the next poll
        self.replicas = {plan.number: store.replica(plan) for plan in self.opened.exercise.tables}
        self._switches()
        return self.view()

    def poll(self) -> ClassView:
        """Bring in what changed (one ``PRAGMA data_version`` when nothing did) and play due time-outs."""
        if not self.replicas:
            return self.load()
        version = self.store.data_version()
        if version != self.version:
            self.version = version
            self.reload()
        self.enforce_clocks()
        return self.view()

    def reload(self) -> None:
        for replica in self.replicas.values():
            replica.catch_up(self.store.rows(replica.number, replica.seq))
        self._switches()

    def _switches(self) -> None:
        self.control = self.store.control()
        self.clocks = self.store.clocks()
        self.opened_tables = self.store.opened_tables()

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

    def view(self) -> ClassView:
        now, limit = time.time(), self.opened.exercise.round_time
        cells = {number: table_cells(replica, number in self.opened_tables, self.clocks.get(number), self.control,
                                     limit, now)
                 for number, replica in self.replicas.items()}
        finished = sum(r.state.is_terminal for r in self.replicas.values())
        return ClassView(self.control, finished, len(self.opened_tables), cells)

    # -- the instructor's switches ---------------------------------------------------------------

    def set_paused(self, paused: bool) -> ClassView:
        self.store.set_paused(paused)
        self.reload()
        return self.view()

    def broadcast(self, event_id: str) -> tuple[int, ClassView]:
        """Send one of the scenario's events to every table; how many tables got it, and the new view."""
        tables = self.store.broadcast(self.replicas, event_id)
        return len(tables), self.view()

    def transcript(self, number: int) -> tuple[str, Content]:
        """A table's title line and whole transcript (both sides' numbers: the instructor sees all)."""
        replica = self.replicas[number]
        title = f"Table {replica.number} · {players_text(replica.plan)} · {replica.state.status}"
        return title, transcript(replica.state, None, None)

    def end(self) -> tuple[Exported, ClassView]:
        """End the session and export every finished game as a signed log."""
        self.store.end()
        self.reload()
        exported = export_results(self.opened, self.store)
        return exported, self.view()
