"""Scrolling text panels of the table: the transcript of moves and the news feed.

The words come from :mod:`game.session.transcript`, so the screen, plain mode and the
exported transcript always say the same thing; this module colours them and, during play,
leaves out the other side's private numbers (its utilities and its chance of ratification).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.engine import NewsItem, Record, State
from game.session.transcript import record_lines


def news_line(item: NewsItem) -> Content:
    return Content.assemble((f"NEWS (round {item.round}): ", "$warning bold"), (item.headline, "bold"),
                            " — ", item.text.strip())


def news_story(item: NewsItem) -> Content:
    """A news item as a short story for the news panel."""
    return Content.assemble((f"Round {item.round} · ", "$warning"), (item.headline, "bold $warning"), "\n",
                            item.text.strip(), "\n")


def styled_record(state: State, record: Record, viewer: str | None, me: str | None) -> list[Content]:
    """One record's transcript lines, coloured by who moved and what the line says."""
    lines = record_lines(state.scenario, record, viewer=viewer)  # hides the other side's chance at home
    mover = "$accent" if record.move.actor == me else "$primary-lighten-2"
    head, dash, rest = lines[0].partition(" — ")
    out = [Content.assemble((head, f"{mover} bold"), (dash + rest, mover))]
    for line in lines[1:]:
        text = line.strip()
        if text.startswith("NEWS"):
            head, _, rest = text.partition(": ")
            out.append(Content.assemble("  ", (head + ": ", "$warning bold"), rest))
        elif text.startswith("“"):
            out.append(Content.styled("  " + text, "italic"))
        elif text.startswith("At home"):
            style = "$error" if "REJECTED" in text else "$success"
            out.append(Content.styled("  " + text, style))
        else:
            out.append(Content.styled("  " + text, "$foreground-muted"))
    return out


def transcript(state: State, viewer: str | None, me: str | None, upto: int | None = None) -> Content:
    """The whole transcript (or its first ``upto`` records) as one block of text."""
    lines = [news_line(item) for item in state.opening_news]
    records = state.history if upto is None else state.history[:upto]
    for record in records:
        lines.extend(styled_record(state, record, viewer, me))
    if not lines:
        lines = [Content.styled("No moves yet.", "$foreground-muted")]
    return Content("\n").join(lines)


class TextPanel(VerticalScroll):
    """A titled, scrollable block of text that can follow its end as it grows."""

    DEFAULT_CSS = """
    TextPanel {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    TextPanel > Static {
        width: 1fr;
    }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
        self._body = Static("", markup=False)

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, content: Content, *, follow: bool = True) -> None:
        self._body.update(content)
        if follow:
            self.call_after_refresh(self.scroll_end, animate=False)
