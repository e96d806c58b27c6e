"""Computer opponents: selectable by name, bound by red lines, explaining themselves, and each
behaving as its docstring says (concession curves, tit-for-tat mirroring, learning)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from game.engine import DIFFICULTIES, STRATEGIES, Game, Move, Rules, Seat
from game.engine.batch import Batch, Kind, draw_tapes
from game.engine.beliefs import Beliefs
from game.engine.narrate import reason
from game.engine.strategies import Adaptive, TimeDependent, TitForTat, Why, make_strategy
from game.scenario import bundled_paths, load_or_raise

from .builders import cite, scenario

ALL_SEATS = [(name, level) for name in STRATEGIES for level in DIFFICULTIES]

LOGROLL = dict(
    options={"price": ["low", "mid", "high"], "delivery": ["fast", "normal", "slow"]},
    values={"buyer": {"price": [1.0, 0.5, 0.0], "delivery": [1.0, 0.5, 0.0]},
            "seller": {"price": [0.0, 0.5, 1.0], "delivery": [0.0, 0.5, 1.0]}},
    weights={"buyer": {"price": 3.0, "delivery": 1.0}, "seller": {"price": 1.0, "delivery": 3.0}},
    reservation={"buyer": 0.1, "seller": 0.1},
)


def logroll(**extra: object) -> Rules:
    return Rules(scenario(**LOGROLL, **extra))  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "kind"), [
    ("boulware", TimeDependent), ("linear", TimeDependent), ("conceder", TimeDependent),
    ("tit-for-tat", TitForTat), ("adaptive", Adaptive),
])
def test_make_strategy_by_name(name: str, kind: type) -> None:
    assert set(STRATEGIES) == {"boulware", "linear", "conceder", "tit-for-tat", "adaptive"}
    rules = logroll()
    for level in DIFFICULTIES:
        strategy = make_strategy(name, rules, 1, 4, level)
        assert isinstance(strategy, kind)
        assert (strategy.name, strategy.difficulty, strategy.actor, strategy.n) == (name, level, 1, 4)


def test_make_strategy_refuses_unknown_names() -> None:
    rules = logroll()
    with pytest.raises(ValueError, match="unknown strategy 'random'; choose one of boulware"):
        make_strategy("random", rules, 0)
    with pytest.raises(ValueError, match="unknown difficulty 'extreme'; choose one of easy, normal, hard"):
        make_strategy("linear", rules, 0, difficulty="extreme")


# -- red lines ---------------------------------------------------------------------------------

def tempting() -> Rules:
    """Each side's favourite options are behind its own red lines, and the other side's too."""
    red = {
        "buyer": [{"issue": "price", "options": ["low"], "rationale": "Never.", "citation": cite()}],
        "seller": [{"issue": "delivery", "options": ["slow"], "rationale": "Never.", "citation": cite()},
                   {"issue": "price", "options": ["mid"], "rationale": "Never.", "citation": cite()}],
    }
    return logroll(red_lines=red)


def scrambled_table(rules: Rules, actor: int, n: int, seed: int) -> Batch:
    """``n`` games at random points of the talks, all with ``actor`` to move."""
    rng = np.random.default_rng(seed)
    batch = Batch(rules, draw_tapes(rules, rng, n))
    batch.round[:] = rng.integers(1, rules.rounds + 1, n)
    batch.half[:] = rng.integers(0, 2, n)
    batch.turn[:] = actor
    batch.trust[:] = rng.random(n)
    batch.offer[:, 1 - actor] = rng.integers(-1, rules.space.size, n)
    batch.offer[:, actor] = rng.integers(-1, rules.space.size, n)
    return batch


@pytest.mark.parametrize(("name", "level"), ALL_SEATS)
def test_strategies_respect_red_lines(name: str, level: str) -> None:
    rules = tempting()
    for actor in (0, 1):
        batch = scrambled_table(rules, actor, 200, seed=actor)
        strategy = make_strategy(name, rules, actor, batch.n, level)
        g = np.arange(batch.n)
        d = strategy.decide(batch, g)
        proposed = d.package[d.kind == Kind.PROPOSE]
        accepted = batch.offer[g[d.kind == Kind.ACCEPT], 1 - actor]
        assert len(proposed), "no proposals to check"
        assert not rules.forbidden[actor, proposed].any(), "proposed across its own red line"
        assert not rules.forbidden[actor, accepted].any(), "accepted across its own red line"
        # Packages that respect both sides' red lines exist here, so none crosses the other's.
        assert not rules.forbidden[1 - actor, proposed].any(), "proposed across the other side's red line"


def test_a_side_proposes_across_the_other_red_lines_only_when_nothing_else_is_left() -> None:
    red = {
        "buyer": [{"issue": "price", "options": ["mid", "high"], "rationale": "No.", "citation": cite()}],
        "seller": [{"issue": "price", "options": ["low"], "rationale": "No.", "citation": cite()}],
    }
    rules = logroll(red_lines=red)
    batch = scrambled_table(rules, 0, 50, seed=3)
    d = make_strategy("linear", rules, 0, batch.n).decide(batch, np.arange(batch.n))
    proposed = d.package[d.kind == Kind.PROPOSE]
    assert len(proposed) and not rules.forbidden[0, proposed].any()
    assert rules.forbidden[1, proposed].all()  # every package the buyer may propose crosses the seller's


# -- concession curves ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "turn", "e"), [
    ("boulware", 5, 0.2), ("linear", 5, 1.0), ("conceder", 5, 2.0),
    ("boulware", 0, 0.2), ("conceder", 11, 2.0), ("linear", 11, 1.0),
])
def test_time_dependent_targets(name: str, turn: int, e: float) -> None:
    # p(t) = Pmin + (Pmax - Pmin) * (1 - t^(1/e)). Six rounds are 12 turns, numbered 0..11,
    # and t = turn / 11 (0 on the first turn, 1 on the last). Patience 1 and no initial
    # pressure: nothing pulls the clock forward; trust 0.5 and "normal" make the exponent
    # scale 1.0 * (0.6 + 0.8 * 0.5) = 1, so the curve is the textbook one. Pmin is the
    # reservation 0.1 plus the "normal" margin 0.02; Pmax is the seller's best, 1.0.
    rules = logroll()
    batch = Batch(rules, draw_tapes(rules, np.random.default_rng(0), 1))
    batch.round[0], batch.half[0] = turn // 2 + 1, turn % 2
    batch.turn[0] = 1
    d = make_strategy(name, rules, 1, 1).decide(batch, np.array([0]))
    pmin, pmax, t = 0.12, 1.0, turn / 11
    assert d.target[0] == pytest.approx(pmin + (pmax - pmin) * (1 - t ** (1 / e)))
    assert d.kind[0] == Kind.PROPOSE
    assert rules.base_utilities[1, d.package[0]] >= d.target[0] - 1e-12


def test_boulware_holds_out_longer_than_linear_than_conceder() -> None:
    rules = logroll()
    batch = Batch(rules, draw_tapes(rules, np.random.default_rng(0), 12))
    batch.round[:], batch.half[:] = np.arange(12) // 2 + 1, np.arange(12) % 2
    batch.turn[:] = 1
    g = np.arange(12)
    targets = [make_strategy(n, rules, 1, 12).decide(batch, g).target for n in ("boulware", "linear", "conceder")]
    assert (targets[0] >= targets[1]).all() and (targets[1] >= targets[2]).all()
    assert (targets[0][1:-1] > targets[1][1:-1]).all() and (targets[1][1:-1] > targets[2][1:-1]).all()
    assert all((np.diff(t) <= 1e-12).all() for t in targets), "a target rose with time"


# -- tit-for-tat -------------------------------------------------------------------------------

def test_tit_for_tat_mirrors_concessions() -> None:
    # The seller's utility of the buyer's offers (see test_known_answers.test_logrolling_two_issues):
    # low/fast 0, mid/fast 0.125, low/normal 0.375. Tit-for-tat starts at its best (1.0) and
    # gives back, in its own utility, what each of the buyer's moves gave it.
    game = Game(scenario(**LOGROLL))  # type: ignore[arg-type]
    state = game.new_state(0, {"buyer": Seat(), "seller": Seat("tit-for-tat")})
    tft = state.strategies[1]
    g = np.array([0])

    def offer(price: str, delivery: str) -> float:
        state.apply(Move("buyer", "propose", package={"price": price, "delivery": delivery}))
        return float(tft.decide(state.batch, g).target[0])

    assert offer("low", "fast") == pytest.approx(1.0)  # a first offer concedes nothing
    state.advance()
    assert offer("mid", "fast") == pytest.approx(1.0 - 0.125)  # the buyer gave 0.125
    state.advance()
    assert offer("low", "normal") == pytest.approx(1.0 - 0.375)  # and then 0.25 more
    state.advance()
    assert offer("low", "fast") == pytest.approx(1.0)  # a retraction takes it all back
    state.advance()
    # Each reply is the seller's cheapest package at its target: 1.0, 0.875, 0.625, 1.0.
    replies = [(r.move.package or {}) for r in state.history if r.move.actor == "seller"]
    assert [(p["price"], p["delivery"]) for p in replies] == [
        ("high", "slow"), ("mid", "slow"), ("high", "normal"), ("high", "slow")]


def test_tit_for_tat_scales_with_difficulty() -> None:
    # "hard" mirrors 0.6 of each concession, "easy" twice it.
    rules = logroll()
    for level, scale in (("hard", 0.6), ("easy", 2.0)):
        state = Game(rules.scenario).new_state(0, {"buyer": Seat(), "seller": Seat("tit-for-tat", level)})
        state.apply(Move("buyer", "propose", package={"price": "low", "delivery": "fast"}))
        state.advance()
        state.apply(Move("buyer", "propose", package={"price": "mid", "delivery": "fast"}))
        target = state.strategies[1].decide(state.batch, np.array([0])).target[0]
        assert target == pytest.approx(1.0 - 0.125 * scale)


# -- the adaptive model ----------------------------------------------------------------------

@pytest.mark.parametrize("top", range(4))
def test_posterior_moves_toward_the_true_weights(top: int) -> None:
    """Fed the offers a side really makes (conceding from its best, least-valued issues
    first), an uninformed model ends closer to that side's weights than it started."""
    issues = {f"issue-{k}": ["x", "y", "z"] for k in range(4)}
    weights = {f"issue-{k}": 8.0 if k == top else [1.0, 2.0, 3.0, 1.5][k] for k in range(4)}
    rules = Rules(scenario(
        issues,
        {"a": {i: [1.0, 0.5, 0.0] for i in issues}, "b": {i: [0.0, 0.5, 1.0] for i in issues}},
        {"a": {i: 1.0 for i in issues}, "b": weights},
        {"a": 0.2, "b": 0.2},
    ))
    truth = rules.base_weights[1]
    beliefs = Beliefs(rules, 0, 1, 1, informed=False)
    g = np.array([0])
    start = np.abs(beliefs.expected_weights(g)[0] - truth).sum()
    u = rules.base_utilities[1]
    for target in np.linspace(1.0, 0.5, 10):  # a linear concession, cheapest package at the target
        candidates = np.flatnonzero(u >= target - 1e-12)
        beliefs.observe_offer(g, candidates[np.argmin(u[candidates])][None])
    end = np.abs(beliefs.expected_weights(g)[0] - truth).sum()
    assert end < start
    on_top = np.argmax(beliefs.hypotheses, axis=1) == top
    assert beliefs.posterior(g)[0][on_top].sum() > on_top.mean()  # more than the uniform prior


