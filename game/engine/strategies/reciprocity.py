"""Tit-for-tat: Baarslag's "nice" relative mirror, with a time fallback.

It opens with its best package and, once it has made one small concession of its own
unasked (it is *nice*: it never waits for the other side to move first), it concedes, as a
share of its own range, exactly the share of *its own* range the other side has conceded,
measured in the other side's utility as its model estimates it (*relative* tit-for-tat:
Baarslag, Hindriks and Jonker, 2013). When the other side takes concessions back, it
stops conceding until they are made good (it does not take back its own: that would cost
trust, see :mod:`.base`). Near the deadline it concedes on a linear clock whatever the other side does (the time
fallback), so that two tit-for-tat sides reach agreements instead of waiting each other out.
"""

from __future__ import annotations

import numpy as np

from ..batch import Batch, Kind
from ..rules import Rules
from .base import Strategy

#: Share of its range it gives on its own once it has opened (it is "nice").
NICE = 0.08
#: From this share of the talks on, it concedes at least as fast as a linear clock.
FALLBACK = 0.6


class TitForTat(Strategy):
    """Relative tit-for-tat in the other side's estimated utility, nice, with a time fallback."""

    name = "tit-for-tat"

    def __init__(self, rules: Rules, actor: int, n: int, difficulty: str = "normal"):
        super().__init__(rules, actor, n, difficulty)
        #: The other side's first and latest offer, in its utility as this side estimates it.
        self.their_opening = np.full(n, np.nan)
        self.their_latest = np.full(n, np.nan)

    def observe(self, batch: Batch, g: np.ndarray, mover: int, kind: Kind,
                package: np.ndarray | None = None, signal: np.ndarray | None = None, *, public: bool = False,
                issue: np.ndarray | None = None, options: np.ndarray | None = None) -> None:
        super().observe(batch, g, mover, kind, package, signal, public=public, issue=issue, options=options)
        if mover != self.other or kind != Kind.PROPOSE or package is None:
            return
        post = self.beliefs.posterior(g)
        estimate = (self.beliefs.utility_of(g, package) * post).sum(axis=1)
        first = np.isnan(self.their_opening[g])
        self.their_opening[g] = np.where(first, estimate, self.their_opening[g])
        self.their_latest[g] = estimate

    def mirrored(self, g: np.ndarray) -> np.ndarray:
        """Share of its own range the other side has conceded so far (negative: it retracted)."""
        opening, latest = self.their_opening[g], self.their_latest[g]
        span = np.maximum(opening - self.beliefs.reservation, 0.05)
        share = np.where(np.isnan(opening), 0.0, (opening - latest) / span)
        return np.clip(share * self.level.e_scale, -1.0, 1.0)

    def targets(self, batch: Batch, g: np.ndarray, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        opened = batch.offer[g, self.actor] >= 0
        share = np.maximum(self.mirrored(g) + np.where(opened, NICE, 0.0), 0.0)
        mirror = pmax - (pmax - pmin) * np.minimum(share, 1.0)
        t, _ = self.clock(batch, g)
        late = t >= FALLBACK
        clock = pmin + (pmax - pmin) * (1.0 - (t - FALLBACK) / (1.0 - FALLBACK))
        return np.where(late, np.minimum(mirror, clock), mirror)
