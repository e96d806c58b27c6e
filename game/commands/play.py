"""``parley`` (title screen), ``parley play``, ``parley resume`` and ``parley replay``.

Every argument is checked before anything starts, and a bad one is refused in one line
with exit code 2 (a usage error) or 1 (a file that cannot be opened): a bad ``--seed``, an
unknown ``--opponent`` or ``--side``, a save or log that fails its check. The terminal
screen needs a terminal: from a script or a pipe it refuses at once, pointing to ``--plain``,
rather than writing escape codes into the pipe and waiting for keys that never come.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from .common import EXIT_INVALID, EXIT_USAGE, CommandError

#: Largest seed accepted (the title screen's seed field takes nine digits).
MAX_SEED = 999_999_999


def _options(args: argparse.Namespace):  # -> LaunchOptions
    from game.session.launch import LaunchOptions

    files = [Path(f) for f in (getattr(args, "files", None) or [])]
    seed = getattr(args, "seed", None)
    return LaunchOptions(
        scenario_paths=files,
        side=getattr(args, "side", None),
        opponent=getattr(args, "opponent", None),
        seed=int(seed) if seed is not None else None,
        resume=Path(args.save) if getattr(args, "save", None) else None,
        resume_list=getattr(args, "command", None) == "resume" and not getattr(args, "save", None),
        replay=Path(args.log) if getattr(args, "log", None) else None,
        exercise=Path(args.exercise) if getattr(args, "exercise", None) else None,
        table=getattr(args, "table", None),
        seat=getattr(args, "seat", None),
        log_to=Path(args.log_to) if getattr(args, "log_to", None) else None,
        timestamps=not getattr(args, "no_timestamps", False),
    )


def _names(given: list[str], sides: list[str]) -> tuple[str | None, dict[str, str]]:
    """``--name NAME`` (the student at ``--as``) and ``--name SIDE=NAME`` (a hot-seat table's two)."""
    student, students = None, {}
    for text in given:
        side, sep, name = text.partition("=")
        if sep and side.strip() in sides:
            students[side.strip()] = name
        else:
            student = text
    return student, students


def _check_exercise(options, names: list[str] | None = None) -> None:  # options: LaunchOptions
    """Fail early, in one line, on a bad exercise folder, table or side, before any screen opens; record
    the students' names (``--name``) for the table, where the game finds them when it starts."""
    from game.classroom.exercise import ClassroomError, choose_seat, open_exercise
    from game.classroom.files import check_log_target
    from game.classroom.play import sign_in

    try:
        opened = open_exercise(options.exercise)
        table = opened.exercise.table(options.table)
        choose_seat(table, options.seat, opened.scenario, opened.seat_file)
        if options.log_to is not None:
            check_log_target(options.log_to)
        if names:
            student, students = _names(names, list(table.seats))
            sign_in(options.exercise, options.table, options.seat, student, students)
    except ClassroomError as exc:
        raise CommandError(str(exc)) from None


def _check_side(options, plain: bool) -> None:  # options: LaunchOptions
    """``--side`` must be a side of a scenario on offer: the first file in plain mode (the one it
    plays), else any valid file named or any bundled scenario."""
    from game.scenario import bundled_paths, load

    paths = list(options.scenario_paths)
    if plain and paths:
        paths = paths[:1]
    elif not plain or not paths:
        paths += bundled_paths()
    sides: list[str] = []
    for path in paths:
        loaded = load(path)
        if loaded.scenario is not None and loaded.ok:
            sides += [a.id for a in loaded.scenario.actors if a.id not in sides]
    if sides and options.side not in sides:
        raise CommandError(f"--side: unknown side '{options.side}'; sides are {', '.join(sides)}", EXIT_USAGE)


def _check_game_file(path: Path) -> None:
    """A save or log named on the command line must open (read, pass its check, replay): else its
    path and the reason, exit 1, and the file is left as it is."""
    from game.session import Session, SessionError

    try:
        Session.open(path, autosave=False)
    except SessionError as exc:
        raise CommandError(f"cannot open the saved game {exc}", EXIT_INVALID) from None


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed streams
        return False


def _check_terminal() -> None:
    """The screen needs a terminal to draw on and read keys from: refuse at once without one."""
    if not (is_terminal(sys.stdin) and is_terminal(sys.stdout)):
        raise CommandError("parley: the game screen needs a terminal (stdin and stdout); "
                           "add --plain to play line by line from a pipe or a script", EXIT_USAGE)


def run_tui(args: argparse.Namespace) -> int:
    plain = getattr(args, "plain", False)
    if not plain and not any(getattr(args, name, None) for name in ("side", "exercise", "save", "log")):
        _check_terminal()  # no argument left to check against a file: refuse before loading the game
    options = _options(args)
    if options.exercise is not None:
        _check_exercise(options, getattr(args, "name", None))
    if options.side is not None:
        _check_side(options, plain)
    for path in (options.resume, options.replay):
        if path is not None:
            _check_game_file(path)
    if plain:
        from game.plain import run_plain

        return run_plain(options, sys.stdin, sys.stdout, script=getattr(args, "script", None))
    _check_terminal()  # after the arguments' checks, before Textual (and its escape codes) start
    from game.tui.app import run_app

    return run_app(options)


def run_title(args: argparse.Namespace) -> int:
    return run_tui(args)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help="play a scenario (opens the title screen with it)")
    p.add_argument("files", nargs="*", metavar="FILE", help="scenario files to offer besides the bundled ones")
    p.add_argument("--side", metavar="ACTOR", help="the side you play (actor id, e.g. us or pk)")
    p.add_argument("--opponent", metavar="STRATEGY[/LEVEL]",
                   help="the other side: human (hot-seat) or boulware|linear|conceder|tit-for-tat|adaptive, "
                        "optionally /easy|/normal|/hard")
    p.add_argument("--seed", metavar="N",
                   help=f"seed of the game's chance draws, 0 to {MAX_SEED:,} (shown on screen; same seed, same game)")
    p.add_argument("--plain", action="store_true", help="line-by-line text interface (screen readers, pipes, scripts)")
    p.add_argument("--script", metavar="FILE", help="with --plain: read the moves from FILE instead of the keyboard")
    p.add_argument("--no-timestamps", action="store_true",
                   help="keep clock times out of the save and the exports (identical games give identical files)")
    p.add_argument("--exercise", metavar="DIR",
                   help="play a table of a classroom exercise (its scenario, seed, seats and time limit)")
    p.add_argument("--table", type=int, metavar="K", help="with --exercise: your table number")
    p.add_argument("--as", dest="seat", metavar="ACTOR",
                   help="with --exercise: the side you play (optional at a hot-seat table)")
    p.add_argument("--name", action="append", metavar="NAME",
                   help="with --exercise: your name, for the class's results (a hot-seat pair gives both: "
                        "--name us=NAME --name pk=NAME); not needed when the class has a roster")
    p.add_argument("--log-to", metavar="PATH",
                   help="with --exercise: write the finished game's log to PATH (a new file or a folder) "
                        "instead of DIR/results/")
    p.set_defaults(func=run_tui)

    p = sub.add_parser("resume", help="reopen a saved game (lists them without an argument)")
    p.add_argument("save", nargs="?", metavar="SAVE", help="a save file; without it, choose from a list")
    p.add_argument("--plain", action="store_true", help="continue in the line-by-line text interface")
    p.add_argument("--script", metavar="FILE", help="with --plain: read the moves from FILE instead of the keyboard")
    p.add_argument("--no-timestamps", action="store_true",
                   help="keep clock times out of the save and the exports from now on")
    p.set_defaults(func=run_tui)

    p = sub.add_parser("replay", help="step through a saved game or exported game log")
    p.add_argument("log", metavar="LOG", help="a save file or an exported game log (JSON)")
    p.add_argument("--plain", action="store_true", help="print the replay as text")
    p.set_defaults(func=run_tui)


