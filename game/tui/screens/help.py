"""The help screen: every key, and a short account of the rules and the scoring."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

HELP = """\
# How to play Parley

Two governments negotiate a **package**: one option on every issue of the agenda.
You play one side; the other is played by the computer or, in a hot-seat game, by a
second person at the same keyboard.

## Keys at the table

- **↑ ↓** (or k j): move between issues
- **← →** (or h l): change the option of the issue you are on; or click ◀ ▶, or click an option
- **p**: **propose** the package you composed
- **a**: **accept** the other side's offer (asks first: a deal cannot be taken back)
- **r**: **reject** their offer without a counter-proposal
- **s**: **signal** your priorities: up to 3 issues, most important first (cheap talk; may be a bluff)
- **g**: play one of your side's **gestures** or **pressure** tactics
- **w**: **walk away** (asks first: the talks end with no deal)
- **t**: copy their offer into your composition; **m**: copy your own last offer back
- **n**: the news, with the article excerpts behind each story
- **b**: read your briefing again; **v**: the whole transcript in a window
- **?**: this help; **Ctrl+P**: the command palette, every move and command by name
- **q**: quit (your game is saved after every move; `parley resume` reopens it)

A signal and a tactic leave your turn open; propose, accept, reject and walk away end it.
Illegal moves are refused with the reason. In a **replay**, → / n steps forward, ← / p back,
Home / End go to the first / last move, and Enter at the end opens the debrief.

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


class HelpScreen(ModalScreen[None]):
    """Keys, rules and scoring."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"), VerticalScroll(id="help-body"):
            yield Markdown(HELP)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
