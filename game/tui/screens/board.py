"""The shared body of the table and the replay: the issue board, the options of the issue
under the cursor, the score panel, the transcript and (on wide terminals) the news.

The layout answers to the terminal's size through breakpoint classes: below 80 columns the
meters drop their bars to leave the options their labels; below 120 columns the transcript
runs under the board; from 120 columns the news and the transcript get a column of their own
(the board keeps the width its labels need); from 36 rows the panels show section titles and
option descriptions. The board scrolls when a scenario has more issues than the screen has
rows, always keeping the issue under the cursor in view, and notices (news, refusals) take a
line of the layout instead of covering the meters.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.widgets import Static

from game.engine import NewsItem, State
from game.tui.view import Perspective
from game.tui.widgets.board import IssueBoard
from game.tui.widgets.feed import TextPanel, news_story, transcript
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.notice import NoticeBar, NoticeScreen
from game.tui.widgets.options import OptionPane
from game.tui.widgets.score import ScorePanel

#: Columns from which the meters have room for their bars.
ROOMY = 80
#: Columns from which the news and the transcript move to a column of their own.
WIDE = 120
#: Rows from which the panels have room for titles and descriptions.
TALL = 36


class BoardScreen(NoticeScreen):
    """A game shown from one side's seat; subclasses decide what the keys do."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-small"), (ROOMY, "-narrow"),
                                                                      (WIDE, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (TALL, "-tall")]

    readonly = False
    #: The word for this screen's keys when the footer is too narrow to give each its own.
    footer_word = "moves"

    def __init__(self, state: State, me: str) -> None:
        super().__init__()
        self.state = state
        self.me = me
        self.package: dict[str, str] = {}
        #: A redraw was put off while the game was changing on another thread (see :meth:`changing`).
        self.held = False

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        yield NoticeBar(id="notice")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                with VerticalScroll(id="board-box", can_focus=False):
                    yield IssueBoard(readonly=self.readonly, id="board")
                with Horizontal(id="detail"):
                    yield OptionPane(id="options")
                    yield ScorePanel(id="score")
                yield TextPanel("News · n shows the sources", id="news-panel")
                yield TextPanel("Transcript", id="log-narrow")
            with Vertical(id="sidebar"):
                yield TextPanel("Transcript", id="log-wide")
        yield KeyFooter(self.footer_word)

    @property
    def roomy(self) -> bool:
        return self.app.size.height >= TALL

    # -- showing the game -------------------------------------------------------------------

    def perspective(self) -> Perspective:
        return Perspective(self.state, self.me)

    def status_text(self) -> Content:
        """The top line: round, sides, seed and scenario."""
        state = self.state
        s = state.scenario
        other = s.other(self.me).id
        return Content.assemble(
            (f" Round {state.round}/{state.deadline} ", "bold reverse"),
            " ",
            (s.actor(self.me).label, "$accent bold"),
            (" (you)", "$foreground-muted"),
            " vs ",
            (s.actor(other).label, "$primary-lighten-2 bold"),
            (f" ({state.seats[other]})", "$foreground-muted"),
            (f" · seed {state.seed} · ", "$foreground-muted"),
            s.title,
        )

    def transcript_viewer(self) -> str | None:
        """Whose utilities the transcript may show (None: both)."""
        return self.me

    def transcript_upto(self) -> int | None:
        return None

    def show_all(self) -> None:
        """Redraw everything from the state (after a move, a handover or a step of a replay)."""
        view = self.perspective()
        board = self.query_one(IssueBoard)
        board.show(view, self.package)
        self.query_one("#status", Static).update(self.status_text().truncate(self.size.width or 200, ellipsis=True))
        self.show_package(view)
        log = transcript(self.state, self.transcript_viewer(), self.me, self.transcript_upto())
        wide = self.app.size.width >= WIDE  # the breakpoint class may not be set yet on mount
        self.query_one("#log-wide" if wide else "#log-narrow", TextPanel).show(log)
        if not wide:
            return
        news = [news_story(self.state, item, self.me) for item in self.visible_news()]
        self.query_one("#news-panel", TextPanel).show(
            Content("\n").join(news) if news else Content.styled(
                "No news yet. Events outside the room may break at the start of a round.", "$foreground-muted"))

    def visible_news(self) -> list[NewsItem]:
        return list(self.state.news)

    def show_package(self, view: Perspective | None = None) -> None:
        """Redraw what depends on the composed package and the cursor (cheap: on every key)."""
        view = view or self.perspective()
        board = self.query_one(IssueBoard)
        issue = board.issue_id or view.issues[0].id
        self.query_one(OptionPane).show(view, issue, self.package[issue], details=self.roomy)
        self.query_one(ScorePanel).show(view, self.package, readonly=self.readonly, roomy=self.roomy)
        self.call_after_refresh(self.fit_board)

    def fit_board(self) -> None:
        """Give the board the rows the meters and the notices leave it, never more: with more
        issues than that, the board scrolls (keeping the cursor's issue in view) instead of
        pushing the meters off the bottom of the screen."""
        if not self.is_mounted:
            return
        used = 2 + self.query_one(NoticeBar).rows(self.size.width)  # the top line, the footer and the notices
        used += self.query_one("#detail").outer_size.height + (2 if self.roomy else 1)  # the board's margins
        box = self.query_one("#board-box")
        rows = max(3, self.size.height - used)
        if box.styles.max_height is None or box.styles.max_height.value != rows:
            box.styles.max_height = rows
            self.query_one(IssueBoard).reveal(self.query_one(IssueBoard).cursor)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
        self.call_after_refresh(self.fit_board)

    def clear_notices(self) -> None:
        super().clear_notices()
        self.call_after_refresh(self.fit_board)

    def changing(self) -> bool:
        """Whether the game is being changed on another thread (a move being played) right now.

        Redraws wait meanwhile, so no panel reads a game halfway through a move; the screen
        calls :meth:`redraw_held` once the change is in.
        """
        return False

    def redraw_held(self) -> None:
        """Make the redraw that was put off while the game was changing."""
        if self.held and not self.changing():
            self.held = False
            self.show_all()

    def on_resize(self) -> None:
        if not self.package:
            return
        if self.changing():
            self.held = True
        else:
            self.show_all()

    @on(IssueBoard.Changed)
    def composed(self, event: IssueBoard.Changed) -> None:
        self.package = dict(event.package)
        if self.changing():
            self.held = True
        else:
            self.show_package()

    @on(IssueBoard.Moved)
    def moved(self) -> None:
        if not self.package:
            return
        if self.changing():
            self.held = True
        else:
            self.show_package()

    @on(OptionPane.Picked)
    def picked(self, event: OptionPane.Picked) -> None:
        self.query_one(IssueBoard).set_option(event.issue_id, event.option_id)

