"""The live store's SQLite layout (tables, triggers), the schema version both backends share,
and SQLite's lock-retry loop.

The moves table is append-only (triggers refuse UPDATE and DELETE) with one place per move
(``UNIQUE(table_no, seq)``); the sittings of :mod:`.sittings` sit beside it. Kept apart
from :mod:`.store` so that the store's module is about transactions, not layout.
PostgreSQL's layout, the same tables in its own dialect, is :mod:`.pgschema`.

The ``meta`` table records the schema version and the exercise the store belongs to. A
store written by a newer Parley (a higher version) is refused rather than misread; an
older one would be brought up to date by :data:`MIGRATIONS` (none yet: version 1 is the
first).
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from game.classroom.exercise import OpenExercise

from .errors import StoreError

SCHEMA_VERSION = "1"
#: version -> the statements that bring a store of that version to the next one.
MIGRATIONS: dict[int, tuple[str, ...]] = {}

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS moves (
        id INTEGER PRIMARY KEY,
        table_no INTEGER NOT NULL CHECK (table_no >= 1),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        seat TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        move TEXT NOT NULL,
        state TEXT NOT NULL,
        prev TEXT NOT NULL,
        hash TEXT NOT NULL,
        at REAL NOT NULL,
        UNIQUE (table_no, seq)
    )""",
    """CREATE TRIGGER IF NOT EXISTS moves_no_update BEFORE UPDATE ON moves
        BEGIN SELECT RAISE(ABORT, 'moves are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS moves_no_delete BEFORE DELETE ON moves
        BEGIN SELECT RAISE(ABORT, 'moves are append-only'); END""",
    """CREATE TABLE IF NOT EXISTS tables (
        table_no INTEGER PRIMARY KEY,
        opened_at REAL,
        turn_started REAL
    )""",
    """CREATE TABLE IF NOT EXISTS control (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        paused_at REAL,
        ended_at REAL
    )""",
    "INSERT OR IGNORE INTO control (id) VALUES (1)",
)


T = TypeVar("T")


def retry_while_locked(attempt: Callable[[], T | None], timeout: float, longest_sleep: float) -> T:
    """Run ``attempt`` until it returns something, sleeping a few jittered milliseconds after each
    "locked"/"busy" refusal (or ``None``); after ``timeout`` seconds the refusal is raised."""
    deadline = time.monotonic() + timeout
    delay = 0.0005
    while True:
        try:
            done = attempt()
            if done is not None:
                return done
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                raise
        time.sleep(delay * (1 + random.random()))
        delay = min(delay * 1.5, longest_sleep)


def meta_rows(opened: OpenExercise) -> list[tuple[str, str]]:
    """What a store records of its exercise, the first time the exercise opens it."""
    ex = opened.exercise
    return [("schema", SCHEMA_VERSION), ("exercise", ex.id), ("scenario_hash", ex.scenario.hash)]


def check_version(found: str | None, label: str) -> int:
    """The schema version a store holds (0: none yet); :class:`StoreError` when this Parley cannot read it."""
    if found is None:
        return 0
    if not found.isdigit():
        raise StoreError(f"{label}: not a Parley live store (schema version {found!r})")
    if int(found) > int(SCHEMA_VERSION):
        raise StoreError(f"{label}: written by a newer Parley (schema {found}; this one reads up to "
                         f"{SCHEMA_VERSION}); upgrade Parley on this machine")
    return int(found)


def check_exercise(found: dict[str, str], opened: OpenExercise, label: str) -> None:
    """:class:`StoreError` unless the store's recorded exercise is ``opened``'s (or none is recorded yet)."""
    ex = opened.exercise
    if "exercise" in found and (found.get("exercise") != ex.id or found.get("scenario_hash") != ex.scenario.hash):
        raise StoreError(f"{label}: this store belongs to another exercise ({found.get('exercise')}); "
                         "use a new store to start a new live class")
