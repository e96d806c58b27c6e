"""A quote not in its seed gets the closest passage and the words that differ (game/scenario/quotes.py)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sizing import examples

from game.scenario.quotes import closest, differences, hint

ROOT = Path(__file__).resolve().parents[2]
SPY_CHIEFS_SEED = (ROOT / "seeds" / "000_563488b2d8a233a7.txt").read_text(encoding="utf-8")
PROPERTY = settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Distinct, dissimilar words (as in an article), so the passage a quote came from is the only
# one that can match it best: strings like "aab" and "aac" would let a neighbouring window tie.
_WORDS = (
    "treaty border drones militants pipeline quota tariff envoy summit ceasefire sanctions embargo "
    "minister parliament army public congress budget loans reform energy climate textiles grain "
    "harbour railway visa refugees monitors inspections uranium reactor satellite frontier garrison "
    "convoy supply corridor waiver amnesty tribunal prisoners hostages observers mandate charter "
    "accord protocol memorandum agenda deadline ratify veto lobby caucus senate cabinet premier "
    "general colonel admiral diplomat attache consul embassy mission delegation broker mediator "
    "arbiter donor creditor lender debtor exporter importer farmer miner welder teacher nurse "
    "judge clerk auditor census ballot quorum rally strike boycott duties levy subsidy "
    "rebate credit bond yield dollar rupee market bazaar copper cotton wheat rice sugar tea"
)
VOCABULARY = _WORDS.split()
words = st.permutations(VOCABULARY).map(list).flatmap(
    lambda shuffled: st.integers(12, 120).map(lambda n: shuffled[:n]))


@st.composite
def near_misses(draw: st.DrawFn) -> tuple[str, list[str], int, int, int, str]:
    """A seed of distinct words over several lines, a slice of it, and one word of the slice replaced."""
    seed = draw(words)
    length = draw(st.integers(5, min(14, len(seed) - 2)))
    start = draw(st.integers(0, len(seed) - length))
    per_line = draw(st.integers(3, 12))
    text = "\n".join(" ".join(seed[i : i + per_line]) for i in range(0, len(seed), per_line)) + "\n"
    k = draw(st.integers(1, length - 2))  # inside the slice, so both its ends still anchor it
    new = draw(st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True))  # capitalised: never a seed word
    return text, seed, start, length, k, new


@PROPERTY
@given(case=near_misses())
def test_a_changed_word_finds_its_passage_and_names_the_change(case: tuple[str, list[str], int, int, int, str]) -> None:
    text, seed, start, length, k, new = case
    original = seed[start : start + length]
    quote = " ".join([*original[:k], new, *original[k + 1 :]])
    passage = closest(text, quote)
    assert passage is not None and list(passage.words) == original
    per_line = len(text.split("\n", 1)[0].split())
    assert passage.line == start // per_line + 1
    assert differences(quote, passage) == [f"the seed has “{original[k]}” where the quote has “{new}”"]


@PROPERTY
@given(case=near_misses())
def test_a_dropped_word_is_named(case: tuple[str, list[str], int, int, int, str]) -> None:
    text, seed, start, length, k, _ = case
    original = seed[start : start + length]
    quote = " ".join(original[:k] + original[k + 1 :])
    passage = closest(text, quote)
    assert passage is not None and list(passage.words) == original
    assert differences(quote, passage) == [f"the quote leaves out “{original[k]}”"]


def test_the_bundled_near_miss_a_paraphrased_verb() -> None:
    quote = "Both sides strongly disagree on U.S. drone strikes in Pakistan"
    assert hint(SPY_CHIEFS_SEED, quote) == (
        "the closest passage (line 6) reads “Both sides strongly differ on U.S. drone strikes in Pakistan”: "
        "the seed has “differ” where the quote has “disagree”"
    )


def test_a_dropped_hedge_is_shown() -> None:
    """The analyst's "will have to" is not "will": the hint shows the words the author cut."""
    found = hint(SPY_CHIEFS_SEED, "the United States will take unilateral action")
    assert found is not None and "the quote leaves out “have to”" in found


def test_a_quote_ending_inside_a_word_of_the_seed_is_cut_there() -> None:
    """The seed's "half," holds the quote's "half": the passage shown ends where the quote may."""
    passage = closest("They want the tariff cut in half, not by a quarter.\n", "the tariff cut by half")
    assert passage is not None and passage.text == "the tariff cut in half"


def test_quote_marks_and_dashes_are_called_so() -> None:
    passage = closest("It was “within reach” - they said.\n", 'was "within reach"')
    assert passage is not None
    assert differences('was "within reach"', passage) == [
        "the seed has ““within reach”” (other quote marks or dashes) where the quote has “\"within reach\"”"
    ]


def test_text_from_elsewhere_has_no_close_passage() -> None:
    assert closest(SPY_CHIEFS_SEED, "The cat sat on the mat and purred loudly all afternoon long") is None
    assert hint(SPY_CHIEFS_SEED, "The cat sat on the mat and purred loudly all afternoon long") is None
    assert closest("", "anything at all here") is None
