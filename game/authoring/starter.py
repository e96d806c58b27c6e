"""The commented starter scenario that ``parley new`` writes.

The starter teaches the format by example: every section is present, each field has a
comment saying what it means and what good values look like, and it validates with no
error or warning as written. Its story (two neighbours sharing a river) is a placeholder;
its citations quote a placeholder notes file written beside it, so that the file checks
cleanly until the author swaps in the real article.

Options of every issue run from the first side's ask to the second side's, values are
opposed (a real trade-off on every issue) and the sides weight the issues differently
(room for logrolling). Tests check validity, a real agreement zone and binding red lines
for every issue count.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

MIN_ISSUES, MAX_ISSUES, DEFAULT_ISSUES = 2, 8, 4

#: Actor ids and names of the placeholder story.
A_ID, B_ID = "north", "south"
A_NAME, B_NAME = "Northland", "Southland"


@dataclass(frozen=True)
class PoolIssue:
    """One issue of the placeholder story, with both sides' preferences and the note it cites."""

    id: str
    name: str
    description: str
    options: tuple[tuple[str, str, str], ...]  # (id, label, description), from A's ask to B's
    weights: tuple[int, int]  # raw weights of A and B
    values: tuple[tuple[float, ...], tuple[float, ...]]  # option values of A and B
    rationale: tuple[str, str]
    quotes: tuple[str, str]  # what A's and B's demand cite in the notes


