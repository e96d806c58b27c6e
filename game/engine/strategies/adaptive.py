"""Adaptive: concedes on a clock, and logrolls by what it has learnt of the other side.

Among the packages worth at least its target (and no more than its most generous offer so
far: it never takes a concession back) it proposes the one it expects the other side to
value most *and* to get ratified at home: its model of the other side's priorities
and positions (:mod:`..beliefs`), weighed by the chance it estimates that the other side's
constituency passes the package (read from how far the package is above the other side's
estimated no-deal value). It gives away what it values little for what the other side
seems to value much.

On a very large outcome space it looks at the packages just above its target (the
cheapest concessions, at most :data:`BAND` of them) instead of every one, so a move costs
no more than the outcome space's size.
"""

from __future__ import annotations

import numpy as np

from ..batch import Batch
from .base import Strategy

EXPONENT = 0.5
#: Most packages above its target it compares for one proposal (the cheapest concessions first).
BAND = 512
#: Games compared at once (bounds the memory of a batch move to CHUNK x BAND values).
CHUNK = 256
#: Scale of the logistic that turns an estimated margin over no deal into a chance of ratification.
RATIFY_SCALE = 0.08


class Adaptive(Strategy):
    """Time-dependent concession with logrolling proposals from a learnt model of the other side."""

    name = "adaptive"

    @staticmethod
    def _their_utility(weights: np.ndarray, values: np.ndarray, digits: np.ndarray) -> np.ndarray:
        """(c, w) the other side's estimated utility of packages with ``digits`` (c, w, m): one
        gather from the flattened (c, m, kmax) value table, then the weighted sum over issues."""
        c, m, kmax = values.shape
        index = (np.arange(c)[:, None, None] * (m * kmax) + np.arange(m) * kmax) + digits
        return np.einsum("cwm,cm->cw", values.reshape(-1)[index], weights)

    def targets(self, batch: Batch, g: np.ndarray, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        return self.time_target(batch, g, EXPONENT, pmin, pmax)

    def choose(self, batch: Batch, g: np.ndarray, target: np.ndarray) -> np.ndarray:
        out = np.empty(len(g), dtype=np.int64)
        digits = self.rules.digits
        for rows, sv, sidx, _ in self.groups(batch, g):
            start = np.minimum(np.searchsorted(sv, target[rows] - 1e-12, side="left"), len(sv) - 1)
            for lo in range(0, len(rows), CHUNK):
                part = rows[lo:lo + CHUNK]
                games = g[part]
                window, allowed, packages = self.window(games, sv, sidx, start[lo:lo + CHUNK], target[part], BAND)
                w = self.beliefs.expected_weights(games)  # (c, m)
                values = self.beliefs.estimated_values(games)  # (c, m, kmax)
                theirs = self._their_utility(w, values, digits[packages])
                # Nor offer the other side less than last time, as far as it can tell what they want.
                mine = batch.offer[games, self.actor]
                before = self._their_utility(w, values, digits[np.maximum(mine, 0)][:, None, :])[:, 0]
                fair = allowed & ((theirs >= before[:, None] - 1e-9) | (mine < 0)[:, None])
                allowed = np.where(fair.any(axis=1)[:, None], fair, allowed)
                passes = 1.0 / (1.0 + np.exp(-(theirs - self.beliefs.reservation) / RATIFY_SCALE))
                score = np.where(allowed, np.round(theirs * passes, 6) - sv[window] * 1e-7, -np.inf)
                out[part] = packages[np.arange(len(part)), np.argmax(score, axis=1)]
        return out
