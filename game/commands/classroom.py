"""``parley class new``, ``parley class verify`` and ``parley class report``: classroom exercises.

``parley class dashboard`` (the live classroom's) is registered here and lives in :mod:`.live`.
When the exercise has a live store, ``verify`` and ``report`` first export its finished games
as signed logs into ``results/`` (a game exported before is kept as it is). ``verify`` exits 1
unless every table has exactly one genuine game (naming the tables that do not).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from .common import EXIT_INVALID, EXIT_OK, CommandError, scenario_arg

STORE_HELP = ("the live class's PostgreSQL store (postgresql://USER@HOST/DB; default: $PARLEY_STORE, the store the "
              "folder records, or DIR/live.sqlite); its finished games are exported first")


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


def _seed_secret(path: str | None) -> bytes | None:
    """``--seed-secret FILE``: an earlier exercise's seed secret, so the same seed gives the same tables."""
    if path is None:
        return None
    try:
        return bytes.fromhex(Path(path).read_text(encoding="ascii").strip()) or None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a seed secret (hex digits)"
        raise CommandError(f"--seed-secret {path}: {reason}") from None


def run_new(args: argparse.Namespace) -> int:
    from game.classroom.exercise import INSTRUCTOR_DIR, ROLES_DIR, STUDENTS_DIR, ClassroomError, tables_text
    from game.classroom.files import RosterSource, create_exercise

    scenario, path = scenario_arg(args.scenario)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 1_000_000)
    folder = Path(args.output)
    roster = RosterSource(Path(args.roster), args.roster_order) if args.roster else None
    if args.roster_order != "random" and roster is None:
        raise CommandError("--roster-order only applies with --roster students.csv", 2)
    try:
        opened = create_exercise(folder, scenario, path, args.tables, seed, args.vs_computer, args.side,
                                 args.round_time, _table_list(args.computer_tables), estimates=args.estimates == "on",
                                 roster=roster, seed_secret=_seed_secret(args.seed_secret))
    except ClassroomError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"{folder}: cannot write the exercise ({exc.strerror or exc})") from None
    ex = opened.exercise
    mode = ex.mode_text()
    timing = f", {ex.round_time:g} s per move" if ex.round_time else ""
    estimates = "" if ex.estimates else ", in-game estimates off"
    print(f"Created {folder}: {tables_text(len(ex.tables))} of \"{scenario.title}\" ({mode}{timing}{estimates}); "
          f"table seeds derived from exercise seed {seed} and the seed secret in {INSTRUCTOR_DIR}/.")
    seated = opened.roster()
    for table in ex.tables:
        seats = []
        for actor, plan in table.seats.items():
            student = seated.at(table.number, actor) if seated is not None else None
            who = student.name if student is not None else "student" if plan.player == "human" else plan.player
            seats.append(f"{actor}: {who}")
        print(f"  table {table.number:>2}  code {table.code}  seed {table.seed:>10}  {', '.join(seats)}")
    if seated is not None:
        empty = sum(len(t.humans) for t in ex.tables) - len(seated.students)
        order = "as listed" if seated.order == "listed" else "in an order drawn from the exercise seed"
        print(f"Roster: {len(seated.students)} students seated {order}"
              + (f"; {empty} seat(s) without a rostered student" if empty else "") + ".")
    print(f"Role sheets: {folder / ROLES_DIR}/ (full and at a glance, Markdown and print-ready HTML).")
    print(f"Instructor sheet, handouts, roster and secrets: {folder / INSTRUCTOR_DIR}/ — keep that folder to yourself.")
    print(f"Live: parley serve --exercise {folder.name}. Hand-out: give each student their own folder in "
          f"{INSTRUCTOR_DIR}/{STUDENTS_DIR}/ (role sheet and seat file) and nothing else; the instructor sheet says "
          "what hand-out mode can and cannot keep secret.")
    return EXIT_OK


def _sync_live(opened, store: str | None = None) -> None:  # opened: OpenExercise
    """Export the live store's finished games into results/, when there is a store (``--store``: that one)."""
    from game.live import LiveError
    from game.live.locate import use_store
    from game.live.results import export_results, has_store

    try:
        use_store(opened, store)
        if not has_store(opened):
            return
        exported = export_results(opened)
    except LiveError as exc:
        raise CommandError(str(exc)) from None
    print(f"Live games: {exported.summary()}.", file=sys.stderr)


def _verify(opened, logs: list[str]):  # -> list[Check]
    from game.classroom.files import read_logs
    from game.classroom.standing import verify_logs

    return verify_logs(opened, read_logs(opened, [Path(p) for p in logs]), opened.secret())


def _and(numbers: list[int]) -> str:
    text = [str(n) for n in numbers]
    return text[0] if len(text) == 1 else ", ".join(text[:-1]) + " and " + text[-1]


