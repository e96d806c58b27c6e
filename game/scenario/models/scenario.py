"""The scenario as a whole: one file's top level and its briefings."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from .agenda import Issue, Preference, RedLine
from .base import Difficulty, Slug, Strict, Text
from .citations import SeedNote, Source
from .events import Event, Tactic
from .limits import ISSUES_MAX, ISSUES_MIN
from .sides import Actor, Intelligence


def _difficulty(value: object) -> object:
    """Format 1 called the middle level ``medium``; it is ``normal`` now, like the opponents'."""
    return "normal" if value == "medium" else value


def _year_text(value: object) -> object:
    """Let an author write ``when: 2012`` unquoted: a bare year is still text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


class Briefings(Strict):
    """Role-sheet texts (Markdown)."""

    public: Text = Field(description="Background both sides read: the situation, the agenda, the stakes.")
    confidential: dict[str, Text] = Field(
        description="Per actor id, the confidential instructions only that side reads."
    )


class Scenario(Strict):
    """A negotiation between two actors over a package of issues, built from news articles."""

    id: Slug
    title: Text = Field(description="Title shown on the title screen.")
    year: int | None = Field(
        default=None, ge=1900, le=2100, description="Year of the talks, if the article tells it."
    )
    when: Annotated[Text, BeforeValidator(_year_text)] = Field(
        description="When the talks take place, in words, as far as the article tells it."
    )
    summary: Text = Field(description="Two or three sentences for the scenario list.")
    difficulty: Annotated[Difficulty, BeforeValidator(_difficulty)] = Field(
        description=(
            "How hard the scenario is for a new player: `easy`, `normal` or `hard` (`medium`, format 1's "
            "word, reads as `normal`)."
        )
    )
    tags: list[Slug] = Field(default_factory=list, description="Topics, for filtering.")
    rounds: int = Field(ge=2, le=40, description="The deadline: number of rounds (each side moves once per round).")
    first_mover: str | None = Field(
        default=None, description="Actor id of the side that opens; defaults to the first actor."
    )
    on_failed_ratification: Literal["reopen", "end"] = Field(
        default="reopen",
        description="After a deal fails at home: `reopen` talks (trust suffers) or `end` the game with no deal.",
    )
    actors: list[Actor] = Field(min_length=2, max_length=2, description="Exactly two sides.")
    issues: list[Issue] = Field(min_length=ISSUES_MIN, max_length=ISSUES_MAX, description="The agenda.")
    preferences: dict[str, dict[str, Preference]] = Field(
        description="actor id -> issue id -> weight and option values. Every actor rates every issue."
    )
    red_lines: dict[str, list[RedLine]] = Field(
        default_factory=dict, description="actor id -> options that side will never accept."
    )
    events: list[Event] = Field(default_factory=list, description="News that may break during the talks.")
    briefings: Briefings
    debrief_questions: list[Text] = Field(
        default_factory=list, description="Questions for the debrief after a game, drawn from the article."
    )
    seed_notes: list[SeedNote] = Field(
        default_factory=list,
        json_schema_extra={"since": 2},
        description=(
            "Notes on the reliability of the seed articles (date unknown, known factual errors), shown "
            "with the briefing and the debrief and listed in `seeds/README.md`."
        ),
    )
    intelligence: dict[str, Intelligence] = Field(
        default_factory=dict,
        json_schema_extra={"since": 2},
        description=(
            "Per actor id, what that side's analysts believe about the OTHER side at the start (its "
            "priorities, positions and no-deal value). Sides left out start from an uninformative prior."
        ),
    )
    hypothetical: bool = Field(
        default=False,
        json_schema_extra={"since": 2},
        description=(
            "`true` when the scenario departs from the public record (e.g. its article reports a visit "
            "that did not happen): the briefing and the debrief say it is a hypothetical. Explain why "
            "in `seed_notes`."
        ),
    )
    source: Source | None = Field(
        default=None,
        # Left out of dumps when unset, so that adding the field changed no scenario's hash.
        exclude_if=lambda value: value is None,
        description=(
            "Only for imported models (set by `parley import-genius`): the files the numbers come "
            "from. A scenario built from an article leaves it out and cites the article instead."
        ),
    )

    def actor(self, actor_id: str) -> Actor:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)

    def issue(self, issue_id: str) -> Issue:
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise KeyError(issue_id)

    def other(self, actor_id: str) -> Actor:
        return self.actors[1] if self.actors[0].id == actor_id else self.actors[0]

    def option_label(self, issue_id: str, option_id: str) -> str:
        return self.issue(issue_id).option(option_id).label

    def tactic(self, tactic_id: str) -> Tactic:
        """A tactic of either side, by id (tactic ids are unique across the scenario)."""
        for actor in self.actors:
            for tactic in actor.tactics:
                if tactic.id == tactic_id:
                    return tactic
        raise KeyError(tactic_id)

    def tactic_owner(self, tactic_id: str) -> Actor:
        for actor in self.actors:
            if any(t.id == tactic_id for t in actor.tactics):
                return actor
        raise KeyError(tactic_id)

    def event(self, event_id: str) -> Event:
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def red_lines_of(self, actor_id: str) -> list[RedLine]:
        return list(self.red_lines.get(actor_id, []))

    def barred(self, actor_id: str) -> set[tuple[str, str]]:
        """(issue id, option id) pairs that ``actor_id``'s red lines refuse."""
        return {(line.issue, option) for line in self.red_lines_of(actor_id) for option in line.options}

    @property
    def opener(self) -> str:
        return self.first_mover or self.actors[0].id

