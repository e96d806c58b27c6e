"""Saved games: reopen one where it was left, or replay a finished one move by move.

Every save is listed, the damaged ones too, marked with the reason they cannot be opened
(never hidden, never opened, never written). The list is built off the UI thread, since each
save is checked by replaying it (which also gives the round it is really in). The screen
only lists and chooses: opening a game is the app's business, asked for with an
:class:`SavesScreen.Open`, :class:`SavesScreen.Replay` or :class:`SavesScreen.Back` message.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.session import SavedGame, list_saves, saves_dir
from game.tui.keys import Key
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.lists import StopList
from game.tui.widgets.notice import NoticeBar, NoticeScreen

STATUS_WORDS = {"ongoing": "in progress", "deal": "deal", "walked": "walked out",
                "deadline": "deadline passed", "failed": "failed at home"}


def save_prompt(save: SavedGame) -> Content:
    when = save.updated.replace("T", " ")[:16]
    if save.damaged:
        return Content.assemble(
            ("✗ DAMAGED ", "bold $error"), (save.title, "bold"), "\n",
            (f"  {save.path.name}: {save.problem}", "$error"),
        )
    seats = " vs ".join(f"{actor} ({'a person' if seat == 'human' else seat})" for actor, seat in save.seats.items())
    return Content.assemble(
        (save.title, "bold"), "\n",
        (f"  {seats} · round {save.round} · {save.moves} moves · ", "$foreground-muted"),
        (STATUS_WORDS.get(save.status, save.status), "$success" if save.status == "ongoing" else "$foreground-muted"),
        (f" · {when}" if when else "", "$foreground-muted"),
    )


class SavesScreen(NoticeScreen):
    """The saved games, most recent first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Key("enter", "open", "Open", show=True,
            help="reopen the game where it was left (a finished one opens on its debrief)"),
        Key("x", "replay", "Replay", help="replay the game move by move"),
        Key("escape", "back", "Back", help="back to the title screen"),
    ]

    class Open(Message):
        """Reopen this saved game where it was left."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class Replay(Message):
        """Step through this saved game, read-only."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class Back(Message):
        """Leave the list for the title screen."""

    class Listed(Message):
        """The saves are read and checked (by the worker)."""

        def __init__(self, saves: list[SavedGame]) -> None:
            super().__init__()
            self.saves = saves

    def __init__(self) -> None:
        super().__init__()
        self.saves: list[SavedGame] = []

    def compose(self) -> ComposeResult:
        yield NoticeBar(id="notice")
        with Vertical(id="saves-box"):
            yield Static(Content.styled("Saved games", "bold $accent"), id="saves-title")
            yield Static(Content.styled("Reading the saved games…", "$foreground-muted"), id="saves-empty")
            yield StopList(marker=True, id="saves")
            yield Static(Content.styled(
                "Enter reopens a game where it was left (a finished one opens on its debrief); "
                "x replays it move by move. A damaged save is kept as it is and cannot be opened.",
                "$foreground-muted"), id="saves-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(StopList).display = False
        self.query_one("#saves-hint").display = False
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Check every save off the UI thread (each is replayed on its scenario)."""
        self.post_message(self.Listed(list_saves()))

    @on(Listed)
    def listed(self, message: Listed) -> None:
        self.saves = message.saves
        empty = self.query_one("#saves-empty", Static)
        options = self.query_one(StopList)
        if not self.saves:
            empty.update(f"No saved games yet. Games are saved after every move in {saves_dir()}.")
            return
        empty.display = False
        options.add_options([Option(save_prompt(s), id=str(k)) for k, s in enumerate(self.saves)])
        options.display = True
        self.query_one("#saves-hint").display = True
        options.highlighted = 0
        options.focus()

    def _chosen(self) -> SavedGame | None:
        if not self.saves:
            return None
        k = self.query_one(StopList).highlighted
        return self.saves[k] if k is not None else None

    def _openable(self) -> SavedGame | None:
        """The highlighted save, unless it is damaged (then the reason is said instead)."""
        save = self._chosen()
        if save is not None and save.damaged:
            self.clear_notices()
            self.notify(f"{save.path}: {save.problem}", title="Cannot open this save", severity="error")
            return None
        return save

    @on(OptionList.OptionSelected)
    def selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        save = self._openable()
        if save is not None:
            self.post_message(self.Open(save.path))

    def action_replay(self) -> None:
        save = self._openable()
        if save is not None:
            self.post_message(self.Replay(save.path))

    def action_back(self) -> None:
        self.post_message(self.Back())
