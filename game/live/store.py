"""The shared game store of a live class: one SQLite file, the only record of every live game.

``DIR/live.sqlite`` holds one row per move: its table, sequence number, the seat that
entered it (a side's student, the computer, the clock or the instructor), the move, the
state it left, and the hash chain of the exercise logs (:mod:`game.classroom.chain`), so a
row is exactly the entry the table's exported log will carry. ``UNIQUE(table_no, seq)``
means two moves can never take the same place, and triggers make the rows append-only.
Beside the moves, every time a student takes a seat is recorded (:mod:`.sittings`), with
the name they gave: the names sealed into each table's exported log.

Every write is one transaction: ``BEGIN IMMEDIATE`` (the write lock, up front), replay
what other processes committed, validate the move against that state, insert, commit.
Anything that fails rolls the whole transaction back, so a move is recorded whole or not
at all. The file runs in WAL mode, so readers (the screens polling for the other side's
moves) never wait for a writer, with ``synchronous=FULL``: each commit reaches the disk
before the player is told the move was made, so even a power cut of the instructor's
machine loses no move anyone saw (NORMAL would survive a killed process but not that, and
a class makes a few moves a second, far below what FULL costs).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from game.classroom.exercise import ClassroomError, OpenExercise, TablePlan
from game.classroom.play import TIMEOUT_REASON, timeout_move
from game.classroom.roster import RosterError, clean_name
from game.engine import IllegalMove, Move

from . import sittings
from .errors import LiveError, MoveRefused, StoreError
from .schema import SCHEMA, SCHEMA_VERSION, retry_while_locked
from .tables import (
    SEAT_CLOCK,
    SEAT_INSTRUCTOR,
    STORE_FILE,
    Builder,
    Context,
    Control,
    Replica,
    Row,
    Trial,
    changed_since,
    turn_key,
)

#: Seconds a writer waits for the write lock before its move is refused as "busy".
BUSY_TIMEOUT = 10.0
BROADCAST_REASON = "news sent to every table by the instructor"


def _json(data: dict[str, Any]) -> str:
    """Compact JSON in the engine's key order (packages read issue by issue); hashes use canonical JSON."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class Store:
    """A connection to ``DIR/live.sqlite``; one per process (and per thread)."""

    def __init__(self, opened: OpenExercise, path: Path | None = None, busy_timeout: float = BUSY_TIMEOUT):
        self.opened = opened
        self.path = path or opened.folder / STORE_FILE
        self.busy_timeout = busy_timeout
        try:
            self.db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
            mode = self._wal()
            self.db.execute("PRAGMA synchronous=FULL")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the live store ({exc})") from None
        if str(mode).lower() != "wal":
            raise StoreError(f"{self.path}: the live store needs WAL mode, but the file system refused it ({mode})")
        try:
            with self.transaction():
                for statement in SCHEMA + sittings.SITTINGS_SCHEMA:
                    self.db.execute(statement)
                found = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
                ex = self.opened.exercise
                if not found:
                    self.db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
                        ("schema", SCHEMA_VERSION), ("exercise", ex.id), ("scenario_hash", ex.scenario.hash)])
                elif found.get("exercise") != ex.id or found.get("scenario_hash") != ex.scenario.hash:
                    raise StoreError(f"{self.path}: this store belongs to another exercise "
                                     f"({found.get('exercise')}); move it away to start a new live class")
                elif found.get("schema") != SCHEMA_VERSION:
                    raise StoreError(f"{self.path}: written by another version of Parley (schema "
                                     f"{found.get('schema')}, this one reads {SCHEMA_VERSION})")
        except sqlite3.Error as exc:
            self.db.close()
            raise StoreError(f"{self.path}: not a usable live store ({exc})") from None
        except StoreError:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def _wal(self) -> str:
        """Switch the file to WAL, retrying while other connections hold it; the journal mode it ends in.

        A class starting at once opens a fresh store from many processes: turning it to WAL
        takes an exclusive lock, for which SQLite does not wait, so without retries most
        of them would fail with "database is locked" (or find the old mode still set).
        A refusal that is not about the lock (a file system without shared memory) stays the
        same: it is reported after a second, not the whole busy timeout.
        """
        patient_until = time.monotonic() + 1.0

        def attempt() -> str | None:
            mode = str(self.db.execute("PRAGMA journal_mode=WAL").fetchone()[0]).lower()
            return mode if mode == "wal" or time.monotonic() > patient_until else None

        return retry_while_locked(attempt, self.busy_timeout, longest_sleep=0.02)

    def _begin(self) -> None:
        """``BEGIN IMMEDIATE``, retried every few milliseconds while another writer holds the lock.

        SQLite's own busy handler backs off to 100 ms sleeps, so under a burst of moves a
        writer could sleep through many free moments (a second and more in the 30-table
        benchmark); short, jittered retries take the lock within milliseconds of its release.
        """
        self.db.execute("PRAGMA busy_timeout = 0")
        try:
            retry_while_locked(lambda: self.db.execute("BEGIN IMMEDIATE"), self.busy_timeout, longest_sleep=0.005)
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; any exception rolls everything back."""
        self._begin()
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    # -- reading ---------------------------------------------------------------------------------

    def data_version(self) -> int:
        """Changes whenever another connection commits: a free change counter for polling."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def rows(self, table_no: int, after: int = 0) -> list[Row]:
        cursor = self.db.execute(
            "SELECT seq, seat, move, state, prev, hash, at FROM moves WHERE table_no = ? AND seq > ? ORDER BY seq",
            (table_no, after))
        return [Row(seq, seat, json.loads(move), json.loads(state), prev, digest, at)
                for seq, seat, move, state, prev, digest, at in cursor]

    def control(self) -> Control:
        paused_at, ended_at = self.db.execute("SELECT paused_at, ended_at FROM control WHERE id = 1").fetchone()
        return Control(paused_at, ended_at)

    def turn_started(self, table_no: int) -> float | None:
        found = self.db.execute("SELECT turn_started FROM tables WHERE table_no = ?", (table_no,)).fetchone()
        return None if found is None else found[0]

    def clocks(self) -> dict[int, float | None]:
        return dict(self.db.execute("SELECT table_no, turn_started FROM tables").fetchall())

    def opened_tables(self) -> set[int]:
        return {n for (n,) in self.db.execute("SELECT table_no FROM tables WHERE opened_at IS NOT NULL")}

    def move_counts(self) -> dict[int, int]:
        return dict(self.db.execute("SELECT table_no, MAX(seq) FROM moves GROUP BY table_no").fetchall())

    def students(self, plan: TablePlan) -> dict[str, str]:
        """Side -> student at a table: the roster's names, else the last name given at each seat."""
        given = sittings.given_names(self.db, plan.number)
        out = {}
        for actor in plan.humans:
            name = self.opened.assigned(plan.number, actor) or given.get(actor)
            if name:
                out[actor] = name
        return out

    def replica(self, plan: TablePlan) -> Replica:
        """The table's game as stored, every row checked."""
        replica = Replica(self.opened, plan)
        replica.catch_up(self.rows(plan.number))
        return replica

    # -- writing ---------------------------------------------------------------------------------

    def _write(self, work: Callable[[], Any]) -> Any:
        """Run ``work`` in one transaction, turning SQLite's refusals into :class:`MoveRefused`."""
        try:
            with self.transaction():
                return work()
        except sqlite3.IntegrityError:
            raise MoveRefused("another move took that place first; look at the table and choose again") from None
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise MoveRefused("the game store is busy (many moves at once); make the move again") from None
            raise StoreError(f"{self.path}: {exc}") from None
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from None

    def open_table(self, table_no: int, now: float | None = None) -> None:
        """A student sat down: the table's turn clock starts now unless it started before."""
        now = time.time() if now is None else now
        self._write(lambda: self.db.execute(
            "INSERT INTO tables (table_no, opened_at, turn_started) VALUES (?, ?, ?) ON CONFLICT (table_no) DO "
            "UPDATE SET turn_started = COALESCE(turn_started, CASE WHEN opened_at IS NULL THEN excluded.turn_started "
            "END), opened_at = COALESCE(opened_at, excluded.opened_at)", (table_no, now, now)))

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
        self._write(lambda: sittings.sit(self.db, plan.number, actor, name, at))
        return self.students(plan).get(actor)

    def _insert(self, replica: Replica, trial: Trial, before: tuple[int, int, int, int]) -> None:
        self.db.executemany(
            "INSERT INTO moves (table_no, seq, seat, actor, kind, move, state, prev, hash, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(replica.number, row.seq, row.seat, row.move["actor"], row.kind, _json(row.move), _json(row.state),
              row.prev, row.hash, row.at) for row in trial.rows])
        if turn_key(trial.state) != before:
            started = None if trial.state.is_terminal else trial.at
            self.db.execute(
                "INSERT INTO tables (table_no, opened_at, turn_started) VALUES (?, NULL, NULL) "
                "ON CONFLICT (table_no) DO UPDATE SET turn_started = CASE WHEN opened_at IS NULL THEN NULL "
                "ELSE ? END", (replica.number, started))

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
            control = self.control()
            if control.ended:
                raise MoveRefused("the session has ended")
            if paused and not control.paused:
                self.db.execute("UPDATE control SET paused_at = ? WHERE id = 1", (at,))
            elif not paused and control.paused:
                self.db.execute(
                    "UPDATE tables SET turn_started = CASE WHEN turn_started < ? THEN turn_started + ? ELSE ? END "
                    "WHERE turn_started IS NOT NULL", (control.paused_at, at - (control.paused_at or at), at))
                self.db.execute("UPDATE control SET paused_at = NULL WHERE id = 1")

        self._write(work)

    def end(self, now: float | None = None) -> None:
        """End the session: from now on every move is refused (the games stay as they are)."""
        at = time.time() if now is None else now
        self._write(lambda: self.db.execute(
            "UPDATE control SET ended_at = COALESCE(ended_at, ?), paused_at = NULL WHERE id = 1", (at,)))
