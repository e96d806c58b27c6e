"""The exercise file: one scenario played at many tables, each with its own seed and seats.

``exercise.json`` holds everything a table needs to play and an instructor needs to check
a game: the scenario (file, id, content hash), the seed and seats of every table, the
time limit, and the table codes. It holds no secrets, because students need the folder to
play offline: seat codes are kept only as SHA-256 digests (the codes themselves are in
``instructor/``), and the signing secret for hosted logs never leaves ``instructor/``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from game.engine import Game, Seat
from game.scenario import hash_matches, load, scenario_hash
from game.scenario.models import Scenario

EXERCISE_FORMAT = "parley-exercise/1"
EXERCISE_FILE = "exercise.json"
SCENARIO_FILE = "scenario.yaml"
SEEDS_DIR = "seeds"
ROLES_DIR = "roles"
INSTRUCTOR_DIR = "instructor"
RESULTS_DIR = "results"
REPORT_DIR = "report"
SECRET_FILE = "log-secret.key"
SEAT_CODES_FILE = "seat-codes.json"
MAX_TABLES = 200

#: Letters and digits that cannot be misread on paper (no I/1, O/0): 5 bits a character.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TABLE_CODE_LENGTH = 8  # 40 bits: a table's name in the live classroom
SEAT_CODE_LENGTH = 12  # 60 bits: a student's key to a seat


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


# -- making an exercise ---------------------------------------------------------------------


def table_seed(master: int, number: int, attempt: int = 0) -> int:
    """The seed of table ``number``: a hash of the exercise seed, so the same S gives the same tables."""
    text = f"parley-exercise-seed:{master}:{number}:{attempt}".encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:4], "big") & 0x7FFF_FFFF


def table_seeds(master: int, tables: int) -> list[int]:
    """Distinct seeds for tables 1..N derived from ``master`` (a rare clash is re-drawn)."""
    out: list[int] = []
    for number in range(1, tables + 1):
        attempt = 0
        while (seed := table_seed(master, number, attempt)) in out:
            attempt += 1
        out.append(seed)
    return out


def new_code(length: int) -> str:
    """A random code from :data:`CODE_ALPHABET`, in groups of four for reading aloud."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
    return "-".join(raw[i : i + 4] for i in range(0, length, 4))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_digest(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def seat_code_matches(table: TablePlan, actor: str, code: str) -> bool:
    """Whether ``code`` opens ``actor``'s seat at ``table`` (for the live classroom)."""
    plan = table.seats.get(actor)
    return bool(plan and plan.code_sha256) and secrets.compare_digest(code_digest(code), plan.code_sha256 or "")


@dataclass(frozen=True)
class Secrets:
    """What only the instructor keeps: the log-signing key and the seat codes in clear."""

    log_secret: str  # hex
    seat_codes: dict[int, dict[str, str]]  # table number -> actor -> code


def plan_exercise(
    scenario: Scenario,
    source: str,
    tables: int,
    seed: int,
    created: str,
    vs_computer: str | None = None,
    side: str | None = None,
    round_time: float | None = None,
    computer_tables: list[int] | None = None,
) -> tuple[Exercise, Secrets]:
    """A new exercise and its secrets. Pure apart from the random codes and secret.

    Hot-seat pairs unless ``vs_computer`` names a computer seat; then one student plays
    the computer at every table (or only at ``computer_tables``, the others staying
    hot-seat: an odd number of students), taking ``side``, or, without ``side``, the side
    that alternates with the table number so that both roles are played.
    """
    if not 1 <= tables <= MAX_TABLES:
        raise ClassroomError(f"--tables must be between 1 and {MAX_TABLES}")
    if seed < 0:
        raise ClassroomError("--seed must be a whole number >= 0")
    if round_time is not None and not 0 < round_time <= 86_400:
        raise ClassroomError("--round-time must be a number of seconds above 0 (at most a day)")
    ids = [a.id for a in scenario.actors]
    computer = None
    if vs_computer is not None:
        try:
            computer = Seat.parse(vs_computer)
        except ValueError as exc:
            raise ClassroomError(f"--vs-computer: {exc}") from None
        if computer.human:
            raise ClassroomError("--vs-computer names a computer strategy, e.g. adaptive or boulware/hard")
    if computer_tables is not None:
        if computer is None:
            raise ClassroomError("--computer-tables only applies with --vs-computer")
        wrong = sorted({n for n in computer_tables if not 1 <= n <= tables})
        if wrong:
            raise ClassroomError(f"--computer-tables: no table {wrong[0]}; tables are 1-{tables}")
    if side is not None:
        if computer is None:
            raise ClassroomError("--side only applies with --vs-computer (hot-seat pairs play both sides)")
        if side not in ids:
            raise ClassroomError(f"--side: unknown side '{side}'; sides are {', '.join(ids)}")
    plans: list[TablePlan] = []
    codes: dict[int, dict[str, str]] = {}
    used: set[str] = set()
    for number, table_seed_ in enumerate(table_seeds(seed, tables), start=1):
        while (table_code := new_code(TABLE_CODE_LENGTH)) in used:
            pass
        used.add(table_code)
        if computer is None or (computer_tables is not None and number not in computer_tables):
            humans = ids
        else:
            humans = [side] if side is not None else [ids[(number - 1) % 2]]
        seats: dict[str, SeatPlan] = {}
        codes[number] = {}
        for actor in ids:
            if actor in humans:
                while (code := new_code(SEAT_CODE_LENGTH)) in used:  # unique in the exercise: a code alone names a seat
                    pass
                used.add(code)
                codes[number][actor] = code
                seats[actor] = SeatPlan(player="human", code_sha256=code_digest(code))
            else:
                assert computer is not None
                seats[actor] = SeatPlan(player=str(computer))
        plans.append(TablePlan(number=number, code=table_code, seed=table_seed_, seats=seats))
    exercise = Exercise(
        format=EXERCISE_FORMAT,
        id=secrets.token_hex(8),
        created=created,
        scenario=ScenarioRef(id=scenario.id, title=scenario.title, hash=scenario_hash(scenario), source=source),
        seed=seed,
        vs_computer=str(computer) if computer is not None else None,
        round_time=float(round_time) if round_time is not None else None,
        tables=plans,
    )
    return exercise, Secrets(log_secret=secrets.token_hex(32), seat_codes=codes)


def exercise_json(exercise: Exercise) -> str:
    return json.dumps(exercise.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n"


# -- opening an exercise folder --------------------------------------------------------------


@dataclass(frozen=True)
class OpenExercise:
    """An exercise folder, checked: its exercise file, its scenario and the scenario's rules."""

    folder: Path
    exercise: Exercise
    scenario: Scenario
    scenario_path: Path
    game: Game

    @property
    def secret_path(self) -> Path:
        return self.folder / INSTRUCTOR_DIR / SECRET_FILE

    def secret(self) -> bytes | None:
        """The log-signing key, when this copy of the folder has it (the instructor's does)."""
        try:
            text = self.secret_path.read_text(encoding="ascii").strip()
            return bytes.fromhex(text) if text else None
        except (OSError, ValueError, UnicodeDecodeError):
            return None


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


def open_exercise(folder: Path) -> OpenExercise:
    """Read and check an exercise folder: exercise file, scenario copy and its hash, seats."""
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
    if scenario.id != exercise.scenario.id or not hash_matches(scenario, exercise.scenario.hash):
        raise ClassroomError(
            f"{scenario_path}: this is not the scenario the exercise was created with "
            "(its id or content hash differs); restore the original file"
        )
    ids = {a.id for a in scenario.actors}
    for table in exercise.tables:
        if set(table.seats) != ids:
            raise ClassroomError(f"{path}: table {table.number} must seat exactly the sides {', '.join(sorted(ids))}")
        for actor, plan in table.seats.items():
            try:
                seat = Seat.parse(plan.player)
            except ValueError as exc:
                raise ClassroomError(f"{path}: table {table.number}, {actor}: {exc}") from None
            if seat.human != (plan.code_sha256 is not None):
                raise ClassroomError(f"{path}: table {table.number}, {actor}: only human seats have a seat code")
    try:
        game = Game(scenario)
    except ValueError as exc:
        raise ClassroomError(f"{scenario_path}: {exc}") from None
    return OpenExercise(folder, exercise, scenario, scenario_path, game)


def choose_seat(table: TablePlan, seat: str | None, scenario: Scenario) -> str | None:
    """The side a player takes at ``table`` (``--as``); None for a hot-seat table played by both."""
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
