"""The campaign format: several scenarios played in order as one relationship.

A campaign file names its summits (scenario files, in the order of the years they are set
in), says what carries from one summit to the next (trust, partly, toward a neutral value;
each side's reputation for holding its public positions and for walking out; promises an
agreed package makes and the next summit checks), and tells between summits what happened
next, quoting the next summit's article like every claim of the format quotes its seed.
The rules are data so that authors can write their own campaigns; the engine-free carry
arithmetic lives in :mod:`game.campaign.carry`, the cross-file checks in
:mod:`game.scenario.campaign_checks`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from .models import Citation
from .models.base import Delta, Slug, Strict, Text, Unit

#: Version of the campaign format this code reads.
CAMPAIGN_FORMAT = 1
#: Most summits a campaign may have (the debrief's trust chart must fit 80 columns).
SUMMITS_MAX = 8

ScenarioRef = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f]+\.ya?ml$", max_length=200)]


class SideEffect(Strict):
    """What a rule does to one side: its reputation (``credibility``, which lasts) and, at the
    next summit only, its no-deal value, constituency threshold, pressure and grievances."""

    credibility: Delta = Field(0.0, description="Change of how far the side's public words are believed "
                                                "(0..1, 1 as usual); it lasts for the rest of the campaign.")
    reservation: Delta = Field(0.0, description="Change of the side's no-deal value at the next summit.")
    threshold: Delta = Field(0.0, description="Change of the side's constituency threshold at the next summit.")
    pressure: Delta = Field(0.0, description="Change of the side's pressure at home at the next summit.")
    grievances: int = Field(0, ge=0, le=5, description="Grievances the side brings to the next summit: each "
                                                         "hardens its opening demands when the computer plays it.")


class Rule(Strict):
    """One carry-over rule: what it does to trust, to the side it is about, and to the other side."""

    trust: Delta = Field(0.0, description="Change of the trust the next summit opens with.")
    side: SideEffect = Field(default_factory=SideEffect, description="What it does to the side the rule is about.")
    other: SideEffect = Field(default_factory=SideEffect, description="What it does to the other side.")


class Carry(Strict):
    """What carries from one summit to the next."""

    neutral_trust: Unit = Field(0.5, description="The trust two governments drift back to between summits.")
    trust_kept: Unit = Field(0.6, description="Share of the distance from neutral trust that survives until the "
                                              "next summit (0: every summit starts neutral; 1: nothing fades).")
    held_public: Rule = Field(default_factory=Rule, description="For a side that spoke in public at a summit and "
                                                                "never backed down from it.")
    backed_down: Rule = Field(default_factory=Rule, description="For a side that backed down from public words, "
                                                                "once per climb-down (at most three).")
    walked_out: Rule = Field(default_factory=Rule, description="For a side that walked out of a summit.")
    kept: Rule = Field(default_factory=Rule, description="For a side that kept a promise its deal made.")
    broken: Rule = Field(default_factory=Rule, description="For a side that broke a promise its deal made "
                                                           "(`other`'s grievances harden its opening demands).")
    computer_keeps_at: Unit = Field(0.45, description="The computer keeps its side's promises when the summit "
                                                      "that made them ended with at least this much trust.")


class PromiseWhen(Strict):
    """The options of the agreed package that make the promise."""

    issue: Slug = Field(description="An issue of this summit's scenario.")
    options: list[Slug] = Field(min_length=1, description="Options of that issue; a deal on any of them promises.")


class Promise(Strict):
    """A step an agreed package promises, which the next summit checks (kept or broken)."""

    id: Slug
    by: Slug = Field(description="The actor id of the side that promises.")
    text: Text = Field(description="The promise in one sentence, as players read it.")
    when: PromiseWhen = Field(description="Which options of the agreed package make the promise.")
    cost: SideEffect = Field(default_factory=SideEffect,
                             description="What keeping the promise costs its side at the next summit.")
    citation: Citation | None = Field(None, description="Where the step comes from (optional: a promise is a "
                                                        "rule of the game, its text a paraphrase of the deal).")


class Interlude(Strict):
    """What happened between the last summit and this one, quoting this summit's article."""

    title: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    text: Text = Field(description="A short paragraph; every claim in it rests on the citations, hedges kept.")
    citations: list[Citation] = Field(min_length=1, description="Quotes of this summit's seed article.")


class Summit(Strict):
    """One summit: a scenario file, when it is set, what comes before it and what its deal promises."""

    scenario: ScenarioRef = Field(description="Path of the scenario file, relative to the campaign file.")
    not_before: int | None = Field(None, ge=1900, le=2100,
                                   description="For a scenario that gives no year: the earliest year it can be "
                                               "set in (the order of summits is checked against it).")
    when: Text | None = Field(None, description="For a scenario that gives no year: what dates it, in words.")
    interlude: Interlude | None = Field(None, description="What happened since the last summit (required for "
                                                          "every summit but the first, where it is a prologue).")
    promises: list[Promise] = Field(default_factory=list, max_length=4,
                                    description="Steps an agreed package promises; the next summit checks them.")


class Campaign(Strict):
    """A campaign: summits in the order of their years, played as one relationship from one side."""

    id: Slug
    title: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    summary: Text
    carry: Carry = Field(default_factory=Carry)
    summits: list[Summit] = Field(min_length=2, max_length=SUMMITS_MAX)


def campaign_hash(campaign: Campaign, scenario_hashes: list[str]) -> str:
    """The hash of what the campaign says and of the scenarios it plays: a save names it, so a
    campaign or scenario edited since is refused instead of replaying another campaign."""
    content = campaign.model_dump(mode="json", exclude_defaults=True)
    data = {"format": CAMPAIGN_FORMAT, "campaign": content, "scenarios": scenario_hashes}
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def campaign_schema() -> dict[str, Any]:
    """The JSON Schema of campaign files, as committed in scenarios/campaigns/campaign.schema.json."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            **Campaign.model_json_schema(mode="validation")}


def campaign_schema_text() -> str:
    return json.dumps(campaign_schema(), indent=2, ensure_ascii=False) + "\n"
