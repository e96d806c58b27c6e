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
from game.session.transcript import news_lines, record_lines


def _news_words(state: State, item: NewsItem, viewer: str | None) -> list[str]:
    """The story's lines: its headline and text, what it changed, and (a crisis) who must answer."""
    changes = state.opening_changes if item in state.opening_news else next(
        (r.changes for r in state.history if item in r.news), [])
    return news_lines(state.scenario, [item], changes, viewer)


def news_line(state: State, item: NewsItem, viewer: str | None = None) -> Content:
    _, *rest = _news_words(state, item, viewer)
    line = Content.assemble((f"NEWS (round {item.round}): ", "$warning bold"), (item.headline, "bold"),
                            " — ", item.text.strip())
    return Content("\n").join([line, *(_styled_more(text) for text in rest)])


def news_story(state: State, item: NewsItem, viewer: str | None = None) -> Content:
    """A news item as a short story for the news panel, with what it changed."""
    _, *rest = _news_words(state, item, viewer)
    return Content.assemble((f"Round {item.round} · ", "$warning"), (item.headline, "bold $warning"), "\n",
                            item.text.strip(), "\n", Content("\n").join([_styled_more(t) for t in rest]), "\n")


def _styled_more(line: str) -> Content:
    """A line under a move or a story: effects muted, a crisis loud, a vote at home in its colour."""
    text = line.strip()
    if text.startswith("CRISIS"):
        head, _, rest = text.partition(": ")
        return Content.assemble("  ", (head + ": ", "$error bold"), rest)
    if text.startswith("“"):
        return Content.styled("  " + text, "italic")
    if text.startswith("At home"):
        return Content.styled("  " + text, "$error" if "REJECTED" in text else "$success")
    if text.startswith("Effect:"):
        return Content.styled("  " + text, "$foreground-muted italic")
    return Content.styled("  " + text, "$foreground-muted")


def styled_record(state: State, record: Record, viewer: str | None, me: str | None) -> list[Content]:
    """One record's transcript lines, coloured by who moved and what the line says."""
    # The viewer's lines hide the other side's utilities and chance at home.
    lines = record_lines(state.scenario, record, viewer)
    mover = "$accent" if record.move.actor == me else "$primary-lighten-2"
    head, dash, rest = lines[0].partition(" — ")
    out = [Content.assemble((head, f"{mover} bold"), (dash + rest, mover))]
    for line in lines[1:]:
        text = line.strip()
        if text.startswith("NEWS"):
            head, _, rest = text.partition(": ")
            out.append(Content.assemble("  ", (head + ": ", "$warning bold"), rest))
        else:
            out.append(_styled_more(text))
    return out


def transcript(state: State, viewer: str | None, me: str | None, upto: int | None = None) -> Content:
    """The whole transcript (or its first ``upto`` records) as one block of text."""
    lines = [news_line(state, item, viewer) for item in state.opening_news]
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
