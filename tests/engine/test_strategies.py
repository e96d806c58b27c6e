"""Computer negotiators: selectable by name, bound by red lines, and each mechanism of the
shared machinery (curves, reciprocity, no free retraction, acceptance, two levels) doing
exactly what its docstring says, checked on hand-made scenarios with worked numbers."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import DIFFICULTIES, STRATEGIES, Game, Move, Rules, Seat
from game.engine.batch import Batch, Kind, draw_tapes
from game.engine.strategies import (
    LEVELS,
    Adaptive,
    Bully,
    Hardliner,
    TimeDependent,
    TitForTat,
    Why,
    make_strategy,
)
from game.engine.strategies.base import Strategy

from .builders import cite, scenario

ALL_SEATS = [(name, level) for name in STRATEGIES for level in DIFFICULTIES]
SHARES = [f"s{k}" for k in range(11)]  # A's share in tenths

LOGROLL = dict(
    options={"price": ["low", "mid", "high"], "delivery": ["fast", "normal", "slow"]},
    values={"buyer": {"price": [1.0, 0.5, 0.0], "delivery": [1.0, 0.5, 0.0]},
            "seller": {"price": [0.0, 0.5, 1.0], "delivery": [0.0, 0.5, 1.0]}},
    weights={"buyer": {"price": 3.0, "delivery": 1.0}, "seller": {"price": 1.0, "delivery": 3.0}},
    reservation={"buyer": 0.1, "seller": 0.1},
)


def logroll(**extra: object) -> Rules:
    return Rules(scenario(**LOGROLL, **extra))  # type: ignore[arg-type]


def pie(reservation: tuple[float, float] = (0.1, 0.1), **extra: object) -> Rules:
    """One issue: A's share in tenths, worth its share to A and the rest to B."""
    tenths = [k / 10 for k in range(11)]
    return Rules(scenario({"share": SHARES},
                          {"a": {"share": tenths}, "b": {"share": [1 - x for x in tenths]}},
                          {"a": {"share": 1.0}, "b": {"share": 1.0}},
                          {"a": reservation[0], "b": reservation[1]}, **extra))  # type: ignore[arg-type]


def one_game(rules: Rules, turn: int = 0, actor: int = 1) -> Batch:
    """One game at ``turn`` (0 = the first) with ``actor`` to move."""
    batch = Batch(rules, draw_tapes(rules, np.random.default_rng(0), 1))
    batch.round[0], batch.half[0] = turn // 2 + 1, turn % 2
    batch.turn[0] = actor
    return batch


G = np.array([0])


# -- names ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "kind"), [
    ("boulware", TimeDependent), ("linear", TimeDependent), ("conceder", TimeDependent),
    ("tit-for-tat", TitForTat), ("adaptive", Adaptive), ("hardliner", Hardliner), ("bully", Bully),
])
def test_make_strategy_by_name(name: str, kind: type) -> None:
    assert set(STRATEGIES) == {"boulware", "linear", "conceder", "tit-for-tat", "adaptive", "hardliner", "bully"}
    rules = logroll()
    for level in DIFFICULTIES:
        strategy = make_strategy(name, rules, 1, 4, level)
        assert type(strategy) is kind
        assert (strategy.name, strategy.difficulty, strategy.actor, strategy.n) == (name, level, 1, 4)


def test_make_strategy_refuses_unknown_names() -> None:
    rules = logroll()
    with pytest.raises(ValueError, match="unknown strategy 'random'; choose one of boulware"):
        make_strategy("random", rules, 0)
    with pytest.raises(ValueError, match="unknown difficulty 'extreme'; choose one of easy, normal, hard"):
        make_strategy("linear", rules, 0, difficulty="extreme")


# -- red lines -----------------------------------------------------------------------------------

def tempting(**extra: object) -> Rules:
    """Each side's favourite options are behind its own red lines, and the other side's too."""
    red = {
        "buyer": [{"issue": "price", "options": ["low"], "rationale": "Never.", "citation": cite()}],
        "seller": [{"issue": "delivery", "options": ["slow"], "rationale": "Never.", "citation": cite()},
                   {"issue": "price", "options": ["mid"], "rationale": "Never.", "citation": cite()}],
    }
    return logroll(red_lines=red, **extra)


