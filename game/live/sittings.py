"""Who sat at which seat: every time a student takes a seat is recorded, with the name they gave.

The store keeps one game per table (its moves); this keeps the sittings beside it, in an
append-only ``sittings`` table: the seat, the name given (or none), and when. A seat's
name is the roster's when the class has one, else the last name given for it. A name can
be given or corrected until the seat has made its first move; after that, a different
name is refused (someone else has the seat code), so the name sealed into the table's log
is the name of the student who played.

These functions run inside the store's transactions (:meth:`.store.Store.sit`), on either
backend: they take the store's ``query`` (portable SQL with ``?`` placeholders), not a
connection. The SQLite table is below; PostgreSQL's is in :mod:`.pgschema`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from game.classroom.roster import same_name

from .errors import LiveError

SITTINGS_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS sittings (
        id INTEGER PRIMARY KEY,
        table_no INTEGER NOT NULL CHECK (table_no >= 1),
        actor TEXT NOT NULL,
        student TEXT,
        at REAL NOT NULL
    )""",
    """CREATE TRIGGER IF NOT EXISTS sittings_no_update BEFORE UPDATE ON sittings
        BEGIN SELECT RAISE(ABORT, 'sittings are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS sittings_no_delete BEFORE DELETE ON sittings
        BEGIN SELECT RAISE(ABORT, 'sittings are append-only'); END""",
)


Query = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

def given_name(query: Query, table_no: int, actor: str) -> str | None:
    """The last name given for a seat, or None."""
    found = query("SELECT student FROM sittings WHERE table_no = ? AND actor = ? AND student IS NOT NULL "
                  "ORDER BY id DESC LIMIT 1", (table_no, actor))
    return str(found[0][0]) if found else None


def given_names(query: Query, table_no: int) -> dict[str, str]:
    """Side -> the last name given for it, at one table."""
    rows = query("SELECT actor, student FROM sittings WHERE table_no = ? AND student IS NOT NULL ORDER BY id",
                 (table_no,))
    return {str(actor): str(student) for actor, student in rows}


def has_moved(query: Query, table_no: int, actor: str) -> bool:
    return bool(query("SELECT 1 FROM moves WHERE table_no = ? AND seat = ? LIMIT 1", (table_no, actor)))


def sit(query: Query, table_no: int, actor: str, student: str | None, at: float) -> None:
    """Record a sitting; :class:`LiveError` when the seat has moved under another name."""
    current = given_name(query, table_no, actor)
    if student is not None and current is not None and same_name(student, current):
        student = current  # the same student: the name keeps the spelling it was first given in
    elif student is not None and current is not None and has_moved(query, table_no, actor):
        raise LiveError(f"table {table_no}'s {actor} seat is being played by {current}; a seat's name cannot "
                        "change once it has moved (if this is your seat, ask your instructor)")
    query("INSERT INTO sittings (table_no, actor, student, at) VALUES (?, ?, ?, ?)", (table_no, actor, student, at))


def sittings(query: Query, table_no: int) -> list[tuple[str, str | None, float]]:
    """Every sitting at a table, in order: (side, name given or None, unix time)."""
    rows = query("SELECT actor, student, at FROM sittings WHERE table_no = ? ORDER BY id", (table_no,))
    return [(str(actor), None if student is None else str(student), float(at)) for actor, student, at in rows]
