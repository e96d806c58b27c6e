"""The outcome space, red-line masks, effects and events, and ratification, unit by unit."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sizing import examples

from game.engine import EXACT_LIMIT, Game, Move, OutcomeSpace, OutcomeSpaceTooLarge, Rules, Seat, State
from game.engine.batch import Batch
from game.engine.lint import space_findings
from game.scenario import load_or_raise

from .builders import cite, scenario

MINIMAL = load_or_raise(Path(__file__).resolve().parents[1] / "data" / "valid" / "minimal.yaml")


# -- the outcome space ------------------------------------------------------------------------

@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.integers(1, 12), min_size=1, max_size=6), st.data())
def test_digits_and_index_round_trip(radices: list[int], data: st.DataObject) -> None:
    space = OutcomeSpace(tuple(radices))
    packages = np.array(data.draw(st.lists(st.integers(0, space.size - 1), min_size=1, max_size=20)))
    digits = space.digits(packages)
    assert digits.shape == (len(packages), len(radices))
    assert (digits >= 0).all() and (digits < np.array(radices)).all()
    assert list(space.index(digits)) == list(packages)
    for p, row in zip(packages, digits, strict=True):
        assert space.index(row) == p


def test_rules_read_digits_from_the_cached_table() -> None:
    """The play loop's gather from ``Rules.digits`` agrees with computing the digits."""
    rules = Rules(MINIMAL)
    packages = np.array([0, 17, 9, 9, 4])
    assert np.array_equal(rules.digits_of(packages), rules.space.digits(packages))
    assert list(rules.package_digits(9)) == [1, 1, 1]


def test_package_order_is_lexicographic_with_the_first_issue_most_significant() -> None:
    space = OutcomeSpace((2, 3, 2))
    rows = [tuple(int(x) for x in row) for row in space.digits()]
    assert rows == sorted(rows) and len(set(rows)) == space.size == 12
    assert rows[0] == (0, 0, 0) and rows[-1] == (1, 2, 1) and rows[1] == (0, 0, 1)
    assert space.index([1, 0, 0]) == 6


def test_space_size_limit() -> None:
    assert OutcomeSpace((10,) * 6 + (5,)).size == EXACT_LIMIT  # exactly at the limit: fine
    with pytest.raises(OutcomeSpaceTooLarge) as err:
        OutcomeSpace((10,) * 7)
    message = str(err.value)
    assert "10,000,000 packages" in message and f"{EXACT_LIMIT:,}" in message
    assert "merge options or split the scenario" in message
    assert "\n" not in message


def test_too_large_scenario_is_refused_by_rules_and_the_validator() -> None:
    issues = {f"issue-{i}": [f"o{k}" for k in range(10)] for i in range(7)}
    values = {a: {i: [k / 9 for k in range(10)] for i in issues} for a in ("a", "b")}
    weights = {a: {i: 1.0 for i in issues} for a in ("a", "b")}
    s = scenario(issues, values, weights, {"a": 0.1, "b": 0.1})
    with pytest.raises(OutcomeSpaceTooLarge, match="10,000,000 packages"):
        Rules(s)
    assert space_findings(s) == [("error", ("issues",), str(OutcomeSpaceTooLarge(
        f"10,000,000 packages is more than the {EXACT_LIMIT:,} the engine handles exactly; "
        "merge options or split the scenario")))]


# -- red lines and utilities --------------------------------------------------------------------

def test_red_line_masks() -> None:
    # minimal.yaml: tariff (half, quarter, none) x quota (scrap, phase-out, keep) x inspections
    # (joint, national); package = 6 * tariff + 2 * quota + inspections. B never accepts quota
    # "scrap" (digit 0): packages 0, 1, 6, 7, 12, 13. A has no red lines.
    rules = Rules(MINIMAL)
    assert rules.space.radices == (3, 3, 2)
    assert list(np.flatnonzero(rules.forbidden[1])) == [0, 1, 6, 7, 12, 13]
    assert not rules.forbidden[0].any()
    assert rules.crosses(1, 7) == [1] and rules.crosses(1, 8) == [] and rules.crosses(0, 7) == []
    for p in range(rules.space.size):
        assert rules.forbidden[1, p] == (rules.choice_of(p)["quota"] == "scrap")


