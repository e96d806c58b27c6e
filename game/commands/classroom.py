"""``parley class new``, ``parley class verify`` and ``parley class report``: classroom exercises.

``parley class dashboard`` (the live classroom's) is registered here and lives in :mod:`.live`.
When the exercise has a live store, ``verify`` and ``report`` first export its finished games
as signed logs into ``results/`` (a game exported before is kept as it is).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from .common import EXIT_INVALID, EXIT_OK, CommandError, scenario_arg


def _opened(folder: str):  # -> OpenExercise
    from game.classroom.exercise import ClassroomError, open_exercise

    try:
        return open_exercise(Path(folder))
    except ClassroomError as exc:
        raise CommandError(str(exc)) from None


def _table_list(text: str | None) -> list[int] | None:
    """``--computer-tables 4,5,6`` (or ``4-6``) as table numbers."""
    if text is None:
        return None
    out: list[int] = []
    try:
        for part in text.split(","):
            first, _, last = part.strip().partition("-")
            out += list(range(int(first), int(last or first) + 1))
    except ValueError:
        raise CommandError(f"--computer-tables {text}: write table numbers like 5,6 or 4-6", 2) from None
    return out


def run_new(args: argparse.Namespace) -> int:
    from game.classroom.exercise import INSTRUCTOR_DIR, ROLES_DIR, SECRET_FILE, ClassroomError, tables_text
    from game.classroom.files import create_exercise

    scenario, path = scenario_arg(args.scenario)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 1_000_000)
    folder = Path(args.output)
    try:
        opened = create_exercise(folder, scenario, path, args.tables, seed, args.vs_computer, args.side,
                                 args.round_time, _table_list(args.computer_tables))
    except ClassroomError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"{folder}: cannot write the exercise ({exc.strerror or exc})") from None
    ex = opened.exercise
    mode = ex.mode_text()
    timing = f", {ex.round_time:g} s per move" if ex.round_time else ""
    print(f"Created {folder}: {tables_text(len(ex.tables))} of \"{scenario.title}\" ({mode}{timing}); "
          f"table seeds derived from exercise seed {seed}.")
    for table in ex.tables:
        seats = ", ".join(f"{actor}: {'student' if plan.player == 'human' else plan.player}"
                          for actor, plan in table.seats.items())
        print(f"  table {table.number:>2}  code {table.code}  seed {table.seed:>10}  {seats}")
    print(f"Role sheets: {folder / ROLES_DIR}/ (Markdown and print-ready HTML, one per side).")
    print(f"Instructor sheet, handouts with seat codes, and the log-signing secret: {folder / INSTRUCTOR_DIR}/ "
          "— keep that folder to yourself.")
    print(f"The secret ({INSTRUCTOR_DIR}/{SECRET_FILE}) exists only there. "
          f"Students play with: parley play --exercise {folder.name} --table K --as ACTOR")
    return EXIT_OK


def _sync_live(opened) -> None:  # opened: OpenExercise
    """Export the live store's finished games into results/, when there is a store."""
    from game.live import LiveError
    from game.live.results import export_results, has_store

    if not has_store(opened):
        return
    try:
        exported = export_results(opened)
    except LiveError as exc:
        raise CommandError(str(exc)) from None
    print(f"Live games: {exported.summary()}.", file=sys.stderr)


def _verify(opened, logs: list[str]):  # -> list[Check]
    from game.classroom.files import read_logs
    from game.classroom.verify import verify_logs

    return verify_logs(opened, read_logs(opened, [Path(p) for p in logs]), opened.secret())


def run_verify(args: argparse.Namespace) -> int:
    opened = _opened(args.folder)
    if not args.logs:
        _sync_live(opened)
    checks = _verify(opened, args.logs or [])
    if not checks:
        print(f"No game logs in {opened.folder / 'results'} yet.")
        return EXIT_OK
    for check in checks:
        print(check.line())
    good = sum(c.genuine for c in checks)
    print(f"{good} of {len(checks)} log(s) genuine.", file=sys.stderr)
    return EXIT_OK if good == len(checks) else EXIT_INVALID


