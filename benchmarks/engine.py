"""Speed and memory of the bargaining engine, printed against the targets (never asserted).

    .venv/bin/python benchmarks/engine.py [--quick]

* analysis of a 1,000,000-package scenario (6 issues x 10 options)     target < 1 s
* one computer move at 100,000 packages (adaptive, boulware)           target < 20 ms
* ``simulate`` games per second on scenarios/004-*.yaml                target >= 20,000/s
* peak memory of analysis and play at 1,000,000 packages (subprocess)  target < 500 MB

Timings are the best of a few runs (the least disturbed by other load); the machine is
printed with them because the figures mean nothing without it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine import Game, Rules, Seat, analyze_rules, simulate  # noqa: E402
from game.scenario import bundled_paths, load_or_raise  # noqa: E402
from game.scenario.models import Scenario  # noqa: E402


def synthetic(issues: int, options: int, seed: int = 0) -> Scenario:
    """A valid scenario of ``options ** issues`` packages: opposed values, logrolling weights,
    a red line per side (so the masks are real work) and no citations needed elsewhere."""
    rng = np.random.default_rng(seed)
    issue_ids = [f"issue-{i}" for i in range(issues)]
    option_ids = [f"o{k}" for k in range(options)]
    ramp = np.linspace(0.0, 1.0, options)

    def prefs(values: np.ndarray) -> dict[str, Any]:
        return {
            i: {"weight": float(rng.integers(1, 10)), "values": dict(zip(option_ids, map(float, values), strict=True))}
            for i in issue_ids
        }

    cite = {"seed": "sample.txt", "quote": "they would walk out if the quotas were scrapped outright"}

    def actor(actor_id: str, style: str) -> dict[str, Any]:
        return {
            "id": actor_id, "name": actor_id.upper(), "leader": "Negotiator", "description": "A side.",
            "reservation": 0.3, "batna": "Walk away.", "patience": 0.5, "style": style,
            "constituency": {"name": "Voters", "description": "Ratify.", "threshold": 0.4,
                             "weights": {i: 1.0 for i in issue_ids}},
        }

    return Scenario.model_validate({
        "id": "synthetic", "title": "Synthetic talks", "when": "Now", "summary": "Benchmark.",
        "difficulty": "hard", "rounds": 10,
        "actors": [actor("a", "adaptive"), actor("b", "boulware")],
        "issues": [
            {"id": i, "name": i, "description": "x",
             "options": [{"id": o, "label": o, "description": "x"} for o in option_ids]}
            for i in issue_ids
        ],
        "preferences": {"a": prefs(ramp), "b": prefs(ramp[::-1])},
        "red_lines": {
            "a": [{"issue": issue_ids[0], "options": [option_ids[0]], "rationale": "No.", "citation": cite}],
            "b": [{"issue": issue_ids[1], "options": [option_ids[-1]], "rationale": "No.", "citation": cite}],
        },
        "briefings": {"public": "x", "confidential": {"a": "x", "b": "x"}},
    })


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def machine() -> str:
    return (f"{platform.platform()}; {platform.processor() or platform.machine()}; "
            f"{os.cpu_count()} CPUs; Python {platform.python_version()}; numpy {np.__version__}")


def bench_analysis(runs: int) -> None:
    scenario = synthetic(6, 10)

    def work() -> None:
        analyze_rules(Rules(scenario))  # from the scenario: digits, utilities, masks, analysis

    seconds = best_of(runs, work)
    a = analyze_rules(Rules(scenario))
    print(f"analysis, 1,000,000 packages (zone {len(a.zone):,}, frontier {len(a.pareto)}): "
          f"{seconds:.3f} s  [target < 1 s: {verdict(seconds < 1.0)}]")


def bench_moves() -> None:
    start = time.perf_counter()
    game = Game(synthetic(5, 10))
    game.rules.forbidden  # noqa: B018 - the masks every strategy reads, built once per scenario
    setup = time.perf_counter() - start
    print(f"game setup, 100,000 packages (rules, masks): {setup * 1e3:.0f} ms, once per scenario")
    for name in ("adaptive", "boulware"):
        start = time.perf_counter()
        state = game.new_state(1, {"a": Seat(name), "b": Seat("linear")})
        setup = time.perf_counter() - start
        first = None
        times = []
        while not state.is_terminal:
            start = time.perf_counter()
            move, why = state.computer_move()
            elapsed = time.perf_counter() - start
            if state.current_actor == "a":
                if first is None:
                    first = elapsed
                else:
                    times.append(elapsed)
            state.apply(move, why)
        assert first is not None
        median, worst = float(np.median(times)), max(times, default=first)
        print(f"computer move, 100,000 packages, {name}: new game {setup * 1e3:.1f} ms, "
              f"first move {first * 1e3:.1f} ms (builds its tables), "
              f"then median {median * 1e3:.1f} ms, worst {worst * 1e3:.1f} ms over {len(times)} moves  "
              f"[target < 20 ms: {verdict(max(first, worst) < 0.020)}]")


def bench_simulate(games: int, runs: int) -> None:
    path = next(p for p in bundled_paths() if p.name.startswith("004-"))
    rules = Rules(load_or_raise(path))
    for pair in (("boulware", "conceder"), ("linear", "boulware")):
        seats = ((pair[0], "normal"), (pair[1], "normal"))
        simulate(rules, 500, seats, seed=0)  # warm the candidate tables
        seconds = best_of(runs, lambda s=seats: simulate(rules, games, s, seed=1))  # type: ignore[misc]
        rate = games / seconds
        print(f"simulate {path.name}, {pair[0]} vs {pair[1]}: {games:,} games in {seconds:.2f} s = "
              f"{rate:,.0f} games/s  [target >= 20,000/s: {verdict(rate >= 20_000)}]")


MEMORY_CHILD = """
import json, resource, sys, tracemalloc
sys.path.insert(0, {root!r})
sys.path.insert(0, {here!r})
from engine import synthetic
from game.engine import Game, Seat, analyze_rules
scenario = synthetic(6, 10)
tracemalloc.start()
game = Game(scenario)
analysis = analyze_rules(game.rules)
state = game.new_state(0, {{"a": Seat("adaptive"), "b": Seat("boulware")}})
for _ in range(4):
    move, why = state.computer_move()
    state.apply(move, why)
peak = tracemalloc.get_traced_memory()[1]
rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"traced": peak, "rss": rss_kb * 1024}}))
"""


def bench_memory() -> None:
    code = MEMORY_CHILD.format(root=str(ROOT), here=str(Path(__file__).resolve().parent))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    rss = data["rss"] / 2**20
    print(f"peak memory, 1,000,000 packages (analysis + 4 computer moves, adaptive and boulware): "
          f"{rss:.0f} MB resident (numpy allocations {data['traced'] / 2**20:.0f} MB)  "
          f"[target < 500 MB: {verdict(rss < 500)}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer games and runs")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    bench_analysis(runs=2 if args.quick else 3)
    bench_moves()
    bench_simulate(games=20_000 if args.quick else 100_000, runs=1 if args.quick else 3)
    bench_memory()


if __name__ == "__main__":
    main()
