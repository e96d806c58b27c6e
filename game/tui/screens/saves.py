"""Saved games: reopen one where it was left, or replay a finished one move by move."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.session import SavedGame, list_saves, saves_dir


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
        Binding("enter", "open", "Open", show=True),
        Binding("x", "replay", "Replay"),
        Binding("escape", "back", "Back"),
    ]

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
            self.app.open_save(save.path)  # type: ignore[attr-defined]

    def action_replay(self) -> None:
        save = self._chosen()
        if save is not None:
            self.app.open_replay(save.path)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        from game.tui.screens.title import TitleScreen

        stack = self.app.screen_stack
        if len(stack) > 2 and isinstance(stack[-2], TitleScreen):
            self.app.pop_screen()  # back to the title as it was (same seed and choices)
        else:
            self.app.show_title()  # type: ignore[attr-defined]
