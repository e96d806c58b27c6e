"""The live store's file layout (tables, triggers, schema version) and its lock-retry loop.

The moves table is append-only (triggers refuse UPDATE and DELETE) with one place per move
(``UNIQUE(table_no, seq)``); the sittings of :mod:`.sittings` sit beside it. Kept apart
from :mod:`.store` so that the store's module is about transactions, not layout.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

SCHEMA_VERSION = "1"

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
