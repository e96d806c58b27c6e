"""Load on the live store: 30 tables, 60 students' worth of moves on SQLite and PostgreSQL (never asserted).

    .venv/bin/python benchmarks/live.py [--tables 30] [--mode processes|threads] [--think 0.0] [--poll 0.25]
        [--store postgresql://USER@HOST/DB [--big-tables 200 --hosts 2]]

With ``--store`` the same load runs on SQLite and then on that PostgreSQL database (each
run in a schema of its own, dropped afterwards), and then ``--big-tables`` tables on the
database, spread over ``--hosts`` processes standing for ``parley serve`` hosts, each
running its students as threads over its own connection pool (one process per student,
as ``parley serve`` runs them, would take more memory than a build machine has for 400).
When the database server runs on this machine, its CPU time is measured too: moves per
second of one server core is what says how far one database goes.

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
import contextlib
import multiprocessing
import multiprocessing.pool
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.classroom import open_exercise  # noqa: E402
from game.classroom.files import create_exercise  # noqa: E402
from game.engine import Move, State  # noqa: E402
from game.live import LiveSession, MoveRefused, open_store  # noqa: E402
from game.live.locate import record, redact  # noqa: E402
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


Job = tuple[str, int, str, float, float, str]


def _process_seat(job: Job) -> tuple[list[float], int]:
    return play_seat(*job)


def _threads(jobs: list[Job]) -> list[tuple[list[float], int]]:
    """Play ``jobs`` as threads of this process; what each returned."""
    results: list[tuple[list[float], int]] = [([], 0)] * len(jobs)

    def run(i: int) -> None:
        results[i] = play_seat(*jobs[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _host(jobs: list[Job]) -> list[tuple[list[float], int]]:
    """One serving host's process: its students as threads, sharing the process's connection pool."""
    return _threads(jobs)


def schema_url(url: str, schema: str) -> str:
    """``url`` with ``schema`` first on its search path: a store of its own inside the same database."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


def server_cpu() -> float | None:
    """CPU seconds used so far by the PostgreSQL server's processes on this machine (None: not visible).

    Each connection has a backend process that exits with it; the postmaster reaps them, so
    their time is in its children's time: live processes' own time plus every child's reaped.
    """
    total, found = 0.0, False
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            if (entry / "comm").read_text().strip() != "postgres":
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            reaped = int(fields[13]) + int(fields[14]) if fields[1] == "1" else 0  # the postmaster (parent: init)
            total += (int(fields[11]) + int(fields[12]) + reaped) / os.sysconf("SC_CLK_TCK")
            found = True
    return total if found else None


