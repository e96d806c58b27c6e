"""The live classroom in Textual: a student's seat (browser or terminal) and the instructor's dashboard.

:class:`LiveApp` is what ``parley join`` runs, and what ``parley serve`` runs once per
browser tab: a login screen for the codes on the handout, then the seat's table (the
TUI's own table, fed by a :class:`~game.live.LiveSession`), or, for the instructor code,
the dashboard. :class:`DashboardApp` is ``parley class dashboard``. Each app owns one
:class:`~game.tui.live.thread.StoreThread` for all its store work; the table and the
dashboard each own a timer that looks at the store a few times a second, so each screen
shows the other side's moves, the news and the instructor's switches well within a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.driver import Driver
from textual.screen import Screen

from game.classroom.exercise import OpenExercise
from game.live import LiveError, LiveSession, Store
from game.live.codes import SeatKey, resolve
from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp
from game.tui.keys import Key, key_commands
from game.tui.live.login import LoginScreen, open_seat
from game.tui.live.thread import StoreThread

#: The game's styles, then the live screens' own.
TCSS: list[str | PurePath] = [Path(__file__).resolve().parents[1] / "parley.tcss",
                              Path(__file__).resolve().with_name("live.tcss")]


class LiveApp(ParleyApp):
    """A seat at a live table, or the dashboard, behind the codes of the handout."""

    CSS_PATH = TCSS
    TITLE = "Parley · live classroom"

    def __init__(self, opened: OpenExercise, code: str | None = None, *, served: bool = False) -> None:
        self.served = served  # read by get_driver_class, which App.__init__ calls
        super().__init__(LaunchOptions())
        self.opened = opened
        self.code = code
        self.thread = StoreThread()

    def get_driver_class(self) -> type[Driver]:
        if self.served:
            from game.tui.live.driver import LiveWebDriver

            return LiveWebDriver
        return super().get_driver_class()

    def open_first(self) -> None:
        """Not the title screen of a local game: the login, or straight to the seat of ``code``."""
        if self.code is None:
            self.push_screen(LoginScreen(self.opened, self.thread))
            return
        try:
            key = resolve(self.opened, self.code)
        except LiveError as exc:
            self.exit(1, message=str(exc))
            return
        self.join(key)

    @work(exclusive=True)
    async def join(self, key: SeatKey) -> None:
        """Open the seat of a code given on the command line (on the store thread)."""
        try:
            session = await self.thread.run(open_seat, self.thread, self.opened, key)
        except LiveError as exc:
            self.exit(1, message=str(exc))
            return
        self.take_seat(session)

    @on(LoginScreen.Seated)
    def seated(self, message: LoginScreen.Seated) -> None:
        self.take_seat(message.session)

    @on(LoginScreen.Instructor)
    def instructor(self, message: LoginScreen.Instructor) -> None:
        from game.tui.live.dashboard import DashboardScreen

        self.switch_screen(DashboardScreen(message.store, self.thread))

    def take_seat(self, session: LiveSession) -> None:
        from game.tui.live.table import LiveTableScreen

        screen = LiveTableScreen(session, self.thread)
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
        self.thread.close()


class DashboardApp(App[int]):
    """``parley class dashboard DIR``: every table of the live class, on the instructor's terminal."""

    CSS_PATH = TCSS
    TITLE = "Parley · class dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Key("q", "quit", "Quit", help="close the dashboard (the class plays on; open it again any time)"),
    ]

    def __init__(self, opened: OpenExercise) -> None:
        super().__init__()
        self.opened = opened
        self.thread = StoreThread()

    def on_mount(self) -> None:
        self.open_dashboard()

    @work(exclusive=True)
    async def open_dashboard(self) -> None:
        """Open the store on the store thread, then show the dashboard."""
        from game.tui.live.dashboard import DashboardScreen

        try:
            store: Store = await self.thread.run(self.thread.open_store, self.opened)
        except LiveError as exc:
            self.exit(1, message=str(exc))
            return
        self.push_screen(DashboardScreen(store, self.thread))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The dashboard's keys by name, then Textual's own commands."""
        yield from key_commands(screen, self)
        yield from super().get_system_commands(screen)

    def on_unmount(self) -> None:
        self.thread.close()


def run_live(opened: OpenExercise, code: str | None, *, served: bool = False) -> int:
    """Run a seat (or the login screen) until the player leaves; the exit code."""
    app = LiveApp(opened, code, served=served)
    app.run()
    return int(app.return_code or 0)


def run_dashboard(opened: OpenExercise) -> int:
    app = DashboardApp(opened)
    app.run()
    return int(app.return_code or 0)
