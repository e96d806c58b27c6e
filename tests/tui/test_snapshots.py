"""Screenshots of the title, table and debrief at 80x24 and 120x40, compared with approved SVGs.

Deterministic by construction: a fixed seed and opponent, saves in a per-test folder, and no
clock or path on these screens. Update with ``pytest tests/tui --snapshot-update`` and look
at every changed SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from game.scenario.models import Scenario
from game.session.launch import LaunchOptions
from game.tui.app import create_app

from .conftest import finished_game, press, settle

SIZES = [(80, 24), (120, 40)]
SnapCompare = Callable[..., bool]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_title_screen(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)  # the scenarios are read in a worker

    app = create_app(LaunchOptions(seed=7, opponent="conceder/easy"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_table_screen(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "enter")  # start
        await press(pilot, "enter")  # past the briefing
        await press(pilot, "right", "p")  # propose with strikes on notice (played off the UI thread)
        await press(pilot, "down", "down")  # the cursor on the Haqqani network

    app = create_app(LaunchOptions(seed=7, opponent="conceder/easy"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_debrief_screen(snap_compare: SnapCompare, size: tuple[int, int], spy: Scenario) -> None:
    done = finished_game(spy)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)

    app = create_app(LaunchOptions(resume=done.save_path))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_privacy_screen(snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "enter")

    app = create_app(LaunchOptions(seed=7, opponent="human"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
