"""The live classroom in Textual: a student's seat (browser or terminal) and the instructor's dashboard.

:class:`LiveApp` is what ``parley join`` runs, and what ``parley serve`` runs once per
browser tab: a login screen for the codes on the handout, then the seat's table (the
TUI's own table screen, fed by a :class:`~game.live.LiveSession`), or, for the
instructor code, the dashboard. :class:`DashboardApp` is ``parley class dashboard``.
Both poll the store a few times a second, so each screen shows the other side's moves,
the news and the instructor's switches well within a second.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.driver import Driver

from game.classroom.exercise import OpenExercise
from game.live import LiveError, LiveSession, Store
from game.live.codes import INSTRUCTOR, SeatKey, login, resolve
from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp

#: Seconds between two looks at the store (a look is one ``PRAGMA data_version`` when nothing changed).
POLL_EVERY = 0.25
TCSS = [Path(__file__).resolve().parents[1] / "parley.tcss", Path(__file__).resolve().with_name("live.tcss")]


def poll_screens(app: App[Any]) -> None:
    """Let every screen in the stack that follows the store look at it (under dialogs too)."""
    for screen in list(app.screen_stack):
        poll = getattr(screen, "live_poll", None)
        if callable(poll):
            poll()


class LiveApp(ParleyApp):
    """A seat at a live table, or the dashboard, behind the codes of the handout."""

    CSS_PATH = TCSS  # type: ignore[assignment]
    TITLE = "Parley · live classroom"

    def __init__(self, opened: OpenExercise, code: str | None = None, *, served: bool = False) -> None:
        self.served = served  # read by get_driver_class, which App.__init__ calls
        super().__init__(LaunchOptions())
        self.opened = opened
        self.code = code
        self.failures = 0
        self.stores: list[Store] = []

    def get_driver_class(self) -> type[Driver]:
        if self.served:
            from game.tui.live.driver import LiveWebDriver

            return LiveWebDriver
        return super().get_driver_class()

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # not the title screen of ParleyApp's on_mount: the login, or the seat
        self.set_interval(POLL_EVERY, lambda: poll_screens(self))
        if self.code is not None:
            try:
                key = resolve(self.opened, self.code)
                self.take_seat(key)
                return
            except LiveError as exc:
                self.exit(1, message=str(exc))
                return
        from game.tui.live.login import LoginScreen

        self.push_screen(LoginScreen(self.opened))

    def store(self) -> Store:
        store = Store(self.opened)
        self.stores.append(store)
        return store

    def sign_in(self, table_code: str, seat_code: str) -> None:
        """Open what the codes open; :class:`LiveError` with the reason when they open nothing."""
        opened = login(self.opened, table_code, seat_code)
        if opened == INSTRUCTOR:
            from game.tui.live.dashboard import DashboardScreen

            self.switch_screen(DashboardScreen(self.store()))
            return
        assert isinstance(opened, SeatKey)
        self.take_seat(opened)

    def take_seat(self, key: SeatKey) -> None:
        from game.tui.live.table import LiveTableScreen

        session = LiveSession(self.store(), key.table, key.actor)
        screen = LiveTableScreen(session)
        if self.screen_stack and len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def game_in_progress(self) -> bool:
        return False  # every move is in the store already: leaving loses nothing

    async def action_quit(self) -> None:
        from game.tui.screens.dialogs import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return
        self.push_screen(
            ConfirmScreen("Leave the live game?", "Every move made is kept in the class's store. "
                          "Come back any time with the same codes.", "Leave", "Stay"),
            lambda yes: self.exit(0) if yes else None,
        )

    def on_unmount(self) -> None:
        for store in self.stores:
            with contextlib.suppress(Exception):
                store.close()


class DashboardApp(App[int]):
    """``parley class dashboard DIR``: every table of the live class, on the instructor's terminal."""

    CSS_PATH = TCSS  # type: ignore[assignment]
    TITLE = "Parley · class dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def __init__(self, opened: OpenExercise) -> None:
        super().__init__()
        self.opened = opened
        self.live_store: Store | None = None

    def on_mount(self) -> None:
        from game.tui.live.dashboard import DashboardScreen

        self.live_store = Store(self.opened)
        self.set_interval(POLL_EVERY, lambda: poll_screens(self))
        self.push_screen(DashboardScreen(self.live_store))

    def on_unmount(self) -> None:
        if self.live_store is not None:
            with contextlib.suppress(Exception):
                self.live_store.close()


def run_live(opened: OpenExercise, code: str | None, *, served: bool = False) -> int:
    """Run a seat (or the login screen) until the player leaves; the exit code."""
    app = LiveApp(opened, code, served=served)
    app.run()
    return int(app.return_code or 0)


def run_dashboard(opened: OpenExercise) -> int:
    app = DashboardApp(opened)
    app.run()
    return int(app.return_code or 0)
