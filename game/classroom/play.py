"""Playing one table of an exercise, for any front end: its session, its clock, its log.

A front end (plain mode now, the TUI later) calls :func:`start_table` to get the table's
session (the table's seed and seats, resumed from its autosave when one is in progress),
times each human move with a :class:`TurnTimer` and, when time runs out, plays
:func:`timeout_move`; at the end :func:`finish_table` writes the game's log.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.engine import Move, ReplayError, State
from game.session import Session, SessionError, data_dir, read_log

from .exercise import ClassroomError, OpenExercise, TablePlan, choose_seat, open_exercise
from .files import check_log_target, write_result

#: The reason recorded with a move the clock made.
TIMEOUT_REASON = "time ran out"


def timeout_move(state: State, actor: str) -> Move:
    """What a turn becomes when its time runs out: reject the standing offer, else pass."""
    other = state.scenario.other(actor).id
    return Move(actor, "reject") if state.standing_offer(other) else Move(actor, "pass")


class TurnTimer:
    """Times one side's move against a limit; the clock is injected so tests never sleep."""

    def __init__(self, limit: float | None, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.clock = clock
        self.started = clock()

    def start(self) -> None:
        self.started = self.clock()

    def used(self) -> float:
        return self.clock() - self.started

    def remaining(self) -> float | None:
        return None if self.limit is None else max(0.0, self.limit - self.used())

    def expired(self) -> bool:
        return self.limit is not None and self.used() > self.limit


@dataclass
class TableGame:
    """A table being played: where it comes from, who plays it, and its session."""

    opened: OpenExercise
    table: TablePlan
    seat: str | None  # the side played from this keyboard; None: both (hot-seat)
    session: Session
    resumed: bool
    log_to: Path | None

    @property
    def round_time(self) -> float | None:
        return self.opened.exercise.round_time

    @property
    def over_already(self) -> bool:
        return self.resumed and self.session.state.is_terminal


def save_path(opened: OpenExercise, table: TablePlan) -> Path:
    """The table's autosave: kept apart from ordinary saves, since only the exercise can finish it."""
    return data_dir() / "exercise-saves" / f"{opened.exercise.id}-table-{table.number:02d}.json"


def start_table(folder: Path, number: int, seat: str | None, log_to: Path | None = None) -> TableGame:
    """The session of table ``number``: its saved game when there is one, else a new game.

    A table is played once: when its saved game is over, that game comes back (so a log
    that could not be written can be written again) rather than a second game.
    """
    opened = open_exercise(folder)
    table = opened.exercise.table(number)
    chosen = choose_seat(table, seat, opened.scenario)
    if log_to is not None:
        check_log_target(log_to)
    path = save_path(opened, table)
    if path.is_file():
        try:
            data = read_log(path)
            state = State.from_log(opened.game, data)
        except (SessionError, ReplayError):
            state = None
        if (state is not None and state.seed == table.seed
                and {a: str(s) for a, s in state.seats.items()} == {a: p.player for a, p in table.seats.items()}):
            session = Session(state, opened.scenario_path, path)
            session.created = str(data.get("created") or session.created)
            return TableGame(opened, table, chosen, session, True, log_to)
    state = opened.game.new_state(table.seed, table.engine_seats())
    session = Session(state, opened.scenario_path, path)
    session.save()
    return TableGame(opened, table, chosen, session, False, log_to)


def finish_table(game: TableGame) -> Path:
    """Write the finished game's log (to ``results/`` or ``--log-to``); the path written."""
    if not game.session.state.is_terminal:
        raise ClassroomError("the game is not over; only finished games are handed in")
    try:
        return write_result(game.opened, game.table, game.seat, game.session.state, game.log_to)
    except OSError as exc:
        where = game.log_to or game.opened.folder / "results"
        raise ClassroomError(f"{where}: cannot write the game log ({exc.strerror or exc}); the game is saved, "
                             f"so run the same command again once it can be written") from None
