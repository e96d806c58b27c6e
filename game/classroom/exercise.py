"""The exercise file: one scenario played at many tables, each with its own seed and seats.

``exercise.json`` holds everything a table needs to play and an instructor needs to check
a game: the scenario (file, id, content hash), the seed and seats of every table, the
time limit, whether the game shows its estimates of the other side, and the table codes.
Seat codes are kept only as SHA-256 digests (the codes themselves are in ``instructor/``);
the signing secret for hosted logs, the seed secret and the roster never leave
``instructor/``. In hand-out mode students get a seat file (:mod:`.seatfile`), which
:func:`open_exercise` opens like a folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from game.engine import Game, Seat
from game.scenario import hash_matches, load
from game.scenario.models import Scenario

from .roster import ROSTER_FILE, Roster, RosterError, parse_roster_json, same_name
from .seatfile import MAX_SEAT_BYTES, SeatFileError, is_seat_file, unpack

EXERCISE_FORMAT = "parley-exercise/1"
EXERCISE_FILE = "exercise.json"
SCENARIO_FILE = "scenario.yaml"
SEEDS_DIR = "seeds"
ROLES_DIR = "roles"
INSTRUCTOR_DIR = "instructor"
RESULTS_DIR = "results"
REPORT_DIR = "report"
SECRET_FILE = "log-secret.key"
SEED_SECRET_FILE = "seed-secret.key"
SEAT_CODES_FILE = "seat-codes.json"
STUDENTS_DIR = "students"  # instructor/students/table-NN-SIDE/: one student's sheet and seat file
MAX_TABLES = 200


class ClassroomError(Exception):
    """Bad input for a classroom command: one line saying what and where, never a traceback."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ScenarioRef(_Strict):
    id: str
    title: str
    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+\.ya?ml$")] = SCENARIO_FILE
    hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    source: str = ""  # where the instructor's copy came from (for their information only)


class SeatPlan(_Strict):
    player: str  # "human" or a computer seat such as "adaptive/hard"
    code_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None  # human seats only


class TablePlan(_Strict):
    number: Annotated[int, Field(ge=1, le=MAX_TABLES)]
    code: Annotated[str, Field(min_length=4, max_length=32)]
    seed: Annotated[int, Field(ge=0)]
    seats: dict[str, SeatPlan]

    def seat(self, actor: str) -> Seat:
        return Seat.parse(self.seats[actor].player)

    def engine_seats(self) -> dict[str, Seat]:
        return {actor: Seat.parse(plan.player) for actor, plan in self.seats.items()}

    def computer_seats(self) -> dict[str, Seat]:
        """The sides the computer plays here, as the students faced them."""
        return {actor: seat for actor, seat in self.engine_seats().items() if not seat.human}

    @property
    def humans(self) -> list[str]:
        return [actor for actor, plan in self.seats.items() if plan.player == "human"]

    @property
    def hot_seat(self) -> bool:
        return len(self.humans) == 2

    def players_text(self) -> str:
        """'hot-seat' or 'us vs conceder/easy', for tables and reports."""
        if self.hot_seat:
            return "hot-seat"
        human = self.humans[0] if self.humans else None
        computer = next((plan.player for plan in self.seats.values() if plan.player != "human"), "computer")
        return f"{human} vs {computer}" if human else "computer only"


class Exercise(_Strict):
    format: Literal["parley-exercise/1"]
    id: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    created: str
    scenario: ScenarioRef
    seed: Annotated[int, Field(ge=0)]
    vs_computer: str | None = None
    round_time: Annotated[float, Field(gt=0, le=86_400)] | None = None
    estimates: bool = True  # the game shows its estimates of the other side (screens read TableGame.estimates)
    tables: Annotated[list[TablePlan], Field(min_length=1, max_length=MAX_TABLES)]

    @model_validator(mode="after")
    def _tables_numbered(self) -> Exercise:
        numbers = [t.number for t in self.tables]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("tables must be numbered 1, 2, 3 ... in order")
        if len({t.code for t in self.tables}) != len(self.tables):
            raise ValueError("two tables share a code")
        return self

    def mode_text(self) -> str:
        """Who plays whom, in words: hot-seat pairs, students against the computer, or both."""
        solo = [t.number for t in self.tables if not t.hot_seat]
        if not solo:
            return "hot-seat pairs"
        against = f"students against the computer ({self.vs_computer})"
        if len(solo) == len(self.tables):
            return against
        return f"hot-seat pairs, and {against} at table{'s' if len(solo) > 1 else ''} {', '.join(map(str, solo))}"

    def table(self, number: int) -> TablePlan:
        if not 1 <= number <= len(self.tables):
            raise ClassroomError(f"there is no table {number}; this exercise has tables 1-{len(self.tables)}")
        return self.tables[number - 1]