def test_utilities_by_hand() -> None:
    # A: weights 5, 2, 1 -> 5/8, 2/8, 1/8. Package (quarter, phase-out, national) = 6 + 2 + 1 = 9:
    # u_A = 5/8 * 0.6 + 2/8 * 0.5 + 1/8 * 0.2 = 0.375 + 0.125 + 0.025 = 0.525
    # u_B = 2/8 * 0.5 + 5/8 * 0.6 + 1/8 * 1.0 = 0.125 + 0.375 + 0.125 = 0.625
    rules = Rules(MINIMAL)
    assert rules.choice_of(9) == {"tariff": "quarter", "quota": "phase-out", "inspections": "national"}
    assert rules.base_utilities[:, 9] == pytest.approx([0.525, 0.625])
    assert rules.package_of({"tariff": "quarter", "quota": "phase-out", "inspections": "national"}) == 9


# -- effects ------------------------------------------------------------------------------------

def effect_scenario(**effects: dict) -> Rules:
    """The logroll scenario with one tactic of the buyer per named effect."""
    tactics = [
        {"id": name, "kind": "gesture", "label": name, "description": "A move.", "effects": fx,
         "max_uses": 10, "citation": cite()}
        for name, fx in effects.items()
    ]
    s = scenario(
        {"price": ["low", "mid", "high"], "delivery": ["fast", "slow"]},
        {"buyer": {"price": [1.0, 0.5, 0.0], "delivery": [1.0, 0.0]},
         "seller": {"price": [0.0, 0.5, 1.0], "delivery": [0.0, 1.0]}},
        {"buyer": {"price": 3.0, "delivery": 1.0}, "seller": {"price": 1.0, "delivery": 3.0}},
        {"buyer": 0.3, "seller": 0.2},
        actor_extra={"buyer": {"tactics": tactics}},
    )
    return Rules(s)


def fresh_table(rules: Rules, n: int = 1) -> Batch:
    """A batch whose chance tape fires no event and ratifies every deal."""
    tapes = np.full((n, rules.round_cap, len(rules.event_ids) + 2), 0.999)
    tapes[..., len(rules.event_ids):] = 0.0
    return Batch(rules, tapes)


def test_deadline_effects_move_the_deadline_within_bounds() -> None:
    rules = effect_scenario(later={"deadline": 3}, sooner={"deadline": -5})
    batch = fresh_table(rules)
    g = np.array([0])
    assert batch.deadline[0] == rules.rounds == 6
    batch.apply_effect(g, 0)
    assert batch.deadline[0] == 9
    batch.round[0] = 4
    batch.apply_effect(g, 1)
    assert batch.deadline[0] == 4, "the deadline never moves before the current round"
    for _ in range(20):
        batch.apply_effect(g, 0)
    assert batch.deadline[0] == rules.round_cap, "the deadline never moves past the chance tape"


def test_weight_effects_renormalise() -> None:
    rules = effect_scenario(
        more_price={"weights": {"buyer": {"price": 0.5}}},
        drop_price={"weights": {"buyer": {"price": -1.0}}},
        drop_all={"weights": {"buyer": {"price": -1.0, "delivery": -1.0}}},
    )
    g = np.array([0])
    batch = fresh_table(rules)
    assert batch.weights[0, 0] == pytest.approx([0.75, 0.25])
    # (0.75 + 0.5, 0.25) / 1.5
    batch.apply_effect(g, 0)
    assert batch.weights[0, 0] == pytest.approx([1.25 / 1.5, 0.25 / 1.5])
    assert batch.weights[0, 1] == pytest.approx([0.25, 0.75]), "the other side's weights moved"
    # A weight cannot go below zero: (max(0, 0.833 - 1), 0.167) -> (0, 1).
    batch.apply_effect(g, 1)
    assert batch.weights[0, 0] == pytest.approx([0.0, 1.0])
    # Wiping out every weight would leave nothing to renormalise: the weights stay as they were.
    batch = fresh_table(rules)
    batch.apply_effect(g, 2)
    assert batch.weights[0, 0] == pytest.approx([0.75, 0.25])
    # Utilities follow the new weights: low/fast is worth 0.75 * 1 + 0.25 * 1 = 1 either way,
    # high/fast (0 on price, 1 on delivery) is worth 0.25 before and 1.0 after dropping price.
    batch.apply_effect(g, 1)
    assert batch.utility(0, np.array([4]), g)[0] == pytest.approx(1.0)


