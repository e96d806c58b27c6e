"""The issue board: one row per issue, with the package being composed and the offers on the table.

Keyboard: up/down move between issues, left/right change the option of the issue under the
cursor. Mouse: click a row to move to it, click ◀ or ▶ to change its option. The board
holds only the composition and the cursor; what the numbers mean comes from the
:class:`~game.tui.view.Perspective` it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from game.scenario.models import Issue
from game.tui.keys import Key
from game.tui.view import Perspective, fit, option_index


@dataclass
class Columns:
    """Cell widths of the board at one width."""

    name: int
    weight: int
    compose: int
    value: int
    mine: int  # 0: not shown
    theirs: int

    @property
    def total(self) -> int:
        """Cells of a row: the cursor mark, every column and a gap after each but the last."""
        used = 1 + self.name + 1 + self.weight + 1 + self.compose + 1 + self.value + 1 + self.theirs
        return used + (self.mine + 1 if self.mine else 0)


def columns(width: int, longest_name: int, longest_label: int = 28) -> Columns:
    """Share ``width`` cells between the columns, never more: labels get what is left.

    The composing column wants the longest option label plus its arrows and a red-line mark;
    the offer columns want the label plus a mark. With room for all three in full, your own
    last offer gets a column too; otherwise the two share what there is, the composing
    column first.
    """
    name = max(4, min(longest_name, max(10, width // 5)))
    weight, value = 3, 5
    rest = max(2, width - 1 - name - weight - value - 4)  # cursor mark and four gaps
    compose_need, offer_need = longest_label + 6, longest_label + 2
    if rest >= compose_need + 2 * offer_need + 1:
        mine = (rest - compose_need - 1) // 2
        return Columns(name, weight, compose_need, value, mine, rest - compose_need - 1 - mine)
    if rest >= compose_need + offer_need:
        return Columns(name, weight, compose_need, value, 0, rest - compose_need)
    compose = max(1, min(compose_need, (rest * 11) // 20))
    return Columns(name, weight, compose, value, 0, max(1, rest - compose))


class IssueBoard(Widget, can_focus=True):
    """Every issue: your weight, the option you are composing, its value to you, and both offers."""

    DEFAULT_CSS = """
    IssueBoard {
        height: auto;
        padding: 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Key("up,k", "cursor(-1)", "Previous issue", show=False, palette=False, help="move to the issue above"),
        Key("down,j", "cursor(1)", "Next issue", show=False, palette=False, help="move to the issue below"),
        Key("left,h", "option(-1)", "Previous option", show=False, palette=False,
            help="the previous option of the issue you are on"),
        Key("right,l", "option(1)", "Next option", show=False, palette=False,
            help="the next option of the issue you are on"),
        Key("home", "jump(0)", "First issue", show=False, palette=False, help="the first issue"),
        Key("end", "jump(-1)", "Last issue", show=False, palette=False, help="the last issue"),
    ]

    cursor: reactive[int] = reactive(0)

    class Changed(Message):
        """The package being composed changed."""

        def __init__(self, package: dict[str, str]) -> None:
            super().__init__()
            self.package = package

    class Moved(Message):
        """The cursor moved to another issue."""

        def __init__(self, issue_id: str) -> None:
            super().__init__()
            self.issue_id = issue_id

    def __init__(self, *, readonly: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.readonly = readonly
        self.view: Perspective | None = None
        self.package: dict[str, str] = {}

    # -- data in ----------------------------------------------------------------------------

    def show(self, view: Perspective, package: dict[str, str]) -> None:
        """Show ``view`` with ``package`` in the composing column."""
        self.view = view
        self.package = dict(package)
        self.refresh(layout=True)

    def set_option(self, issue_id: str, option_id: str) -> None:
        if self.readonly or self.package.get(issue_id) == option_id:
            return
        self.package[issue_id] = option_id
        self.refresh()
        self.post_message(self.Changed(dict(self.package)))

    @property
    def issue_id(self) -> str | None:
        if self.view is None:
            return None
        return self.view.issues[self.cursor].id

    # -- keys and mouse ---------------------------------------------------------------------

    def watch_cursor(self, _old: int, new: int) -> None:
        if self.view is not None:
            self.post_message(self.Moved(self.view.issues[new].id))
            self.reveal(new)

    def reveal(self, row: int) -> None:
        """Scroll the box the board sits in (on a short screen) so that issue ``row`` is in view."""
        box = self.parent
        if isinstance(box, Widget) and box.allow_vertical_scroll:
            box.scroll_to_region(Region(0, self.virtual_region.y + row + 1, self.size.width, 1),
                                 animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        if self.view is not None:
            self.cursor = (self.cursor + step) % len(self.view.issues)

    def action_jump(self, row: int) -> None:
        if self.view is not None:
            self.cursor = row % len(self.view.issues)

    def action_option(self, step: int) -> None:
        if self.view is None or self.readonly:
            return
        issue = self.view.issues[self.cursor]
        k = option_index(issue, self.package[issue.id])
        k = max(0, min(len(issue.options) - 1, k + step))
        self.set_option(issue.id, issue.options[k].id)

    def on_click(self, event: events.Click) -> None:
        if self.view is None:
            return
        row = event.y - 1
        if not 0 <= row < len(self.view.issues):
            return
        self.cursor = row
        cols = self._columns()
        start = 1 + cols.name + 1 + cols.weight + 1
        if start <= event.x < start + 2:
            self.action_option(-1)
        elif start + cols.compose - 2 <= event.x < start + cols.compose:
            self.action_option(1)

    # -- drawing ------------------------------------------------------------------------------

    def _columns(self) -> Columns:
        assert self.view is not None
        issues = self.view.issues
        return columns(self.size.width, max(len(i.name) for i in issues),
                       max(len(o.label) for i in issues for o in i.options))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + (len(self.view.issues) if self.view else 0)

    def render(self) -> Content:
        view = self.view
        if view is None:
            return Content("")
        cols = self._columns()
        mine_offer = view.state.standing_offer(view.me)
        their_offer = view.state.standing_offer(view.other)
        header = [" ", fit("Issue", cols.name), " ", fit("Wt", cols.weight).rjust(cols.weight), " ",
                  fit("  Last proposal" if self.readonly else "  Your proposal", cols.compose), " ",
                  "Value".rjust(cols.value), " "]
        if cols.mine:
            header += [fit("Your last offer", cols.mine), " "]
        header.append(fit(f"{view.scenario.actor(view.other).label}'s offer", cols.theirs))
        lines = [Content.styled("".join(header), "bold $foreground-muted").truncate(self.size.width)]
        for row, issue in enumerate(view.issues):
            lines.append(self._row(row, issue, cols, mine_offer, their_offer))
        return Content("\n").join(lines)

    def _row(self, row: int, issue: Issue, cols: Columns, mine_offer: dict[str, str] | None,
             their_offer: dict[str, str] | None) -> Content:
        view = self.view
        assert view is not None
        chosen = self.package.get(issue.id, issue.options[0].id)
        k = option_index(issue, chosen)
        label = issue.options[k].label
        current = row == self.cursor
        my_red = chosen in view.my_red.get(issue.id, set())
        their_red = chosen in view.their_red.get(issue.id, set())
        mark = "✗ " if my_red else "⊘ " if their_red else ""
        left = "◀ " if (k > 0 and not self.readonly) else "  "
        right = " ▶" if (k < len(issue.options) - 1 and not self.readonly) else "  "
        body = fit(mark + label, cols.compose - 4)
        compose_style = "$error bold" if my_red else "$warning" if their_red else "bold"
        row_style = ("on $accent 30%" if self.has_focus else "on $boost") if current else ""
        parts: list[tuple[str, str] | str] = [
            ("▌" if current else " ", "$accent" if current else ""),
            (fit(issue.name, cols.name), "bold" if current else ""),
            " ",
            (f"{view.weights[issue.id]:.0%}".rjust(cols.weight), "$foreground-muted"),
            " ",
            (left, "$accent"),
            (body, compose_style),
            (right, "$accent"),
            " ",
            (f"{view.contribution(issue.id, chosen):.2f}".rjust(cols.value), "bold"),
            " ",
        ]
        if cols.mine:
            parts += [self._offer_cell(issue, mine_offer, chosen, cols.mine), " "]
        parts.append(self._offer_cell(issue, their_offer, chosen, cols.theirs, theirs=True))
        line = Content.assemble(*parts).truncate(self.size.width)
        return line.stylize(row_style) if row_style else line

    def _offer_cell(self, issue: Issue, offer: dict[str, str] | None, chosen: str, width: int,
                    theirs: bool = False) -> tuple[str, str]:
        view = self.view
        assert view is not None
        if offer is None:
            return fit("—", width), "$foreground-muted"
        option = offer[issue.id]
        label = issue.options[option_index(issue, option)].label
        if theirs and option in view.my_red.get(issue.id, set()):
            return fit("✗ " + label, width), "$error"
        if option == chosen:
            return fit("= " + label, width), "$success"
        return fit("  " + label, width), ""
