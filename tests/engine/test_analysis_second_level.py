"""The rest of the analysis against brute force: worst packages, win-sets and the ratifiable
points, the joint-gain improvement over a deal, and the analysis of a scenario under other weights."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sizing import examples

from game.engine.analysis import WIN_SET_CHANCE, analyze, analyze_rules, improvement, pareto_front
from game.engine.rules import Rules

from .builders import scenario
from .strategies import utility_spaces
from .test_properties import EPS, brute_force, brute_pick, brute_zone

PROPERTY = settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def grid_space(seed: int, n: int = 40) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A fixed space on the 0.05 grid (ties everywhere), so that every run checks it whatever the
    Hypothesis budget."""
    rng = np.random.default_rng(seed)
    u = rng.integers(0, 21, (2, n)) / 20
    return u, rng.integers(0, 9, 2) / 20, rng.integers(0, 6, (2, n)) == 0


FIXED = [grid_space(1), grid_space(2, 25)]
RATIFIED = [(*space, np.random.default_rng(k).integers(0, 11, (2, space[0].shape[1])) / 10, chance)
            for k, (space, chance) in enumerate(zip(FIXED, (0.5, 0.7), strict=True))]


@st.composite
def ratified_spaces(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
    """A raw space with each side's chance of ratifying every package (on a 0.1 grid: exact ties
    with the pass chance) and a pass chance."""
    u, r, forbidden = draw(utility_spaces())
    n = u.shape[1]
    chance = st.integers(0, 10).map(lambda k: k / 10)
    ratify = np.array([[draw(chance) for _ in range(n)] for _ in range(2)])
    return u, r, forbidden, ratify, draw(st.sampled_from([0.3, 0.5, 0.7]))


@PROPERTY
@given(utility_spaces())
@example(FIXED[0])
@example(FIXED[1])
def test_worst_packages_match_brute_force(space: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    u, r, forbidden = space
    zone = brute_zone(u, r, forbidden)
    want = tuple(brute_pick(zone, [-float(u[a, p]) for p in zone], u) for a in (0, 1))
    assert analyze(u, r, forbidden).worst == want


@PROPERTY
@given(ratified_spaces())
@example(RATIFIED[0])
@example(RATIFIED[1])
def test_win_sets_and_ratifiable_points_match_brute_force(
        space: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]) -> None:
    u, r, forbidden, ratify, chance = space
    got = analyze(u, r, forbidden, ratify, chance)
    plain = analyze(u, r, forbidden)
    # The second level adds to the plain analysis and changes none of it.
    assert list(got.zone) == list(plain.zone) and (got.nash, got.kalai_smorodinsky) == (plain.nash,
                                                                                         plain.kalai_smorodinsky)
    assert got.pass_chance == chance and got.ratify is not None
    for a in (0, 1):  # a win-set holds the packages passed with at least the chance (ties included)
        assert list(got.win_sets[a]) == [p for p in range(u.shape[1]) if ratify[a, p] >= chance]
    # The ratifiable points are the plain solutions of the zone cut to both win-sets.
    fails = forbidden | (ratify < chance)
    want = brute_force(u, r, fails)
    assert list(got.ratifiable_zone) == want["zone"]
    assert (got.nash_ratifiable, got.kalai_smorodinsky_ratifiable) == (want["nash"], want["ks"])


def test_the_default_pass_chance_is_one_half_inclusive() -> None:
    u = np.array([[0.6, 0.7, 0.8], [0.6, 0.5, 0.4]])
    ratify = np.array([[0.49, 0.5, 1.0], [1.0, 1.0, 1.0]])
    got = analyze(u, np.zeros(2), np.zeros((2, 3), dtype=bool), ratify)
    assert WIN_SET_CHANCE == 0.5 and got.pass_chance == 0.5
    assert list(got.win_sets[0]) == [1, 2] and list(got.win_sets[1]) == [0, 1, 2]
    assert list(got.ratifiable_zone) == [1, 2]
    assert got.nash_ratifiable == 1  # 0.7 * 0.5 = 0.35 beats 0.8 * 0.4 = 0.32; package 0 fails at home
    assert got.nash == 0  # 0.6 * 0.6 = 0.36 on paper
    assert analyze(u, np.zeros(2), np.zeros((2, 3), dtype=bool)).ratify is None


def brute_improvement(u: np.ndarray, zone: list[int], base: np.ndarray) -> tuple[float, int | None]:
    gains = [min(u[0, q] - base[0], u[1, q] - base[1]) for q in zone]
    pick = brute_pick(zone, gains, u)
    if pick is None:
        return 0.0, None
    gain = float(min(u[0, pick] - base[0], u[1, pick] - base[1]))
    return (gain, pick) if gain > 1e-12 else (0.0, None)


@PROPERTY
@given(utility_spaces(), st.data())
def test_improvement_matches_brute_force(space: tuple[np.ndarray, np.ndarray, np.ndarray], data: st.DataObject) -> None:
    deal = data.draw(st.none() | st.integers(0, space[0].shape[1] - 1))
    check_improvement(space, deal)


@pytest.mark.parametrize("deal", [None, 0, 3, 7, 19])
@pytest.mark.parametrize("space", [0, 1])
def test_improvement_matches_brute_force_on_fixed_spaces(space: int, deal: int | None) -> None:
    check_improvement(FIXED[space], deal)


def check_improvement(space: tuple[np.ndarray, np.ndarray, np.ndarray], deal: int | None) -> None:
    u, r, forbidden = space
    a = analyze(u, r, forbidden)
    zone = brute_zone(u, r, forbidden)
    base = r if deal is None else u[:, deal]
    gain, package = improvement(a, deal)
    want_gain, want_package = brute_improvement(u, zone, base)
    assert gain == pytest.approx(want_gain, abs=EPS) and package == want_package
    if package is not None:  # a better package gives each side at least the gain
        assert min(u[0, package] - base[0], u[1, package] - base[1]) == pytest.approx(gain)
        assert gain > 0


def test_improvement_by_hand() -> None:
    u = np.array([[0.5, 0.7, 0.9, 0.6], [0.5, 0.6, 0.2, 0.6]])
    a = analyze(u, np.array([0.1, 0.1]), np.zeros((2, 4), dtype=bool))
    # From package 0 (0.5, 0.5), packages 1 and 3 each give both sides 0.1 more: the larger
    # sum wins (1.3 vs 1.2).
    assert improvement(a, 0) == (pytest.approx(0.1), 1)
    assert improvement(a, 1) == (0.0, None)  # Pareto-efficient
    assert improvement(a, None) == (pytest.approx(0.5), 1)  # from no deal: 0.7 - 0.1 and 0.6 - 0.1
    empty = analyze(u, np.array([0.95, 0.1]), np.zeros((2, 4), dtype=bool))
    assert improvement(empty, None) == (0.0, None)
    lone = analyze(u, np.array([0.8, 0.1]), np.zeros((2, 4), dtype=bool))  # only package 2 beats 0.8 for A
    assert list(lone.zone) == [2] and improvement(lone, None) == (pytest.approx(0.1), 2)


def test_point_and_nash_product_read_the_utilities() -> None:
    u = np.array([[0.5, 0.9], [0.8, 0.3]])
    a = analyze(u, np.array([0.2, 0.1]), np.zeros((2, 2), dtype=bool))
    assert a.outcomes == 2
    assert a.point(1) == (0.9, 0.3) and a.point(0) == (0.5, 0.8)
    assert a.nash_product(0) == pytest.approx(0.3 * 0.7) and a.nash_product(1) == pytest.approx(0.7 * 0.2)


def two_issue_rules() -> Rules:
    return Rules(scenario({"x": ["x0", "x1"], "y": ["y0", "y1"]},
                          {"a": {"x": [0.0, 1.0], "y": [0.0, 1.0]}, "b": {"x": [1.0, 0.0], "y": [1.0, 0.0]}},
                          {"a": {"x": 3.0, "y": 1.0}, "b": {"x": 1.0, "y": 3.0}}, {"a": 0.1, "b": 0.1}))


def test_analyze_rules_under_other_weights_and_reservations() -> None:
    rules = two_issue_rules()
    own = analyze_rules(rules)
    assert np.array_equal(own.utilities, rules.base_utilities)
    assert np.array_equal(own.reservation, rules.base_reservation)
    # Logrolling: A cares for x, B for y, so A takes x and B takes y (package x1-y0).
    assert rules.choice_of(own.nash) == {"x": "x1", "y": "y0"}
    # Under swapped priorities the trade goes the other way.
    swapped = np.array([[0.25, 0.75], [0.75, 0.25]])
    other = analyze_rules(rules, weights=swapped)
    for a in (0, 1):
        assert np.allclose(other.utilities[a], rules.utility_table(a, swapped[a]))
    assert rules.choice_of(other.nash) == {"x": "x0", "y": "y1"}
    # Other no-deal values cut the zone: at 0.8 each (the logroll gives each 0.75), nothing is left.
    tight = analyze_rules(rules, reservation=np.array([0.8, 0.8]))
    assert list(tight.reservation) == [0.8, 0.8] and len(tight.zone) == 0 and tight.nash is None
    # The win-sets are at the chance asked for.
    strict = analyze_rules(rules, pass_chance=0.999)
    assert strict.pass_chance == 0.999
    for a in (0, 1):
        assert list(strict.win_sets[a]) == list(np.flatnonzero(rules.ratification[a] >= 0.999))


# -- the frontier's edges ---------------------------------------------------------------------------

def test_an_empty_frontier_is_an_empty_index_array() -> None:
    front = pareto_front(np.zeros(0), np.zeros(0))
    assert front.shape == (0,) and front.dtype == np.int64
    assert np.arange(3)[front].tolist() == []


def test_equal_points_all_stay_on_the_frontier_in_package_order() -> None:
    # Sixty packages at two points, interleaved: none dominates another, so all are on the
    # frontier, by ascending utility of A and then by package index (a stable order).
    u = np.array([[0.2, 0.8] * 30, [0.8, 0.2] * 30])
    a = analyze(u, np.zeros(2), np.zeros((2, 60), dtype=bool))
    assert a.pareto.tolist() == list(range(0, 60, 2)) + list(range(1, 60, 2))
    assert pareto_front(u[0], u[1]).tolist() == a.pareto.tolist()


def test_equal_points_behind_a_better_one_for_a_are_kept_when_undominated() -> None:
    # Utilities of A: 0.9 (once), then 0.5 twice (the same point twice) and 0.5 worse for B.
    u0 = np.array([0.9, 0.5, 0.5, 0.5, 0.2])
    u1 = np.array([0.1, 0.6, 0.6, 0.4, 0.6])
    assert sorted(pareto_front(u0, u1).tolist()) == [0, 1, 2]
    assert pareto_front(u0, u1).tolist() == [1, 2, 0]  # ascending u0, then u1, then index


def test_utilities_and_reservations_are_held_as_floats_whatever_they_came_as() -> None:
    a = analyze([[2, 0, 1], [0, 2, 1]], [0, 0], np.zeros((2, 3), dtype=bool))
    assert a.utilities.dtype == np.float64 and a.reservation.dtype == np.float64
    assert a.nash == 2 and a.nash_product(2) == 1.0
