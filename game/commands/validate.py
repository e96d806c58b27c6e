"""``parley validate``, ``parley schema`` and ``parley list``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import EXIT_INVALID, EXIT_OK

if TYPE_CHECKING:
    from game.scenario import Loaded


def run_validate(args: argparse.Namespace) -> int:
    from game.engine.lint import space_findings
    from game.scenario import load

    if args.watch:
        from .authoring import watch

        return watch(args.files)
    invalid = errors = warnings = 0
    if args.explain:
        from game.scenario.attribution import OFFICIAL_CLAIM_PATTERNS
        from game.scenario.models import SPEAKERS

        print("Who speaks in a quote (said_by):")
        for speaker, meaning in SPEAKERS.items():
            print(f"  {speaker}: {meaning}")
        print("Texts that need an `official` citation of the side they name:")
        for pattern in OFFICIAL_CLAIM_PATTERNS:
            print(f"  {pattern}")
    from game.scenario.campaign_checks import is_campaign_file, load_campaign

    for name in args.files:
        loaded = load_campaign(Path(name)) if is_campaign_file(Path(name)) else load(Path(name))
        if loaded.ok and loaded.scenario is not None:
            for severity, path, message in space_findings(loaded.scenario):
                loaded.add(severity, path, message)
            if args.explain:
                for line in explain(loaded):
                    print(line)
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


def explain(loaded: Loaded) -> list[str]:
    """Every claim of a loaded scenario beside its quotes and who said them, for ``--explain``.

    A pattern can tell that a text says "officials say" over an analyst's quote; only a
    reader can tell whether a quote supports its claim at all. This lays them side by side:
    one block per claim, headed ``FILE:LINE:COL: claim: ...`` so editors jump to the text.
    """
    from game.scenario.attribution import claims, explain_lines
    from game.scenario.diagnostics import field_path, one_line

    s = loaded.scenario
    if s is None or loaded.document is None:
        return []
    names = {a.id: a.name for a in s.actors}
    out: list[str] = []
    if s.hypothetical:
        out.append(f"{one_line(loaded.name)}: hypothetical: the scenario departs from the public record")
    for note in s.seed_notes:
        out.append(f"{one_line(loaded.name)}: note on {note.seed}: {' '.join(note.note.split())}")
    for claim in claims(s):
        where = loaded.document.position(claim.path)
        out.append("")
        out.append(f"{one_line(loaded.name)}:{where.line}:{where.col}: claim: {field_path(claim.path)}: {claim.what}")
        out += [one_line(line) for line in explain_lines(claim, names)]
    return [*out, ""]


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
    p.add_argument("--explain", action="store_true",
                   help="print every claim (tactic, event, red line, demand, constituency) beside its "
                        "quotes and who said them (said_by), then the problems")
    p.set_defaults(func=run_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    p.add_argument("--markdown", action="store_true", help="print the field reference as Markdown instead")
    p.set_defaults(func=run_schema)

    p = sub.add_parser("list", help="list the bundled scenarios (id, year, title)")
    p.set_defaults(func=run_list)
