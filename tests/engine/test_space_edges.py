"""The outcome space at its edges: empty and one-option issues, options beyond a byte, one
package or many, weights that sum to zero, and the one strict definition of "beats no deal"."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sizing import examples

from game.engine.space import DECIMALS, EXACT_LIMIT, OutcomeSpace, beats_no_deal, forbidden_mask, utilities


@pytest.mark.parametrize("radices", [(), (3, 0), (0,), (2, -1)])
def test_every_issue_needs_an_option(radices: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match=r"^every issue needs at least one option$"):
        OutcomeSpace(radices)


def test_a_one_option_issue_and_the_limit_itself_are_fine() -> None:
    one = OutcomeSpace((1,))
    assert (one.size, one.issues) == (1, 1) and one.digits().tolist() == [[0]]
    assert OutcomeSpace((EXACT_LIMIT,)).size == EXACT_LIMIT
    with pytest.raises(ValueError, match=r"5,000,001 packages is more than the 5,000,000"):
        OutcomeSpace((EXACT_LIMIT + 1,))


def test_size_issues_and_strides() -> None:
    space = OutcomeSpace((4, 3, 2))
    assert (space.size, space.issues) == (24, 3)
    assert space.strides.tolist() == [6, 2, 1] and space.strides.dtype == np.int64


@pytest.mark.parametrize("radices", [(200,), (3, 300), (128, 2)])
def test_options_beyond_a_byte_keep_their_digits(radices: tuple[int, ...]) -> None:
    space = OutcomeSpace(radices)
    every = space.digits()
    assert every.shape == (space.size, len(radices))
    assert every.max(axis=0).tolist() == [r - 1 for r in radices]
    assert np.array_equal(space.digits(np.arange(space.size)), every)
    last = space.digits(np.array([space.size - 1]))
    assert last.tolist() == [[r - 1 for r in radices]]
    assert space.index(every).tolist() == list(range(space.size))


def test_digits_are_held_in_the_smallest_integers_that_fit() -> None:
    # The digit table of a five-million-package space is read by every move: one byte per digit.
    small, wide = OutcomeSpace((3, 127)), OutcomeSpace((3, 200))
    assert small.digits().dtype == np.int8 and small.digits(np.array([0, 5])).dtype == np.int8
    assert wide.digits().dtype == np.int16 and wide.digits(np.array([0, 5])).dtype == np.int16


def test_one_row_gives_one_index_and_many_rows_an_array() -> None:
    space = OutcomeSpace((3, 4))
    assert space.index([2, 1]) == 9 and isinstance(space.index([2, 1]), int)
    assert space.index(np.array([[0, 0], [1, 3]])).tolist() == [0, 7]


@settings(max_examples=examples(30), deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=4), st.data())
def test_utilities_normalise_the_weights(radices: list[int], data: st.DataObject) -> None:
    space = OutcomeSpace(tuple(radices))
    values = [np.array(data.draw(st.lists(st.integers(0, 10).map(lambda k: k / 10), min_size=r, max_size=r)))
              for r in radices]
    raw = np.array(data.draw(st.lists(st.integers(0, 4).map(float), min_size=len(radices), max_size=len(radices))))
    got = utilities(space.digits(), values, raw)
    w = raw / raw.sum() if raw.sum() > 0 else np.full(len(radices), 1 / len(radices))
    want = [sum(w[i] * values[i][d] for i, d in enumerate(row)) for row in space.digits()]
    assert got == pytest.approx(want, abs=1e-12)
    assert np.array_equal(utilities(space.digits(), values, 3 * raw), got)  # scale-free


def test_zero_weights_count_every_issue_equally_and_sums_are_rounded() -> None:
    digits = OutcomeSpace((2, 2)).digits()
    got = utilities(digits, [np.array([0.0, 1.0]), np.array([0.0, 0.5])], np.zeros(2))
    assert got.tolist() == [0.0, 0.25, 0.5, 0.75]
    # Weights given as whole numbers (an author's 0s and 3s) are weights all the same.
    assert utilities(digits, [np.array([0.0, 1.0]), np.array([0.0, 0.5])], [0, 0]).tolist() == got.tolist()
    assert utilities(digits, [np.array([0.0, 1.0]), np.array([0.0, 0.5])], np.array([3, 1])).tolist() == [
        0.0, 0.125, 0.75, 0.875]
    third = utilities(OutcomeSpace((1, 1, 1)).digits(), [np.array([0.1]), np.array([0.2]), np.array([0.3])],
                      np.ones(3))
    assert third[0] == round(0.6 / 3, DECIMALS) == 0.2


def test_forbidden_mask_skips_issues_with_nothing_barred() -> None:
    digits = OutcomeSpace((2, 3)).digits()
    assert not forbidden_mask(digits, {0: [], 1: []}).any()
    assert forbidden_mask(digits, {0: [], 1: [2]}).tolist() == [False, False, True, False, False, True]
    assert forbidden_mask(digits, {0: [1], 1: [0]}).tolist() == [True, False, False, True, True, True]


def test_beats_no_deal_is_strict_at_the_engine_s_rounding() -> None:
    assert beats_no_deal(0.5, 0.4) and not beats_no_deal(0.4, 0.4) and not beats_no_deal(0.3, 0.4)
    assert not beats_no_deal(0.1 + 0.2, 0.3)  # equal on paper
    assert beats_no_deal(0.3 + 10 ** -(DECIMALS - 1), 0.3)
    assert beats_no_deal(np.array([0.2, 0.4, 0.6]), 0.4).tolist() == [False, False, True]
    assert beats_no_deal(0.5, np.array([0.4, 0.5, 0.6])).tolist() == [True, False, False]
