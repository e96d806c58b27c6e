"""The end of a campaign: every summit against its Nash point, the trust line, turning points, promises.

The words and the chart are :func:`game.campaign.words.debrief_lines` (plain mode prints
the same), shown in one scrolling column; below 80 columns the summit table leaves out the
titles and the chart narrows, so it fits 60 columns.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.campaign import CampaignRun
from game.campaign.words import debrief_lines
from game.tui.keys import Key


class CampaignDebriefScreen(Screen[None]):
    """The campaign debrief (see the module docstring); q quits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Key("home", "top", "Top", show=False, help="back to the top of the debrief"),
    ]

    def __init__(self, run: CampaignRun) -> None:
        super().__init__()
        self.run = run

    def compose(self) -> ComposeResult:
        lines = debrief_lines(self.run)
        with ScrollableContainer(id="campaign-debrief"):
            yield Static(lines[0], classes="h2", markup=False)
            yield Static("\n".join(lines[1:]), id="campaign-debrief-body", classes="para", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#campaign-debrief", ScrollableContainer).focus()

    def on_resize(self) -> None:
        """Fit the table and the chart to the screen: narrower than 80 columns, the compact layout."""
        lines = debrief_lines(self.run, width=max(40, self.size.width - 4))
        self.query_one("#campaign-debrief-body", Static).update("\n".join(lines[1:]))

    def action_top(self) -> None:
        self.query_one("#campaign-debrief", ScrollableContainer).scroll_home(animate=False)
