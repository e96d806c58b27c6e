"""Properties of the bargaining engine, checked on random scenarios and random games.

The analysis is checked against brute-force Python loops (dominance, Nash, Kalai-Smorodinsky
with their tie rules); play is checked for its invariants (red lines, utilities in [0, 1],
deadlines, replay) with random seats, including a side that makes random legal and illegal
moves; and the vectorised simulation is checked game for game against the one-game path.
"""

from __future__ import annotations

import json
from itertools import product

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sizing import examples

from game.engine import Game, IllegalMove, Move, Seat, State
from game.engine.analysis import analyze
from game.engine.batch import Status, draw_tapes
from game.engine.moves import STATUS_TEXT
from game.engine.rules import Rules
from game.engine.simulate import BLOCK, play_block, simulate
from game.engine.strategies import STRATEGIES
from game.scenario import bundled_paths, load_or_raise
from game.scenario.checks import SeedLibrary, check_scenario
from game.scenario.models import Scenario

from .strategies import SEATS, SEEDS, scenarios, seats, utility_spaces

#: Sized by the Hypothesis profile (``--hypothesis-profile=thorough`` for a deep run; tests/sizing.py).
EXAMPLES = examples(100)
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=max(2, EXAMPLES // 12), deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Tolerance of the brute force. Generated utilities sit on a coarse grid, so values that
#: differ on paper differ by far more than this, and equal ones by far less.
EPS = 1e-9


# -- brute force ------------------------------------------------------------------------------

def brute_zone(u: np.ndarray, r: np.ndarray, forbidden: np.ndarray) -> list[int]:
    return [
        p for p in range(u.shape[1])
        if not forbidden[0, p] and not forbidden[1, p] and u[0, p] > r[0] and u[1, p] > r[1]
    ]


def dominates(u: np.ndarray, p: int, q: int) -> bool:
    """``p`` is at least as good as ``q`` for both sides and better for one."""
    at_least = u[0, p] >= u[0, q] - EPS and u[1, p] >= u[1, q] - EPS
    better = u[0, p] > u[0, q] + EPS or u[1, p] > u[1, q] + EPS
    return at_least and better


def brute_pick(candidates: list[int], score: list[float], u: np.ndarray) -> int | None:
    """Largest score; ties: larger sum of utilities, then the lower package index."""
    best: int | None = None
    best_score = best_sum = 0.0
    for p, s in sorted(zip(candidates, score, strict=True)):
        total = float(u[0, p] + u[1, p])
        if (
            best is None
            or s > best_score + EPS
            or (abs(s - best_score) <= EPS and total > best_sum + EPS)
        ):
            best, best_score, best_sum = p, s, total
    return best


def brute_force(u: np.ndarray, r: np.ndarray, forbidden: np.ndarray) -> dict[str, object]:
    zone = brute_zone(u, r, forbidden)
    front = [p for p in zone if not any(dominates(u, q, p) for q in zone)]
    nash = brute_pick(zone, [float((u[0, p] - r[0]) * (u[1, p] - r[1])) for p in zone], u)
    ks = None
    if zone:
        ideal = [max(u[a, p] for p in zone) for a in (0, 1)]
        gaps = [
            -abs((u[0, p] - r[0]) / (ideal[0] - r[0]) - (u[1, p] - r[1]) / (ideal[1] - r[1]))
            for p in front
        ]
        ks = brute_pick(front, gaps, u)
    best = tuple(brute_pick(zone, [float(u[a, p]) for p in zone], u) for a in (0, 1))
    return {"zone": zone, "front": front, "nash": nash, "ks": ks, "best": best}


def check_analysis(u: np.ndarray, r: np.ndarray, forbidden: np.ndarray) -> None:
    got = analyze(u, r, forbidden)
    want = brute_force(u, r, forbidden)
    zone = set(int(p) for p in got.zone)
    front = [int(p) for p in got.pareto]
    assert sorted(zone) == want["zone"]
    # Every frontier package is in the zone and undominated there ...
    for p in front:
        assert p in zone
        assert not any(dominates(u, q, p) for q in zone), f"frontier package {p} is dominated"
    # ... and every other zone package is dominated by a frontier package.
    for q in zone - set(front):
        assert any(dominates(u, p, q) for p in front), f"package {q} is off the frontier yet undominated"
    assert sorted(front) == want["front"]
    assert list(u[0, front]) == sorted(u[0, front]), "frontier not in ascending utility of actor 0"
    assert got.nash == want["nash"]
    assert got.kalai_smorodinsky == want["ks"]
    assert got.best == want["best"]


# -- analysis -------------------------------------------------------------------------------

@PROPERTY
@given(utility_spaces())
def test_analysis_matches_brute_force_on_raw_spaces(space: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    """Many exact ties and duplicate points: the tie rules carry the whole result here."""
    check_analysis(*space)


@PROPERTY
@given(scenarios(events=False, tactics=False))
def test_analysis_matches_brute_force_on_scenarios(scenario: Scenario) -> None:
    rules = Rules(scenario)
    check_analysis(rules.base_utilities, rules.base_reservation, rules.forbidden)


def test_brute_force_tie_rules_are_live() -> None:
    """The tie rules decide these cases, so a wrong rule in engine or brute force shows."""
    # Nash: packages 0 and 1 tie on the product (0.4 * 0.3 = 0.3 * 0.4); the sum ties too;
    # package 2 has the same product and a larger sum (0.6 * 0.2 = 0.12, sum 1.2): it wins.
    u = np.array([[0.4, 0.3, 0.6, 0.1], [0.3, 0.4, 0.2, 0.1]])
    r = np.zeros(2)
    none = np.zeros((2, 4), dtype=bool)
    assert analyze(u, r, none).nash == brute_force(u, r, none)["nash"] == 2
    # Equal products and sums: the lower index wins.
    u = np.array([[0.4, 0.3], [0.3, 0.4]])
    assert analyze(u, r, np.zeros((2, 2), dtype=bool)).nash == 0


@PROPERTY
@given(scenarios(), st.lists(st.floats(0.0, 10.0), min_size=8, max_size=8))
def test_utilities_stay_in_unit_interval(scenario: Scenario, raw: list[float]) -> None:
    """Under the scenario's weights and under any non-negative weights an event could leave."""
    rules = Rules(scenario)
    assert rules.base_utilities.min() >= 0.0 and rules.base_utilities.max() <= 1.0
    m = len(rules.issue_ids)
    for a in (0, 1):
        w = np.array(raw[a * 4 : a * 4 + m])
        if w.sum() == 0:
            w[0] = 1.0
        u = rules.utility_table(a, w)
        assert u.min() >= 0.0 and u.max() <= 1.0


# -- random games ---------------------------------------------------------------------------

#: A side that plays random moves, legal or not, in place of a person.
RANDOM = "random"
KINDS = ("propose", "propose", "propose", "accept", "accept", "reject", "signal", "tactic", "walk", "pass", "line")


def random_move(state: State, actor: str, rng: np.random.Generator) -> Move:
    rules = state.rules
    if state.crisis is not None and rng.random() < 0.9:
        answers = state.answers()
        return Move(actor, "answer", event=state.crisis, response=answers[int(rng.integers(len(answers)))])
    kind = KINDS[rng.integers(len(KINDS))]
    public = bool(rng.random() < 0.3)
    if kind == "walk" and rng.random() < 0.8:  # keep walking out rare
        kind = "reject"
    if kind == "propose":
        package = int(rng.integers(rules.space.size))
        return Move(actor, "propose", package=rules.choice_of(package), public=public)
    if kind == "signal":
        count = int(rng.integers(1, min(3, len(rules.issue_ids)) + 1))
        claim = rng.choice(rules.issue_ids, size=count, replace=False)
        return Move(actor, "signal", signal=tuple(str(x) for x in claim), public=public)
    if kind == "line":
        i = int(rng.integers(len(rules.issue_ids)))
        options = rules.option_ids[i]
        chosen = rng.choice(options, size=int(rng.integers(1, len(options) + 1)), replace=False)
        return Move(actor, "line", issue=rules.issue_ids[i], options=tuple(str(o) for o in chosen), public=public)
    if kind == "tactic":
        tactic = str(rng.choice(rules.tactic_ids)) if rules.tactic_ids else "no-such-move"
        return Move(actor, "tactic", tactic=tactic)
    return Move(actor, kind)  # type: ignore[arg-type]


def play(scenario: Scenario, sides: tuple[str | tuple[str, str], ...], seed: int, chaos: int) -> State:
    """A whole game; ``RANDOM`` sides move at random (illegal moves must change nothing)."""
    game = Game(scenario)
    ids = game.rules.actor_ids
    seat_of = {
        actor: Seat() if side == RANDOM else Seat(*side)  # type: ignore[misc]
        for actor, side in zip(ids, sides, strict=True)
    }
    state = game.new_state(seed, seat_of)
    rng = np.random.default_rng(chaos)
    for _ in range(2000):
        state.advance()
        if state.is_terminal:
            return state
        actor = state.current_actor
        assert actor is not None
        move = random_move(state, actor, rng)
        before = state.to_log()
        try:
            state.apply(move)
        except IllegalMove as exc:
            assert state.why_illegal(move) == str(exc)
            assert state.to_log() == before, "an illegal move changed the game"
    raise AssertionError("the game did not end")


sides = st.one_of(st.just(RANDOM), st.sampled_from(SEATS))
#: (scenario, sides, seed, seed of the random side); scenarios on the grid and off it.
games = st.tuples(scenarios() | scenarios(exact=False), st.tuples(sides, sides),
                  st.integers(0, 2**32), st.integers(0, 2**32))


@PROPERTY
@given(games)
def test_no_deal_crosses_a_red_line(args: tuple) -> None:
    state = play(*args)
    rules = state.rules
    if state.status == "deal":
        deal = int(state.batch.deal[0])
        assert not rules.crosses(0, deal) and not rules.crosses(1, deal)
    for record in state.history:
        if record.move.kind == "propose" and record.computer:
            package = rules.package_of(record.move.package or {})
            a = rules.actor_index(record.move.actor)
            assert not rules.crosses(a, package), "a computer proposed across its own red line"


@PROPERTY
@given(games)
def test_computer_moves_have_reasons_and_utilities_stay_in_range(args: tuple) -> None:
    state = play(*args)
    for record in state.history:
        if record.computer:
            assert record.reason.strip(), f"computer move {record.seq} has no reason"
        for value in (record.utilities or {}).values():
            assert 0.0 <= value <= 1.0
    assert all(0.0 <= v <= 1.0 for v in state.returns().values())
    assert 0.0 <= state.trust <= 1.0


@PROPERTY
@given(games)
def test_every_game_ends_by_the_deadline(args: tuple) -> None:
    """The deadline moves only by the deadline effects that happened, never past the tape."""
    state = play(*args)
    rules = state.rules
    fx = rules.effects
    deadline = rules.rounds

    def moved(row: int, now: int) -> None:
        nonlocal deadline
        if fx.deadline[row]:
            deadline = min(max(deadline + int(fx.deadline[row]), now), rules.round_cap)

    for item in state.news:
        if item.round == 1:
            moved(rules.event_offset + rules.event_ids.index(item.event), 1)
    for record in state.history:
        assert record.round <= deadline, f"move {record.seq} played after the deadline"
        if record.move.kind == "tactic":
            moved(rules.tactic_ids.index(record.move.tactic or ""), record.round)
        if record.move.kind == "answer":
            k = rules.event_ids.index(record.move.event or "")
            n = next(n for n in rules.event_responses[k] if rules.responses[n][1].id == record.move.response)
            moved(rules.response_offset + n, record.round)
        for item in record.news:
            moved(rules.event_offset + rules.event_ids.index(item.event), item.round)
    assert state.is_terminal
    assert state.deadline == deadline <= rules.round_cap
    assert state.round <= state.deadline
    if state.status == "deadline":
        assert state.round == state.deadline


@PROPERTY
@given(games)
def test_replay_reproduces_the_game(args: tuple) -> None:
    state = play(*args)
    game = state.game
    text = json.dumps(state.to_log())
    again = State.from_log(game, json.loads(text))
    assert json.dumps(again.to_log()) == text
    assert again.returns() == state.returns()
    assert again.status == state.status


# -- the vectorised simulation is the one-game path -------------------------------------------

def assert_same_games(scenario: Scenario, seat_pair: tuple[tuple[str, str], tuple[str, str]],
                      seed: int, count: int) -> None:
    game = Game(scenario)
    rules = game.rules
    tapes = draw_tapes(rules, np.random.default_rng(seed), count)
    batch = play_block(rules, tapes, seat_pair)
    block_returns = batch.returns()
    seat_of = {actor: Seat(*seat) for actor, seat in zip(rules.actor_ids, seat_pair, strict=True)}
    for k in range(count):
        state = State(game, seed, seat_of, tape=tapes[k : k + 1])
        state.advance()
        assert state.is_terminal
        got = (
            state.status,
            int(state.batch.deal[0]),
            state.round,
            state.trust,
            len(state.history),
            list(state.returns().values()),
        )
        want = (
            STATUS_TEXT[Status(int(batch.status[k]))],
            int(batch.deal[k]),
            int(batch.round[k]),
            float(batch.trust[k]),
            int(batch.moves[k]),
            [float(x) for x in block_returns[k]],
        )
        assert got == want, f"game {k} of {seat_pair} differs: one-game {got} vs block {want}"


@pytest.mark.parametrize("pair", list(product(STRATEGIES, STRATEGIES)), ids="-vs-".join)
@FEW
@given(scenario=scenarios(), levels=st.tuples(st.sampled_from(["easy", "normal", "hard"]),
                                               st.sampled_from(["easy", "normal", "hard"])),
       seed=st.integers(0, 2**32))
def test_simulation_equals_one_game_path(pair: tuple[str, str], scenario: Scenario,
                                         levels: tuple[str, str], seed: int) -> None:
    seat_pair = ((pair[0], levels[0]), (pair[1], levels[1]))
    assert_same_games(scenario, seat_pair, seed, count=6)


@PROPERTY
@given(scenarios(), seats(), st.integers(0, 2**32))
def test_simulation_equals_one_game_path_any_seats(scenario: Scenario,
                                                   seat_pair: tuple[tuple[str, str], tuple[str, str]],
                                                   seed: int) -> None:
    assert_same_games(scenario, seat_pair, seed, count=4)


def test_simulate_across_blocks_equals_one_game_path() -> None:
    """Games on both sides of a block boundary are the games the one-game path plays."""
    game = Game(load_or_raise(bundled_paths()[0]))
    seat_pair = (("conceder", "easy"), ("tit-for-tat", "hard"))
    count = BLOCK + 3
    result = simulate(game.rules, count, seat_pair, seed=5)
    tapes = draw_tapes(game.rules, np.random.default_rng(5), count)
    seat_of = {actor: Seat(*seat) for actor, seat in zip(game.rules.actor_ids, seat_pair, strict=True)}
    for k in (0, BLOCK - 1, BLOCK, count - 1):
        state = State(game, 5, seat_of, tape=tapes[k : k + 1])
        state.advance()
        assert (state.status, int(state.batch.deal[0]), state.round) == (
            STATUS_TEXT[Status(int(result.status[k]))], int(result.deal[k]), int(result.rounds[k]))
        assert list(state.returns().values()) == [float(x) for x in result.returns[k]]


def test_simulate_keeps_one_block_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long run holds one block's batch and tapes at a time, not every game's (regression:
    a million games took 2.4 GB, all of it tapes and tables kept to the end)."""
    import importlib
    import weakref

    module = importlib.import_module("game.engine.simulate")  # the package exports a function of that name

    tables: list[weakref.ref] = []
    drawn: list[int] = []
    play, draw = module.play_block, module.draw_tapes
    monkeypatch.setattr(module, "play_block", lambda *a: tables.append(weakref.ref(t := play(*a))) or t)
    monkeypatch.setattr(module, "draw_tapes", lambda r, rng, n: drawn.append(n) or draw(r, rng, n))
    alive: list[int] = []
    rules = Game(load_or_raise(bundled_paths()[0])).rules
    result = simulate(rules, 3 * BLOCK + 5, (("linear", "normal"), ("boulware", "normal")), seed=2,
                      progress=lambda done, total: alive.append(sum(ref() is not None for ref in tables)))
    assert drawn == [BLOCK, BLOCK, BLOCK, 5]
    assert len(alive) == 4 and max(alive) <= 1, f"tables kept alive: {alive}"
    assert result.games == 3 * BLOCK + 5


def test_simulate_refuses_a_negative_seed() -> None:
    rules = Game(load_or_raise(bundled_paths()[0])).rules
    with pytest.raises(ValueError, match="the seed must be a whole number >= 0"):
        simulate(rules, 5, (("linear", "normal"), ("boulware", "normal")), seed=-1)


# -- the generator itself -------------------------------------------------------------------

@PROPERTY
@given(scenarios())
def test_generated_scenarios_pass_the_validator(scenario: Scenario) -> None:
    """Otherwise the properties above would be about scenarios no author could write."""
    errors = [f for f in check_scenario(scenario, SeedLibrary([SEEDS])) if f[0] == "error"]
    assert not errors
    rules = Rules(scenario)
    assert 2 <= len(rules.issue_ids) <= 4 and max(rules.space.radices) <= 4