POOL: tuple[PoolIssue, ...] = (
    PoolIssue(
        "water-share", "Water share",
        "How the river's dry-season flow is divided between the two countries.",
        (("north-60", "60% to Northland", "Northland takes 60% of the dry-season flow."),
         ("even", "Even split", "Each country takes half of the dry-season flow."),
         ("south-60", "60% to Southland", "Southland takes 60% of the dry-season flow.")),
        (25, 40), ((1.0, 0.6, 0.0), (0.0, 0.55, 1.0)),
        ("Northland's new farms upstream need water in the dry season.",
         "Southland's delta farms live or die by the dry-season flow."),
        ("Northland wants the larger share of the dry-season flow",
         "Southland says its delta farms need at least half the river"),
    ),
    PoolIssue(
        "dam-filling", "Dam filling pace",
        "How fast Northland may fill the reservoir behind its new dam.",
        (("fast", "Fill in 3 years", "The reservoir is filled as fast as the rains allow, in about 3 years."),
         ("staged", "Fill in 7 years", "Filling is staged over about 7 years, paused in dry years."),
         ("slow", "Fill in 12 years", "Filling is spread over about 12 years.")),
        (40, 20), ((1.0, 0.55, 0.0), (0.0, 0.6, 1.0)),
        ("Every year of filling delays the power the dam was built for.",
         "Fast filling would leave the delta short of water for years."),
        ("Northland wants to fill the reservoir within three years",
         "Southland wants the filling spread over at least a decade"),
    ),
    PoolIssue(
        "flow-data", "Flow data",
        "What Northland tells Southland about the river's flow at the dam.",
        (("none", "No data shared", "Northland shares no flow data."),
         ("monthly", "Monthly reports", "Northland publishes monthly flow reports."),
         ("live", "Live sensor feed", "Southland gets a live feed from sensors at the dam.")),
        (10, 25), ((1.0, 0.7, 0.0), (0.0, 0.5, 1.0)),
        ("Northland treats data from the dam as a matter of national security.",
         "Without data, Southland cannot plan for droughts."),
        ("Northland has so far refused to share flow data from the dam",
         "Southland asks for real-time data on the river's flow"),
    ),
    PoolIssue(
        "compensation", "Drought compensation",
        "Who pays when a drought year leaves the delta short of water.",
        (("none", "No compensation", "Each country bears its own drought losses."),
         ("fund", "Shared drought fund", "Both countries pay into a fund that covers drought losses."),
         ("north-pays", "Northland pays", "Northland compensates Southland's drought losses.")),
        (10, 20), ((1.0, 0.55, 0.0), (0.0, 0.6, 1.0)),
        ("Northland will not accept blame for droughts it did not cause.",
         "Southland's farmers expect to be made whole in drought years."),
        ("Northland rejects any duty to pay for droughts",
         "Southland wants compensation for losses in drought years"),
    ),
    PoolIssue(
        "fishing", "Fishing rights",
        "Who may fish the new reservoir and the river below it.",
        (("north-only", "Northland boats only", "Only Northland's boats may fish the reservoir."),
         ("zones", "Shared zones", "Each country fishes its own zones of the reservoir."),
         ("open", "Open to both", "Boats of both countries fish anywhere on the reservoir.")),
        (15, 10), ((1.0, 0.6, 0.0), (0.0, 0.55, 1.0)),
        ("The reservoir lies in Northland; its fish are Northland's.",
         "Southland's fishers have worked this river for generations."),
        ("Northland claims the reservoir's fisheries",
         "Southland's fishing villages want access to the reservoir"),
    ),
    PoolIssue(
        "tariffs", "Farm tariffs",
        "Tariffs on farm goods crossing the border, part of the same package.",
        (("abolished", "Tariffs abolished", "Farm goods cross the border tariff-free."),
         ("halved", "Tariffs halved", "Tariffs on farm goods are cut by half."),
         ("kept", "Tariffs kept", "Today's farm tariffs stay in place.")),
        (20, 10), ((1.0, 0.6, 0.0), (0.0, 0.55, 1.0)),
        ("Northland's new irrigated farms need Southland's market.",
         "Southland's farmers fear cheap grain from upstream."),
        ("Northland wants to sell its farm goods tariff-free",
         "Southland's farmers fear cheap grain from upstream"),
    ),
    PoolIssue(
        "disputes", "Dispute settlement",
        "Where disputes over the treaty go.",
        (("bilateral", "Bilateral talks", "Disputes are settled by the two governments alone."),
         ("commission", "Joint commission", "A joint river commission with a neutral chair decides."),
         ("court", "International court", "Either side may take a dispute to an international court.")),
        (10, 15), ((1.0, 0.6, 0.0), (0.0, 0.55, 1.0)),
        ("Northland, the stronger party, prefers to settle things between governments.",
         "Southland wants a neutral referee."),
        ("Northland prefers to settle disputes between the two governments",
         "Southland wants disputes to go to a neutral body"),
    ),
    PoolIssue(
        "review", "Treaty review",
        "How often the treaty's numbers are reviewed.",
        (("long", "Review in 25 years", "The treaty runs 25 years before any review."),
         ("ten-years", "Review in 10 years", "The treaty is reviewed after 10 years."),
         ("five-years", "Review every 5 years", "The treaty is reviewed every 5 years.")),
        (5, 10), ((1.0, 0.6, 0.0), (0.0, 0.55, 1.0)),
        ("Investors in the dam want long-term certainty.",
         "Southland wants to revisit the shares as the climate changes."),
        ("Northland wants a long treaty without reviews",
         "Southland wants regular reviews as the climate changes"),
    ),
)

#: Sentences of the placeholder notes, quoted by the red lines, tactics, events and constituencies.
NOTES_STORY = {
    "a-red-line": "Northland will never accept less than half of the river's flow",
    "b-red-line": "Southland will not accept a reservoir filled in three years",
    "a-constituency": "Northland's parliament must ratify any treaty",
    "b-constituency": "Southland's delta farmers have threatened to block any treaty",
    "a-gesture": "Northland has offered to share the dam's engineering survey",
    "a-pressure": "Northland has said it could start filling the reservoir without a treaty",
    "b-gesture": "Southland has offered its own river-gauge records",
    "b-pressure": "Southland has threatened to take the dispute to an international court",
    "dry-season": "The river has fallen to its lowest level in forty years",
    "protest": "Farmers in the delta have marched on the capital",
    "filling-starts": "Satellite images show water rising behind the dam",
    "donors": "Donors have offered to pay for a monitoring network",
}

