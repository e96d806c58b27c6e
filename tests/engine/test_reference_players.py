"""The reference players and the time-dependent family, move by move: the hardliner asks for its
best and plays no tactic; the bully presses with its first pressure tactic still unused (never a
gesture, never the other side's, never two in a turn) and proposes across the other side's lines."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.batch import Batch, draw_tapes
from game.engine.rules import Rules
from game.engine.strategies import Bully, Hardliner, TimeDependent, Why, make_strategy
from game.engine.strategies.concession import EXPONENT

from .builders import cite, scenario

SHARES = [f"s{k}" for k in range(11)]


def tactic(tid: str, kind: str, uses: int = 1) -> dict:
    return {"id": tid, "kind": kind, "label": tid, "description": "A move.", "effects": {"trust": -0.05},
            "max_uses": uses, "citation": cite()}


def pie(tactics_a: list[dict] | None = None, tactics_b: list[dict] | None = None, **extra: object) -> Rules:
    tenths = [k / 10 for k in range(11)]
    actor_extra = {"a": {"tactics": tactics_a or []}, "b": {"tactics": tactics_b or []}}
    return Rules(scenario({"share": SHARES}, {"a": {"share": tenths}, "b": {"share": [1 - x for x in tenths]}},
                          {"a": {"share": 1.0}, "b": {"share": 1.0}}, {"a": 0.1, "b": 0.1},
                          actor_extra=actor_extra, **extra))  # type: ignore[arg-type]


def games(rules: Rules, n: int, actor: int = 0) -> Batch:
    batch = Batch(rules, draw_tapes(rules, np.random.default_rng(0), n))
    batch.turn[:] = actor
    return batch


def test_the_bully_picks_its_first_pressure_tactic_with_uses_left() -> None:
    rules = pie(tactics_a=[tactic("smile", "gesture", 5), tactic("threat", "pressure", 1),
                           tactic("ultimatum", "pressure", 2)],
                tactics_b=[tactic("their-threat", "pressure", 5)])
    batch = games(rules, 4)
    g = np.arange(4)
    bully = Bully(rules, 0, 4)
    batch.tactic_uses[1, 1] = 1  # game 1: the threat is used up, the ultimatum is next
    batch.tactic_uses[2, 1:3] = [1, 2]  # game 2: every pressure tactic is used up
    batch.tactic_this_turn[3] = True  # game 3: it has played a tactic this turn already
    chosen, why = bully.pick_tactic(batch, g)
    assert [rules.tactic_ids[t] if t >= 0 else None for t in chosen] == ["threat", "ultimatum", None, None]
    assert list(why) == [Why.PRESSURE, Why.PRESSURE, -1, -1]


def test_the_other_side_s_bully_presses_with_its_own_tactics_only() -> None:
    rules = pie(tactics_a=[tactic("threat", "pressure", 3)], tactics_b=[tactic("their-threat", "pressure", 3)])
    chosen, why = Bully(rules, 1, 1).pick_tactic(games(rules, 1, actor=1), np.array([0]))
    assert rules.tactic_ids[int(chosen[0])] == "their-threat" and why[0] == Why.PRESSURE


def test_a_bully_without_pressure_tactics_plays_none() -> None:
    for rules in (pie(), pie(tactics_a=[tactic("smile", "gesture", 5)])):
        chosen, why = Bully(rules, 0, 2).pick_tactic(games(rules, 2), np.arange(2))
        assert list(chosen) == [-1, -1] and list(why) == [-1, -1]


def test_the_hardliner_plays_no_tactic_and_asks_for_its_best() -> None:
    rules = pie(tactics_a=[tactic("threat", "pressure", 3)])
    hard = Hardliner(rules, 0, 2)
    chosen, why = hard.pick_tactic(games(rules, 2), np.arange(2))
    assert list(chosen) == [-1, -1] and list(why) == [-1, -1]
    pmin, pmax = np.array([0.2, 0.3]), np.array([0.9, 1.0])
    assert list(hard.targets(games(rules, 2), np.arange(2), pmin, pmax)) == [0.9, 1.0]
    assert hard.governs is False and hard.name == "hardliner" and Bully.name == "bully"


def test_the_bully_proposes_across_the_other_side_s_red_lines_and_the_hardliner_does_not() -> None:
    lines = {"b": [{"issue": "share", "options": ["s10", "s9"], "rationale": "Too much.", "citation": cite()}]}
    rules = pie(red_lines=lines)
    crossing = rules.forbidden[1]
    bully, hard = Bully(rules, 0, 1), Hardliner(rules, 0, 1)
    assert bully.candidates.respect_theirs is False and hard.candidates.respect_theirs is True
    assert crossing[bully.candidates.mask(0.0)].any()
    assert not crossing[hard.candidates.mask(0.0)].any()


@pytest.mark.parametrize("name", sorted(EXPONENT))
def test_the_time_dependent_family_takes_its_exponent_by_name(name: str) -> None:
    rules = pie()
    strategy = make_strategy(name, rules, 0, 1)
    assert isinstance(strategy, TimeDependent) and strategy.name == name and strategy.e == EXPONENT[name]
    assert EXPONENT == {"boulware": 0.2, "linear": 1.0, "conceder": 2.0}


def test_a_time_dependent_side_is_linear_and_normal_unless_told() -> None:
    plain = TimeDependent(pie(), 0, 1)
    assert (plain.name, plain.e, plain.difficulty) == ("linear", 1.0, "normal")
    assert Hardliner(pie(), 1, 1).difficulty == "normal"