def run_verify(args: argparse.Namespace) -> int:
    """Every log's verdict, then every table's standing; exit 1 unless each table has exactly one genuine game.

    With LOG arguments only those logs are checked, and only the tables they claim stand.
    """
    from game.classroom.standing import problem_tables, table_standings, unattributed

    opened = _opened(args.folder)
    if not args.logs:
        _sync_live(opened, args.store)
    checks = _verify(opened, args.logs or [])
    for check in checks:
        print(check.line())
    standings = table_standings(opened, checks, every_table=not args.logs)
    for standing in standings:
        print(standing.line())
    stray = [c for c in unattributed(opened, checks) if c.verdict not in ("genuine", "duplicate")]
    bad_tables = problem_tables(standings)
    good = sum(c.genuine for c in checks)
    print(f"{good} of {len(checks)} log(s) genuine.", file=sys.stderr)
    if bad_tables:
        print(f"Not every table has exactly one genuine game: table{'s' if len(bad_tables) > 1 else ''} "
              f"{_and(bad_tables)}.")
    if stray:
        print(f"Logs for no table of this exercise: {', '.join(c.name for c in stray)}.")
    if not bad_tables and not stray:
        print("Every table has exactly one genuine game." if not args.logs else "Every log checked is genuine.")
        return EXIT_OK
    return EXIT_INVALID


def run_report(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from game.classroom.exercise import ClassroomError, tables_text
    from game.classroom.grades import grade_text
    from game.classroom.pages import text_chart
    from game.classroom.report import result_text, summary_lines, table_cells, table_columns
    from game.classroom.reportfiles import write_class_report

    opened = _opened(args.folder)
    _sync_live(opened, args.store)
    try:
        data, written, problem = write_class_report(opened, args.grade)
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
        bench = Table(title="The computer in the students' place, same seeds and opponents")
        for column in ("Table", "Result", "Rounds", *(f"U {data.labels[a]}" for a in data.actors)):
            bench.add_column(Text(column))
        for row in data.benchmark:
            bench.add_row(str(row.table), result_text(row), str(row.rounds),
                          *(f"{row.utility[a]:.3f}" for a in data.actors))
        console.print(bench)
        for number, text in sorted(data.deals.items()):
            console.print(f"Table {number} deal: {text}", markup=False)
    if data.students:
        per_side = {a: sum(1 for r in data.students if r.seat == a and r.rank is not None) for a in data.actors}
        students = Table(title=f"Students (grade: {data.grade})")
        for column in ("Table", "Seat", "Student", "Result", "Utility", "Gain", "Nash share", "Rank", "Grade"):
            students.add_column(Text(column), overflow="fold")
        for r in data.students:
            students.add_row(str(r.table), r.seat, Text(r.student or "(no name)"), Text(r.result),
                             "—" if r.utility is None else f"{r.utility:.3f}",
                             "—" if r.gain is None else f"{r.gain:+.3f}",
                             "—" if r.nash_share is None else f"{r.nash_share:.0%}",
                             "—" if r.rank is None else str(r.rank), grade_text(r, data.grade, per_side[r.seat]))
        console.print(students)
    console.print(text_chart(data), markup=False)
    if data.excluded:
        console.print("Excluded logs:", markup=False)
        for name, verdict, reason in data.excluded:
            console.print(f"  {name}: {verdict} — {reason}", markup=False)
    if problem:
        console.print(f"No chart image: {problem}. Install it with: pip install \"parley[classroom]\"", markup=False)
    console.print(f"Report written: {written['html']} (and {written['markdown'].name}, {written['grades'].name}"
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
    n.add_argument("--estimates", choices=("on", "off"), default="on",
                   help="whether the game shows its estimates of the other side's priorities and of the chance "
                        "it accepts an offer (default on; the role sheets say which)")
    n.add_argument("--roster", metavar="CSV",
                   help="class list to seat: a CSV with a 'name' column and optionally an 'id' column; "
                        "handouts and grades carry the names")
    n.add_argument("--roster-order", choices=("random", "listed"), default="random",
                   help="with --roster: seat students in an order drawn from the exercise seed (default) or as listed")
    n.add_argument("--seed-secret", metavar="FILE",
                   help="an earlier exercise's instructor/seed-secret.key: with the same --seed, the same tables")
    n.add_argument("-o", "--output", required=True, metavar="DIR", help="the new exercise folder (must be empty)")
    n.set_defaults(func=run_new)

    v = group.add_parser("verify", help="check game logs by replaying their moves on their table's seed")
    v.add_argument("folder", metavar="DIR", help="the exercise folder")
    v.add_argument("logs", nargs="*", metavar="LOG", help="logs to check (default: every log in DIR/results)")
    v.add_argument("--store", metavar="URL", help=STORE_HELP)
    v.set_defaults(func=run_verify)

    r = group.add_parser("report", help="compare every table's outcome; write DIR/report/ (report.md, report.html, "
                         "grades.csv)")
    r.add_argument("folder", metavar="DIR", help="the exercise folder")
    r.add_argument("--grade", choices=("gain", "nash-share", "rank"), default="gain",
                   help="what counts as a student's grade, and what ranks students within their side: gain "
                        "(gain over their no-deal value, the default), nash-share (the share of the Nash product "
                        "their table reached), or rank (their rank by gain among the students of their side)")
    r.add_argument("--store", metavar="URL", help=STORE_HELP)
    r.set_defaults(func=run_report)

    from . import live

    live.register_dashboard(group)
