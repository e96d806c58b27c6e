"""Small scenarios shared by tests outside the engine package."""

from __future__ import annotations

from engine.builders import cite, scenario

from game.engine import Move, State
from game.scenario.models import Scenario

SHARES = [f"s{k}" for k in range(11)]


def pie_with_news() -> Scenario:
    """A pie split in tenths; B's red line on A taking nine tenths or more; news in round 2 that cuts
    A's no-deal value and opens a crisis for B."""
    tenths = [k / 10 for k in range(11)]
    crisis = {"side": "b", "prompt": "How does B answer?", "responses": [
        {"id": "condemn", "label": "Condemn in public", "description": "Loudly.", "effects": {"trust": -0.1}},
        {"id": "quiet", "label": "Demand action in private", "description": "A quiet word.",
         "effects": {"trust": 0.02}},
    ]}
    event = {"id": "attack", "headline": "An attack at the border", "text": "Soldiers die.", "probability": 1.0,
             "earliest_round": 2, "effects": {"reservation": {"a": -0.1}}, "citations": [cite()], "crisis": crisis}
    red = {"b": [{"issue": "share", "options": ["s9", "s10"], "rationale": "Never.", "citation": cite()}]}
    return scenario({"share": SHARES}, {"a": {"share": tenths}, "b": {"share": [1 - x for x in tenths]}},
                    {"a": {"share": 1.0}, "b": {"share": 1.0}}, {"a": 0.3, "b": 0.2}, events=[event], red_lines=red,
                    actor_extra={"a": {"short_name": "A"}, "b": {"short_name": "B"}})


def crisis_answer(state: State) -> Move | None:
    """The first answer to a crisis waiting for the side to move, or None when none waits.

    Tests that script a side's moves answer a crisis the scenario throws at it this way, as a
    player must before the talks go on.
    """
    if state.is_terminal or state.crisis is None:
        return None
    return Move(state.current_actor or "", "answer", event=state.crisis, response=state.answers()[0])


def answer_crises(state: State) -> None:
    """Answer (first answer) every crisis waiting for a person, letting the computer move between."""
    while (move := crisis_answer(state)) is not None and state.seats[move.actor].human:
        state.apply(move)
        state.advance()
