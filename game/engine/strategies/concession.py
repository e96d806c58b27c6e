"""Strategies that concede on a clock, and the two reference strategies that never concede.

* Time-dependent concession (Boulware, linear, Conceder), after Faratin, Sierra and
  Jennings: the target falls from the best package to the floor as
  ``p(t) = Pmin + (Pmax - Pmin) * (1 - t^(1/e))`` (GENIUS's convention: Boulware e=0.2,
  linear e=1, Conceder e=2), held up by the shared reciprocity floor (:mod:`.base`). It
  proposes the package whose value is the smallest at or above the target.
* Hardliner (GENIUS's e = 0): repeats its best package and never concedes. A reference
  for balancing: the game must not reward it.
* Bully: a hardliner that also plays every pressure tactic it has and proposes across the
  other side's declared red lines. Also a reference: the other side should walk out on it.
"""

from __future__ import annotations

import numpy as np

from ..batch import Batch
from ..rules import Rules
from .base import Candidates, Strategy
from .levels import Why

EXPONENT = {"boulware": 0.2, "linear": 1.0, "conceder": 2.0}


class TimeDependent(Strategy):
    """Boulware, linear or Conceder concession, by exponent."""

    def __init__(self, rules: Rules, actor: int, n: int, difficulty: str = "normal", *, name: str = "linear"):
        super().__init__(rules, actor, n, difficulty)
        self.name = name
        self.e = EXPONENT[name]

    def targets(self, batch: Batch, g: np.ndarray, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        return self.time_target(batch, g, self.e, pmin, pmax)


class Hardliner(Strategy):
    """Repeats its best package (clear of the other side's declared red lines) and never concedes."""

    name = "hardliner"
    governs = False

    def targets(self, batch: Batch, g: np.ndarray, pmin: np.ndarray, pmax: np.ndarray) -> np.ndarray:
        return pmax

    def pick_tactic(self, batch: Batch, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.full(len(g), -1, dtype=np.int64), np.full(len(g), -1, dtype=np.int64)


class Bully(Hardliner):
    """A hardliner that presses with every pressure tactic and proposes across the other side's red lines."""

    name = "bully"

    def make_candidates(self) -> Candidates:
        return Candidates(self.rules, self.actor, respect_theirs=False)

    def pick_tactic(self, batch: Batch, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        r = self.rules
        tactic = np.full(len(g), -1, dtype=np.int64)
        why = np.full(len(g), -1, dtype=np.int64)
        if not len(r.tactic_ids):
            return tactic, why
        left = batch.tactic_uses[g] < r.tactic_max_uses
        pressures = left & (r.tactic_owner == self.actor) & r.tactic_kind
        want = ~batch.tactic_this_turn[g] & pressures.any(axis=1)
        tactic[want] = np.argmax(pressures[want], axis=1)
        why[want] = Why.PRESSURE
        return tactic, why
