"""Scenario files: the pydantic models of the format, safe loading and validation."""

from .diagnostics import Diagnostic, ScenarioError
from .hashing import FORMAT_VERSION, scenario_hash
from .hashing import matches as hash_matches
from .loader import Loaded, bundled_paths, load, load_or_raise, load_text
from .models import Actor, Citation, Effects, Event, Issue, Option, Preference, RedLine, Scenario, Tactic

__all__ = [
    "FORMAT_VERSION",
    "Actor",
    "Citation",
    "Diagnostic",
    "Effects",
    "Event",
    "Issue",
    "Loaded",
    "Option",
    "Preference",
    "RedLine",
    "Scenario",
    "ScenarioError",
    "Tactic",
    "bundled_paths",
    "hash_matches",
    "load",
    "load_or_raise",
    "load_text",
    "scenario_hash",
]
