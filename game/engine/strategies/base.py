"""What every computer negotiator shares: two-level values, memory, acceptance and walking out.

A computer side plays like a government, not a vending machine:

* **Two levels.** It values a package at what the package is worth to it *if ratified at
  home*: ``v = r + (u - r) * R``, its utility ``u`` weighed by the chance ``R`` that its own
  constituency ratifies the package, and its no-deal value ``r`` otherwise (Putnam's
  two-level game). A package its Congress would never pass is worth little to it, however
  good on paper, and it says so.
* **Reciprocity.** Whatever its concession curve, it gives away on its own only a part of
  what it could (its *allowance*); beyond that it concedes in proportion to what the other
  side has conceded to it. A side that concedes nothing gets less, not more.
* **No free retraction.** Its demands never rise again once it has moved (a later deadline
  or a change of trust changes how fast it concedes, not what it has given), except when it
  hardens after an affront, which costs trust and which it says out loud.
* **Grievances.** Proposals across its declared red lines, pressure tactics and signals its
  offers then contradict harden its demands and use up its patience.
* **Walking out.** It compares going on with leaving: when nothing still possible beats
  its no-deal value, when its patience with affronts is gone, or when the other side has
  stopped moving and offers nothing it would take, talking is worth no more than its
  alternative, and it walks away, saying why.
* **Acceptance (AC_next, after Baarslag et al.).** It accepts an offer worth at least what
  its own next proposal would be worth to it, and strictly more than no deal. ``easy``
  accepts a little below that (its ``slack``).

Every strategy decides for many games at once (arrays over games), so that batch
simulation and the one-game state run the same code.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from game.scenario.models import DIFFICULTIES

from ..analysis import WIN_SET_CHANCE
from ..batch import Batch, Kind
from ..beliefs import Beliefs
from ..rules import Rules
from ..space import beats_no_deal

#: Share of the talks over which a tougher level closes on the normal pace of concession.
CATCH_UP = (0.55, 0.85)
#: Most packages above its target a side compares for one proposal (a large outcome space is
#: searched near the target only, so a move costs no more than the space's size).
BAND = 128
#: Most packages above its floor a side weighs for its final offer.
FINAL_BAND = 512
#: Chance of ratification below which a side says its constituency would never pass a package.
NEVER_PASSES = 0.25
#: Change (in either side's utility) below which an offer counts as no move at all: only a
#: repeated or equivalent package is standing still; the smallest concession is a move.
STILL = 1e-6


@dataclass(frozen=True)
class Level:
    """How a difficulty level shapes play (see the module docstring for the mechanisms)."""

    margin: float  # kept above the no-deal value as the floor of concession
    e_scale: float  # multiplies the concession exponent (bigger: concedes sooner)
    allowance: float  # share of its surplus it concedes without reciprocity
    reciprocate: float  # concession it allows itself per unit the other side concedes
    slack: float  # accepts offers this far below its next proposal's value
    pressure_tactics: bool  # whether it uses pressure tactics at all
    learns: float  # how much its model believes the other side's signals (0..1)
    tolerance: int  # affronts on one issue (red-line crossings) it bears before walking out
    patience: int  # offers without movement it sits through before walking out
    harden: float  # demands added per affront beyond the first


LEVELS = {
    "easy": Level(margin=0.0, e_scale=1.6, allowance=0.55, reciprocate=1.6, slack=0.03, pressure_tactics=False,
                  learns=0.5, tolerance=4, patience=5, harden=0.03),
    "normal": Level(margin=0.02, e_scale=1.0, allowance=0.45, reciprocate=1.4, slack=0.01, pressure_tactics=True,
                    learns=1.0, tolerance=3, patience=4, harden=0.05),
    "hard": Level(margin=0.02, e_scale=0.6, allowance=0.45, reciprocate=1.4, slack=0.01, pressure_tactics=True,
                  learns=1.0, tolerance=3, patience=3, harden=0.07),
}


class Why(IntEnum):
    """Why a computer made its move; the narration turns these into words."""

    OPEN = 0  # first offer
    COUNTER = 1  # a new offer in reply to theirs
    HOLD = 2  # repeats its standing offer
    ACCEPT = 3  # their offer is worth what its own next offer would be
    WALK = 4  # nothing still possible beats no deal
    GESTURE = 5  # goodwill to rebuild trust
    PRESSURE = 6  # the other side is not moving
    WALK_AFFRONTS = 7  # its red lines were crossed once too often
    WALK_STALLED = 8  # the other side stopped moving and offers nothing it would take
    HARDEN = 9  # a new offer that takes back concessions after an affront


@dataclass
class Decision:
    """Moves for games ``g``; ``package``/``tactic`` are -1 where unused.

    ``target`` is the value (two-level, to the deciding side) its proposal had to reach;
    ``blocked`` marks games where the other side's offer met that target on paper but the
    side's own constituency would not ratify it.
    """

    kind: np.ndarray
    package: np.ndarray
    tactic: np.ndarray
    why: np.ndarray
    target: np.ndarray
    blocked: np.ndarray


#: Fixed coefficients that turn a weight vector into a grouping key (rows are verified after).
_KEY = np.sqrt(np.array([2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59], dtype=np.float64))


class Candidates:
    """Packages a side may propose, sorted by their two-level value to it, cached per
    (weights, no-deal value). ``mask`` is what it may propose: never across its own red
    lines; within its own win-set while that leaves anything; and not across the other
    side's declared red lines while anything else is left (a bully's mask leaves that out)."""

    def __init__(self, rules: Rules, actor: int, *, respect_theirs: bool = True):
        self.rules = rules
        self.actor = actor
        own = ~rules.forbidden[actor]
        # A side proposes within its own win-set (what its constituency would likely ratify)
        # while it can: a package its Congress would throw out is no concession, only delay.
        passes = own & (rules.ratification[actor] >= WIN_SET_CHANCE)
        own = passes if passes.any() else own
        both = own & ~rules.forbidden[1 - actor]
        self.mask = both if (respect_theirs and both.any()) else own
        self.cache: dict[bytes, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def table(self, weights: np.ndarray, reservation: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sorted values, their package indices, value of every package)."""
        key = np.round(np.r_[weights, reservation], 12).tobytes()
        hit = self.cache.get(key)
        if hit is None:
            u = self.rules.utility_table(self.actor, weights)
            v = reservation + (u - reservation) * self.rules.ratification[self.actor]
            idx = np.flatnonzero(self.mask)
            order = np.lexsort((idx, v[idx]))
            hit = (v[idx][order], idx[order], v)
            if len(self.cache) > 64:
                self.cache.clear()
            self.cache[key] = hit
        return hit


