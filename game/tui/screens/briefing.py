"""The briefing: what every negotiator reads before sitting down.

The public background and what is known of the articles behind it (seed notes: dates,
errors, a hypothetical scenario), the side's confidential instructions, its priorities and
red lines with their reasons, the intelligence estimate of the other side (its public red
lines, the analysts' prior on its priorities and its no-deal value), the deadline and the
alternative to a deal.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Markdown, Static

from game.engine import State
from game.scenario.seednotes import seed_note_lines
from game.tui.view import bar
from game.tui.widgets.footer import KeyFooter


def weight_rows(names: list[str], weights: list[float], notes: list[str], style: str) -> list[Static]:
    """One row per issue, most important first, each with its reason indented below it."""
    width = max(len(n) for n in names)
    top = max(weights) or 1.0
    rows: list[Static] = []
    for name, w, note in sorted(zip(names, weights, notes, strict=True), key=lambda r: -r[1]):
        rows.append(Static(Content.assemble(
            ("  " + name.ljust(width), "bold"), f" {w:4.0%} ", (bar(w / top, 16), style)), classes="para"))
        if note:
            rows.append(Static(Content.styled(note.strip(), "$foreground-muted"), classes="note"))
    return rows


class BriefingScreen(Screen[None]):
    """One side's briefing; Enter or Escape goes (back) to the table."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-narrow"), (120, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "To the table", priority=True),
        Binding("escape", "close", "Back", show=False),
    ]

    def __init__(self, state: State, actor_id: str) -> None:
        super().__init__()
        self.state = state
        self.actor_id = actor_id

    def compose(self) -> ComposeResult:
        state, me = self.state, self.actor_id
        s = state.scenario
        actor = s.actor(me)
        with VerticalScroll(id="briefing"):
            yield Static(Content.assemble((s.title, "bold $accent"), ("  ·  " + s.when, "$foreground-muted")),
                         classes="h1")
            yield Static(Content.assemble("You are ", (f"{actor.name}", "bold"), f" — {actor.leader}. ",
                                          (actor.description.strip(), "$foreground-muted")), classes="para")
            with Container(id="brief-columns"):
                with Vertical(id="brief-story"):
                    yield Static("Background (public)", classes="h2")
                    yield Markdown(s.briefings.public)
                    notes = seed_note_lines(s)
                    if notes:
                        yield Static("About the sources", classes="h2 secret")
                        for note in notes:
                            yield Static(Content.assemble(("• ", "$warning"), note), classes="para")
                    yield Static(f"Your instructions (confidential to {actor.label})", classes="h2 secret")
                    yield Markdown(s.briefings.confidential.get(me, "_No confidential instructions._"))
                with Vertical(id="brief-facts"):
                    yield from self._facts()
        yield KeyFooter()

    def _facts(self) -> ComposeResult:
        """Priorities, red lines, the intelligence estimate, the clock and the alternative."""
        state, me = self.state, self.actor_id
        s = state.scenario
        actor, other = s.actor(me), s.other(me)
        issues = list(s.issues)
        names = [i.name for i in issues]
        raw = state.weights(me)
        weights = [float(w) for w in raw / raw.sum()]
        guess = state.estimated_weights(me)
        estimate = [guess[i.id] for i in issues]
        prefs = s.preferences[me]
        yield Static("Your priorities", classes="h2")
        yield from weight_rows(names, weights, [prefs[i.id].rationale for i in issues], "$accent")
        yield Static("Your red lines", classes="h2")
        yield from self._red_lines(me, "✗", "$error")
        yield Static(f"Intelligence estimate: {other.name}", classes="h2")
        yield Static(Content.assemble((f"{other.leader}. ", "bold"), other.description.strip()), classes="para")
        yield Static("Their public stance (red lines they have declared):", classes="para")
        yield from self._red_lines(other.id, "⊘", "$warning")
        yield Static("What our analysts expect them to care about (a prior, to be revised as they move):",
                     classes="para")
        yield from weight_rows(names, estimate, ["" for _ in issues], "$primary-lighten-2")
        yield Static(Content.assemble("Their no-deal value, as our analysts estimate it: ",
                                      (f"≈{state.estimated_reservation(me):.2f}", "bold"),
                                      " (the meters show it as “their no deal ≈”)."), classes="para")
        yield Static("The clock and your alternative", classes="h2")
        yield Static(Content("\n").join([
            Content.assemble("Deadline: ", (f"{state.deadline} rounds", "bold"),
                             f"; {s.actor(s.opener).label} opens, each side moves once per round."),
            Content.assemble("Your alternative to a deal (BATNA): ", actor.batna.strip()),
            Content.assemble("It is worth ", (f"{state.reservation(me):.2f}", "bold"),
                             " to you: your reservation value. Any deal must beat it."),
            Content.assemble("At home, ", (actor.constituency.name, "bold"),
                             " must ratify the deal: ", actor.constituency.description.strip()),
        ]), classes="para")
        yield Static(Content.styled("Press Enter to take your seat at the table.", "bold $accent"),
                     classes="para")

    def _red_lines(self, actor_id: str, mark: str, style: str) -> list[Static]:
        """Each red line (issue: options), with the side's reason indented below it."""
        s = self.state.scenario
        out: list[Static] = []
        for line in s.red_lines.get(actor_id, []):
            issue = s.issue(line.issue)
            labels = ", ".join(o.label for o in issue.options if o.id in line.options)
            out.append(Static(Content.assemble((f"  {mark} ", style), (f"{issue.name}: ", "bold"), (labels, style)),
                              classes="para"))
            out.append(Static(Content.styled(line.rationale.strip(), "$foreground-muted"), classes="note"))
        return out or [Static(Content.styled("  None declared.", "$foreground-muted"), classes="para")]

    def on_mount(self) -> None:
        self.query_one("#briefing").focus()

    def action_close(self) -> None:
        self.dismiss(None)
