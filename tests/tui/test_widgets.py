"""The pure parts of the widgets: bars, column widths, the chart's key, the composer's start."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from textual.app import App, ComposeResult

from game.engine import Game, Move, Seat
from game.scenario import bundled_paths, load
from game.scenario.models import Scenario
from game.tui.screens.title import light_markdown
from game.tui.view import Perspective, bar, fit
from game.tui.widgets.board import columns
from game.tui.widgets.chart import ChartData, Marker, OutcomeChart, legend_lines


def test_bar_fills_in_eighths_and_keeps_its_width() -> None:
    assert bar(0.0, 4) == "    "
    assert bar(1.0, 4) == "████"
    assert bar(0.5, 4) == "██  "
    assert bar(1 / 16, 2) == "▏ "
    assert bar(2.0, 3) == "███" and bar(-1.0, 3) == "   "


def test_fit_cuts_with_an_ellipsis_and_pads() -> None:
    assert fit("Strikes continue as now", 10) == "Strikes c…"
    assert fit("abc", 5) == "abc  "
    assert fit("abc", 0) == ""


@pytest.mark.parametrize("width", range(40, 220, 7))
@pytest.mark.parametrize("longest", [12, 28, 40])
def test_board_columns_never_exceed_the_width(width: int, longest: int) -> None:
    cols = columns(width, 24, longest)
    assert cols.total <= width
    if width >= 60:
        assert cols.compose >= 18 and cols.theirs >= 12
    if width >= 94:  # the wide layout's board: every label in full in both columns
        assert cols.compose >= longest + 6 or longest > 28
        assert cols.theirs >= longest + 2 or longest > 28


@pytest.mark.parametrize("width", [20, 40, 60, 120])
def test_the_chart_key_wraps_between_items(width: int) -> None:
    lines = legend_lines(width)
    assert all(line.cell_length <= width for line in lines)
    text = " ".join(line.plain for line in lines)
    for item in ("outside the zone", "agreement zone", "Pareto frontier", "Nash point", "the deal"):
        assert item in text


def test_light_markdown_keeps_bold_and_italic_as_styles() -> None:
    content = light_markdown("**Washington, 2012.** The *ISI* chief\nvisits.")
    assert content.plain == "Washington, 2012. The ISI chief visits.\n"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    loaded = load(bundled_paths()[0]).scenario
    assert loaded is not None
    return loaded


def test_the_first_composition_respects_both_sides_red_lines(scenario: Scenario) -> None:
    for actor in scenario.actors:
        state = Game(scenario).new_state(3, {actor.id: Seat()})
        view = Perspective(state, actor.id)
        package = view.best_package()
        for issue, option in package.items():
            assert option not in view.my_red.get(issue, set())
            assert option not in view.their_red.get(issue, set())
        assert abs(sum(view.weights.values()) - 1.0) < 1e-9
        problem = state.why_illegal(Move(actor.id, "propose", package=package))
        assert problem in (None, f"it is not {actor.id}'s turn")


def test_the_chart_draws_every_layer_and_marker() -> None:
    rng = np.random.default_rng(0)
    x, y = rng.random(300), rng.random(300)
    zone = np.flatnonzero((x > 0.4) & (y > 0.4))
    data = ChartData(x=x, y=y, zone=zone, frontier=zone[:5], reservation=(0.4, 0.4),
                     x_label="worth to you", y_label="worth to them",
                     markers=[Marker(0.9, 0.9, "★", "$success", 3), Marker(0.5, 0.5, "N", "$warning", 2)])

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield OutcomeChart(data)

    async def main() -> str:
        app = Host()
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            return app.query_one(OutcomeChart).render().plain

    text = asyncio.run(main())
    lines = text.splitlines()
    assert lines[0].startswith("↑ worth to them")
    assert "★" in text and "N" in text
    assert any(0x2800 < ord(ch) <= 0x28FF for ch in text)  # braille dots
    assert lines[1].startswith("1.0┤") and any(line.startswith("0.0┤") for line in lines)
    assert all(len(line) <= 60 for line in lines)
