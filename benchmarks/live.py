"""Load on the live store: 30 tables, 60 students' worth of moves on one SQLite file (never asserted).

    .venv/bin/python benchmarks/live.py [--tables 30] [--mode processes|threads] [--think 0.0] [--poll 0.25]

Each student is a process of its own (as each browser tab is under ``parley serve``), or a
thread with ``--mode threads``; each plays its seat through a :class:`LiveSession` as fast
as it can (or with ``--think`` seconds before each move), polling the store between turns
as the screens do (every ``--poll`` seconds).
Printed: moves per second over the whole run, the latency of a move (from the call to
the commit, computer answers included) at the median, 95th percentile and worst, and a
check that no move was lost or duplicated: every table's rows are 1..n with no gap, replay
to their hashes, and number exactly the moves the students were told were recorded.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.classroom import open_exercise  # noqa: E402
from game.classroom.files import create_exercise  # noqa: E402
from game.engine import Move, State  # noqa: E402
from game.live import LiveSession, MoveRefused, open_store  # noqa: E402
from game.scenario import bundled_paths, load_or_raise  # noqa: E402


def choose(state: State, me: str, rng: random.Random) -> Move:
    """Concede down one's own ranking of the packages both sides accept; take an offer from round 3."""
    if state.crisis is not None:  # a crisis that hit this side waits for its answer first
        return Move(me, "answer", event=state.crisis, response=state.answers()[0])
    rules = state.rules
    theirs = state.standing_offer(state.scenario.other(me).id)
    if theirs is not None and state.why_illegal(Move(me, "accept")) is None and (
            state.round >= 3 or state.utility(me, theirs) >= state.reservation(me)):
        return Move(me, "accept")
    utility = rules.utility_table(state.index(me), state.weights(me))
    allowed = np.flatnonzero(~rules.forbidden[0] & ~rules.forbidden[1])
    ranked = allowed[np.argsort(-utility[allowed], kind="stable")]
    pick = ranked[min(len(ranked) - 1, 2 * (state.round - 1) + rng.randrange(2))]
    return Move(me, "propose", package=rules.choice_of(int(pick)))


def play_seat(folder: str, number: int, actor: str, think: float, poll: float, gate: str) -> tuple[list[float], int]:
    """Play one seat to the end once every student is seated; (latency of each recorded move, refusals)."""
    opened = open_exercise(Path(folder))
    # Seated with a name, as a student signing in is: the sitting is a write of its own.
    session = LiveSession(open_store(opened), opened.exercise.table(number), actor, student=f"Student {number}-{actor}")
    rng = random.Random(f"{number}-{actor}")
    latencies: list[float] = []
    refused = 0
    (Path(gate) / f"ready-{number}-{actor}").touch()
    while not (Path(gate) / "go").exists():
        time.sleep(0.002)
    while not session.state.is_terminal:
        session.poll()
        if session.state.is_terminal:
            break
        if session.waiting:
            time.sleep(poll)
            continue
        if think:
            time.sleep(think)
        move = choose(session.state, actor, rng)
        began = time.perf_counter()
        try:
            session.play(move)
        except MoveRefused:
            refused += 1
            continue
        latencies.append(time.perf_counter() - began)
    session.close()
    return latencies, refused


def _process_seat(args: tuple[str, int, str, float, float, str]) -> tuple[list[float], int]:
    return play_seat(*args)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=30)
    parser.add_argument("--mode", choices=("processes", "threads"), default="processes")
    parser.add_argument("--think", type=float, default=0.0, help="seconds each student waits before a move")
    parser.add_argument("--poll", type=float, default=0.25,
                        help="seconds between a waiting student's looks at the store (the screens' 0.25 by default)")
    args = parser.parse_args()
    scenario_path = bundled_paths()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        opened = create_exercise(folder, load_or_raise(scenario_path), scenario_path, args.tables, 7)
        open_store(opened).close()
        seats = [(str(folder), plan.number, actor) for plan in opened.exercise.tables for actor in plan.humans]
        gate = Path(tmp) / "gate"
        gate.mkdir()
        jobs = [(f, n, a, args.think, args.poll, str(gate)) for f, n, a in seats]

        def open_the_gate() -> float:
            """Wait until every student has joined, then let them all play at once; the start time."""
            while len(list(gate.glob("ready-*"))) < len(jobs):
                time.sleep(0.01)
            start = time.perf_counter()
            (gate / "go").touch()
            return start

        if args.mode == "processes":
            with multiprocessing.get_context("spawn").Pool(len(jobs)) as pool:
                pending = pool.map_async(_process_seat, jobs)
                start = open_the_gate()
                results = pending.get()
        else:
            results = [([], 0)] * len(jobs)

            def run(i: int) -> None:
                results[i] = play_seat(*jobs[i])

            threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
            for thread in threads:
                thread.start()
            start = open_the_gate()
            for thread in threads:
                thread.join()
        wall = time.perf_counter() - start
        latencies = [x for lat, _ in results for x in lat]
        refused = sum(r for _, r in results)
        store = open_store(opened)
        stored = 0
        problems = []
        for plan in opened.exercise.tables:
            rows = store.rows(plan.number)
            if [r.seq for r in rows] != list(range(1, len(rows) + 1)):
                problems.append(f"table {plan.number}: sequence has gaps or repeats")
            replica = store.replica(plan)  # every row replays to its hash, or this raises
            if not replica.state.is_terminal:
                problems.append(f"table {plan.number}: game not finished")
            stored += len(rows)
        if stored != len(latencies):
            problems.append(f"{len(latencies)} moves reported recorded, {stored} stored")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"SQLite WAL synchronous=FULL")
    print(f"{args.tables} tables, {len(seats)} students as {args.mode}, think time {args.think:g} s, "
          f"polling every {args.poll:g} s")
    print(f"moves recorded: {stored} in {wall:.2f} s = {stored / wall:.1f} moves/s "
          f"({refused} refused and retried)")
    print(f"move latency: median {statistics.median(latencies) * 1e3:.1f} ms, "
          f"p95 {np.percentile(latencies, 95) * 1e3:.1f} ms, slowest {max(latencies) * 1e3:.1f} ms")
    print("integrity: " + ("no move lost or duplicated" if not problems else "; ".join(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
