"""Is the analysts' acceptance estimate calibrated? Reliability by decile and Brier score.

    .venv/bin/python benchmarks/calibration.py [--games N] [--fit]

A player's screens show "analysts put the chance they accept at X%" for every package
(``State.accept_estimate``). Calibrated means: among the offers shown as about X% likely
to be accepted, about X% are. This plays computer players (every strategy) against the
computer opponents (every strategy at every level) on the bundled scenarios, records the
estimate the proposing side's analysts gave each proposal just before it was made, and
whether the other side's answer was to accept it. It prints the reliability table by
decile of the estimate, the Brier score, and the Brier score of always saying the base rate.

``--fit`` searches the constants of the acceptance model (game/engine/beliefs.py) on
*generated* scenarios, never the bundled ones, and prints the best; the bundled scenarios
are then the held-out check above.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine import Game, Seat, State  # noqa: E402
from game.engine import beliefs as model  # noqa: E402
from game.engine.batch import Kind  # noqa: E402
from game.engine.moves import KIND_CODES  # noqa: E402
from game.engine.strategies import REFERENCE, STRATEGIES  # noqa: E402
from game.scenario import bundled_paths, load_or_raise  # noqa: E402
from game.scenario.models import Scenario  # noqa: E402

PLAYERS = [s for s in STRATEGIES if s not in REFERENCE] + ["hardliner"]
OPPONENTS = [(s, level) for s in STRATEGIES if s not in REFERENCE for level in ("easy", "normal", "hard")]


def generated(rng: np.random.Generator, n: int) -> Scenario:
    """A random, valid two-sided scenario: 3-5 issues of 3-4 options, interests mostly opposed."""
    m = int(rng.integers(3, 6))
    issues = [f"i{k}" for k in range(m)]
    options = {i: [f"o{k}" for k in range(int(rng.integers(3, 5)))] for i in issues}

    def prefs(flip: bool) -> dict[str, object]:
        out = {}
        for i in issues:
            ramp = np.linspace(0.0, 1.0, len(options[i]))
            ramp = ramp[::-1] if flip else ramp
            if rng.random() < 0.25:  # now and then an issue both sides rank alike
                ramp = np.linspace(0.0, 1.0, len(options[i]))
            noisy = np.clip(ramp + rng.normal(0, 0.1, len(ramp)), 0, 1).round(2)
            values = dict(zip(options[i], map(float, noisy), strict=True))
            out[i] = {"weight": float(rng.integers(1, 10)), "values": values}
        return out

    def actor(actor_id: str) -> dict[str, object]:
        return {"id": actor_id, "name": actor_id.upper(), "leader": "Negotiator", "description": "A side.",
                "reservation": float(rng.uniform(0.2, 0.45)), "batna": "Walk away.",
                "patience": float(rng.uniform(0.3, 1.0)),
                "constituency": {"name": "Voters", "description": "Ratify.", "threshold": float(rng.uniform(0.2, 0.45)),
                                 "weights": {i: 1.0 for i in issues}}}

    return Scenario.model_validate({
        "id": f"generated-{n}", "title": "Generated", "when": "Now", "summary": "Calibration.",
        "difficulty": "normal", "rounds": int(rng.integers(6, 11)),
        "actors": [actor("a"), actor("b")],
        "issues": [{"id": i, "name": i, "description": "x",
                    "options": [{"id": o, "label": o, "description": "x"} for o in options[i]]} for i in issues],
        "preferences": {"a": prefs(False), "b": prefs(True)},
        "briefings": {"public": "x", "confidential": {"a": "x", "b": "x"}},
    })


def observe(state: State, player: str, rows: list[tuple[float, bool, tuple]]) -> None:
    """Play the game out; for each of ``player``'s proposals record (estimate, accepted, features)."""
    pending: tuple[float, tuple] | None = None
    a = state.index(player)
    while not state.is_terminal:
        actor = state.current_actor or ""
        move, why = state.computer_move()
        if actor == player and move.kind == "propose":
            p = state.rules.package_of(move.package or {})
            estimate = state.accept_estimate(player, move.package or {})
            analysts = state.analysts[a]
            g = np.array([0])
            features = (analysts.utility_of(g, np.array([p]))[0], analysts.posterior(g)[0], analysts.lowest[0].copy(),
                        analysts.rejected[0].copy(), analysts.reservation,
                        float(state.batch.time(g, ahead=1)[0]), state.rules.crosses(1 - a, p) != [])
            pending = (estimate, features)
        elif actor != player and pending is not None and KIND_CODES[move.kind] in (
                Kind.ACCEPT, Kind.REJECT, Kind.PROPOSE, Kind.WALK, Kind.PASS):
            rows.append((pending[0], move.kind == "accept", pending[1]))
            pending = None
        state.apply(move, why)


