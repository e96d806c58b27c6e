"""Crises that demand an answer, public words that bind, and the ledger that explains every change."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sizing import examples

from game.engine import Game, IllegalMove, Move, ReplayError, Seat
from game.engine.commitments import AUDIENCE_COST, PRIVATE_COST, STEP
from game.engine.ledger import TRACKED, replay, snapshot
from game.engine.rules import INITIAL_TRUST
from game.scenario.models import Scenario

from .builders import cite, scenario
from .strategies import SEATS, scenarios
from .test_properties import RANDOM, play

SHARES = [f"s{k}" for k in range(11)]
CRISIS = {"side": "b", "prompt": "How does B answer the attack?", "responses": [
    {"id": "condemn", "label": "Condemn in public", "description": "Say it loudly.",
     "effects": {"trust": -0.1, "threshold": {"b": -0.05}}},
    {"id": "quiet", "label": "Demand action in private", "description": "A quiet word.",
     "effects": {"trust": 0.05, "reservation": {"b": -0.02}}},
]}


def pie(**extra: object) -> Scenario:
    tenths = [k / 10 for k in range(11)]
    return scenario({"share": SHARES}, {"a": {"share": tenths}, "b": {"share": [1 - x for x in tenths]}},
                    {"a": {"share": 1.0}, "b": {"share": 1.0}}, {"a": 0.1, "b": 0.1}, **extra)  # type: ignore[arg-type]


def attacked(**extra: object) -> Scenario:
    event = {"id": "attack", "headline": "An attack at the border", "text": "Soldiers die.", "probability": 1.0,
             "earliest_round": 2, "effects": {"reservation": {"a": -0.05}}, "citations": [cite()], "crisis": CRISIS}
    return pie(events=[event], **extra)


# -- crises ---------------------------------------------------------------------------------------

def test_a_crisis_must_be_answered_by_the_side_it_hits_before_the_talks_go_on() -> None:
    state = Game(attacked()).new_state(0, {"a": Seat(), "b": Seat()})
    state.apply(Move("a", "propose", package={"share": "s6"}))
    state.apply(Move("b", "propose", package={"share": "s3"}))  # round 2 opens with the attack
    assert state.crisis == "attack" and state.current_actor == "b" and state.answers() == ["condemn", "quiet"]
    assert state.legal_kinds() == ["answer", "walk"]
    with pytest.raises(IllegalMove, match="first answer the crisis: An attack at the border"):
        state.apply(Move("b", "propose", package={"share": "s4"}))
    with pytest.raises(IllegalMove, match="it is not a's turn"):
        state.apply(Move("a", "propose", package={"share": "s4"}))
    with pytest.raises(IllegalMove, match="no such answer"):
        state.apply(Move("b", "answer", event="attack", response="shrug"))
    record = state.apply(Move("b", "answer", event="attack", response="quiet"))
    assert state.crisis is None and state.current_actor == "a"  # the turn it broke in goes on
    assert state.reservation("b") == pytest.approx(0.08) and state.trust == pytest.approx(0.55)
    assert [c["cause"]["kind"] for c in record.changes] == ["crisis"]
    assert record.changes[0]["cause"]["ref"] == "attack/quiet"


def test_the_computer_answers_crises_with_a_reason() -> None:
    state = Game(attacked()).new_state(0, {"a": Seat(), "b": Seat("linear")})
    state.apply(Move("a", "propose", package={"share": "s6"}))
    records = state.advance()
    answers = [r for r in records if r.move.kind == "answer"]
    assert len(answers) == 1 and answers[0].move.response == "quiet"
    # By ANSWER_WEIGHTS: quiet is trust +0.05 (x 0.5 = 0.025) and its own no-deal value -0.02
    # (x 1 = -0.02), 0.005 in all; condemning is trust -0.1 (-0.05) and its threshold -0.05
    # (x -0.5 = +0.025), -0.025. The private word wins, and the trust it keeps is its biggest gain.
    assert answers[0].reason == "Demand action in private: it keeps the trust between us."


def test_the_same_crisis_is_answered_by_the_state_of_the_game_and_the_strategy() -> None:
    """Trust counts for more when it is scarce, and a warm strategy values it more than a hard one.

    With trust at 0.5, Boulware (warmth 0.6) prefers the quiet word: condemning costs trust
    worth 0.5 x 0.6 x 1.0 x 0.1 = 0.03 and gains 0.5 x 0.5 x 0.05 = 0.0125 at home (-0.0175),
    the quiet word gains 0.015 in trust and loses 1.2 x 0.02 = 0.024 of its alternative
    (-0.009). With trust at 1.0 it has trust to spare (x 0.5): condemning is -0.0025, the
    quiet word -0.0165. A hardliner (warmth 0.3) condemns even at 0.5; linear never does.
    """
    from game.engine.batch import Batch, draw_tapes
    from game.engine.strategies import make_strategy

    game = Game(attacked())
    rules = game.rules
    condemn, quiet = rules.event_responses[0]
    batch = Batch(rules, draw_tapes(rules, np.random.default_rng(0), 2))
    batch.crisis[:] = 0
    batch.trust[:] = [0.5, 1.0]
    g = np.arange(2)
    assert list(make_strategy("boulware", rules, 1, 2).answer(batch, g)) == [quiet, condemn]
    assert list(make_strategy("hardliner", rules, 1, 2).answer(batch, g)) == [condemn, condemn]
    assert list(make_strategy("linear", rules, 1, 2).answer(batch, g)) == [quiet, quiet]


def test_walking_out_is_an_answer_to_a_crisis_too() -> None:
    state = Game(attacked()).new_state(0, {"a": Seat(), "b": Seat()})
    state.apply(Move("a", "propose", package={"share": "s6"}))
    state.apply(Move("b", "propose", package={"share": "s3"}))
    state.apply(Move("b", "walk"))
    assert state.status == "walked"


# -- public words -----------------------------------------------------------------------------------

def test_backing_down_from_a_public_position_costs_trust_at_home_and_a_private_one_does_not() -> None:
    state = Game(pie()).new_state(0, {"a": Seat(), "b": Seat()})
    start = float(state.batch.threshold[0, 0])
    state.apply(Move("a", "propose", package={"share": "s8"}, public=True))
    state.apply(Move("b", "propose", package={"share": "s3"}))
    record = state.apply(Move("a", "propose", package={"share": "s6"}))  # 0.2 below its public 0.8
    assert float(state.batch.threshold[0, 0]) == pytest.approx(start + AUDIENCE_COST)
    assert any(c["cause"]["kind"] == "backing-down" and c["changes"][0]["what"] == "threshold" for c in record.changes)
    state.apply(Move("b", "propose", package={"share": "s4"}))
    state.apply(Move("a", "propose", package={"share": "s5"}))  # its position was given up: free now
    assert float(state.batch.threshold[0, 0]) == pytest.approx(start + AUDIENCE_COST)


def test_a_line_drawn_in_public_binds_and_one_drawn_in_private_costs_a_little_trust() -> None:
    for public in (True, False):
        state = Game(pie()).new_state(0, {"a": Seat(), "b": Seat()})
        state.apply(Move("a", "line", issue="share", options=("s0", "s1", "s2", "s3"), public=public))
        state.apply(Move("a", "propose", package={"share": "s9"}))
        state.apply(Move("b", "propose", package={"share": "s3"}))
        trust, threshold = state.trust, float(state.batch.threshold[0, 0])
        state.apply(Move("a", "accept"))  # accepting s3 crosses A's own line
        if public:
            assert float(state.batch.threshold[0, 0]) == pytest.approx(threshold + AUDIENCE_COST)
        else:
            assert state.history[-1].changes[0]["changes"][0] == {
                "what": "trust", "actor": None, "issue": None, "before": round(trust, 6),
                "after": round(trust - PRIVATE_COST, 6)}


def test_public_words_are_believed_more() -> None:
    rules = Game(pie()).rules
    moved = {}
    for public in (False, True):
        state = Game(pie()).new_state(0, {"a": Seat(), "b": Seat()})
        state.apply(Move("a", "line", issue="share", options=("s0", "s1"), public=public))
        estimate = state.analysts[1].estimated_values(np.array([0]))[0, 0, :2]
        moved[public] = float(estimate.sum())
    assert moved[True] < moved[False]
    assert rules.issue_ids == ["share"]


def test_only_proposals_signals_and_lines_can_be_public() -> None:
    state = Game(pie()).new_state(0, {"a": Seat(), "b": Seat()})
    with pytest.raises(IllegalMove, match="only a proposal, a signal or a line can be made in public"):
        state.apply(Move("a", "walk", public=True))


# -- properties -------------------------------------------------------------------------------------

SIDES = st.one_of(st.just(RANDOM), st.sampled_from(SEATS))
GAMES = st.tuples(scenarios(), st.tuples(SIDES, SIDES), st.integers(0, 2**32), st.integers(0, 2**32))


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GAMES)
def test_replaying_the_ledger_from_the_opening_state_gives_the_final_state(args: tuple) -> None:
    """Nothing changes off the books: every change of trust, no-deal values, pressure, weights,
    thresholds and the deadline is in the ledger, under its cause."""
    state = play(*args)
    rules = state.rules
    opening = {  # the scenario's own numbers, before any news
        "trust": np.array(INITIAL_TRUST), "no-deal value": rules.base_reservation.copy(),
        "pressure": np.zeros(2), "weight": rules.base_weights.copy(), "threshold": rules.c_threshold.copy(),
        "deadline": np.array(float(rules.rounds)),
    }
    final = replay(opening, state.batch.ledger.entries)
    now = snapshot(state.batch, 0)
    for name in TRACKED:
        assert np.allclose(final[name], now[name], atol=1e-9), name


def line_crossed_then_position_dropped() -> Scenario:
    """Found by Hypothesis: A proposes in public, draws a line in public, accepts across it (and
    pays for that), then proposes far below its old public position. The line's cost already
    gave that position up, so the later drop is free, as in the engine."""
    options = {"issue-0": ["opt0", "opt1"], "issue-1": ["opt0", "opt1", "opt2"],
               "issue-2": ["opt0", "opt1", "opt2", "opt3"]}
    values = {"a": {"issue-0": [0.0, 0.0], "issue-1": [0.0, 0.0, 0.0], "issue-2": [0.0, 0.0, 0.8, 0.0]},
              "b": {"issue-0": [0.9, 0.0], "issue-1": [0.0, 0.0, 0.0], "issue-2": [0.0, 0.9, 0.0, 0.0]}}
    weights = {"a": {"issue-0": 0.0, "issue-1": 0.0, "issue-2": 1.0},
               "b": {"issue-0": 9.0, "issue-1": 0.0, "issue-2": 0.0}}
    home = {"a": {"issue-0": 0.0, "issue-1": 2.0, "issue-2": 0.0},
            "b": {"issue-0": 4.0, "issue-1": 0.0, "issue-2": 1.0}}
    news = [{"id": f"event{k}", "headline": f"News {k}", "text": "Something happened.", "probability": 0.0,
             "once": False, "effects": {}, "citations": [cite()]} for k in (0, 1)]
    sides = {a: {"patience": 0.0, "style": "boulware", "constituency": {
        "name": "Parliament", "description": "Ratifies.", "weights": home[a], "threshold": 0.0, "sensitivity": 0.02}}
        for a in ("a", "b")}
    return scenario(options, values, weights, {"a": 0.0, "b": 0.0}, rounds=4, events=news, actor_extra=sides,
                    red_lines={"a": [{"issue": "issue-2", "options": ["opt0"], "rationale": "Never.",
                                      "citation": cite()}]})


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GAMES)
@example((line_crossed_then_position_dropped(), ("random", ("boulware", "easy")), 4_126_350_980, 439681))
def test_a_public_position_backed_down_from_always_costs_trust_at_home(args: tuple) -> None:
    state = play(*args)
    position: dict[str, float] = {}
    # Each side's threshold as the ledger moves it: a threshold already at 1 has nothing left to
    # raise (Hypothesis found a side with threshold 1.0 backing down: the cost is there, but nil).
    threshold = {a.id: a.constituency.threshold for a in state.game.scenario.actors if a.constituency}
    for record in state.history:
        move = record.move
        before = dict(threshold)
        for entry in record.changes:
            for c in entry["changes"]:
                if c["what"] == "threshold":
                    threshold[c["actor"]] = c["after"]
        if move.kind not in ("propose", "accept") or record.utilities is None:
            continue
        own = record.utilities[move.actor]
        held = position.get(move.actor)
        if held is not None and own < held - STEP - 1e-9:
            costs = [c for e in record.changes if e["cause"]["kind"] == "backing-down" for c in e["changes"]
                     if c["what"] == "threshold" and c["actor"] == move.actor]
            if before.get(move.actor, 0.0) < 1.0 - 1e-9:
                assert costs and costs[0]["after"] == pytest.approx(min(1.0, costs[0]["before"] + AUDIENCE_COST)), \
                    f"move {record.seq} backed down from {held} to {own} at no cost at home"
            position.pop(move.actor)
        # Any public back-down (a public line crossed, too) gives the old position up in the engine.
        if any(e["cause"]["kind"] == "backing-down" and c["what"] == "threshold" and c["actor"] == move.actor
               for e in record.changes for c in e["changes"]):
            position.pop(move.actor, None)
        if move.kind == "propose" and move.public:
            position[move.actor] = own


# -- what the past carries into a game ------------------------------------------------------------

def test_an_opening_carries_the_past_into_the_game_and_its_log() -> None:
    from game.engine import Opening, State

    opening = Opening(trust=0.3, reservation={"a": 0.1}, threshold={"b": 0.05}, credibility={"a": 0.0},
                      grievances={"b": 2})
    game = Game(pie())
    state = game.new_state(4, {"a": Seat(), "b": Seat("linear")}, opening)
    assert state.trust == pytest.approx(0.3) and state.reservation("a") == pytest.approx(0.2)
    assert float(state.batch.threshold[0, 1]) == pytest.approx(0.05)
    assert state.opening_changes[0]["cause"]["kind"] == "history"
    assert int(state.strategies[1].broken[0]) == 2  # it starts with two broken promises held against A
    state.apply(Move("a", "propose", package={"share": "s8"}, public=True))
    state.advance()
    log = state.to_log()
    assert log["opening"] == opening.to_dict()
    again = State.from_log(game, log)
    assert again.to_log() == log
    log["opening"] = {"trust": 2}
    with pytest.raises(ReplayError, match=r"opening trust must be a number in 0\.\.1"):
        State.from_log(game, log)


def test_a_side_that_broke_its_word_is_believed_less() -> None:
    from game.engine import Opening

    three = scenario({i: ["p", "q", "r"] for i in "xyz"},
                     {"a": {i: [1.0, 0.5, 0.0] for i in "xyz"}, "b": {i: [0.0, 0.5, 1.0] for i in "xyz"}},
                     {"a": {"x": 1.0, "y": 1.0, "z": 1.0}, "b": {"x": 1.0, "y": 1.0, "z": 1.0}},
                     {"a": 0.2, "b": 0.2})
    believed = {}
    for credibility in (1.0, 0.0):
        state = Game(three).new_state(0, {"a": Seat(), "b": Seat()}, Opening(credibility={"a": credibility}))
        before = state.analysts[1].posterior(np.array([0])).copy()
        state.apply(Move("a", "propose", package={"x": "p", "y": "p", "z": "r"}, public=True))
        believed[credibility] = float(np.abs(state.analysts[1].posterior(np.array([0])) - before).sum())
    assert believed[1.0] > believed[0.0] > 0.0