def scrambled(rules: Rules, actor: int, n: int, seed: int) -> Batch:
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
def test_no_strategy_proposes_or_accepts_across_its_own_red_lines(name: str, level: str) -> None:
    rules = tempting()
    for actor in (0, 1):
        batch = scrambled(rules, actor, 200, seed=actor)
        d = make_strategy(name, rules, actor, batch.n, level).decide(batch, np.arange(batch.n))
        proposed = d.package[d.kind == Kind.PROPOSE]
        accepted = batch.offer[np.flatnonzero(d.kind == Kind.ACCEPT), 1 - actor]
        assert len(proposed), "no proposals to check"
        assert not rules.forbidden[actor, proposed].any(), "proposed across its own red line"
        assert not rules.forbidden[actor, accepted].any(), "accepted across its own red line"
        crossing = rules.forbidden[1 - actor, proposed]
        if name == "bully":
            # Its best package, whatever the other side's red lines: the buyer's crosses the seller's.
            best = int(np.argmax(np.where(rules.forbidden[actor], -1.0, rules.base_utilities[actor])))
            assert (proposed == best).all()
            assert crossing.all() == (actor == 0)
        else:
            assert not crossing.any(), "proposed across the other side's red line with other packages left"


def test_a_side_proposes_across_the_other_red_lines_only_when_nothing_else_is_left() -> None:
    red = {
        "buyer": [{"issue": "price", "options": ["mid", "high"], "rationale": "No.", "citation": cite()}],
        "seller": [{"issue": "price", "options": ["low"], "rationale": "No.", "citation": cite()}],
    }
    rules = logroll(red_lines=red)
    batch = scrambled(rules, 0, 50, seed=3)
    d = make_strategy("linear", rules, 0, batch.n).decide(batch, np.arange(batch.n))
    proposed = d.package[d.kind == Kind.PROPOSE]
    assert len(proposed) and not rules.forbidden[0, proposed].any()
    assert rules.forbidden[1, proposed].all()  # every package the buyer may propose crosses the seller's


# -- concession curves ---------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "turn", "e"), [
    ("boulware", 5, 0.2), ("linear", 5, 1.0), ("conceder", 5, 2.0),
    ("boulware", 0, 0.2), ("conceder", 11, 2.0), ("linear", 11, 1.0),
])
def test_time_dependent_curves_are_the_textbook_ones(name: str, turn: int, e: float) -> None:
    # p(t) = Pmin + (Pmax - Pmin) * (1 - t^(1/e)). Six rounds are 12 turns, numbered 0..11, and
    # t = turn / 11. Patience 1 and no initial pressure: nothing pulls the clock forward; trust
    # 0.5 and "normal" make the exponent scale 1.0 * (0.6 + 0.8 * 0.5) = 1.
    rules = logroll()
    batch = one_game(rules, turn)
    strategy = make_strategy(name, rules, 1, 1)
    pmin, pmax, t = np.array([0.12]), np.array([1.0]), turn / 11
    assert strategy.targets(batch, G, pmin, pmax)[0] == pytest.approx(0.12 + 0.88 * (1 - t ** (1 / e)))


def test_boulware_holds_out_longer_than_linear_than_conceder() -> None:
    rules = logroll()
    batch = Batch(rules, draw_tapes(rules, np.random.default_rng(0), 12))
    batch.round[:], batch.half[:] = np.arange(12) // 2 + 1, np.arange(12) % 2
    batch.turn[:] = 1
    g = np.arange(12)
    pmin, pmax = np.full(12, 0.12), np.ones(12)
    curves = [make_strategy(n, rules, 1, 12).targets(batch, g, pmin, pmax) for n in ("boulware", "linear", "conceder")]
    assert (curves[0][1:-1] > curves[1][1:-1]).all() and (curves[1][1:-1] > curves[2][1:-1]).all()
    assert all((np.diff(c) < 0).all() for c in curves), "a curve rose with time"