def collect(scenarios: list[Scenario], games: int) -> list[tuple[float, bool, tuple]]:
    rows: list[tuple[float, bool, tuple]] = []
    for k, scenario in enumerate(scenarios):
        game = Game(scenario)
        ids = game.rules.actor_ids
        for side, player, (opponent, level) in itertools.product((0, 1), PLAYERS, OPPONENTS):
            for seed in range(games):
                seats = {ids[side]: Seat(player), ids[1 - side]: Seat(opponent, level)}
                observe(game.new_state(1000 * k + seed, seats), ids[side], rows)
    return rows


def reliability(predicted: np.ndarray, outcome: np.ndarray) -> None:
    print(f"{'shown as':>14} {'proposals':>10} {'mean shown':>11} {'accepted':>9}")
    edges = np.linspace(0, 1, 11)
    for lo, hi in itertools.pairwise(edges):
        inside = (predicted >= lo) & ((predicted < hi) | (hi == 1.0))
        if inside.any():
            print(f"{lo:>6.0%} - {hi:>4.0%} {int(inside.sum()):>10} {predicted[inside].mean():>11.1%} "
                  f"{outcome[inside].mean():>9.1%}")
    brier = float(np.mean((predicted - outcome) ** 2))
    base = float(np.mean((outcome.mean() - outcome) ** 2))
    print(f"Brier score {brier:.4f} (always saying the base rate {outcome.mean():.1%}: {base:.4f}); "
          f"{len(outcome):,} proposals")


def chance(features: list[tuple], opening: float, drift: float, late: float, scale: float,
           bias: float) -> np.ndarray:
    """The acceptance model of game/engine/beliefs.py with other constants (vectorised over proposals)."""
    out = np.empty(len(features))
    for n, (u, post, lowest, rejected, r, t, crosses) in enumerate(features):
        if crosses:
            out[n] = 0.0
            continue
        gap = np.maximum(np.where(np.isinf(lowest), 0.0, lowest) - r, 0.0)
        asked = np.where(np.isinf(lowest), r + (opening - r) * (1 - t), lowest - gap * min(1.0, drift + late * t * t))
        bar = np.maximum(np.maximum(asked, r), rejected - scale)
        out[n] = float((post / (1 + np.exp(-(u - bar - bias) / scale))).sum())
    return out


def fit(games: int) -> None:
    rng = np.random.default_rng(7)
    start = time.perf_counter()
    rows = collect([generated(rng, n) for n in range(6)], games)
    features = [f for _, _, f in rows]
    outcome = np.array([a for _, a, _ in rows], dtype=float)
    print(f"fitting on {len(rows):,} proposals of 6 generated scenarios ({time.perf_counter() - start:.0f} s)")
    best = None
    grid = itertools.product((0.85, 1.0), (0.0, 0.1, 0.25), (0.0, 0.3, 0.6), (0.03, 0.05, 0.08),
                             (0.0, 0.05, 0.1, 0.15, 0.2))
    for opening, drift, late, scale, bias in grid:
        brier = float(np.mean((chance(features, opening, drift, late, scale, bias) - outcome) ** 2))
        if best is None or brier < best[0]:
            best = (brier, opening, drift, late, scale, bias)
    assert best is not None
    print(f"best: OPENING_BAR={best[1]} DRIFT={best[2]} LATE={best[3]} ACCEPT_SCALE={best[4]} "
          f"ACCEPT_BIAS={best[5]} (Brier {best[0]:.4f}; now: {model.OPENING_BAR} {model.DRIFT} {model.LATE} "
          f"{model.ACCEPT_SCALE} {model.ACCEPT_BIAS})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=4, help="games per pairing and side (default 4)")
    parser.add_argument("--fit", action="store_true", help="search the model's constants on generated scenarios")
    args = parser.parse_args()
    if args.fit:
        fit(args.games)
        return
    start = time.perf_counter()
    rows = collect([load_or_raise(p) for p in bundled_paths()], args.games)
    predicted = np.array([e for e, _, _ in rows])
    outcome = np.array([a for _, a, _ in rows], dtype=float)
    print(f"acceptance estimates on the bundled scenarios, {args.games} games per pairing "
          f"({time.perf_counter() - start:.0f} s):")
    reliability(predicted, outcome)


if __name__ == "__main__":
    main()
