"""Pydantic models of a Parley scenario file.

The models are the single reference for the format: every field carries a description,
so the JSON Schema generated from them (``parley schema``) documents the format for
authors and drives editor completion. Structure is checked here; cross-references
(unknown ids, red lines that forbid everything, citations not in their seed) are checked
in :mod:`game.scenario.checks`, so that each problem gets its own located message.

The models are split by purpose: :mod:`.base` (the strict base and value types),
:mod:`.limits` (every length and count limit), :mod:`.citations` (sources),
:mod:`.events` (effects, tactics, events, crises), :mod:`.sides` (actors, constituencies,
intelligence), :mod:`.agenda` (issues, options, preferences, red lines) and
:mod:`.scenario` (the top level). Import every name from here.
"""

from .agenda import Issue, Option, Preference, RedLine
from .base import (
    DIFFICULTIES,
    SLUG_PATTERN,
    STRATEGY_NAMES,
    Delta,
    Difficulty,
    IssueName,
    Label,
    SeedName,
    Slug,
    StrategyName,
    Strict,
    TacticKind,
    Text,
    Unit,
)
from .citations import SPEAKERS, Citation, SeedNote, Source, Speaker
from .events import Crisis, CrisisResponse, Effects, Event, EventConditions, Tactic
from .scenario import Briefings, Scenario
from .sides import Actor, Constituency, Intelligence

__all__ = [
    "DIFFICULTIES",
    "SLUG_PATTERN",
    "SPEAKERS",
    "STRATEGY_NAMES",
    "Actor",
    "Briefings",
    "Citation",
    "Constituency",
    "Crisis",
    "CrisisResponse",
    "Delta",
    "Difficulty",
    "Effects",
    "Event",
    "EventConditions",
    "Intelligence",
    "Issue",
    "IssueName",
    "Label",
    "Option",
    "Preference",
    "RedLine",
    "Scenario",
    "SeedName",
    "SeedNote",
    "Slug",
    "Source",
    "Speaker",
    "StrategyName",
    "Strict",
    "Tactic",
    "TacticKind",
    "Text",
    "Unit",
]
