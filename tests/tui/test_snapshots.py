"""Screenshots of the title, the table (every bundled scenario), the tactic picker and the debrief
at 60x20, 80x24, 120x40 and 200x50, compared with approved SVGs.

Deterministic by construction: a fixed seed and opponent, saves in a per-test folder, and no
clock or path on these screens. Update with ``pytest tests/tui --snapshot-update`` and look
at every changed SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from game.scenario import bundled_paths
from game.scenario.models import Scenario
from game.session.launch import LaunchOptions
from game.tui.app import create_app

from .conftest import finished_game, press, settle

SIZES = [(60, 20), (80, 24), (120, 40), (200, 50)]
SnapCompare = Callable[..., bool]


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_title_screen(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)  # the scenarios are read in a worker

    app = create_app(LaunchOptions(seed=7, opponent="conceder/easy"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("index", range(len(bundled_paths())),
                         ids=[p.stem.split("-", 1)[0] for p in bundled_paths()])
def test_table_screen(snap_compare: SnapCompare, index: int, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, *(["down"] * index))  # the scenario
        await press(pilot, "enter")  # start
        await press(pilot, "enter")  # past the briefing
        await press(pilot, "down", "down")  # the cursor on the third issue

    app = create_app(LaunchOptions(seed=7, opponent="conceder/easy"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_tactic_picker(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "enter", "enter")
        await press(pilot, "g", "down")  # the picker, on its second tactic

    app = create_app(LaunchOptions(seed=7, opponent="conceder/easy"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_debrief_screen(snap_compare: SnapCompare, size: tuple[int, int], spy: Scenario) -> None:
    done = finished_game(spy)
    assert isinstance(done.save_path, Path)

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


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=size_id)
def test_crisis_prompt(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The crisis that hits the player: its answers, the highlighted one's effects and story."""
    from game.tui.screens.binding import CrisisScreen

    from .test_crisis import PATHS, crisis_seed

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "enter", "enter")
        for _ in range(4):  # propose (in private) until the crisis breaks
            if isinstance(pilot.app.screen, CrisisScreen):
                break
            await press(pilot, "p", "y")
        assert isinstance(pilot.app.screen, CrisisScreen)

    app = create_app(LaunchOptions(seed=crisis_seed(PATHS["000"], "us"), opponent="conceder/easy"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)
