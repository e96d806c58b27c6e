"""What a side knows: its estimates come from public intelligence and what the other side does,
never from the other side's confidential numbers (its weights, values, no-deal value or
constituency), which the debrief alone reveals."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sizing import examples

from game.engine import Game, Move, Seat
from game.engine.beliefs import Beliefs, weight_hypotheses
from game.engine.rules import DEFAULT_RESERVATION_ESTIMATE, Rules
from game.scenario import bundled_paths, load_or_raise
from game.scenario.models import Scenario

from .builders import scenario


def with_secrets(base: Scenario, actor_id: str, weights: dict[str, float], values_shift: float,
                 reservation: float, threshold: float) -> Scenario:
    """``base`` with ``actor_id``'s confidential numbers replaced (everything public unchanged)."""
    prefs = {
        issue: pref.model_copy(update={
            "weight": weights.get(issue, pref.weight),
            "values": {o: float(np.clip(v + values_shift * (k % 2), 0.0, 1.0))
                       for k, (o, v) in enumerate(pref.values.items())},
        })
        for issue, pref in base.preferences[actor_id].items()
    }
    actors = [
        a.model_copy(update={"reservation": reservation,
                             "constituency": a.constituency.model_copy(update={"threshold": threshold})})
        if a.id == actor_id else a
        for a in base.actors
    ]
    return base.model_copy(update={"preferences": {**base.preferences, actor_id: prefs}, "actors": actors})


def player_view(scenario: Scenario, me: str) -> dict[str, object]:
    """Every estimate the player's screens show before the other side has moved."""
    game = Game(scenario)
    other = scenario.other(me).id
    state = game.new_state(3, {me: Seat(), other: Seat("adaptive")})
    rules = game.rules
    packages = [rules.choice_of(int(p)) for p in np.linspace(0, rules.space.size - 1, 7).astype(int)]
    return {
        "weights": state.estimated_weights(me),
        "reservation": state.estimated_reservation(me),
        "accept": [round(state.accept_estimate(me, p), 12) for p in packages],
        "opening": state.opening_package(me),
    }


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_the_player_s_view_does_not_depend_on_the_other_side_s_secrets(path: object) -> None:
    base = load_or_raise(path)  # type: ignore[arg-type]
    me, other = base.opener, base.other(base.opener).id
    issues = [i.id for i in base.issues]
    changed = with_secrets(base, other, {issues[0]: 40.0, issues[-1]: 0.5}, 0.3, 0.05, 0.9)
    assert Rules(changed).base_utilities[1 - Rules(base).actor_index(me)].tolist() != \
        Rules(base).base_utilities[1 - Rules(base).actor_index(me)].tolist(), "the secrets did change"
    assert player_view(base, me) == player_view(changed, me)


@settings(max_examples=examples(25), deadline=None)
@given(weight=st.floats(0.0, 50.0), shift=st.floats(-0.5, 0.5), reservation=st.floats(0.0, 0.9),
       threshold=st.floats(0.0, 1.0))
def test_no_secret_of_the_other_side_moves_an_estimate(weight: float, shift: float, reservation: float,
                                                       threshold: float) -> None:
    base = load_or_raise(bundled_paths()[0])
    me, other = base.opener, base.other(base.opener).id
    changed = with_secrets(base, other, {base.issues[1].id: weight}, shift, reservation, threshold)
    assert player_view(base, me) == player_view(changed, me)


def pair() -> Scenario:
    return scenario({"x": ["p", "q", "r"], "y": ["p", "q", "r"], "z": ["p", "q", "r"]},
                    {"a": {i: [1.0, 0.5, 0.0] for i in "xyz"}, "b": {i: [0.0, 0.5, 1.0] for i in "xyz"}},
                    {"a": {"x": 1.0, "y": 1.0, "z": 1.0}, "b": {"x": 6.0, "y": 1.0, "z": 1.0}},
                    {"a": 0.3, "b": 0.3})


def test_without_intelligence_analysts_start_from_an_uninformative_prior() -> None:
    rules = Rules(pair())
    beliefs = Beliefs(rules, 0, 1, 1)
    post = beliefs.posterior(np.array([0]))[0]
    assert np.allclose(post, 1 / len(weight_hypotheses(3)))
    assert beliefs.reservation == DEFAULT_RESERVATION_ESTIMATE
    # Interests read as opposed to one's own where nothing is known of the other side's positions.
    assert np.allclose(beliefs.stance[0, :3], [0.0, 0.5, 1.0])


def test_intelligence_shapes_the_prior_as_far_as_it_is_trusted() -> None:
    weak = 0.0
    for confidence in (0.2, 0.9):
        intel = {"a": {"weights": {"x": 5.0, "y": 1.0, "z": 1.0}, "reservation": 0.55, "confidence": confidence,
                       "values": {"z": {"p": 0.2, "q": 0.9, "r": 0.4}}}}
        rules = Rules(scenario({"x": ["p", "q", "r"], "y": ["p", "q", "r"], "z": ["p", "q", "r"]},
                               {"a": {i: [1.0, 0.5, 0.0] for i in "xyz"}, "b": {i: [0.0, 0.5, 1.0] for i in "xyz"}},
                               {"a": {"x": 1.0, "y": 1.0, "z": 1.0}, "b": {"x": 6.0, "y": 1.0, "z": 1.0}},
                               {"a": 0.3, "b": 0.3}, intelligence=intel))
        beliefs = Beliefs(rules, 0, 1, 1)
        w = beliefs.expected_weights(np.array([0]))[0]
        assert w[0] > w[1] and w[0] > w[2]
        assert beliefs.reservation == 0.55
        assert np.allclose(beliefs.stance[2, :3], [0.2, 0.9, 0.4])
        if confidence == 0.2:
            weak = w[0]
    assert w[0] > weak, "a more confident estimate is a sharper prior"


def test_hot_seat_players_see_estimates_not_each_other_s_brief() -> None:
    base = load_or_raise(bundled_paths()[1])
    a, b = (x.id for x in base.actors)
    state = Game(base).new_state(0, {a: Seat(), b: Seat()})
    truth_b = dict(zip(state.rules.issue_ids, state.weights(b).round(6).tolist(), strict=True))
    assert state.estimated_weights(a) != pytest.approx(truth_b)
    assert state.estimated_reservation(a) != base.actor(b).reservation


def test_offers_and_signals_teach_the_analysts() -> None:
    rules = Rules(pair())
    state = Game(rules.scenario).new_state(0, {"a": Seat(), "b": Seat()})
    before = state.estimated_weights("a")["x"]
    state.apply(Move("a", "propose", package={"x": "p", "y": "p", "z": "p"}))
    state.apply(Move("b", "signal", signal=("x",)))
    state.apply(Move("b", "propose", package={"x": "r", "y": "p", "z": "q"}))
    assert state.estimated_weights("a")["x"] > before + 0.05
