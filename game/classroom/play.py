"""Playing one table of an exercise, for any front end: its session, its clock, its log.

A front end calls :func:`start_table` to get the table's session (the table's seed and
seats, resumed from its autosave when one is in progress; a new game is a new attempt,
:mod:`.attempts`), asks for the names in :attr:`TableGame.needs_names`, times each human
move with a :class:`TurnTimer` and, when time runs out, plays :func:`timeout_move`; at the
end :func:`finish_table` writes the game's log with the names sealed onto it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from game.engine import Move, ReplayError, State
from game.session import Session, SessionError, read_log

from .attempts import Attempt, AttemptBook, read_book, save_path
from .exercise import ClassroomError, OpenExercise, TablePlan, choose_seat, open_exercise
from .files import check_log_target, write_result
from .roster import RosterError, clean_name

#: The reason recorded with a move the clock made.
TIMEOUT_REASON = "time ran out"


def timeout_move(state: State, actor: str) -> Move:
    """What a turn becomes when its time runs out: reject the standing offer, else pass; a crisis
    waiting for ``actor`` gets its first answer (nothing else is legal until it is answered)."""
    if state.crisis is not None and state.current_actor == actor:
        return Move(actor, "answer", event=state.crisis, response=state.answers()[0])
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
    """A table being played: where it comes from, who plays it, its session and its attempt."""

    opened: OpenExercise
    table: TablePlan
    seat: str | None  # the side played from this keyboard; None: both (hot-seat)
    session: Session
    resumed: bool
    log_to: Path | None
    attempt: Attempt
    book: AttemptBook

    @property
    def round_time(self) -> float | None:
        return self.opened.exercise.round_time

    @property
    def estimates(self) -> bool:
        """Whether the screens may show the game's estimates of the other side (an exercise setting)."""
        return self.opened.exercise.estimates

    @property
    def over_already(self) -> bool:
        return self.resumed and self.session.state.is_terminal

    @property
    def keyboard(self) -> list[str]:
        """The sides played from this keyboard."""
        return [self.seat] if self.seat is not None else list(self.table.humans)

    @property
    def students(self) -> dict[str, str]:
        """Side -> student name for the student seats known by name (the roster's first, then the names given)."""
        out: dict[str, str] = {}
        for actor in self.table.humans:
            name = self.opened.assigned(self.table.number, actor) or self.book.students.get(actor)
            if name:
                out[actor] = name
        return out

    @property
    def needs_names(self) -> list[str]:
        """Sides played here whose student has not given a name yet: the screens ask for these."""
        return [actor for actor in self.keyboard if actor not in self.students]

    def set_student(self, actor: str, name: str) -> None:
        """Record the name of the student playing ``actor`` here (it goes into the game's log, sealed)."""
        if actor not in self.keyboard:
            raise ClassroomError(f"{actor} is not played from this keyboard at table {self.table.number}")
        self.book.students.update(_names(self.opened, self.table, actor, name, None))
        _keep(self.book)


def _names(opened: OpenExercise, table: TablePlan, seat: str | None, student: str | None,
           students: Mapping[str, str] | None) -> dict[str, str]:
    """The names given, side by side, checked: real sides with students, clean names, the roster's."""
    names: dict[str, str] = {}
    if student is not None:
        if seat is None:
            raise ClassroomError(f"table {table.number} is played by two students at one keyboard; give each side's "
                                 "name (--name SIDE=NAME twice)")
        names[seat] = student
    for actor, name in (students or {}).items():
        if actor not in table.humans:
            raise ClassroomError(f"--name: no student plays {actor} at table {table.number} "
                                 f"(students play {', '.join(table.humans) or 'no side'})")
        names[actor] = name
    out: dict[str, str] = {}
    for actor, name in names.items():
        try:
            clean = clean_name(name, "--name")
        except RosterError as exc:
            raise ClassroomError(str(exc)) from None
        opened.check_student(table.number, actor, clean)
        out[actor] = opened.assigned(table.number, actor) or clean
    return out


