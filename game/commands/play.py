"""``parley`` (title screen), ``parley play``, ``parley resume`` and ``parley replay``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_USAGE, CommandError


def _options(args: argparse.Namespace):  # -> LaunchOptions
    from game.session.launch import LaunchOptions

    files = [Path(f) for f in (getattr(args, "files", None) or [])]
    return LaunchOptions(
        scenario_paths=files,
        side=getattr(args, "side", None),
        opponent=getattr(args, "opponent", None),
        seed=getattr(args, "seed", None),
        resume=Path(args.save) if getattr(args, "save", None) else None,
        resume_list=getattr(args, "command", None) == "resume" and not getattr(args, "save", None),
        replay=Path(args.log) if getattr(args, "log", None) else None,
        exercise=Path(args.exercise) if getattr(args, "exercise", None) else None,
        table=getattr(args, "table", None),
        seat=getattr(args, "seat", None),
        log_to=Path(args.log_to) if getattr(args, "log_to", None) else None,
    )


def _check_exercise(options) -> None:  # options: LaunchOptions
    """Fail early, in one line, on a bad exercise folder, table or side, before any screen opens."""
    from game.classroom.exercise import ClassroomError, choose_seat, open_exercise
    from game.classroom.files import check_log_target

    try:
        opened = open_exercise(options.exercise)
        table = opened.exercise.table(options.table)
        choose_seat(table, options.seat, opened.scenario)
        if options.log_to is not None:
            check_log_target(options.log_to)
    except ClassroomError as exc:
        raise CommandError(str(exc)) from None


def run_tui(args: argparse.Namespace) -> int:
    options = _options(args)
    if options.exercise is not None:
        _check_exercise(options)
    if getattr(args, "plain", False):
        from game.plain import run_plain

        return run_plain(options, sys.stdin, sys.stdout, script=getattr(args, "script", None))
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
    p.add_argument("--seed", type=int, help="seed of the game's chance draws (shown on screen; same seed, same game)")
    p.add_argument("--plain", action="store_true", help="line-by-line text interface (screen readers, pipes, scripts)")
    p.add_argument("--script", metavar="FILE", help="with --plain: read the moves from FILE instead of the keyboard")
    p.add_argument("--exercise", metavar="DIR",
                   help="play a table of a classroom exercise (its scenario, seed, seats and time limit)")
    p.add_argument("--table", type=int, metavar="K", help="with --exercise: your table number")
    p.add_argument("--as", dest="seat", metavar="ACTOR",
                   help="with --exercise: the side you play (optional at a hot-seat table)")
    p.add_argument("--log-to", metavar="PATH",
                   help="with --exercise: write the finished game's log to PATH (a new file or a folder) "
                        "instead of DIR/results/")
    p.set_defaults(func=run_tui)

    p = sub.add_parser("resume", help="reopen a saved game (lists them without an argument)")
    p.add_argument("save", nargs="?", metavar="SAVE", help="a save file; without it, choose from a list")
    p.add_argument("--plain", action="store_true", help="continue in the line-by-line text interface")
    p.set_defaults(func=run_tui)

    p = sub.add_parser("replay", help="step through a saved game or exported game log")
    p.add_argument("log", metavar="LOG", help="a save file or an exported game log (JSON)")
    p.add_argument("--plain", action="store_true", help="print the replay as text")
    p.set_defaults(func=run_tui)


def check_usage(args: argparse.Namespace) -> None:
    if getattr(args, "script", None) and not getattr(args, "plain", False):
        raise CommandError("--script needs --plain", EXIT_USAGE)
    if getattr(args, "command", None) != "play":
        return
    if getattr(args, "exercise", None):
        fixed = [flag for flag, attr in (("FILE", "files"), ("--side", "side"), ("--opponent", "opponent"),
                                         ("--seed", "seed")) if getattr(args, attr, None)]
        if fixed:
            raise CommandError(f"--exercise fixes the scenario, seed and seats; drop {', '.join(fixed)}", EXIT_USAGE)
        if getattr(args, "table", None) is None:
            raise CommandError("--exercise needs --table K (your table number)", EXIT_USAGE)
    else:
        given = [flag for flag, attr in (("--table", "table"), ("--as", "seat"), ("--log-to", "log_to"))
                 if getattr(args, attr, None) is not None]
        if given:
            raise CommandError(f"{', '.join(given)} only apply with --exercise DIR", EXIT_USAGE)
