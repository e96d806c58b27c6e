"""The first screen of the served page: the table code and seat code from the student's handout.

Nothing of the scenario but its public title shows here: a seat's briefing, values and
estimates load only once a code has opened that seat. A wrong code costs a second before
the next try, and a page that keeps guessing is closed (seat codes have 60 random bits,
so guessing is hopeless anyway; the wait keeps it from being a load on the machine).

Checking the codes and opening the seat (the store, the table's game) runs on the app's
store thread; what the codes opened goes to the app as :class:`LoginScreen.Seated` or
:class:`LoginScreen.Instructor`, and the app shows the table or the dashboard.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from game.classroom.exercise import OpenExercise
from game.live import LiveError, LiveSession, Store
from game.live.codes import INSTRUCTOR, SeatKey, login
from game.tui.live.thread import StoreThread
from game.tui.widgets.footer import KeyFooter

#: Seconds a wrong code waits before the form takes another.
WRONG_CODE_WAIT = 1.0
#: Wrong codes a page may try before its process ends.
MAX_FAILURES = 10


def open_seat(thread: StoreThread, opened: OpenExercise, key: SeatKey) -> LiveSession:
    """The session of the seat ``key`` names, on a store of its own (call it on the store thread)."""
    return LiveSession(thread.open_store(opened), key.table, key.actor)


class LoginScreen(Screen[None]):
    """Two fields and a button; Enter in the seat code field joins too."""

    class Seated(Message):
        """A seat code opened its seat: here is the seat's session."""

        def __init__(self, session: LiveSession) -> None:
            super().__init__()
            self.session = session

    class Instructor(Message):
        """The instructor code opened the dashboard: here is its store."""

        def __init__(self, store: Store) -> None:
            super().__init__()
            self.store = store

    def __init__(self, opened: OpenExercise, thread: StoreThread) -> None:
        super().__init__()
        self.opened = opened
        self.thread = thread
        self.failures = 0

    def compose(self) -> ComposeResult:
        s = self.opened.scenario
        with Vertical(id="login", classes="dialog"):
            yield Static(Content.assemble(("Parley", "bold $accent"), " · live classroom"), classes="dialog-title")
            yield Static(Content.assemble((s.title, "bold"), f" — {s.when}"), classes="para")
            yield Static(Content.styled("Type the table code and the seat code printed on your handout.",
                                        "$foreground-muted"), classes="dialog-body")
            yield Input(placeholder="Table code (e.g. ABCD-EFGH)", id="table-code")
            yield Input(placeholder="Seat code (e.g. ABCD-EFGH-JKLM)", id="seat-code", password=True)
            yield Static("", id="login-message")
            yield Button("Join the table", id="join", variant="primary", compact=True)
            yield Static(Content.styled("Instructor: leave the table code empty and type the instructor code.",
                                        "$foreground-muted"), classes="para")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#table-code", Input).focus()

    @on(Input.Submitted, "#table-code")
    def next_field(self) -> None:
        self.query_one("#seat-code", Input).focus()

    @on(Input.Submitted, "#seat-code")
    @on(Button.Pressed, "#join")
    def join(self) -> None:
        table = self.query_one("#table-code", Input)
        seat = self.query_one("#seat-code", Input)
        if not seat.value.strip():
            self.query_one("#login-message", Static).update(Content.styled("Type your seat code.", "$warning"))
            seat.focus()
            return
        self.fields(enabled=False)
        self.sign_in(table.value, seat.value)

    @work(exclusive=True)
    async def sign_in(self, table_code: str, seat_code: str) -> None:
        """Check the codes and open what they open, on the store thread."""
        try:
            opened = await self.thread.run(self._open, table_code, seat_code)
        except LiveError as exc:
            self.refused(str(exc))
            return
        self.post_message(self.Seated(opened) if isinstance(opened, LiveSession) else self.Instructor(opened))

    def _open(self, table_code: str, seat_code: str) -> LiveSession | Store:
        opened = login(self.opened, table_code, seat_code)
        if opened == INSTRUCTOR:
            return self.thread.open_store(self.opened)
        assert isinstance(opened, SeatKey)
        return open_seat(self.thread, self.opened, opened)

    def refused(self, problem: str) -> None:
        """Say why the codes opened nothing; after a second, take another try (or give up on a guesser)."""
        self.failures += 1
        seat = self.query_one("#seat-code", Input)
        seat.value = ""
        self.query_one("#login-message", Static).update(Content.styled(problem[0].upper() + problem[1:] + ".",
                                                                       "$error"))
        if self.failures >= MAX_FAILURES:
            self.app.exit(1, message="too many wrong codes")
            return
        self.set_timer(WRONG_CODE_WAIT, self.try_again)

    def try_again(self) -> None:
        self.fields(enabled=True)
        self.query_one("#seat-code", Input).focus()

    def fields(self, *, enabled: bool) -> None:
        for field in self.query(Input):
            field.disabled = not enabled