#: Reservation values by number of issues, tuned with the balance report: red lines bind,
#: the agreement zone is 10-25% of the packages and computer sides do better about equally
#: often (with 2 issues the zone holds a single, nearly even package, so one side edges it).
RESERVATIONS: dict[int, tuple[float, float]] = {
    2: (0.3, 0.35), 3: (0.3, 0.4), 4: (0.35, 0.4), 5: (0.4, 0.45), 6: (0.45, 0.45), 7: (0.4, 0.45), 8: (0.4, 0.4),
}
THRESHOLD = (0.4, 0.4)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _num(value: float) -> str:
    """A number as the bounded YAML reader types it: plain decimal, never ``1e-05``."""
    text = repr(float(value))
    return text if "e" not in text else f"{value:.6f}".rstrip("0")


def notes_text(title: str, file_name: str, issues: int) -> str:
    """The placeholder seed article whose sentences the starter quotes."""
    demands = [quote for issue in POOL[:issues] for quote in issue.quotes]
    story = list(NOTES_STORY.values())
    lines = [
        f"PLACEHOLDER NOTES for the starter scenario {file_name} ({title}), written by `parley new`.",
        "Replace this file with the news article the scenario is built from (plain UTF-8 text),",
        "then make every citation in the scenario quote the article verbatim.",
        "",
        "Northland and Southland share the Long River. Northland has built a dam upstream;",
        "the two governments are negotiating a treaty on the river.",
        "",
        *(f"{sentence}." for sentence in demands),
        "",
        *(f"{sentence}." for sentence in story),
        "",
    ]
    return "\n".join(lines)


