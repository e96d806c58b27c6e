"""The engine's EVENT move (news an instructor broadcast to a live class): one of the scenario's
events breaks now with its effects, the turn stays where it was, the game replays from its log,
a batch applying it equals single games, and only signed (hosted) logs may hold one."""

from __future__ import annotations

import numpy as np
import pytest
from tests_support import answer_crises

from game.classroom.logs import build_log
from game.classroom.verify import verify_log
from game.engine import Game, IllegalMove, Move, Seat, State
from game.engine.batch import Batch, Kind, draw_tapes
from game.engine.simulate import play_out
from game.engine.strategies import make_strategy
from game.scenario import bundled_paths, load_or_raise

from .helpers import new_exercise

HUMANS = {"us": Seat(), "pk": Seat()}


@pytest.fixture(scope="module")
def game() -> Game:
    return Game(load_or_raise(bundled_paths()[0]))


def test_an_event_applies_its_effects_and_keeps_the_turn(game: Game) -> None:
    state = game.new_state(4, HUMANS)
    event = next(e for e in game.scenario.events if e.crisis is None)  # a crisis hands the turn to the side hit
    k = game.rules.event_ids.index(event.id)
    row = game.rules.event_offset + k
    mover, trust = state.current_actor, state.trust
    record = state.apply(Move(mover or "", "event", event=event.id), "broadcast")
    fx = game.rules.effects
    assert state.current_actor == mover and state.round == 1
    assert state.trust == pytest.approx(np.clip(trust + fx.trust[row], 0, 1))
    assert state.fired(event.id) == 1
    assert [item.event for item in record.news] == [event.id] and state.news[-1].headline == event.headline
    assert not record.computer and record.utilities is None


def test_an_event_must_be_the_scenarios_and_in_the_movers_turn(game: Game) -> None:
    state = game.new_state(4, HUMANS)
    mover = state.current_actor or ""
    other = game.scenario.other(mover).id
    assert "no such event" in (state.why_illegal(Move(mover, "event", event="nope")) or "")
    assert "turn" in (state.why_illegal(Move(other, "event", event=game.scenario.events[0].id)) or "")
    with pytest.raises(IllegalMove):
        state.apply(Move(mover, "event", event="nope"))
    assert "event" not in state.legal_kinds()


def test_a_game_with_news_replays_from_its_log_with_computer_moves_verified(game: Game) -> None:
    state = game.new_state(5, {"us": Seat(), "pk": Seat("adaptive", "hard")})
    state.advance()
    assert any(e.crisis for e in game.scenario.events[:3])  # broadcast news may be a crisis too
    for event in game.scenario.events[:3]:
        state.apply(Move(state.current_actor or "", "event", event=event.id))
        answer_crises(state)
        if state.is_terminal:
            break
        state.apply(Move("us", "reject") if state.standing_offer("pk") else Move("us", "pass"))
        state.advance()
    replayed = State.from_log(game, state.to_log(), verify=True)
    assert replayed.to_log() == state.to_log()


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_a_batch_with_news_equals_single_games(path) -> None:
    """EVENT in the vectorised batch: each game gets a different event first, then computers play it out."""
    game = Game(load_or_raise(path))
    rules = game.rules
    n = 8
    tapes = draw_tapes(rules, np.random.default_rng(7), n)
    seats = [(a.style, "normal") for a in game.scenario.actors]
    batch = Batch(rules, tapes)
    sides = [make_strategy(name, rules, a, n, level) for a, (name, level) in enumerate(seats)]
    g = np.arange(n)
    events = np.arange(n) % len(rules.event_ids)
    assert batch.legal(g, Kind.EVENT, event=events).all()
    opener = int(batch.turn[0])
    batch.step(g, Kind.EVENT, event=events)
    for side in sides:
        side.observe(batch, g, opener, Kind.EVENT)
    play_out(batch, sides)
    for i in range(n):
        state = State(game, 0, {a.id: Seat(*seats[j]) for j, a in enumerate(game.scenario.actors)},
                      tape=tapes[i : i + 1])
        state.apply(Move(state.current_actor or "", "event", event=rules.event_ids[events[i]]))
        state.advance()
        assert state.status == ["ongoing", "deal", "deadline", "walked", "failed"][int(batch.status[i])]
        assert state.trust == pytest.approx(float(batch.trust[i]))
        assert np.array_equal(state.batch.fired[0], batch.fired[i])
        assert state.returns() == pytest.approx(dict(zip(rules.actor_ids, batch.returns()[i], strict=True)))


def test_only_a_signed_log_may_hold_news(tmp_path) -> None:
    opened = new_exercise(tmp_path / "ex", "--tables", "1", "--seed", "3")
    plan = opened.exercise.tables[0]
    state = opened.game.new_state(plan.seed, plan.engine_seats())
    state.apply(Move(state.current_actor or "", "event", event=opened.scenario.events[1].id), "news")
    while not state.is_terminal:
        state.apply(Move(state.current_actor or "", "walk"))
    secret = opened.secret()
    assert secret is not None
    unsigned = build_log(opened, plan, None, state)
    assert verify_log(opened, "offline.json", unsigned, secret).verdict == "forged"
    signed = build_log(opened, plan, None, state, secret=secret)
    check = verify_log(opened, "hosted.json", signed, secret)
    assert check.verdict == "genuine", check.reason
