"""Where claims come from: citations into seed articles, notes on the seeds, imported sources."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints

from .base import SeedName, Strict, Text
from .limits import QUOTE_MIN, REASON_MAX, REASON_MIN, SOURCE_FILE_MAX, SPEAKER_MAX

#: Who speaks in a citation (``said_by``), with the meaning the validator and the docs use.
Speaker = Literal["official", "analyst", "author", "report", "game"]
SPEAKERS: dict[str, str] = {
    "official": (
        "an official or the government of one side (named or not), including the reporter's account "
        "of what that side says, wants or refuses ('U.S. officials strongly disagree'); give the `side`"
    ),
    "analyst": "a named outside expert the article quotes or cites (a think-tank analyst, a scholar)",
    "author": "the article's own writer or editorial voice: a judgment, reading, forecast or advice",
    "report": "the reporter's account of events and facts (what happened, who met whom)",
    "game": "a game assumption that no source states: no quote, but a one-line `reason`",
}
#: JSON Schema rules the per-field schema cannot say: a `game` citation gives a reason and
#: quotes nothing, every other citation quotes a seed, and an `official` one names its side.
#: The validator checks the same rules with located messages (game.scenario.attribution).
_CITATION_RULES: dict[str, Any] = {
    "allOf": [
        {
            "if": {"properties": {"said_by": {"const": "game"}}, "required": ["said_by"]},
            "then": {"required": ["reason"], "not": {"anyOf": [{"required": ["quote"]}, {"required": ["seed"]}]}},
            "else": {"required": ["seed", "quote"], "not": {"required": ["reason"]}},
        },
        {
            "if": {"properties": {"said_by": {"const": "official"}}, "required": ["said_by"]},
            "then": {"required": ["side"]},
            "else": {"not": {"required": ["side"]}},
        },
    ]
}


class Citation(Strict):
    """Where a claim comes from and who makes it: a verbatim excerpt of one seed article, or a
    declared game assumption (`said_by: game`, with a reason instead of a quote)."""

    model_config = ConfigDict(**Strict.model_config, json_schema_extra=_CITATION_RULES)

    seed: SeedName | None = Field(
        default=None,
        description=(
            "File name of the source article in the `seeds/` folder, e.g. `000_563488b2d8a233a7.txt`. "
            "Required, except for `said_by: game`, which cites no article."
        ),
    )
    quote: Annotated[str, StringConstraints(min_length=QUOTE_MIN)] | None = Field(
        default=None,
        description=(
            "A verbatim excerpt of that article (whitespace may differ; punctuation and "
            "curly quotes must match). Keep it short: one clause or sentence. Required, except for "
            "`said_by: game`, which quotes nothing."
        ),
    )
    said_by: Speaker | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description=(
            "Who is speaking in the quote: `official` (an official or the government of one side, also "
            "when the reporter gives that side's position: name it in `side`), `analyst` (a named outside "
            "expert), `author` (the article's writer or editorial voice: judgments, forecasts, advice), "
            "`report` (the reporter's account of events) or `game` (a game assumption no source states: "
            "no quote, a `reason` instead). The validator warns when it is missing."
        ),
    )
    side: str | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description="For `said_by: official` (and only then): the actor id of the side whose official speaks.",
    )
    speaker: Annotated[str, StringConstraints(min_length=1, max_length=SPEAKER_MAX)] | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description=(
            "Optional: who exactly, as the article names them, e.g. 'Information Minister Qamar Zaman "
            "Kaira' or 'Ahmad Majidyar, American Enterprise Institute'."
        ),
    )
    reason: Annotated[str, StringConstraints(min_length=REASON_MIN, max_length=REASON_MAX)] | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description=(
            "For `said_by: game` (and only then): one line saying what the game assumes and why, since "
            "no source states it."
        ),
    )

    @property
    def is_game(self) -> bool:
        """A game assumption: it quotes nothing, so there is no seed to look the quote up in."""
        return self.said_by == "game"

    def source_text(self) -> str:
        """One line for screens listing a claim's sources: who says it and where, or the game's reason.

        Front ends should show this rather than ``seed``/``quote`` directly: a `game` citation
        has neither.
        """
        if self.is_game:
            return f"Game assumption: {' '.join((self.reason or '').split())}"
        who = {"official": "official", "analyst": "analyst", "author": "the article's author",
               "report": "report"}.get(self.said_by or "", "")
        if who and self.speaker:
            who = f"{who}, {self.speaker}"
        head = f"{self.seed} ({who})" if who else f"{self.seed}"
        return f"{head}: “{' '.join((self.quote or '').split())}”"


class Source(Strict):
    """Where a scenario comes from when it is not built from a news article.

    An imported model (e.g. a GENIUS/ANAC negotiation domain) has no article to quote, so
    instead of pretending with citations it names the files its numbers come from.
    """

    kind: Literal["genius"] = Field(
        description="`genius`: a GENIUS/ANAC negotiation domain and one utility profile per side."
    )
    files: list[Annotated[str, StringConstraints(pattern=r"^[^/\\\x00-\x1f]+$", max_length=SOURCE_FILE_MAX)]] = Field(
        min_length=1,
        description=(
            "File names of the imported files: the domain first, then one profile per actor in "
            "actor order, e.g. `[laptop_domain.xml, laptop_buyer_utility.xml, laptop_seller_utility.xml]`."
        ),
    )


# Reachable only through ``Scenario.seed_notes`` (format 2), so its fields never enter a
# format-1 content hash; they are required because a note without its seed or text says nothing.
class SeedNote(Strict):
    """What a player should know about one seed article before trusting it: an unknown date,
    factual errors, a contradiction with the public record."""

    seed: SeedName = Field(
        json_schema_extra={"since": 2},
        description="File name of the seed article the note is about, e.g. `003_cf3d7c363cfef7dc.txt`.",
    )
    note: Text = Field(
        json_schema_extra={"since": 2},
        description=(
            "One to three sentences for players, shown with the briefing and the debrief: what is "
            "unknown or wrong in the article, and what the public record says instead."
        ),
    )

