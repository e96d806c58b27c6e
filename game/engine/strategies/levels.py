"""The settings of computer play: difficulty levels, shared constants, reasons and decisions.

Every mechanism these numbers tune is described in :mod:`.base`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

#: Most packages above its target a side compares for one proposal (a large outcome space is
#: searched near the target only, so a move costs no more than the space's size).
BAND = 128
#: What a computer side weighs when it answers a crisis: the change of each quantity, times this.
#: How much a strategy cares for the relationship against its leverage when it answers a crisis:
#: trust counts ``warmth`` times, the two no-deal values ``1.5 - warmth / 2`` times. A conceder
#: answers to keep the peace, a hardliner to keep its alternative strong and weaken the other's.
WARMTH = {"conceder": 1.6, "tit-for-tat": 1.3, "adaptive": 1.0, "linear": 1.0, "boulware": 0.6,
          "hardliner": 0.3, "bully": 0.2}
ANSWER_WEIGHTS = {"reservation": 1.0, "trust": 0.5, "pressure": -0.3, "threshold": -0.5, "their reservation": -0.5}
#: Most packages above its floor a side weighs for its final offer.
FINAL_BAND = 512
#: Chance of ratification below which a side says its constituency would never pass a package.
NEVER_PASSES = 0.25
#: Change (in either side's utility) below which an offer counts as no move at all: only a
#: repeated or equivalent package is standing still; the smallest concession is a move.
STILL = 1e-6

@dataclass(frozen=True)
class Level:
    """How a difficulty level shapes play (the mechanisms are described in :mod:`.base`).

    ``hard`` is tougher than ``normal`` by what it gives away *unasked* (a smaller
    ``allowance``: beyond it, it concedes only in return for the other side's concessions),
    by a shorter patience with a side that has stopped moving and by harder hardening after
    affronts, not by a slower clock. Every computer side reciprocates, so a side that
    concedes slowly early only slows the other side down too, and must then hand the surplus
    over in a rush before the deadline (or lose the deal): against a linear or Conceder
    player a slower clock (``e_scale`` below 1) earned *less* than the normal pace, which
    made "harder" mean "worse" (issue 11, point 5). ``easy`` concedes on a faster clock.
    """

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
    "hard": Level(margin=0.02, e_scale=1.0, allowance=0.40, reciprocate=1.4, slack=0.01, pressure_tactics=True,
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
    ANSWER = 10  # its answer to a crisis that hit it


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
    response: np.ndarray  # the crisis answer (global index) where kind is ANSWER, else -1