def tables_text(count: int) -> str:
    return f"{count} table" + ("" if count == 1 else "s")


# -- opening an exercise folder --------------------------------------------------------------


@dataclass(frozen=True)
class SeatFile:
    """What a seat file fixes: its table, the side played from it (None: both, hot-seat), the rostered names."""

    path: Path
    table: int
    seat: str | None
    students: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OpenExercise:
    """An exercise, checked: its exercise file, its scenario and the scenario's rules.

    Opened from the instructor's folder, or from a student's seat file (``seat_file``; then
    ``folder`` is the folder the seat file is in, where the game's log is written, and
    there is no scenario file on disk).
    """

    folder: Path
    exercise: Exercise
    scenario: Scenario
    scenario_path: Path | None
    game: Game
    seat_file: SeatFile | None = None

    @property
    def secret_path(self) -> Path:
        return self.folder / INSTRUCTOR_DIR / SECRET_FILE

    def secret(self) -> bytes | None:
        """The log-signing key, when this copy of the folder has it (the instructor's does)."""
        if self.seat_file is not None:
            return None
        try:
            text = self.secret_path.read_text(encoding="ascii").strip()
            return bytes.fromhex(text) if text else None
        except (OSError, ValueError, UnicodeDecodeError):
            return None

    @property
    def roster_path(self) -> Path:
        return self.folder / INSTRUCTOR_DIR / ROSTER_FILE

    def roster(self) -> Roster | None:
        """The class roster, when this is the instructor's folder and the exercise has one."""
        if self.seat_file is not None or not self.roster_path.is_file():
            return None
        try:
            text = self.roster_path.read_text(encoding="utf-8")
            return parse_roster_json(text, str(self.roster_path), self.exercise.id)
        except (OSError, UnicodeDecodeError) as exc:
            raise ClassroomError(f"{self.roster_path}: cannot read the roster ({exc})") from None
        except RosterError as exc:
            raise ClassroomError(str(exc)) from None

    def assigned(self, table: int, actor: str) -> str | None:
        """The student the roster (or the seat file) seats at ``table``'s ``actor`` seat, if any."""
        if self.seat_file is not None:
            return self.seat_file.students.get(actor) if self.seat_file.table == table else None
        roster = self.roster()
        student = roster.at(table, actor) if roster is not None else None
        return student.name if student is not None else None

    def check_student(self, table: int, actor: str, name: str) -> None:
        """Refuse a name that is not the rostered student's (case and spacing aside)."""
        assigned = self.assigned(table, actor)
        if assigned is not None and not same_name(assigned, name):
            raise ClassroomError(f"table {table}'s {actor} seat is {assigned}'s (from the class roster), not "
                                 f"{name}'s; leave the name out, or ask your instructor if the seat is wrong")


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ())) or "(top level)"
    return f"{where}: {error.get('msg', 'invalid')}"


