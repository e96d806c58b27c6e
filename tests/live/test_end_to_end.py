"""Two students' processes and the instructor's dashboard on one exercise, a game played to the end.

The students are real processes joining with their seat codes; the dashboard is the
Textual app (run headless here) against the same store: it pauses the class, sends news
to every table, and ends the session, which exports the signed logs that ``parley class
verify`` finds genuine and writes the class report.
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path

from textual.widgets import DataTable

from game.cli import main
from game.live import open_store
from game.live.tables import SEAT_INSTRUCTOR
from game.tui.live.app import DashboardApp
from game.tui.live.dashboard import DashboardScreen, EventPicker
from game.tui.screens.dialogs import ConfirmScreen, TextScreen

from .helpers import PLAYER, PYTHON, ROOT, new_exercise, seat_codes


def start_player(folder: Path, code: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([PYTHON, str(PLAYER), str(folder), code, *extra], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


async def until(pilot, condition, what: str, seconds: float = 10) -> None:
    """Let the app work until ``condition()`` holds (a dialog is up), rather than for a fixed time."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        await pilot.pause(0.05)


def test_two_students_and_the_dashboard_play_a_game_to_the_end(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "class"
    opened = new_exercise(folder, "--tables", "2", "--seed", "11")
    codes = seat_codes(opened)
    table = opened.exercise.tables[0]
    open_store(opened).close()
    # The US student types the table code and the seat code; Pakistan's student the seat code alone.
    us = start_player(folder, f"{table.code}-{codes[1]['us']}", "--pause", "0.3")
    pk = start_player(folder, codes[1]["pk"], "--pause", "0.3")
    store = open_store(opened)

    async def instructor() -> list[str]:
        app = DashboardApp(opened)
        async with app.run_test(size=(150, 40)) as pilot:
            # The store opens, and the tables load, on the app's store thread.
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "no dashboard")
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            watch = screen.tracked  # the tables as the dashboard follows them (on its store thread)
            await until(pilot, lambda: 1 in watch.replicas and len(watch.replicas[1].state.history) >= 2,
                        "the students made no moves", 20)
            await pilot.press("b")  # send the first event of the scenario to every table
            await until(pilot, lambda: isinstance(app.screen, EventPicker), "no event picker")
            await pilot.press("enter")
            await until(pilot, lambda: any(r.kind == "event" for r in store.rows(1)), "no news at table 1")
            await pilot.press("p")  # pause every table
            await until(pilot, lambda: store.control().paused, "the class did not pause")
            moves = len(store.rows(1))
            await pilot.pause(1.0)  # a second in which nothing may happen
            assert len(store.rows(1)) == moves, "a move was recorded while the class was paused"
            await pilot.press("p")  # resume
            await until(pilot, lambda: not store.control().paused, "the class did not resume")
            await until(pilot, lambda: watch.replicas[1].state.is_terminal, "the game did not end", 40)
            await until(pilot, lambda: screen.query_one(DataTable).get_row_at(0)[-2] != "ongoing",
                        "the dashboard does not show the end")
            rows = screen.query_one(DataTable).get_row_at(0)
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "no confirmation to end")
            await pilot.press("y")  # end the session: export the logs, write the report
            await until(pilot, lambda: isinstance(app.screen, TextScreen), "no class report", 30)
            return [str(cell) for cell in rows]

    cells = asyncio.run(instructor())
    for player in (us, pk):
        out, err = player.communicate(timeout=30)
        assert player.returncode == 0, err
        assert "DONE" in out
    assert cells[0] == "1" and cells[-2] in ("deal", "walked", "deadline", "failed")

    rows = store.rows(1)
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert {r.seat for r in rows} >= {"us", "pk", SEAT_INSTRUCTOR}
    news = [r for r in rows if r.kind == "event"]
    assert len(news) == 1 and news[0].move["event"] == opened.scenario.events[0].id
    assert [r.seq for r in store.rows(2)] == [1]  # table 2 never started, but got the news too
    assert store.control().ended

    results = sorted((folder / "results").glob("*.json"))
    assert [p.name for p in results] == ["table-01.json"]
    capsys.readouterr()
    assert main(["class", "verify", str(folder)]) == 1  # table 2 never played: every table must hand in a game
    out = capsys.readouterr().out
    assert "table-01.json: genuine" in out and "Table 2: MISSING" in out
    assert main(["class", "report", str(folder)]) == 0
    assert (folder / "report" / "report.html").is_file()
