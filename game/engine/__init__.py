"""The bargaining engine: pure, deterministic numpy code with no I/O.

Every random draw comes from a ``numpy.random.Generator`` the caller passes in (or
builds from a seed), read through a chance tape; nothing here prints, touches files or
imports a user interface.
"""

from .analysis import Analysis, analyze, analyze_rules
from .moves import IllegalMove, Move, MoveKind, NewsItem, Record, ReplayError, Seat
from .opening import Opening
from .outcome import Outcome, outcome
from .rules import Rules
from .simulate import SimResult, simulate
from .space import EXACT_LIMIT, OutcomeSpace, OutcomeSpaceTooLarge
from .state import Game, State
from .strategies import DIFFICULTIES, STRATEGIES

__all__ = [
    "DIFFICULTIES",
    "EXACT_LIMIT",
    "STRATEGIES",
    "Analysis",
    "Game",
    "IllegalMove",
    "Move",
    "MoveKind",
    "NewsItem",
    "Opening",
    "Outcome",
    "OutcomeSpace",
    "OutcomeSpaceTooLarge",
    "Record",
    "ReplayError",
    "Rules",
    "Seat",
    "SimResult",
    "State",
    "analyze",
    "analyze_rules",
    "outcome",
    "simulate",
]
