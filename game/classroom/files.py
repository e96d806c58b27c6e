"""The file side of the classroom: create an exercise folder (sheets, seat files, roster), write and read logs.

Most of :mod:`game.classroom` is pure; here are the functions that touch the exercise
folder (the report's files are :mod:`.reportfiles`, a table's local record of attempts
:mod:`.attempts`). Writes are atomic, and a new exercise is built in a temporary folder
next to its destination and renamed into place, so a failure never leaves half an exercise.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.engine import State
from game.scenario import load
from game.scenario.loader import seed_folders
from game.scenario.models import Scenario
from game.session import write_atomic

from .exercise import (
    EXERCISE_FILE,
    INSTRUCTOR_DIR,
    RESULTS_DIR,
    ROLES_DIR,
    SCENARIO_FILE,
    SEAT_CODES_FILE,
    SECRET_FILE,
    SEED_SECRET_FILE,
    SEEDS_DIR,
    STUDENTS_DIR,
    ClassroomError,
    OpenExercise,
    TablePlan,
    open_exercise,
)
from .glance import glance_sheet
from .instructor import instructor_sheet
from .logs import Unreadable, build_log
from .planning import Secrets, Settings, exercise_json, plan_exercise, student_seats
from .roster import ROSTER_FILE, Roster, RosterError, RosterOrder, assign, read_roster_csv, roster_json
from .seatfile import pack
from .sheets import handouts, html_page, parts_markdown, role_sheet, seat_file_name, student_pages

MAX_LOG_BYTES = 20_000_000


def cited_seeds(scenario: Scenario) -> list[str]:
    """File names of every seed article the scenario quotes."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("seed"), str) and "quote" in node:
                found.add(node["seed"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(scenario.model_dump(mode="json"))
    return sorted(found)


def _copy_seeds(scenario: Scenario, source: Path, target: Path) -> None:
    folders = seed_folders(source)
    for name in cited_seeds(scenario):
        origin = next((folder / name for folder in folders if (folder / name).is_file()), None)
        if origin is None:
            raise ClassroomError(f"{source}: cannot find the seed article {name} to copy into the exercise")
        target.mkdir(exist_ok=True)
        shutil.copyfile(origin, target / name)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class RosterSource:
    """A class list to seat: the CSV file and how to order it (``random`` with the exercise seed, or ``listed``)."""

    csv: Path
    order: RosterOrder = "random"


def create_exercise(folder: Path, scenario: Scenario, source: Path, tables: int, seed: int,
                    vs_computer: str | None = None, side: str | None = None,
                    round_time: float | None = None, computer_tables: list[int] | None = None, *,
                    estimates: bool = True, roster: RosterSource | None = None,
                    seed_secret: bytes | None = None) -> OpenExercise:
    """Create the exercise folder (refusing a non-empty one) and return it opened and checked."""
    if folder.exists() and not folder.is_dir():
        raise ClassroomError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise ClassroomError(f"{folder}: the folder is not empty; choose a new one "
                             "(an exercise never overwrites files)")
    try:
        students = read_roster_csv(roster.csv) if roster is not None else None
    except RosterError as exc:
        raise ClassroomError(str(exc)) from None
    created = datetime.now(UTC).isoformat(timespec="seconds")
    exercise, secrets = plan_exercise(scenario, str(source), tables, seed, created, vs_computer, side,
                                      Settings(round_time, estimates), computer_tables, seed_secret)
    seated = None
    if students is not None and roster is not None:
        try:
            seated = assign(students, student_seats(exercise), roster.order, seed, str(roster.csv), exercise.id)
        except RosterError as exc:
            raise ClassroomError(str(exc)) from None
    target = folder.resolve()  # "." and ".." have no name to build the temporary folder from
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        shutil.copyfile(source, work / SCENARIO_FILE)
        _copy_seeds(scenario, source, work / SEEDS_DIR)
        copy = load(work / SCENARIO_FILE)
        if copy.scenario is None or not copy.ok:
            raise ClassroomError(f"{source}: the copied scenario does not load ({copy.diagnostics[0].format()})")
        _write(work / EXERCISE_FILE, exercise_json(exercise))
        if seated is not None:
            _write(work / INSTRUCTOR_DIR / ROSTER_FILE, roster_json(seated))
        _write_sheets(open_exercise(work), target.name, secrets, seated)
        _write_private(work / INSTRUCTOR_DIR / SECRET_FILE, secrets.log_secret)
        _write_private(work / INSTRUCTOR_DIR / SEED_SECRET_FILE, secrets.seed_secret)
        (work / RESULTS_DIR).mkdir()
        if target.is_dir():  # an empty folder given (maybe the current one): move the contents in
            for child in sorted(work.iterdir()):
                os.replace(child, target / child.name)
            work.rmdir()
        else:
            os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return open_exercise(folder)


def _write_private(path: Path, text: str) -> None:
    _write(path, text + "\n")
    os.chmod(path, 0o600)


def _write_sheets(opened: OpenExercise, name: str, secrets: Secrets, roster: Roster | None) -> None:
    """Role sheets (full and at a glance), handouts, seat files and the instructor sheet."""
    work, scenario, game, exercise = opened.folder, opened.scenario, opened.game, opened.exercise
    for actor in scenario.actors:
        sheet = role_sheet(scenario, game, actor.id, exercise, name)
        glance = glance_sheet(scenario, game, actor.id, exercise, name)
        _write(work / ROLES_DIR / f"{actor.id}.md", parts_markdown(sheet))
        _write(work / ROLES_DIR / f"{actor.id}.html", html_page(f"Role sheet: {actor.name}", [sheet]))
        _write(work / ROLES_DIR / f"{actor.id}-glance.md", parts_markdown(glance))
        _write(work / ROLES_DIR / f"{actor.id}-glance.html", html_page(f"At a glance: {actor.name}", [glance]))
        copies = handouts(scenario, game, actor.id, exercise, name, secrets.seat_codes, roster)
        if copies:
            out = work / INSTRUCTOR_DIR / "handouts"
            _write(out / f"{actor.id}.md", "\n\n---\n\n".join(parts_markdown(c) for c in copies))
            _write(out / f"{actor.id}.html", html_page(f"Handouts: {actor.name}", copies))
    sheet = instructor_sheet(opened, name, secrets.seat_codes, roster)
    _write(work / INSTRUCTOR_DIR / "instructor.md", parts_markdown(sheet))
    _write(work / INSTRUCTOR_DIR / "instructor.html", html_page(f"Instructor sheet: {scenario.title}", [sheet]))
    codes = {str(n): seats for n, seats in secrets.seat_codes.items()}
    _write(work / INSTRUCTOR_DIR / SEAT_CODES_FILE, json.dumps({"exercise": exercise.id, "seat_codes": codes},
                                                               indent=1) + "\n")
    _write_student_folders(opened, name, secrets, roster)


def _write_student_folders(opened: OpenExercise, name: str, secrets: Secrets, roster: Roster | None) -> None:
    """``instructor/students/table-NN-SIDE/``: what one student gets in hand-out mode, and nothing else.

    Their pages (at a glance and in full, with their seat card) and the seat file of their
    keyboard: their own side's, or, at a hot-seat table, the one file both students share.
    """
    exercise, scenario, game = opened.exercise, opened.scenario, opened.game
    content = {"exercise": json.loads(exercise_json(exercise)), "scenario": scenario.model_dump(mode="json")}
    for table in exercise.tables:
        seat = table.humans[0] if len(table.humans) == 1 else None
        names = {actor: student.name for actor in table.humans
                 if roster is not None and (student := roster.at(table.number, actor)) is not None}
        file_name = seat_file_name(table, seat)
        command = f"parley play --exercise {file_name} --table {table.number}" + (f" --as {seat}" if seat else "")
        label = {"exercise": exercise.id, "scenario": exercise.scenario.title, "table": table.number,
                 "seat": seat, "open_with": command}
        seat_file = pack(dict(content, table=table.number, seat=seat, students=names), label)
        for actor in table.humans:
            folder = opened.folder / INSTRUCTOR_DIR / STUDENTS_DIR / f"table-{table.number:02d}-{actor}"
            pages = student_pages(scenario, game, actor, exercise, name, table,
                                  secrets.seat_codes[table.number][actor], roster)
            _write(folder / file_name, seat_file)
            _write(folder / "role-sheet.md", "\n\n---\n\n".join(parts_markdown(p) for p in pages))
            _write(folder / "role-sheet.html", html_page(f"Role sheet: {scenario.actor(actor).name}", pages))


# -- logs -----------------------------------------------------------------------------------------


def check_log_target(path: Path) -> None:
    """``--log-to`` must not name an existing file: a finished game's log never overwrites another."""
    if path.exists() and not path.is_dir():
        raise ClassroomError(f"--log-to {path}: the file exists; choose another name or a folder")


def _free_name(folder: Path, stem: str) -> Path:
    path, n = folder / f"{stem}.json", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.json", n + 1
    return path


def write_result(opened: OpenExercise, table: TablePlan, seat: str | None, state: State,
                 log_to: Path | None = None, secret: bytes | None = None, *, header: dict[str, Any] | None = None,
                 students: dict[str, str] | None = None, replace_same_game: bool = False) -> Path:
    """Write a finished game's log: ``results/table-NN.json`` (never over another log) or ``log_to``.

    The same game with the same names, written before, keeps its file (same chain head and
    seal); with ``replace_same_game`` (the live export, whose store is the record) a file of
    the same game under older names is rewritten rather than joined by a second one.
    """
    log = build_log(opened, table, seat, state, secret, header=header, students=students)
    stem = f"table-{table.number:02d}"
    folder = opened.folder / RESULTS_DIR if log_to is None else log_to if log_to.is_dir() else None
    if folder is not None:
        path = None
        for existing in sorted(folder.glob(f"{stem}*.json")):  # the same game written before: keep that file
            data = _read_json(existing)
            if isinstance(data, dict) and data.get("head") == log["head"]:
                if data.get("seal") == log["seal"]:
                    return existing
                if replace_same_game:
                    path = existing
        path = path or _free_name(folder, stem)
    else:
        check_log_target(log_to)
        path = log_to
    write_atomic(path, json.dumps(log, indent=1, ensure_ascii=False) + "\n")
    return path


def read_logs(opened: OpenExercise, paths: Iterable[Path] = ()) -> list[tuple[str, Any]]:
    """(name, parsed JSON or :class:`Unreadable`) for the logs named, or every log in ``results/``."""
    chosen = list(paths)
    if not chosen:
        folder = opened.folder / RESULTS_DIR
        chosen = sorted(folder.glob("*.json")) if folder.is_dir() else []
    out: list[tuple[str, Any]] = []
    seen: set[Path] = set()
    for path in chosen:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        try:
            name = str(resolved.relative_to(opened.folder.resolve()))
        except ValueError:
            name = str(path)
        out.append((name, _read_json(path)))
    return out


def _read_json(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_LOG_BYTES:
            return Unreadable(f"too large for a game log (over {MAX_LOG_BYTES // 1_000_000} MB)")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Unreadable("no such file")
    except IsADirectoryError:
        return Unreadable("a folder, not a log file")
    except UnicodeDecodeError:
        return Unreadable("not UTF-8 text")
    except OSError as exc:
        return Unreadable(f"cannot read it ({exc.strerror or exc})")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return Unreadable(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
    except RecursionError:
        return Unreadable("nested too deeply to be a game log")
