"""The one-game API: illegal moves explain themselves and change nothing; logs replay or are refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.engine import DIFFICULTIES, STRATEGIES, Game, IllegalMove, Move, ReplayError, Seat, State
from game.scenario import load_or_raise

MINIMAL = load_or_raise(Path(__file__).resolve().parents[1] / "data" / "valid" / "minimal.yaml")
FAIR = {"tariff": "quarter", "quota": "phase-out", "inspections": "joint"}
SCRAP = {"tariff": "none", "quota": "scrap", "inspections": "national"}


def snapshot(state: State) -> dict[str, Any]:
    """Everything a move could change: the log, the news, and every array of the batch."""
    arrays = {k: v.copy() for k, v in vars(state.batch).items() if isinstance(v, np.ndarray)}
    analysts = {i: b.log_post.copy() for i, b in state.analysts.items()}
    return {"log": json.dumps(state.to_log()), "news": list(state.news), "arrays": arrays,
            "analysts": analysts, "offers": list(state.offer_log)}


def assert_unchanged(before: dict[str, Any], after: dict[str, Any]) -> None:
    assert after["log"] == before["log"] and after["news"] == before["news"]
    assert after["offers"] == before["offers"]
    for name, array in before["arrays"].items():
        assert np.array_equal(array, after["arrays"][name]), f"batch.{name} changed"
    for i, post in before["analysts"].items():
        assert np.array_equal(post, after["analysts"][i])


def humans() -> State:
    return Game(MINIMAL).new_state(7, {"a": Seat(), "b": Seat()})


def after(*moves: Move) -> State:
    state = humans()
    for move in moves:
        state.apply(move)
    return state


# Each row: the moves that set the scene, the illegal move, and the message the player reads.
ILLEGAL = {
    "not your turn": ((), Move("b", "propose", package=FAIR), "it is not b's turn"),
    "no package": ((), Move("a", "propose"), "a proposal needs an option for every issue"),
    "missing issue": ((), Move("a", "propose", package={"tariff": "half"}),
                      "a proposal needs a known option for every issue"),
    "unknown option": ((), Move("a", "propose", package={**FAIR, "tariff": "double"}),
                       "a proposal needs a known option for every issue"),
    "own red line": ((Move("a", "propose", package=FAIR),), Move("b", "propose", package=SCRAP),
                     "that package crosses your own red line on Import quotas"),
    "nothing to accept": ((), Move("a", "accept"), "there is no offer from the other side to accept"),
    "accept across red line": ((Move("a", "propose", package=SCRAP),), Move("b", "accept"),
                               "their offer crosses your red line on Import quotas"),
    "nothing to reject": ((), Move("a", "reject"), "there is no offer to reject"),
    "signal twice": ((Move("a", "signal", signal=("tariff",)),), Move("a", "signal", signal=("quota",)),
                     "you have already signalled this turn"),
    "empty signal": ((), Move("a", "signal", signal=()), "name between 1 and 3 issues, most important first"),
    "long signal": ((), Move("a", "signal", signal=("tariff", "quota", "inspections", "tariff")),
                    "name between 1 and 3 issues, most important first"),
    "repeated signal": ((), Move("a", "signal", signal=("tariff", "tariff")), "signal known, distinct issues"),
    "unknown signal": ((), Move("a", "signal", signal=("weather",)), "signal known, distinct issues"),
    "unknown tactic": ((), Move("a", "tactic", tactic="bribe"), "unknown move"),
    "their tactic": ((), Move("a", "tactic", tactic="threaten-walkout"), "that move belongs to the other side"),
    "two tactics": ((Move("a", "tactic", tactic="praise-progress"),), Move("a", "tactic", tactic="praise-progress"),
                    "one gesture or pressure move per turn"),
    "used up": ((Move("a", "tactic", tactic="praise-progress"), Move("a", "propose", package=FAIR),
                 Move("b", "propose", package=FAIR)), Move("a", "tactic", tactic="praise-progress"),
                "that move has been used up"),
    "unknown kind": ((), Move("a", "bribe"), "unknown kind of move 'bribe'"),  # type: ignore[arg-type]
    "game over": ((Move("a", "walk"),), Move("b", "propose", package=FAIR), "the game is over"),
}


@pytest.mark.parametrize("case", ILLEGAL)
def test_illegal_moves_explain_and_change_nothing(case: str) -> None:
    setup, move, message = ILLEGAL[case]
    state = after(*setup)
    before = snapshot(state)
    assert state.why_illegal(move) == message
    with pytest.raises(IllegalMove) as err:
        state.apply(move)
    assert str(err.value) == message
    assert_unchanged(before, snapshot(state))


def test_the_same_moves_are_legal_in_their_place() -> None:
    """The scene-setting moves above are legal, so each illegal case fails for its own reason."""
    for setup, _, _ in ILLEGAL.values():
        state = humans()
        for move in setup:
            assert state.why_illegal(move) is None
            state.apply(move)


def test_legal_kinds_follow_the_state() -> None:
    state = humans()
    assert state.legal_kinds() == ["propose", "signal", "line", "tactic", "walk"]
    state.apply(Move("a", "propose", package=FAIR))
    assert state.legal_kinds() == ["propose", "accept", "reject", "signal", "line", "tactic", "walk"]
    state.apply(Move("b", "line", issue="quota", options=("scrap",)))
    assert "line" not in state.legal_kinds()  # one line per turn
    assert state.available_tactics("b") == ["threaten-walkout"] and state.available_tactics("a") == []


# -- logs ----------------------------------------------------------------------------------------

def played() -> tuple[Game, dict[str, Any]]:
    """A finished game: a person against the scenario's computer side."""
    game = Game(MINIMAL)
    state = game.new_state(3, {"a": Seat(), "b": Seat("boulware", "hard")})
    state.apply(Move("a", "propose", package=FAIR))
    state.advance()
    state.apply(Move("a", "signal", signal=("tariff", "quota")))
    state.apply(Move("a", "propose", package={**FAIR, "tariff": "half"}))
    state.advance()
    state.apply(Move("a", "walk"))
    return game, json.loads(json.dumps(state.to_log()))