def parse_exercise(text: str, name: str) -> Exercise:
    """An exercise from the text of its file; :class:`ClassroomError` with one line if it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ClassroomError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != EXERCISE_FORMAT:
        raise ClassroomError(f"{name}: not a Parley exercise file (expected format {EXERCISE_FORMAT})")
    try:
        return Exercise.model_validate(data)
    except ValidationError as exc:
        raise ClassroomError(f"{name}: not a valid exercise file: {_first_error(exc)}") from None


def _checked(exercise: Exercise, scenario: Scenario, where: str, scenario_where: str) -> Game:
    """The scenario's rules, once the exercise's tables seat exactly its sides with valid players."""
    if scenario.id != exercise.scenario.id or not hash_matches(scenario, exercise.scenario.hash):
        raise ClassroomError(
            f"{scenario_where}: this is not the scenario the exercise was created with "
            "(its id or content hash differs); restore the original file"
        )
    ids = {a.id for a in scenario.actors}
    for table in exercise.tables:
        if set(table.seats) != ids:
            raise ClassroomError(f"{where}: table {table.number} must seat exactly the sides {', '.join(sorted(ids))}")
        for actor, plan in table.seats.items():
            try:
                seat = Seat.parse(plan.player)
            except ValueError as exc:
                raise ClassroomError(f"{where}: table {table.number}, {actor}: {exc}") from None
            if seat.human != (plan.code_sha256 is not None):
                raise ClassroomError(f"{where}: table {table.number}, {actor}: only human seats have a seat code")
    try:
        return Game(scenario)
    except ValueError as exc:
        raise ClassroomError(f"{scenario_where}: {exc}") from None


def open_exercise(folder: Path) -> OpenExercise:
    """Read and check an exercise folder (exercise file, scenario copy and its hash, seats), or a seat file."""
    if folder.is_file():
        return open_seat_file(folder)
    if not folder.is_dir():
        raise ClassroomError(f"{folder}: no such exercise folder")
    path = folder / EXERCISE_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ClassroomError(f"{folder}: no {EXERCISE_FILE} here; create an exercise with `parley class new`") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClassroomError(f"{path}: cannot read it ({exc})") from None
    exercise = parse_exercise(text, str(path))
    scenario_path = folder / exercise.scenario.file
    if not scenario_path.is_file():
        raise ClassroomError(f"{scenario_path}: the exercise's scenario file is missing")
    loaded = load(scenario_path)
    if loaded.scenario is None or not loaded.ok:
        first = loaded.errors[0].format() if loaded.errors else f"{scenario_path}: not a valid scenario"
        raise ClassroomError(first)
    scenario = loaded.scenario
    game = _checked(exercise, scenario, str(path), str(scenario_path))
    return OpenExercise(folder, exercise, scenario, scenario_path, game)


def open_seat_file(path: Path) -> OpenExercise:
    """A student's seat file, unscrambled and checked like a folder: the exercise it was made from."""
    try:
        if path.stat().st_size > MAX_SEAT_BYTES:
            raise ClassroomError(f"{path}: too large to be a seat file")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ClassroomError(f"{path}: cannot read it ({exc})") from None
    if not is_seat_file(text):
        raise ClassroomError(f"{path}: not an exercise folder or a Parley seat file")
    try:
        content = unpack(text, str(path))
    except SeatFileError as exc:
        raise ClassroomError(str(exc)) from None
    exercise = parse_exercise(json.dumps(content.get("exercise")), str(path))
    try:
        scenario = Scenario.model_validate(content.get("scenario"))
    except ValidationError as exc:
        raise ClassroomError(f"{path}: the seat file's scenario is damaged ({_first_error(exc)})") from None
    game = _checked(exercise, scenario, str(path), str(path))
    table, seat, students = content.get("table"), content.get("seat"), content.get("students") or {}
    if (not isinstance(table, int) or not 1 <= table <= len(exercise.tables) or not isinstance(students, dict)
            or (seat is not None and seat not in exercise.tables[table - 1].humans)):
        raise ClassroomError(f"{path}: the seat file names no seat of its exercise; ask your instructor for a new copy")
    names = {str(actor): str(name) for actor, name in students.items()}
    return OpenExercise(path.parent, exercise, scenario, None, game, SeatFile(path, table, seat, names))


def choose_seat(table: TablePlan, seat: str | None, scenario: Scenario,
                seat_file: SeatFile | None = None) -> str | None:
    """The side a player takes at ``table`` (``--as``); None for a hot-seat table played by both.

    A seat file opens its own table and side only.
    """
    if seat_file is not None:
        mine = seat_file.seat or "both sides"
        if table.number != seat_file.table or (seat_file.seat is not None and seat not in (None, seat_file.seat)):
            flags = f"--table {seat_file.table}" + (f" --as {seat_file.seat}" if seat_file.seat else "")
            raise ClassroomError(f"this seat file is for table {seat_file.table} ({mine}); use {flags}")
        seat = seat if seat is not None else seat_file.seat
    ids = [a.id for a in scenario.actors]
    if seat is not None and seat not in ids:
        raise ClassroomError(f"--as: unknown side '{seat}'; sides are {', '.join(ids)}")
    humans = table.humans
    if seat is None:
        return humans[0] if len(humans) == 1 else None
    if seat not in humans:
        mine = humans[0] if humans else "nobody"
        raise ClassroomError(
            f"at table {table.number}, {seat} is played by the computer ({table.seats[seat].player}); "
            f"students play {mine}"
        )
    return seat
