"""The commented starter scenario that ``parley new`` writes.

The starter teaches the format by example: every section is present, each field has a
comment saying what it means and what good values look like, every citation says who is
speaking (``said_by``), and it validates with no error or warning as written. Its story
(two neighbours sharing a river, :mod:`game.authoring.starter_story`) is a placeholder; its
citations quote a placeholder notes file written beside it, so that the file checks cleanly
until the author swaps in the real article.

This module writes the file's head (identity, agenda, preferences, red lines) and assembles
it with the sections of :mod:`game.authoring.starter_sections` (the sides, the news, the
role sheets and the notes on the sources). Tests check validity, a real agreement zone and
binding red lines for every issue count.
"""

from __future__ import annotations

from game.scenario.models.limits import (
    ISSUE_NAME_ADVISED,
    ISSUE_NAME_MAX,
    ISSUES_MAX,
    ISSUES_MIN,
    LABEL_MAX,
    OPTIONS_ADVISED_MAX,
    OPTIONS_MAX,
    OPTIONS_MIN,
)

from .starter_news import events_section
from .starter_sections import Cites, actors_section, closing_section, yaml_number, yaml_text
from .starter_story import A_ID, B_ID, POOL, PoolIssue, notes_text

__all__ = ["DEFAULT_ISSUES", "MAX_ISSUES", "MIN_ISSUES", "notes_text", "starter_text"]

MIN_ISSUES, MAX_ISSUES, DEFAULT_ISSUES = 2, 8, 4

#: Reservation values by number of issues, tuned with the balance report: red lines bind,
#: the agreement zone is 10-25% of the packages, computer sides do better about equally
#: often (with 2 issues the zone holds a single, nearly even package, so one side edges it),
#: and (thresholds) balanced deals pass at home often enough that few computer deals fail.
RESERVATIONS: dict[int, tuple[float, float]] = {
    2: (0.3, 0.35), 3: (0.3, 0.4), 4: (0.42, 0.45), 5: (0.4, 0.45), 6: (0.45, 0.45), 7: (0.4, 0.45), 8: (0.4, 0.4),
}
THRESHOLD = (0.41, 0.38)

_PREFERENCE_NOTE = (
    "    # weight: how much this side cares about the issue (any scale; weights are\n"
    "    #   renormalised to sum 1). Give each side different top issues: trading what\n"
    "    #   you care little about for what you care a lot about is what makes deals.\n"
    "    # values: every option in 0..1, this side's own view. 1 = its ask, 0 = the worst;\n"
    "    #   a middle option above 0.5 for both sides is a compromise that creates value.\n"
    "    #   An option worse for both sides than another is flagged by the validator.\n"
    "    # rationale: why, in a sentence. citation: where the article states the demand\n"
    "    #   (cite every demand with a weight above ~10%), and who states it (`said_by`).\n"
)


def _issue_blocks(pool: tuple[PoolIssue, ...]) -> str:
    blocks = []
    for n, issue in enumerate(pool):
        head = (
            "  # One item on the agenda. `id`: lower-case letters, digits and '-' (used in\n"
            f"  # preferences and red lines); `name`: <= {ISSUE_NAME_MAX} characters ({ISSUE_NAME_ADVISED} or fewer\n"
            "  # show in full on the issue board).\n"
            if n == 0 else ""
        )
        option_note = (
            f"    # {OPTIONS_MIN}-{OPTIONS_MAX} options (3 to {OPTIONS_ADVISED_MAX} is best), in a meaningful order:\n"
            f"    # here from Northland's ask to Southland's. Labels <= {LABEL_MAX} characters; one\n"
            "    # sentence of description each.\n"
            if n == 0 else ""
        )
        opts = "\n".join(
            f"      - id: {oid}\n        label: {yaml_text(label)}\n        description: {yaml_text(desc)}"
            for oid, label, desc in issue.options
        )
        blocks.append(
            f"{head}  - id: {issue.id}\n"
            f"    name: {yaml_text(issue.name)}\n"
            f"    description: >-\n      {issue.description}\n"
            f"{option_note}"
            f"    options:\n{opts}"
        )
    return "\n".join(blocks)


def _preference_blocks(pool: tuple[PoolIssue, ...], side: int, cites: Cites) -> str:
    blocks = []
    for n, issue in enumerate(pool):
        pairs = zip(issue.options, issue.values[side], strict=True)
        values = ", ".join(f"{oid}: {yaml_number(v)}" for (oid, _, _), v in pairs)
        note = _PREFERENCE_NOTE if side == 0 and n == 0 else ""
        blocks.append(
            f"{note}    {issue.id}:\n"
            f"      weight: {issue.weights[side]}\n"
            f"      values: {{{values}}}\n"
            f"      rationale: {yaml_text(issue.rationale[side])}\n"
            f"      citation:\n{cites.demand(issue, side, 8)}"
        )
    return "\n".join(blocks)


