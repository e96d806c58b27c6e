"""Autosave, resume after a kill, and replay of a saved game."""

from __future__ import annotations

import json
from pathlib import Path

from tests_support import crisis_answer
from textual.pilot import Pilot

from game.engine import Move, Seat
from game.scenario.models import Scenario
from game.session import Session, list_saves
from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.saves import SavesScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen

from .conftest import GREEDY, SPY_PATH, drive, finished_game, notes, press


def _interrupted_game(spy: Scenario) -> tuple[Path, int]:
    """A game played for a few moves, then dropped as if the program had been killed."""
    session = Session.new(spy, SPY_PATH, 5, {"us": Seat(), "pk": Seat("adaptive", "normal")})
    session.advance()
    session.play(Move("us", "propose", package=GREEDY))
    while (answer := crisis_answer(session.state)) is not None:  # a crisis is answered first
        session.play(answer)
    session.play(Move("us", "signal", signal=("haqqani",)))
    path, moves = session.save_path, len(session.state.history)
    assert path is not None
    del session
    return path, moves


def test_resume_list_reopens_a_killed_game_where_it_was(spy: Scenario) -> None:
    path, moves = _interrupted_game(spy)

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        assert isinstance(app.screen, SavesScreen)
        assert [s.path for s in app.screen.saves] == [path]
        await press(pilot, "enter")
        table = app.screen
        assert isinstance(table, TableScreen)
        assert len(table.state.history) == moves and table.me == "us"
        assert table.state.history[-1].move.kind == "signal"
        await press(pilot, "s")  # the signal was replayed, so this turn's signal is spent
        assert any("already signalled" in n for n in notes(app))
        await press(pilot, "p", "y")
        saved = json.loads(path.read_text(encoding="utf-8"))
        assert len(saved["moves"]) == len(table.state.history) > moves

    drive(LaunchOptions(resume_list=True), script)


def test_resume_opens_a_save_directly_and_a_finished_one_on_its_debrief(spy: Scenario) -> None:
    path, moves = _interrupted_game(spy)
    done = finished_game(spy)

    async def ongoing(app: ParleyApp, pilot: Pilot) -> None:
        assert isinstance(app.screen, TableScreen)
        assert len(app.screen.state.history) == moves

    async def finished(app: ParleyApp, pilot: Pilot) -> None:
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.result.status == "deal"
        await press(pilot, "q")  # nothing in progress: no question
        assert app.return_code == 0

    drive(LaunchOptions(resume=path), ongoing)
    assert done.save_path is not None
    drive(LaunchOptions(resume=done.save_path), finished)


def test_a_broken_save_falls_back_to_the_title_with_the_reason(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        assert isinstance(app.screen, TitleScreen)
        assert any("not valid json" in n for n in notes(app))

    drive(LaunchOptions(resume=bad), script)


def test_saves_screen_from_the_title_and_back(spy: Scenario) -> None:
    _interrupted_game(spy)

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        title = app.screen
        await press(pilot, "r")
        assert isinstance(app.screen, SavesScreen)
        await press(pilot, "escape")
        assert app.screen is title
        await press(pilot, "r", "enter")
        assert isinstance(app.screen, TableScreen)
        assert len(app.screen_stack) == 2  # the table replaced the title and the list

    drive(LaunchOptions(seed=1), script)


def test_replay_steps_through_the_game_read_only_and_ends_on_the_debrief(spy: Scenario) -> None:
    done = finished_game(spy)
    path = done.save_path
    assert path is not None
    before = path.read_bytes()
    total = len(done.state.history)

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        assert replay.step == 0 and len(replay.state.history) == 0
        await press(pilot, "right")
        assert replay.step == 1 and replay.state.history[-1].move.actor == "pk"
        assert replay.package == replay.state.history[-1].move.package
        await press(pilot, "n", "n")
        assert replay.step == 3
        await press(pilot, "left")
        assert replay.step == 2
        await press(pilot, "p")  # read-only: p steps back, it never proposes
        assert replay.step == 1
        await press(pilot, "end")
        assert replay.step == total and replay.state.status == "deal"
        await press(pilot, "right")
        assert isinstance(app.screen, DebriefScreen) and app.screen.from_replay
        await press(pilot, "escape")
        assert app.screen is replay
        await press(pilot, "home")
        assert replay.step == 0
        await press(pilot, "enter")
        assert isinstance(app.screen, DebriefScreen)

    drive(LaunchOptions(replay=path), script)
    assert path.read_bytes() == before
    assert len(list_saves()) == 1


def test_replay_from_the_saves_list(spy: Scenario) -> None:
    finished_game(spy)

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        await press(pilot, "x")
        assert isinstance(app.screen, ReplayScreen)

    drive(LaunchOptions(resume_list=True), script)
