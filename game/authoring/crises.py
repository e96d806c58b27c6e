"""Crises in the balance games: how often each breaks, how the computer answers, and what follows.

A crisis is only worth its place in a scenario if its answers matter: if the computer always
picks the same answer, or every answer leads to the same agreement rate, the author learns
that here. The counts come from the computer-against-computer pairings (common random
numbers, so a crisis breaks in the same games whatever the strategies).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.rules import Rules

from .games import Pairing


@dataclass(frozen=True)
class AnswerStats:
    """One answer to a crisis: how often the computer chose it, and the deals that followed."""

    id: str
    label: str
    given: int  # games in which the computer gave this answer
    chosen: float  # share of the games the crisis broke in
    agreement: float | None  # share of those games that ended in a deal


@dataclass(frozen=True)
class CrisisStats:
    """One crisis over the balance games."""

    event: str
    headline: str
    side: str
    games: int
    broke: int
    agreement_when_broke: float | None
    agreement_otherwise: float | None
    answers: tuple[AnswerStats, ...]


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def crisis_stats(rules: Rules, pairings: tuple[Pairing, ...]) -> list[CrisisStats]:
    """Every crisis of the scenario, summed over ``pairings`` (empty when none was played)."""
    if not pairings:
        return []
    games = sum(p.games for p in pairings)
    crisis_events = [k for k in range(len(rules.event_ids)) if rules.crisis_side[k] >= 0]
    out = []
    for c, k in enumerate(crisis_events):
        event = rules.scenario.events[k]
        broke = sum(p.crises[c][0] for p in pairings)
        dealt_broke = sum(p.crises[c][1] for p in pairings)
        dealt_else = sum(p.crises[c][2] for p in pairings)
        answers = []
        for r in rules.event_responses[k]:
            _, response = rules.responses[r]
            given = sum(p.answers[r][0] for p in pairings)
            answers.append(AnswerStats(response.id, response.label, given, _rate(given, broke) or 0.0,
                                       _rate(sum(p.answers[r][1] for p in pairings), given)))
        out.append(CrisisStats(event.id, event.headline, rules.actor_ids[int(rules.crisis_side[k])], games, broke,
                               _rate(dealt_broke, broke), _rate(dealt_else, games - broke), tuple(answers)))
    return out


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 6)


def crises_json(stats: list[CrisisStats]) -> list[dict[str, Any]]:
    """The ``crises`` list of the balance report's ``--json``."""
    return [
        {
            "event": c.event,
            "headline": c.headline,
            "side": c.side,
            "broke_rate": _r(c.broke / c.games if c.games else 0.0),
            "agreement_rate_when_broke": _r(c.agreement_when_broke),
            "agreement_rate_otherwise": _r(c.agreement_otherwise),
            "answers": [{"id": a.id, "label": a.label, "chosen_rate": _r(a.chosen),
                         "agreement_rate": _r(a.agreement)} for a in c.answers],
        }
        for c in stats
    ]


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def crises_text(rules: Rules, stats: list[CrisisStats]) -> list[str]:
    """The crisis lines of the readable balance report."""
    if not stats:
        return []
    out = ["  Crises in the computer games (how the side hit answered, and how often a deal followed):"]
    for c in stats:
        side = rules.scenario.actor(c.side).label
        out.append(f"    {c.headline} (hits {side}): broke in {c.broke / c.games:.0%} of games; deals "
                   f"{_pct(c.agreement_when_broke)} when it broke, {_pct(c.agreement_otherwise)} when it did not.")
        if not c.broke:
            out.append("      It never broke: check its probability, rounds and conditions.")
            continue
        for a in c.answers:
            out.append(f"      {a.label}: chosen in {a.chosen:.0%}, deals after it {_pct(a.agreement)}.")
        if max(a.chosen for a in c.answers) > 0.95:
            out.append("      The computer nearly always gives one answer: the others may cost too much to tempt it.")
    return out