def curve(rules: Rules, batch: Batch, name: str = "linear", level: str = "normal") -> float:
    return float(make_strategy(name, rules, 1, 1, level).targets(batch, G, np.array([0.1]), np.array([1.0]))[0])


def test_trust_speeds_concession() -> None:
    rules = logroll()
    batch = one_game(rules, 5)
    at = {}
    for trust in (0.1, 0.5, 0.9):
        batch.trust[0] = trust
        at[trust] = curve(rules, batch)
    assert at[0.1] > at[0.5] > at[0.9]
    # The exponent scale is 0.6 + 0.8 * trust: at trust 0.9 it is 1.32, so t^(1/1.32).
    assert at[0.9] == pytest.approx(0.1 + 0.9 * (1 - (5 / 11) ** (1 / 1.32)))


def test_pressure_at_home_pulls_the_clock_forward() -> None:
    rules = logroll()
    batch = one_game(rules, 4)
    calm = curve(rules, batch)
    batch.pressure_delta[0, 1] = 0.6
    pressed = curve(rules, batch)
    # t_eff = t + (1 - t) * 0.5 * pressure: 4/11 + 7/11 * 0.3.
    t = 4 / 11 + (7 / 11) * 0.3
    assert pressed == pytest.approx(0.1 + 0.9 * (1 - t))
    assert pressed < calm


def test_easy_concedes_on_a_faster_clock_and_hard_gives_less_unasked() -> None:
    """Easy concedes sooner; hard keeps the normal pace (a slower clock only slowed the other
    side's reciprocal concessions and cost the hard side at the deadline) but gives less of
    its range away before the other side has conceded anything."""
    rules = logroll()
    for turn in (3, 7, 10):
        batch = one_game(rules, turn)
        paces = [curve(rules, batch, level=level) for level in ("easy", "normal", "hard")]
        assert paces[0] < paces[1], "easy concedes faster than normal"
        assert paces[2] == pytest.approx(paces[1]), "hard keeps the normal pace"
    rules = pie()
    pmin, pmax = np.array([0.12]), np.array([1.0])
    floors = []
    for level in ("easy", "normal", "hard"):
        state = Game(rules.scenario).new_state(0, {"a": Seat(), "b": Seat("conceder", level)})
        state.apply(Move("a", "propose", package={"share": "s10"}))
        floors.append(float(state.strategies[1].floor(state.batch, G, pmin, pmax)[0]))
    assert floors[0] < floors[1] < floors[2], "the harder the level, the less it gives away unasked"


# -- reciprocity, hardening and no free retraction -------------------------------------------------

def test_a_side_concedes_its_allowance_alone_and_more_only_in_return() -> None:
    rules = pie()
    state = Game(rules.scenario).new_state(0, {"a": Seat(), "b": Seat("conceder")})
    b = state.strategies[1]
    level = LEVELS["normal"]
    pmin, pmax = np.array([0.1 + level.margin]), np.array([1.0])
    span = pmax[0] - pmin[0]
    state.apply(Move("a", "propose", package={"share": "s10"}))
    assert b.their_share(G, pmin, pmax)[0] == 0.0
    assert b.floor(state.batch, G, pmin, pmax)[0] == pytest.approx(pmax[0] - level.allowance * span)
    state.advance()
    before = float(b.value(state.batch, G, np.array([rules.package_of({"share": "s10"})]))[0])
    state.apply(Move("a", "propose", package={"share": "s8"}))
    after = float(b.value(state.batch, G, np.array([rules.package_of({"share": "s8"})]))[0])
    share = float(b.their_share(G, pmin, pmax)[0])
    assert (after - before) / span <= share <= 1.0  # at least what the move gained B, as B values it
    assert b.floor(state.batch, G, pmin, pmax)[0] == pytest.approx(
        max(pmin[0], pmax[0] - (level.allowance + level.reciprocate * share) * span))
    state.advance()
    state.apply(Move("a", "propose", package={"share": "s10"}))  # taking it back earns nothing more
    assert b.their_share(G, pmin, pmax)[0] == pytest.approx(share)


