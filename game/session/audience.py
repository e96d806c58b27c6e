"""Choices that bind, in words a player reads before choosing: public or private words, and the
answers to a crisis.

Public words (Fearon's audience costs) make a proposal, a signal or a red line more credible
to the other side and cost the speaker at home when it backs down; private words are cheap
and believed less. A crisis asks the side it hits for one of two to four answers, each with
its own effects. The numbers come from the engine (:mod:`game.engine.commitments`) and the
scenario, so the table and plain mode say the same thing, and say it before the choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import State
from game.engine.commitments import AUDIENCE_COST, PRIVATE_COST, PUBLIC_WEIGHT
from game.scenario.models import Scenario

from .transcript import effect_line, mid_sentence

#: What each kind of move binds the speaker to when said in public.
_BINDS = {
    "propose": "offering yourself less later",
    "signal": "giving away the issue you named first",
    "line": "crossing this line later",
}


@dataclass(frozen=True)
class Audience:
    """The two ways of saying something, each with its effects, as lines for a player."""

    public: str
    private: str


def audience(state: State, me: str, kind: str) -> Audience:
    """What saying a ``kind`` move (propose, signal, line) in public or in private does, for ``me``."""
    s = state.scenario
    body = mid_sentence(s.actor(me).constituency.name)
    other = s.other(me).label
    believed = 1.0 + (PUBLIC_WEIGHT - 1.0) * float(state.batch.credibility[0, state.index(me)])
    public = (f"In public: {other} weighs it {believed:.1f} times as much as private words; "
              f"{_BINDS[kind]} raises the bar at home ({body}'s threshold +{AUDIENCE_COST:.2f}).")
    if kind == "line":
        private = (f"In private: {other} weighs it half as much; crossing it later costs "
                   f"trust -{PRIVATE_COST:.2f} and nothing at home.")
    else:
        private = f"In private: cheap, and believed less; {_BINDS[kind]} costs nothing at home."
    return Audience(public, private)


@dataclass(frozen=True)
class Answer:
    """One answer to a crisis: its id, label, what it is, and what it changes."""

    id: str
    label: str
    description: str
    effect: str


def crisis_answers(scenario: Scenario, event_id: str) -> list[Answer]:
    """The answers open to the side a crisis hits, each with its effects in the scenario's amounts."""
    crisis = scenario.event(event_id).crisis
    return [Answer(r.id, r.label, " ".join(r.description.split()), effect_line(scenario, r.effects))
            for r in (crisis.responses if crisis else [])]


def crisis_question(scenario: Scenario, event_id: str) -> tuple[str, str]:
    """(headline, the question put to the side it hits)."""
    event = scenario.event(event_id)
    return event.headline, " ".join(event.crisis.prompt.split()) if event.crisis else ""
