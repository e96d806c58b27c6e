"""Bargaining solutions of small spaces worked out by hand (the working is in the comments).

Conventions of the engine: the agreement zone holds the packages that cross no red line
and are worth *strictly more* than the reservation value to each side; the ideal point of
Kalai-Smorodinsky is each side's best utility inside the zone; ties (Nash and KS alike)
go to the larger sum of utilities, then to the lower package index.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.engine import Game, Move, Rules, Seat, analyze_rules, outcome
from game.engine.analysis import Analysis, analyze

from .builders import scenario

SHARES = [f"s{10 * k}" for k in range(11)]  # s0, s10, ..., s100: A's share in percent


def pie(values_b: list[float], reservation: tuple[float, float], values_a: list[float] | None = None,
        options: list[str] = SHARES) -> tuple[Rules, Analysis]:
    """One issue, ``share``; A's utility is its share unless ``values_a`` says otherwise."""
    a_values = values_a if values_a is not None else [k / 10 for k in range(len(options))]
    s = scenario(
        {"share": options},
        {"a": {"share": a_values}, "b": {"share": values_b}},
        {"a": {"share": 1.0}, "b": {"share": 1.0}},
        {"a": reservation[0], "b": reservation[1]},
    )
    rules = Rules(s)
    return rules, analyze_rules(rules)


def share(rules: Rules, package: int | None) -> str:
    assert package is not None
    return rules.choice_of(package)["share"]


def test_split_the_pie_with_a_disagreement_point() -> None:
    # u_A = x, u_B = 1 - x for x in {0, 0.1, ..., 1}; reservations r = (0.2, 0.0).
    # Zone: u_A > 0.2 and u_B > 0  ->  x in {0.3, ..., 0.9} (x = 0.2 and x = 1 sit exactly
    # on a reservation value, which is not better than no deal).
    # Every zone package is Pareto-optimal (what A gains B loses).
    # Nash: maximise (x - 0.2)(1 - x); the derivative 1.2 - 2x vanishes at x = 0.6, which is
    # on the grid: product 0.4 * 0.4 = 0.16 (x = 0.5 and x = 0.7 give 0.3*0.5 = 0.5*0.3 = 0.15).
    # KS: ideal point inside the zone = (0.9, 0.7), so both spans are 0.7 and the normalised
    # gains (x - 0.2)/0.7 and (1 - x)/0.7 are equal where x - 0.2 = 1 - x, at x = 0.6
    # (|0.4 - 0.4|/0.7 = 0; the neighbours 0.5 and 0.7 are 0.2/0.7 apart).
    rules, a = pie([1 - k / 10 for k in range(11)], (0.2, 0.0))
    assert [share(rules, p) for p in a.zone] == ["s30", "s40", "s50", "s60", "s70", "s80", "s90"]
    assert [share(rules, p) for p in a.pareto] == ["s30", "s40", "s50", "s60", "s70", "s80", "s90"]
    assert share(rules, a.nash) == "s60"
    assert a.nash_product(a.nash) == pytest.approx(0.16)
    assert share(rules, a.kalai_smorodinsky) == "s60"
    assert a.point(a.nash) == pytest.approx((0.6, 0.4))
    assert (share(rules, a.best[0]), share(rules, a.best[1])) == ("s90", "s30")


def test_split_the_pie_ties_go_to_the_lower_index() -> None:
    # Same pie, r = (0.5, 0.0). Zone: x in {0.6, 0.7, 0.8, 0.9}.
    # Nash: (x - 0.5)(1 - x) is 0.1*0.4 = 0.04, 0.2*0.3 = 0.06, 0.3*0.2 = 0.06, 0.4*0.1 = 0.04:
    # x = 0.7 and x = 0.8 tie (in floating point they differ in the 17th digit), their sums
    # tie at 1.0, so the lower package index wins: x = 0.7.
    # KS: ideal (0.9, 0.4), spans 0.4 and 0.4; |(x - 0.5) - (1 - x)|/0.4 is 0.25 for both
    # x = 0.7 and x = 0.8: the same tie, the same winner.
    rules, a = pie([1 - k / 10 for k in range(11)], (0.5, 0.0))
    assert [share(rules, p) for p in a.zone] == ["s60", "s70", "s80", "s90"]
    assert share(rules, a.nash) == "s70"
    assert share(rules, a.kalai_smorodinsky) == "s70"


def test_kalai_smorodinsky_differs_from_nash_on_a_concave_pie() -> None:
    # Four options: u_A = 0, 0.2, 0.4, 0.6 and u_B = 1 - u_A^2 = 1, 0.96, 0.84, 0.64; r = (0, 0).
    # Zone: options 1-3 (option 0 gives A exactly its reservation).
    # Nash products: 0.2*0.96 = 0.192, 0.4*0.84 = 0.336, 0.6*0.64 = 0.384  ->  option 3.
    # KS: ideal (0.6, 0.96); normalised gains (u_A/0.6, u_B/0.96):
    #   option 1: (0.333, 1.000), gap 0.667
    #   option 2: (0.667, 0.875), gap 0.208   <- closest to equal
    #   option 3: (1.000, 0.667), gap 0.333
    options = ["none", "some", "more", "most"]
    rules, a = pie([1.0, 0.96, 0.84, 0.64], (0.0, 0.0), values_a=[0.0, 0.2, 0.4, 0.6], options=options)
    assert [share(rules, p) for p in a.pareto] == ["some", "more", "most"]
    assert share(rules, a.nash) == "most"
    assert share(rules, a.kalai_smorodinsky) == "more"


