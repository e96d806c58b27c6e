"""Exact analysis of an outcome space: agreement zone, Pareto frontier, Nash and Kalai-Smorodinsky.

Everything is vectorised over the whole space (no Python loop over packages). Ties are
broken the same way everywhere: the larger sum of utilities, then the lower package index.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from .rules import Rules
from .space import beats_no_deal

#: Chance of ratification that puts a package in a side's win-set, unless the caller says otherwise.
WIN_SET_CHANCE = 0.5


@dataclass(frozen=True)
class Analysis:
    """The bargaining structure of one outcome space under given utilities and reservations."""

    utilities: np.ndarray  # (2, n)
    reservation: np.ndarray  # (2,)
    zone: np.ndarray  # package indices in the agreement zone, ascending
    pareto: np.ndarray  # frontier packages, by ascending utility of actor 0
    nash: int | None
    kalai_smorodinsky: int | None
    best: tuple[int | None, int | None]  # each actor's best package in the zone
    worst: tuple[int | None, int | None]  # each actor's worst package in the zone
    #: Second level (Putnam): each side's win-set, the packages its constituency ratifies with at
    #: least ``pass_chance``, and the Nash and KS points of the zone within both win-sets.
    ratify: np.ndarray | None = None  # (2, n) chance of ratification, when known
    pass_chance: float = WIN_SET_CHANCE
    win_sets: tuple[np.ndarray, np.ndarray] = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    ratifiable_zone: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    nash_ratifiable: int | None = None
    kalai_smorodinsky_ratifiable: int | None = None

    @property
    def outcomes(self) -> int:
        return int(self.utilities.shape[1])

    def point(self, package: int) -> tuple[float, float]:
        return float(self.utilities[0, package]), float(self.utilities[1, package])

    def nash_product(self, package: int) -> float:
        g = self.utilities[:, package] - self.reservation
        return float(g[0] * g[1])


#: Scores closer than this are ties (then the larger utility sum, then the lower index wins).
TIE = 1e-9


def _pick(candidates: np.ndarray, primary: np.ndarray, u: np.ndarray) -> int | None:
    """Candidate with the largest ``primary``; ties: larger utility sum, then lower index."""
    if len(candidates) == 0:
        return None
    # Three linear passes rather than a sort: this runs on zones of a million packages.
    # Scores within TIE of the best are ties: utilities are rounded sums, so two packages
    # whose products are equal on paper can differ in the last digits.
    top = candidates[primary >= primary.max() - TIE]
    total = u[0, top] + u[1, top]
    return int(top[total >= total.max() - TIE].min())


def pareto_front(u0: np.ndarray, u1: np.ndarray) -> np.ndarray:
    """Positions (into u0/u1) of the points no other point dominates.

    Sort by u0 descending (then u1 descending); a point is on the frontier when its u1
    beats every u1 among points with a strictly larger u0, and is the largest u1 among
    points with the same u0 (equal points are all kept: none dominates another).
    """
    if len(u0) == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((-u1, -u0))
    a, b = u0[order], u1[order]
    group_start = np.r_[True, a[1:] != a[:-1]]
    group_id = np.cumsum(group_start) - 1
    group_max = np.maximum.reduceat(b, np.flatnonzero(group_start))
    running = np.maximum.accumulate(group_max)
    better_before = np.r_[-np.inf, running[:-1]]  # best u1 among strictly larger u0
    keep = (b > better_before[group_id]) & (b == group_max[group_id])
    front = order[keep]
    return front[np.lexsort((front, u1[front], u0[front]))]


def _solutions(zone: np.ndarray, u: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, int | None, int | None]:
    """(Pareto frontier, Nash, Kalai-Smorodinsky) of ``zone``."""
    if len(zone) == 0:
        return zone, None, None
    front = zone[pareto_front(u[0, zone], u[1, zone])]
    front = front[np.argsort(u[0, front], kind="stable")]
    gains = u[:, zone] - r[:, None]
    nash = _pick(zone, gains[0] * gains[1], u)
    ideal = u[:, zone].max(axis=1)
    span = np.where(ideal - r > 0, ideal - r, 1.0)
    norm = (u[:, front] - r[:, None]) / span[:, None]
    ks = _pick(front, -np.abs(norm[0] - norm[1]), u)
    return front, nash, ks


def analyze(utilities: np.ndarray, reservation: np.ndarray, forbidden: np.ndarray,
            ratify: np.ndarray | None = None, pass_chance: float = WIN_SET_CHANCE) -> Analysis:
    """Analyse ``utilities`` (2, n) with ``reservation`` (2,) and red-line masks ``forbidden`` (2, n).

    With ``ratify`` (2, n), each side's chance of ratifying every package, it also gives the
    win-sets and the Nash and Kalai-Smorodinsky points among the packages both win-sets hold.
    """
    u = np.asarray(utilities, dtype=np.float64)
    r = np.asarray(reservation, dtype=np.float64)
    inside = ~forbidden[0] & ~forbidden[1] & beats_no_deal(u[0], r[0]) & beats_no_deal(u[1], r[1])
    zone = np.flatnonzero(inside)
    front, nash, ks = _solutions(zone, u, r)
    if len(zone):
        best = (_pick(zone, u[0, zone], u), _pick(zone, u[1, zone], u))
        worst = (_pick(zone, -u[0, zone], u), _pick(zone, -u[1, zone], u))
    else:
        best = worst = (None, None)
    result = Analysis(u, r, zone, front, nash, ks, best, worst)
    if ratify is None:
        return result
    passes = np.asarray(ratify) >= pass_chance
    both = zone[passes[0, zone] & passes[1, zone]]
    _, nash_r, ks_r = _solutions(both, u, r)
    return replace(result, ratify=np.asarray(ratify), pass_chance=pass_chance,
                   win_sets=(np.flatnonzero(passes[0]), np.flatnonzero(passes[1])), ratifiable_zone=both,
                   nash_ratifiable=nash_r, kalai_smorodinsky_ratifiable=ks_r)


def analyze_rules(rules: Rules, weights: np.ndarray | None = None, reservation: np.ndarray | None = None,
                  pass_chance: float = WIN_SET_CHANCE) -> Analysis:
    """Analysis of a scenario, under its own weights and reservations unless given others,
    with each side's win-set at ``pass_chance``."""
    if weights is None:
        u = rules.base_utilities
    else:
        u = np.stack([rules.utility_table(a, weights[a]) for a in (0, 1)])
    r = rules.base_reservation if reservation is None else reservation
    return analyze(u, r, rules.forbidden, rules.ratification, pass_chance)


def improvement(analysis: Analysis, package: int | None) -> tuple[float, int | None]:
    """How much both sides could still have gained together, and a package that does it.

    For a deal: the largest ``d`` such that some zone package gives *each* side at least
    ``d`` more than the deal (0 when the deal is Pareto-efficient). For no deal, the same
    measured from the reservation values.
    """
    u = analysis.utilities
    zone = analysis.zone
    if len(zone) == 0:
        return 0.0, None
    base = analysis.reservation if package is None else u[:, package]
    both = np.minimum(u[0, zone] - base[0], u[1, zone] - base[1])
    pick = _pick(zone, both, u)
    if pick is None:
        return 0.0, None
    gain = float(min(u[0, pick] - base[0], u[1, pick] - base[1]))
    return (gain, pick) if gain > 1e-12 else (0.0, None)
