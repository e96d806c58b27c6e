"""The ``parley`` command line: one entry point for players, authors and instructors.

Each sub-command lives in :mod:`game.commands`; heavy imports (Textual, the engine)
happen inside them so that every command starts fast.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence

from game.commands import analyze, authoring, campaign, classroom, live, play, validate
from game.commands.common import CommandError

COMMANDS = (play, validate, analyze, authoring, classroom, live, campaign)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parley",
        description="Parley: a terminal strategy game of bilateral negotiation. "
        "With no command, opens the title screen.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def _tolerant_output() -> None:
    """Never fail on printing or reading: escape what the terminal cannot show, and read bytes
    that are not text as replacement characters, instead of raising.

    A file name from argv may hold undecodable bytes (kept as surrogates) and messages hold
    curly quotes; on a non-UTF-8 terminal or pipe either one would raise UnicodeEncodeError.
    Plain mode reads answers from standard input, which may hold any bytes at all.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:  # no command: the title screen
        func = play.run_title
    try:
        play.check_usage(args)
        return int(func(args))
    except CommandError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
