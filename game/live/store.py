"""The shared game store of a live class: the interface every backend offers, and what a move *is*.

One store holds every live game of an exercise: one row per move, with its table, sequence
number, the seat that entered it (a side's student, the computer, the clock or the
instructor), the move, the state it left, and the hash chain of the exercise logs
(:mod:`game.classroom.chain`), so a row is exactly the entry the table's exported log will
carry. Beside the moves, every time a student takes a seat is recorded (:mod:`.sittings`).

Two backends keep those rows: SQLite (:mod:`.sqlite`, the embedded default, one file in the
exercise folder) and PostgreSQL (:mod:`.postgres`, for classes served by several hosts).
Everything a move means is decided here, once, for both: a write is one transaction that
takes its locks (:meth:`Store._lock`), replays what other processes committed, validates the
move against that state, inserts, and commits. Anything that fails rolls the whole
transaction back, so a move is recorded whole or not at all, and both backends refuse a
second move at the same place (``UNIQUE(table_no, seq)``) and any change to a row
(triggers). The backends differ only in how they lock, connect, and learn of others'
commits. :func:`.locate.open_store` opens the store an exercise uses.
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Any, Literal

from game.classroom.exercise import ClassroomError, OpenExercise, TablePlan
from game.classroom.play import TIMEOUT_REASON, timeout_move
from game.classroom.roster import RosterError, clean_name
from game.engine import IllegalMove, Move

from . import sittings
from .errors import LiveError, MoveRefused
from .tables import (
    SEAT_CLOCK,
    SEAT_INSTRUCTOR,
    Builder,
    Context,
    Control,
    Replica,
    Row,
    Trial,
    changed_since,
    turn_key,
)

#: Seconds a writer waits for the locks it needs before its move is refused as "busy".
BUSY_TIMEOUT = 10.0
BROADCAST_REASON = "news sent to every table by the instructor"
ControlLock = Literal["share", "update"] | None


def _json(data: dict[str, Any]) -> str:
    """Compact JSON in the engine's key order (packages read issue by issue); hashes use canonical JSON."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class Store(ABC):
    """One connection to an exercise's live store; one per process and per thread.

    Subclasses give :meth:`_query` (portable SQL with ``?`` placeholders), :meth:`_write`
    (one transaction, the backend's refusals turned into :class:`MoveRefused` or
    :class:`~.errors.StoreError`), :meth:`_lock` and :meth:`data_version`.

    ``Store(opened)`` opens the backend the class uses (:func:`.locate.open_store`), the
    way ``pathlib.Path(...)`` makes the path class of its system: every screen and command
    written before there were two backends keeps working unchanged.
    """

    #: Which backend this is, as ``parley store status`` names it.
    backend = ""

    def __new__(cls, opened: OpenExercise, *args: Any, **kwargs: Any) -> Store:
        if cls is Store:
            from .locate import backend_class

            return super().__new__(backend_class(opened))
        return super().__new__(cls)

    def __init__(self, opened: OpenExercise, label: str = "", busy_timeout: float = BUSY_TIMEOUT):
        self.opened = opened
        self.label = label  # where the store is, for messages (a path, or a URL without its password)
        self.busy_timeout = busy_timeout

    # -- what a backend provides -----------------------------------------------------------------

    @abstractmethod
    def close(self) -> None:
        """Let go of the connection (a backend may keep a shared pool open for the process)."""

    @abstractmethod
    def data_version(self, table: int | None = None) -> int:
        """A number that changes when others may have committed (at ``table``, or at any table or the class
        switches when None; a backend may answer for the whole store either way): polling compares it
        before reading."""

    @abstractmethod
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement (``?`` placeholders) in the current transaction, or on its own; its rows."""

    @abstractmethod
    def _write(self, work: Callable[[], Any]) -> Any:
        """Run ``work`` in one write transaction; its result, or nothing of it recorded."""

    @abstractmethod
    def _lock(self, tables: Sequence[int], control: ControlLock = None) -> None:
        """Inside a write: serialise with every other writer of these tables (and of the class switches).

        Always the class switches first, then tables in ascending order, so two writers
        can never wait for each other.
        """

    def _insert_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        for row in rows:
            self._query(sql, row)

    # -- reading ---------------------------------------------------------------------------------

    def rows(self, table_no: int, after: int = 0) -> list[Row]:
        found = self._query(
            "SELECT seq, seat, move, state, prev, hash, at FROM moves WHERE table_no = ? AND seq > ? ORDER BY seq",
            (table_no, after))
        return [Row(seq, seat, json.loads(move), json.loads(state), prev, digest, at)
                for seq, seat, move, state, prev, digest, at in found]

    def control(self) -> Control:
        paused_at, ended_at = self._query("SELECT paused_at, ended_at FROM control WHERE id = 1")[0]
        return Control(paused_at, ended_at)

    def turn_started(self, table_no: int) -> float | None:
        found = self._query("SELECT turn_started FROM tables WHERE table_no = ?", (table_no,))
        return found[0][0] if found else None

    def clocks(self) -> dict[int, float | None]:
        return {int(n): started for n, started in self._query("SELECT table_no, turn_started FROM tables")}

    def opened_tables(self) -> set[int]:
        return {int(n) for (n,) in self._query("SELECT table_no FROM tables WHERE opened_at IS NOT NULL")}

    def move_counts(self) -> dict[int, int]:
        return {int(n): int(m) for n, m in self._query("SELECT table_no, MAX(seq) FROM moves GROUP BY table_no")}

    def sittings(self, table_no: int) -> list[tuple[str, str | None, float]]:
        """Every sitting at a table, in order: (side, name given or None, unix time)."""
        return sittings.sittings(self._query, table_no)

    def students(self, plan: TablePlan) -> dict[str, str]:
        """Side -> student at a table: the roster's names, else the last name given at each seat."""
        given = sittings.given_names(self._query, plan.number)
        out = {}
        for actor in plan.humans:
            name = self.opened.assigned(plan.number, actor) or given.get(actor)
            if name:
                out[actor] = name
        return out

    def replica(self, plan: TablePlan) -> Replica:
        """The table's game as stored, every row checked."""
        replica = Replica(self.opened, plan, self.label)
        replica.catch_up(self.rows(plan.number))
        return replica

    # -- writing ---------------------------------------------------------------------------------

    def open_table(self, table_no: int, now: float | None = None) -> None:
        """A student sat down: the table's turn clock starts now unless it started before."""
        now = time.time() if now is None else now

        def work() -> None:
            self._lock([table_no])
            self._query(
                "INSERT INTO tables (table_no, opened_at, turn_started) VALUES (?, ?, ?) ON CONFLICT (table_no) DO "
                "UPDATE SET turn_started = COALESCE(tables.turn_started, CASE WHEN tables.opened_at IS NULL THEN "
                "excluded.turn_started END), opened_at = COALESCE(tables.opened_at, excluded.opened_at)",
                (table_no, now, now))

        self._write(work)

    def sit(self, plan: TablePlan, actor: str, student: str | None = None, now: float | None = None) -> str | None:
        """A student took ``actor``'s seat (recorded every time); the seat's student name from now on.

        ``student`` is the name they gave (None: none asked); a rostered seat refuses another name.
        """
        at = time.time() if now is None else now
        name = None
        if student is not None:
            try:
                name = clean_name(student, "your name")
                self.opened.check_student(plan.number, actor, name)
            except (RosterError, ClassroomError) as exc:
                raise LiveError(str(exc)) from None

        def work() -> None:
            self._lock([plan.number])  # the name check and the table's moves see one another
            sittings.sit(self._query, plan.number, actor, name, at)

        self._write(work)
        return self.students(plan).get(actor)

    def _insert(self, replica: Replica, trial: Trial, before: tuple[int, int, int, int]) -> None:
        self._insert_many(
            "INSERT INTO moves (table_no, seq, seat, actor, kind, move, state, prev, hash, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(replica.number, row.seq, row.seat, row.move["actor"], row.kind, _json(row.move), _json(row.state),
              row.prev, row.hash, row.at) for row in trial.rows])
        if turn_key(trial.state) != before:
            started = None if trial.state.is_terminal else trial.at
            self._query(
                "INSERT INTO tables (table_no, opened_at, turn_started) VALUES (?, NULL, NULL) "
                "ON CONFLICT (table_no) DO UPDATE SET turn_started = CASE WHEN tables.opened_at IS NULL THEN NULL "
                "ELSE CAST(? AS DOUBLE PRECISION) END", (replica.number, started))

    def commit(self, replica: Replica, build: Builder, *, seen: int | None = None, instructor: bool = False,
               now: float | None = None) -> list[Row]:
        """Play what ``build`` plays on ``replica``'s table, in one transaction; the rows written.

        ``seen`` is how many moves the player had seen: if the table moved on since, the
        move is refused (the player chose without knowing). Paused or ended classes refuse
        every move but the instructor's (and ended ones refuse those too).
        """
        at = time.time() if now is None else now
        trials: list[Trial] = []

        def work() -> None:
            trials.clear()  # a backend may run the work again after a lost connection
            self._lock([replica.number], "share")
            replica.catch_up(self.rows(replica.number, replica.seq))
            if seen is not None and replica.seq != seen:
                raise MoveRefused(f"not recorded: {changed_since(replica.rows[seen:])} first; look at the table and "
                                  "choose again")
            control = self.control()
            if control.ended:
                raise MoveRefused("the instructor has ended the session; no more moves are recorded")
            if control.paused and not instructor:
                raise MoveRefused("the instructor has paused the game; wait until it resumes")
            trial = replica.fork(at)
            before = turn_key(trial.state)
            context = Context(control, self.turn_started(replica.number), at, self.opened.exercise.round_time)
            try:
                build(trial, context)
            except IllegalMove as exc:
                raise MoveRefused(str(exc)) from None
            if trial.rows:
                self._insert(replica, trial, before)
                trials.append(trial)

        self._write(work)
        for trial in trials:
            replica.catch_up(trial.rows)
        return [row for trial in trials for row in trial.rows]

    def play(self, replica: Replica, move: Move, seat: str, *, seen: int | None = None, reason: str = "",
             now: float | None = None) -> list[Row]:
        """A student's move for ``seat`` (their side only), then the computer's answers."""

        def build(trial: Trial, context: Context) -> None:
            if move.actor != seat or move.kind == "event":
                raise IllegalMove(f"you play {seat}; that move is not yours to make")
            trial.play(move, reason, seat)
            trial.advance()

        return self.commit(replica, build, seen=seen, now=now)

    def advance(self, replica: Replica, now: float | None = None) -> list[Row]:
        """Let the computer make its moves when it is to move (it opens some games)."""
        return self.commit(replica, lambda trial, _: trial.advance(), now=now)

    def timeout(self, replica: Replica, now: float | None = None) -> list[Row]:
        """When the side to move has run out of time, pass its turn (rejecting a standing offer)."""

        def build(trial: Trial, context: Context) -> None:
            state = trial.state
            if state.is_terminal or not context.expired() or not state.seats[state.current_actor or ""].human:
                return
            trial.play(timeout_move(state, state.current_actor or ""), TIMEOUT_REASON, SEAT_CLOCK)
            trial.advance()

        return self.commit(replica, build, now=now)

    def broadcast(self, replicas: dict[int, Replica], event_id: str, now: float | None = None) -> list[int]:
        """Break the scenario's event ``event_id`` at every table still playing, all in one transaction.

        A table whose computer is to move lets it move first, so the news always breaks in
        a student's turn. Returns the tables that got the news.
        """
        at = time.time() if now is None else now
        if event_id not in self.opened.game.rules.event_ids:
            raise MoveRefused(f"the scenario has no event '{event_id}'")
        trials: list[tuple[Replica, Trial]] = []

        def work() -> None:
            trials.clear()
            self._lock(sorted(replicas), "share")
            if self.control().ended:
                raise MoveRefused("the session has ended; nothing more can happen at the tables")
            for replica in replicas.values():
                replica.catch_up(self.rows(replica.number, replica.seq))
                if replica.state.is_terminal:
                    continue
                trial = replica.fork(at)
                before = turn_key(trial.state)
                trial.advance()
                if not trial.state.is_terminal:
                    trial.play(Move(trial.state.current_actor or "", "event", event=event_id), BROADCAST_REASON,
                               SEAT_INSTRUCTOR)
                self._insert(replica, trial, before)
                trials.append((replica, trial))

        self._write(work)
        for replica, trial in trials:
            replica.catch_up(trial.rows)
        return [replica.number for replica, _ in trials]

    def set_paused(self, paused: bool, now: float | None = None) -> None:
        """Pause or resume every table; resuming gives each side to move back the time the pause took."""
        at = time.time() if now is None else now

        def work() -> None:
            self._lock([], "update")  # waits for moves in flight; moves after it see the pause
            control = self.control()
            if control.ended:
                raise MoveRefused("the session has ended")
            if paused and not control.paused:
                self._query("UPDATE control SET paused_at = ? WHERE id = 1", (at,))
            elif not paused and control.paused:
                self._query(
                    "UPDATE tables SET turn_started = CASE WHEN turn_started < ? THEN turn_started + ? ELSE ? END "
                    "WHERE turn_started IS NOT NULL", (control.paused_at, at - (control.paused_at or at), at))
                self._query("UPDATE control SET paused_at = NULL WHERE id = 1")

        self._write(work)

    def end(self, now: float | None = None) -> None:
        """End the session: from now on every move is refused (the games stay as they are)."""
        at = time.time() if now is None else now

        def work() -> None:
            self._lock([], "update")
            self._query("UPDATE control SET ended_at = COALESCE(ended_at, ?), paused_at = NULL WHERE id = 1", (at,))

        self._write(work)
