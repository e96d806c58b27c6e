"""The options of the issue under the board's cursor: values, offers and red lines side by side.

This is where a player sees *why* an option is worth choosing: its value to them, what it
adds to their utility at their weight of the issue, who has it in their offer, and whose
red line it crosses. Clicking an option puts it in the package being composed.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from game.tui.view import Perspective, fit

LEGEND = "value, +adds to you · ● your offer ◆ theirs ✗ your red line ⊘ theirs"
NARROW_LEGEND = ("+0.00: what it adds to your utility", "●yours ◆theirs ✗your red line ⊘theirs")


class OptionPane(Widget):
    """Every option of one issue, with the chosen one marked."""

    DEFAULT_CSS = """
    OptionPane {
        height: auto;
    }
    """

    class Picked(Message):
        """An option was clicked."""

        def __init__(self, issue_id: str, option_id: str) -> None:
            super().__init__()
            self.issue_id = issue_id
            self.option_id = option_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: Perspective | None = None
        self.issue_id = ""
        self.chosen = ""
        self.details = False

    def show(self, view: Perspective, issue_id: str, chosen: str, details: bool = False) -> None:
        self.view, self.issue_id, self.chosen, self.details = view, issue_id, chosen, details
        self.refresh(layout=True)

    def on_click(self, event: events.Click) -> None:
        if self.view is None:
            return
        issue = self.view.scenario.issue(self.issue_id)
        row = event.y - 1
        if 0 <= row < len(issue.options):
            self.post_message(self.Picked(issue.id, issue.options[row].id))

    def _lines(self, width: int) -> list[Content]:
        """The pane's lines at ``width`` cells, none wider (so the height is exact)."""
        view = self.view
        if view is None or not self.issue_id:
            return []
        width = max(20, width)
        issue = view.scenario.issue(self.issue_id)
        mine = view.state.standing_offer(view.me) or {}
        theirs = view.state.standing_offer(view.other) or {}
        head = Content.assemble(
            (issue.name, "bold"),
            (f"  you {view.weights[issue.id]:.0%}", "$foreground-muted"),
            (f" · them ≈{view.estimate[issue.id]:.0%}", "$foreground-muted"),
        )
        lines = [head.truncate(width, ellipsis=True)]
        if self.details:
            lines += [Content.styled(line.plain, "$foreground-muted italic")
                      for line in Content(issue.description.strip()).wrap(width)]
        raw = width >= 48  # room for the raw value next to what it adds at your weight
        label_w = max(4, width - 2 - (5 if raw else 0) - 6 - 5)
        for option in issue.options:
            picked = option.id == self.chosen
            my_red = option.id in view.my_red.get(issue.id, set())
            their_red = option.id in view.their_red.get(issue.id, set())
            tags = (
                ("●" if mine.get(issue.id) == option.id else " ")
                + ("◆" if theirs.get(issue.id) == option.id else " ")
                + ("✗" if my_red else " ")
                + ("⊘" if their_red else " ")
            )
            style = "$error" if my_red else "$warning" if their_red else ""
            lines.append(
                Content.assemble(
                    ("▸ " if picked else "  ", "$accent bold"),
                    (fit(option.label, label_w), f"{style} bold" if picked else style),
                    (f"{view.value(issue.id, option.id):5.2f}" if raw else "", "$foreground-muted"),
                    (f" {view.contribution(issue.id, option.id):+5.2f}", "$text-primary"),
                    (" " + tags, style or "$foreground-muted"),
                )
            )
        for text in (LEGEND,) if width >= len(LEGEND) else NARROW_LEGEND:
            lines.append(Content.styled(fit(text, width).rstrip(), "$foreground-muted"))
        if self.details:
            option = next(o for o in issue.options if o.id == self.chosen)
            lines.append(Content.assemble(("▸ ", "$accent"), (option.label, "bold")))
            lines += Content(option.description.strip()).wrap(width)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._lines(width)))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.size.width))
