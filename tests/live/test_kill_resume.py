"""Nothing is lost: a player's process killed (SIGKILL) at any moment, even inside a transaction,
loses no move it was told was recorded, and a new process resumes the game where the store has it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

from game.live import open_store

from .conftest import Backend
from .helpers import PLAYER, PYTHON, ROOT, seat_codes
from .test_concurrency import check_table


def player(folder: Path, code: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([PYTHON, str(PLAYER), str(folder), code, *extra], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def read_until(process: subprocess.Popen[str], count: int, timeout: float = 30) -> list[str]:
    """Lines of ``process`` until it has reported ``count`` moves made."""
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while sum(line.startswith("MOVE") for line in lines) < count:
        assert time.monotonic() < deadline, lines
        line = process.stdout.readline()
        assert line, f"the player stopped early: {lines}"
        lines.append(line.strip())
    return lines


def test_a_killed_player_resumes_with_every_committed_move(tmp_path: Path, backend: Backend) -> None:
    opened = backend.exercise(tmp_path / "ex", "--tables", "1", "--seed", "41")
    codes = seat_codes(opened)[1]
    open_store(opened).close()
    us = player(opened.folder, codes["us"], "--pause", "0.05")
    pk = player(opened.folder, codes["pk"], "--pause", "0.05")
    told = read_until(us, 2)
    os.kill(us.pid, signal.SIGKILL)
    us.wait(10)
    store = open_store(opened)
    stored = len(store.rows(1))
    promised = [int(line.split()[1]) for line in told if line.startswith("MOVE")]
    assert max(promised) <= stored  # every move the player was told about is in the store
    check_table(opened, 1)
    again = player(opened.folder, codes["us"], "--pause", "0.05")
    joined = again.stdout.readline().split() if again.stdout else []
    assert joined[:3] == ["JOINED", "1", "us"] and int(joined[-1]) >= stored  # resumed, nothing replayed twice
    for process in (again, pk):
        out, _ = process.communicate(timeout=60)
        assert process.returncode == 0 and "DONE" in out
    assert check_table(opened, 1).is_terminal


def test_killing_writers_mid_transaction_never_corrupts_the_store(tmp_path: Path, backend: Backend) -> None:
    """Writers killed at random instants, many times over: the store always replays, gap-free."""
    opened = backend.exercise(tmp_path / "ex", "--tables", "3", "--seed", "42")
    codes = seat_codes(opened)
    open_store(opened).close()
    rng = random.Random(5)
    # Fewer rounds on PostgreSQL, whose server restarts nothing between them: each round costs ~4 s of spawning.
    for _ in range(6 if backend.cluster is None else 4):
        writers = [player(opened.folder, code, "--pause", "0.01")
                   for seats in codes.values() for code in seats.values()]
        time.sleep(rng.uniform(0.4, 0.8))  # startup takes ~0.3 s; then they write every ~10 ms
        for process in writers:
            os.kill(process.pid, signal.SIGKILL)
        for process in writers:
            process.wait(10)
        for plan in opened.exercise.tables:
            check_table(opened, plan.number)
    final = [player(opened.folder, code) for seats in codes.values() for code in seats.values()]
    for process in final:
        out, _ = process.communicate(timeout=60)
        assert process.returncode == 0 and "DONE" in out
    assert all(check_table(opened, plan.number).is_terminal for plan in opened.exercise.tables)
