"""The packages a side may propose, ranked by what they are worth to it at both levels."""

from __future__ import annotations

import numpy as np

from ..analysis import WIN_SET_CHANCE
from ..rules import Rules


class Candidates:
    """Packages a side may propose, sorted by their two-level value to it, cached per
    (weights, no-deal value, constituency threshold). What it may propose: never across its
    own red lines; within its own win-set while that leaves anything; and not across the
    other side's declared red lines while anything else is left (a bully leaves that out)."""

    def __init__(self, rules: Rules, actor: int, *, respect_theirs: bool = True):
        self.rules = rules
        self.actor = actor
        self.respect_theirs = respect_theirs
        self.cache: dict[bytes, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}

    def mask(self, threshold: float) -> np.ndarray:
        """What the side may propose when its constituency's threshold is ``threshold``."""
        rules, actor = self.rules, self.actor
        own = ~rules.forbidden[actor]
        # A side proposes within its own win-set (what its constituency would likely ratify)
        # while it can: a package its Congress would throw out is no concession, only delay.
        passes = own & (rules.ratification_at(actor, threshold) >= WIN_SET_CHANCE)
        own = passes if passes.any() else own
        both = own & ~rules.forbidden[1 - actor]
        return both if (self.respect_theirs and both.any()) else own

    def table(self, weights: np.ndarray, reservation: float,
              threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(sorted values, their package indices, value of every package, the mask)."""
        key = np.round(np.r_[weights, reservation, threshold], 12).tobytes()
        hit = self.cache.get(key)
        if hit is None:
            rules = self.rules
            base = np.allclose(weights, rules.base_weights[self.actor], rtol=0, atol=1e-12)
            u = rules.base_utilities[self.actor] if base else rules.utility_table(self.actor, weights)
            v = reservation + (u - reservation) * rules.ratification_at(self.actor, threshold)
            mask = self.mask(threshold)
            idx = np.flatnonzero(mask)
            order = np.argsort(v[idx], kind="stable")  # ties keep the lower package index first
            hit = (v[idx][order], idx[order], v, mask)
            if len(self.cache) > 64:
                self.cache.clear()
            self.cache[key] = hit
        return hit