def play_against_a_wall(name: str, rounds: int = 10) -> tuple[Game, list]:
    """Side a (a person) repeats its best package; side b plays ``name``."""
    game = Game(pie().scenario.model_copy(update={"rounds": rounds}))
    state = game.new_state(1, {"a": Seat(), "b": Seat(name, "normal")})
    records = []
    while not state.is_terminal:
        if state.current_actor == "a":
            records.append(state.apply(Move("a", "propose", package={"share": "s10"})))
        else:
            records += state.advance()
    return game, records


@pytest.mark.parametrize("name", ["boulware", "linear", "conceder", "tit-for-tat", "adaptive"])
def test_a_side_that_concedes_nothing_gets_nothing_and_is_walked_out_on(name: str) -> None:
    _, records = play_against_a_wall(name)
    mine = [r for r in records if r.move.actor == "b"]
    offers = [r.utilities["b"] for r in mine if r.move.kind == "propose" and r.utilities]
    allowance = LEVELS["normal"].allowance
    assert min(offers) >= 1.0 - allowance * (1.0 - 0.12) - 1e-9, "conceded past its allowance to a wall"
    assert mine[-1].move.kind == "walk", "it should walk out on a side that never moves"
    assert "we are going home" in mine[-1].reason and "not moved" in mine[-1].reason


def test_no_free_retraction_when_the_deadline_moves() -> None:
    """Issue 18's case: a linear side went s7 -> s8 after 'deadline +5' in round 4."""
    extend = {"tactics": [{"id": "extend", "kind": "gesture", "label": "More time", "description": "Talks go on.",
                           "effects": {"deadline": 5}, "citation": cite()}]}
    rules = pie(rounds=8, actor_extra={"b": extend})
    state = Game(rules.scenario).new_state(0, {"a": Seat("linear"), "b": Seat()})
    asked = []
    while not state.is_terminal and state.round <= 9:
        state.advance()
        if state.is_terminal:
            break
        asked.append(state.standing_offer("a")["share"])
        if state.round == 4:
            state.apply(Move("b", "tactic", tactic="extend"))
        state.apply(Move("b", "propose", package={"share": "s1"}))
    shares = [int(s[1:]) for s in asked]
    assert state.deadline == 13 and len(shares) >= 6
    assert shares == sorted(shares, reverse=True), f"A took a concession back: {asked}"


def test_a_retraction_costs_trust_in_the_rules() -> None:
    rules = pie()
    state = Game(rules.scenario).new_state(0, {"a": Seat(), "b": Seat()})
    state.apply(Move("a", "propose", package={"share": "s6"}))
    state.apply(Move("b", "propose", package={"share": "s2"}))
    before = state.trust
    state.apply(Move("a", "propose", package={"share": "s9"}))  # worth 0.3 less to B than A's last
    assert state.trust == pytest.approx(before - 0.04)
    assert int(state.batch.retractions[0, 0]) == 1


def test_crossing_red_lines_hardens_then_ends_the_talks() -> None:
    red = {"b": [{"issue": "share", "options": ["s10", "s9"], "rationale": "Never all of it.", "citation": cite()}]}
    rules = pie(red_lines=red)
    state = Game(rules.scenario.model_copy(update={"rounds": 12})).new_state(2, {"a": Seat(), "b": Seat("linear")})
    words = []
    asks = ["s5", "s5", "s5", "s5", "s9", "s9", "s9", "s9"]
    while not state.is_terminal:
        if state.current_actor == "a":
            state.apply(Move("a", "propose", package={"share": asks.pop(0)}))
        else:
            words += [(r.move.kind, r.reason) for r in state.advance()]
    assert any(kind == "propose" and "for the second time" in why for kind, why in words)
    hardened = [why for _, why in words if "we take back what we offered on Share" in why]
    assert hardened and hardened[0].startswith("Rejected: your offer crosses our red line on Share (Never all of it)")
    assert "After you crossed our red line on Share twice" in hardened[0]
    assert int(state.batch.retractions[0, 1]) >= 1, "hardening is a retraction: it costs trust"
    kind, why = words[-1]
    assert kind == "walk" and why == "You have asked for s9 on Share three times; we are going home."
    assert int(state.batch.crossings[0, 1, 0]) == LEVELS["normal"].tolerance