def starter_text(*, scenario_id: str, title: str, issues: int, schema_ref: str, notes: str) -> str:
    """The commented starter scenario with ``issues`` issues (``MIN_ISSUES``..``MAX_ISSUES``)."""
    if not MIN_ISSUES <= issues <= MAX_ISSUES:
        raise ValueError(f"issues must be between {MIN_ISSUES} and {MAX_ISSUES}")
    pool = POOL[:issues]
    first, second = pool[0], pool[1]
    cites = Cites(notes)

    head = f"""\
# yaml-language-server: $schema={schema_ref}
#
# A Parley scenario: two sides negotiate a package deal, one option per issue, round by
# round, before a deadline. This starter was written by `parley new`: it is valid as is
# (`parley validate`) and playable (`parley play`). Replace the placeholder story with your
# article, section by section; docs/authoring.md walks through it with a worked example.
# Every field is described in the schema named on line 1: an editor with the YAML language
# server shows those descriptions on hover and completes field names.
#
# Check as you go:
#   parley validate --watch THIS-FILE   re-checks on every save
#   parley validate --explain THIS-FILE every claim beside its quotes and who said them
#   parley analyze THIS-FILE            agreement zone, Nash point and a balance report
#   parley simulate THIS-FILE           computer against computer, many games
#
# CITATIONS: every red line, tactic and event (and every important demand) quotes its
# source verbatim and says who is speaking in the quote (`said_by`: official, analyst,
# author, report or game; see the first citation below). The quotes below come from
# seeds/{notes}, a PLACEHOLDER written next to this file.
# Replace it with the real article (plain UTF-8 text, any file name ending in .txt inside
# seeds/) and re-quote every citation from it.
#
# (`source:` is for imported models only: `parley import-genius` sets it instead of citations.)

# Identity. `id`: lower-case letters, digits and '-'; unique among scenarios.
id: {scenario_id}
# Shown on the title screen. Keep it short.
title: {yaml_text(title)}
# Year of the talks, if the article tells it (a whole number; delete the line if unknown).
year: 2024
# When the talks happen, in words, as far as the article tells it.
when: "Placeholder: the season and circumstances of the talks, as the article gives them"
# Two or three sentences for the scenario list.
summary: >-
  Placeholder story: Northland has built a dam on the Long River upstream of Southland, and
  the two governments negotiate a river treaty. Replace this with your article's situation.
# easy | normal | hard: how hard the scenario is for a new player.
difficulty: normal
# Topics, for filtering: ids, like `water` or `trade`.
tags:
  - water
  - placeholder
# The deadline in rounds (each side moves once per round). 8-12 suits a first game of
# 10-20 minutes; more rounds make deals likelier.
rounds: 10
# Actor id of the side that opens (usually the demanding or visiting side). Optional.
first_mover: {B_ID}
# After a deal fails at home: `reopen` talks (trust suffers) or `end` the game.
on_failed_ratification: reopen

"""
    agenda = f"""
# The agenda: {ISSUES_MIN}-{ISSUES_MAX} issues (4-7 is best), each settled by one of its options.
# The outcome space is every combination: keep it under a few thousand packages.
issues:
{_issue_blocks(pool)}

# actor id -> issue id -> how much that side cares and what it wants. Every actor rates
# every issue and values every option.
preferences:
  {A_ID}:
{_preference_blocks(pool, 0, cites)}
  {B_ID}:
{_preference_blocks(pool, 1, cites)}

# actor id -> options that side will never accept, whatever else the package offers.
# Never bar every option of an issue. A red line should bind: `parley analyze` flags red
# lines that exclude nothing from the agreement zone.
red_lines:
  {A_ID}:
    - issue: {first.id}
      options: [{first.options[2][0]}]
      rationale: "We will never give up more than half of our own river."
      citation:
{cites.story("a-red-line", 8)}
  {B_ID}:
    - issue: {second.id}
      options: [{second.options[0][0]}]
      rationale: "Filling the reservoir in three years would ruin the delta."
      citation:
{cites.story("b-red-line", 8)}

"""
    return (
        head
        + actors_section(pool, cites, RESERVATIONS[issues], THRESHOLD)
        + agenda
        + events_section(pool, cites)
        + "\n"
        + intelligence_section(pool, cites)
        + "\n"
        + closing_section(pool, notes)
    )


def intelligence_section(pool: tuple[PoolIssue, ...], cites: Cites) -> str:
    """``intelligence:``: what each side's analysts believe of the other before the talks."""
    first, second = pool[0], pool[1]
    believed = ", ".join(f"{oid}: {yaml_number(v)}" for (oid, _, _), v in zip(first.options, (0.0, 0.5, 1.0),
                                                                             strict=True))
    return f"""\
# What each side's analysts believe about the OTHER side before the talks (actor id -> the
# estimate). Players and computer sides start from it and learn from the other side's offers;
# the other side's real numbers stay confidential until the debrief. Make it deliberately
# imperfect. A side left out starts from an uninformative prior.
intelligence:
  {A_ID}:
    # Believed weight of each issue for the other side (any scale; issues left out: average).
    weights:
      {first.id}: 50
      {second.id}: 20
    # Believed option values for the other side (issues left out: the opposite of your own).
    values:
      {first.id}: {{{believed}}}
    # Believed no-deal value of the other side (left out: 0.4, held loosely).
    reservation: 0.4
    # How far to trust the estimate, 0..1: 0 ignores it, 1 treats it as near certain.
    confidence: 0.6
    citation:
{cites.story("intel-north", 6)}
  {B_ID}:
    weights:
      {second.id}: 40
    confidence: 0.3
    citation:
{cites.story("intel-south", 6)}
"""
