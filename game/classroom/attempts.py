"""Attempts at a hand-out table: every game a seat starts is counted, on the computer it is played on.

A table is meant to be played once. When its saved game is gone (deleted, or lost) and
the table is started again, that is a new *attempt*: its log's header carries the attempt
number, when it started, a nonce, and the chain hashes (genesis) of the earlier attempts,
so ``parley class verify`` can tell a second game from the first and name which counts.
The record lives in the local save folder beside the table's autosave
(``exercise-saves/<exercise>-table-NN.attempts.json``), with the names the students gave.

What this cannot do offline: a student who deletes the record too starts again at attempt
1. Two games handed in for one table are still caught (the first started counts); only the
live classroom, whose store records every game, rules out an unseen rehearsal.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.session import data_dir, write_atomic

from . import chain
from .exercise import OpenExercise, TablePlan
from .logs import header_for

ATTEMPTS_FORMAT = "parley-attempts/1"


def saves_folder() -> Path:
    return data_dir() / "exercise-saves"


def save_path(opened: OpenExercise, table: TablePlan) -> Path:
    """The table's autosave: kept apart from ordinary saves, since only the exercise can finish it."""
    return saves_folder() / f"{opened.exercise.id}-table-{table.number:02d}.json"


def attempts_path(opened: OpenExercise, table: TablePlan) -> Path:
    return saves_folder() / f"{opened.exercise.id}-table-{table.number:02d}.attempts.json"


@dataclass(frozen=True)
class Attempt:
    """One game started at a table: its number and the header its log's chain starts from."""

    number: int
    header: dict[str, Any]

    @property
    def genesis(self) -> str:
        return chain.genesis(self.header)


def attempt_header(opened: OpenExercise, table: TablePlan, seat: str | None, number: int,
                   earlier: list[str]) -> dict[str, Any]:
    """:func:`.logs.header_for` plus the attempt: its number, start, a nonce and the earlier attempts' hashes."""
    return dict(header_for(opened, table, seat), attempt=number,
                started=datetime.now(UTC).isoformat(timespec="seconds"), nonce=secrets.token_hex(8),
                earlier_attempts=list(earlier))


@dataclass
class AttemptBook:
    """The local record of a table's attempts and of the names given for its seats."""

    path: Path
    exercise: str
    table: int
    attempts: list[Attempt] = field(default_factory=list)
    students: dict[str, str] = field(default_factory=dict)

    @property
    def current(self) -> Attempt | None:
        return self.attempts[-1] if self.attempts else None

    def begin(self, opened: OpenExercise, plan: TablePlan, seat: str | None) -> Attempt:
        """Count a new game at the table: the next number, the earlier attempts' hashes in its header."""
        earlier = [a.genesis for a in self.attempts]
        attempt = Attempt(len(self.attempts) + 1, attempt_header(opened, plan, seat, len(self.attempts) + 1, earlier))
        self.attempts.append(attempt)
        return attempt

    def save(self) -> None:
        data = {"format": ATTEMPTS_FORMAT, "exercise": self.exercise, "table": self.table,
                "students": self.students,
                "attempts": [{"attempt": a.number, "genesis": a.genesis, "header": a.header} for a in self.attempts]}
        write_atomic(self.path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def read_book(opened: OpenExercise, table: TablePlan) -> AttemptBook:
    """The table's record on this computer; an empty one when there is none (or it is unreadable)."""
    path = attempts_path(opened, table)
    book = AttemptBook(path, opened.exercise.id, table.number)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return book
    if not isinstance(data, dict) or data.get("format") != ATTEMPTS_FORMAT or data.get("exercise") != book.exercise:
        return book
    for item in data.get("attempts") or []:
        if isinstance(item, dict) and isinstance(item.get("header"), dict) and isinstance(item.get("attempt"), int):
            book.attempts.append(Attempt(item["attempt"], item["header"]))
    names = data.get("students")
    if isinstance(names, dict):
        book.students = {str(k): str(v) for k, v in names.items() if isinstance(v, str)}
    return book
