"""The help screen: every key, and a short account of the rules and the scoring.

The keys are not written here: they are read from the screens' own ``BINDINGS`` (see
:mod:`game.tui.keys`), so the help lists exactly the keys that work, with the words the
command palette uses for them. Only the rules and the scoring are prose.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Markdown

from game.tui.keys import declared_keys, key_display, key_lines

INTRO = """\
# How to play Parley

Two governments negotiate a **package**: one option on every issue of the agenda.
You play one side; the other is played by the computer or, in a hot-seat game, by a
second person at the same keyboard.
"""

AT_THE_TABLE = """\
With the mouse, click ◀ or ▶ on the board to change an option, or click an option in the
list under it. A signal and a tactic leave your turn open; propose, accept, reject and walk
away end it. Illegal moves are refused with the reason.
"""

RULES = """\
## The rules

- **Utility.** What a package is worth to a side: the weighted sum of that side's values of the
  options in it (weights sum to 1, values run from 0 to 1). The board shows your weight of each
  issue and what the option you chose adds to your utility.
- **Reservation value.** What *no deal* is worth to you (your BATNA). A deal below it is worse
  than walking away.
- **Red lines.** Options a side will never accept (✗ yours, ⊘ theirs). Red lines are public.
  Proposing across the other side's red line costs trust.
- **Ratification.** A deal must pass at home on *both* sides: each constituency ratifies with a
  chance that rises with how much it likes the deal. A failed ratification costs trust and may
  end or reopen the talks, as the scenario says.
- **Deadline.** Each side moves once per round; when the last round ends with no deal, both sides
  get their reservation values. Domestic pressure to close grows as the deadline nears.
- **Trust** rises with real concessions and gestures and falls with pressure, insults and failed
  deals. The more the other side trusts you, the more your signals move its estimates.
- **News** breaks between rounds and can shift priorities, alternatives, trust or the deadline.

## Scoring

Your score is your utility at the end: the deal's, or your reservation value without one. The
debrief shows where the deal landed in the space of all packages: the agreement zone (packages
both sides prefer to no deal), the Pareto frontier (packages nobody can improve without hurting the
other), the Nash bargaining point, and the value left on the table.

The analyst's estimates (*they accept ≈*) come from what your side has seen: the other side's
public stance, its offers and its signals. They can be wrong.
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
    parts += ["## Keys in a replay\n", *key_lines(app, declared_keys(ReplayScreen)), "", RULES]
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
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
