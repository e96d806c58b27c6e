"""Scenario warnings that need the outcome space (the validator's other checks are pure data)."""

from __future__ import annotations

from game.scenario.diagnostics import PathKey, Severity
from game.scenario.models import Scenario

from .analysis import analyze_rules
from .rules import Rules
from .space import OutcomeSpaceTooLarge


def space_findings(scenario: Scenario) -> list[tuple[Severity, PathKey, str]]:
    """Warn when no package could ever be agreed, or the space is too large to play exactly."""
    try:
        rules = Rules(scenario)
    except OutcomeSpaceTooLarge as exc:
        return [("error", ("issues",), str(exc))]
    analysis = analyze_rules(rules)
    if len(analysis.zone) == 0:
        names = " and ".join(a.name for a in scenario.actors)
        return [(
            "warning",
            ("preferences",),
            f"no agreement zone: no package respects the red lines of {names} and beats both "
            "reservation values; lower a reservation value, relax a red line or revalue options",
        )]
    return []