class Strategy(ABC):
    """A computer side: ``decide`` picks a move for each game, ``observe`` sees every move."""

    name = "strategy"
    #: Whether the side keeps the shared reciprocity floor and walks out (reference strategies do not).
    governs = True

    def __init__(self, rules: Rules, actor: int, n: int, difficulty: str = "normal"):
        if difficulty not in LEVELS:
            raise ValueError(f"unknown difficulty {difficulty!r}; choose one of {', '.join(DIFFICULTIES)}")
        self.rules = rules
        self.actor = actor
        self.other = 1 - actor
        self.n = n
        self.difficulty = difficulty
        self.level = LEVELS[difficulty]
        self.candidates = self.make_candidates()
        self.beliefs = Beliefs(rules, actor, self.other, n)
        # Memory, in this side's two-level values: its most generous offer so far, the other
        # side's first and best offers, how long the other side has not moved, and signals
        # the other side's offers contradicted.
        self.mine_best = np.full(n, np.inf)
        self.their_first = np.full(n, np.nan)
        self.their_best = np.full(n, -np.inf)
        self.their_least = np.full(n, np.inf)  # the least the other side asked, by our estimate of its utility
        self.their_opening = np.full(n, np.nan)  # its first offer, by our estimate of its utility
        self.stalled = np.zeros(n, dtype=np.int64)
        self.claimed_top = np.full(n, -1, dtype=np.int64)
        self.broken = np.zeros(n, dtype=np.int64)
        self.hardened = np.zeros(n)

    def make_candidates(self) -> Candidates:
        return Candidates(self.rules, self.actor)

    # -- values ------------------------------------------------------------------------------

    def value(self, batch: Batch, g: np.ndarray, packages: np.ndarray) -> np.ndarray:
        """Two-level value to this side of one package per game: utility if ratified, else no deal."""
        u = batch.utility(self.actor, packages, g)
        r = batch.reservation[g, self.actor]
        return r + (u - r) * self.rules.ratification[self.actor, packages]

    def groups(self, batch: Batch, g: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """(rows of g, sorted values, package indices, value of every package) per distinct
        (weights, no-deal value). Most games share one, so the common case is one group."""
        if len(g) == 0:
            return
        key_rows = np.round(np.c_[batch.weights[g, self.actor], batch.reservation[g, self.actor]], 12)
        if (key_rows == key_rows[0]).all():
            yield (np.arange(len(g)), *self.candidates.table(key_rows[0, :-1], float(key_rows[0, -1])))
            return
        _, inverse = np.unique(key_rows, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        for k in range(int(inverse.max()) + 1):
            rows = np.flatnonzero(inverse == k)
            rep = key_rows[rows[0]]
            yield (rows, *self.candidates.table(rep[:-1], float(rep[-1])))

    # -- hooks ----------------------------------------------------------------------------

    def observe(self, batch: Batch, g: np.ndarray, mover: int, kind: Kind,
                package: np.ndarray | None = None, signal: np.ndarray | None = None) -> None:
        """Called after a move of ``mover`` in games ``g`` has been applied."""
        if mover == self.actor:
            if kind == Kind.PROPOSE and package is not None:
                value = self.value(batch, g, package)
                # A new offer answers every affront so far: a later one may harden it again.
                self.hardened[g] = self.affronts(batch, g)
                self.mine_best[g] = np.where(value > self.mine_best[g] + STILL, value,
                                             np.minimum(self.mine_best[g], value))
            return
        if kind == Kind.PROPOSE and package is not None:
            self._their_offer(batch, g, package)
        elif kind == Kind.SIGNAL and signal is not None:
            self.beliefs.observe_signal(g, signal, batch.trust[g] * self.level.learns)
            self.claimed_top[g] = np.argmax(signal, axis=1)
        elif kind == Kind.REJECT:
            mine = batch.offer[g, self.actor]
            has = mine >= 0
            if has.any():
                self.beliefs.observe_reject(g[has], mine[has])

    def _their_offer(self, batch: Batch, g: np.ndarray, package: np.ndarray) -> None:
        v = self.value(batch, g, package)
        first = np.isnan(self.their_first[g])
        self.their_first[g] = np.where(first, v, self.their_first[g])
        # A move is a concession to us, or one the other side made by its own lights (as we
        # estimate them): giving on issues we care little about is still moving.
        post = self.beliefs.posterior(g)
        theirs = (self.beliefs.utility_of(g, package) * post).sum(axis=1)
        gave = theirs < self.their_least[g] - STILL
        moved = (v > self.their_best[g] + STILL) | gave
        self.their_least[g] = np.minimum(self.their_least[g], theirs)
        self.their_opening[g] = np.where(first, theirs, self.their_opening[g])
        # Standing still is repeating oneself: a side that reshuffles its package is still talking.
        repeated = batch.previous_offer[g, self.other] == package
        self.stalled[g] = np.where(first | moved | ~repeated, 0, self.stalled[g] + 1)
        self.their_best[g] = np.maximum(self.their_best[g], v)
        # A signal is broken when the issue the other side called its first priority is the one
        # it now gives away entirely: it offers there the option this side values most.
        claimed = self.claimed_top[g]
        has = claimed >= 0
        if has.any():
            rows = np.flatnonzero(has)
            digits = self.rules.digits_of(package[rows])
            issue = claimed[rows]
            own = self.rules.values[self.actor, issue]
            gave = digits[np.arange(len(rows)), issue] == np.argmax(own, axis=1)
            self.broken[g[rows[gave]]] += 1
            self.claimed_top[g[rows[gave]]] = -1
        self.beliefs.observe_offer(g, package)

    @abstractmethod
    def targets(self, batch: Batch, g: np.ndarray, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        """The value each game's proposal should reach now, by this strategy's own curve."""

    def choose(self, batch: Batch, g: np.ndarray, target: np.ndarray) -> np.ndarray:
        """The package to propose: of those worth at least the target (and no more than its most
        generous offer so far), the one that agrees with the other side's standing offer on the
        most issues, cheapest first; the cheapest at the target when they have not offered yet.
        Meeting the other side where it stands needs no model of what it wants."""
        out = np.empty(len(g), dtype=np.int64)
        theirs = batch.offer[g, self.other]
        for rows, sv, sidx, _ in self.groups(batch, g):
            start = np.minimum(np.searchsorted(sv, target[rows] - 1e-12, side="left"), len(sv) - 1)
            out[rows] = sidx[start]
            near = rows[theirs[rows] >= 0]
            if not len(near):
                continue
            window, allowed, packages = self.window(g[near], sv, sidx, start[theirs[rows] >= 0], target[near], BAND)
            agree = (self.rules.digits[packages] == self.rules.digits[theirs[near]][:, None, :]).sum(axis=2)
            score = np.where(allowed, agree - sv[window] * 1e-6, -np.inf)
            out[near] = packages[np.arange(len(near)), np.argmax(score, axis=1)]
        return out

    def window(self, games: np.ndarray, sv: np.ndarray, sidx: np.ndarray, start: np.ndarray, target: np.ndarray,
               band: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(positions, allowed, packages), each (len(games), width): the packages just above the
        target in this side's ranking, allowed up to its most generous offer so far (it never
        asks for more again) and always including the cheapest at the target."""
        width = min(band, len(sv))
        first = np.minimum(start, len(sv) - width)
        window = first[:, None] + np.arange(width)[None, :]
        ceiling = np.maximum(self.mine_best[games], target)
        allowed = (window >= start[:, None]) & ((sv[window] <= ceiling[:, None] + 1e-9) | (window == start[:, None]))
        return window, allowed, sidx[window]

    # -- the shared machinery ---------------------------------------------------------------

    def bounds(self, batch: Batch, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(Pmin, Pmax): the floor of concession and the best proposable value."""
        pmax = np.empty(len(g))
        for rows, sv, _, _ in self.groups(batch, g):
            pmax[rows] = sv[-1]
        pmin = np.minimum(batch.reservation[g, self.actor] + self.level.margin, pmax)
        return pmin, pmax

    def clock(self, batch: Batch, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(effective time, exponent scale): pressure at home pulls time forward, trust speeds concession.

        A tougher level concedes more slowly, but only until the end is in sight: from
        :data:`CATCH_UP` it closes on the normal pace, so that holding out early never turns
        into a deal lost at the deadline that a normal side would have made.
        """
        t = batch.time(g)
        pressure = batch.pressure(g)[:, self.actor]
        t_eff = np.clip(t + (1.0 - t) * 0.5 * pressure, 0.0, 1.0)
        level = self.level.e_scale
        if level < 1.0:
            blend = np.clip((t_eff - CATCH_UP[0]) / (CATCH_UP[1] - CATCH_UP[0]), 0.0, 1.0)
            level = level + (1.0 - level) * blend
        scale = level * (0.6 + 0.8 * batch.trust[g])
        return t_eff, scale

    def time_target(self, batch: Batch, g: np.ndarray, e: float, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        """GENIUS's time-dependent curve: ``Pmin + (Pmax - Pmin) * (1 - t^(1/e))``."""
        t, scale = self.clock(batch, g)
        return pmin + (pmax - pmin) * (1.0 - np.power(t, 1.0 / (e * scale)))

    def affronts(self, batch: Batch, g: np.ndarray) -> np.ndarray:
        """Affronts that harden this side: proposals across its red lines and broken signals.

        Pressure tactics are part of the game (each costs trust when played); only many of
        them exhaust a side's patience (:meth:`walk_reason`).
        """
        return batch.crossings[g, self.actor].sum(axis=1) + self.broken[g]

    def their_share(self, g: np.ndarray, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        """Share of its own range the other side has conceded so far: by our estimate of its
        utility, or by what its offers gained us, whichever says more (estimates can be off)."""
        opened = ~np.isnan(self.their_first[g])
        span = np.maximum(self.their_opening[g] - self.beliefs.reservation, 0.05)
        by_theirs = (self.their_opening[g] - self.their_least[g]) / span
        by_ours = (self.their_best[g] - self.their_first[g]) / np.maximum(pmax - pmin, 0.05)
        share = np.maximum(np.nan_to_num(by_theirs), np.nan_to_num(by_ours))
        return np.where(opened, np.clip(share, 0.0, 1.0), 0.0)

    def floor(self, batch: Batch, g: np.ndarray, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        """The least this side will settle for now: what reciprocity and its grievances allow.

        It concedes its ``allowance`` of its range unasked, and beyond that ``reciprocate``
        times the share of its own range the other side has conceded.
        """
        share = self.level.allowance + self.level.reciprocate * self.their_share(g, pmin, pmax)
        hardening = self.level.harden * np.maximum(self.affronts(batch, g) - 1, 0)
        return np.clip(pmax - share * (pmax - pmin) + hardening, pmin, pmax)

    def target(self, batch: Batch, g: np.ndarray, pmin: np.ndarray,
               pmax: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(target, floor, hardened now): the strategy's curve held up by the floor, never above
        its most generous offer so far unless an affront has just hardened it."""
        raw = np.clip(self.targets(batch, g, pmin, pmax), pmin, pmax)
        if not self.governs:
            return raw, raw, np.zeros(len(g), dtype=bool)
        floor = self.floor(batch, g, pmin, pmax)
        wanted = np.maximum(raw, floor)
        affronts = self.affronts(batch, g)
        capped = np.minimum(wanted, self.mine_best[g])
        # A new affront (beyond the first, which it forgives) makes it take a step back from
        # its most generous offer: it asks ``harden`` more than before, and pays for it in trust.
        affronted = (affronts > self.hardened[g]) & (affronts > 1) & np.isfinite(self.mine_best[g])
        stepped = np.minimum(self.mine_best[g] + self.level.harden, pmax)
        capped = np.where(affronted, np.maximum(capped, stepped), capped)
        hardens = affronted & (capped > self.mine_best[g] + STILL)
        return np.clip(capped, pmin, pmax), np.minimum(floor, capped), hardens

    def answer_a_move(self, batch: Batch, g: np.ndarray, chosen: np.ndarray, floor: np.ndarray) -> np.ndarray:
        """When the other side has just moved and our curve would repeat our standing offer,
        move by the smallest step we can (the next package down in our own ranking) while it
        stays above our floor: a move answered by silence reads as a wall, and talks die of it."""
        if not self.governs:
            return chosen
        mine = batch.offer[g, self.actor]
        answer = (chosen == mine) & (self.stalled[g] == 0) & ~np.isnan(self.their_first[g]) & (
            batch.offers_made[g, self.other] >= 2)
        if not answer.any():
            return chosen
        out = chosen.copy()
        for rows, sv, sidx, full in self.groups(batch, g):
            pick = rows[answer[rows]]
            if not len(pick):
                continue
            pos = np.searchsorted(sv, full[mine[pick]] - 1e-12, side="left") - 1
            ok = pos >= 0
            step = sidx[np.maximum(pos, 0)]
            ok &= sv[np.maximum(pos, 0)] >= floor[pick] - 1e-12
            out[pick[ok]] = step[ok]
        return out

    def final_offer(self, batch: Batch, g: np.ndarray, floor: np.ndarray) -> np.ndarray:
        """The last proposal before the other side's final turn: among packages worth at least
        the floor, the one with the best expected gain, ``(v - r) * P(they accept)`` by this
        side's model of them. A side that knows the talks end at the next answer makes an
        offer the other side can take, not one it must refuse."""
        out = np.empty(len(g), dtype=np.int64)
        r = batch.reservation[g, self.actor]
        when = batch.time(g, ahead=1)
        for rows, sv, sidx, _ in self.groups(batch, g):
            start = np.minimum(np.searchsorted(sv, floor[rows] - 1e-12, side="left"), len(sv) - 1)
            window, allowed, packages = self.window(g[rows], sv, sidx, start, floor[rows], FINAL_BAND)
            chance = self.beliefs.accept_chances(g[rows], packages, when[rows])
            gain = (sv[window] - r[rows][:, None]) * chance
            score = np.where(allowed, np.round(gain, 9) + sv[window] * 1e-9, -np.inf)
            out[rows] = packages[np.arange(len(rows)), np.argmax(score, axis=1)]
        return out

    def walk_reason(self, batch: Batch, g: np.ndarray, target: np.ndarray, standing_value: np.ndarray,
                    stuck: np.ndarray) -> np.ndarray:
        """Why (a :class:`Why` code) this side walks out of each game, or -1 to stay.

        ``stuck`` marks games where this side itself has nothing more to give (its next offer
        would be its standing one): talks where neither side moves any more are worth no more
        than leaving, so a side that is stuck facing a side that has stopped moving goes home.
        """
        out = np.full(len(g), -1, dtype=np.int64)
        if not self.governs:
            return out
        level = self.level
        worst = batch.crossings[g, self.actor].max(axis=1)
        out[(worst >= level.tolerance) | (batch.pressed[g, self.actor] >= level.tolerance + 1)] = Why.WALK_AFFRONTS
        # Pressure at home to close keeps a side at the table longer; distrust sends it home sooner.
        pressure = batch.pressure(g)[:, self.actor]
        patience = level.patience + np.round(2 * pressure).astype(np.int64) - (batch.trust[g] < 0.3)
        t = batch.time(g)
        would_not_take = ~(standing_value >= target - level.slack)
        stalled = (self.stalled[g] >= patience) & (t >= 0.5) & would_not_take & stuck
        out[(out < 0) & stalled] = Why.WALK_STALLED
        return out

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
            stalled = self.stalled[g] >= 1
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
        target, floor, hardens = self.target(batch, g, pmin, pmax)
        chosen = self.choose(batch, g, target)
        # The final round: whoever moves first in it makes the last offer, and the other side
        # has the last word. Both play the end as it is, not as if talks went on.
        final = (batch.round[g] == batch.deadline[g]) & (batch.half[g] == 0) & self.governs
        if final.any():
            chosen[final] = self.final_offer(batch, g[final], floor[final])
        chosen = self.answer_a_move(batch, g, chosen, floor)
        next_value = self.value(batch, g, chosen)
        last = batch.is_last_turn(g)

        standing = batch.offer[g, b]
        has = standing >= 0
        safe = np.where(has, standing, 0)
        u = batch.utility(a, safe, g)
        v = np.where(has, self.value(batch, g, safe), -np.inf)
        own_ok = ~batch.forbidden(np.full(count, a), safe)
        acceptable = has & own_ok & beats_no_deal(u, batch.reservation[g, a])
        # AC_next: as good as our own next offer; on the last turn there is no next offer, so
        # as good as the least we would settle for (reciprocity and grievances included).
        bar = np.where(last & self.governs, np.minimum(next_value, floor), next_value)
        take = acceptable & (v >= bar - self.level.slack - 1e-12)
        blocked = has & own_ok & (u >= bar) & (self.rules.ratification[a, safe] < NEVER_PASSES) & ~take

        hopeless = ~beats_no_deal(pmax, batch.reservation[g, a])
        stuck = target <= floor + STILL
        leave = self.walk_reason(batch, g, next_value, v, stuck)
        leave[hopeless] = Why.WALK
        walk = (leave >= 0) & ~take
        kind[walk] = Kind.WALK
        why[walk] = leave[walk]

        live = ~walk & ~take
        pick, pick_why = self.pick_tactic(batch, g)
        use = live & (pick >= 0)
        kind[use] = Kind.TACTIC
        tactic[use] = pick[use]
        why[use] = pick_why[use]

        kind[take & ~walk] = Kind.ACCEPT
        why[take & ~walk] = Why.ACCEPT

        offer = live & ~use
        package[offer] = chosen[offer]
        mine = batch.offer[g, a]
        why[offer] = np.where(mine[offer] < 0, Why.OPEN,
                              np.where(hardens[offer], Why.HARDEN,
                                       np.where(mine[offer] == chosen[offer], Why.HOLD, Why.COUNTER)))
        return Decision(kind, package, tactic, why, target, blocked)
