"""A student's seat at a live table: the TUI's own table, fixed to one side, fed by the store.

:class:`LiveTableScreen` is the one-seat :class:`~game.tui.screens.solo.SoloTable` with
three differences. It never changes seat (the other side sits at another screen, so there
is no hot-seat curtain and only this side's briefing, values and estimates ever load). It
refuses, with a note, moves while the other side is to move or the class is paused. And
it owns a timer that looks at the store a few times a second, bringing in the other side's
moves, the news and the clock, shown through the table's own ``after`` as if they were
answers. Every call on the :class:`~game.live.LiveSession` (moves and looks alike) runs on
the app's :class:`~game.tui.live.thread.StoreThread` and comes back as an ``Answered``
message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import work
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Static

from game.engine import IllegalMove, Move
from game.live import LiveError, LiveSession
from game.tui.keys import Key
from game.tui.live.thread import StoreThread
from game.tui.live.watch import clock_text
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.solo import SoloTable

#: Seconds between two looks at the store (a look is one ``PRAGMA data_version`` when nothing changed).
POLL_EVERY = 0.25


class LiveTableScreen(SoloTable):
    """One side of a live table; see the module docstring."""

    FAILURES: ClassVar[tuple[type[Exception], ...]] = (IllegalMove, OSError, LiveError)

    def __init__(self, session: LiveSession, thread: StoreThread) -> None:
        super().__init__(session, brief=True)
        assert session.seat is not None
        #: The same session as ``self.session``, with its live-only side (poll, waiting, the clock).
        self.live = session
        self.thread = thread
        self.humans = [session.seat]
        self.me = session.seat
        self.briefed: set[str] = set()
        self.shown = session.revision
        self.looking = False  # a look at the store is out

    def on_mount(self) -> None:
        # Textual calls SoloTable.on_mount too (it sits the student down): no super() here.
        self.set_interval(POLL_EVERY, self.look)

    # -- the store ---------------------------------------------------------------------------------

    def dispatch(self, call: Callable[[], SoloTable.Answered]) -> None:
        """Live calls go to the store thread (the store's connection belongs to it)."""
        self._on_store_thread(call)

    @work(group="session")
    async def _on_store_thread(self, call: Callable[[], SoloTable.Answered]) -> None:
        self.post_message(await self.thread.run(call))

    def changing(self) -> bool:
        return self.busy or self.looking  # a look applies the other side's moves on the store thread

    def look(self) -> None:
        """Ask the store what happened at the table (skipped while the last look is still out)."""
        if self.looking or self.busy or not self.has_widgets():
            return  # one call at a time: a look never runs beside a move
        self.looking = True
        self.call_session(self.live.poll, "look", hold=False)

    def handle_answer(self, message: SoloTable.Answered) -> None:
        if message.kind != "look":
            super().handle_answer(message)
            if message.kind == "move":
                self.shown = self.live.revision
            return
        self.looking = False
        if message.failure is not None:
            self.notify(str(message.failure), title="The game store", severity="error", timeout=10)
            return
        records = message.records
        if records:
            self.after(records)
            if self.state.current_actor == self.me and not self.state.is_terminal:
                self.notify("Your move.", timeout=3)
        elif self.live.revision != self.shown:
            self.show_all()
        else:  # only the clock moved
            self.query_one("#status", Static).update(self.status_text().truncate(self.size.width or 200,
                                                                                 ellipsis=True))
        self.shown = self.live.revision

    # -- the top line --------------------------------------------------------------------------------

    def live_text(self) -> Content:
        """Whose move it is, the clock, and the instructor's switches."""
        session, state = self.live, self.state
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
        session = self.live
        if session.ended:
            self.refuse("the instructor has ended the session; no more moves are recorded")
        elif session.paused:
            self.refuse("the instructor has paused the game; wait until it resumes")
        elif session.waiting and not self.state.is_terminal:
            other = self.state.scenario.actor(self.state.current_actor or "").label
            self.refuse(f"it is {other}'s move; theirs will show here as soon as they make it")
        else:
            super().play(move)

    def finish(self) -> None:
        self.app.switch_screen(LiveDebriefScreen(self.live, self.me))


class LiveDebriefScreen(DebriefScreen):
    """The debrief of a live game: no new game from here (this page belongs to the class)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Key("n", "new_game", "New game", show=False, palette=False,
            help="no new game from a live class: the game is over and recorded"),
    ]

    def action_new_game(self) -> None:
        self.notify("This was a live class game: it is over and recorded. You can close the page.", timeout=8)
