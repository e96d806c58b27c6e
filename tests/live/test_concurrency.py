"""Many writers at once never corrupt a table's sequence: threads and processes, both seats, stale views."""

from __future__ import annotations

import json
import random
import subprocess
import threading
import traceback
from pathlib import Path

from game.engine import State
from game.live import LiveError, LiveSession, MoveRefused, open_store
from game.live.locate import STORE_RECORD

from .conftest import Backend
from .helpers import PLAYER, PYTHON, ROOT, choose, seat_codes


def check_table(opened, number: int) -> State:
    """The stored moves are 1..n with no gap or repeat, chain and replay check out (Store.replica)."""
    store = open_store(opened)
    rows = store.rows(number)
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    replica = store.replica(opened.exercise.table(number))  # raises unless every row replays to its hash
    store.close()
    return replica.state


def test_threads_hammering_both_seats_of_one_table(tmp_path: Path, backend: Backend) -> None:
    opened = backend.exercise(tmp_path / "ex", "--tables", "1", "--seed", "31")
    plan = opened.exercise.tables[0]
    made: list[int] = []
    refused: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(12, timeout=30)
    crashed: list[str] = []

    def hammer(n: int) -> None:
        try:
            play_on(n)
        except BaseException:  # a thread's exception is otherwise only printed: fail the test with it
            start.abort()
            crashed.append(traceback.format_exc())

    def play_on(n: int) -> None:
        actor = plan.humans[n % 2]
        session = LiveSession(open_store(opened), plan, actor)
        rng = random.Random(n)
        start.wait()
        for _ in range(60):
            if session.state.is_terminal:
                break
            if rng.random() < 0.7:
                session.poll()  # sometimes look, sometimes move on a stale view
            if session.state.current_actor != actor:
                continue
            try:
                session.play(choose(session.state, actor, rng))
                with lock:
                    made.append(len(session.state.history))
            except MoveRefused as exc:
                with lock:
                    refused.append(str(exc))
        session.close()

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not crashed, crashed[0]
    state = check_table(opened, 1)
    assert len(made) == len(state.history) > 0  # every accepted move is stored, once
    assert refused, "twelve writers on one table should have collided at least once"
    assert all("busy" not in reason for reason in refused)


def test_a_class_opening_a_fresh_store_at_once(tmp_path: Path, backend: Backend) -> None:
    # Turning a new file to WAL takes a lock SQLite does not wait for: every opener must retry, not fail.
    # A fresh PostgreSQL database gets its tables created once, under an advisory lock, whoever comes first.
    opened = backend.exercise(tmp_path / "ex", "--tables", "1", "--seed", "33")
    for _ in range(15 if backend.cluster is None else 3):
        for leftover in opened.folder.glob("live.sqlite*"):
            leftover.unlink()
        if backend.cluster is not None:
            record = opened.folder / STORE_RECORD
            record.write_text(json.dumps({"store": backend.cluster.new_database()}), encoding="utf-8")
        start = threading.Barrier(12, timeout=30)
        failed: list[str] = []

        def open_it(start: threading.Barrier = start, failed: list[str] = failed) -> None:
            start.wait()
            try:
                open_store(opened).close()
            except LiveError as exc:
                failed.append(str(exc))

        threads = [threading.Thread(target=open_it) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert not failed, failed[0]
    check_table(opened, 1)


def test_processes_hammering_tables_at_once(tmp_path: Path, backend: Backend) -> None:
    opened = backend.exercise(tmp_path / "ex", "--tables", "3", "--seed", "32")
    codes = seat_codes(opened)
    open_store(opened).close()
    players = [subprocess.Popen([PYTHON, str(PLAYER), str(opened.folder), code], cwd=ROOT, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for seats in codes.values() for code in seats.values() for _ in range(2)]  # two tabs a seat
    made = 0
    for player in players:
        out, err = player.communicate(timeout=60)
        assert player.returncode == 0, err
        made += out.count("MOVE ")
    total = 0
    for plan in opened.exercise.tables:
        state = check_table(opened, plan.number)
        assert state.is_terminal
        total += len(state.history)
    assert made == total
