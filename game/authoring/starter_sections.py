"""Sections of the starter scenario's text: the two sides, the news, the role sheets, the sources.

:mod:`game.authoring.starter` assembles the file from the identity, agenda and preferences it
writes itself and the sections here. Every section is YAML text with a comment on each field
saying what it means and what good values look like; every citation says who is speaking
(``said_by``), so that the starter teaches attribution by example.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from game.scenario.models.limits import SHORT_NAME_MAX

from .starter_story import A_ID, A_NAME, B_ID, B_NAME, NOTES_SAID_BY, NOTES_STORY, PoolIssue


def yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def yaml_number(value: float) -> str:
    """A number as the bounded YAML reader types it: plain decimal, never ``1e-05``."""
    text = repr(float(value))
    return text if "e" not in text else f"{value:.6f}".rstrip("0")


@dataclass(frozen=True)
class Cites:
    """Citation blocks quoting the placeholder notes file ``notes``."""

    notes: str

    def lines(self, quote: str, said_by: str, side: str | None, indent: int, speaker: str | None = None) -> str:
        pad = " " * indent
        out = [f"{pad}seed: {self.notes}", f"{pad}quote: {yaml_text(quote)}", f"{pad}said_by: {said_by}"]
        if side is not None:
            out.append(f"{pad}side: {side}")
        if speaker is not None:
            out.append(f"{pad}speaker: {yaml_text(speaker)}")
        return "\n".join(out)

    def story(self, key: str, indent: int, speaker: str | None = None) -> str:
        """The citation of one sentence of the notes' story, attributed as ``NOTES_SAID_BY`` says."""
        said_by, side = NOTES_SAID_BY[key]
        return self.lines(NOTES_STORY[key], said_by, side, indent, speaker)

    def story_item(self, key: str, indent: int) -> str:
        """The same as a list item (an event's ``citations``)."""
        block = self.story(key, indent + 2)
        return " " * indent + "- " + block[indent + 2:]

    def demand(self, issue: PoolIssue, side: int, indent: int) -> str:
        """The citation of one side's demand on ``issue``."""
        said_by = issue.said_by[side]
        return self.lines(issue.quotes[side], said_by, (A_ID, B_ID)[side] if said_by == "official" else None, indent)


def weights_block(pool: tuple[PoolIssue, ...], side: int, indent: int) -> str:
    pad = " " * indent
    return "\n".join(f"{pad}{issue.id}: {issue.weights[side]}" for issue in pool)


def actors_section(pool: tuple[PoolIssue, ...], cites: Cites, reservation: tuple[float, float],
                   threshold: tuple[float, float]) -> str:
    """``actors:``: both sides, their constituencies and their own moves."""
    first = pool[0]
    b_values = ", ".join(
        f"{oid}: {yaml_number(v)}" for (oid, _, _), v in zip(first.options, (0.0, 0.4, 1.0), strict=True)
    )
    return f"""\
# Exactly two sides. The first is actor 0 in reports.
actors:
  - id: {A_ID}
    # Full name of the government; `short_name` (<= {SHORT_NAME_MAX} characters) for narrow screens.
    name: "{A_NAME}"
    short_name: "{A_NAME}"
    # Other names your texts use for this side (its capital, its people, its adjective). The
    # validator uses them to spot texts that speak for the side ("Northland warns ...",
    # "Northland's officials say ...") and checks that those cite an official of the side.
    aliases: ["the Northlanders", "Northland's government"]
    # Who leads the delegation, with their title, as the article names them.
    leader: "Placeholder: Northland's water minister"
    # Who this side is at this table, in a sentence or two.
    description: >-
      The upstream country. It has built the dam and wants to fill it quickly, but it needs a
      treaty to sell its farm goods downstream.
    # Utility of no deal, 0..1 (the BATNA). A deal worth less is worse than walking away.
    # Typical 0.3-0.5: higher = stronger outside option and a smaller agreement zone.
    reservation: {yaml_number(reservation[0])}
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
{weights_block(pool, 0, 8)}
      # Utility at which ratification is a coin flip. Set it so that balanced (Nash-like)
      # deals usually pass and lopsided ones often fail; `parley analyze` shows utilities.
      threshold: {yaml_number(threshold[0])}
      # How sharply the chance rises around the threshold (small = nearly certain above it).
      sensitivity: 0.08
      # Every citation quotes its seed verbatim and says who is speaking (`said_by`):
      #   official  an official or the government of one side (also the reporter's account of
      #             what that side says or wants); name the side in `side`
      #   analyst   a named outside expert the article quotes
      #   author    the article's own writer: a judgment, reading, forecast or advice
      #   report    the reporter's account of events
      #   game      a game assumption no source states: no seed or quote, a one-line `reason`
      # Texts must match: an analyst's or the author's view is said to be one ("An analyst
      # writes ..."), and hedges in the quote ("apparently", "may") stay in the text.
      citation:
{cites.story("a-constituency", 8)}
    # This side's own moves from the article: 2-4 per side, at least one gesture and one
    # pressure move, each cited.
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
{cites.story("a-gesture", 10)}
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
          # `speaker`: who exactly, as the article names them (optional).
{cites.story("a-pressure", 10, speaker="Placeholder: Northland's water minister")}

  - id: {B_ID}
    name: "{B_NAME}"
    short_name: "{B_NAME}"
    aliases: ["the Southlanders", "Southland's government"]
    leader: "Placeholder: Southland's foreign minister"
    description: >-
      The downstream country. Its delta farms depend on the river; it wants a fair share of
      the water, a say over the filling and protection in drought years.
    reservation: {yaml_number(reservation[1])}
    batna: "Take the dispute to an international court and wait years for a ruling."
    patience: 0.5
    initial_pressure: 0.1
    style: adaptive
    constituency:
      name: "Delta farmers and the public"
      description: >-
        The delta's farmers must accept the treaty; they judge it by the water share above all.
      weights:
{weights_block(pool, 1, 8)}
      # Optional: where the constituency values an issue's options differently from the
      # negotiator (every option of that issue, 0..1). The farmers reject an even split
      # more firmly than their minister does.
      values:
        {first.id}: {{{b_values}}}
      threshold: {yaml_number(threshold[1])}
      sensitivity: 0.08
      citation:
{cites.story("b-constituency", 8)}
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
{cites.story("b-gesture", 10)}
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
{cites.story("b-pressure", 10)}
"""


def closing_section(pool: tuple[PoolIssue, ...], notes: str) -> str:
    """Role sheets, debrief questions and the notes on how far the sources can be trusted."""
    agenda = "\n".join(f"    - *{issue.name}*: {issue.description}" for issue in pool)
    a_top = ", ".join(i.name for i in sorted(pool, key=lambda i: -i.weights[0])[:2])
    b_top = ", ".join(i.name for i in sorted(pool, key=lambda i: -i.weights[1])[:2])
    return f"""\
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

# What players should know about the articles before trusting them, shown with the
# briefing and the debrief (and listed in seeds/README.md for bundled scenarios): an
# unknown date, factual errors, what the public record says instead. One note per seed.
seed_notes:
  - seed: {notes}
    note: >-
      Placeholder notes written by `parley new`, not a news article: replace them with the
      article the scenario is built from, then write here what a player should know about it.
# true when the scenario departs from the public record (as this invented story does); say
# why in `seed_notes`. Set it to false once the scenario follows a real article.
hypothetical: true
"""