def run(tables: int, mode: str, think: float, poll: float, store: str | None, hosts: int = 1) -> dict[str, object]:
    """One load run on a new exercise; what was measured."""
    import psycopg

    scenario_path = bundled_paths()[0]
    schema = f"parley_bench_{os.getpid()}_{tables}_{mode}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        opened = create_exercise(folder, load_or_raise(scenario_path), scenario_path, tables, 7)
        if store is not None:
            with psycopg.connect(store, autocommit=True) as conn:
                conn.execute(f"CREATE SCHEMA {schema}")
            record(opened, schema_url(store, schema))
        open_store(opened).close()
        seats = [(str(folder), plan.number, actor) for plan in opened.exercise.tables for actor in plan.humans]
        gate = Path(tmp) / "gate"
        gate.mkdir()
        jobs = [(f, n, a, think, poll, str(gate)) for f, n, a in seats]

        def open_the_gate() -> tuple[float, float | None]:
            """Wait until every student has joined, then let them all play at once; the start (clock, server CPU)."""
            while len(list(gate.glob("ready-*"))) < len(jobs):
                time.sleep(0.01)
            start = time.perf_counter(), server_cpu()
            (gate / "go").touch()
            return start

        if mode == "processes":
            with multiprocessing.get_context("spawn").Pool(len(jobs)) as pool:
                pending = pool.map_async(_process_seat, jobs)
                start, cpu = open_the_gate()
                results = pending.get()
        elif mode == "hosts":
            shares = [[job for job in jobs if job[1] % hosts == h] for h in range(hosts)]
            with multiprocessing.get_context("spawn").Pool(hosts) as pool:
                pending = pool.map_async(_host, shares)
                start, cpu = open_the_gate()
                results = [r for share in pending.get() for r in share]
        else:
            with multiprocessing.pool.ThreadPool(1) as pool:
                pending = pool.apply_async(_threads, (jobs,))
                start, cpu = open_the_gate()
                results = pending.get()
        wall = time.perf_counter() - start
        after = server_cpu()
        latencies = [x for lat, _ in results for x in lat]
        store_now = open_store(opened)
        stored = 0
        problems = []
        for plan in opened.exercise.tables:
            rows = store_now.rows(plan.number)
            if [r.seq for r in rows] != list(range(1, len(rows) + 1)):
                problems.append(f"table {plan.number}: sequence has gaps or repeats")
            replica = store_now.replica(plan)  # every row replays to its hash, or this raises
            if not replica.state.is_terminal:
                problems.append(f"table {plan.number}: game not finished")
            stored += sum(r.seat in plan.humans for r in rows)
        if stored != len(latencies):
            problems.append(f"{len(latencies)} moves reported recorded, {stored} stored")
        total = sum(len(store_now.rows(plan.number)) for plan in opened.exercise.tables)
        store_now.close()
        if store is not None:
            with psycopg.connect(store, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
    server = None if cpu is None or after is None or store is None else after - cpu
    return {"backend": "PostgreSQL" if store else "SQLite", "tables": tables, "students": len(seats), "mode": mode,
            "hosts": hosts, "moves": total, "wall": wall, "refused": sum(r for _, r in results),
            "median": statistics.median(latencies), "p95": float(np.percentile(latencies, 95)),
            "slowest": max(latencies), "server_cpu": server, "problems": problems}


def report(result: dict[str, object]) -> None:
    moves, wall = int(str(result["moves"])), float(str(result["wall"]))
    where = f"{result['hosts']} host processes (threads)" if result["mode"] == "hosts" else str(result["mode"])
    print(f"{result['backend']}: {result['tables']} tables, {result['students']} students as {where}")
    print(f"  moves recorded: {moves} in {wall:.2f} s = {moves / wall:.1f} moves/s ({result['refused']} refused "
          "and retried)")
    median, p95, slowest = (float(str(result[key])) * 1e3 for key in ("median", "p95", "slowest"))
    print(f"  move latency: median {median:.1f} ms, p95 {p95:.1f} ms, slowest {slowest:.1f} ms")
    cpu = result["server_cpu"]
    if isinstance(cpu, float) and cpu > 0:
        print(f"  database server CPU: {cpu:.2f} s = {moves / cpu:.0f} moves per server-core-second")
    problems = result["problems"]
    print("  integrity: " + ("no move lost or duplicated" if not problems else "; ".join(map(str, problems))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=30)
    parser.add_argument("--mode", choices=("processes", "threads"), default="processes")
    parser.add_argument("--think", type=float, default=0.0, help="seconds each student waits before a move")
    parser.add_argument("--poll", type=float, default=0.25,
                        help="seconds between a waiting student's looks at the store (the screens' 0.25 by default)")
    parser.add_argument("--store", metavar="URL", help="also run on this PostgreSQL database (postgresql://...)")
    parser.add_argument("--big-tables", type=int, default=200, help="with --store: tables of the large run (0: none)")
    parser.add_argument("--hosts", type=int, default=2, help="with --store: serving hosts of the large run")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"SQLite WAL synchronous=FULL" + (f"; PostgreSQL {redact(args.store)}" if args.store else ""))
    print(f"think time {args.think:g} s, polling every {args.poll:g} s")
    results = [run(args.tables, args.mode, args.think, args.poll, None)]
    report(results[-1])
    if args.store:
        results.append(run(args.tables, args.mode, args.think, args.poll, args.store))
        report(results[-1])
        if args.big_tables:
            os.environ.setdefault("PARLEY_STORE_POOL", "8")  # each host process's pool, shared by its students
            results.append(run(args.big_tables, "hosts", args.think, args.poll, args.store, args.hosts))
            report(results[-1])
    return 0 if not any(r["problems"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
