"""What changes the talks: effects, the sides' own tactics, news events and crises."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Delta, Label, Slug, Strict, TacticKind, Text, Unit
from .citations import Citation
from .limits import CRISIS_RESPONSES_MAX, CRISIS_RESPONSES_MIN


class Effects(Strict):
    """What a tactic or an event changes in the state of the game. Every field is a change."""

    trust: Delta = Field(
        default=0.0, description="Change of mutual trust (trust is kept in 0..1); e.g. -0.15."
    )
    reservation: dict[str, Delta] = Field(
        default_factory=dict,
        description=(
            "Change of an actor's reservation value (their no-deal utility, kept in 0..1), "
            "by actor id; e.g. `{pk: -0.05}` when Pakistan's alternative to a deal gets worse."
        ),
    )
    pressure: dict[str, Delta] = Field(
        default_factory=dict,
        description=(
            "Change of an actor's domestic pressure to close a deal (kept in 0..1), by actor id."
        ),
    )
    weights: dict[str, dict[str, Annotated[float, Field(ge=-1.0, le=1.0)]]] = Field(
        default_factory=dict,
        description=(
            "Change of how much an actor cares about issues: actor id -> issue id -> change "
            "of the issue's share of the actor's attention (weights sum to 1; e.g. 0.05 moves "
            "five points of weight onto the issue, and the weights are renormalised afterwards)."
        ),
    )
    deadline: int = Field(
        default=0,
        ge=-5,
        le=5,
        description="Rounds added to (positive) or taken from (negative) the deadline.",
    )
    threshold: dict[str, Delta] = Field(
        default_factory=dict,
        json_schema_extra={"since": 2},
        description=(
            "Change of an actor's constituency threshold, by actor id: positive makes ratification "
            "at home harder (e.g. 0.05 after a public humiliation), negative easier."
        ),
    )


class Tactic(Strict):
    """A move of the actor's own that the article describes: a goodwill gesture or a pressure tactic."""

    id: Slug
    kind: TacticKind = Field(
        description="`gesture` (goodwill, builds trust) or `pressure` (coercion, costs trust)."
    )
    label: Label = Field(description="Short label shown on the move button, e.g. 'Reopen supply lines'.")
    description: Text = Field(description="What the move is, in a sentence or two, as news would put it.")
    effects: Effects = Field(description="What playing the move changes.")
    max_uses: int = Field(default=1, ge=1, le=10, description="How many times per game it can be played.")
    citation: Citation = Field(description="Where the article describes this move.")


class EventConditions(Strict):
    """When an event can happen at all (all given conditions must hold)."""

    min_trust: Unit | None = Field(default=None, description="Only when trust is at least this.")
    max_trust: Unit | None = Field(default=None, description="Only when trust is at most this.")
    after_tactic: str | None = Field(
        default=None, description="Only after this tactic id (of either actor) has been played."
    )
    after_event: str | None = Field(default=None, description="Only after this event id has happened.")
    not_after_event: str | None = Field(default=None, description="Never after this event id has happened.")


# Reachable only through ``Event.crisis`` (format 2), like ``SeedNote``.
class CrisisResponse(Strict):
    """One way the side a crisis hits can answer it."""

    id: Slug = Field(json_schema_extra={"since": 2})
    label: Label = Field(json_schema_extra={"since": 2}, description="Short label, e.g. 'Condemn in public'.")
    description: Text = Field(
        json_schema_extra={"since": 2}, description="What the answer is and what it risks, in a sentence or two."
    )
    effects: Effects = Field(
        default_factory=Effects, json_schema_extra={"since": 2},
        description="What answering this way changes (trust, no-deal values, pressure, thresholds, the deadline).",
    )
    citation: Citation | None = Field(
        default=None, json_schema_extra={"since": 2},
        description="Where the article shows this kind of answer (or `said_by: game` with a reason).",
    )


class Crisis(Strict):
    """A crisis: news that one side must answer before the talks go on."""

    side: str = Field(json_schema_extra={"since": 2}, description="Actor id of the side the crisis hits.")
    prompt: Text = Field(
        json_schema_extra={"since": 2}, description="The question put to that side, e.g. 'How does Islamabad answer?'"
    )
    responses: list[CrisisResponse] = Field(
        min_length=CRISIS_RESPONSES_MIN, max_length=CRISIS_RESPONSES_MAX, json_schema_extra={"since": 2},
        description="Two to four answers, each with its own effects.",
    )


class Event(Strict):
    """News that may break between rounds and change the game."""

    id: Slug
    headline: Text = Field(description="Headline shown in the news feed.")
    text: Text = Field(description="The story in two or three sentences.")
    probability: Unit = Field(description="Chance per round that the event happens, when its conditions hold.")
    earliest_round: int | None = Field(default=None, ge=1, description="First round it can happen in.")
    latest_round: int | None = Field(default=None, ge=1, description="Last round it can happen in.")
    once: bool = Field(default=True, description="Whether it can happen at most once per game.")
    conditions: EventConditions = Field(default_factory=EventConditions)
    effects: Effects
    citations: list[Citation] = Field(min_length=1, description="Where the article reports this.")
    crisis: Crisis | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description=(
            "Makes the event a crisis: when it breaks, the side it hits must answer (one of the "
            "responses) before the talks go on. The event's own effects apply first."
        ),
    )