def test_trust_reservation_and_pressure_effects_are_clipped() -> None:
    rules = effect_scenario(
        warm={"trust": 1.0, "reservation": {"seller": -1.0}, "pressure": {"seller": 0.4}},
        cold={"trust": -1.0, "reservation": {"buyer": 1.0}},
    )
    g = np.array([0])
    batch = fresh_table(rules)
    batch.apply_effect(g, 0)
    assert batch.trust[0] == 1.0 and batch.reservation[0, 1] == 0.0
    assert batch.pressure(g)[0, 1] == pytest.approx(0.4)  # patience 1: no pressure of its own
    batch.apply_effect(g, 1)
    assert batch.trust[0] == 0.0 and batch.reservation[0, 0] == 1.0


def event(event_id: str, **fields: object) -> dict:
    data = {"id": event_id, "headline": event_id.title(), "text": "News.", "probability": 1.0,
            "effects": {}, "citations": [cite()]}
    data.update(fields)
    return data


def event_rules(events: list[dict], rounds: int = 6) -> Rules:
    s = scenario(
        {"price": ["low", "high"], "delivery": ["fast", "slow"]},
        {"buyer": {"price": [1.0, 0.0], "delivery": [1.0, 0.0]},
         "seller": {"price": [0.0, 1.0], "delivery": [0.0, 1.0]}},
        {"buyer": {"price": 3.0, "delivery": 1.0}, "seller": {"price": 1.0, "delivery": 3.0}},
        {"buyer": 0.1, "seller": 0.1},
        rounds=rounds,
        events=events,
        actor_extra={"buyer": {"tactics": [{"id": "offer-aid", "kind": "gesture", "label": "Aid",
                                            "description": "A move.", "effects": {}, "citation": cite()}]}},
    )
    return Rules(s)


def hold_round(state: State, actor: str, other: str) -> None:
    """Both sides restate an offer, so the round ends with nothing else happening."""
    package = {"price": "low", "delivery": "slow"}
    state.apply(Move(actor, "propose", package=package))
    state.apply(Move(other, "propose", package=package))


def test_events_fire_from_their_round_once_and_apply_their_effects() -> None:
    rules = event_rules([event("summit-called", earliest_round=2, effects={"deadline": 2, "trust": -0.2})])
    state = Game(rules.scenario).new_state(0, {"buyer": Seat(), "seller": Seat()})
    assert state.news == [] and state.deadline == 6
    hold_round(state, "buyer", "seller")
    assert [n.event for n in state.history[-1].news] == ["summit-called"]
    assert state.deadline == 8 and state.trust == pytest.approx(0.5 - 0.2)
    hold_round(state, "buyer", "seller")
    assert state.history[-1].news == [] and state.fired("summit-called") == 1 and state.deadline == 8