def _check_seed(text: str) -> None:
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(MAX_SEED))):
        raise CommandError(f"--seed: expected a whole number from 0 to {MAX_SEED:,}, got '{text}'", EXIT_USAGE)


def _check_opponent(text: str) -> None:
    from game.engine import Seat

    try:
        Seat.parse(text)
    except ValueError as exc:
        raise CommandError(f"--opponent: {exc}", EXIT_USAGE) from None


def check_usage(args: argparse.Namespace) -> None:
    """The checks that need no file: flags that go together, and the form of --seed and --opponent."""
    if getattr(args, "script", None) and not getattr(args, "plain", False):
        raise CommandError("--script needs --plain", EXIT_USAGE)
    if getattr(args, "command", None) != "play":
        return
    if getattr(args, "seed", None) is not None:
        _check_seed(str(args.seed))
    if getattr(args, "opponent", None) is not None:
        _check_opponent(str(args.opponent))
    if getattr(args, "exercise", None):
        fixed = [flag for flag, attr in (("FILE", "files"), ("--side", "side"), ("--opponent", "opponent"),
                                         ("--seed", "seed")) if getattr(args, attr, None)]
        if fixed:
            raise CommandError(f"--exercise fixes the scenario, seed and seats; drop {', '.join(fixed)}", EXIT_USAGE)
        if getattr(args, "table", None) is None:
            raise CommandError("--exercise needs --table K (your table number)", EXIT_USAGE)
    else:
        given = [flag for flag, attr in (("--table", "table"), ("--as", "seat"), ("--log-to", "log_to"),
                                         ("--name", "name")) if getattr(args, attr, None) is not None]
        if given:
            raise CommandError(f"{', '.join(given)} only apply with --exercise DIR", EXIT_USAGE)