def test_a_log_replays_to_the_same_game() -> None:
    game, log = played()
    again = State.from_log(game, log)
    assert json.loads(json.dumps(again.to_log())) == log
    assert again.status == "walked"


def test_a_changed_scenario_refuses_the_log() -> None:
    _, log = played()
    changed = MINIMAL.model_copy(update={"rounds": MINIMAL.rounds + 1})
    with pytest.raises(ReplayError, match="hash") as err:
        State.from_log(Game(changed), log)
    assert "has changed since this game was played" in str(err.value)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda log: log.update(format="chess/1"), "not a Parley game log"),
    (lambda log: log["scenario"].update(id="other"), "this log is a game of scenario 'other'"),
    (lambda log: log.update(seed=-1), "the log has no valid seed"),
    (lambda log: log["seats"].update(b="grandmaster"), "unknown strategy 'grandmaster'"),
    (lambda log: log["moves"][1].update(kind="walk"), r"move 2: the computer \(boulware/hard\) did not play that"),
    (lambda log: log["moves"][0]["package"].update(quota="scrap") or log["moves"][0].update(actor="b"),
     r"move 1: an illegal move at that point \(it is not b's turn\)"),
    (lambda log: log["moves"].insert(0, {"kind": "dance"}), "move 1: not a move"),
    (lambda log: log.update(moves=None), "the log has no list of moves"),
    (lambda log: log.pop("moves"), "the log has no list of moves"),
    (lambda log: log["moves"][0].update(package=["tariff"]), "move 1: not a move"),
])
def test_broken_logs_are_refused_with_a_reason(edit: Any, message: str) -> None:
    game, log = played()
    edit(log)
    with pytest.raises(ReplayError, match=message):
        State.from_log(game, log)


def test_a_replay_error_names_the_move_and_the_computer_s_own_move() -> None:
    game, log = played()
    log["moves"][1].update(kind="walk")
    with pytest.raises(ReplayError) as err:
        State.from_log(game, log)
    assert err.value.index == 1
    assert err.value.expected is not None and err.value.expected.kind == "propose"


def test_replay_without_verification_accepts_edited_computer_moves() -> None:
    game, log = played()
    log["moves"][1] = {"actor": "b", "kind": "propose", "package": FAIR, "reason": "edited"}
    state = State.from_log(game, log, verify=False)
    assert state.history[1].move.package == FAIR


# -- seats ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", STRATEGIES)
@pytest.mark.parametrize("level", DIFFICULTIES)
def test_every_strategy_and_difficulty_can_be_seated(name: str, level: str) -> None:
    seat = Seat.parse(f" {name.upper()}/{level} ")
    assert (seat.strategy, seat.difficulty, seat.human) == (name, level, False)
    assert str(seat) == f"{name}/{level}"
    assert Seat.parse(name) == Seat(name, "normal")
    state = Game(MINIMAL).new_state(1, {"a": seat, "b": Seat()})
    assert state.strategies[0].name == name and state.strategies[0].difficulty == level
    move, why = state.computer_move()
    assert move.actor == "a" and why


def test_seat_parse_errors_name_the_choices() -> None:
    assert Seat.parse("human").human
    with pytest.raises(ValueError, match="unknown strategy 'bogus'; choose human or one of boulware, linear"):
        Seat.parse("bogus")
    with pytest.raises(ValueError, match="unknown difficulty 'expert'; choose one of easy, normal, hard"):
        Seat.parse("boulware/expert")
    with pytest.raises(ValueError, match="unknown side 'c'"):
        Game(MINIMAL).new_state(0, {"c": Seat()})
    with pytest.raises(ValueError, match="seed"):
        Game(MINIMAL).new_state(-1)


def test_unlisted_sides_play_their_scenario_style() -> None:
    state = Game(MINIMAL).new_state(0)
    assert {a: str(s) for a, s in state.seats.items()} == {"a": "adaptive/normal", "b": "adaptive/normal"}
    state.advance()
    assert state.is_terminal and all(r.computer for r in state.history)


def test_a_log_of_an_earlier_engine_replays_its_computer_moves_as_recorded() -> None:
    """Saves outlive engine versions: an older log's computer moves are taken as played (and still
    checked for legality); a log of this version must match the computer move for move."""
    from game.engine.log import ENGINE_VERSION

    game, log = played()
    assert log["engine"] == ENGINE_VERSION
    log["moves"][1] = {"actor": "b", "kind": "propose", "package": FAIR, "reason": "as it was"}
    with pytest.raises(ReplayError, match="did not play that"):
        State.from_log(game, log)
    log["engine"] = ENGINE_VERSION - 1
    state = State.from_log(game, log)
    assert state.history[1].move.package == FAIR and state.history[1].reason == "as it was"
    log["moves"][1]["package"] = {**FAIR, "quota": "scrap"}  # still an illegal move: refused
    with pytest.raises(ReplayError, match="red line"):
        State.from_log(game, log)
