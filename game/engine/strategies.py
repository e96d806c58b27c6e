"""Computer opponents, behind one interface, each deciding for many games at once.

* Time-dependent concession (Boulware, linear, Conceder), after Faratin, Sierra and
  Jennings: the target utility falls from the best package to the reservation value as
  ``p(t) = Pmin + (Pmax - Pmin) * (1 - t^(1/e))`` (GENIUS's convention: Boulware e=0.2,
  linear e=1, Conceder e=2). It proposes the package whose utility is the smallest at or
  above the target (ties: lower package index).
* Tit-for-tat: starts at its best package and concedes, in its own utility, exactly what
  the other side's last move conceded to it (and hardens if the other side retracts).
* Adaptive: concedes on a time-dependent curve but, among the packages above its target,
  proposes the one the other side should like best according to a Bayesian model of the
  other side's priorities learnt from its offers (:mod:`.beliefs`): it gives away what it
  values little for what it values much.

Trust speeds concession (a trusting side moves faster), domestic pressure pulls the
clock forward, and every strategy accepts an offer worth at least its current target
(or, on its very last turn, anything better than no deal). None ever proposes or accepts
a package that crosses its own red lines; none proposes one that crosses the other
side's declared red lines while any alternative exists.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from game.scenario.models import DIFFICULTIES, STRATEGY_NAMES

from .batch import Batch, Kind
from .beliefs import Beliefs
from .rules import Rules

#: Every computer strategy, by name (one Literal in the scenario models is the list).
STRATEGIES: tuple[str, ...] = STRATEGY_NAMES
EXPONENT = {"boulware": 0.2, "linear": 1.0, "conceder": 2.0, "adaptive": 0.5, "tit-for-tat": 1.0}


@dataclass(frozen=True)
class Level:
    """How a difficulty level shapes play."""

    margin: float  # kept above the reservation value as the floor of concession
    e_scale: float  # multiplies the concession exponent (bigger: concedes sooner)
    slack: float  # accepts offers this far below its target
    pressure_tactics: bool  # whether it uses pressure tactics at all
    learns: float  # how much the adaptive model trusts what it learns (0..1)


LEVELS = {
    "easy": Level(margin=0.0, e_scale=2.0, slack=0.03, pressure_tactics=False, learns=0.5),
    "normal": Level(margin=0.02, e_scale=1.0, slack=0.01, pressure_tactics=True, learns=1.0),
    "hard": Level(margin=0.05, e_scale=0.6, slack=0.0, pressure_tactics=True, learns=1.0),
}


class Why(IntEnum):
    """Why a computer made its move; the narration turns these into words."""

    OPEN = 0  # first offer
    COUNTER = 1  # a new offer in reply to theirs
    HOLD = 2  # repeats its standing offer
    ACCEPT = 3  # their offer meets its target
    ACCEPT_LAST = 4  # last chance: anything better than no deal
    WALK = 5  # nothing acceptable is left
    GESTURE = 6  # goodwill to rebuild trust
    PRESSURE = 7  # the other side is not moving


@dataclass
class Decision:
    """Moves for games ``g``; ``package``/``tactic`` are -1 where unused."""

    kind: np.ndarray
    package: np.ndarray
    tactic: np.ndarray
    why: np.ndarray
    target: np.ndarray


#: Fixed coefficients that turn a weight vector into a grouping key (rows are verified after).
_KEY = np.sqrt(np.array([2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53], dtype=np.float64))


def _split_exact(w: np.ndarray, rows: np.ndarray) -> list[np.ndarray]:
    uniq, inverse = np.unique(w[rows], axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    return [rows[inverse == k] for k in range(len(uniq))]


class _Candidates:
    """Packages an actor may propose, sorted by its utility, cached per weight vector."""

    def __init__(self, rules: Rules, actor: int):
        self.rules = rules
        self.actor = actor
        own = ~rules.forbidden[actor]
        both = own & ~rules.forbidden[1 - actor]
        self.mask = both if both.any() else own
        self.cache: dict[bytes, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def table(self, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sorted utilities, their package indices, utility of every package)."""
        key = np.round(weights, 12).tobytes()
        hit = self.cache.get(key)
        if hit is None:
            u = self.rules.utility_table(self.actor, weights)
            idx = np.flatnonzero(self.mask)
            order = np.lexsort((idx, u[idx]))
            hit = (u[idx][order], idx[order], u)
            if len(self.cache) > 256:
                self.cache.clear()
            self.cache[key] = hit
        return hit


