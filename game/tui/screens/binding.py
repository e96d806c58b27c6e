"""Dialogs for words that bind: the answer to a crisis, public or private words, and a red line.

Each shows what a choice does before it is made: a crisis's answers with their effects (the
talks wait until one is chosen, so the dialog cannot be dismissed), the two ways of saying
a proposal, a signal or a line (believed more and costly to take back, or cheap and
believed less), and the options a line would rule out. The words come from
:mod:`game.session.audience`, so plain mode says the same.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from game.engine import State
from game.session.audience import Audience, audience, crisis_answers, crisis_question
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.lists import StopList


class CrisisScreen(ModalScreen[str | None]):
    """The crisis that hit the side at the table: pick one answer (Enter); the talks wait for it.
    (The table closes it, with None, when the crisis was answered otherwise: by a class's clock.)"""

    def __init__(self, state: State, actor_id: str) -> None:
        super().__init__()
        self.state = state
        self.actor_id = actor_id
        self.event = state.crisis or ""
        open_ = set(state.answers())
        self.answers = [a for a in crisis_answers(state.scenario, self.event) if a.id in open_]

    def compose(self) -> ComposeResult:
        headline, question = crisis_question(self.state.scenario, self.event)
        with Vertical(classes="dialog wide", id="crisis-dialog"):
            yield Static(Content.assemble(("CRISIS: ", "bold $error"), (headline, "bold")), classes="dialog-title")
            yield Static(Content.assemble(question, ("  Enter answers; the talks go on after.", "$foreground-muted")),
                         classes="dialog-body")
            yield StopList(*[Option(a.label, id=a.id) for a in self.answers], marker=True, id="answers")
            with VerticalScroll(id="answer-scroll", can_focus=False):
                yield Static(id="answer-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        answers = self.query_one(StopList)
        answers.focus()
        answers.highlight_first()

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Keep the whole dialog above the footer: the answer's details scroll in what is left."""
        dialog = self.query_one("#crisis-dialog")
        scroll = self.query_one("#answer-scroll")
        others = sum(c.outer_size.height for c in dialog.children if c is not scroll)
        frame = dialog.outer_size.height - dialog.container_size.height  # border and padding
        room = max(2, int(self.app.size.height * 0.95) - frame - others)  # the dialog's max-height: 95%
        if scroll.styles.max_height is None or scroll.styles.max_height.value != room:
            scroll.styles.max_height = room

    @on(OptionList.OptionHighlighted)
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        answer = next(a for a in self.answers if a.id == event.option.id)
        # The effect first: on a short screen it is what must not scroll out of view.
        self.query_one("#answer-detail", Static).update(Content.assemble(
            (answer.effect, "bold $warning"), "\n", answer.description))
        self.call_after_refresh(self.fit)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or "")


class SayScreen(ModalScreen[bool | None]):
    """In private (y) or in public (p), each way's effects in view; n or Esc says nothing.
    Dismisses with True for public, False for private, None for not at all."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "say(False)", "In private"),
        Binding("p", "say(True)", "In public"),
        Binding("n,escape", "cancel", "Not now"),
    ]

    def __init__(self, title: str, what: Content | str, words: Audience) -> None:
        super().__init__()
        self.title_text, self.what, self.words = title, what, words

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="say-dialog"):
            yield Static(Content.styled(self.title_text, "bold"), classes="dialog-title")
            with VerticalScroll(classes="dialog-scroll", can_focus=False):
                yield Static(Content("\n").join([
                    Content(self.what) if isinstance(self.what, str) else self.what,
                    Content(""),
                    Content.assemble(("y ", "bold $accent"), self.words.private),
                    Content.assemble(("p ", "bold $accent"), self.words.public),
                ]), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("In private (y)", id="private", variant="primary", compact=True)
                yield Button("In public (p)", id="public", variant="warning", compact=True)
                yield Button("Not now (n)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.on_resize()
        self.query_one("#private", Button).focus()

    def on_resize(self) -> None:
        self.query_one(".dialog-scroll").styles.max_height = max(2, self.app.size.height - 8)

    def action_say(self, public: bool) -> None:
        self.dismiss(public)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id == "public")


def say_screen(state: State, me: str, kind: str, title: str, what: Content | str) -> SayScreen:
    """The public-or-private question for a ``kind`` move (propose, signal, line) of ``me``."""
    return SayScreen(title, what, audience(state, me, kind))


class LineScreen(ModalScreen[tuple[str, ...] | None]):
    """Pick the options of one issue you vow never to accept (Enter marks one), then d draws the line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "draw", "Draw the line"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, state: State, me: str, issue_id: str) -> None:
        super().__init__()
        self.state, self.me, self.issue = state, me, state.scenario.issue(issue_id)
        self.ruled: list[str] = []

    def _options(self) -> list[Option]:
        values = self.state.scenario.preferences[self.me][self.issue.id].values
        return [Option(Content.assemble(("never  " if o.id in self.ruled else "       ", "bold $error"), o.label,
                                        (f"  value {values[o.id]:.2f}", "$foreground-muted")), id=o.id)
                for o in self.issue.options]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="line-dialog"):
            yield Static(Content.styled(f"Draw a line on {self.issue.name}", "bold"), classes="dialog-title")
            yield Static("Enter marks an option you vow never to accept (at least one stays open); "
                         "d draws the line, Esc goes back.", classes="dialog-body")
            yield StopList(*self._options(), id="line-options")
            yield Static(id="line-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(StopList).focus()

    @on(OptionList.OptionSelected)
    def toggle(self, event: OptionList.OptionSelected) -> None:
        option = event.option.id or ""
        if option in self.ruled:
            self.ruled.remove(option)
        elif len(self.ruled) < len(self.issue.options) - 1:
            self.ruled.append(option)
        else:
            self.query_one("#line-note", Static).update(Content.styled("At least one option stays open.",
                                                                       "$warning"))
            return
        options = self.query_one(StopList)
        keep = options.highlighted
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = keep

    def action_draw(self) -> None:
        if not self.ruled:
            self.query_one("#line-note", Static).update(Content.styled("Mark an option with Enter first.",
                                                                       "$warning"))
            return
        self.dismiss(tuple(o.id for o in self.issue.options if o.id in self.ruled))

    def action_cancel(self) -> None:
        self.dismiss(None)
