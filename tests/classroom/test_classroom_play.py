"""Playing a table: the per-move time limit (a move chosen too late is not played and the turn
passes: a rejection when an offer stands, else a pass; a fake clock, no sleeping), resuming a
table's game, and a table being played once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import game.classroom.play as classroom_play
from game.classroom import TIMEOUT_REASON, TurnTimer, open_exercise, verify_logs
from game.classroom.files import read_logs
from game.classroom.play import save_path, timeout_move
from game.engine import Game, Move, Seat
from game.engine.analysis import analyze_rules
from game.plain import run_plain
from game.scenario import load_or_raise
from game.session import read_log
from game.session.launch import LaunchOptions

from .classroom_helpers import SPY, FakeClock, ScriptedInput, new_exercise, settle


def test_timer_counts_from_start_on_the_injected_clock() -> None:
    clock = FakeClock()
    timer = TurnTimer(30, clock)
    clock.now += 29.5
    assert not timer.expired() and timer.remaining() == 0.5
    clock.now += 1
    assert timer.expired() and timer.remaining() == 0.0
    timer.start()
    assert not timer.expired() and timer.used() == 0
    assert TurnTimer(None, clock).remaining() is None and not TurnTimer(None, clock).expired()


def test_timeout_rejects_a_standing_offer_and_passes_otherwise() -> None:
    game = Game(load_or_raise(SPY))
    state = game.new_state(5, {"us": Seat(), "pk": Seat()})
    assert timeout_move(state, "pk") == Move("pk", "pass")
    state.apply(Move("pk", "pass"), TIMEOUT_REASON)
    assert timeout_move(state, "us") == Move("us", "pass")
    state.apply(Move("us", "propose", package=game.rules.choice_of(analyze_rules(game.rules).nash)))
    assert timeout_move(state, "pk") == Move("pk", "reject")


def test_plain_mode_passes_the_turn_when_time_runs_out(tmp_path: Path, parley_home: Path) -> None:
    folder = tmp_path / "timed"
    opened = new_exercise(folder, "--tables", "2", "--seed", "5", "--round-time", "60")
    clock = FakeClock()
    out = io.StringIO()
    answers = [
        "",  # Pakistan: ready
        "p",  # Pakistan starts composing a proposal ... (arrives after 100 s)
        "0",  # ... and backs out: the time is up, so the turn passes with no proposal
        "",  # United States: ready
        "p", "3", "3", "2", "3", "1", "y",  # proposes in time (1 s an answer), in private
        "",  # Pakistan: ready
        "a", "y",  # accepts, but too late (100 s): the offer is rejected instead
        "",  # United States: ready
        "w", "y",  # walks out in time: the game ends
    ]
    stdin = ScriptedInput(answers, out, clock, delays={1: 100.0, 12: 100.0})
    code = run_plain(LaunchOptions(exercise=folder, table=1), stdin, out, clock=clock)
    text = out.getvalue()
    assert code == 0, text
    assert "time left 60 s" in text
    assert "Time is up (101 s of 60 s): your turn passes and you make no proposal this round." in text
    assert "Round 1. Pakistan lets its turn pass without a proposal." in text
    assert "Time is up (101 s of 60 s): your turn passes and their offer is rejected." in text
    assert "Round 2. Pakistan rejects the offer." in text
    assert "Round 2. United States walks away." in text
    log = read_log(opened.folder / "results" / "table-01.json")
    moves = [(e["move"]["actor"], e["move"]["kind"], e["move"]["reason"]) for e in log["entries"]]
    assert moves == [("pk", "pass", TIMEOUT_REASON), ("us", "propose", ""), ("pk", "reject", TIMEOUT_REASON),
                     ("us", "walk", "")]
    assert log["header"]["round_time"] == 60.0
    [check] = verify_logs(open_exercise(folder), read_logs(opened))
    assert check.genuine, check.line()


def test_an_exercise_game_stopped_midway_resumes_at_its_table(tmp_path: Path, parley_home: Path) -> None:
    folder = tmp_path / "resume"
    opened = new_exercise(folder, "--tables", "2", "--seed", "8", "--vs-computer", "linear", "--side", "us")
    out = io.StringIO()
    # Input runs out after one proposal: the game is saved, not handed in.
    code = run_plain(LaunchOptions(exercise=folder, table=2, seat="us"),
                     ScriptedInput(["p", "3", "3", "2", "3", "1", "y"], out), out)
    assert code == 0 and "--table 2" in out.getvalue().splitlines()[-1]
    assert not list((folder / "results").iterdir())
    saved = read_log(save_path(opened, opened.exercise.table(2)))
    assert len(saved["moves"]) >= 2
    out = io.StringIO()
    code = run_plain(LaunchOptions(exercise=folder, table=2, seat="us"), ScriptedInput([settle] * 80, out), out)
    assert code == 0, out.getvalue()
    assert "Continuing this table's game from round" in out.getvalue()
    [check] = verify_logs(opened, read_logs(opened))
    assert check.genuine and check.table == 2
    assert check.outcome is not None and check.outcome["moves"] > len(saved["moves"])


def test_a_table_is_played_once_and_its_log_is_never_duplicated(tmp_path: Path, parley_home: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "once"
    opened = new_exercise(folder, "--tables", "1", "--vs-computer", "conceder/easy", "--side", "us")
    options = LaunchOptions(exercise=folder, table=1, seat="us")

    def refuse(*args: object, **kwargs: object) -> Path:
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patch:
        patch.setattr(classroom_play, "write_result", refuse)
        out = io.StringIO()
        assert run_plain(options, ScriptedInput([settle] * 80, out), out) == 1
    assert "cannot write the game log (Permission denied); the game is saved" in out.getvalue().splitlines()[-1]
    for _ in range(2):  # the same command again: the finished game's log is written, once
        out = io.StringIO()
        assert run_plain(options, ScriptedInput([settle] * 5, out), out) == 0, out.getvalue()
        assert "This table's game is over already" in out.getvalue()
        assert "Your game log for the instructor:" in out.getvalue()
    assert [p.name for p in (folder / "results").iterdir()] == ["table-01.json"]
    [check] = verify_logs(opened, read_logs(opened))
    assert check.genuine