class Strategy(ABC):
    """A computer side: ``decide`` picks a move for each game, ``observe`` sees every move."""

    name = "strategy"

    def __init__(self, rules: Rules, actor: int, n: int, difficulty: str = "normal"):
        if difficulty not in LEVELS:
            raise ValueError(f"unknown difficulty {difficulty!r}; choose one of {', '.join(DIFFICULTIES)}")
        self.rules = rules
        self.actor = actor
        self.other = 1 - actor
        self.n = n
        self.difficulty = difficulty
        self.level = LEVELS[difficulty]
        self.candidates = _Candidates(rules, actor)

    # -- hooks ----------------------------------------------------------------------------

    def observe(  # noqa: B027 - most strategies learn nothing; the default is deliberately empty
        self, batch: Batch, g: np.ndarray, mover: int, kind: Kind,
        package: np.ndarray | None = None, signal: np.ndarray | None = None,
    ) -> None:
        """Called after a move of ``mover`` in games ``g`` has been applied."""

    @abstractmethod
    def targets(self, batch: Batch, g: np.ndarray, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        """The utility each game's proposal must reach now (the concession curve)."""

    def choose(self, batch: Batch, g: np.ndarray, target: np.ndarray) -> np.ndarray:
        """The package to propose: by default the cheapest at or above the target."""
        out = np.empty(len(g), dtype=np.int64)
        for rows, su, sidx, _ in self._groups(batch, g):
            pos = np.searchsorted(su, target[rows], side="left")
            out[rows] = sidx[np.minimum(pos, len(su) - 1)]
        return out

    # -- shared machinery -------------------------------------------------------------

    def _groups(self, batch: Batch, g: np.ndarray):
        """Yield (rows of g, sorted utilities, indices, full batch) per distinct weight vector.

        Most games share the scenario's weights (events that change them are rare), so the
        common case is one group; otherwise rows are grouped by a scalar key and checked.
        """
        w = np.round(batch.weights[g, self.actor], 12)
        if len(g) == 0:
            return
        if (w == w[0]).all():
            su, sidx, full = self.candidates.table(w[0])
            yield np.arange(len(g)), su, sidx, full
            return
        key = w @ _KEY[: w.shape[1]]
        uniq, inverse = np.unique(key, return_inverse=True)
        for k in range(len(uniq)):
            rows = np.flatnonzero(inverse == k)
            rep = w[rows[0]]
            same = (w[rows] == rep).all(axis=1)
            if not same.all():  # a key collision: split exactly
                for row_set in _split_exact(w, rows):
                    su, sidx, full = self.candidates.table(w[row_set[0]])
                    yield row_set, su, sidx, full
                continue
            su, sidx, full = self.candidates.table(rep)
            yield rows, su, sidx, full

    def bounds(self, batch: Batch, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(Pmin, Pmax): the floor of concession and the best proposable utility."""
        pmax = np.empty(len(g))
        for rows, su, _, _ in self._groups(batch, g):
            pmax[rows] = su[-1]
        pmin = batch.reservation[g, self.actor] + self.level.margin
        return pmin, pmax

    def clock(self, batch: Batch, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(effective time, exponent scale): pressure pulls time forward, trust speeds concession."""
        t = batch.time(g)
        pressure = batch.pressure(g)[:, self.actor]
        t_eff = t + (1.0 - t) * 0.5 * pressure
        scale = self.level.e_scale * (0.6 + 0.8 * batch.trust[g])
        return np.clip(t_eff, 0.0, 1.0), scale

    def time_target(self, batch: Batch, g: np.ndarray, e: float, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        t, scale = self.clock(batch, g)
        curve = 1.0 - np.power(t, 1.0 / (e * scale))
        return pmin + (pmax - pmin) * curve

    def pick_tactic(self, batch: Batch, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A gesture when trust is low, pressure when the other side has stopped moving."""
        r = self.rules
        tactic = np.full(len(g), -1, dtype=np.int64)
        why = np.full(len(g), -1, dtype=np.int64)
        if not len(r.tactic_ids):
            return tactic, why
        free = ~batch.tactic_this_turn[g]
        mine = r.tactic_owner == self.actor
        left = batch.tactic_uses[g] < r.tactic_max_uses  # (len, T)
        gestures = left & mine & ~r.tactic_kind
        pressures = left & mine & r.tactic_kind
        want_gesture = free & (batch.trust[g] < 0.35) & (batch.round[g] >= 2) & gestures.any(axis=1)
        tactic[want_gesture] = np.argmax(gestures[want_gesture], axis=1)
        why[want_gesture] = Why.GESTURE
        if self.level.pressure_tactics:
            b = self.other
            their, before = batch.offer[g, b], batch.previous_offer[g, b]
            both = (their >= 0) & (before >= 0)
            safe_now, safe_before = np.where(both, their, 0), np.where(both, before, 0)
            stalled = both & (
                batch.utility(self.actor, safe_now, g) <= batch.utility(self.actor, safe_before, g) + 0.005
            )
            want = free & ~want_gesture & stalled & (batch.round[g] >= 3) & pressures.any(axis=1)
            tactic[want] = np.argmax(pressures[want], axis=1)
            why[want] = Why.PRESSURE
        return tactic, why

    def decide(self, batch: Batch, g: np.ndarray) -> Decision:
        """One move per game in ``g`` (all must have this strategy's side to move)."""
        g = np.asarray(g, dtype=np.int64)
        count = len(g)
        a, b = self.actor, self.other
        kind = np.full(count, Kind.PROPOSE, dtype=np.int64)
        package = np.full(count, -1, dtype=np.int64)
        tactic = np.full(count, -1, dtype=np.int64)
        why = np.full(count, Why.COUNTER, dtype=np.int64)

        pmin, pmax = self.bounds(batch, g)
        target = np.maximum(self.targets(batch, g, pmin, pmax), pmin)
        target = np.minimum(target, pmax)
        hopeless = batch.reservation[g, a] > pmax
        kind[hopeless] = Kind.WALK
        why[hopeless] = Why.WALK

        live = ~hopeless
        pick, pick_why = self.pick_tactic(batch, g)
        use = live & (pick >= 0)
        kind[use] = Kind.TACTIC
        tactic[use] = pick[use]
        why[use] = pick_why[use]

        rest = live & ~use
        standing = batch.offer[g, b]
        has = rest & (standing >= 0)
        safe = np.where(has, standing, 0)
        value = batch.utility(a, safe, g)
        acceptable = has & ~batch.forbidden(np.full(count, a), safe) & (value >= batch.reservation[g, a])
        last = batch.is_last_turn(g)
        good = acceptable & (value >= target - self.level.slack)
        take = good | (acceptable & last)
        kind[take] = Kind.ACCEPT
        why[take & good] = Why.ACCEPT
        why[take & ~good] = Why.ACCEPT_LAST

        offer = rest & ~take
        if offer.any():
            rows = np.flatnonzero(offer)
            chosen = self.choose(batch, g[rows], target[rows])
            package[rows] = chosen
            mine = batch.offer[g[rows], a]
            why[rows] = np.where(mine < 0, Why.OPEN, np.where(mine == chosen, Why.HOLD, Why.COUNTER))
        return Decision(kind, package, tactic, why, target)


class TimeDependent(Strategy):
    """Boulware, linear or Conceder concession, by exponent."""

    def __init__(self, rules: Rules, actor: int, n: int, difficulty: str = "normal", *, name: str = "linear"):
        super().__init__(rules, actor, n, difficulty)
        self.name = name
        self.e = EXPONENT[name]

    def targets(self, batch: Batch, g: np.ndarray, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        return self.time_target(batch, g, self.e, pmin, pmax)


class TitForTat(Strategy):
    """Relative tit-for-tat: mirror, in own utility, the other side's last concession.

    The state is the running total of the other side's concessions, measured in this
    side's utility; the target is the best package minus that total. It is updated only
    by ``observe``, so ``decide`` stays free of side effects and replays are exact.
    """

    name = "tit-for-tat"

    def __init__(self, rules: Rules, actor: int, n: int, difficulty: str = "normal"):
        super().__init__(rules, actor, n, difficulty)
        self.conceded = np.zeros(n)

    def observe(self, batch: Batch, g: np.ndarray, mover: int, kind: Kind,
                package: np.ndarray | None = None, signal: np.ndarray | None = None) -> None:
        if mover != self.other or kind != Kind.PROPOSE:
            return
        before = batch.previous_offer[g, self.other]
        has = before >= 0
        if not has.any():
            return
        rows = g[has]
        now = batch.offer[rows, self.other]
        gained = batch.utility(self.actor, now, rows) - batch.utility(self.actor, before[has], rows)
        self.conceded[rows] += gained * self.level.e_scale

    def targets(self, batch: Batch, g: np.ndarray, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        return np.clip(pmax - np.maximum(self.conceded[g], 0.0), pmin, pmax)


class Adaptive(Strategy):
    """Time-dependent concession with logrolling proposals from a learnt model of the other side."""

    name = "adaptive"

    def __init__(self, rules: Rules, actor: int, n: int, difficulty: str = "normal"):
        super().__init__(rules, actor, n, difficulty)
        self.beliefs = Beliefs(rules, actor, 1 - actor, n, informed=True)

    def observe(self, batch: Batch, g: np.ndarray, mover: int, kind: Kind,
                package: np.ndarray | None = None, signal: np.ndarray | None = None) -> None:
        if mover != self.other:
            return
        if kind == Kind.PROPOSE and package is not None:
            self.beliefs.observe_offer(g, package)
        elif kind == Kind.SIGNAL and signal is not None:
            self.beliefs.observe_signal(g, signal, batch.trust[g] * self.level.learns)

    def targets(self, batch: Batch, g: np.ndarray, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        return self.time_target(batch, g, EXPONENT["adaptive"], pmin, pmax)

    def choose(self, batch: Batch, g: np.ndarray, target: np.ndarray) -> np.ndarray:
        out = np.empty(len(g), dtype=np.int64)
        mask = self.candidates.mask
        digits = self.rules.digits
        for rows, _, _, full in self._groups(batch, g):
            games = g[rows]
            w = self.beliefs.expected_weights(games)  # (r, m)
            values = self.beliefs.estimated_values(games)  # (r, m, kmax)
            theirs = np.zeros((len(rows), digits.shape[0]))
            for i in range(digits.shape[1]):
                theirs += w[:, i : i + 1] * values[:, i, digits[:, i]]
            allowed = mask[None, :] & (full[None, :] >= target[rows][:, None])
            score = np.where(allowed, np.round(theirs, 6) + full[None, :] * 1e-7, -np.inf)
            best = np.argmax(score, axis=1)
            # If rounding left nothing above the target, fall back to the best own package.
            empty = ~allowed.any(axis=1)
            if empty.any():
                best[empty] = np.argmax(np.where(mask, full, -np.inf))
            out[rows] = best
        return out


def make_strategy(name: str, rules: Rules, actor: int, n: int = 1, difficulty: str = "normal") -> Strategy:
    """A computer side by name: boulware, linear, conceder, tit-for-tat or adaptive."""
    if name in ("boulware", "linear", "conceder"):
        return TimeDependent(rules, actor, n, difficulty, name=name)
    if name == "tit-for-tat":
        return TitForTat(rules, actor, n, difficulty)
    if name == "adaptive":
        return Adaptive(rules, actor, n, difficulty)
    raise ValueError(f"unknown strategy {name!r}; choose one of {', '.join(STRATEGIES)}")
