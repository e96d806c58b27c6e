"""A large imported domain: GENIUS-sized outcome spaces stay playable and analysable.

    .venv/bin/python benchmarks/large.py

GENIUS's Travel domain has 188,160 packages (7 issues of 4 to 8 options). This builds a
scenario of exactly that shape (radices 4, 4, 5, 6, 7, 7, 8) and measures, each in a fresh
process so that memory is the process's own:

* one computer move (adaptive, the heaviest strategy): first move and then median   target < 50 ms
* peak resident memory of a game of computer moves                                 target < 300 MB
* the analysis, as `parley analyze` computes it (zone, frontier, Nash, KS, win-sets) target < 30 s
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
import numpy as np
from game.engine import Game, Seat, analyze_rules
from game.scenario.models import Scenario

RADICES = (4, 4, 5, 6, 7, 7, 8)
rng = np.random.default_rng(3)
issues = [f"i{{k}}" for k in range(len(RADICES))]
def prefs(flip):
    out = {{}}
    for i, k in zip(issues, RADICES):
        ramp = np.linspace(0.0, 1.0, k)
        ramp = ramp[::-1] if flip else ramp
        values = {{f"o{{j}}": float(round(v, 3)) for j, v in enumerate(ramp)}}
        out[i] = {{"weight": float(rng.integers(1, 10)), "values": values}}
    return out
def actor(a):
    voters = {{"name": "x", "description": "x", "threshold": 0.35, "weights": {{i: 1.0 for i in issues}}}}
    return {{"id": a, "name": a.upper(), "leader": "x", "description": "x", "reservation": 0.35, "batna": "x",
             "patience": 0.6, "style": "adaptive", "constituency": voters}}
scenario = Scenario.model_validate({{
    "id": "travel-sized", "title": "x", "when": "x", "summary": "x", "difficulty": "normal", "rounds": 10,
    "actors": [actor("a"), actor("b")],
    "issues": [{{"id": i, "name": i, "description": "x",
                "options": [{{"id": f"o{{j}}", "label": f"o{{j}}", "description": "x"}} for j in range(k)]}}
               for i, k in zip(issues, RADICES)],
    "preferences": {{"a": prefs(False), "b": prefs(True)}},
    "briefings": {{"public": "x", "confidential": {{"a": "x", "b": "x"}}}},
}})
what = sys.argv[1]
start = time.perf_counter()
if what == "analysis":
    game = Game(scenario)
    a = analyze_rules(game.rules)
    seconds = time.perf_counter() - start
    print(json.dumps({{"seconds": seconds, "zone": int(len(a.zone)), "packages": int(game.rules.space.size)}}))
else:
    game = Game(scenario)
    setup = time.perf_counter() - start
    state = game.new_state(1, {{"a": Seat("adaptive"), "b": Seat("linear")}})
    times = []
    while not state.is_terminal:
        actor_now = state.current_actor
        t = time.perf_counter()
        move, why = state.computer_move()
        elapsed = time.perf_counter() - t
        if actor_now == "a":
            times.append(elapsed)
        state.apply(move, why)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    later = times[1:]
    print(json.dumps({{"setup": setup, "first": times[0], "median": float(np.median(later)), "worst": max(later),
                       "moves": len(times), "rss": rss}}))
"""


def run(what: str) -> dict[str, float]:
    code = CHILD.format(root=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", code, what], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    moves = run("moves")
    worst = max(moves["first"], moves["worst"])
    print(f"game setup at 188,160 packages (whole-space tables, once per scenario): {moves['setup'] * 1e3:.0f} ms")
    print(f"computer move at 188,160 packages (adaptive): first {moves['first'] * 1e3:.0f} ms (ranks its packages), "
          f"then median {moves['median'] * 1e3:.1f} ms, worst {moves['worst'] * 1e3:.1f} ms over {moves['moves']} "
          f"moves  [target < 50 ms: {verdict(worst < 0.05)}]")
    print(f"peak memory of that game: {moves['rss'] / 2**20:.0f} MB resident  [target < 300 MB: "
          f"{verdict(moves['rss'] < 300 * 2**20)}]")
    analysis = run("analysis")
    print(f"analysis of {int(analysis['packages']):,} packages (zone {int(analysis['zone']):,}): "
          f"{analysis['seconds']:.2f} s  [target < 30 s: {verdict(analysis['seconds'] < 30)}]")


if __name__ == "__main__":
    main()
