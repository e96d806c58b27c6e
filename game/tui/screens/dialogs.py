"""Modal dialogs of the table: confirmations, priority signals, tactics, news with sources,
and the privacy curtain of hot-seat games."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from game.engine import NewsItem, State
from game.scenario.models import Citation, Scenario, Tactic
from game.session.transcript import effect_line
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.lists import StopList


class ConfirmScreen(ModalScreen[bool]):
    """Ask before a move that cannot be taken back. The body scrolls on a short screen; the
    question and the buttons are always in view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, body: Content | str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.title_text, self.body, self.yes, self.no = title, body, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(self.title_text, "bold"), classes="dialog-title")
            with VerticalScroll(classes="dialog-scroll", can_focus=False):
                yield Static(self.body, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error", compact=True)
                yield Button(f"{self.no} (n)", id="no", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.on_resize()
        self.query_one("#no", Button).focus()

    def on_resize(self) -> None:
        # The dialog's frame, title and buttons take eight rows; the body gets the rest.
        self.query_one(".dialog-scroll").styles.max_height = max(2, self.app.size.height - 8)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class SignalScreen(ModalScreen[tuple[str, ...] | None]):
    """Name up to three issues as your priorities, most important first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "send", "Send signal"),
        Binding("backspace", "undo", "Remove last"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, scenario: Scenario, limit: int = 3) -> None:
        super().__init__()
        self.scenario = scenario
        self.limit = limit
        self.order: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Signal your priorities", "bold"), classes="dialog-title")
            yield Static(
                f"Pick up to {self.limit} issues with Enter, most important first, then press s. "
                "This is cheap talk: the other side cannot check it, so it may be a bluff; "
                "how much they believe it depends on trust.",
                classes="dialog-body",
            )
            yield StopList(*self._options(), id="signal-issues")
            yield Static(id="signal-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Send (s)", id="send", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def _options(self) -> list[Option]:
        out = []
        for issue in self.scenario.issues:
            rank = self.order.index(issue.id) + 1 if issue.id in self.order else 0
            prompt = Content.assemble((f"{rank}. " if rank else "   ", "$accent bold"), issue.name)
            out.append(Option(prompt, id=issue.id))
        return out

    def on_mount(self) -> None:
        self.query_one(StopList).focus()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Say it in the dialog itself (a toast would outlive the dialog)."""
        self.query_one("#signal-note", Static).update(Content.styled(message, "$warning"))

    def _redraw(self) -> None:
        self.query_one("#signal-note", Static).update("")
        options = self.query_one(OptionList)
        keep = options.highlighted
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = keep

    @on(OptionList.OptionSelected)
    def toggle(self, event: OptionList.OptionSelected) -> None:
        issue = event.option.id or ""
        if issue in self.order:
            self.order.remove(issue)
        elif len(self.order) < self.limit:
            self.order.append(issue)
        else:
            self.notify(f"At most {self.limit} issues; Enter on a chosen one removes it.", severity="warning")
        self._redraw()

    def action_undo(self) -> None:
        if self.order:
            self.order.pop()
            self._redraw()

    def action_send(self) -> None:
        if not self.order:
            self.notify("Pick at least one issue with Enter first.", severity="warning")
            return
        self.dismiss(tuple(self.order))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#send")
    def send_pressed(self) -> None:
        self.action_send()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)


def tactic_status(tactic: Tactic, uses_left: int, available: bool) -> str:
    """'2 left', 'used up' or 'not now' (one per turn): short, so an entry fits one line at 60 columns."""
    if not uses_left:
        return "used up"
    return f"{uses_left} left" if available else "not now"


def tactic_prompt(scenario: Scenario, tactic: Tactic, uses_left: int, available: bool) -> Content:
    """One line of the picker: the tactic, its kind and what is left of it."""
    kind = "gesture" if tactic.kind == "gesture" else "pressure"
    style = "$success" if tactic.kind == "gesture" else "$error"
    return Content.assemble(
        (tactic.label, "bold" if available else ""), " ", (f"[{kind}]", style),
        (" " + tactic_status(tactic, uses_left, available), "$foreground-muted"),
    )


def tactic_detail(scenario: Scenario, tactic: Tactic) -> Content:
    """What the highlighted tactic is and does: its description and every effect."""
    return Content.assemble(
        (tactic.label, "bold"), "\n",
        tactic.description.strip(), "\n",
        (effect_line(scenario, tactic.effects), "$foreground-muted italic"),
    )


class TacticScreen(ModalScreen[str | None]):
    """Choose one of your side's gestures or pressure tactics.

    One line per tactic, so every one is in view at 80x24 (the list scrolls when a scenario
    has more than the screen holds); the highlighted one is described below the list with
    its effects. The cursor starts on the first tactic that can be played and stops at the ends.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, state: State, actor_id: str) -> None:
        super().__init__()
        self.state = state
        self.actor_id = actor_id

    def compose(self) -> ComposeResult:
        actor = self.state.scenario.actor(self.actor_id)
        available = set(self.state.available_tactics(self.actor_id))
        options = [
            Option(tactic_prompt(self.state.scenario, t, self.state.tactic_uses_left(t.id), t.id in available),
                   id=t.id, disabled=t.id not in available)
            for t in actor.tactics
        ]
        with Vertical(classes="dialog wide", id="tactic-dialog"):
            yield Static(Content.assemble((f"{actor.label}: gestures and pressure", "bold"),
                                          ("  Enter plays · Esc goes back", "$foreground-muted")),
                         classes="dialog-title")
            yield StopList(*options, marker=True, id="tactics")
            yield Static(id="tactic-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.fit_list()
        tactics = self.query_one(StopList)
        tactics.focus()
        tactics.highlight_first()

    def on_resize(self) -> None:
        self.fit_list()

    def fit_list(self) -> None:
        """Leave the description of the highlighted tactic its rows: the list scrolls in what is left."""
        self.query_one(StopList).styles.max_height = max(3, self.app.size.height - 14)

    @on(OptionList.OptionHighlighted)
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        tactic = self.state.scenario.tactic(event.option.id or "")
        self.query_one("#tactic-detail", Static).update(tactic_detail(self.state.scenario, tactic))

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def citation_text(scenario: Scenario, item: NewsItem) -> Content:
    """The story of a news item and, below it, the article excerpts it is drawn from."""
    event = next((e for e in scenario.events if e.id == item.event), None)
    parts: list[Content] = [
        Content.styled(item.headline, "bold"),
        Content.styled(f"Round {item.round}", "$foreground-muted"),
        Content(item.text.strip()),
        Content(""),
        Content.styled("Sources", "bold"),
    ]
    for citation in event.citations if event else []:
        parts.append(Content.assemble(("• ", "$accent"), source_line(citation)))
    return Content("\n").join(parts)


def source_line(citation: Citation) -> Content:
    """One source of a story in the scenario's own words (who says it, where), its quote in italics;
    a game assumption (which quotes no article) shows its reason instead."""
    text = citation.source_text()
    if citation.is_game:
        return Content.styled(text, "$foreground-muted italic")
    head, _, quote = text.partition(": “")
    return Content.assemble((head, "$foreground-muted"), ": ", ("“" + quote, "italic"))


class NewsScreen(ModalScreen[None]):
    """Every news item so far; the one under the cursor is shown with its sources."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,n,q", "close", "Close")]

    def __init__(self, state: State, news: list[NewsItem]) -> None:
        super().__init__()
        self.state = state
        self.news = news

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Static(Content.styled("News from outside the room", "bold"), classes="dialog-title")
            if not self.news:
                yield Static("No news has broken yet. Events may happen at the start of a round.",
                             classes="dialog-body")
            else:
                yield StopList(
                    *[Option(Content.assemble((f"R{n.round} ", "$foreground-muted"), n.headline), id=str(k))
                      for k, n in enumerate(self.news)],
                    id="news-list",
                )
                with VerticalScroll(id="news-detail"):
                    yield Static(id="news-story")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.news:
            options = self.query_one(OptionList)
            options.highlighted = len(self.news) - 1
            options.focus()

    @on(OptionList.OptionHighlighted)
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        item = self.news[int(event.option.id or 0)]
        self.query_one("#news-story", Static).update(citation_text(self.state.scenario, item))

    def action_close(self) -> None:
        self.dismiss(None)


