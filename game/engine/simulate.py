"""Computer against computer, thousands of games at once, for balancing scenarios.

Games are played on one :class:`~.batch.Batch` per block; each step asks a strategy for
the moves of every game where its side is to move and applies them kind by kind. Game
``k`` of a run with seed ``s`` is exactly the one-game path (:class:`~.state.State`) fed
the same chance tape, which the tests check game for game.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .analysis import Analysis, analyze_rules
from .batch import Batch, Kind, Status, draw_tapes
from .rules import Rules
from .strategies import Strategy, make_strategy

BLOCK = 4096


@dataclass(frozen=True)
class SimResult:
    """Per-game results of a batch run (arrays over games) and the analysis they sit in."""

    status: np.ndarray  # Status codes
    deal: np.ndarray  # package or -1
    returns: np.ndarray  # (N, 2)
    rounds: np.ndarray  # round the game ended in
    trust: np.ndarray
    walked_by: np.ndarray  # side that walked out, or -1
    reservation: np.ndarray  # (N, 2) each side's no-deal value at the end
    analysis: Analysis

    @property
    def games(self) -> int:
        return len(self.status)

    @property
    def agreed(self) -> np.ndarray:
        return self.status == Status.DEAL

    @property
    def gains(self) -> np.ndarray:
        """(N, 2) each side's gain over its own no-deal value (0 without a deal)."""
        return self.returns - self.reservation

    def summary(self) -> dict[str, float]:
        """Agreement and walk-away rates, gains over no deal, and where deals sit around the Nash point.

        "Better off" compares each side's gain over its *own* no-deal value, never raw
        utilities across sides (which mean nothing to each other).
        """
        n = self.games
        agreed = self.agreed
        gains = self.gains
        out: dict[str, float] = {
            "games": float(n),
            "agreement_rate": float(agreed.mean()) if n else 0.0,
            "walkaway_rate": float((self.status == Status.WALKED).mean()) if n else 0.0,
            "walkaway_rate_0": float((self.walked_by == 0).mean()) if n else 0.0,
            "walkaway_rate_1": float((self.walked_by == 1).mean()) if n else 0.0,
            "failed_ratification_rate": float((self.status == Status.FAILED).mean()) if n else 0.0,
            "mean_rounds": float(self.rounds.mean()) if n else 0.0,
            "mean_utility_0": float(self.returns[:, 0].mean()) if n else 0.0,
            "mean_utility_1": float(self.returns[:, 1].mean()) if n else 0.0,
            "mean_gain_0": float(gains[:, 0].mean()) if n else 0.0,
            "mean_gain_1": float(gains[:, 1].mean()) if n else 0.0,
            "better_0": float((gains[:, 0] > gains[:, 1] + 1e-9).mean()) if n else 0.0,
            "better_1": float((gains[:, 1] > gains[:, 0] + 1e-9).mean()) if n else 0.0,
        }
        nash = self.analysis.nash
        if nash is not None and agreed.any():
            point = self.analysis.utilities[:, nash]
            deals = self.returns[agreed]
            out["mean_distance_to_nash"] = float(np.hypot(*(deals - point).T).mean())
            out["deals_above_nash_0"] = float((deals[:, 0] > point[0] + 1e-9).mean())
            out["deals_above_nash_1"] = float((deals[:, 1] > point[1] + 1e-9).mean())
            out["deals_at_nash"] = float((self.deal[agreed] == nash).mean())
            front = set(int(p) for p in self.analysis.pareto)
            out["deals_pareto_efficient"] = float(np.mean([int(p) in front for p in self.deal[agreed]]))
        return out


def play_block(rules: Rules, tapes: np.ndarray, seats: tuple[tuple[str, str], tuple[str, str]]) -> Batch:
    """Play every game on ``tapes`` to the end with computer ``seats`` ((strategy, difficulty) per actor)."""
    n = tapes.shape[0]
    batch = Batch(rules, tapes)
    sides = [make_strategy(name, rules, a, n, level) for a, (name, level) in enumerate(seats)]
    return play_out(batch, sides)


def play_out(batch: Batch, sides: list[Strategy]) -> Batch:
    """Let the computer ``sides`` (one strategy per actor) play every ongoing game of ``batch`` to its end.

    The one batch turn loop: whoever must move next (the side a crisis hits answers first) decides
    for all its games at once, each kind of move is applied to its games together, and both sides
    observe it. Games already over are left as they are.
    """
    limit = 8 * batch.rules.round_cap + 16  # moves per game can never exceed this
    for _ in range(limit):
        live = batch.ongoing()
        if len(live) == 0:
            break
        for a in (0, 1):
            g = live[(batch.mover(live) == a) & (batch.status[live] == Status.ONGOING)]
            if len(g) == 0:
                continue
            d = sides[a].decide(batch, g)
            for code in np.unique(d.kind):
                kind = Kind(int(code))
                rows = d.kind == code
                games = g[rows]
                package = d.package[rows] if kind == Kind.PROPOSE else None
                seen = batch.offer[games, 1 - a] if kind == Kind.ACCEPT else package
                batch.step(games, kind, package=package, tactic=d.tactic[rows] if kind == Kind.TACTIC else None,
                           response=d.response[rows] if kind == Kind.ANSWER else None)
                for side in sides:
                    side.observe(batch, games, a, kind, package=seen)
    return batch


def simulate(
    rules: Rules,
    games: int,
    seats: tuple[tuple[str, str], tuple[str, str]],
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> SimResult:
    """Play ``games`` computer games from one seed; ``progress(done, total)`` after each block."""
    if seed < 0:
        raise ValueError("the seed must be a whole number >= 0")
    rng = np.random.default_rng(seed)
    # Only each block's results are kept: a whole batch (tapes, weights, signals) is about
    # 2 KB a game, which for a million games would be gigabytes.
    parts: dict[str, list[np.ndarray]] = {"status": [], "deal": [], "returns": [], "round": [], "trust": [],
                                          "walked_by": [], "reservation": []}
    for start in range(0, games, BLOCK):
        # Tapes are drawn a block at a time too: the generator's stream is the same as one
        # draw for every game, so game k is the same game either way.
        batch = play_block(rules, draw_tapes(rules, rng, min(BLOCK, games - start)), seats)
        for name in ("status", "deal", "round", "trust", "walked_by", "reservation"):
            parts[name].append(getattr(batch, name))
        parts["returns"].append(batch.returns())
        if progress is not None:
            progress(min(start + BLOCK, games), games)

    def cat(name: str, empty: tuple[int, ...] = (0,)) -> np.ndarray:
        return np.concatenate(parts[name]) if parts[name] else np.zeros(empty)

    return SimResult(
        status=cat("status").astype(np.int64),
        deal=cat("deal").astype(np.int64),
        returns=cat("returns", (0, 2)),
        rounds=cat("round").astype(np.int64),
        trust=cat("trust"),
        walked_by=cat("walked_by").astype(np.int64),
        reservation=cat("reservation", (0, 2)),
        analysis=analyze_rules(rules),
    )
