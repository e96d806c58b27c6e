"""The table reads at 80x24 on every bundled scenario, and uses a larger terminal's room."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from game.scenario import bundled_paths
from game.scenario.models import Scenario
from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.board import IssueBoard
from game.tui.widgets.options import OptionPane
from game.tui.widgets.score import ScorePanel

from .conftest import drive, finished_game, press, to_table

MAIN_KEYS = {"p", "a", "r", "s", "g", "w", "question_mark", "q"}


def _no_sideways_scrolling(screen: Screen) -> None:
    for widget in screen.query(Widget):
        assert not widget.show_horizontal_scrollbar, f"{widget!r} scrolls sideways"
        if widget.styles.overflow_x != "hidden":
            assert widget.max_scroll_x == 0, f"{widget!r} scrolls sideways"


def _fits(screen: TableScreen, width: int, height: int) -> None:
    _no_sideways_scrolling(screen)
    for kind in (IssueBoard, OptionPane, ScorePanel):
        region = screen.query_one(kind).region
        assert region.width > 0 and region.right <= width
        assert region.bottom <= height - 1, f"{kind.__name__} is cut off by the footer"
    board = screen.query_one(IssueBoard)
    assert board.region.height == 1 + len(screen.state.scenario.issues)


def _footer_keys(screen: TableScreen, width: int) -> set[str]:
    footer = screen.query_one(Footer)
    shown = set()
    for key in footer.query("FooterKey"):
        if key.region.width and key.region.right <= width:
            shown.add(str(getattr(key, "key", "")))
    return shown


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_the_table_fits_80x24_without_sideways_scrolling(path: Path) -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, TitleScreen)
        index = [e.path for e in screen.entries].index(path)
        await press(pilot, *(["down"] * index))
        table = await to_table(app, pilot)
        _fits(table, 80, 24)
        assert _footer_keys(table, 80) >= MAIN_KEYS
        assert not table.query_one("#sidebar").display or table.query_one("#sidebar").region.width == 0

    drive(LaunchOptions(seed=3, opponent="conceder/easy"), script)


def test_a_large_terminal_gets_a_news_and_transcript_column() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        assert table.has_class("-wide") and table.has_class("-tall")
        sidebar = table.query_one("#sidebar")
        assert sidebar.region.width >= 50
        assert table.query_one("#log-wide").region.height >= 20
        assert table.query_one("#log-narrow").region.height == 0
        _fits(table, 160, 50)

    drive(LaunchOptions(seed=3, opponent="conceder/easy"), script, size=(160, 50))


def test_the_debrief_fits_80x24_and_scrolls_down(spy: Scenario) -> None:
    done = finished_game(spy)

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        screen = app.screen
        _no_sideways_scrolling(screen)
        body = screen.query_one("#debrief")
        assert body.max_scroll_y > 0
        await press(pilot, "end")

    drive(LaunchOptions(resume=done.save_path), script)
