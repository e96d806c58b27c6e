"""What a computer side remembers of the talks, and what it makes of it.

Every move of the other side updates its model of that side (:mod:`..beliefs`, public
words weighing more), and its running account: the other side's first and best offers in
its own value, the least the other side asked by its own lights, how long it has stood
still, and the signals its offers broke. From that account come the two judgements the
rest of the strategy needs: how much the other side has conceded (reciprocity) and what
affronts this side has suffered (hardening and walking out).
"""

from __future__ import annotations

import numpy as np

from ..batch import Batch, Kind
from ..beliefs import Beliefs
from ..commitments import PUBLIC_WEIGHT
from ..rules import Rules
from .levels import STILL, Level


class Memory:
    """Mixin of :class:`~.base.Strategy`: the account it keeps of the other side."""

    rules: Rules
    actor: int
    other: int
    level: Level
    beliefs: Beliefs
    mine_best: np.ndarray
    their_first: np.ndarray
    their_best: np.ndarray
    their_least: np.ndarray
    their_opening: np.ndarray
    stalled: np.ndarray
    claimed_top: np.ndarray
    broken: np.ndarray
    hardened: np.ndarray

    def value(self, batch: Batch, g: np.ndarray, packages: np.ndarray) -> np.ndarray:
        """Two-level value to this side of one package per game: utility if ratified, else no deal."""
        u = batch.utility(self.actor, packages, g)
        r = batch.reservation[g, self.actor]
        return r + (u - r) * batch.ratify_chance(np.full(len(g), self.actor), packages, g)

    def observe(self, batch: Batch, g: np.ndarray, mover: int, kind: Kind,
                package: np.ndarray | None = None, signal: np.ndarray | None = None, *, public: bool = False,
                issue: np.ndarray | None = None, options: np.ndarray | None = None) -> None:
        """Called after a move of ``mover`` in games ``g`` has been applied (``public`` words weigh more)."""
        if mover == self.actor:
            if kind == Kind.PROPOSE and package is not None:
                value = self.value(batch, g, package)
                # A new offer answers every affront so far: a later one may harden it again.
                self.hardened[g] = self.affronts(batch, g)
                self.mine_best[g] = np.where(value > self.mine_best[g] + STILL, value,
                                             np.minimum(self.mine_best[g], value))
            return
        believed = float(batch.credibility[g[0], mover]) if len(g) else 1.0
        weight = 1.0 + (PUBLIC_WEIGHT - 1.0) * believed if public else 1.0
        if kind == Kind.PROPOSE and package is not None:
            self._their_offer(batch, g, package, weight)
        elif kind == Kind.SIGNAL and signal is not None:
            self.beliefs.observe_signal(g, signal, np.minimum(batch.trust[g] * self.level.learns * weight, 1.0))
            self.claimed_top[g] = np.argmax(signal, axis=1)
        elif kind == Kind.LINE and issue is not None and options is not None:
            self.beliefs.observe_line(g, issue, options, 1.0 if public else 0.5)
        elif kind == Kind.REJECT:
            mine = batch.offer[g, self.actor]
            has = mine >= 0
            if has.any():
                self.beliefs.observe_reject(g[has], mine[has])

    def _their_offer(self, batch: Batch, g: np.ndarray, package: np.ndarray, weight: float = 1.0) -> None:
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
        self.beliefs.observe_offer(g, package, weight)

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
