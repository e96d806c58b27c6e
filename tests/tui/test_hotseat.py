"""Hot-seat: two people at one keyboard, with a privacy curtain at every change of seat."""

from __future__ import annotations

from textual.pilot import Pilot

from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.dialogs import ConfirmScreen, PrivacyScreen
from game.tui.screens.table import TableScreen
from game.tui.widgets.feed import TextPanel

from .conftest import drive, press, propose


def _log_text(table: TableScreen) -> str:
    panel = table.query_one("#log-narrow", TextPanel)
    return str(panel._body.render())


def test_hot_seat_hides_each_side_from_the_other() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        await press(pilot, "enter")
        # Pakistan opens this scenario: its negotiator sits down first, behind the curtain.
        assert isinstance(app.screen, PrivacyScreen)
        assert app.screen.side_name == "Pakistan"
        shot = app.export_screenshot()
        assert "Worth to you" not in shot and "Your proposal" not in shot
        await press(pilot, "enter")
        assert isinstance(app.screen, BriefingScreen) and app.screen.actor_id == "pk"
        await press(pilot, "enter")
        table = app.screen
        assert isinstance(table, TableScreen) and table.hotseat and table.me == "pk"
        await propose(pilot)
        assert table.state.current_actor == "us"
        assert isinstance(app.screen, PrivacyScreen)
        assert app.screen.side_name == "United States"
        await press(pilot, "enter")
        assert isinstance(app.screen, BriefingScreen) and app.screen.actor_id == "us"
        await press(pilot, "enter")
        assert app.screen is table and table.me == "us"
        text = _log_text(table)
        assert "Worth: US" in text and "Worth: Pakistan" not in text  # never the other side's values
        # A signal leaves the turn open: no curtain. A proposal ends it: curtain again,
        # and Pakistan (already briefed) goes straight back to its table.
        await press(pilot, "s", "enter", "s", "y")  # in private
        assert app.screen is table and table.me == "us"
        await propose(pilot)
        assert isinstance(app.screen, PrivacyScreen)
        await press(pilot, "enter")
        assert app.screen is table and table.me == "pk"
        await press(pilot, "a", "y")
        assert isinstance(app.screen, (DebriefScreen, PrivacyScreen))

    drive(LaunchOptions(seed=7, opponent="human"), script)


def test_hot_seat_walk_out_goes_to_the_debrief() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        await press(pilot, "enter", "enter", "enter")
        table = app.screen
        assert isinstance(table, TableScreen) and table.me == "pk"
        await press(pilot, "w")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.result.walked_by == "pk"

    drive(LaunchOptions(seed=7, opponent="human"), script)