def starter_text(*, scenario_id: str, title: str, issues: int, schema_ref: str, notes: str) -> str:
    """The commented starter scenario with ``issues`` issues (``MIN_ISSUES``..``MAX_ISSUES``)."""
    if not MIN_ISSUES <= issues <= MAX_ISSUES:
        raise ValueError(f"issues must be between {MIN_ISSUES} and {MAX_ISSUES}")
    pool = POOL[:issues]
    first, second = pool[0], pool[1]
    reservation = RESERVATIONS[issues]

    def cite(key: str, indent: int, quote: str | None = None) -> str:
        pad = " " * indent
        text = quote if quote is not None else NOTES_STORY[key]
        return f"{pad}seed: {notes}\n{pad}quote: {_q(text)}"

    def cite_item(key: str, indent: int) -> str:
        pad = " " * indent
        return f"{pad}- seed: {notes}\n{pad}  quote: {_q(NOTES_STORY[key])}"

    def weights_block(side: int, indent: int) -> str:
        pad = " " * indent
        return "\n".join(f"{pad}{issue.id}: {issue.weights[side]}" for issue in pool)

    issue_blocks = []
    for n, issue in enumerate(pool):
        head = (
            "  # One item on the agenda. `id`: lower-case letters, digits and '-' (used in\n"
            "  # preferences and red lines); `name`: <= 24 characters, shown in tables.\n"
            if n == 0 else ""
        )
        option_note = (
            "    # 2-12 options (3-5 is best), in a meaningful order: here from Northland's ask\n"
            "    # to Southland's. Labels <= 28 characters; one sentence of description each.\n"
            if n == 0 else ""
        )
        opts = "\n".join(
            f"      - id: {oid}\n        label: {_q(label)}\n        description: {_q(desc)}"
            for oid, label, desc in issue.options
        )
        issue_blocks.append(
            f"{head}  - id: {issue.id}\n"
            f"    name: {_q(issue.name)}\n"
            f"    description: >-\n      {issue.description}\n"
            f"{option_note}"
            f"    options:\n{opts}"
        )

    def preference_blocks(side: int) -> str:
        blocks = []
        for n, issue in enumerate(pool):
            pairs = zip(issue.options, issue.values[side], strict=True)
            values = ", ".join(f"{oid}: {_num(v)}" for (oid, _, _), v in pairs)
            note = ""
            if side == 0 and n == 0:
                note = (
                    "    # weight: how much this side cares about the issue (any scale; weights are\n"
                    "    #   renormalised to sum 1). Give each side different top issues: trading what\n"
                    "    #   you care little about for what you care a lot about is what makes deals.\n"
                    "    # values: every option in 0..1, this side's own view. 1 = its ask, 0 = the worst;\n"
                    "    #   a middle option above 0.5 for both sides is a compromise that creates value.\n"
                    "    #   An option worse for both sides than another is flagged by the validator.\n"
                    "    # rationale: why, in a sentence. citation: where the article states the demand\n"
                    "    #   (cite every demand with a weight above ~10%).\n"
                )
            blocks.append(
                f"{note}    {issue.id}:\n"
                f"      weight: {issue.weights[side]}\n"
                f"      values: {{{values}}}\n"
                f"      rationale: {_q(issue.rationale[side])}\n"
                f"      citation:\n{cite('', 8, issue.quotes[side])}"
            )
        return "\n".join(blocks)

    agenda = "\n".join(f"    - *{issue.name}*: {issue.description}" for issue in pool)
    a_top = ", ".join(i.name for i in sorted(pool, key=lambda i: -i.weights[0])[:2])
    b_top = ", ".join(i.name for i in sorted(pool, key=lambda i: -i.weights[1])[:2])
    b_values = ", ".join(
        f"{oid}: {_num(v)}" for (oid, _, _), v in zip(first.options, (0.0, 0.4, 1.0), strict=True)
    )

    return f"""\
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
#   parley analyze THIS-FILE            agreement zone, Nash point and a balance report
#   parley simulate THIS-FILE           computer against computer, many games
#
# CITATIONS: every red line, tactic and event (and every important demand) quotes its
# source verbatim. The quotes below come from seeds/{notes}, a PLACEHOLDER
# written next to this file. Replace it with the real article (plain UTF-8 text, any
# file name ending in .txt inside seeds/) and re-quote every citation from it.
#
# (`source:` is for imported models only: `parley import-genius` sets it instead of citations.)

# Identity. `id`: lower-case letters, digits and '-'; unique among scenarios.
id: {scenario_id}
# Shown on the title screen. Keep it short.
title: {_q(title)}
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

# Exactly two sides. The first is actor 0 in reports.
actors:
  - id: {A_ID}
    # Full name of the government; `short_name` (<= 16 characters) for narrow screens.
    name: "{A_NAME}"
    short_name: "{A_NAME}"
    # Who leads the delegation, with their title, as the article names them.
    leader: "Placeholder: Northland's water minister"
    # Who this side is at this table, in a sentence or two.
    description: >-
      The upstream country. It has built the dam and wants to fill it quickly, but it needs a
      treaty to sell its farm goods downstream.
    # Utility of no deal, 0..1 (the BATNA). A deal worth less is worse than walking away.
    # Typical 0.3-0.5: higher = stronger outside option and a smaller agreement zone.
    reservation: {_num(reservation[0])}
    # One sentence: what this side does if there is no deal.
    batna: "Fill the reservoir on its own schedule and live with a hostile neighbour."
    # 1 = time costs nothing; 0 = domestic pressure to close peaks at the deadline.
    # Impatient sides concede faster. Typical 0.4-0.7.
    patience: 0.6
    # Domestic pressure to close at the start, 0..1 (usually 0-0.2).
    initial_pressure: 0.05
    # How the computer plays this side: boulware (tough, concedes late), linear, conceder
    # (concedes early), tit-for-tat (mirrors the other side) or adaptive (learns and trades).
    style: boulware
    # The domestic audience that must ratify a deal (the second level of a two-level game).
    constituency:
      name: "Northland's parliament"
      description: >-
        Parliament must ratify the treaty; it judges it first by the dam and the trade terms.
      # Its own weight of every issue (may differ from the negotiator's; any scale).
      weights:
{weights_block(0, 8)}
      # Utility at which ratification is a coin flip. Set it so that balanced (Nash-like)
      # deals usually pass and lopsided ones often fail; `parley analyze` shows utilities.
      threshold: {_num(THRESHOLD[0])}
      # How sharply the chance rises around the threshold (small = nearly certain above it).
      sensitivity: 0.08
      citation:
{cite("a-constituency", 8)}
    # This side's own moves from the article: 2-4 per side, each cited.
    # kind: gesture (goodwill, builds trust) or pressure (coercion, costs trust).
    # effects are CHANGES: trust -0.2..0.1; the other side's reservation -0.08..-0.02 for
    # pressure; pressure on a side 0..0.1. max_uses: times per game (default 1).
    tactics:
      - id: share-survey
        kind: gesture
        label: "Share the dam survey"
        description: >-
          Northland hands Southland the engineering survey of the dam, as a sign of good faith.
        effects:
          trust: 0.1
          reservation:
            {B_ID}: -0.02
        max_uses: 1
        citation:
{cite("a-gesture", 10)}
      - id: start-filling
        kind: pressure
        label: "Threaten to start filling"
        description: >-
          Northland warns that it will start filling the reservoir without a treaty.
        effects:
          trust: -0.15
          reservation:
            {B_ID}: -0.05
          pressure:
            {A_ID}: 0.05
        citation:
{cite("a-pressure", 10)}

  - id: {B_ID}
    name: "{B_NAME}"
    short_name: "{B_NAME}"
    leader: "Placeholder: Southland's foreign minister"
    description: >-
      The downstream country. Its delta farms depend on the river; it wants a fair share of
      the water, a say over the filling and protection in drought years.
    reservation: {_num(reservation[1])}
    batna: "Take the dispute to an international court and wait years for a ruling."
    patience: 0.5
    initial_pressure: 0.1
    style: adaptive
    constituency:
      name: "Delta farmers and the public"
      description: >-
        The delta's farmers must accept the treaty; they judge it by the water share above all.
      weights:
{weights_block(1, 8)}
      # Optional: where the constituency values an issue's options differently from the
      # negotiator (every option of that issue, 0..1). The farmers reject an even split
      # more firmly than their minister does.
      values:
        {first.id}: {{{b_values}}}
      threshold: {_num(THRESHOLD[1])}
      sensitivity: 0.08
      citation:
{cite("b-constituency", 8)}
    tactics:
      - id: offer-gauges
        kind: gesture
        label: "Offer gauge records"
        description: >-
          Southland offers its own river-gauge records, so both sides work from the same numbers.
        effects:
          trust: 0.1
        max_uses: 2
        citation:
{cite("b-gesture", 10)}
      - id: threaten-court
        kind: pressure
        label: "Threaten court action"
        description: >-
          Southland threatens to take the dispute to an international court.
        effects:
          trust: -0.12
          reservation:
            {A_ID}: -0.04
          # Changes of how much a side cares about an issue (raw weight deltas, -1..1).
          weights:
            {A_ID}:
              {first.id}: -0.05
        citation:
{cite("b-pressure", 10)}

# The agenda: 1-16 issues (4-7 is best), each settled by one of its options.
# The outcome space is every combination: keep it under a few thousand packages.
issues:
{chr(10).join(issue_blocks)}

# actor id -> issue id -> how much that side cares and what it wants. Every actor rates
# every issue and values every option.
preferences:
  {A_ID}:
{preference_blocks(0)}
  {B_ID}:
{preference_blocks(1)}

# actor id -> options that side will never accept, whatever else the package offers.
# Never bar every option of an issue. A red line should bind: `parley analyze` flags red
# lines that exclude nothing from the agreement zone.
red_lines:
  {A_ID}:
    - issue: {first.id}
      options: [{first.options[2][0]}]
      rationale: "We will never give up more than half of our own river."
      citation:
{cite("a-red-line", 8)}
  {B_ID}:
    - issue: {second.id}
      options: [{second.options[0][0]}]
      rationale: "Filling the reservoir in three years would ruin the delta."
      citation:
{cite("b-red-line", 8)}

# News that may break between rounds: 3-6 events the article reports or anticipates.
# probability: chance per round while the conditions hold (0.05-0.3). Optional round
# window (earliest_round, latest_round), `once` (default true) and conditions:
# min_trust / max_trust (0..1), after_tactic, after_event, not_after_event (ids).
events:
  - id: dry-season
    headline: "Long River falls to a forty-year low"
    text: >-
      The river has fallen to its lowest level in forty years. Southland's farmers watch the
      dam; the water share is all anyone talks about downstream.
    probability: 0.2
    earliest_round: 2
    latest_round: 8
    once: true
    effects:
      pressure:
        {B_ID}: 0.1
      weights:
        {B_ID}:
          {first.id}: 0.1
    citations:
{cite_item("dry-season", 6)}
  - id: delta-protest
    headline: "Delta farmers march on the capital"
    text: >-
      Thousands of farmers from the delta march on Southland's capital, warning their
      government not to sign away the river.
    probability: 0.3
    conditions:
      after_event: dry-season
      max_trust: 0.6
    effects:
      trust: -0.05
      reservation:
        {B_ID}: 0.03
      pressure:
        {B_ID}: 0.05
    citations:
{cite_item("protest", 6)}
  - id: water-rising
    headline: "Satellite images show water rising behind the dam"
    text: >-
      Northland appears to have started filling the reservoir. Southland calls it a breach of
      good faith.
    probability: 0.25
    conditions:
      after_tactic: start-filling
    effects:
      trust: -0.1
      reservation:
        {B_ID}: -0.04
      pressure:
        {B_ID}: 0.05
    citations:
{cite_item("filling-starts", 6)}
  - id: donor-offer
    headline: "Donors offer to fund a river monitoring network"
    text: >-
      A group of donors offers to pay for a monitoring network on the river if the two sides
      agree a treaty. The talks get an extra round.
    probability: 0.15
    earliest_round: 3
    conditions:
      min_trust: 0.55
      not_after_event: delta-protest
    effects:
      trust: 0.05
      deadline: 1
    citations:
{cite_item("donors", 6)}

# Role sheets (Markdown). `public`: 2-4 paragraphs both sides read: the situation, the
# agenda, what each side has said in public. `confidential`: one per actor, written as a
# classroom role sheet: "You are ...", priorities in order, what you can give, what you
# must never accept and why, your alternative to a deal. Never the other side's secrets.
briefings:
  public: |
    **Placeholder story.** Northland has built a dam on the Long River, upstream of
    Southland. The two governments meet to agree a treaty before the rains come.

    **The agenda.**

{agenda}

    **Your task.** Agree a package: one option on each issue. A deal must then be
    ratified at home.
  confidential:
    {A_ID}: |
      **You are Northland's water minister.**

      *Your priorities, in order:* {a_top}.

      *Never accept* a package that gives Southland 60% of the dry-season flow.

      *Your alternative to a deal:* fill the dam on your own schedule, at the price of a
      hostile neighbour.
    {B_ID}: |
      **You are Southland's foreign minister.**

      *Your priorities, in order:* {b_top}.

      *Never accept* a reservoir filled in three years.

      *Your alternative to a deal:* go to court and wait years for a ruling.

# 3-5 questions for the class debrief, drawn from the article.
debrief_questions:
  - "Which issue did each side give up to win the one it cared about most?"
  - "Did the threat to start filling the reservoir help Northland, or did it cost trust it needed?"
  - "Would the delta farmers have ratified your deal? What would have made it easier to sell?"
"""