def test_adaptive_logrolls_by_its_model() -> None:
    """Among packages worth its target, adaptive offers what it believes the other likes best."""
    rules = logroll()
    batch = Batch(rules, draw_tapes(rules, np.random.default_rng(0), 1))
    batch.turn[0] = 0
    strategy = make_strategy("adaptive", rules, 0, 1)
    chosen = strategy.choose(batch, np.array([0]), np.array([0.7]))[0]
    # Worth >= 0.7 to the buyer: low/fast (1.0), low/normal (0.875), low/slow (0.75);
    # the seller (whose priorities the informed prior roughly knows) likes low/slow best.
    assert rules.choice_of(int(chosen)) == {"price": "low", "delivery": "slow"}


# -- reasons ----------------------------------------------------------------------------------

def test_every_reason_has_words() -> None:
    rules = Rules(load_or_raise(bundled_paths()[0]))
    batch = Batch(rules, draw_tapes(rules, np.random.default_rng(0), 1))
    for why in Why:
        tactic = 0 if why in (Why.GESTURE, Why.PRESSURE) else -1
        assert reason(rules, batch, 0, 0, int(why), 0, tactic).strip(), why.name


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_computer_games_on_bundled_scenarios_give_reasons(path: object) -> None:
    game = Game(load_or_raise(path))  # type: ignore[arg-type]
    for k, name in enumerate(STRATEGIES):
        other = STRATEGIES[(k + 2) % len(STRATEGIES)]
        state = game.new_state(k, dict(zip(game.rules.actor_ids, (Seat(name), Seat(other)), strict=True)))
        records = state.advance()
        assert state.is_terminal and records
        for record in records:
            assert record.computer and record.reason.strip(), (name, record.seq)
            assert not re.search(r"\bnan\b|\[|np\.|array\(", record.reason), record.reason
