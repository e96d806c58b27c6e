"""The store's contract, on both backends (SQLite, and the PostgreSQL server the suite starts): one
row per move, refusing whatever it should refuse whole, and keeping the clock and the class-wide
switches; then what only one backend has (SQLite's WAL file, PostgreSQL's notifications)."""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from game.classroom import chain
from game.engine import Move
from game.live import LiveSession, MoveRefused, StoreError, open_store
from game.live.locate import STORE_RECORD
from game.live.postgres import Listener
from game.live.tables import SEAT_CLOCK, STORE_FILE

from .conftest import Backend
from .helpers import choose, new_exercise


@pytest.fixture()
def opened(tmp_path: Path, backend: Backend):
    return backend.exercise(tmp_path / "ex", "--tables", "3", "--seed", "21", "--vs-computer", "adaptive",
                        "--computer-tables", "3", "--round-time", "30")


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def seats(opened, number: int, clock: Clock | None = None) -> dict[str, LiveSession]:
    plan = opened.exercise.table(number)
    return {actor: LiveSession(open_store(opened), plan, actor, clock=clock or Clock()) for actor in plan.humans}


def test_a_unique_place_per_move_and_append_only_rows(opened, backend: Backend) -> None:
    raw = backend.raw(opened)
    at = seats(opened, 1)
    mover = next(s for s in at.values() if not s.waiting)
    mover.play(Move(mover.seat or "", "pass"))
    (row,) = raw.execute("SELECT table_no, seq, seat, actor, kind, move, state, prev, hash, at FROM moves")
    with pytest.raises(raw.errors, match=r"(?i)unique|duplicate"):
        raw.execute("INSERT INTO moves (table_no, seq, seat, actor, kind, move, state, prev, hash, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
    for statement in ("UPDATE moves SET seat = 'pk'", "DELETE FROM moves", "UPDATE sittings SET student = 'M'",
                      "DELETE FROM sittings"):
        with pytest.raises(raw.errors, match="append-only"):
            raw.execute(statement)
    if backend.name == "postgresql":
        for table in ("moves", "sittings"):
            with pytest.raises(raw.errors, match="append-only"):
                raw.execute(f"TRUNCATE {table}")
    raw.close()


def test_sqlite_is_wal_with_full_sync(tmp_path: Path) -> None:
    opened = new_exercise(tmp_path / "ex", "--tables", "1", "--seed", "21")
    store = open_store(opened)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'moves'").fetchone()[0]
    assert "UNIQUE (table_no, seq)" in sql


def test_postgresql_commits_synchronously_and_tells_listeners(tmp_path: Path, postgres,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    opened = Backend("postgresql", postgres).exercise(tmp_path / "ex", "--tables", "2", "--seed", "21")
    store = open_store(opened)
    assert store.backend == "postgresql"
    assert store._query("SHOW synchronous_commit") == [("on",)]
    watcher = open_store(opened)
    before, elsewhere = watcher.data_version(), watcher.data_version(2)
    assert watcher.data_version() == before  # nothing happened: no notification, no change
    assert watcher.listener.listening
    (seat,) = [s for s in seats(opened, 1).values() if not s.waiting]
    seat.play(Move(seat.seat or "", "pass"))
    wait_for(lambda: watcher.data_version() != before and watcher.data_version(1) != before,
             "no notification of the move")
    assert watcher.data_version(2) == elsewhere  # table 2's screens need not look
    watcher.set_paused(True)
    wait_for(lambda: watcher.data_version(2) != elsewhere, "no notification of the pause")
    # Without LISTEN (a pooler in transaction mode, say) every look reads: polling.
    monkeypatch.setenv("PARLEY_STORE_POLL", "1")
    deaf = Listener(watcher.url)
    assert deaf.version(1) != deaf.version(1) and not deaf.listening


def wait_for(condition, what: str, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def test_rows_carry_the_exercise_logs_hash_chain(opened) -> None:
    at = seats(opened, 1)
    for _ in range(4):
        mover = next(s for s in at.values() if not s.waiting)
        other = next(s for s in at.values() if s is not mover)
        mover.play(choose(mover.state, mover.seat or "", random.Random(1)))
        other.poll()
    rows = open_store(opened).rows(1)
    replica = open_store(opened).replica(opened.exercise.table(1))
    entries = [{"seq": r.seq, "move": r.move, "state": r.state} for r in rows]
    assert chain.chain(replica.header, entries) == [r.hash for r in rows]
    assert [r.seat for r in rows] == [r.move["actor"] for r in rows]


def test_a_seat_moves_only_for_its_own_side_and_only_in_its_turn(opened) -> None:
    at = seats(opened, 1)
    mover = next(s for s in at.values() if not s.waiting)
    waiter = next(s for s in at.values() if s.waiting)
    with pytest.raises(MoveRefused, match="not yours"):
        waiter.play(Move(mover.seat or "", "pass"))
    with pytest.raises(MoveRefused, match="turn"):
        waiter.play(Move(waiter.seat or "", "walk"))
    with pytest.raises(MoveRefused, match="not yours"):
        mover.store.play(mover.replica, Move(mover.seat or "", "event", event="thaw"), mover.seat or "")
    assert open_store(opened).rows(1) == []


def test_a_move_chosen_on_a_stale_table_is_refused_whole(opened) -> None:
    at = seats(opened, 1)
    mover = next(s for s in at.values() if not s.waiting)
    twin = LiveSession(open_store(opened), mover.plan, mover.seat, clock=mover.clock)  # the same student, a second tab
    mover.play(Move(mover.seat or "", "pass"))
    with pytest.raises(MoveRefused, match="the other side moved first"):
        twin.play(Move(mover.seat or "", "walk"))
    assert len(open_store(opened).rows(1)) == 1
    assert [r.move.kind for r in twin.poll()] == ["pass"]


def test_pause_and_end_refuse_moves_and_stop_the_clock(opened) -> None:
    clock = Clock()
    at = seats(opened, 1, clock)
    mover = next(s for s in at.values() if not s.waiting)
    admin = open_store(opened)
    clock.now += 10
    admin.set_paused(True, now=clock.now)
    mover.poll()
    assert mover.paused and mover.waiting
    with pytest.raises(MoveRefused, match="paused"):
        mover.play(Move(mover.seat or "", "pass"))
    clock.now += 500  # a long pause costs no time
    assert mover.time_left() == pytest.approx(20)
    admin.set_paused(False, now=clock.now)
    mover.poll()
    assert mover.time_left() == pytest.approx(20) and not mover.waiting
    admin.end(now=clock.now)
    mover.poll()
    with pytest.raises(MoveRefused, match="ended"):
        mover.play(Move(mover.seat or "", "pass"))
    with pytest.raises(MoveRefused, match="ended"):
        admin.broadcast({1: admin.replica(opened.exercise.table(1))}, opened.scenario.events[0].id)
    assert admin.rows(1) == []


def test_time_out_is_played_once_whoever_notices(opened) -> None:
    clock = Clock()
    at = seats(opened, 1, clock)
    mover = next(s for s in at.values() if not s.waiting)
    waiter = next(s for s in at.values() if s.waiting)
    clock.now += 29
    assert waiter.poll() == [] and mover.poll() == []
    clock.now += 2
    records = waiter.poll()  # the other side's process notices first and plays the time-out
    assert [(r.move.actor, r.move.kind, r.reason) for r in records] == [(mover.seat, "pass", "time ran out")]
    assert [r.move.kind for r in mover.poll()] == ["pass"]
    rows = open_store(opened).rows(1)
    assert len(rows) == 1 and rows[0].seat == SEAT_CLOCK
    assert mover.time_left() == pytest.approx(30) and waiter.time_left() == pytest.approx(30)


def test_a_computer_table_answers_in_the_students_transaction(opened) -> None:
    (student,) = seats(opened, 3).values()
    student.advance()  # Pakistan's computer opens
    first = open_store(opened).rows(3)
    assert [r.seat for r in first] == ["computer"]
    student.play(Move(student.seat or "", "reject"))
    rows = open_store(opened).rows(3)
    assert [r.seat for r in rows][:2] == ["computer", student.seat]
    # The computer answered in the same transaction: after it, the student is to move again (a crisis that
    # broke with the round's news may hit the student first, and then the computer has not moved yet).
    state = student.state
    assert state.is_terminal or state.current_actor == student.seat
    assert rows[-1].seat == "computer" or state.crisis is not None


def test_a_store_changed_by_hand_or_of_another_exercise_is_refused(opened, backend: Backend,
                                                                 tmp_path: Path) -> None:
    at = seats(opened, 1)
    mover = next(s for s in at.values() if not s.waiting)
    mover.play(Move(mover.seat or "", "pass"))
    raw = backend.raw(opened)
    if backend.name == "sqlite":
        raw.execute("DROP TRIGGER moves_no_update")
    else:
        raw.execute("ALTER TABLE moves DISABLE TRIGGER moves_append_only")
    raw.execute("UPDATE moves SET move = replace(move, 'pass', 'walk')")
    raw.close()
    with pytest.raises(StoreError, match="does not match its hash"):
        open_store(opened).replica(opened.exercise.table(1))
    other = new_exercise(tmp_path / "other", "--tables", "1", "--seed", "2")
    if backend.name == "sqlite":
        source, copy = sqlite3.connect(opened.folder / STORE_FILE), sqlite3.connect(other.folder / STORE_FILE)
        source.backup(copy)
        source.close()
        copy.close()
    else:  # the other class pointed at this class's database
        shutil.copy(opened.folder / STORE_RECORD, other.folder / STORE_RECORD)
    with pytest.raises(StoreError, match="another exercise"):
        open_store(other)


def test_the_folder_records_one_store_without_its_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.live import LiveError
    from game.live.locate import ENVIRONMENT, check_url, chosen, record, recorded

    opened = new_exercise(tmp_path / "ex", "--tables", "1", "--seed", "21")
    assert chosen(opened) is None  # nothing said: the embedded SQLite file
    record(opened, "postgresql://teacher:s3cret@db.example.edu/week1")
    assert "s3cret" not in (opened.folder / STORE_RECORD).read_text(encoding="utf-8")
    assert recorded(opened) == "postgresql://teacher@db.example.edu/week1"
    monkeypatch.setenv(ENVIRONMENT, "postgresql://teacher:s3cret@db.example.edu/week1")
    assert chosen(opened) == "postgresql://teacher:s3cret@db.example.edu/week1"  # the password comes from here
    monkeypatch.setenv(ENVIRONMENT, "postgresql://teacher@db.example.edu/week2")
    with pytest.raises(StoreError, match="store is postgresql://teacher@db"):
        open_store(opened)
    with pytest.raises(LiveError, match="PostgreSQL URL"):
        check_url("mysql://db/week1")
