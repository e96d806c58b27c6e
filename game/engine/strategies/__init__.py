"""Computer negotiators, behind one interface, each deciding for many games at once.

:mod:`.base` holds what every side shares (two-level values, reciprocity, acceptance,
walking out); the concession curves are in :mod:`.concession` (Boulware, linear,
Conceder, and the reference hardliner and bully), :mod:`.reciprocity` (tit-for-tat) and
:mod:`.adaptive`. A new strategy subclasses :class:`Strategy`, adds its name to
``StrategyName`` in the scenario models and a line to :func:`make_strategy`.
"""

from __future__ import annotations

from game.scenario.models import DIFFICULTIES, STRATEGY_NAMES

from ..rules import Rules
from .adaptive import Adaptive
from .base import Strategy
from .concession import EXPONENT, Bully, Hardliner, TimeDependent
from .levels import LEVELS, NEVER_PASSES, Decision, Level, Why
from .play import answer_terms
from .reciprocity import TitForTat

#: Every computer strategy, by name (one Literal in the scenario models is the list).
STRATEGIES: tuple[str, ...] = STRATEGY_NAMES
#: The strategies meant as reference players (balance reports, tests), not as opponents.
REFERENCE: tuple[str, ...] = ("hardliner", "bully")


def make_strategy(name: str, rules: Rules, actor: int, n: int = 1, difficulty: str = "normal") -> Strategy:
    """A computer side by name (see :data:`STRATEGIES`)."""
    if name in EXPONENT:
        return TimeDependent(rules, actor, n, difficulty, name=name)
    kinds: dict[str, type[Strategy]] = {"tit-for-tat": TitForTat, "adaptive": Adaptive,
                                        "hardliner": Hardliner, "bully": Bully}
    if name not in kinds:
        raise ValueError(f"unknown strategy {name!r}; choose one of {', '.join(STRATEGIES)}")
    return kinds[name](rules, actor, n, difficulty)


__all__ = [
    "DIFFICULTIES",
    "LEVELS",
    "NEVER_PASSES",
    "REFERENCE",
    "STRATEGIES",
    "Adaptive",
    "Bully",
    "Decision",
    "Hardliner",
    "Level",
    "Strategy",
    "TimeDependent",
    "TitForTat",
    "Why",
    "answer_terms",
    "make_strategy",
]