def test_logrolling_two_issues() -> None:
    # A buyer cares about price (weight 3) more than delivery (1); the seller the reverse.
    #   A: price low 1, mid 0.5, high 0; delivery fast 1, normal 0.5, slow 0; w = (0.75, 0.25)
    #   B: price low 0, mid 0.5, high 1; delivery fast 0, normal 0.5, slow 1; w = (0.25, 0.75)
    # Package index = 3 * price + delivery. Utilities (u_A, u_B):
    #   0 low/fast    (1.000, 0.000)   1 low/normal  (0.875, 0.375)   2 low/slow    (0.750, 0.750)
    #   3 mid/fast    (0.625, 0.125)   4 mid/normal  (0.500, 0.500)   5 mid/slow    (0.375, 0.875)
    #   6 high/fast   (0.250, 0.250)   7 high/normal (0.125, 0.625)   8 high/slow   (0.000, 1.000)
    # Reservations (0.3, 0.1). Zone (u_A > 0.3, u_B > 0.1): 1, 2, 3, 4, 5.
    # Dominated: 3 and 4 by 2 (the split-the-difference package 4 is worse for both sides than
    # the logroll 2, where each side wins the issue it cares about most).
    # Frontier by u_A: 5 (0.375), 2 (0.75), 1 (0.875).
    # Nash gains: 1: 0.575 * 0.275 = 0.158; 2: 0.45 * 0.65 = 0.2925; 3: 0.325 * 0.025 = 0.008;
    #   4: 0.2 * 0.4 = 0.08; 5: 0.075 * 0.775 = 0.058  ->  2 (low price, slow delivery).
    # KS: ideal (0.875, 0.875), spans (0.575, 0.775); normalised gains on the frontier:
    #   5: (0.130, 1.000) gap 0.870; 2: (0.783, 0.839) gap 0.056; 1: (1.000, 0.355) gap 0.645  ->  2.
    s = scenario(
        {"price": ["low", "mid", "high"], "delivery": ["fast", "normal", "slow"]},
        {
            "buyer": {"price": [1.0, 0.5, 0.0], "delivery": [1.0, 0.5, 0.0]},
            "seller": {"price": [0.0, 0.5, 1.0], "delivery": [0.0, 0.5, 1.0]},
        },
        {"buyer": {"price": 3.0, "delivery": 1.0}, "seller": {"price": 1.0, "delivery": 3.0}},
        {"buyer": 0.3, "seller": 0.1},
    )
    rules = Rules(s)
    a = analyze_rules(rules)
    expected = {
        0: (1.0, 0.0), 1: (0.875, 0.375), 2: (0.75, 0.75), 3: (0.625, 0.125), 4: (0.5, 0.5),
        5: (0.375, 0.875), 6: (0.25, 0.25), 7: (0.125, 0.625), 8: (0.0, 1.0),
    }
    for package, point in expected.items():
        assert a.point(package) == pytest.approx(point), package
    assert rules.choice_of(4) == {"price": "mid", "delivery": "normal"}
    assert list(a.zone) == [1, 2, 3, 4, 5]
    assert list(a.pareto) == [5, 2, 1]
    assert a.nash == 2 and rules.choice_of(2) == {"price": "low", "delivery": "slow"}
    assert a.nash_product(2) == pytest.approx(0.2925)
    assert a.kalai_smorodinsky == 2


def test_debrief_of_a_split_the_difference_deal() -> None:
    # The logroll space above; the buyer offers mid/normal (0.5, 0.5) and the seller takes it.
    #   gains over no deal: (0.5 - 0.3, 0.5 - 0.1) = (0.2, 0.4)
    #   Nash share: 0.2 * 0.4 / 0.2925 = 0.273504
    #   Pareto gap: low/slow (0.75, 0.75) gives each side 0.25 more, and nothing gives both more
    #   value left on the batch: 1.5 - 1.0 = 0.5 (the best joint value among packages that
    #   leave neither side worse off)
    s = scenario(
        {"price": ["low", "mid", "high"], "delivery": ["fast", "normal", "slow"]},
        {
            "buyer": {"price": [1.0, 0.5, 0.0], "delivery": [1.0, 0.5, 0.0]},
            "seller": {"price": [0.0, 0.5, 1.0], "delivery": [0.0, 0.5, 1.0]},
        },
        {"buyer": {"price": 3.0, "delivery": 1.0}, "seller": {"price": 1.0, "delivery": 3.0}},
        {"buyer": 0.3, "seller": 0.1},
    )
    state = Game(s).new_state(0, {"buyer": Seat(), "seller": Seat()})
    state.apply(Move("buyer", "propose", package={"price": "mid", "delivery": "normal"}))
    state.apply(Move("seller", "accept"))
    o = outcome(state)
    assert o.status == "deal" and o.deal == {"price": "mid", "delivery": "normal"}
    assert o.utility == {"buyer": 0.5, "seller": 0.5}
    assert o.gain == {"buyer": pytest.approx(0.2), "seller": pytest.approx(0.4)}
    assert o.nash_share == pytest.approx(0.08 / 0.2925, abs=1e-6)
    assert o.pareto_gap == pytest.approx(0.25)
    assert o.better_package is not None
    assert o.better_package["package"] == {"price": "low", "delivery": "slow"}
    assert o.value_left == pytest.approx(0.5)
    assert o.nash is not None and o.nash["package"] == {"price": "low", "delivery": "slow"}
    assert (o.agreement_zone, o.outcomes) == (5, 9)