class PrivacyScreen(Screen[None]):
    """Hides the table while the keyboard passes from one negotiator to the other."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,space", "ready", "I am ready", priority=True)]

    def __init__(self, name: str, leader: str, note: str = "") -> None:
        super().__init__()
        self.side_name, self.leader, self.note = name, leader, note

    def compose(self) -> ComposeResult:
        with Vertical(id="privacy"):
            yield Static(Content.styled(f"Pass the keyboard to {self.side_name}", "bold"), id="privacy-title")
            yield Static(
                f"{self.leader} only. The other negotiator looks away now: the next screen shows "
                f"{self.side_name}'s confidential values and red lines.",
                id="privacy-body",
            )
            if self.note:
                yield Static(self.note, id="privacy-note")
            yield Button(f"I am {self.side_name}: show my table (Enter)", id="ready", variant="primary",
                         compact=True)
        yield KeyFooter()

    def action_ready(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#ready")
    def ready(self) -> None:
        self.dismiss(None)


class TextScreen(ModalScreen[None]):
    """A long, scrollable text (the full transcript, the help)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]

    def __init__(self, title: str, body: Content) -> None:
        super().__init__()
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Static(Content.styled(self.title_text, "bold"), classes="dialog-title")
            with VerticalScroll(id="text-body"):
                yield Static(self.body)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#text-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
