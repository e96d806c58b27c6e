"""The agenda and what each side wants of it: issues, options, preferences and red lines."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import IssueName, Label, Slug, Strict, Text, Unit
from .citations import Citation
from .limits import ISSUE_NAME_ADVISED, OPTIONS_ADVISED_MAX, OPTIONS_MAX, OPTIONS_MIN, advised


class Option(Strict):
    """One possible settlement of an issue."""

    id: Slug
    label: Label = Field(description="Short label, e.g. 'Halt strikes'.")
    description: Text = Field(description="What this option means in practice.")


class Issue(Strict):
    """One item on the agenda; a package settles every issue with one of its options."""

    id: Slug
    name: IssueName = Field(
        json_schema_extra=advised(maxLength=ISSUE_NAME_ADVISED),
        description="Short name, e.g. 'Drone strikes', shown on the issue board and in every package.",
    )
    description: Text = Field(description="What is at stake on this issue.")
    options: list[Option] = Field(
        min_length=OPTIONS_MIN,
        max_length=OPTIONS_MAX,
        json_schema_extra=advised(maxItems=OPTIONS_ADVISED_MAX),
        description="The possible settlements, in a meaningful order (e.g. from one side's ask to the other's).",
    )

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


class Preference(Strict):
    """How much one actor cares about one issue and how it values each option."""

    weight: Annotated[float, Field(ge=0.0, le=100.0)] = Field(
        description="Salience of the issue for this actor (any scale; renormalised to sum 1 over issues)."
    )
    values: dict[str, Unit] = Field(
        description="Value of each option of the issue in 0..1 (option id -> value); every option must be listed."
    )
    rationale: str = Field(default="", description="Why this actor wants what it wants here, in a sentence.")
    citation: Citation | None = Field(default=None, description="Where the article states this demand.")


class RedLine(Strict):
    """Options an actor will never accept, whatever else the package offers."""

    issue: str = Field(description="Issue id.")
    options: list[str] = Field(min_length=1, description="Option ids of that issue the actor refuses.")
    rationale: Text = Field(description="Why this is a red line, as the actor would say it.")
    citation: Citation = Field(description="Where the article shows this red line.")

