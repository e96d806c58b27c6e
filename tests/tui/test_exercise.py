"""Class exercises in the game screens: the table's seed and seats, the round clock, the log."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot

from game.classroom import open_exercise
from game.cli import main
from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.table import TableScreen

from .conftest import drive, press, propose, settle


class FakeClock:
    """A monotonic clock that moves only when the test says so (no sleeping)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def exercise(folder: Path, *options: str) -> Path:
    assert main(["class", "new", "spy-chiefs-2012", "--tables", "2", "--seed", "7", *options, "-o", str(folder)]) == 0
    return folder


async def to_table(app: ParleyApp, pilot: Pilot) -> TableScreen:
    """Past the briefing, to the table."""
    for _ in range(10):
        if isinstance(app.screen, TableScreen):
            return app.screen
        await press(pilot, "enter")
    raise AssertionError(f"no table screen, at {app.screen!r}")


def test_a_computer_table_uses_the_table_seed_and_hands_in_its_log(tmp_path: Path) -> None:
    folder = exercise(tmp_path / "class", "--vs-computer", "conceder/easy", "--side", "us")
    plan = open_exercise(folder).exercise.table(1)
    options = LaunchOptions(exercise=folder, table=1, seat="us")

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        assert table.state.seed == plan.seed
        assert str(table.state.seats["pk"]) == "conceder/easy"
        await press(pilot, "w", "y")  # the walk is played off the UI thread; press waits for it
        assert isinstance(app.screen, DebriefScreen)

    drive(options, script)
    logs = sorted((folder / "results").glob("*.json"))
    assert len(logs) == 1
    log = json.loads(logs[0].read_text(encoding="utf-8"))
    assert log["outcome"]["status"] == "walked"
    assert main(["class", "verify", str(folder), str(logs[0])]) == 0  # table 2 was not played: check this log


def test_the_round_clock_counts_down_and_passes_the_turn(tmp_path: Path) -> None:
    folder = exercise(tmp_path / "class", "--vs-computer", "conceder/easy", "--side", "us", "--round-time", "60")
    options = LaunchOptions(exercise=folder, table=1, seat="us")

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        assert table.timer is not None
        clock = FakeClock()
        table.timer.clock = clock
        table.timer.start()
        clock.now += 20
        table.tick()
        await settle(pilot)
        assert "⏱ 0:40" in str(table.status_text())
        moves_before = len(table.state.history)
        await press(pilot, "w")  # a dialog is open when time runs out: it closes
        clock.now += 45
        table.tick()  # the turn passes, played off the UI thread
        await settle(pilot)
        assert app.screen is table
        passed = table.state.history[moves_before]
        assert passed.move.actor == "us" and passed.move.kind in ("reject", "pass")
        assert passed.reason == "time ran out"
        assert not table.state.is_terminal
        # A move made after the time is up does not count: the turn passes instead.
        clock.now += 61
        before = len(table.state.history)
        await propose(pilot)
        assert table.state.history[before].reason == "time ran out"

    drive(options, script)
