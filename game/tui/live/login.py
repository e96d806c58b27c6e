"""The first screen of the served page: the table code and seat code from the student's handout.

Nothing of the scenario but its public title shows here: a seat's briefing, values and
estimates load only once a code has opened that seat. A wrong code costs a second before
the next try, and a page that keeps guessing is closed (seat codes have 60 random bits,
so guessing is hopeless anyway; the wait keeps it from being a load on the machine).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from game.classroom.exercise import OpenExercise
from game.live import LiveError

if TYPE_CHECKING:
    from game.tui.live.app import LiveApp

#: Seconds a wrong code waits before the form takes another.
WRONG_CODE_WAIT = 1.0
#: Wrong codes a page may try before its process ends.
MAX_FAILURES = 10


class LoginScreen(Screen[None]):
    """Two fields and a button; Enter in the seat code field joins too."""

    def __init__(self, opened: OpenExercise) -> None:
        super().__init__()
        self.opened = opened

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
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#table-code", Input).focus()

    @on(Input.Submitted, "#table-code")
    def next_field(self) -> None:
        self.query_one("#seat-code", Input).focus()

    @on(Input.Submitted, "#seat-code")
    @on(Button.Pressed, "#join")
    async def join(self) -> None:
        app: LiveApp = self.app  # type: ignore[assignment]
        table = self.query_one("#table-code", Input)
        seat = self.query_one("#seat-code", Input)
        message = self.query_one("#login-message", Static)
        if not seat.value.strip():
            message.update(Content.styled("Type your seat code.", "$warning"))
            seat.focus()
            return
        try:
            app.sign_in(table.value, seat.value)
            return
        except LiveError as exc:
            problem = str(exc)
        app.failures += 1
        seat.value = ""
        message.update(Content.styled(problem[0].upper() + problem[1:] + ".", "$error"))
        if app.failures >= MAX_FAILURES:
            app.exit(1, message="too many wrong codes")
            return
        for field in (table, seat):
            field.disabled = True
        await asyncio.sleep(WRONG_CODE_WAIT)
        for field in (table, seat):
            field.disabled = False
        seat.focus()

