"""Making an exercise: table seeds from a secret, unguessable codes, who plays which seat.

Table seeds are derived from the exercise seed *and* a secret kept in ``instructor/``
(an HMAC), so a student who knows the exercise seed or the table's number cannot work
out the table's seed and rehearse the exact game against the computer beforehand. The
same seed and the same secret give the same tables (``--seed-secret`` reuses an earlier
exercise's secret for a second section). Exercises made before this keep the seeds their
``exercise.json`` lists: seeds are read from the file, never derived again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from game.engine import Seat
from game.scenario import scenario_hash
from game.scenario.models import Scenario

from .exercise import (
    EXERCISE_FORMAT,
    MAX_TABLES,
    ClassroomError,
    Exercise,
    ScenarioRef,
    SeatPlan,
    TablePlan,
)

#: Letters and digits that cannot be misread on paper (no I/1, O/0): 5 bits a character.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TABLE_CODE_LENGTH = 8  # 40 bits: a table's name in the live classroom
SEAT_CODE_LENGTH = 12  # 60 bits: a student's key to a seat
SEED_SECRET_BYTES = 32


def table_seed(master: int, number: int, attempt: int = 0, secret: bytes = b"") -> int:
    """The seed of table ``number``: an HMAC of the exercise seed under the exercise's seed secret.

    Without a secret (``b""``) this is the plain hash older exercises were made with.
    """
    if secret:
        digest = hmac.new(secret, f"parley-table-seed:{master}:{number}:{attempt}".encode(), hashlib.sha256).digest()
    else:
        digest = hashlib.sha256(f"parley-exercise-seed:{master}:{number}:{attempt}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFF_FFFF


def table_seeds(master: int, tables: int, secret: bytes = b"") -> list[int]:
    """Distinct seeds for tables 1..N derived from ``master`` and ``secret`` (a rare clash is re-drawn)."""
    out: list[int] = []
    for number in range(1, tables + 1):
        attempt = 0
        while (seed := table_seed(master, number, attempt, secret)) in out:
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


def new_seed_secret() -> bytes:
    return secrets.token_bytes(SEED_SECRET_BYTES)


@dataclass(frozen=True)
class Secrets:
    """What only the instructor keeps: the log-signing key, the seed secret and the seat codes in clear."""

    log_secret: str  # hex
    seat_codes: dict[int, dict[str, str]]  # table number -> actor -> code
    seed_secret: str = ""  # hex; the table seeds are an HMAC of the exercise seed under it


@dataclass(frozen=True)
class Settings:
    """How the exercise is played, beyond who sits where."""

    round_time: float | None = None
    estimates: bool = True  # the in-game estimates of the other side (priorities, chance of acceptance)


def _computer(vs_computer: str | None) -> Seat | None:
    if vs_computer is None:
        return None
    try:
        computer = Seat.parse(vs_computer)
    except ValueError as exc:
        raise ClassroomError(f"--vs-computer: {exc}") from None
    if computer.human:
        raise ClassroomError("--vs-computer names a computer strategy, e.g. adaptive or boulware/hard")
    return computer


def plan_exercise(
    scenario: Scenario,
    source: str,
    tables: int,
    seed: int,
    created: str,
    vs_computer: str | None = None,
    side: str | None = None,
    settings: Settings | None = None,
    computer_tables: list[int] | None = None,
    seed_secret: bytes | None = None,
) -> tuple[Exercise, Secrets]:
    """A new exercise and its secrets. Pure apart from the random codes and secrets.

    Hot-seat pairs unless ``vs_computer`` names a computer seat; then one student plays
    the computer at every table (or only at ``computer_tables``, the others staying
    hot-seat: an odd number of students), taking ``side``, or, without ``side``, the side
    that alternates with the table number so that both roles are played.
    """
    settings = settings or Settings()
    round_time = settings.round_time
    if not 1 <= tables <= MAX_TABLES:
        raise ClassroomError(f"--tables must be between 1 and {MAX_TABLES}")
    if seed < 0:
        raise ClassroomError("--seed must be a whole number >= 0")
    if round_time is not None and not 0 < round_time <= 86_400:
        raise ClassroomError("--round-time must be a number of seconds above 0 (at most a day)")
    ids = [a.id for a in scenario.actors]
    computer = _computer(vs_computer)
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
    secret = seed_secret if seed_secret is not None else new_seed_secret()
    plans: list[TablePlan] = []
    codes: dict[int, dict[str, str]] = {}
    used: set[str] = set()
    for number, table_seed_ in enumerate(table_seeds(seed, tables, secret), start=1):
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
        estimates=settings.estimates,
        tables=plans,
    )
    return exercise, Secrets(log_secret=secrets.token_hex(32), seat_codes=codes, seed_secret=secret.hex())


def exercise_json(exercise: Exercise) -> str:
    return json.dumps(exercise.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n"


def student_seats(exercise: Exercise) -> list[tuple[int, str]]:
    """Every seat a student plays, table by table, in the scenario's order of sides."""
    return [(table.number, actor) for table in exercise.tables for actor in table.seats if actor in table.humans]
