"""The opponent model piece by piece, on worked numbers: the weight hypotheses and their prior,
what an offer, a rejection, a line and a signal each teach, and the acceptance bar and chances
(the formulas the module docstring of :mod:`game.engine.beliefs` states)."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.beliefs import (
    ACCEPT_BIAS,
    ACCEPT_SCALE,
    DRIFT,
    INTEL_SHARPNESS,
    LATE,
    OPENING_BAR,
    SIGMA,
    SIGNAL_STRENGTH,
    Beliefs,
    weight_hypotheses,
    weight_prior,
)
from game.engine.rules import Rules

from .builders import scenario

G = np.array([0])


def rules(**extra: object) -> Rules:
    return Rules(scenario({"x": ["p", "q", "r"], "y": ["p", "q", "r"], "z": ["p", "q"]},
                          {"a": {"x": [1.0, 0.5, 0.0], "y": [1.0, 0.5, 0.0], "z": [1.0, 0.0]},
                           "b": {"x": [0.0, 0.5, 1.0], "y": [0.0, 0.5, 1.0], "z": [0.0, 1.0]}},
                          {"a": {"x": 1.0, "y": 1.0, "z": 1.0}, "b": {"x": 6.0, "y": 1.0, "z": 1.0}},
                          {"a": 0.3, "b": 0.3}, **extra))  # type: ignore[arg-type]


def logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


# -- hypotheses and prior -------------------------------------------------------------------------

def test_weight_hypotheses_rank_the_top_issues_three_two_one_and_a_half() -> None:
    assert weight_hypotheses(1).tolist() == [[1.0]]
    assert weight_hypotheses(2) == pytest.approx(np.array([[0.6, 0.4], [0.4, 0.6]]))
    three = weight_hypotheses(3)
    assert three.shape == (6, 3)
    assert three[0] == pytest.approx(np.array([3.0, 2.0, 1.5]) / 6.5)
    four = weight_hypotheses(4)
    assert four.shape == (24, 4) and np.allclose(four.sum(axis=1), 1.0)
    assert four[0] == pytest.approx(np.array([3.0, 2.0, 1.5, 1.0]) / 7.5)
    assert all(sorted(row) == pytest.approx(np.array([1.0, 1.5, 2.0, 3.0]) / 7.5) for row in four)
    assert len({tuple(row) for row in four.round(9)}) == 24  # every ordering once
    assert weight_hypotheses(5).shape == (60, 5)


def test_the_prior_is_flat_without_trusted_intelligence_and_peaked_as_far_as_it_is_trusted() -> None:
    h = weight_hypotheses(3)
    believed = h[4]
    assert weight_prior(h, None, 0.9).tolist() == [0.0] * 6
    assert weight_prior(h, believed, 0.0).tolist() == [0.0] * 6
    for confidence in (0.25, 1.0):
        prior = weight_prior(h, believed, confidence)
        closeness = -np.abs(h - believed).sum(axis=1)
        want = INTEL_SHARPNESS * confidence * closeness / np.ptp(closeness)
        assert prior == pytest.approx(want - want.max())
        assert prior.max() == 0.0 and int(np.argmax(prior)) == 4
        assert np.ptp(prior) == pytest.approx(INTEL_SHARPNESS * confidence)
    # One hypothesis: nothing to spread over, and no division by zero.
    assert weight_prior(weight_hypotheses(1), np.array([1.0]), 1.0).tolist() == [0.0]


def test_a_fresh_model_knows_only_the_intelligence_estimate() -> None:
    r = rules()
    b = Beliefs(r, 0, 1, 3)
    k = len(weight_hypotheses(3))
    assert (b.observer, b.target) == (0, 1)
    assert b.log_post.shape == (3, k) and not b.log_post.any()
    assert b.counts.shape == (3, 3, 3) and not b.counts.any() and not b.lines.any()
    assert b.offers_seen.tolist() == [0, 0, 0]
    assert np.isposinf(b.lowest).all() and np.isneginf(b.rejected).all() and b.lowest.shape == (3, k)
    assert np.array_equal(b.stance, r.intel[0].values) and b.reservation == r.intel[0].reservation


# -- what each move teaches -----------------------------------------------------------------------

def test_an_offer_is_read_as_a_high_opening_and_its_options_are_counted() -> None:
    r = rules()
    b = Beliefs(r, 0, 1, 2)
    package = np.array([r.package_of({"x": "r", "y": "p", "z": "q"})])
    u = b.utility_of(G, package)[0]
    assert u == pytest.approx(b.hypotheses @ np.array([1.0, 0.0, 1.0]))  # the stance: opposed to A's own values
    b.observe_offer(G, package)
    want = -(u - 0.95) ** 2 / (2 * SIGMA**2)
    assert b.log_post[0] == pytest.approx(want - want.max())
    assert not b.log_post[1].any() and b.offers_seen.tolist() == [1, 0]  # the other game saw nothing
    assert b.lowest[0] == pytest.approx(u)
    assert b.counts[0, :, :].tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    # Public words weigh more: the same offer with weight 2 moves the posterior twice as far.
    loud = Beliefs(r, 0, 1, 1)
    loud.observe_offer(G, package, weight=2.0)
    assert loud.log_post[0] == pytest.approx(2 * (want - want.max()))


def test_later_offers_are_expected_lower_down_to_a_floor() -> None:
    r = rules()
    b = Beliefs(r, 0, 1, 1)
    package = np.array([0])
    for seen in range(10):
        before = b.log_post[0].copy()
        u = b.utility_of(G, package)[0]
        b.observe_offer(G, package)
        expected = max(0.55, 0.95 - 0.05 * seen)
        step = before - (u - expected) ** 2 / (2 * SIGMA**2)
        assert b.log_post[0] == pytest.approx(step - step.max()), seen
    assert b.offers_seen[0] == 10 and b.counts[0, :, 0].tolist() == [10, 10, 10]


def test_values_blend_the_stance_with_how_often_an_option_was_asked_for() -> None:
    r = rules()
    b = Beliefs(r, 0, 1, 1)
    assert np.array_equal(b.estimated_values(G)[0], b.stance)
    b.counts[0, 0] = [3.0, 1.0, 0.0]
    assert np.array_equal(b.estimated_values(G)[0], b.stance)  # no offer seen yet: counts ignored
    b.offers_seen[0] = 4
    values = b.estimated_values(G)[0]
    assert values[0] == pytest.approx(0.5 * b.stance[0] + 0.5 * np.array([4.0, 2.0, 1.0]) / 4.0)
    assert values[1] == pytest.approx(0.5 * b.stance[1] + 0.5 * 1.0)  # nothing asked: every count ties


def test_a_line_makes_its_options_worth_nothing_as_far_as_it_is_believed() -> None:
    r = rules()
    b = Beliefs(r, 0, 1, 2)
    never = np.array([[False, True, True]])
    b.observe_line(G, np.array([1]), never, 0.6)
    assert b.lines[0, 1].tolist() == [0.0, 0.6, 0.6] and not b.lines[1].any()
    assert b.estimated_values(G)[0, 1] == pytest.approx(b.stance[1] * np.array([1.0, 0.4, 0.4]))
    b.observe_line(G, np.array([1]), never, 0.3)  # a less credible repeat does not undo it
    assert b.lines[0, 1].tolist() == [0.0, 0.6, 0.6]
    b.observe_line(G, np.array([1]), never, 1.0)
    assert b.lines[0, 1].tolist() == [0.0, 1.0, 1.0]


def test_a_rejection_raises_what_the_target_is_known_to_want() -> None:
    r = rules()
    b = Beliefs(r, 0, 1, 1)
    cheap, dear = np.array([r.package_of({"x": "p", "y": "p", "z": "p"})]), np.array([r.space.size - 1])
    b.observe_reject(G, dear)
    assert b.rejected[0] == pytest.approx(b.utility_of(G, dear)[0])
    b.observe_reject(G, cheap)  # a worse package rejected later lowers nothing
    assert b.rejected[0] == pytest.approx(b.utility_of(G, dear)[0])


def test_a_signal_moves_the_posterior_by_trust() -> None:
    r = rules()
    claimed = np.array([[3.0, 1.0, 1.0]])
    for trust in (0.0, 0.5, 1.0):
        b = Beliefs(r, 0, 1, 1)
        b.observe_signal(G, claimed, np.array([trust]))
        fit = (claimed / claimed.sum()) @ b.hypotheses.T
        want = SIGNAL_STRENGTH * trust * (fit[0] - fit[0].max())
        assert b.log_post[0] == pytest.approx(want - want.max())
    believed = Beliefs(r, 0, 1, 1)
    believed.observe_signal(G, claimed, np.array([1.0]))
    w = believed.expected_weights(G)[0]
    assert w[0] > w[1] and w[0] > w[2]
    silent = Beliefs(r, 0, 1, 1)
    silent.observe_signal(G, np.zeros((1, 3)), np.array([1.0]))  # an empty claim says nothing
    assert not silent.log_post.any()


# -- estimates -----------------------------------------------------------------------------------

def test_posterior_weights_and_utilities() -> None:
    r = rules()
    b = Beliefs(r, 0, 1, 1)
    b.log_post[0] = np.log(np.arange(1, 7, dtype=float))
    post = b.posterior(G)[0]
    assert post == pytest.approx(np.arange(1, 7) / 21)
    w = b.expected_weights(G)[0]
    assert w == pytest.approx(post @ b.hypotheses)
    values = b.estimated_values(G)[0]
    every = b.expected_utility(0)
    want = [sum(w[i] * values[i, d[i]] for i in range(3)) for d in r.digits]
    assert every == pytest.approx(want, abs=1e-12) and len(every) == r.space.size
    some = np.array([3, 0, 7])
    assert np.array_equal(b.expected_utility(0, some), every[some])
    assert b.utility_of(np.array([0, 0]), some[:2]) == pytest.approx(
        np.array([[values[i, r.digits[p, i]] for i in range(3)] for p in some[:2]]) @ b.hypotheses.T)


def test_the_bar_before_any_offer_falls_with_the_clock() -> None:
    b = Beliefs(rules(), 0, 1, 1)
    r = b.reservation
    for t in (0.0, 0.3, 1.0):
        assert b.bar(G, np.array([t]))[0] == pytest.approx(np.full(6, r + (OPENING_BAR - r) * (1 - t)))
    assert b.bar(G, np.array([1.7]))[0] == pytest.approx(np.full(6, r))  # time is clipped to the deadline
    assert b.bar(G, np.array([-0.5]))[0] == pytest.approx(np.full(6, OPENING_BAR))


def test_the_bar_after_offers_is_the_least_asked_less_the_expected_concession() -> None:
    b = Beliefs(rules(), 0, 1, 1)
    r = b.reservation
    lowest = np.array([0.9, 0.8, 0.7, 0.6, r, 0.2])
    b.lowest[0] = lowest
    for t in (0.0, 0.5, 1.0):
        give = min(1.0, DRIFT + LATE * t**2)
        want = np.maximum(lowest - np.maximum(lowest - r, 0.0) * give, r)
        assert b.bar(G, np.array([t]))[0] == pytest.approx(want), t
    # A package the target rejected was below its bar (less the model's spread).
    b.rejected[0] = 0.95
    assert b.bar(G, np.array([0.0]))[0] == pytest.approx(np.full(6, 0.95 - ACCEPT_SCALE))


def test_acceptance_chances_per_hypothesis_and_in_batch() -> None:
    r = rules()
    b = Beliefs(r, 0, 1, 2)
    b.log_post[0] = np.log(np.arange(1, 7, dtype=float))
    b.lowest[0] = np.linspace(0.5, 0.9, 6)
    packages = np.arange(r.space.size)
    one = b.accept_chance(0, packages, 0.4)
    u = b.utility_of(np.zeros(len(packages), dtype=np.int64), packages)
    bar = b.bar(G, np.array([0.4]))[0]
    post = b.posterior(G)[0]
    assert one == pytest.approx(logistic((u - bar - ACCEPT_BIAS) / ACCEPT_SCALE) @ post)
    many = b.accept_chances(np.array([0, 1]), np.stack([packages, packages]), np.array([0.4, 0.9]))
    assert many.shape == (2, r.space.size)
    mean_u = b.expected_utility(0)
    mean_bar = float(post @ bar)
    assert many[0] == pytest.approx(logistic((mean_u - mean_bar - ACCEPT_BIAS) / ACCEPT_SCALE))
    other_bar = float(b.posterior(np.array([1]))[0] @ b.bar(np.array([1]), np.array([0.9]))[0])
    assert many[1] == pytest.approx(logistic((b.expected_utility(1) - other_bar - ACCEPT_BIAS) / ACCEPT_SCALE))
    # The best package for the target is the likeliest to be taken.
    assert int(np.argmax(many[0])) == int(np.argmax(mean_u))
