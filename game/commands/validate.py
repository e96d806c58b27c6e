"""``parley validate``, ``parley schema`` and ``parley list``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_INVALID, EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
    from game.engine.lint import space_findings
    from game.scenario import load

    if args.watch:
        from .authoring import watch

        return watch(args.files)
    invalid = errors = warnings = 0
    for name in args.files:
        loaded = load(Path(name))
        if loaded.ok and loaded.scenario is not None:
            for severity, path, message in space_findings(loaded.scenario):
                loaded.add(severity, path, message)
        shown = loaded.diagnostics if args.max_problems <= 0 else loaded.diagnostics[: args.max_problems]
        for diagnostic in shown:
            print(diagnostic.format())
        hidden = len(loaded.diagnostics) - len(shown)
        if hidden:
            print(f"{name}: {hidden} more problem(s) not shown; use --max-problems 0 to see all", file=sys.stderr)
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


def run_schema(args: argparse.Namespace) -> int:
    if args.markdown:
        from game.authoring.reference import markdown

        sys.stdout.write(markdown())
        return EXIT_OK
    from game.scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from game.scenario import bundled_paths, load

    for path in bundled_paths():
        loaded = load(path)
        if loaded.scenario is None:
            print(f"{path.name}: invalid ({len(loaded.errors)} error(s); run `parley validate {path}`)")
            continue
        s = loaded.scenario
        year = str(s.year) if s.year else "n.d."
        print(f"{s.id:<30} {year:<5} {s.title}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check scenario files; print FILE:LINE:COL problems")
    p.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML files")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    p.add_argument("--max-problems", type=int, default=200, metavar="N",
                   help="show at most N problems per file (0: all; default 200)")
    p.add_argument("--watch", action="store_true",
                   help="re-check on every save and print only what changed, until Ctrl-C")
    p.set_defaults(func=run_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    p.add_argument("--markdown", action="store_true", help="print the field reference as Markdown instead")
    p.set_defaults(func=run_schema)

    p = sub.add_parser("list", help="list the bundled scenarios (id, year, title)")
    p.set_defaults(func=run_list)
