"""Notices in the layout instead of toasts: news, refusals and exports that never cover the meters.

A toast floats over the bottom right of the screen, which at 80x24 is where the meters are,
and it lives on the app, so it outlives the screen it was about. A :class:`NoticeBar` is part
of its screen's layout instead: a line (up to three) between the top line and the rest, that
pushes the panels down rather than covering them, stays until the next move replaces it,
and goes away with its screen. Screens built on :class:`NoticeScreen` send every
``notify`` there.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Static

#: At most this many notices are shown at once (the newest); the bar never grows past them.
KEEP = 3
#: The bar's height at most (long notices wrap into it, then are cut).
MAX_ROWS = 4

STYLES: dict[str, str] = {"information": "$accent", "warning": "$warning", "error": "$error"}


@dataclass(frozen=True)
class Notice:
    message: str
    title: str
    severity: SeverityLevel

    def line(self) -> Content:
        style = STYLES.get(self.severity, "$accent")
        head = (f"{self.title}: ", f"bold {style}") if self.title else ("", "")
        mark = "! " if self.severity != "information" else "• "
        return Content.assemble((mark, f"bold {style}"), head, " ".join(self.message.split("\n")))


class NoticeBar(Static):
    """The latest notices of one screen, one line each (long ones wrap), hidden when there are none."""

    DEFAULT_CSS = """
    NoticeBar {
        height: auto;
        max-height: 4;  /* MAX_ROWS */
        padding: 0 1;
        background: $boost;
        display: none;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.notices: list[Notice] = []

    def add(self, message: str, title: str = "", severity: SeverityLevel = "information") -> None:
        notice = Notice(message, title, severity)
        if notice in self.notices:
            self.notices.remove(notice)
        self.notices = [*self.notices, notice][-KEEP:]
        self._draw()

    def clear(self) -> None:
        if self.notices:
            self.notices = []
            self._draw()

    def rows(self, width: int) -> int:
        """How many rows the bar takes at ``width`` columns (the layout may not have caught up yet)."""
        if not self.notices:
            return 0
        return min(MAX_ROWS, sum(len(n.line().wrap(max(1, width - 2))) for n in self.notices))

    @property
    def messages(self) -> list[str]:
        """The notices' texts, title first (what tests and screen readers read)."""
        return [f"{n.title}: {n.message}" if n.title else n.message for n in self.notices]

    def _draw(self) -> None:
        self.update(Content("\n").join(n.line() for n in self.notices))
        self.display = bool(self.notices)


class NoticeScreen(Screen[None]):
    """A screen whose layout holds a :class:`NoticeBar`: its ``notify`` lands there, not in a toast.

    A notice given before the screen is mounted (the app announcing why it opened) waits and
    shows when the bar is there.
    """

    def __init__(self) -> None:
        super().__init__()
        self.waiting_notices: list[Notice] = []

    def notice_bar(self) -> NoticeBar | None:
        bars = self.query(NoticeBar)  # none before the screen is composed
        return bars.first() if bars else None

    def on_mount(self) -> None:
        bar = self.notice_bar()
        if bar is not None:
            for notice in self.waiting_notices:
                bar.add(notice.message, notice.title, notice.severity)
            self.waiting_notices = []

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Show ``message`` in the screen's notice bar (``timeout`` and ``markup`` do not apply there)."""
        bar = self.notice_bar()
        if bar is not None:
            bar.add(message, title, severity)
        else:
            self.waiting_notices.append(Notice(message, title, severity))

    def clear_notices(self) -> None:
        bar = self.notice_bar()
        if bar is not None:
            bar.clear()
