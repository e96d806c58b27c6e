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

from game.scenario.models import Option
from game.tui.view import Perspective, fit

LEGEND = "value, +adds to you · ● your offer ◆ theirs ✗ your red line ⊘ theirs"
NARROW_LEGEND = ("+0.00: what it adds to you", "●yours ◆theirs ✗your red line ⊘theirs")
#: The legend when the marks share two columns (● or ◆, ◈ for both; ✗ or ⊘).
TIGHT_LEGEND = ("+0.00: what it adds to you", "●yours ◆theirs ◈both ✗⊘ red lines")


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
        #: Which option each drawn line shows (line number -> option id), for clicks.
        self._rows: dict[int, str] = {}

    def show(self, view: Perspective, issue_id: str, chosen: str, details: bool = False) -> None:
        self.view, self.issue_id, self.chosen, self.details = view, issue_id, chosen, details
        self.refresh(layout=True)

    def on_click(self, event: events.Click) -> None:
        if self.view is None:
            return
        issue = self.view.scenario.issue(self.issue_id)
        option_id = self._rows.get(event.y)
        if option_id is not None:
            self.post_message(self.Picked(issue.id, option_id))

    def _head(self, width: int) -> list[Content]:
        """The issue's name, your weight and your analysts' estimate of theirs: the figures are
        never cut (a long name is, or the figures go on a line of their own)."""
        view = self.view
        assert view is not None
        issue = view.scenario.issue(self.issue_id)
        figures = f"you {view.weights[issue.id]:.0%} · them ≈{view.estimate[issue.id]:.0%}"
        if len(issue.name) + 2 + len(figures) <= width or width - len(figures) - 2 >= 12:
            name = Content.styled(issue.name, "bold").truncate(width - len(figures) - 2, ellipsis=True)
            return [Content.assemble(name, "  ", (figures, "$foreground-muted"))]
        return [Content.styled(issue.name, "bold").truncate(width, ellipsis=True),
                Content.styled(figures, "$foreground-muted")]

    def _window(self, count: int) -> tuple[int, int]:
        """Which options to list (start, stop): all of them when they fit the rows this terminal
        spares, else a window around the chosen one (the rest counted above and below it)."""
        rows = max(3, self.app.size.height - 14) if self.is_attached else count
        if count <= rows:
            return 0, count
        chosen = next((k for k, o in enumerate(self._issue_options()) if o.id == self.chosen), 0)
        start = min(max(0, chosen - rows // 2), count - rows)
        return start, start + rows

    def _issue_options(self) -> list[Option]:
        assert self.view is not None
        return list(self.view.scenario.issue(self.issue_id).options)

    def _lines(self, width: int) -> list[Content]:
        """The pane's lines at ``width`` cells, none wider (so the height is exact)."""
        view = self.view
        if view is None or not self.issue_id:
            return []
        width = max(20, width)
        issue = view.scenario.issue(self.issue_id)
        mine = view.state.standing_offer(view.me) or {}
        theirs = view.state.standing_offer(view.other) or {}
        lines = self._head(width)
        if self.details:
            lines += [Content.styled(line.plain, "$foreground-muted italic")
                      for line in Content(issue.description.strip()).wrap(width)]
        raw = width >= 48  # room for the raw value next to what it adds at your weight
        wide_tags = width >= 40
        label_w = max(4, width - 2 - (5 if raw else 0) - 6 - (5 if wide_tags else 3))
        label_w = min(label_w, max(len(o.label) for o in issue.options) + 1)  # figures stay near their labels
        start, stop = self._window(len(issue.options))
        if start:
            lines.append(Content.styled(f"  ▲ {start} more", "$foreground-muted"))
        cut: list[tuple[str, str]] = []  # (mark, label) of the chosen option and theirs, when cut short
        rows: dict[int, str] = {}
        for option in issue.options[start:stop]:
            rows[len(lines)] = option.id
            picked = option.id == self.chosen
            my_red = option.id in view.my_red.get(issue.id, set())
            their_red = option.id in view.their_red.get(issue.id, set())
            ours, other = mine.get(issue.id) == option.id, theirs.get(issue.id) == option.id
            if wide_tags:
                tags = ("●" if ours else " ") + ("◆" if other else " ") + ("✗" if my_red else " ") + (
                    "⊘" if their_red else " ")
            else:
                tags = ("◈" if ours and other else "●" if ours else "◆" if other else " ") + (
                    "✗" if my_red else "⊘" if their_red else " ")
            if len(option.label) > label_w:
                cut += [("▸ ", option.label)] if picked else []
                cut += [("◆ ", option.label)] if other and not picked else []
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
        if stop < len(issue.options):
            lines.append(Content.styled(f"  ▼ {len(issue.options) - stop} more", "$foreground-muted"))
        if not self.details:  # the chosen option and theirs in full, where the list cut them short
            for mark, label in cut:
                lines += [Content.assemble((mark, "$accent bold"), line) for line in Content(label).wrap(width - 2)]
        legend = (LEGEND,) if width >= len(LEGEND) else NARROW_LEGEND if wide_tags else TIGHT_LEGEND
        for text in legend:
            lines.append(Content.styled(fit(text, width).rstrip(), "$foreground-muted"))
        if self.details:
            option = next(o for o in issue.options if o.id == self.chosen)
            lines.append(Content.assemble(("▸ ", "$accent"), (option.label, "bold")))
            lines += Content(option.description.strip()).wrap(width)
        self._rows = rows
        return [line.truncate(width) for line in lines]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._lines(width)))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.size.width))