# -- acceptance ----------------------------------------------------------------------------------

def test_accepts_what_its_own_next_offer_would_be_worth_and_no_less() -> None:
    rules = pie()
    batch = one_game(rules, 6, actor=1)
    strategy = make_strategy("linear", rules, 1, 1)
    d = strategy.decide(batch, G)
    next_value = float(strategy.value(batch, G, d.package)[0])
    worth = {k: 1 - k / 10 for k in range(11)}
    take = max(k for k in range(11) if worth[k] >= next_value - LEVELS["normal"].slack - 1e-12)
    for k, expect in ((take, Kind.ACCEPT), (take + 1, Kind.PROPOSE)):
        batch.offer[0, 0] = rules.package_of({"share": f"s{k}"})
        assert strategy.decide(batch, G).kind[0] == expect, k


def test_acceptance_is_strictly_better_than_no_deal() -> None:
    """Issue 18's case: tit-for-tat vs boulware on a 0.2/0.2 pie gave B exactly 0.2."""
    rules = pie((0.2, 0.2))
    for seed in range(6):
        state = Game(rules.scenario).new_state(seed, {"a": Seat("tit-for-tat"), "b": Seat("boulware")})
        state.advance()
        if state.status == "deal":
            assert all(state.returns()[a] > 0.2 + 1e-9 for a in ("a", "b"))
    batch = one_game(rules, 11, actor=1)  # B's last turn: A offers exactly B's no-deal value
    batch.offer[0, 0] = rules.package_of({"share": "s8"})
    for name in ("linear", "conceder", "adaptive", "tit-for-tat"):
        assert make_strategy(name, rules, 1, 1, "easy").decide(batch, G).kind[0] != Kind.ACCEPT, name


# -- two levels ----------------------------------------------------------------------------------

CONGRESS = {"a": {"constituency": {"name": "Congress", "description": "Votes.", "weights": {"share": 1.0},
                                   "threshold": 0.65, "sensitivity": 0.02}}}


def test_a_side_proposes_only_what_its_constituency_would_pass() -> None:
    """Issue 18's case: with A's Congress at 0.65/0.02, conceder vs boulware proposed packages
    with no chance of ratification and agreed 0% of the time."""
    rules = pie((0.2, 0.2), actor_extra=CONGRESS)
    state = Game(rules.scenario).new_state(1, {"a": Seat("conceder"), "b": Seat("boulware")})
    records = state.advance()
    proposed = [rules.package_of(r.move.package) for r in records if r.move.actor == "a" and r.move.package]
    assert min(rules.ratification[0, proposed]) >= 0.5
    from game.engine.simulate import simulate

    assert simulate(rules, 400, (("conceder", "normal"), ("boulware", "normal")), seed=0).agreed.mean() > 0.5


def test_it_says_when_its_constituency_would_never_pass_an_offer() -> None:
    rules = pie((0.2, 0.2), actor_extra=CONGRESS)
    batch = one_game(rules, 11, actor=0)  # A's side, last turn, offered s6: worth 0.6, ratified 7%
    batch.turn[0] = 0
    batch.offer[0, 1] = rules.package_of({"share": "s6"})
    strategy = make_strategy("conceder", rules, 0, 1, "easy")
    d = strategy.decide(batch, G)
    assert d.kind[0] == Kind.PROPOSE and d.blocked[0]
    from game.engine.narrate import reason

    words = reason(rules, batch, 0, strategy, int(d.why[0]), int(d.package[0]), -1, blocked=True)
    assert words.startswith("Congress would never pass your offer.")


# -- tit-for-tat and adaptive ----------------------------------------------------------------------

