"""The engine's PASS move (a timed turn that ran out with no offer to answer): legal only
without a standing offer, ends the turn and nothing else, replays from logs, and a batch
batch applying it gives the same games as single states."""

from __future__ import annotations

import numpy as np
import pytest
from tests_support import crisis_answer

from game.engine import Game, IllegalMove, Move, Seat, State
from game.engine.analysis import analyze_rules
from game.engine.batch import Batch, Kind, Status, draw_tapes
from game.engine.strategies import make_strategy
from game.scenario import bundled_paths, load_or_raise

from .classroom_helpers import SPY

HUMANS = {"us": Seat(), "pk": Seat()}


@pytest.fixture(scope="module")
def game() -> Game:
    return Game(load_or_raise(SPY))


def test_pass_is_legal_only_when_no_offer_stands(game: Game) -> None:
    state = game.new_state(1, HUMANS)
    assert state.why_illegal(Move("pk", "pass")) is None
    nash = game.rules.choice_of(analyze_rules(game.rules).nash)
    state.apply(Move("pk", "propose", package=nash))
    assert "offer to answer" in (state.why_illegal(Move("us", "pass")) or "")
    with pytest.raises(IllegalMove):
        state.apply(Move("us", "pass"))
    assert "pass" not in state.legal_kinds()  # a time-out, not a choice on the menu


def test_pass_ends_the_turn_and_changes_nothing_else(game: Game) -> None:
    state = game.new_state(6, HUMANS)  # a seed whose round 2 opens without a crisis
    batch = state.batch
    before = {name: np.copy(getattr(batch, name)) for name in
              ("trust", "reservation", "weights", "offer", "previous_offer", "offers_made", "tactic_uses",
               "status", "deal", "signal", "pressure_delta", "deadline")}
    record = state.apply(Move("pk", "pass"), "time ran out")
    for name, value in before.items():
        assert np.array_equal(getattr(batch, name), value), name
    assert state.current_actor == "us" and state.round == 1 and record.utilities is None
    state.apply(Move("us", "pass"))
    assert state.current_actor == "pk" and state.round == 2 and state.status == "ongoing"


def test_a_game_with_passes_replays_from_its_log(game: Game) -> None:
    state = game.new_state(3, {"us": Seat(), "pk": Seat("conceder", "easy")})
    state.advance()  # the computer opens
    state.apply(Move("us", "reject"), "time ran out")
    state.advance()
    while not state.is_terminal:
        me = state.current_actor or ""
        answer = crisis_answer(state)  # a crisis is answered before anything else
        state.apply(answer or (Move(me, "pass") if state.why_illegal(Move(me, "pass")) is None
                               else Move(me, "accept")))
        state.advance()
    replayed = State.from_log(game, state.to_log(), verify=True)
    assert replayed.to_log() == state.to_log()


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_a_batch_that_passes_first_equals_single_games(path) -> None:
    """PASS in the vectorised batch: every game opens with a pass, then computers play it out."""
    game = Game(load_or_raise(path))
    rules = game.rules
    n = 12
    tapes = draw_tapes(rules, np.random.default_rng(99), n)
    seats = [(a.style, "normal") for a in game.scenario.actors]
    batch = Batch(rules, tapes)
    sides = [make_strategy(name, rules, a, n, level) for a, (name, level) in enumerate(seats)]
    g = np.flatnonzero(batch.crisis < 0)  # a game a crisis opens is answered first, not passed
    assert len(g) and batch.legal(g, Kind.PASS).all()
    opener = int(batch.turn[0])
    batch.step(g, Kind.PASS)
    for side in sides:
        side.observe(batch, g, opener, Kind.PASS)
    chosen: set[int] = set()
    for _ in range(8 * rules.round_cap + 16):
        live = batch.ongoing()
        if not len(live):
            break
        for a in (0, 1):
            mine = live[(batch.mover(live) == a) & (batch.status[live] == Status.ONGOING)]  # crises first
            if not len(mine):
                continue
            d = sides[a].decide(batch, mine)
            chosen.update(int(k) for k in d.kind)
            for code in np.unique(d.kind):
                kind = Kind(int(code))
                rows = d.kind == code
                games = mine[rows]
                package = d.package[rows] if kind == Kind.PROPOSE else None
                seen = batch.offer[games, 1 - a] if kind == Kind.ACCEPT else package
                batch.step(games, kind, package=package, tactic=d.tactic[rows] if kind == Kind.TACTIC else None,
                           response=d.response[rows] if kind == Kind.ANSWER else None)
                for side in sides:
                    side.observe(batch, games, a, kind, package=seen)
    assert Kind.PASS not in chosen  # strategies never pass: simulations are unchanged by the new move
    returns = batch.returns()
    for k in g:
        state = State(game, 0, {}, tape=tapes[k : k + 1])
        state.apply(Move(rules.actor_ids[opener], "pass"))
        state.advance()
        assert state.is_terminal
        assert (Status(int(batch.status[k])), state.round) == (Status(int(state.batch.status[0])), int(batch.round[k]))
        assert int(batch.deal[k]) == int(state.batch.deal[0])
        assert np.allclose(returns[k], state.batch.returns()[0])
        assert batch.trust[k] == pytest.approx(state.trust)
