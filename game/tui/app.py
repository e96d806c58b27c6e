"""The Parley terminal app: title, briefing, table, debrief, saved games and replays.

``create_app(options)`` builds the app for ``parley``, ``parley play``, ``parley resume``
and ``parley replay`` alike, and for the tests; ``run_app(options)`` runs it. Screens and
widgets only show the game: every rule, number and computer move comes from the engine
through a :class:`~game.session.GameSession`. The app decides which screen comes next:
screens ask for it with typed messages (:class:`TitleScreen.Start`, :class:`SavesScreen.Open`,
...), never by calling into the app.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from game.session.launch import LaunchOptions
from game.tui.keys import Key, MoreCommands, key_commands
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.saves import SavesScreen
from game.tui.screens.title import TitleScreen

if TYPE_CHECKING:
    from game.engine import Seat
    from game.scenario.models import Scenario


class ParleyApp(App[int]):
    """Parley in the terminal."""

    CSS_PATH: ClassVar[str | PurePath | list[str | PurePath] | None] = "parley.tcss"
    TITLE = "Parley"
    ENABLE_COMMAND_PALETTE = True
    #: What the quit question says of the game in progress (a campaign says how to reopen it).
    SAVED_WORDS = "Your game is saved after every move. `parley resume` reopens it where you left it."

    BINDINGS: ClassVar[list[BindingType]] = [
        Key("question_mark", "help", "Help", help="every key, and the rules and scoring (this help)"),
        Key("q", "quit", "Quit",
            help="quit Parley (asks first during a game; every move is saved and parley resume reopens it)"),
    ]

    def __init__(self, options: LaunchOptions | None = None) -> None:
        super().__init__()
        self.options = options or LaunchOptions()
        #: What the title screen opens with: the command line's choices at first, then the last
        #: game's (scenario, side, opponent and difficulty), so New game keeps them.
        self.choices = self.options

    # -- where the app opens --------------------------------------------------------------------

    def on_mount(self) -> None:
        # Everything alive once the first screen is drawn (Textual, the styles, the engine's
        # tables) lives as long as the app: keep it out of the garbage collector's full
        # passes, which would otherwise pause a move's redraw for tens of milliseconds.
        self.call_after_refresh(gc.freeze)
        self.open_first()

    def open_first(self) -> None:
        """The first screen: what the command line asked for, else the title."""
        options = self.options
        if options.exercise is not None:
            self.open_exercise(options, first=True)
        elif options.replay is not None:
            self.open_replay(options.replay, first=True)
        elif options.resume is not None:
            self.open_save(options.resume, first=True)
        elif options.resume_list:
            self.push_screen(SavesScreen())
        else:
            self.show_title(first=True)

    def _show(self, screen: Screen, first: bool) -> None:
        """Make ``screen`` the only screen (above Textual's default one). Notifications belong to
        the screen they were about: none carries over to the next."""
        self.clear_notifications()
        if first or len(self.screen_stack) <= 1:
            self.push_screen(screen)
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen)

    def show_title(self, first: bool = False) -> TitleScreen:
        title = TitleScreen(self.choices)
        self._show(title, first)
        return title

    # -- what the screens ask for -----------------------------------------------------------------

    @on(TitleScreen.Start)
    def title_start(self, message: TitleScreen.Start) -> None:
        paths = list(self.options.scenario_paths)
        self.choices = replace(self.options, side=message.side, opponent=str(message.opponent), seed=None,
                               scenario_paths=paths, highlight=message.path)
        self.start_game(message.scenario, message.path, message.side, message.opponent, message.seed)

    @on(SavesScreen.Open)
    def saves_open(self, message: SavesScreen.Open) -> None:
        self.open_save(message.path)

    @on(SavesScreen.Replay)
    def saves_replay(self, message: SavesScreen.Replay) -> None:
        self.open_replay(message.path)

    @on(SavesScreen.Back)
    def saves_back(self) -> None:
        stack = self.screen_stack
        if len(stack) > 2 and isinstance(stack[-2], TitleScreen):
            self.pop_screen()  # back to the title as it was (same seed and choices)
        else:
            self.show_title()

    @on(DebriefScreen.NewGame)
    def debrief_new_game(self) -> None:
        self.show_title()

    # -- opening games ------------------------------------------------------------------------------

    def start_game(self, scenario: Scenario, path: Path | None, me: str, opponent: Seat, seed: int) -> None:
        """A new game from the title screen: autosaved from the start, briefing first."""
        from game.engine import Seat
        from game.session import Session
        from game.tui.screens.table import TableScreen

        other = scenario.other(me).id
        try:
            session = Session.new(scenario, path, seed, {me: Seat(), other: opponent},
                                  timestamps=self.options.timestamps)
        except (OSError, ValueError) as exc:
            self.screen.notify(f"Could not start the game: {exc}", severity="error")
            return
        self._show(TableScreen(session, brief=True), False)

    def open_exercise(self, options: LaunchOptions, first: bool = False) -> None:
        """One table of a class exercise: its seed and seats, its clock, its log at the end."""
        from game.classroom.exercise import ClassroomError
        from game.classroom.play import start_table
        from game.tui.screens.table import TableScreen

        assert options.exercise is not None and options.table is not None
        try:
            table = start_table(options.exercise, options.table, options.seat, options.log_to)
        except ClassroomError as exc:
            self.show_title(first=first).notify(str(exc), title="Cannot open the exercise table", severity="error")
            return
        if table.over_already:
            me = table.seat or table.session.state.rules.actor_ids[0]
            debrief = DebriefScreen(table.session, me)
            debrief.notify("This table's game is over; here is its debrief again.")
            self._show(debrief, first)
            return
        screen = TableScreen(table.session, brief=not table.resumed, exercise=table)
        if table.resumed:
            screen.notify("Continuing this table's game where it was left.")
        self._show(screen, first)

    def open_save(self, path: Path, first: bool = False) -> None:
        """Reopen a saved game where it was left; a finished one opens on its debrief."""
        from game.session import Session, SessionError
        from game.tui.screens.table import TableScreen

        try:
            session = Session.open(path, timestamps=None if self.options.timestamps else False)
        except SessionError as exc:
            screen = self.show_title(first=True) if first else self.screen
            screen.notify(str(exc), title="Cannot open the saved game", severity="error")
            return
        state = session.state
        if state.is_terminal:
            humans = [a for a, seat in state.seats.items() if seat.human] or [state.rules.actor_ids[0]]
            self._show(DebriefScreen(session, humans[0]), first)
        else:
            self._show(TableScreen(session, brief=False), first)

    def open_replay(self, path: Path, first: bool = False) -> None:
        """Step through a saved game or exported log, read-only."""
        from game.session import Session, SessionError, read_log
        from game.tui.screens.replay import ReplayScreen

        try:
            log = read_log(path)
            session = Session.open(path, autosave=False)
        except SessionError as exc:
            screen = self.show_title(first=True) if first else self.screen
            screen.notify(str(exc), title="Cannot replay", severity="error")
            return
        self._show(ReplayScreen(session, log), first)

    # -- app-wide keys --------------------------------------------------------------------------

    def game_in_progress(self) -> bool:
        from game.tui.screens.solo import SoloTable

        return any(isinstance(s, SoloTable) and not s.state.is_terminal for s in self.screen_stack)

    async def action_quit(self) -> None:
        """Quit; during a game, ask first (the game is saved after every move)."""
        if not self.game_in_progress():
            self.exit(0)
            return
        from game.tui.screens.dialogs import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit(0)

        self.push_screen(ConfirmScreen("Quit Parley?", self.SAVED_WORDS, "Quit", "Stay"), answer)

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen, help_text

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_text(self, self.screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The screen's keys and other commands first, then the app's keys and Textual's own
        commands (whose plain Quit gives way to the app's, which asks first during a game)."""
        yield from key_commands(screen, self)
        if isinstance(screen, MoreCommands):
            yield from screen.more_commands()
        yield from key_commands(self, self)
        mine = {key.name for key in self.BINDINGS if isinstance(key, Key)}
        for command in super().get_system_commands(screen):
            if command.title not in mine:
                yield command


def create_app(options: LaunchOptions | None = None) -> ParleyApp:
    """The app for ``options``; shared by :func:`run_app` and the tests."""
    return ParleyApp(options)


def run_app(options: LaunchOptions) -> int:
    """Run the app in the terminal until the player quits; return the exit code."""
    app = create_app(options)
    result = app.run()
    if app.return_code not in (None, 0):
        return int(app.return_code)
    return int(result or 0)