def test_tit_for_tat_is_nice_then_mirrors_relative_concessions() -> None:
    rules = pie()
    state = Game(rules.scenario).new_state(0, {"a": Seat(), "b": Seat("tit-for-tat")})
    tft = state.strategies[1]
    assert isinstance(tft, TitForTat)
    state.apply(Move("a", "propose", package={"share": "s10"}))
    state.advance()  # opens with its best
    assert state.standing_offer("b") == {"share": "s0"}
    pmin, pmax = np.array([0.12]), np.array([1.0])
    nice = tft.targets(state.batch, G, pmin, pmax)[0]
    assert nice == pytest.approx(1.0 - 0.88 * 0.08)  # it concedes a little before A has moved
    state.apply(Move("a", "propose", package={"share": "s10"}))
    state.advance()
    mirror = float(tft.mirrored(G)[0])
    state.apply(Move("a", "propose", package={"share": "s7"}))  # A concedes in its own (estimated) utility
    assert tft.mirrored(G)[0] > mirror + 0.1, "a concession by A moves the mirror"


@pytest.mark.parametrize("level", DIFFICULTIES)
def test_tit_for_tat_against_itself_agrees(level: str) -> None:
    from game.engine.simulate import simulate

    result = simulate(logroll(), 200, (("tit-for-tat", level), ("tit-for-tat", level)), seed=0)
    assert result.agreed.mean() > 0.5


def test_adaptive_logrolls_by_its_model_where_the_plain_choice_would_not() -> None:
    """Among packages worth its target, adaptive offers what it believes the other side likes best;
    the shared choice (the cheapest, or nearest the other side's offer) picks another package."""
    intel = {"buyer": {"weights": {"price": 1.0, "delivery": 3.0}, "confidence": 1.0}}
    rules = logroll(intelligence=intel)
    batch = one_game(rules, 2, actor=0)
    target = np.array([0.6])
    adaptive = make_strategy("adaptive", rules, 0, 1)
    plain = Strategy.choose(adaptive, batch, G, target)[0]
    chosen = adaptive.choose(batch, G, target)[0]
    # Worth >= 0.6 to the buyer: low/fast (1.0), low/normal (0.875), low/slow (0.75), mid/fast
    # (0.625, the cheapest); the seller, as the buyer's intelligence has it, cares most for
    # delivery: it likes low/slow best.
    assert rules.choice_of(int(chosen)) == {"price": "low", "delivery": "slow"}
    assert plain != chosen


def test_every_reason_code_has_words() -> None:
    from game.engine.narrate import reason

    tactics = {"tactics": [{"id": "press", "kind": "pressure", "label": "Press", "description": "Pressure.",
                            "effects": {"trust": -0.1}, "citation": cite()}]}
    crisis = {"side": "buyer", "prompt": "How do you answer?", "responses": [
        {"id": "calm", "label": "Stay calm", "description": "Say little.", "effects": {"trust": 0.05}},
        {"id": "loud", "label": "Protest", "description": "Protest loudly.",
         "effects": {"reservation": {"buyer": 0.05}}},
    ]}
    events = [{"id": "strike", "headline": "A strike", "text": "Ports close.", "probability": 1.0, "effects": {},
               "citations": [cite()], "crisis": crisis}]
    rules = tempting(actor_extra={"buyer": tactics}, events=events)
    batch = scrambled(rules, 0, 1, seed=1)
    strategy = make_strategy("linear", rules, 0, 1)
    batch.crossings[0, 0, 0] = 3
    for why in Why:
        tactic = 0 if why in (Why.GESTURE, Why.PRESSURE) else -1
        package = int(batch.offer[0, 0]) if batch.offer[0, 0] >= 0 else 0
        words = reason(rules, batch, 0, strategy, int(why), package, tactic, response=1)
        assert words.strip() and "nan" not in words, why.name
    assert reason(rules, batch, 0, strategy, int(Why.ANSWER), 0, -1, response=1) == (
        "Protest: it keeps our alternative strong.")
