"""The balance report covers crises: how often each breaks, which answer the computer gives, and
the agreement rate that follows, counted exactly from the games played."""

from __future__ import annotations

import numpy as np
from engine.builders import cite, scenario

from game.authoring.balance import balance
from game.authoring.balance_output import balance_json, balance_text
from game.authoring.crises import crisis_stats
from game.authoring.games import play_pairings
from game.engine import Rules, analyze_rules
from game.engine.batch import Status, draw_tapes
from game.engine.simulate import play_block

SHARES = [f"s{k}" for k in range(11)]
CRISIS = {"side": "b", "prompt": "How does B answer the attack?", "responses": [
    {"id": "condemn", "label": "Condemn in public", "description": "Say it loudly.",
     "effects": {"trust": -0.1, "threshold": {"b": -0.05}}},
    {"id": "quiet", "label": "Demand action in private", "description": "A quiet word.",
     "effects": {"trust": 0.05, "reservation": {"b": -0.02}}},
]}


def rules(probability: float) -> Rules:
    tenths = [k / 10 for k in range(11)]
    event = {"id": "attack", "headline": "An attack at the border", "text": "Soldiers die.",
             "probability": probability, "earliest_round": 2, "effects": {"reservation": {"a": -0.05}},
             "citations": [cite()], "crisis": CRISIS}
    return Rules(scenario({"share": SHARES}, {"a": {"share": tenths}, "b": {"share": [1 - x for x in tenths]}},
                          {"a": {"share": 1.0}, "b": {"share": 1.0}}, {"a": 0.1, "b": 0.1}, events=[event]))


def test_crisis_counts_match_the_games_played() -> None:
    r = rules(0.5)
    pair = ("linear", "boulware")
    (played,) = play_pairings(r, [pair], 200)
    batch = play_block(r, draw_tapes(r, np.random.default_rng(0), 200), (("linear", "normal"), ("boulware", "normal")))
    broke = batch.fired[:, 0] > 0
    dealt = batch.status == Status.DEAL
    (stats,) = crisis_stats(r, (played,))
    assert 0 < stats.broke < 200 and stats.broke == int(broke.sum())
    assert stats.agreement_when_broke == (dealt & broke).sum() / broke.sum()
    assert stats.agreement_otherwise == (dealt & ~broke).sum() / (~broke).sum()
    # Every game the crisis broke in that did not end before b's turn got exactly one answer.
    answered = batch.answered.sum(axis=1)
    assert set(np.unique(answered)) <= {0, 1} and answered.sum() == sum(a.given for a in stats.answers)
    assert sum(a.chosen for a in stats.answers) == answered.sum() / broke.sum()


def test_the_report_shows_each_answer_in_text_and_json() -> None:
    r = rules(1.0)
    report = balance(r, analyze_rules(r), games=64)
    data = balance_json(r, analyze_rules(r), report)["simulation"]["crises"]
    assert [c["event"] for c in data] == ["attack"] and data[0]["side"] == "b"
    assert [a["id"] for a in data[0]["answers"]] == ["condemn", "quiet"]
    assert data[0]["broke_rate"] > 0.9
    text = balance_text(r, analyze_rules(r), report)
    assert f"An attack at the border (hits {r.scenario.actor('b').label})" in text
    assert "Demand action in private: chosen in" in text


def test_a_crisis_that_never_breaks_is_flagged() -> None:
    r = rules(0.0)
    report = balance(r, analyze_rules(r), games=32)
    assert "It never broke" in balance_text(r, analyze_rules(r), report)


def test_no_placeholder_is_left_unfilled_in_the_report() -> None:
    """Every number in the advice is filled in (a missing f once printed '{side.threshold:.2f}')."""
    r = rules(1.0)
    text = balance_text(r, analyze_rules(r), balance(r, analyze_rules(r), games=32))
    assert "threshold (now 0.00)" in text
    assert "{" not in text and "}" not in text
