"""The class roster: who sits at which seat, read from a spreadsheet's CSV and kept for the instructor.

``parley class new --roster students.csv`` reads a CSV with a ``name`` column and an
optional ``id`` column (a student number for the gradebook), and seats the students: in a
random order drawn from the exercise seed (so the same roster and seed seat the class the
same way), or as listed. The roster is kept in ``instructor/roster.json``, never in
``exercise.json``: student ids are personal data, and the exercise file travels.

A name a student gives at sign-in is compared with the roster's loosely (case and spacing
do not matter, :func:`same_name`), so "ada  lovelace" is Ada Lovelace, but a different
name is refused: the seat code on a handout is that student's, not anyone's.
"""

from __future__ import annotations

import csv
import io
import json
import random
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

ROSTER_FORMAT = "parley-roster/1"
ROSTER_FILE = "roster.json"
MAX_NAME = 80
MAX_ID = 40
MAX_ROSTER_BYTES = 2_000_000
RosterOrder = Literal["random", "listed"]


class RosterError(ValueError):
    """A roster that cannot be used: one line, ``file:line: what``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class RosterStudent(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=MAX_NAME)]
    id: Annotated[str, Field(min_length=1, max_length=MAX_ID)] | None = None
    line: int  # where the student is in the CSV, for messages
    table: int | None = None  # None until the student is seated (see :func:`assign`)
    seat: str | None = None


class Roster(_Strict):
    format: Literal["parley-roster/1"]
    exercise: str
    order: RosterOrder
    students: list[RosterStudent]

    def at(self, table: int, actor: str) -> RosterStudent | None:
        return next((s for s in self.students if s.table == table and s.seat == actor), None)

    @property
    def has_ids(self) -> bool:
        return any(s.id for s in self.students)


def clean_name(text: str, where: str = "name") -> str:
    """A student's name as given, with runs of spaces made one; :class:`RosterError` if it cannot be one."""
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not name:
        raise RosterError(f"{where}: the name is empty")
    if len(name) > MAX_NAME:
        raise RosterError(f"{where}: the name is longer than {MAX_NAME} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise RosterError(f"{where}: the name holds a control character")
    return name


def same_name(one: str, other: str) -> bool:
    """Whether two spellings name the same student: case and spacing aside."""
    def key(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return key(one) == key(other)


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """Commas, or the semicolons and tabs some spreadsheets export."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_roster_csv(path: Path) -> list[RosterStudent]:
    """The students in ``path`` in the order listed; :class:`RosterError` naming the file and line."""
    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise RosterError(f"{path}: too large for a class roster (over {MAX_ROSTER_BYTES // 1_000_000} MB)")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise RosterError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise RosterError(f"{path}: a folder, not a CSV file") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise RosterError(f"{path}:{line}: not UTF-8 text (save the spreadsheet as CSV UTF-8)") from None
    except OSError as exc:
        raise RosterError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    return parse_roster(text, str(path))


def parse_roster(text: str, name: str) -> list[RosterStudent]:
    """Students from CSV text: a header line with ``name`` (and maybe ``id``), then one student a line."""
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[:4096]))
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)
        if header is None:
            raise RosterError(f"{name}:1: the file is empty; the first line must name the columns (name, id)")
        columns = [cell.strip().casefold() for cell in header]
        where = reader.line_num
        if "name" not in columns:
            found = ", ".join(cell.strip() for cell in header if cell.strip()) or "nothing"
            raise RosterError(f"{name}:{where}: no 'name' column (the first line has {found}); "
                              "the roster needs a column titled name, and may have one titled id")
        for column in ("name", "id"):
            if columns.count(column) > 1:
                raise RosterError(f"{name}:{where}: two columns are titled '{column}'")
        at_name = columns.index("name")
        at_id = columns.index("id") if "id" in columns else None
        students: list[RosterStudent] = []
        by_id: dict[str, int] = {}
        by_name: dict[str, int] = {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) <= at_name:
                raise RosterError(f"{name}:{line}: no name on this line (expected a value in column "
                                  f"{at_name + 1})")
            student_name = clean_name(row[at_name], f"{name}:{line}")
            student_id = row[at_id].strip() if at_id is not None and at_id < len(row) else ""
            if student_id and len(student_id) > MAX_ID:
                raise RosterError(f"{name}:{line}: the id is longer than {MAX_ID} characters")
            if student_id:
                if student_id in by_id:
                    raise RosterError(f"{name}:{line}: id '{student_id}' is already on line {by_id[student_id]}")
                by_id[student_id] = line
            key = " ".join(student_name.casefold().split())
            if key in by_name and at_id is None:
                raise RosterError(f"{name}:{line}: '{student_name}' is already on line {by_name[key]}; add an id "
                                  "column to tell two students of one name apart")
            by_name.setdefault(key, line)
            students.append(RosterStudent(name=student_name, id=student_id or None, line=line))
    except csv.Error as exc:
        raise RosterError(f"{name}:{reader.line_num}: not valid CSV ({exc})") from None
    if not students:
        raise RosterError(f"{name}: no students listed under the header line")
    return students


def assign(students: Sequence[RosterStudent], seats: Sequence[tuple[int, str]], order: RosterOrder,
           seed: int, name: str, exercise_id: str) -> Roster:
    """Seat ``students`` at ``seats`` (table, side), shuffled with ``seed`` or as listed.

    More students than seats is an error (add tables); fewer leaves the last seats without a
    rostered student: those students give a name when they sit down.
    """
    if len(students) > len(seats):
        raise RosterError(f"{name}: {len(students)} students but the exercise has {len(seats)} student seats; "
                          "add tables (--tables) or seat more students against the computer")
    listed = list(students)
    if order == "random":
        random.Random(f"parley-roster:{seed}").shuffle(listed)
    seated = [s.model_copy(update={"table": table, "seat": actor})
              for s, (table, actor) in zip(listed, seats, strict=False)]
    return Roster(format=ROSTER_FORMAT, exercise=exercise_id, order=order, students=seated)


def roster_json(roster: Roster) -> str:
    return json.dumps(roster.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n"


def parse_roster_json(text: str, name: str, exercise_id: str) -> Roster:
    """The roster kept in ``instructor/``; :class:`RosterError` if it is not this exercise's."""
    try:
        roster = Roster.model_validate_json(text)
    except ValueError as exc:
        raise RosterError(f"{name}: not a Parley roster ({str(exc).splitlines()[0]})") from None
    if roster.exercise != exercise_id:
        raise RosterError(f"{name}: the roster of another exercise ({roster.exercise})")
    return roster