def test_repeating_events_and_conditions() -> None:
    rules = event_rules([
        event("talks-drag", once=False, effects={"trust": -0.05}),
        event("aid-praised", conditions={"after_tactic": "offer-aid"}),
        event("second-wave", once=False,
              conditions={"after_event": "talks-drag", "not_after_event": "aid-praised"}),
        event("trusting", conditions={"min_trust": 0.6}),
    ])
    state = Game(rules.scenario).new_state(0, {"buyer": Seat(), "seller": Seat()})
    # Round 1: only talks-drag can fire (the others need an earlier event, a tactic or trust).
    assert [n.event for n in state.news] == ["talks-drag"]
    state.apply(Move("buyer", "tactic", tactic="offer-aid"))
    hold_round(state, "buyer", "seller")
    # Round 2: talks-drag again; aid-praised after the tactic; second-wave after talks-drag
    # (conditions are read as the round starts, when aid-praised had not happened yet).
    assert [n.event for n in state.history[-1].news] == ["talks-drag", "aid-praised", "second-wave"]
    hold_round(state, "buyer", "seller")
    # Round 3: aid-praised happened only once; second-wave never again after aid-praised.
    assert [n.event for n in state.history[-1].news] == ["talks-drag"]
    assert state.fired("talks-drag") == 3 and state.fired("second-wave") == 1
    assert state.fired("trusting") == 0


def test_events_read_the_chance_tape() -> None:
    rules = event_rules([event("maybe", probability=0.5, once=False)])
    tapes = np.full((1, rules.round_cap, 3), 0.999)
    tapes[0, 0, 0] = 0.49  # round 1: fires (0.49 < 0.5)
    tapes[0, 1, 0] = 0.5  # round 2: does not (0.5 is not below 0.5)
    tapes[0, 2, 0] = 0.0  # round 3: fires
    batch = Batch(rules, tapes)
    assert batch.fired[0, 0] == 1
    for expected in (1, 2):
        for _ in range(2):
            batch.step(np.array([0]), 0, package=np.array([3]))  # Kind.PROPOSE
        assert batch.fired[0, 0] == expected


# -- ratification -----------------------------------------------------------------------------

def test_ratification_chance_formula() -> None:
    # A's parliament: weights tariff 3, quota 1, inspections 1 -> 0.6, 0.2, 0.2, the
    # negotiator's values, threshold 0.5, sensitivity 0.08 (the default). Package
    # (half, phase-out, joint) = 0 + 2 + 0 = 2: u_c = 0.6 * 1.0 + 0.2 * 0.5 + 0.2 * 0.8 = 0.86,
    # chance = 1 / (1 + exp(-(0.86 - 0.5) / 0.08)) = 1 / (1 + exp(-4.5)).
    game = Game(MINIMAL)
    state = game.new_state(0, {"a": Seat(), "b": Seat()})
    package = {"tariff": "half", "quota": "phase-out", "inspections": "joint"}
    assert state.ratify_chance("a", package) == pytest.approx(1 / (1 + math.exp(-4.5)))
    # B's industry: weights 1, 3, 1 -> 0.2, 0.6, 0.2: u_c = 0.2 * 0 + 0.6 * 0.6 + 0.2 * 0.3 = 0.42,
    # chance = 1 / (1 + exp(0.08 / 0.08)) = 1 / (1 + e).
    assert state.ratify_chance("b", package) == pytest.approx(1 / (1 + math.e))


@pytest.mark.parametrize(("draws", "passed", "status"), [
    ((0.0, 0.0), {"a": True, "b": True}, "deal"),
    ((0.0, 0.99), {"a": True, "b": False}, "ongoing"),  # minimal.yaml reopens talks
])
def test_ratification_reads_the_chance_tape(draws: tuple[float, float], passed: dict, status: str) -> None:
    game = Game(MINIMAL)
    rules = game.rules
    tape = np.full((1, rules.round_cap, len(rules.event_ids) + 2), 0.999)
    tape[0, 0, -2:] = draws
    state = State(game, 0, {"a": Seat(), "b": Seat()}, tape=tape)
    package = {"tariff": "half", "quota": "phase-out", "inspections": "joint"}
    state.apply(Move("a", "propose", package=package))
    record = state.apply(Move("b", "accept"))
    assert record.ratification is not None
    assert {a: v["passed"] for a, v in record.ratification.items()} == passed
    assert record.ratification["b"]["chance"] == pytest.approx(1 / (1 + math.e), abs=1e-6)
    assert state.status == status
    if status == "ongoing":
        assert state.standing_offer("a") is None and state.trust == pytest.approx(0.5 - 0.10)
