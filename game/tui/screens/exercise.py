"""One table of a class exercise: the round clock that passes a turn, and the log handed in.

``parley play --exercise DIR --table N`` opens the table's own session (its seed and seats,
resumed from its autosave); this screen adds what an exercise asks of the game. With a
round time, each turn of a person runs against a countdown shown on the top line; when it
runs out, open dialogs close and the turn passes (the move the classroom kit says a
timed-out turn becomes). The screen owns the timer that drives the countdown. When the
game ends, its verifiable log is written for the instructor.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from game.engine import Move, Record
from game.session import GameSession
from game.tui.screens.solo import SoloTable
from game.tui.widgets.notice import Notice

if TYPE_CHECKING:
    from game.classroom.play import TableGame, TurnTimer

#: Moves that end a turn (signals and tactics leave it open).
ENDS_TURN = frozenset({"propose", "accept", "reject", "walk", "pass"})
#: Seconds between two redraws of the countdown.
TICK_EVERY = 0.5


class ExerciseTable(SoloTable):
    """A table with an exercise behind it: a round clock (when the exercise has one) and a log to hand in."""

    def __init__(self, session: GameSession, *, brief: bool = True, exercise: TableGame | None = None) -> None:
        super().__init__(session, brief=brief)
        self.exercise = exercise
        self.timer: TurnTimer | None = None
        self.clock_paused = False  # during a hot-seat handover nobody is at the table yet
        if exercise is not None and exercise.round_time:
            from game.classroom.play import TurnTimer

            self.timer = TurnTimer(exercise.round_time)

    def on_mount(self) -> None:
        # Textual calls every class's on_mount in turn (this one first): no super() here.
        if self.timer is not None:
            self.set_interval(TICK_EVERY, self.tick)

    # -- the round clock -------------------------------------------------------------------------

    def take_seat(self, actor: str) -> None:
        if self.timer is not None:
            self.timer.start()
            self.clock_paused = False
        super().take_seat(actor)

    def seat_empty(self) -> None:
        self.clock_paused = True
        super().seat_empty()

    def status_text(self) -> Content:
        text = super().status_text()
        if self.timer is None or self.state.is_terminal:
            return text
        left = int(self.timer.remaining() or 0)
        style = "bold $error" if left <= 15 else "bold $warning"
        return Content.assemble((f" ⏱ {left // 60}:{left % 60:02d} ", f"reverse {style}"), " ", text)

    def tick(self) -> None:
        """Refresh the countdown; when it runs out, the turn passes."""
        if (self.timer is None or self.busy or not self.has_widgets() or self.clock_paused
                or self.state.is_terminal or self.state.current_actor not in self.humans):
            return
        if self.timer.expired():
            self.timeout()
            return
        self.query_one("#status", Static).update(self.status_text().truncate(self.size.width or 200, ellipsis=True))

    def timeout(self) -> None:
        """Time is up: close any open dialog and play what a timed-out turn becomes."""
        from game.classroom.play import TIMEOUT_REASON, timeout_move

        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        move = timeout_move(self.state, self.me)
        self.call_session(partial(self.session.play, move, TIMEOUT_REASON), "timeout")

    def play(self, move: Move) -> None:
        if self.timer is not None and self.timer.expired() and not self.state.is_terminal and not self.busy:
            self.timeout()
            return
        super().play(move)

    def handle_answer(self, message: SoloTable.Answered) -> None:
        if message.kind != "timeout":
            super().handle_answer(message)
        elif message.failure is not None:
            self.notify(f"Time ran out, but the turn could not be passed: {message.failure}", severity="error")
        else:
            self.notify("Your time for this round ran out; your turn passed.", title="Time", severity="warning")
            if self.timer is not None:
                self.timer.start()
            self.after(message.records)

    def next_turn(self, records: list[Record]) -> None:
        if self.timer is not None and any(r.move.kind in ENDS_TURN for r in records):
            self.timer.start()  # a new turn of ours began after the other side's answer
        super().next_turn(records)

    # -- the end -------------------------------------------------------------------------------------

    def finish(self, notes: list[Notice] | None = None) -> None:
        notes = list(notes or [])
        if self.exercise is not None:
            notes.append(self.hand_in())
        super().finish(notes)

    def hand_in(self) -> Notice:
        """An exercise game writes its verifiable log for the instructor when it ends; what to tell
        the student (on the debrief, which stays on screen, rather than a toast that fades)."""
        from game.classroom.exercise import ClassroomError
        from game.classroom.play import finish_table

        assert self.exercise is not None
        try:
            path = finish_table(self.exercise)
        except ClassroomError as exc:
            return Notice(str(exc), "The game log was not written", "error")
        return Notice(f"Your game log for the instructor: {path}", "Handed in", "information")
