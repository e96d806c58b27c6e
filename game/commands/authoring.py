"""``parley new``, ``parley import-genius``, ``parley export-genius`` and ``parley validate --watch``.

The work is done in :mod:`game.authoring`; this module handles files, refusals and output.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .common import EXIT_OK, EXIT_USAGE, CommandError, scenario_arg

if TYPE_CHECKING:
    from game.authoring.watch import Key
    from game.scenario import Diagnostic

SCHEMA_NAME = "scenario.schema.json"
#: How often ``--watch`` looks at the files, in seconds.
WATCH_INTERVAL = 0.5


def schema_reference(target: Path) -> tuple[str, Path | None]:
    """The ``$schema`` reference for a scenario written at ``target``, and a schema file to write.

    Inside the project the reference points (relatively) at the committed
    scenarios/scenario.schema.json; elsewhere a copy is written next to the file.
    """
    from game.scenario.loader import PROJECT_ROOT

    committed = PROJECT_ROOT / "scenarios" / SCHEMA_NAME
    where = target.resolve().parent
    if committed.is_file() and where.is_relative_to(PROJECT_ROOT):
        return Path(os.path.relpath(committed, where)).as_posix(), None
    return SCHEMA_NAME, where / SCHEMA_NAME


def write_schema(path: Path | None, say: Callable[[str], None]) -> None:
    """Write (or refresh) a scenario schema copy; never replace an unrelated file of that name."""
    if path is None:
        return
    from game.scenario.schema import schema_text

    text = schema_text()
    if path.exists():
        try:
            current = path.read_text(encoding="utf-8")
            ours = json.loads(current).get("title") == "Scenario"
        except (OSError, ValueError, AttributeError):
            current, ours = "", False
        if current == text:
            return
        if not ours:
            say(f"note: {path} exists and is not a Parley schema; left it alone (editor hints may be off)")
            return
    path.write_text(text, encoding="utf-8")
    say(f"wrote {path} (the format's JSON Schema, for editor completion)")


def _text_arg(text: str, option: str) -> str:
    """Command-line text that can be written as UTF-8 (argv may carry undecodable bytes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise CommandError(f"{option}: not valid text (undecodable bytes)", EXIT_USAGE) from None
    return text


def _create(path: Path, text: str) -> None:
    """Write a new file, refusing to replace one (``x`` mode: no race with another writer)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise CommandError(f"{path}: already exists; not overwriting it (choose another name)") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot write: {exc.strerror or exc}") from None


# -- parley new ----------------------------------------------------------------------------


def run_new(args: argparse.Namespace) -> int:
    from game.authoring import starter
    from game.authoring.names import file_slug

    path = Path(args.path)
    if path.exists():
        raise CommandError(f"{path}: already exists; not overwriting it (choose another name)")
    if not starter.MIN_ISSUES <= args.issues <= starter.MAX_ISSUES:
        raise CommandError(
            f"--issues must be between {starter.MIN_ISSUES} and {starter.MAX_ISSUES}, not {args.issues}", EXIT_USAGE
        )
    slug = file_slug(path.stem)
    title = _text_arg(args.title, "--title").strip() if args.title else slug.replace("-", " ").capitalize()
    if not title:
        raise CommandError("--title: give a non-empty title", EXIT_USAGE)
    notes_name = f"{slug}-notes.txt"
    ref, schema_file = schema_reference(path)
    text = starter.starter_text(scenario_id=slug, title=title, issues=args.issues, schema_ref=ref, notes=notes_name)
    _create(path, text)
    print(f"wrote {path}: a commented starter scenario with {args.issues} issues (valid as is)")
    notes = path.parent / "seeds" / notes_name
    if notes.exists():
        print(f"kept {notes} (exists); the starter's citations quote the placeholder notes and may not match it")
    else:
        _create(notes, starter.notes_text(title, path.name, args.issues))
        print(f"wrote {notes}: placeholder notes its citations quote; replace them with the real article")
    write_schema(schema_file, print)
    print(f"next: parley validate --watch {path}   (and parley analyze {path})")
    return EXIT_OK


# -- GENIUS --------------------------------------------------------------------------------


def run_import_genius(args: argparse.Namespace) -> int:
    from game.authoring.genius import GeniusError, import_genius, scenario_yaml
    from game.scenario import load

    out = Path(args.output)
    if out.exists() and not args.force:
        raise CommandError(f"{out}: already exists; pass --force to replace it")
    try:
        scenario = import_genius(Path(args.domain), [Path(args.profile_a), Path(args.profile_b)])
    except GeniusError as exc:
        raise CommandError(exc.format()) from None
    ref, schema_file = schema_reference(out)
    text = scenario_yaml(scenario, ref)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{out}: cannot write: {exc.strerror or exc}") from None
    write_schema(schema_file, print)
    loaded = load(out)
    if not loaded.ok:  # the importer builds valid scenarios; say so loudly if one is not
        raise CommandError([d.format() for d in loaded.errors] + [f"{out}: the import is not a valid scenario"])
    names = " and ".join(f"{a.name} ({a.id})" for a in scenario.actors)
    print(f"wrote {out}: {len(scenario.issues)} issues, sides {names}")
    if loaded.warnings:
        print(f"{len(loaded.warnings)} warning(s) about the domain itself; see parley validate {out}")
    print(f"next: parley analyze {out}   (or parley play {out})")
    return EXIT_OK


def run_export_genius(args: argparse.Namespace) -> int:
    from game.authoring.genius import GeniusError, export_genius

    scenario, _ = scenario_arg(args.file)
    try:
        export = export_genius(scenario)
    except GeniusError as exc:
        raise CommandError(exc.format()) from None
    outdir = Path(args.outdir)
    if outdir.exists() and not outdir.is_dir():
        raise CommandError(f"{outdir}: not a folder")
    taken = [name for name in export.files if (outdir / name).exists()]
    if taken and not args.force:
        raise CommandError(f"{outdir / taken[0]}: already exists; pass --force to replace it")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        for name, text in export.files.items():
            (outdir / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{outdir}: cannot write: {exc.strerror or exc}") from None
    domain, *profiles = export.names
    print(f"wrote {outdir / domain} (domain) and " + ", ".join(str(outdir / p) for p in profiles) + " (profiles)")
    for note in export.notes:
        print(f"note: {note}")
    return EXIT_OK


# -- parley validate --watch ---------------------------------------------------------------

Signature = tuple[int, int, int] | None


def _signature(path: Path) -> Signature:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def watch(
    names: list[str],
    out: TextIO | None = None,
    interval: float = WATCH_INTERVAL,
    rounds: int | None = None,
) -> int:
    """Re-validate ``names`` whenever one changes and print only what changed, until Ctrl-C.

    A problem is the same problem while its severity, field and message are: editing lines
    above it moves it without reporting it again. New problems print as compiler-style
    lines (editors jump to them); fixed ones print as ``fixed: ...``. ``rounds`` bounds the
    number of polls (for tests).
    """
    from game.authoring.watch import changes, check

    stream = out or sys.stdout

    def say(line: str) -> None:
        print(line, file=stream, flush=True)

    seen: dict[str, Signature] = {}
    known: dict[str, dict[Key, Diagnostic]] = {}
    say(f"watching {len(names)} file(s) for changes; Ctrl-C to stop")
    polls = 0
    try:
        while rounds is None or polls < rounds:
            polls += 1
            for name in names:
                signature = _signature(Path(name))
                first = name not in seen
                if not first and seen[name] == signature:
                    continue
                seen[name] = signature
                current = check(Path(name))
                new, fixed = changes(known.get(name, {}), current)
                known[name] = current
                if not first and not new and not fixed:
                    continue  # saved, but the problems are the same ones
                for d in fixed:
                    say(f"fixed: {d.format()}")
                for d in new:
                    say(d.format())
                errors = sum(d.is_error for d in current.values())
                warnings = len(current) - errors
                state = "valid" if not errors else "invalid"
                say(f"-- {name}: {state} ({errors} error(s), {warnings} warning(s)) at {time.strftime('%H:%M:%S')}")
            time.sleep(interval)
    except KeyboardInterrupt:
        say("stopped watching")
    return EXIT_OK


# -- registration --------------------------------------------------------------------------


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="write a commented starter scenario that validates as is")
    p.add_argument("path", metavar="PATH", help="the scenario file to create (never overwritten)")
    p.add_argument("--issues", type=int, default=4, metavar="N", help="number of issues, 2-8 (default 4)")
    p.add_argument("--title", help="the scenario's title (default: from the file name)")
    p.set_defaults(func=run_new)

    p = sub.add_parser("import-genius", help="turn a GENIUS/ANAC domain and two profiles into a scenario")
    p.add_argument("domain", metavar="DOMAIN.xml", help="the GENIUS domain file (<negotiation_template>)")
    p.add_argument("profile_a", metavar="PROFILE_A.xml", help="the first side's utility profile")
    p.add_argument("profile_b", metavar="PROFILE_B.xml", help="the second side's utility profile")
    p.add_argument("-o", "--output", required=True, metavar="OUT.yaml", help="the scenario file to write")
    p.add_argument("--force", action="store_true", help="replace OUT.yaml if it exists")
    p.set_defaults(func=run_import_genius)

    p = sub.add_parser("export-genius", help="write a scenario as a GENIUS domain and one profile per side")
    p.add_argument("file", metavar="FILE", help="scenario file (or a bundled scenario's id)")
    p.add_argument("outdir", metavar="OUTDIR", help="folder for the XML files (created if needed)")
    p.add_argument("--force", action="store_true", help="replace existing files")
    p.set_defaults(func=run_export_genius)

