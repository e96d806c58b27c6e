"""A student's seat at a live table: the TUI's own table screen, fixed to one side, fed by the store.

:class:`LiveTableScreen` is the ordinary :class:`~game.tui.screens.table.TableScreen` with
three differences. It never changes seat (the other side sits at another screen, so there
is no hot-seat curtain and only this side's briefing, values and estimates ever load). It
refuses, with a note, moves while the other side is to move or the class is paused. And
:meth:`live_poll` (called by the app a few times a second) brings in the other side's moves,
news and the clock, shown through the table's own ``after``, as if they were answers.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from game.engine import Move
from game.live import LiveError, LiveSession
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.table import TableScreen


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.999))
    return f"{seconds // 60}:{seconds % 60:02d}"


class LiveTableScreen(TableScreen):
    """One side of a live table; see the module docstring."""

    def __init__(self, session: LiveSession) -> None:
        super().__init__(session, brief=True)  # type: ignore[arg-type]  # a LiveSession plays like a Session
        assert session.seat is not None
        self.session: LiveSession = session  # type: ignore[assignment]
        self.humans = [session.seat]
        self.hotseat = False
        self.me = session.seat
        self.briefed: set[str] = set()
        self.shown = session.revision

    # -- the store ---------------------------------------------------------------------------------

    def advance(self) -> None:
        try:
            self.session.advance()
        except LiveError as exc:
            self.notify(str(exc), severity="warning", timeout=8)

    def live_poll(self) -> None:
        """Show what happened at the table since the last look; keep the clock on the top line moving."""
        try:
            records = self.session.poll()
        except LiveError as exc:
            self.notify(str(exc), title="The game store", severity="error", timeout=10)
            return
        if not self.has_widgets():
            return
        if records:
            self.after(records)
            if self.session.state.current_actor == self.me and not self.state.is_terminal:
                self.notify("Your move.", timeout=3)
        elif self.session.revision != self.shown:
            self.show_all()
        else:
            self.query_one("#status", Static).update(self.status_text().truncate(self.size.width or 200,
                                                                                 ellipsis=True))
        self.shown = self.session.revision

    # -- the top line --------------------------------------------------------------------------------

    def live_text(self) -> Content:
        """Whose move it is, the clock, and the instructor's switches."""
        session, state = self.session, self.state
        if state.is_terminal:
            return Content("")
        if session.ended:
            return Content.styled(" SESSION ENDED ", "bold reverse $error")
        if session.paused:
            return Content.styled(" PAUSED by the instructor ", "bold reverse $warning")
        left = session.time_left()
        clock = f" · {clock_text(left)} left" if left is not None else ""
        if session.waiting:
            other = state.scenario.actor(state.current_actor or "").label
            return Content.styled(f" waiting for {other}{clock} ", "$foreground-muted")
        return Content.styled(f" your move{clock} ", "bold reverse $success")

    def status_text(self) -> Content:
        return Content.assemble(self.live_text(), super().status_text())

    # -- moving ----------------------------------------------------------------------------------------

    def play(self, move: Move) -> None:
        session = self.session
        if session.ended:
            self.refuse("the instructor has ended the session; no more moves are recorded")
        elif session.paused:
            self.refuse("the instructor has paused the game; wait until it resumes")
        elif session.waiting and not self.state.is_terminal:
            other = self.state.scenario.actor(self.state.current_actor or "").label
            self.refuse(f"it is {other}'s move; theirs will show here as soon as they make it")
        else:
            super().play(move)
            self.shown = session.revision

    def finish(self) -> None:
        self.app.switch_screen(LiveDebriefScreen(self.session, self.me))  # type: ignore[arg-type]


class LiveDebriefScreen(DebriefScreen):
    """The debrief of a live game: no new game from here (this page belongs to the class)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("n", "new_game", "New game", show=False)]

    def action_new_game(self) -> None:
        self.notify("This was a live class game: it is over and recorded. You can close the page.", timeout=8)
