"""A student's seat at a live table, in the shape of :class:`game.session.Session`.

The TUI and plain mode drive a game through ``state``, ``play``, ``advance`` and ``log``;
a :class:`LiveSession` offers the same, backed by the store instead of a save file, plus
what a shared table needs: ``poll()`` brings in the other side's moves (and the news, the
clock and the instructor's switches), ``waiting`` says the other side is to move, and
``revision`` changes whenever anything on screen should. ``state`` is one object for the
whole game: moves from the store are applied to it, never swapped for a new one, so a
screen holding it always sees the table as it is.

Taking a seat is recorded in the store every time (:meth:`.store.Store.sit`) with the
student's name when one is given: the screens ask for it when :attr:`LiveSession.needs_name`
(no roster name and none given yet) and pass it to :meth:`LiveSession.set_student`, or
give it when the session is made (``student=``).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.classroom.exercise import OpenExercise, TablePlan
from game.engine import Move, Record, State
from game.session.store import game_log

from .errors import LiveError, MoveRefused
from .store import Store
from .tables import Control, Replica, time_left


class LiveSession:
    """One seat at one live table (or, with ``seat`` None, a read-only view of the table)."""

    def __init__(self, store: Store, plan: TablePlan, seat: str | None, clock: Callable[[], float] = time.time,
                 student: str | None = None):
        if seat is not None and seat not in plan.humans:
            raise LiveError(f"at table {plan.number}, {seat} is played by the computer")
        self.store = store
        self.opened: OpenExercise = store.opened
        self.plan = plan
        self.seat = seat
        self.clock = clock
        # Before reading: a commit in between is seen by the next poll.
        self._version = store.data_version(plan.number)
        self.replica: Replica = store.replica(plan)
        self.state: State = self.replica.state
        self.scenario_path: Path | None = self.opened.scenario_path
        self.save_path: Path | None = None  # the store is the save
        self.created = datetime.now(UTC).isoformat(timespec="seconds")
        self.control: Control = store.control()
        self.turn_started: float | None = store.turn_started(plan.number)
        self.seen = len(self.state.history)  # records handed to the front end so far
        self.revision = 0
        self.student: str | None = None  # this seat's student, as the store knows them
        if seat is not None:
            self.student = store.sit(plan, seat, student, self.clock())
            store.open_table(plan.number, self.clock())
            self.turn_started = store.turn_started(plan.number)

    # -- what the screens ask ------------------------------------------------------------------

    @property
    def table(self) -> int:
        return self.plan.number

    @property
    def paused(self) -> bool:
        return self.control.paused

    @property
    def ended(self) -> bool:
        return self.control.ended

    @property
    def waiting(self) -> bool:
        """The other side (or the instructor's pause) holds the table: this seat cannot move now."""
        state = self.state
        return not state.is_terminal and (self.paused or self.ended or state.current_actor != self.seat)

    @property
    def round_time(self) -> float | None:
        return self.opened.exercise.round_time

    @property
    def estimates(self) -> bool:
        """Whether the screens may show the game's estimates of the other side (an exercise setting)."""
        return self.opened.exercise.estimates

    @property
    def needs_name(self) -> bool:
        """This seat's student has given no name and the roster has none: the screens ask for it."""
        return self.seat is not None and self.student is None

    def set_student(self, name: str) -> str:
        """Record the name of this seat's student (sealed into the table's log); the name kept.

        Raises :class:`LiveError` for a name that is not the roster's, or a different name
        once the seat has moved.
        """
        if self.seat is None:
            raise LiveError("this is a view of the table; nobody sits here")
        self.student = self.store.sit(self.plan, self.seat, name, self.clock())
        return self.student or name

    def time_left(self) -> float | None:
        """Seconds left for the side to move, or None without a time limit."""
        if self.state.is_terminal:
            return None
        return time_left(self.round_time, self.turn_started, self.control, self.clock())

    def log(self) -> dict[str, Any]:
        """The game as a save-style log (what the debrief exports)."""
        data = game_log(self.state, self.scenario_path, self.created)
        data["live"] = {"exercise": self.opened.exercise.id, "table": self.table, "seat": self.seat,
                        "student": self.student}
        return data

    def save(self) -> None:
        """Nothing to do: every move is in the store once it is made."""

    # -- moving ----------------------------------------------------------------------------------

    def _news(self) -> list[Record]:
        out = self.state.history[self.seen:]
        self.seen = len(self.state.history)
        if out:
            self.revision += 1
        return out

    def play(self, move: Move, reason: str = "") -> list[Record]:
        """Record this seat's move and the computer's answers; the records since the screen last looked.

        Raises :class:`MoveRefused` (nothing recorded) when it is not this seat's move, the
        table changed since the screen last looked, the class is paused or ended, or the
        store is busy.
        """
        if self.seat is None:
            raise MoveRefused("this is a view of the table; it cannot move")
        if move.actor != self.seat:
            raise MoveRefused(f"you play {self.seat}; that move is not yours to make")
        try:
            self.store.play(self.replica, move, self.seat, seen=self.seen, reason=reason, now=self.clock())
        finally:
            self._refresh_clock()
        return self._news()

    def advance(self) -> list[Record]:
        """Let the computer move when it is its turn (it opens some games)."""
        state = self.state
        if not state.is_terminal and not state.seats[state.current_actor or ""].human and not self.control.ended:
            self.store.advance(self.replica, now=self.clock())
            self._refresh_clock()
        return self._news()

    def poll(self) -> list[Record]:
        """Bring in what changed in the store: moves, pause and end, the clock; the new records.

        Cheap when nothing changed (SQLite: one ``PRAGMA data_version``; PostgreSQL: no
        notification on the listening socket, no round trip). When the side to move has
        run out of time, plays the time-out for it: any seat at the table may, and the store
        makes sure only one does.
        """
        version = self.store.data_version(self.table)
        if version != self._version:
            self._version = version
            self.replica.catch_up(self.store.rows(self.table, self.replica.seq))
            control = self.store.control()
            started = self.store.turn_started(self.table)
            if control != self.control or started != self.turn_started:
                self.control, self.turn_started = control, started
                self.revision += 1
        left = self.time_left()
        if left is not None and left <= 0 and not self.paused and not self.ended:
            with contextlib.suppress(MoveRefused):  # another seat or the dashboard played it, or a pause came
                self.store.timeout(self.replica, now=self.clock())
            self._refresh_clock()
        return self._news()

    def _refresh_clock(self) -> None:
        """Re-read the switches and the clock after this seat wrote (its own commits leave
        ``data_version`` as it was, so the next :meth:`poll` still sees what others wrote)."""
        self.control = self.store.control()
        self.turn_started = self.store.turn_started(self.table)
        self.revision += 1

    def close(self) -> None:
        self.store.close()
