"""The store: a real SQLite file in WAL mode, one row per move, refusing whatever it should refuse
whole, and keeping the clock and the class-wide switches."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from game.classroom import chain
from game.engine import Move
from game.live import LiveSession, MoveRefused, Store, StoreError
from game.live.tables import SEAT_CLOCK, STORE_FILE

from .helpers import choose, new_exercise


@pytest.fixture()
def opened(tmp_path: Path):
    return new_exercise(tmp_path / "ex", "--tables", "3", "--seed", "21", "--vs-computer", "adaptive",
                        "--computer-tables", "3", "--round-time", "30")


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def seats(opened, number: int, clock: Clock | None = None) -> dict[str, LiveSession]:
    plan = opened.exercise.table(number)
    return {actor: LiveSession(Store(opened), plan, actor, clock=clock or Clock()) for actor in plan.humans}


def test_the_store_is_wal_with_full_sync_and_a_unique_place_per_move(opened) -> None:
    store = Store(opened)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'moves'").fetchone()[0]
    assert "UNIQUE (table_no, seq)" in sql
    at = seats(opened, 1)
    mover = next(s for s in at.values() if not s.waiting)
    mover.play(Move(mover.seat or "", "pass"))
    row = store.db.execute("SELECT table_no, seq, seat, actor, kind, move, state, prev, hash, at FROM moves").fetchone()
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO moves (table_no, seq, seat, actor, kind, move, state, prev, hash, at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE moves SET seat = 'pk'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM moves")


def test_rows_carry_the_exercise_logs_hash_chain(opened) -> None:
    at = seats(opened, 1)
    for _ in range(4):
        mover = next(s for s in at.values() if not s.waiting)
        other = next(s for s in at.values() if s is not mover)
        mover.play(choose(mover.state, mover.seat or "", random.Random(1)))
        other.poll()
    rows = Store(opened).rows(1)
    replica = Store(opened).replica(opened.exercise.table(1))
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
    assert Store(opened).rows(1) == []


def test_a_move_chosen_on_a_stale_table_is_refused_whole(opened) -> None:
    at = seats(opened, 1)
    mover = next(s for s in at.values() if not s.waiting)
    twin = LiveSession(Store(opened), mover.plan, mover.seat, clock=mover.clock)  # the same student, a second tab
    mover.play(Move(mover.seat or "", "pass"))
    with pytest.raises(MoveRefused, match="the other side moved first"):
        twin.play(Move(mover.seat or "", "walk"))
    assert len(Store(opened).rows(1)) == 1
    assert [r.move.kind for r in twin.poll()] == ["pass"]


def test_pause_and_end_refuse_moves_and_stop_the_clock(opened) -> None:
    clock = Clock()
    at = seats(opened, 1, clock)
    mover = next(s for s in at.values() if not s.waiting)
    admin = Store(opened)
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
    rows = Store(opened).rows(1)
    assert len(rows) == 1 and rows[0].seat == SEAT_CLOCK
    assert mover.time_left() == pytest.approx(30) and waiter.time_left() == pytest.approx(30)


def test_a_computer_table_answers_in_the_students_transaction(opened) -> None:
    (student,) = seats(opened, 3).values()
    student.advance()  # Pakistan's computer opens
    first = Store(opened).rows(3)
    assert [r.seat for r in first] == ["computer"]
    student.play(Move(student.seat or "", "reject"))
    rows = Store(opened).rows(3)
    assert [r.seat for r in rows] == ["computer", student.seat, "computer"]


def test_a_store_changed_by_hand_or_of_another_exercise_is_refused(opened, tmp_path: Path) -> None:
    at = seats(opened, 1)
    mover = next(s for s in at.values() if not s.waiting)
    mover.play(Move(mover.seat or "", "pass"))
    db = sqlite3.connect(opened.folder / STORE_FILE)
    db.execute("DROP TRIGGER moves_no_update")
    db.execute("UPDATE moves SET move = replace(move, 'pass', 'walk')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="does not match its hash"):
        Store(opened).replica(opened.exercise.table(1))
    other = new_exercise(tmp_path / "other", "--tables", "1", "--seed", "2")
    source, copy = sqlite3.connect(opened.folder / STORE_FILE), sqlite3.connect(other.folder / STORE_FILE)
    source.backup(copy)
    source.close()
    copy.close()
    with pytest.raises(StoreError, match="another exercise"):
        Store(other)
