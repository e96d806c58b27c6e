"""Modal dialogs of the table: confirmations, priority signals, tactics, news with sources,
and the privacy curtain of hot-seat games."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.engine import NewsItem, State
from game.scenario.models import Citation, Scenario, Tactic


class ConfirmScreen(ModalScreen[bool]):
    """Ask before a move that cannot be taken back."""

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
            yield Static(self.body, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error", compact=True)
                yield Button(f"{self.no} (n)", id="no", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

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
            yield OptionList(*self._options(), id="signal-issues")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Send (s)", id="send", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield Footer(compact=True)

    def _options(self) -> list[Option]:
        out = []
        for issue in self.scenario.issues:
            rank = self.order.index(issue.id) + 1 if issue.id in self.order else 0
            prompt = Content.assemble((f"{rank}. " if rank else "   ", "$accent bold"), issue.name)
            out.append(Option(prompt, id=issue.id))
        return out

    def _redraw(self) -> None:
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


def tactic_prompt(scenario: Scenario, tactic: Tactic, uses_left: int, available: bool) -> Content:
    kind = "gesture" if tactic.kind == "gesture" else "pressure"
    style = "$success" if tactic.kind == "gesture" else "$error"
    fx = tactic.effects
    effects = []
    if fx.trust:
        effects.append(f"trust {fx.trust:+.2f}")
    for actor, delta in fx.reservation.items():
        effects.append(f"{scenario.actor(actor).label}'s no-deal value {delta:+.2f}")
    for actor, delta in fx.pressure.items():
        effects.append(f"{scenario.actor(actor).label}'s pressure at home {delta:+.2f}")
    if fx.deadline:
        effects.append(f"deadline {fx.deadline:+d} rounds")
    status = f"{uses_left} use{'s' if uses_left != 1 else ''} left" if uses_left else "used up"
    if uses_left and not available:
        status += " · not now (one per turn)"
    return Content.assemble(
        (tactic.label, "bold"), "  ", (f"[{kind}]", style), ("  " + status, "$foreground-muted"), "\n",
        (tactic.description.strip(), "$foreground-muted" if not available else ""), "\n",
        ("Effect: " + (", ".join(effects) or "none"), "$foreground-muted italic"),
    )


class TacticScreen(ModalScreen[str | None]):
    """Choose one of your side's gestures or pressure tactics."""

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
                   id=t.id,
                   disabled=t.id not in available)
            for t in actor.tactics
        ]
        with Vertical(classes="dialog wide"):
            yield Static(Content.styled(f"{actor.label}: gestures and pressure", "bold"), classes="dialog-title")
            yield Static("A gesture builds trust; pressure costs trust but worsens their alternative. "
                         "Either leaves your turn open: you still propose, accept or reject after it.",
                         classes="dialog-body")
            yield OptionList(*options, id="tactics")
        yield Footer(compact=True)

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
                yield OptionList(
                    *[Option(Content.assemble((f"R{n.round} ", "$foreground-muted"), n.headline), id=str(k))
                      for k, n in enumerate(self.news)],
                    id="news-list",
                )
                with VerticalScroll(id="news-detail"):
                    yield Static(id="news-story")
        yield Footer(compact=True)

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
        yield Footer(compact=True)

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
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#text-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