def test_no_zone_means_no_solution() -> None:
    # Reservations (0.6, 0.5) on the pie: A needs x > 0.6, B needs 1 - x > 0.5, i.e. x < 0.5.
    _, a = pie([1 - k / 10 for k in range(11)], (0.6, 0.5))
    assert len(a.zone) == 0 and len(a.pareto) == 0
    assert a.nash is None and a.kalai_smorodinsky is None


# -- the definitions the engine rejects ------------------------------------------------------------

def test_kalai_smorodinsky_is_closest_to_equal_shares_not_maximin() -> None:
    """Two real definitions of KS on a discrete frontier disagree here; the engine's is the
    frontier point whose normalised gains are closest to equal (ties: larger sum, lower index).

    Frontier (ideal point (1, 1), no-deal (0, 0)): (0.01, 1), (0.45, 0.5), (0.56, 0.48), (1, 0.01).
    Closest to equal: (0.45, 0.5), |0.45 - 0.5| = 0.05 < 0.08. Maximin would take (0.56, 0.48),
    whose smaller share 0.48 beats 0.45.
    """
    u = np.array([[0.01, 0.45, 0.56, 1.0], [1.0, 0.5, 0.48, 0.01]])
    a = analyze(u, np.zeros(2), np.zeros((2, 4), dtype=bool))
    maximin = int(np.argmax(np.minimum(u[0], u[1])))
    assert maximin == 2
    assert a.kalai_smorodinsky == 1


def test_the_ideal_point_is_each_side_s_best_inside_the_zone_not_over_all_outcomes() -> None:
    # The pie with no-deal values (0, 0.3): the zone is x = 0.1 .. 0.6 (A needs x > 0, B needs
    # 1 - x > 0.3). Ideal inside the zone: A 0.6, B 0.9; normalised gains x / 0.6 and
    # (0.7 - x) / 0.6 are equal at x = 0.35, between s30 and s40, which tie on the gap (1/6)
    # and on the sum: the lower index, s30, wins. With the ideal over all outcomes (1 and 1)
    # the shares x and (0.7 - x) / 0.7 meet at x = 0.41: s40 would win.
    rules, a = pie([1 - k / 10 for k in range(11)], (0.0, 0.3))
    assert [share(rules, int(p)) for p in a.zone] == ["s10", "s20", "s30", "s40", "s50", "s60"]
    assert share(rules, a.kalai_smorodinsky) == "s30"


# -- the second level -----------------------------------------------------------------------------

def test_win_sets_and_the_ratifiable_nash_point() -> None:
    # A's Congress passes only packages worth at least 0.7 to it, sharply (threshold 0.65,
    # sensitivity 0.02): its win-set is s70..s100. The plain Nash point of the 0.2/0.2 pie is s50
    # (gains 0.3 x 0.3), which A's Congress passes with a chance of 1/(1 + e^7.5), about 0.06%.
    # B's constituency (threshold 0, the builder's default) passes every package at least half
    # the time, so both win-sets hold s70..s100, of which only s70 is in the zone (B needs
    # 1 - x > 0.2): the ratifiable Nash point is s70.
    congress = {"a": {"constituency": {"name": "Congress", "description": "Votes.", "weights": {"share": 1.0},
                                       "threshold": 0.65, "sensitivity": 0.02}}}
    s = scenario({"share": SHARES}, {"a": {"share": [k / 10 for k in range(11)]},
                                     "b": {"share": [1 - k / 10 for k in range(11)]}},
                 {"a": {"share": 1.0}, "b": {"share": 1.0}}, {"a": 0.2, "b": 0.2}, actor_extra=congress)
    rules = Rules(s)
    a = analyze_rules(rules)
    assert share(rules, a.nash) == "s50"
    assert a.ratify[0, a.nash] == pytest.approx(1 / (1 + math.exp(7.5)), rel=1e-6)
    assert [share(rules, int(p)) for p in a.win_sets[0]] == ["s70", "s80", "s90", "s100"]
    assert share(rules, a.nash_ratifiable) == "s70"
    assert a.ratify[0, a.nash_ratifiable] > 0.9
    assert [share(rules, int(p)) for p in a.ratifiable_zone] == ["s70"]
