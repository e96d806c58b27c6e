"""The two sides: who they are, what ratifies their deals at home, what they believe of each other."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .base import Slug, StrategyName, Strict, Text, Unit
from .citations import Citation
from .events import Tactic
from .limits import ALIAS_MAX, ALIAS_MIN, SHORT_NAME_MAX


class Constituency(Strict):
    """The domestic audience that must ratify a deal (the second level of a two-level game)."""

    name: Text = Field(description="Who ratifies, e.g. 'Congress' or 'the army and the public'.")
    description: Text = Field(description="What this constituency wants and fears, in a sentence or two.")
    weights: dict[str, Annotated[float, Field(ge=0.0)]] = Field(
        description=(
            "The constituency's own salience of each issue, by issue id (need not equal the "
            "negotiator's; renormalised to sum 1)."
        )
    )
    values: dict[str, dict[str, Unit]] = Field(
        default_factory=dict,
        description=(
            "Optional: where the constituency values an issue's options differently from the "
            "negotiator, issue id -> option id -> value in 0..1. Issues not listed use the "
            "negotiator's values."
        ),
    )
    threshold: Unit = Field(
        description=(
            "Utility (in the constituency's view) at which ratification is a coin flip; "
            "packages above it pass more often, below it fail more often."
        )
    )
    sensitivity: float = Field(
        default=0.08,
        gt=0.0,
        le=1.0,
        description=(
            "How sharply the chance of ratification rises around the threshold (the scale of a "
            "logistic curve); small values make ratification nearly certain above the threshold."
        ),
    )
    citation: Citation | None = Field(default=None, description="Where the article shows this domestic pressure.")


class Actor(Strict):
    """One side at the table."""

    id: Slug
    name: Text = Field(description="Full name of the government, e.g. 'United States'.")
    short_name: str = Field(
        default="",
        max_length=SHORT_NAME_MAX,
        description="Short name for narrow screens, e.g. 'US'. Defaults to the name.",
    )
    leader: Text = Field(description="Who leads the delegation, e.g. 'CIA Director David Petraeus'.")
    description: Text = Field(description="Who this side is at this table, in a sentence or two.")
    reservation: Unit = Field(
        description=(
            "Utility of no deal in 0..1 (the BATNA). A deal worth less than this is worse than "
            "walking away. Typical: 0.3-0.5."
        )
    )
    batna: Text = Field(description="One sentence: what this side does if there is no deal.")
    patience: Unit = Field(
        description=(
            "How well this side bears delay: 1 = no pressure grows while talks drag on, "
            "0 = domestic pressure to close reaches its maximum by the deadline."
        )
    )
    initial_pressure: Unit = Field(default=0.0, description="Domestic pressure to close a deal at the start, 0..1.")
    style: StrategyName = Field(
        default="adaptive",
        description="How the computer plays this side unless the player picks otherwise.",
    )
    constituency: Constituency
    tactics: list[Tactic] = Field(
        default_factory=list,
        description="This side's own goodwill gestures and pressure tactics from the article.",
    )
    aliases: list[Annotated[str, StringConstraints(min_length=ALIAS_MIN, max_length=ALIAS_MAX)]] = Field(
        default_factory=list,
        json_schema_extra={"since": 2},
        description=(
            "Other names the scenario's texts use for this side besides `name` and `short_name`: its "
            "capital, its people, its adjective (e.g. `[Washington, the Americans, American, U.S.]`). The "
            "validator uses them to find texts that present a position as this side's official one "
            "('Washington signals ...') and checks that they cite an official of this side."
        ),
    )

    @property
    def label(self) -> str:
        return self.short_name or self.name


# Reachable only through ``Scenario.intelligence`` (format 2), like ``SeedNote``.
class Intelligence(Strict):
    """What one side's analysts believe about the other side before the talks open.

    The player's estimates during play (the other side's priorities, the chance it accepts
    a package, its no-deal value) start from this and learn only from what the other side
    does and says; the other side's own numbers stay confidential until the debrief. Make
    it deliberately imperfect, as real intelligence is. Left out, analysts start from an
    uninformative prior: every ordering of priorities equally likely, interests opposed to
    one's own on every issue, and a middling no-deal value.
    """

    weights: dict[str, Annotated[float, Field(ge=0.0, le=100.0)]] = Field(
        default_factory=dict,
        json_schema_extra={"since": 2},
        description=(
            "Believed salience of each issue for the other side, by issue id (any scale, renormalised); "
            "issues left out are believed to matter averagely."
        ),
    )
    values: dict[str, dict[str, Unit]] = Field(
        default_factory=dict,
        json_schema_extra={"since": 2},
        description=(
            "Believed value of each option for the other side, issue id -> option id -> value in 0..1. "
            "An issue left out is read as opposed to one's own values (what you want most, they want least)."
        ),
    )
    reservation: Unit | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description="Believed no-deal value of the other side; left out, analysts assume 0.4 and are unsure of it.",
    )
    confidence: Unit = Field(
        default=0.5,
        json_schema_extra={"since": 2},
        description=(
            "How far the analysts trust this estimate, 0..1: 0 ignores it, 1 treats it as near certain. "
            "It sets how much the other side's actual offers must say before the estimate moves."
        ),
    )
    citation: Citation | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description="Where the article reports what one side believes or says of the other's aims.",
    )

