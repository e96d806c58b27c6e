"""A game that ends at the deadline starts no new round: no news after the end, no late effects.

The batch used to decide which games start a round *after* clamping the round of games
that had just passed the deadline, so a finished game ran its round start again: news
broke after the end and changed the final score.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sizing import examples

from game.engine import Game, Move, Seat, State
from game.scenario.models import Scenario

from .builders import cite, scenario
from .strategies import scenarios

#: Two rounds; side a's "warn" tactic makes news likely next round that cuts a's no-deal value.
LATE_NEWS = scenario(
    options={"tariff": ["low", "high"]},
    values={"a": {"tariff": [0.0, 1.0]}, "b": {"tariff": [1.0, 0.0]}},
    weights={"a": {"tariff": 1.0}, "b": {"tariff": 1.0}},
    reservation={"a": 0.3, "b": 0.3},
    rounds=2,
    actor_extra={"a": {"tactics": [{
        "id": "warn", "kind": "pressure", "label": "Warn", "description": "A warning.",
        "effects": {}, "citation": cite(),
    }]}},
    events=[{
        "id": "backlash", "headline": "Backlash", "text": "The warning backfires at home.",
        "probability": 1.0, "conditions": {"after_tactic": "warn"},
        "effects": {"reservation": {"a": -0.05}}, "citations": [cite()],
    }],
)


def play_out(scenario: Scenario, seed: int) -> State:
    """Both sides people: a plays its tactic in round 2, then both let the clock run out."""
    state = Game(scenario).new_state(seed, {a.id: Seat() for a in scenario.actors})
    ids = state.rules.actor_ids
    while not state.is_terminal:
        actor = state.current_actor or ""
        if state.crisis is not None:
            state.apply(Move(actor, "answer", event=state.crisis, response=state.answers()[0]))
            continue
        tactics = state.available_tactics(actor)
        if state.round == state.deadline and actor == ids[0] and tactics:
            state.apply(Move(actor, "tactic", tactic=tactics[0]))
        offer = state.standing_offer(ids[1 - ids.index(actor)])
        state.apply(Move(actor, "reject" if offer else "pass"))
    return state


def test_news_after_a_round_two_tactic_does_not_break_after_the_deadline() -> None:
    state = play_out(LATE_NEWS, seed=0)
    assert state.status == "deadline"
    assert state.fired("backlash") == 0, "news broke after the talks had ended"
    assert state.history[-1].news == []
    assert state.returns()["a"] == 0.3  # its no-deal value never moved


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.integers(0, 2**16))
@example(LATE_NEWS, 0)
def test_no_news_breaks_on_the_move_that_ends_the_game(scenario: Scenario, seed: int) -> None:
    """News breaks at the start of a round, and the move that ends a game starts none."""
    state = play_out(scenario, seed)
    last = state.history[-1]
    assert last.news == [], f"news broke on the final move: {[n.event for n in last.news]}"
    assert all(item.round <= state.deadline for item in state.news)
