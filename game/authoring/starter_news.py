"""The news section of the starter scenario: events between rounds, one of them a crisis.

Part of the text :mod:`game.authoring.starter` assembles (the sides and the role sheets are in
:mod:`game.authoring.starter_sections`). Every event cites the placeholder notes; the crisis
shows a side answering news, with a constituency-threshold effect among its answers.
"""

from __future__ import annotations

from .starter_sections import Cites
from .starter_story import B_ID, PoolIssue


def events_section(pool: tuple[PoolIssue, ...], cites: Cites) -> str:
    """``events:``: news between rounds, each cited (one with a game assumption beside its quote)."""
    first = pool[0]
    return f"""\
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
{cites.story_item("dry-season", 6)}
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
{cites.story_item("protest", 6)}
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
{cites.story_item("filling-starts", 6)}
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
{cites.story_item("donors", 6)}
      # A game assumption: no source states it, so no seed or quote, a one-line reason.
      - said_by: game
        reason: "The extra round is the game's reading of the offer; the notes do not say it buys time."
  # A crisis: news the side it hits must answer before the talks go on, with two to four
  # answers, each with its own effects (the event's own effects apply first). Here the
  # answer to Northland's filling is Southland's to give.
  - id: filling-crisis
    headline: "Southland's cabinet meets over the dam"
    text: >-
      Southland's government has said it will answer any filling without a treaty. Its
      cabinet meets in emergency session while the water rises behind the dam.
    probability: 0.5
    conditions:
      after_event: water-rising
    effects:
      pressure:
        {B_ID}: 0.05
    citations:
{cites.story_item("crisis", 6)}
    crisis:
      # Actor id of the side that must answer, and the question put to it.
      side: {B_ID}
      prompt: "How does Southland answer the filling?"
      responses:
        - id: condemn
          label: "Condemn it in public"
          description: >-
            Southland denounces the filling as a breach of good faith. Public anger makes a
            compromise harder to sell at home.
          # `threshold` moves a side's constituency threshold: positive makes ratification
          # at home harder, negative easier.
          effects:
            trust: -0.1
            threshold:
              {B_ID}: 0.05
          citation:
{cites.story("crisis-condemn", 12)}
        - id: inspect
          label: "Ask for an inspection"
          description: >-
            A joint inspection of the dam by engineers from both sides, while the talks go
            on: the game's middle course, which the notes do not report.
          effects:
            trust: 0.05
            pressure:
              {B_ID}: -0.05
          citation:
            said_by: game
            reason: "The notes report no such request; an inspection is the game's middle course."
"""
