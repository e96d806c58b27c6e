"""Who is at the keyboard: a seat code (with or without its table code) or the instructor code.

Seat codes are secrets printed on the handouts; ``exercise.json`` keeps only their SHA-256
digests, and every comparison goes through :func:`hmac.compare_digest`, so a wrong code
learns nothing from timing. ``parley class new`` draws seat codes unique across the
exercise, so a seat code alone names its table and seat; the table code may be given too
(``TABLECODE-SEATCODE``, as the handout prints them side by side) and must then match.

The instructor code opens the dashboard from the served page. It is made by ``parley
serve`` and kept in ``instructor/`` only as a digest; the code itself is printed once.
"""

from __future__ import annotations

import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from game.classroom.exercise import INSTRUCTOR_DIR, OpenExercise, TablePlan
from game.classroom.planning import SEAT_CODE_LENGTH, TABLE_CODE_LENGTH, code_digest, new_code, normalise_code

from .errors import LiveError

INSTRUCTOR_CODE_FILE = "instructor-code.json"
INSTRUCTOR_CODE_LENGTH = 16


@dataclass(frozen=True)
class SeatKey:
    """A seat that a code opened: the table and the side its student plays."""

    table: TablePlan
    actor: str


def _digest_matches(code: str, digest: str | None) -> bool:
    return digest is not None and hmac.compare_digest(code_digest(code), digest)


def split_code(code: str) -> tuple[str | None, str]:
    """(table code or None, seat code) from what a student typed; :class:`LiveError` if it is neither."""
    raw = normalise_code(code)
    if len(raw) == SEAT_CODE_LENGTH:
        return None, raw
    if len(raw) == TABLE_CODE_LENGTH + SEAT_CODE_LENGTH:
        return raw[:TABLE_CODE_LENGTH], raw[TABLE_CODE_LENGTH:]
    raise LiveError(f"a seat code has {SEAT_CODE_LENGTH} letters and digits (or {TABLE_CODE_LENGTH} more in front "
                    "for the table code); check the code on your handout")


def find_seat(opened: OpenExercise, seat_code: str, table_code: str | None = None) -> SeatKey:
    """The seat ``seat_code`` opens (at the table ``table_code`` names, when given).

    Every human seat is checked, matching or not, so the time taken does not depend on
    where a match is. A wrong code is refused with the same words whatever was wrong.
    """
    wanted = normalise_code(table_code) if table_code else None
    found: list[SeatKey] = []
    for table in opened.exercise.tables:
        table_ok = wanted is None or hmac.compare_digest(normalise_code(table.code), wanted)
        for actor, plan in table.seats.items():
            if _digest_matches(seat_code, plan.code_sha256) and table_ok:
                found.append(SeatKey(table, actor))
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise LiveError("that seat code is printed for more than one table; give the table code too")
    raise LiveError("that code does not open a seat in this exercise; check the table and seat codes on your handout")


def resolve(opened: OpenExercise, code: str) -> SeatKey:
    """The seat of ``parley join CODE``: a seat code alone, or table code and seat code."""
    table_code, seat_code = split_code(code)
    return find_seat(opened, seat_code, table_code)


# -- the instructor code ---------------------------------------------------------------------------


def instructor_code_path(opened: OpenExercise) -> Path:
    return opened.folder / INSTRUCTOR_DIR / INSTRUCTOR_CODE_FILE


def instructor_digest(opened: OpenExercise) -> str | None:
    """The stored digest of the instructor code, or None when there is none (or it is for another exercise)."""
    try:
        data = json.loads(instructor_code_path(opened).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("exercise") != opened.exercise.id:
        return None
    digest = data.get("code_sha256")
    return digest if isinstance(digest, str) else None


def is_instructor_code(opened: OpenExercise, code: str) -> bool:
    return _digest_matches(code, instructor_digest(opened))


def new_instructor_code(opened: OpenExercise) -> str:
    """Make an instructor code, keep its digest in ``instructor/`` (owner-only) and return the code."""
    code = new_code(INSTRUCTOR_CODE_LENGTH)
    path = instructor_code_path(opened)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"exercise": opened.exercise.id, "code_sha256": code_digest(code)}, handle)
        handle.write("\n")
    os.replace(tmp, path)
    return code


INSTRUCTOR = "instructor"


def login(opened: OpenExercise, table_code: str, seat_code: str) -> SeatKey | str:
    """What the served page's two fields open: a seat, or :data:`INSTRUCTOR` for the instructor code.

    The instructor code goes in the seat code field with the table code left empty. A
    seat code may also be typed with its table code in the one field.
    """
    if not normalise_code(table_code) and len(normalise_code(seat_code)) == INSTRUCTOR_CODE_LENGTH:
        if is_instructor_code(opened, seat_code):
            return INSTRUCTOR
        raise LiveError("that code does not open a seat in this exercise; check the table and seat codes on "
                        "your handout")
    return resolve(opened, normalise_code(table_code) + normalise_code(seat_code))
