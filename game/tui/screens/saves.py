"""Saved games: reopen one where it was left, or replay a finished one move by move.

The screen only lists and chooses: opening a game is the app's business, asked for with
an :class:`SavesScreen.Open`, :class:`SavesScreen.Replay` or :class:`SavesScreen.Back` message.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.session import SavedGame, list_saves, saves_dir
from game.tui.keys import Key


def save_prompt(save: SavedGame) -> Content:
    seats = " vs ".join(f"{actor} ({'a person' if seat == 'human' else seat})" for actor, seat in save.seats.items())
    status = {"ongoing": "in progress", "deal": "deal", "walked": "walked out",
              "deadline": "deadline passed", "failed": "failed at home"}.get(save.status, save.status)
    when = save.updated.replace("T", " ")[:16]
    return Content.assemble(
        (save.title, "bold"), "\n",
        (f"  {seats} · round {save.round} · {save.moves} moves · ", "$foreground-muted"),
        (status, "$success" if save.status == "ongoing" else "$foreground-muted"),
        (f" · {when}" if when else "", "$foreground-muted"),
    )


class SavesScreen(Screen[None]):
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

    def __init__(self) -> None:
        super().__init__()
        self.saves = list_saves()

    def compose(self) -> ComposeResult:
        with Vertical(id="saves-box"):
            yield Static(Content.styled("Saved games", "bold $accent"), id="saves-title")
            if self.saves:
                yield OptionList(*[Option(save_prompt(s), id=str(k)) for k, s in enumerate(self.saves)], id="saves")
                yield Static(Content.styled(
                    "Enter reopens a game where it was left (a finished one opens on its debrief); "
                    "x replays it move by move.", "$foreground-muted"), id="saves-hint")
            else:
                yield Static(f"No saved games yet. Games are saved after every move in {saves_dir()}.",
                             id="saves-empty")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.saves:
            self.query_one(OptionList).highlighted = 0
            self.query_one(OptionList).focus()

    def _chosen(self) -> SavedGame | None:
        if not self.saves:
            return None
        k = self.query_one(OptionList).highlighted
        return self.saves[k] if k is not None else None

    @on(OptionList.OptionSelected)
    def selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        save = self._chosen()
        if save is not None:
            self.post_message(self.Open(save.path))

    def action_replay(self) -> None:
        save = self._chosen()
        if save is not None:
            self.post_message(self.Replay(save.path))

    def action_back(self) -> None:
        self.post_message(self.Back())
