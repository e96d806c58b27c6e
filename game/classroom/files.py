"""The file side of the classroom: create an exercise folder, write logs and reports, read logs.

Everything else in :mod:`game.classroom` is pure; here are the few functions that touch
the disk. Writes are atomic, and a new exercise is built in a temporary folder next to
its destination and renamed into place, so a failure never leaves half an exercise.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.engine import State
from game.scenario import load
from game.scenario.loader import seed_folders
from game.scenario.models import Scenario
from game.session import write_atomic

from .exercise import (
    EXERCISE_FILE,
    INSTRUCTOR_DIR,
    REPORT_DIR,
    RESULTS_DIR,
    ROLES_DIR,
    SCENARIO_FILE,
    SEAT_CODES_FILE,
    SECRET_FILE,
    SEEDS_DIR,
    ClassroomError,
    OpenExercise,
    TablePlan,
    exercise_json,
    open_exercise,
    plan_exercise,
)
from .logs import Unreadable, build_log
from .sheets import handouts, html_page, instructor_sheet, parts_markdown, role_sheet

if TYPE_CHECKING:
    from .report import ReportData

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


def create_exercise(folder: Path, scenario: Scenario, source: Path, tables: int, seed: int,
                    vs_computer: str | None = None, side: str | None = None,
                    round_time: float | None = None, computer_tables: list[int] | None = None) -> OpenExercise:
    """Create the exercise folder (refusing a non-empty one) and return it opened and checked."""
    if folder.exists() and not folder.is_dir():
        raise ClassroomError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise ClassroomError(f"{folder}: the folder is not empty; choose a new one "
                             "(an exercise never overwrites files)")
    created = datetime.now(UTC).isoformat(timespec="seconds")
    exercise, secrets = plan_exercise(scenario, str(source), tables, seed, created, vs_computer, side, round_time,
                                      computer_tables)
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
        opened = open_exercise(work)
        name = target.name
        game = opened.game
        for actor in scenario.actors:
            sheet = role_sheet(scenario, game, actor.id, exercise, name)
            _write(work / ROLES_DIR / f"{actor.id}.md", parts_markdown(sheet))
            _write(work / ROLES_DIR / f"{actor.id}.html", html_page(f"Role sheet: {actor.name}", [sheet]))
            copies = handouts(scenario, game, actor.id, exercise, name, secrets.seat_codes)
            if copies:
                out = work / INSTRUCTOR_DIR / "handouts"
                _write(out / f"{actor.id}.md", "\n\n---\n\n".join(parts_markdown(c) for c in copies))
                _write(out / f"{actor.id}.html", html_page(f"Handouts: {actor.name}", copies))
        sheet = instructor_sheet(scenario, game, exercise, name, secrets.seat_codes)
        _write(work / INSTRUCTOR_DIR / "instructor.md", parts_markdown(sheet))
        _write(work / INSTRUCTOR_DIR / "instructor.html", html_page(f"Instructor sheet: {scenario.title}", [sheet]))
        codes = {str(n): seats for n, seats in secrets.seat_codes.items()}
        _write(work / INSTRUCTOR_DIR / SEAT_CODES_FILE, json.dumps({"exercise": exercise.id, "seat_codes": codes},
                                                                   indent=1) + "\n")
        key = work / INSTRUCTOR_DIR / SECRET_FILE
        _write(key, secrets.log_secret + "\n")
        os.chmod(key, 0o600)
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
                 log_to: Path | None = None, secret: bytes | None = None) -> Path:
    """Write a finished game's log: ``results/table-NN.json`` (never over another log) or ``log_to``."""
    log = build_log(opened, table, seat, state, secret)
    stem = f"table-{table.number:02d}"
    folder = opened.folder / RESULTS_DIR if log_to is None else log_to if log_to.is_dir() else None
    if folder is not None:
        for existing in sorted(folder.glob(f"{stem}*.json")):  # the same game written before: keep that file
            data = _read_json(existing)
            if isinstance(data, dict) and data.get("head") == log["head"]:
                return existing
        path = _free_name(folder, stem)
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


def write_report(opened: OpenExercise, markdown: str, page: str, png: bytes | None) -> dict[str, Path]:
    """Write report.md, report.html and (when drawn) outcomes.png into ``report/``."""
    folder = opened.folder / REPORT_DIR
    folder.mkdir(exist_ok=True)
    written = {"markdown": folder / "report.md", "html": folder / "report.html"}
    write_atomic(written["markdown"], markdown)
    write_atomic(written["html"], page)
    if png is not None:
        written["png"] = folder / "outcomes.png"
        written["png"].write_bytes(png)
    return written


def write_class_report(opened: OpenExercise) -> tuple[ReportData, dict[str, Path], str | None]:
    """Verify every log in ``results/``, build the class report and write it.

    Returns the report's data, the paths written and, when no chart image could be drawn
    (matplotlib missing), why.

    The one place the report is made, for ``parley class report`` and for the live
    dashboard's end of session alike.
    """
    from .charts import outcome_chart
    from .report import build_report, report_html, report_markdown
    from .verify import verify_logs

    data = build_report(opened, verify_logs(opened, read_logs(opened), opened.secret()))
    png, problem = outcome_chart(data)
    try:
        written = write_report(opened, report_markdown(data, "outcomes.png" if png else None),
                               report_html(data, png, problem), png)
    except OSError as exc:
        raise ClassroomError(f"{opened.folder / REPORT_DIR}: cannot write the report ({exc.strerror or exc})") from None
    return data, written, problem
