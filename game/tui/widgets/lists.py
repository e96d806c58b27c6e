"""A list whose cursor stops at its ends.

Textual's option list wraps from the last entry to the first without a word, so a player
pressing up once too often at the top of the tactic picker lands on the last tactic (a tester
played the wrong pressure tactic that way). Here the cursor stops at either end and the
terminal bell says so; the highlighted entry is always scrolled into view, and a list that
gets the focus highlights its first enabled entry at once. With ``marker``, the highlighted
entry also carries a ``▸`` (the highlight is not only a colour, which a screen reader, a
colour-blind player or a text capture would miss).
"""

from __future__ import annotations

from textual.content import Content
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class StopList(OptionList):
    """An option list that never wraps around (see the module docstring)."""

    def __init__(self, *content: Option, marker: bool = False, id: str | None = None) -> None:
        # Set first: the option list's own set-up already runs the highlight watcher below.
        self.marker = marker
        #: Each entry's prompt without its mark (the list shows it with one).
        self.bases: dict[int, VisualType] = {}
        super().__init__(*content, id=id)

    def clear_options(self) -> StopList:
        self.bases = {}
        super().clear_options()
        return self

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if self.marker:
            self.refresh_marks()

    def refresh_marks(self) -> None:
        """Put ``▸`` before the highlighted entry and room for it before the others."""
        for k in range(self.option_count):
            base = self.bases.setdefault(k, self.get_option_at_index(k).prompt)
            text = base if isinstance(base, (Content, str)) else str(base)
            mark = "▸ " if k == self.highlighted else "  "
            self.replace_option_prompt_at_index(k, Content.assemble((mark, "bold $accent"), text))

    def _step(self, direction: int) -> None:
        count = self.option_count
        if count == 0:
            return
        start = self.highlighted
        k = (-1 if direction > 0 else count) if start is None else start
        while True:
            k += direction
            if not 0 <= k < count:
                self.app.bell()
                return
            if not self.get_option_at_index(k).disabled:
                self.highlighted = k
                self.scroll_to_highlight()
                return

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def highlight_first(self) -> None:
        """Highlight the first entry that can be chosen (none when every entry is disabled)."""
        for k in range(self.option_count):
            if not self.get_option_at_index(k).disabled:
                self.highlighted = k
                self.scroll_to_highlight()
                return

    def on_focus(self) -> None:
        if self.highlighted is None:
            self.highlight_first()