def _open(folder: Path, number: int, seat: str | None) -> tuple[OpenExercise, TablePlan, str | None]:
    opened = open_exercise(folder)
    table = opened.exercise.table(number)
    return opened, table, choose_seat(table, seat, opened.scenario, opened.seat_file)


def sign_in(folder: Path, number: int, seat: str | None, student: str | None = None,
            students: Mapping[str, str] | None = None) -> dict[str, str]:
    """Record the students' names for table ``number`` on this computer, before its game opens.

    What ``parley play --exercise DIR --table K --name NAME`` does before the screens start
    (which then find the names with :func:`start_table`). Returns the names now known.
    """
    opened, table, chosen = _open(folder, number, seat)
    names = _names(opened, table, chosen, student, students)
    book = read_book(opened, table)
    book.students.update(names)
    try:
        book.save()
    except OSError as exc:
        raise ClassroomError(f"{book.path}: cannot record the name ({exc.strerror or exc})") from None
    return names


def start_table(folder: Path, number: int, seat: str | None, log_to: Path | None = None, *,
                student: str | None = None, students: Mapping[str, str] | None = None) -> TableGame:
    """The session of table ``number``: its saved game when there is one, else a new game (a new attempt).

    A table is played once: when its saved game is over, that game comes back (so a log
    that could not be written can be written again) rather than a second game. ``student``
    is the name of the student at ``seat`` (``students``: side -> name, for a hot-seat
    table); a rostered seat takes the roster's name. Names can also come later
    (:meth:`TableGame.set_student`): they are sealed into the log when the game is handed in.
    """
    opened, table, chosen = _open(folder, number, seat)
    names = _names(opened, table, chosen, student, students)
    if log_to is not None:
        check_log_target(log_to)
    book = read_book(opened, table)
    book.students.update(names)
    path = save_path(opened, table)
    state = _saved_state(opened, table, path)
    if state is not None:
        session = Session(state[0], opened.scenario_path, path)
        session.created = state[1]
        attempt = book.current or book.begin(opened, table, chosen)  # a game saved before attempts were counted
        _keep(book)
        return TableGame(opened, table, chosen, session, True, log_to, attempt, book)
    session = Session(opened.game.new_state(table.seed, table.engine_seats()), opened.scenario_path, path)
    attempt = book.begin(opened, table, chosen)
    _keep(book)
    session.save()
    return TableGame(opened, table, chosen, session, False, log_to, attempt, book)


def _keep(book: AttemptBook) -> None:
    try:
        book.save()
    except OSError as exc:
        raise ClassroomError(f"{book.path}: cannot keep the table's record ({exc.strerror or exc})") from None


def _saved_state(opened: OpenExercise, table: TablePlan, path: Path) -> tuple[State, str] | None:
    """The table's saved game and when it was created, if the save is there and is this table's."""
    if not path.is_file():
        return None
    try:
        data = read_log(path)
        state = State.from_log(opened.game, data)
    except (SessionError, ReplayError):
        return None
    if state.seed != table.seed or {a: str(s) for a, s in state.seats.items()} != {
            a: p.player for a, p in table.seats.items()}:
        return None
    return state, str(data.get("created") or "")


def finish_table(game: TableGame) -> Path:
    """Write the finished game's log (to ``results/`` or ``--log-to``); the path written."""
    if not game.session.state.is_terminal:
        raise ClassroomError("the game is not over; only finished games are handed in")
    try:
        return write_result(game.opened, game.table, game.seat, game.session.state, game.log_to,
                            header=game.attempt.header, students=game.students)
    except OSError as exc:
        where = game.log_to or game.opened.folder / "results"
        raise ClassroomError(f"{where}: cannot write the game log ({exc.strerror or exc}); the game is saved, "
                             f"so run the same command again once it can be written") from None
