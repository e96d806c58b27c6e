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

from abc import ABC
from collections.abc import Iterator

import numpy as np

from game.scenario.models import DIFFICULTIES

from ..batch import Batch, Kind
from ..beliefs import Beliefs
from ..rules import Rules
from ..space import beats_no_deal
from .candidates import Candidates
from .levels import BAND, LEVELS, NEVER_PASSES, STILL, Decision, Why
from .memory import Memory
from .play import Play

__all__ = ["Candidates", "Strategy"]


class Strategy(Memory, Play, ABC):
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

    def groups(self, batch: Batch, g: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """(rows of g, sorted values, package indices, value of every package) per distinct
        (weights, no-deal value, threshold). Most games share one, so the common case is one group."""
        if len(g) == 0:
            return
        a = self.actor
        key_rows = np.round(np.c_[batch.weights[g, a], batch.reservation[g, a], batch.threshold[g, a]], 12)
        if (key_rows == key_rows[0]).all():
            yield (np.arange(len(g)), *self.candidates.table(key_rows[0, :-2], *map(float, key_rows[0, -2:]))[:3])
            return
        _, inverse = np.unique(key_rows, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        for k in range(int(inverse.max()) + 1):
            rows = np.flatnonzero(inverse == k)
            rep = key_rows[rows[0]]
            yield (rows, *self.candidates.table(rep[:-2], *map(float, rep[-2:]))[:3])

    # -- hooks ----------------------------------------------------------------------------

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

        The level's ``e_scale`` multiplies the exponent: ``easy`` concedes on a faster clock.
        No level concedes on a slower one (a tougher side gives less away unasked instead; see
        :class:`.levels.Level` for why a slower clock made the harder level worse off).
        """
        t = batch.time(g)
        pressure = batch.pressure(g)[:, self.actor]
        t_eff = np.clip(t + (1.0 - t) * 0.5 * pressure, 0.0, 1.0)
        scale = self.level.e_scale * (0.6 + 0.8 * batch.trust[g])
        return t_eff, scale

    def time_target(self, batch: Batch, g: np.ndarray, e: float, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        """GENIUS's time-dependent curve: ``Pmin + (Pmax - Pmin) * (1 - t^(1/e))``."""
        t, scale = self.clock(batch, g)
        return pmin + (pmax - pmin) * (1.0 - np.power(t, 1.0 / (e * scale)))

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
        passes = batch.ratify_chance(np.full(count, a), safe, g)
        blocked = has & own_ok & (u >= bar) & (passes < NEVER_PASSES) & ~take

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
        response = np.full(count, -1, dtype=np.int64)
        crisis = batch.crisis[g] >= 0
        if crisis.any():  # a crisis that hit this side comes first: it answers before anything else
            response[crisis] = self.answer(batch, g[crisis])
            kind[crisis], why[crisis] = Kind.ANSWER, Why.ANSWER
            package[crisis], tactic[crisis] = -1, -1
        return Decision(kind, package, tactic, why, target, blocked, response)
