"""The ``parley`` command line: one entry point for players, authors and instructors.

Each sub-command is a small function; heavy imports (Textual, the engine) happen inside
them so that ``parley validate`` and friends start fast.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _cmd_validate(args: argparse.Namespace) -> int:
    from game.scenario import load

    invalid = errors = warnings = 0
    for name in args.files:
        loaded = load(Path(name))
        for diagnostic in loaded.diagnostics:
            print(diagnostic.format())
        errors += len(loaded.errors)
        warnings += len(loaded.warnings)
        invalid += 0 if loaded.ok else 1
    total = len(args.files)
    if not args.quiet:
        print(
            f"{total} file(s) checked: {total - invalid} valid, {invalid} invalid "
            f"({errors} error(s), {warnings} warning(s))",
            file=sys.stderr,
        )
    return EXIT_INVALID if invalid else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    from game.scenario import bundled_paths, load

    for path in bundled_paths():
        loaded = load(path)
        if loaded.scenario is None:
            print(f"{path.name}: invalid ({len(loaded.errors)} error(s); run `parley validate {path}`)")
            continue
        s = loaded.scenario
        year = str(s.year) if s.year else "n.d."
        print(f"{s.id:<28} {year:<5} {s.title}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parley",
        description="Parley: a terminal strategy game of bilateral negotiation.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check scenario files; print FILE:LINE:COL problems")
    p.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML files")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser("list", help="list the bundled scenarios")
    p.set_defaults(func=_cmd_list)
    return parser


def _tolerant_output() -> None:
    """Never fail on printing: escape what the terminal cannot show instead of raising.

    A file name from argv may hold undecodable bytes (kept as surrogates) and messages hold
    curly quotes; on a non-UTF-8 terminal or pipe either one would raise UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
