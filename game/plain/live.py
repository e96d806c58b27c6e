"""Plain mode at a live table (``parley join --plain``): this seat's turns, and the other
side's moves as they come in from the class's game store."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from game.classroom.exercise import OpenExercise
from game.engine import Move, Record
from game.live import LiveError, LiveSession, MoveRefused, Store
from game.live.codes import SeatKey, resolve

from .console import Console, Quit, script_lines
from .game import PlainGame

#: Seconds between looks at the store while the other side is to move.
PLAIN_POLL = 0.3


class LivePlainGame(PlainGame):
    """One seat of a live table, line by line; a move the store refuses is said, not raised."""

    def __init__(self, session: LiveSession, console: Console, sleep: Callable[[float], None] = time.sleep):
        super().__init__(session, console)
        self.live = session
        self.sleep = sleep

    def play_move(self, move: Move, reason: str = "") -> list[Record]:
        try:
            return self.live.play(move, reason)
        except MoveRefused as exc:
            self.c.say(f"Not recorded: {exc}.")
            return self.live.poll()

    def play(self) -> int:
        live, state, c = self.live, self.state, self.c
        me = live.seat or ""
        plan = live.plan
        c.say(f"Live table {plan.number} (code {plan.code}): you play {state.scenario.actor(me).name}.")
        self.briefing(me)
        for record in state.history:
            self.report(record, me)
        for record in live.advance():
            self.report(record, me)
        waiting = False
        while not state.is_terminal:
            for record in live.poll():
                self.report(record, me)
            if live.ended:
                c.say("The instructor has ended the session; no more moves are recorded.")
                return 0
            if live.waiting:
                if not waiting:
                    other = state.scenario.actor(state.current_actor or "").name
                    c.say("The instructor has paused the game; waiting." if live.paused
                          else f"Waiting for {other} to move...")
                waiting = True
                c.out.flush()
                self.sleep(PLAIN_POLL)
                continue
            waiting = False
            self.turn(me)
        self.debrief()
        return 0


def run_plain_join(opened: OpenExercise, key: SeatKey | None, stdin: TextIO, stdout: TextIO,
                   script: str | None = None, sleep: Callable[[float], None] = time.sleep) -> int:
    """A live seat line by line: the same menus as ``parley play --plain``, waiting for the other side.

    Returns the exit code; raises :class:`LiveError` (for the command to report) when the
    seat cannot be taken or the store fails.
    """
    try:
        lines: Iterator[str] = script_lines(Path(script)) if script else iter(stdin)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise LiveError(f"{script}: cannot read the script ({reason})") from None
    console = Console(stdout, lines, echo=script is not None or not stdin.isatty())
    try:
        if key is None:
            key = resolve(opened, console.ask("Seat code (with the table code in front if you like):"))
        session = LiveSession(Store(opened), key.table, key.actor)
    except Quit:
        return 0
    try:
        return LivePlainGame(session, console, sleep).play()
    except Quit:
        console.say("Stopped. Every move you made is kept; join again with the same code to go on.")
        return 0
    finally:
        session.close()