def run_report(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from game.classroom.exercise import ClassroomError, tables_text
    from game.classroom.files import write_class_report
    from game.classroom.report import (
        result_text,
        summary_lines,
        table_cells,
        table_columns,
        text_chart,
    )

    opened = _opened(args.folder)
    _sync_live(opened)
    try:
        data, written, problem = write_class_report(opened)
    except ClassroomError as exc:
        raise CommandError(str(exc)) from None
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:  # a pipe or a file: room for the whole table rather than 80 columns
        console = Console(highlight=False, soft_wrap=False, width=130)
    console.print(f"[bold]Class report: {escape(data.title)}[/bold]  ({tables_text(data.tables)}, {escape(data.mode)})")
    for line in summary_lines(data):
        console.print(line, markup=False)
    if data.rows:
        table = Table(title="Tables (verified games)", show_lines=False)
        for column in table_columns(data, compact=True):
            table.add_column(Text(column), overflow="fold")
        for row in data.rows:
            table.add_row(*(Text(cell) for cell in table_cells(data, row, compact=True)))
        console.print(table)
        bench = Table(title="Computer against computer, same seeds (scenario styles)")
        for column in ("Table", "Result", "Rounds", *(f"U {data.labels[a]}" for a in data.actors)):
            bench.add_column(Text(column))
        for row in data.benchmark:
            bench.add_row(str(row.table), result_text(row), str(row.rounds),
                          *(f"{row.utility[a]:.3f}" for a in data.actors))
        console.print(bench)
        for number, text in sorted(data.deals.items()):
            console.print(f"Table {number} deal: {text}", markup=False)
    console.print(text_chart(data), markup=False)
    if data.excluded:
        console.print("Excluded logs:", markup=False)
        for name, verdict, reason in data.excluded:
            console.print(f"  {name}: {verdict} — {reason}", markup=False)
    if problem:
        console.print(f"No chart image: {problem}. Install it with: pip install \"parley[classroom]\"", markup=False)
    console.print(f"Report written: {written['html']} (and {written['markdown'].name}"
                  + (f", {written['png'].name}" if "png" in written else "") + ")", markup=False)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("class", help="classroom exercises: create one, verify the game logs, report on the class")
    group = p.add_subparsers(dest="class_command", metavar="ACTION", required=True)

    n = group.add_parser("new", help="create an exercise folder: tables, role sheets, instructor sheet")
    n.add_argument("scenario", metavar="SCENARIO", help="scenario file (or a bundled scenario's id)")
    n.add_argument("--tables", type=int, required=True, metavar="N", help="number of tables")
    n.add_argument("--seed", type=int, metavar="S", help="exercise seed; each table's seed is derived from it")
    n.add_argument("--vs-computer", metavar="STRATEGY[/LEVEL]",
                   help="students play the computer (e.g. adaptive/hard) instead of each other (hot-seat)")
    n.add_argument("--computer-tables", metavar="LIST",
                   help="with --vs-computer: only these tables (e.g. 6 or 5,6 or 4-6) play the computer; "
                        "the others are hot-seat pairs (for an odd number of students)")
    n.add_argument("--side", metavar="ACTOR",
                   help="with --vs-computer: the side every student plays (default: alternate table by table)")
    n.add_argument("--round-time", type=float, metavar="SECONDS", help="time limit for each move")
    n.add_argument("-o", "--output", required=True, metavar="DIR", help="the new exercise folder (must be empty)")
    n.set_defaults(func=run_new)

    v = group.add_parser("verify", help="check game logs by replaying their moves on their table's seed")
    v.add_argument("folder", metavar="DIR", help="the exercise folder")
    v.add_argument("logs", nargs="*", metavar="LOG", help="logs to check (default: every log in DIR/results)")
    v.set_defaults(func=run_verify)

    r = group.add_parser("report", help="compare every table's outcome; write DIR/report/report.{md,html}")
    r.add_argument("folder", metavar="DIR", help="the exercise folder")
    r.set_defaults(func=run_report)

    from . import live

    live.register_dashboard(group)
