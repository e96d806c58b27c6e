"""Keys are declared once: the footer, the command palette and the help screen all come from BINDINGS,
and a move's autosave runs off the UI thread."""

from __future__ import annotations

import threading
import time

import pytest
from textual.pilot import Pilot
from textual.widgets import Markdown

from game.session import Session
from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp
from game.tui.keys import Key, declared_keys, key_display
from game.tui.screens.help import HelpScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.solo import SoloTable
from game.tui.screens.table import TableScreen
from game.tui.widgets.board import IssueBoard

from .conftest import drive, press, settle, to_table

EASY = LaunchOptions(seed=7, opponent="conceder/easy")


def test_every_table_key_is_in_the_palette_and_the_help() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        commands = {c.title: c.help for c in app.get_system_commands(table)}
        keys = declared_keys(SoloTable)
        assert [k.action for k in keys] == ["propose", "accept", "reject", "signal", "tactic", "line", "walk",
                                            "transcript", "brief", "news", "take", "mine"]
        for key in keys:
            assert commands[key.name].lower() == key.help.lower()
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one(Markdown).source
        for key in [*keys, *declared_keys(IssueBoard), *declared_keys(ReplayScreen)]:
            assert f"**{key_display(app, key)}**: {key.help}" in text
        assert "Keys on this screen" not in text  # the table's keys are the table section

    drive(EASY, script)


def test_the_help_of_another_screen_lists_its_own_keys_first() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        await press(pilot, "question_mark")
        text = app.screen.query_one(Markdown).source
        here = text.index("Keys on this screen")
        assert text.index("start the highlighted scenario") > here
        assert text.index("Keys at the table") > here

    drive(EASY, script)


def test_keys_that_are_not_commands_stay_out_of_the_palette() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        titles = [c.title for c in app.get_system_commands(table)]
        assert not {k.name for k in declared_keys(IssueBoard)} & set(titles)  # cursor keys: help only
        assert titles.count("Quit") == 1 and titles.count("Help") == 1

    drive(EASY, script)


@pytest.mark.parametrize("key", declared_keys(SoloTable), ids=lambda k: k.action)
def test_table_keys_are_key_bindings_with_a_sentence(key: Key) -> None:
    assert key.help and key.help[0].islower() and not key.help.endswith(".")


def test_the_table_answers_keys_while_a_move_is_being_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow disk does not freeze the table: the move's autosave runs on a worker thread."""
    release = threading.Event()
    saving = threading.Event()
    original = Session.save

    def slow_save(session: Session) -> None:
        if not release.is_set() and threading.current_thread() is not threading.main_thread():
            saving.set()
            release.wait(10)
        original(session)

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        assert isinstance(table, TableScreen)
        before = len(table.state.history)
        monkeypatch.setattr(Session, "save", slow_save)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("y")  # in private
        deadline = time.monotonic() + 10
        while not saving.is_set():  # wait until the worker is inside the save, holding it
            assert time.monotonic() < deadline, "the move never reached its autosave"
            await pilot.pause(0.01)
        assert table.busy
        start = dict(table.package)
        await pilot.press("right")  # the UI thread still takes keys
        await pilot.pause()
        assert table.package != start
        release.set()
        await settle(pilot)
        assert not table.busy and len(table.state.history) > before

    drive(EASY, script)
