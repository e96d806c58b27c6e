"""Difficulty means something, and stubbornness does not pay, on every bundled scenario and side.

Computer against computer on fixed seeds (the same tapes for every level), so that the
comparisons are between levels, not between draws of luck:

* against each fixed player strategy (boulware, linear, conceder, hardliner, tit-for-tat),
  the adaptive opponent's mean gain over its no-deal value does not fall from easy to
  normal to hard (within :data:`NOISE`);
* the reference players hardliner and bully gain less over their no-deal value than linear
  against adaptive/hard, and the computer walks out on them.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from game.engine.rules import Rules
from game.engine.simulate import simulate
from game.scenario import bundled_paths, load_or_raise

GAMES = 300
#: Mean gains of 300 games on shared tapes differ by sampling noise of about this much.
NOISE = 0.01
PLAYERS = ("boulware", "linear", "conceder", "hardliner", "tit-for-tat")
CASES = [(path, side) for path in bundled_paths() for side in (0, 1)]


@cache
def rules_of(name: str) -> Rules:
    return Rules(load_or_raise(next(p for p in bundled_paths() if p.name == name)))


@cache
def summary(name: str, side: int, player: str, opponent: str, level: str) -> dict[str, float]:
    seats = [("", ""), ("", "")]
    seats[side], seats[1 - side] = (player, "normal"), (opponent, level)
    return simulate(rules_of(name), GAMES, (seats[0], seats[1]), seed=11).summary()


@pytest.mark.parametrize(("path", "side"), CASES, ids=lambda x: getattr(x, "stem", str(x)))
def test_the_opponent_does_no_worse_as_it_gets_harder(path: object, side: int) -> None:
    name = path.name  # type: ignore[attr-defined]
    other = 1 - side
    falls = []
    for player in PLAYERS:
        gains = [summary(name, side, player, "adaptive", level)[f"mean_gain_{other}"] for level in
                 ("easy", "normal", "hard")]
        if not (gains[0] <= gains[1] + NOISE and gains[1] <= gains[2] + NOISE):
            falls.append(f"{player}: easy {gains[0]:+.3f}, normal {gains[1]:+.3f}, hard {gains[2]:+.3f}")
    assert not falls, "the opponent's gain fell with difficulty:\n" + "\n".join(falls)


@pytest.mark.parametrize(("path", "side"), CASES, ids=lambda x: getattr(x, "stem", str(x)))
def test_stubbornness_does_not_pay_and_ends_in_walk_outs(path: object, side: int) -> None:
    name = path.name  # type: ignore[attr-defined]
    linear = summary(name, side, "linear", "adaptive", "hard")[f"mean_gain_{side}"]
    walked = []
    for player in ("hardliner", "bully"):
        result = summary(name, side, player, "adaptive", "hard")
        assert result[f"mean_gain_{side}"] < linear, f"{player} gained {result[f'mean_gain_{side}']:+.3f}, " \
                                                     f"linear {linear:+.3f}"
        walked.append(result[f"walkaway_rate_{1 - side}"])
    assert np.mean(walked) > 0.2, f"the computer walked out on the hardliner and the bully too rarely: {walked}"
