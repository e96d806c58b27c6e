"""The title screen: scenarios on offer, preselection from the command line, invalid files."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from game.scenario import bundled_paths
from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen

from .conftest import drive, notes, press

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"


def _info(app: ParleyApp) -> str:
    return str(app.screen.query_one("#info", Static).content)


def test_lists_every_bundled_scenario_and_preselects_from_the_command_line() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, TitleScreen)
        assert [e.path for e in screen.entries] == bundled_paths()
        assert all(e.scenario is not None for e in screen.entries)
        assert screen.query_one("#pick-side", Select).value == "pk"
        assert screen.query_one("#opponent", Select).value == "boulware"
        assert screen.query_one("#difficulty", Select).value == "hard"
        assert screen.query_one("#seed", Input).value == "42"
        assert "Spy Chiefs in Washington" in _info(app)
        await press(pilot, "down")
        assert "The Last Five to Ten Percent" in _info(app)
        await press(pilot, "up", "enter")
        assert isinstance(app.screen, BriefingScreen) and app.screen.actor_id == "pk"
        await press(pilot, "enter")
        assert isinstance(app.screen, TableScreen)
        state = app.screen.state
        assert state.seed == 42 and str(state.seats["us"]) == "boulware/hard" and state.seats["pk"].human

    drive(LaunchOptions(side="pk", opponent="boulware/hard", seed=42), script)


def test_the_seed_is_random_by_default_and_editable() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        seed = app.screen.query_one("#seed", Input)
        assert seed.value.isdigit()
        seed.value = ""
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, TitleScreen)
        assert any("the seed is a whole number" in n for n in notes(app))
        seed.value = "1234"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.state.seed == 1234

    drive(LaunchOptions(), script)


def test_an_invalid_scenario_file_shows_located_errors_not_a_traceback() -> None:
    broken = BROKEN / "missing-field.yaml"

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, TitleScreen)
        assert screen.entries[0].path == broken and screen.entries[0].scenario is None
        info = _info(app)
        assert f"{broken}:" in info
        line = next(d for d in screen.entries[0].loaded.diagnostics if d.is_error)
        assert line.format() in info
        assert f":{line.line}:{line.col}: error:" in info
        await press(pilot, "enter")
        assert isinstance(app.screen, TitleScreen)
        assert any("has errors" in n for n in notes(app))
        await press(pilot, "down", "enter")  # the bundled ones still play
        assert isinstance(app.screen, BriefingScreen)

    drive(LaunchOptions(scenario_paths=[broken]), script)


def test_a_missing_scenario_file_is_reported_too(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        assert "nowhere.yaml" in _info(app)
        assert "error" in _info(app)

    drive(LaunchOptions(scenario_paths=[missing]), script)


def test_a_bad_opponent_spec_is_reported_and_the_scenario_style_used() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        assert any("unknown strategy" in n for n in notes(app))
        assert app.screen.query_one("#opponent", Select).value == "adaptive"  # Pakistan's style

    drive(LaunchOptions(opponent="grandmaster"), script)


def test_hot_seat_disables_the_difficulty() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        assert app.screen.query_one("#difficulty", Select).disabled

    drive(LaunchOptions(opponent="human"), script)
