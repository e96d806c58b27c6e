"""The help screen: every key, and a short account of the rules and the scoring.

The keys are not written here: they are read from the screens' own ``BINDINGS`` (see
:mod:`game.tui.keys`), so the help lists exactly the keys that work, with the words the
command palette uses for them. The rules, the scoring and what the estimates are built from
are prose shared with plain mode's help (:mod:`game.session.guide`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from game.session.guide import guide_markdown
from game.tui.keys import declared_keys, key_display, key_lines
from game.tui.widgets.footer import KeyFooter

INTRO = """\
# How to play Parley

Two governments negotiate a **package**: one option on every issue of the agenda.
You play one side; the other is played by the computer or, in a hot-seat game, by a
second person at the same keyboard.
"""

AT_THE_TABLE = """\
With the mouse, click ◀ or ▶ on the board to change an option, or click an option in the
list under it. A signal and a tactic leave your turn open; propose, accept, reject and walk
away end it. Illegal moves are refused with the reason, and a package across your own red line
is marked in the meters before you propose it. Plain mode (`--plain`) uses the same letters.
"""


def help_text(app: App[Any], screen: Screen[Any] | None) -> str:
    """The help as Markdown, with the keys of the table, the replay and ``screen`` (if another)."""
    from game.tui.screens.replay import ReplayScreen
    from game.tui.screens.solo import SoloTable
    from game.tui.widgets.board import IssueBoard

    palette = Binding(app.COMMAND_PALETTE_BINDING, "command_palette")
    table = [*key_lines(app, declared_keys(IssueBoard)), *key_lines(app, declared_keys(SoloTable)),
             *key_lines(app, declared_keys(type(app))),
             f"- **{key_display(app, palette)}**: the command palette, every move and command by name"]
    parts = [INTRO]
    if screen is not None and not isinstance(screen, (SoloTable, ReplayScreen)):
        here = key_lines(app, declared_keys(type(screen)))
        if here:
            parts += ["## Keys on this screen\n", *here, ""]
    parts += ["## Keys at the table\n", *table, "", AT_THE_TABLE]
    parts += ["## Keys in a replay\n", *key_lines(app, declared_keys(ReplayScreen)), "", guide_markdown()]
    return "\n".join(parts)


class HelpScreen(ModalScreen[None]):
    """Keys, rules and scoring."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"), VerticalScroll(id="help-body"):
            yield Markdown(self.text)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
