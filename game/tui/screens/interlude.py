"""Between two summits of a campaign: what happened next, the promises due, what the past carries.

The interlude quotes the next summit's article (its sources listed under the text), lists
the promises the last deal made (the player keeps or breaks its side's with a check box;
the computer's decision is stated), and shows, as the choices change, what the next
summit will open with. Enter opens the summit. Everything here is words from
:mod:`game.campaign.words`, so the screen and plain mode say the same.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.campaign import CampaignRun
from game.campaign.words import (
    carried_lines,
    computer_promise_line,
    cost_text,
    interlude_heading,
    interlude_paragraphs,
    promise_line,
)
from game.tui.keys import Key


class InterludeScreen(Screen[None]):
    """What happened since the last summit, and the choices before the next (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Key("enter", "open_summit", "Open summit", title="Open the next summit",
            help="sit down at the next summit with the promises kept as ticked"),
        Key("1", "toggle(0)", "Keep/break 1", show=False, title="Keep or break your first promise",
            help="keep or break the first of your side's promises"),
        Key("2", "toggle(1)", "Keep/break 2", show=False, title="Keep or break your second promise",
            help="keep or break the second of your side's promises"),
    ]

    class Continue(Message):
        """The player is ready: open the next summit with these promise choices."""

        def __init__(self, kept: dict[str, bool]) -> None:
            super().__init__()
            self.kept = kept

    def __init__(self, run: CampaignRun) -> None:
        super().__init__()
        self.run = run
        self.mine = run.to_decide()
        self.choices = {p.id: True for p in self.mine}

    def compose(self) -> ComposeResult:
        run = self.run
        index = len(run.plays)
        paragraphs, sources = interlude_paragraphs(run, index)
        with VerticalScroll(id="interlude"):
            yield Static(interlude_heading(run, index), id="interlude-title", classes="h2", markup=False)
            for paragraph in paragraphs:
                yield Static(paragraph, classes="para", markup=False)
            if sources:
                yield Static("Sources:\n" + "\n".join(f"• {source}" for source in sources), classes="para sources",
                             markup=False)
            due = run.due_promises()
            if due:
                yield Static("The last deal's promises, checked now", classes="h2")
            computer = run.computer_decision() if due else True
            for promise in due:
                if promise.by == run.side:
                    yield Static(self._choice(promise.id), id=f"keep-{promise.id}", classes="para promise",
                                 markup=False)
                else:
                    yield Static(f"{promise_line(run, promise)} {computer_promise_line(run, promise, computer)}",
                                 classes="para", markup=False)
            yield Static(self._carried(), id="carried", classes="para", markup=False)
            keys = {0: "", 1: " · 1 keeps or breaks your promise"}.get(len(self.mine),
                                                                           " · 1 or 2 keeps or breaks a promise")
            yield Static(f"Enter opens the summit{keys}", classes="para hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#interlude", VerticalScroll).focus()

    def kept(self) -> dict[str, bool]:
        return dict(self.choices)

    def _choice(self, promise_id: str) -> str:
        n = [p.id for p in self.mine].index(promise_id) + 1
        promise = self.mine[n - 1]
        mark = "[x] keep it" if self.choices[promise_id] else "[ ] break it"
        return f"{n}. {mark}: {promise_line(self.run, promise)} Keeping costs you {cost_text(promise)}."

    def _carried(self) -> str:
        return "\n".join(carried_lines(self.run, self.kept(), width=None))

    def action_toggle(self, n: int) -> None:
        """Keep or break the player's promise number ``n`` (from 0), and show what that changes."""
        if n >= len(self.mine):
            return
        promise = self.mine[n]
        self.choices[promise.id] = not self.choices[promise.id]
        self.query_one(f"#keep-{promise.id}", Static).update(self._choice(promise.id))
        self.query_one("#carried", Static).update(self._carried())

    def action_open_summit(self) -> None:
        self.post_message(self.Continue(self.kept()))
