"""The ledger's own parts: what a snapshot holds, which changes a diff reports and how, what a
cause records (and for which game), how entries read in a log, and replaying them."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.batch import Batch
from game.engine.ledger import EPSILON, TRACKED, Cause, Change, Entry, Ledger, diff, replay, snapshot
from game.engine.rules import Rules

from .builders import scenario

ACTORS = ("buyer", "seller")
ISSUES = ["price", "delivery"]


def rules() -> Rules:
    return Rules(scenario(
        {"price": ["low", "high"], "delivery": ["fast", "slow"]},
        {"buyer": {"price": [1.0, 0.0], "delivery": [1.0, 0.0]},
         "seller": {"price": [0.0, 1.0], "delivery": [0.0, 1.0]}},
        {"buyer": {"price": 3.0, "delivery": 1.0}, "seller": {"price": 1.0, "delivery": 3.0}},
        {"buyer": 0.3, "seller": 0.2}))


def table(n: int = 2) -> Batch:
    r = rules()
    tapes = np.full((n, r.round_cap, len(r.event_ids) + 2), 0.999)
    return Batch(r, tapes, ledger=True)


def test_a_snapshot_copies_every_tracked_quantity_of_one_game() -> None:
    batch = table()
    batch.trust[:] = [0.25, 0.75]
    batch.reservation[1] = [0.4, 0.6]
    snap = snapshot(batch, 1)
    assert set(snap) == set(TRACKED)
    assert snap["trust"] == 0.75 and list(snap["no-deal value"]) == [0.4, 0.6]
    assert snap["weight"].shape == (2, 2) and snap["deadline"] == batch.deadline[1]
    assert all(v.dtype == np.float64 for v in snap.values())
    batch.reservation[1, 0] = 0.9  # a copy: later moves do not rewrite it
    assert snap["no-deal value"][0] == 0.4


def test_diff_reports_each_moved_quantity_with_its_side_and_issue() -> None:
    batch = table()
    before = snapshot(batch, 0)
    after = {name: value.copy() for name, value in before.items()}
    after["trust"] = np.array(0.6)
    after["no-deal value"][1] += 0.05
    after["weight"][0, 1] -= 0.1
    after["deadline"] = after["deadline"] + 2
    after["pressure"][0] += EPSILON / 2  # rounding, not news
    changes = diff(before, after)
    assert [c.what for c in changes] == ["trust", "no-deal value", "weight", "deadline"]  # TRACKED's order
    trust, reservation, weight, deadline = changes
    assert (trust.actor, trust.issue, trust.before, trust.after) == (None, None, 0.5, 0.6)
    assert (reservation.actor, reservation.issue) == (1, None)
    assert reservation.delta == pytest.approx(0.05) and reservation.before == pytest.approx(0.2)
    assert (weight.actor, weight.issue) == (0, 1) and weight.delta == pytest.approx(-0.1)
    assert deadline.delta == 2 and deadline.actor is None
    assert diff(before, before) == []


def test_a_change_just_above_epsilon_is_news_and_one_of_epsilon_is_not() -> None:
    before = snapshot(table(), 0)
    after = {name: value.copy() for name, value in before.items()}
    after["threshold"][0] += 2 * EPSILON
    before["pressure"][1], after["pressure"][1] = 0.0, EPSILON
    (change,) = diff(before, after)
    assert (change.what, change.actor) == ("threshold", 0)


def test_a_cause_records_game_zero_only_and_only_what_moved() -> None:
    batch = table()
    ledger = batch.ledger
    assert ledger is not None and ledger.entries == []
    batch.round[0] = 3
    cause = Cause("tactic", "ultimatum", 0)
    with ledger.cause(batch, np.array([1]), cause):  # game 0 is not among the games
        batch.trust[:] = 0.1
    assert ledger.entries == []
    with ledger.cause(batch, np.array([0, 1]), cause):
        pass  # nothing moved: no entry
    assert ledger.entries == []
    with ledger.cause(batch, np.array([1, 0]), cause):
        batch.trust[:] = 0.2
        batch.round[0] = 4  # the entry keeps the round in which the cause acted
    (entry,) = ledger.entries
    assert entry.round == 3 and entry.cause == cause
    assert entry.changes == [Change("trust", 0.1, 0.2)]


def test_the_batch_records_under_a_cause_only_with_a_ledger() -> None:
    batch = table()
    with batch.cause(np.array([0]), Cause("news", "storm")):
        batch.trust[0] = 0.3
    assert batch.ledger is not None and len(batch.ledger.entries) == 1
    plain = Batch(rules(), np.full((1, rules().round_cap, 2), 0.999))
    with plain.cause(np.array([0]), Cause("news", "storm")):
        plain.trust[0] = 0.3
    assert plain.ledger is None and plain.trust[0] == 0.3


def test_an_entry_reads_in_a_log_with_ids_and_six_decimals() -> None:
    entry = Entry(2, Cause("tactic", "ultimatum", 1), [
        Change("weight", 0.1234567, 0.2, actor=0, issue=1),
        Change("trust", 0.5, 0.4512344),
    ])
    assert entry.to_dict(ACTORS, ISSUES) == {
        "round": 2,
        "cause": {"kind": "tactic", "ref": "ultimatum", "actor": "seller"},
        "changes": [
            {"what": "weight", "actor": "buyer", "issue": "delivery", "before": 0.123457, "after": 0.2},
            {"what": "trust", "actor": None, "issue": None, "before": 0.5, "after": 0.451234},
        ],
    }
    news = Entry(1, Cause("news", "storm"))
    assert news.to_dict(ACTORS, ISSUES) == {"round": 1, "cause": {"kind": "news", "ref": "storm", "actor": None},
                                            "changes": []}
    assert Cause("news") == Cause("news", "", None)


def test_replay_applies_each_change_where_it_belongs_and_leaves_the_opening_alone() -> None:
    opening = snapshot(table(), 0)
    entries = [
        Entry(1, Cause("tactic", "t", 0), [Change("trust", 0.5, 0.4), Change("weight", 0.75, 0.7, actor=0, issue=0)]),
        Entry(2, Cause("news", "n"), [Change("no-deal value", 0.2, 0.35, actor=1), Change("trust", 0.4, 0.45)]),
    ]
    final = replay(opening, entries)
    assert final["trust"] == pytest.approx(0.45)
    assert final["weight"][0, 0] == pytest.approx(0.7) and final["weight"][0, 1] == opening["weight"][0, 1]
    assert final["weight"][1, 0] == opening["weight"][1, 0]
    assert list(final["no-deal value"]) == pytest.approx([0.3, 0.35])
    assert opening["trust"] == 0.5 and opening["weight"][0, 0] == 0.75  # untouched
    same = replay(opening, [])
    assert all(np.array_equal(same[k], opening[k]) and same[k] is not opening[k] for k in opening)


def test_a_fresh_ledger_is_empty_and_entries_are_its_own() -> None:
    one, two = Ledger(), Ledger()
    one.entries.append(Entry(1, Cause("news")))
    assert two.entries == [] and Entry(1, Cause("news")).changes is not Entry(1, Cause("news")).changes
