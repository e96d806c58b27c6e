"""Load: 30 tables, 60 students' worth of moves (threads) on one store, no move lost or duplicated.

Not timed: ``benchmarks/live.py`` prints moves per second and the slowest move's latency.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

from game.live import LiveSession, MoveRefused, open_store

from .helpers import choose, new_exercise
from .test_concurrency import check_table


def test_thirty_tables_at_once(tmp_path: Path) -> None:
    opened = new_exercise(tmp_path / "ex", "--tables", "30", "--seed", "71")
    open_store(opened).close()
    recorded: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    go = threading.Event()

    def student(number: int, actor: str) -> None:
        try:
            deadline = time.monotonic() + 240
            while True:  # sitting down is a write too: a busy store refuses it, and the student tries again
                try:
                    session = LiveSession(open_store(opened), opened.exercise.table(number), actor)
                    break
                except MoveRefused:
                    assert time.monotonic() < deadline, "the store refused a seat for four minutes"
            rng = random.Random(f"{number}{actor}")
            made = 0
            go.wait()
            deadline = time.monotonic() + 240
            while not session.state.is_terminal and time.monotonic() < deadline:
                session.poll()
                if session.state.is_terminal:
                    break
                if session.waiting:
                    time.sleep(0.02)
                    continue
                try:
                    session.play(choose(session.state, actor, rng))
                    made += 1
                except MoveRefused:
                    continue
            with lock:
                recorded.append(made)
            session.close()
        except BaseException as exc:  # reported below, with the thread's table
            errors.append(exc)

    threads = [threading.Thread(target=student, args=(plan.number, actor))
               for plan in opened.exercise.tables for actor in plan.humans]
    for thread in threads:
        thread.start()
    go.set()
    for thread in threads:
        thread.join(300)
    assert not errors, errors[0]
    assert len(recorded) == 60
    stored = 0
    for plan in opened.exercise.tables:
        state = check_table(opened, plan.number)
        assert state.is_terminal
        stored += len(state.history)
    assert stored == sum(recorded)  # every move a student was told was made is stored, exactly once
