"""Seat codes are secrets: a wrong or guessed code is refused and never sees confidential text;
a right one opens its own seat, and only its own side's briefing, values and estimates load."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, Static

from game.classroom.planning import normalise_code
from game.cli import main
from game.live import LiveError
from game.live.codes import INSTRUCTOR, is_instructor_code, login, new_instructor_code, resolve
from game.tui.live.app import LiveApp
from game.tui.live.dashboard import DashboardScreen
from game.tui.live.login import LoginScreen
from game.tui.live.table import LiveTableScreen

from .helpers import new_exercise, seat_codes


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory):
    return new_exercise(tmp_path_factory.mktemp("codes") / "ex", "--tables", "3", "--seed", "8")


def test_seat_codes_are_unique_in_an_exercise(opened) -> None:
    codes = [code for seats in seat_codes(opened).values() for code in seats.values()]
    assert len(codes) == len(set(codes)) == 6


def test_a_code_opens_its_seat_alone_or_after_its_table_code(opened) -> None:
    codes = seat_codes(opened)
    table = opened.exercise.tables[1]
    for typed in (codes[2]["pk"], codes[2]["pk"].lower().replace("-", " "), f"{table.code}-{codes[2]['pk']}"):
        key = resolve(opened, typed)
        assert (key.table.number, key.actor) == (2, "pk")
    assert login(opened, table.code, codes[2]["us"]).actor == "us"  # type: ignore[union-attr]


@pytest.mark.parametrize("typed", ["", "ABCD", "AAAA-BBBB-CCCC", "2222-3333-4444-5555-6666"])
def test_wrong_or_guessed_codes_are_refused(opened, typed: str) -> None:
    with pytest.raises(LiveError):
        resolve(opened, typed)


def test_a_right_seat_code_at_the_wrong_table_is_refused(opened) -> None:
    codes = seat_codes(opened)
    with pytest.raises(LiveError, match="does not open a seat"):
        resolve(opened, f"{opened.exercise.tables[0].code}-{codes[2]['us']}")


def test_the_instructor_code_is_kept_as_a_digest_only(opened) -> None:
    code = new_instructor_code(opened)
    stored = (opened.folder / "instructor" / "instructor-code.json").read_text()
    assert normalise_code(code) not in stored and code not in stored
    assert is_instructor_code(opened, code) and login(opened, "", code) == INSTRUCTOR
    with pytest.raises(LiveError):
        login(opened, "", "AAAA-BBBB-CCCC-DDDD")


def screen_text(app: App) -> str:
    """Every word any screen in the app holds (shown or scrolled away), briefings included."""
    parts = []
    for screen in app.screen_stack:
        for widget in screen.walk_children():
            if isinstance(widget, Markdown):
                parts.append(widget.source)
            elif isinstance(widget, Static):
                parts.append(str(widget.render()))
    return "\n".join(parts)


async def until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 10) -> None:
    """Let the app work until ``condition()`` holds, rather than for a fixed time."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the app did not get there"
        await pilot.pause(0.02)


def run(opened, table_code: str, seat_code: str, more: int = 0) -> tuple[type, str]:
    async def main_() -> tuple[type, str]:
        app = LiveApp(opened)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LoginScreen)
            app.screen.query_one("#table-code", Input).value = table_code
            app.screen.query_one("#seat-code", Input).value = seat_code
            await pilot.press("tab", "enter")
            # Signing in reads the store and builds the next screen: wait for it (a busy
            # machine can take longer than any fixed pause), or for the refusal to show.
            for _ in range(50):
                await pilot.pause(0.1)
                if not isinstance(app.screen, LoginScreen) or "does not open a seat" in screen_text(app):
                    break
            return type(app.screen), screen_text(app)

    return asyncio.run(main_())


def test_a_wrong_code_in_the_page_shows_nothing_confidential(opened) -> None:
    codes = seat_codes(opened)
    briefs = opened.scenario.briefings.confidential
    shown, text = run(opened, opened.exercise.tables[0].code, codes[2]["us"])
    assert shown is LoginScreen
    assert "does not open a seat" in text
    for brief in briefs.values():
        assert brief.strip()[:60] not in text


def test_a_seat_sees_its_own_brief_and_never_the_other_sides(opened) -> None:
    codes = seat_codes(opened)
    briefs = opened.scenario.briefings.confidential
    shown, text = run(opened, opened.exercise.tables[2].code, codes[3]["pk"])
    assert shown.__name__ == "BriefingScreen"
    assert briefs["pk"].strip()[:60] in text
    assert briefs["us"].strip()[:60] not in text


def test_the_instructor_code_opens_the_dashboard(opened) -> None:
    code = new_instructor_code(opened)
    shown, _ = run(opened, "", code)
    assert shown is DashboardScreen


def test_a_live_seat_screen_is_fixed_to_its_side(opened) -> None:
    codes = seat_codes(opened)

    async def main_() -> None:
        app = LiveApp(opened, codes[1]["us"])
        async with app.run_test(size=(120, 40)) as pilot:
            # The seat opens on the app's store thread: wait for its briefing, then for the table.
            await until(pilot, lambda: type(app.screen).__name__ == "BriefingScreen")
            await pilot.press("enter")  # leave the briefing
            await until(pilot, lambda: isinstance(app.screen, LiveTableScreen))
            screen = app.screen
            assert isinstance(screen, LiveTableScreen) and screen.me == "us" and not screen.hotseat

    asyncio.run(main_())


def test_join_with_a_bad_code_is_one_line_and_exit_1(opened, capsys) -> None:
    assert main(["join", "NOT-A-CODE", "--exercise", str(opened.folder)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "seat code" in err[0]
    assert main(["join", "AAAA-BBBB-CCCC", "--exercise", str(Path(opened.folder) / "nope")]) == 1
    assert "no such exercise folder" in capsys.readouterr().err
