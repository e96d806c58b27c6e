"""The `parley validate | schema | list` command line, run for real in a subprocess.

Every file in tests/data/broken/ has one defect and one row in ``CORPUS``: the line, field
path, message fragment and severity its report must contain. Inputs too big to commit (a
50 MB file, 10,000 levels of nesting) are written to ``tmp_path`` at test time.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from game import cli

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
VALID = DATA / "valid"
BROKEN = DATA / "broken"
SCENARIOS = ROOT / "scenarios"
SCHEMA_FILE = SCENARIOS / "scenario.schema.json"
SCHEMA_COMMENT = "# yaml-language-server: $schema=scenario.schema.json"

# FILE:LINE:COL: severity: [field.path: ]message
DIAGNOSTIC = re.compile(
    r"^(?P<file>.+):(?P<line>[1-9][0-9]*):(?P<col>[1-9][0-9]*): (?P<severity>error|warning): "
    r"(?P<rest>\S.*)$"
)
SUMMARY = re.compile(r"^\d+ file\(s\) checked: \d+ valid, \d+ invalid \(\d+ error\(s\), \d+ warning\(s\)\)$")


class Expected(NamedTuple):
    """One line the report of a broken file must contain (field "" = the file as a whole)."""

    line: int
    field: str
    fragment: str
    severity: str = "error"


CORPUS: dict[str, Expected] = {
    # Unreadable files.
    "binary.yaml": Expected(3, "", "file is binary"),
    "bad-utf8.yaml": Expected(7, "", "not valid UTF-8 (byte 0xe8)"),
    "utf16.yaml": Expected(1, "", "UTF-16 or UTF-32 encoded; save it as UTF-8"),
    "control-character.yaml": Expected(5, "", "character U+0007 is not allowed"),
    "empty.yaml": Expected(1, "", "the file is empty"),
    "comments-only.yaml": Expected(1, "", "the file is empty"),
    # YAML features a scenario may not use.
    "alias-bomb.yaml": Expected(2, "", "anchor `&a` is not allowed"),
    "anchor.yaml": Expected(26, "", "anchor `&w` is not allowed"),
    "python-tag.yaml": Expected(5, "", "tag `tag:yaml.org,2002:python/object/apply:os.system` is not allowed"),
    "local-tag.yaml": Expected(5, "", "tag `!Ref` is not allowed"),
    "duplicate-key.yaml": Expected(6, "", "duplicate key `title` (first defined on line 5)"),
    "two-documents.yaml": Expected(142, "", "more than one YAML document"),
    "not-a-mapping.yaml": Expected(2, "", "a scenario is a YAML mapping"),
    "complex-key.yaml": Expected(3, "", "a mapping key must be plain text"),
    "boolean-key.yaml": Expected(87, "", "key `true` is not a name"),
    "huge-number.yaml": Expected(12, "", "number with 5000 digits is too long"),
    # Syntax errors: plain words first, then the parser's own (game/scenario/yamlhints.py).
    "unclosed-flow.yaml": Expected(
        12, "", "YAML syntax: the [ opened on line 11 is not closed before this point, or a comma is missing"
    ),
    "tab-indent.yaml": Expected(
        16, "", "YAML syntax: line 16 is indented with a tab; YAML indents with spaces only: replace the tab "
        "with spaces. The parser says: "
    ),
    "unclosed-quote.yaml": Expected(7, "", "the \" opened on line 7 is not closed on that line"),
    "colon-in-value.yaml": Expected(23, "", "contains ': ', which YAML reads as the start of another key"),
    "bad-indentation.yaml": Expected(
        22, "", "line 22 is indented to column 6, but the keys of its mapping start at column 5 (line 17)"
    ),
    # Structure (the pydantic models).
    "missing-field.yaml": Expected(4, "title", "required field `title` is missing"),
    "misspelled-field.yaml": Expected(20, "actors[0].reservaton", "did you mean `reservation`?"),
    "string-for-number.yaml": Expected(12, "rounds", "expected a whole number, found the text 'eight'"),
    "quoted-number.yaml": Expected(20, "actors[0].reservation", "found the text '0.4'; write a plain decimal"),
    "number-for-text.yaml": Expected(5, "title", "found the number 1984; put it in quotes"),
    "octal-option-id.yaml": Expected(71, "issues[0].options[0].id", "'012' is not a valid id"),
    "boolean-option-id.yaml": Expected(71, "issues[0].options[0].id", "found the boolean true; put it in quotes"),
    "number-key.yaml": Expected(119, "preferences.b.inspections.values[1]", "key the number 1 must be text"),
    "date-as-year.yaml": Expected(6, "year", "found the text '2020-05-12'"),
    "unknown-difficulty.yaml": Expected(10, "difficulty", "expected one of 'easy', 'normal' or 'hard'"),
    "too-few-options.yaml": Expected(84, "issues[2].options", "needs at least 2 entries in `options`, found 1"),
    "too-many-options.yaml": Expected(79, "issues[1].options", "needs at most 12 entries in `options`, found 13"),
    "label-too-long.yaml": Expected(74, "issues[0].options[1].label", "needs at most 28 character(s), found 37"),
    "issue-name-too-long.yaml": Expected(77, "issues[1].name", "needs at most 28 character(s), found 34"),
    "tactic-label-too-long.yaml": Expected(33, "actors[0].tactics[0].label", "needs at most 28 character(s), found 39"),
    "negative-weight.yaml": Expected(90, "preferences.a.tariff.weight", "must be at least 0"),
    "value-above-one.yaml": Expected(91, "preferences.a.tariff.values.half", "must be at most 1"),
    "infinite-weight.yaml": Expected(26, "actors[0].constituency.weights.tariff", "must be a finite number"),
    "quote-too-short.yaml": Expected(143, "events[0].citations[0].quote", "needs at least 8 character(s), found 6"),
    "seed-not-a-file-name.yaml": Expected(94, "preferences.a.tariff.citation.seed", "is not a seed file name"),
    # Cross-references (checks.py).
    "unknown-issue-in-preferences.yaml": Expected(117, "preferences.b.inspection", "unknown issue `inspection`"),
    "unknown-option-in-values.yaml": Expected(91, "preferences.a.tariff.values.quater", "unknown option `quater`"),
    "unknown-option-in-red-line.yaml": Expected(123, "red_lines.b[0].options[0]", "unknown option `scrapped`"),
    "unknown-issue-in-red-line.yaml": Expected(122, "red_lines.b[0].issue", "unknown issue `quotas`"),
    "unknown-actor-in-effects.yaml": Expected(140, "events[0].effects.pressure.c", "unknown actor `c`"),
    "unknown-issue-in-constituency.yaml": Expected(
        26, "actors[0].constituency.weights.inspection", "unknown issue `inspection`"
    ),
    "unknown-tactic-in-event.yaml": Expected(137, "events[0].conditions.after_tactic", "unknown tactic `walk-out`"),
    "unknown-first-mover.yaml": Expected(13, "first_mover", "unknown actor `c`"),
    "duplicate-actor-id.yaml": Expected(40, "actors[1].id", "duplicate actor id `a`"),
    "duplicate-issue-id.yaml": Expected(81, "issues[2].id", "duplicate issue id `quota`"),
    "duplicate-option-id.yaml": Expected(72, "issues[0].options[1].id", "duplicate option id `half`"),
    "duplicate-tactic-id.yaml": Expected(54, "actors[1].tactics[0].id", "duplicate tactic id `praise-progress`"),
    "all-zero-weights.yaml": Expected(88, "preferences.a", "all issue weights are zero"),
    "missing-preference.yaml": Expected(104, "preferences.b", "no preference for issue `inspections`"),
    "missing-actor-preferences.yaml": Expected(87, "preferences", "no preferences for actor `b`"),
    "missing-option-value.yaml": Expected(119, "preferences.b.inspections.values", "no value for option(s) `national`"),
    "red-line-forbids-every-option.yaml": Expected(
        123, "red_lines.b[0].options", "forbid every option of issue `quota`"
    ),
    "quote-not-in-seed.yaml": Expected(
        95, "preferences.a.tariff.citation.quote", "quote not found in seeds/sample.txt; the closest passage (line 4) "
        "reads “Delegation A wants the tariff on steel cut in half”: the seed has “in” where the quote has “by”"
    ),
    "quote-straight-quotes.yaml": Expected(
        37, "actors[0].tactics[0].citation.quote", "differs from the seed only in quote marks"
    ),
    "seed-not-found.yaml": Expected(94, "preferences.a.tariff.citation.seed", "seed file `missing.txt` not found"),
    "latest-before-earliest.yaml": Expected(136, "events[0].latest_round", "is before earliest_round 2"),
    # Who said it: the shape of a citation (attribution.py).
    "game-citation-with-quote.yaml": Expected(
        37, "actors[0].tactics[0].citation.quote", "a `said_by: game` citation quotes nothing"
    ),
    "game-citation-without-reason.yaml": Expected(
        35, "actors[0].tactics[0].citation", "a `said_by: game` citation needs `reason:`"
    ),
    "official-without-side.yaml": Expected(
        35, "actors[0].tactics[0].citation", "an `official` citation names the side that speaks"
    ),
    "official-unknown-side.yaml": Expected(39, "actors[0].tactics[0].citation.side", "unknown actor `c`"),
    "side-without-official.yaml": Expected(
        39, "actors[0].tactics[0].citation.side", "`side` is only for `said_by: official`"
    ),
    "reason-on-quoted-citation.yaml": Expected(
        40, "actors[0].tactics[0].citation.reason", "only a `said_by: game` citation gives a `reason`"
    ),
    "citation-missing-quote.yaml": Expected(35, "actors[0].tactics[0].citation", "required field `quote` is missing"),
    "said-by-unknown.yaml": Expected(
        38, "actors[0].tactics[0].citation.said_by", "found the text 'journalist'; expected one of 'official'"
    ),
    "seed-note-seed-not-found.yaml": Expected(155, "seed_notes[0].seed", "seed file `missing.txt` not found"),
    # Valid files with an authoring smell: a warning, exit 0.
    "warning-nobody-cares.yaml": Expected(81, "issues[2]", "no side cares about issue `inspections`", "warning"),
    "warning-dominated-option.yaml": Expected(
        73, "issues[0].options[2]", "option `none` is worse for both sides than `quarter`", "warning"
    ),    # Who said it: claims that misstate their source (attribution.py), seed notes.
    "warning-said-by-missing.yaml": Expected(
        35, "actors[0].tactics[0].citation", "citation does not say who is speaking", "warning"
    ),
    "warning-official-claim-unsupported.yaml": Expected(
        133, "events[0].text", "presents a position as official (“B warns”) but cites no `official` source of `b`",
        "warning",
    ),
    "warning-official-claim-alias.yaml": Expected(
        149, "events[1].text", "(“Bern insists”) but cites no `official` source of `b`", "warning"
    ),
    "warning-analyst-unattributed.yaml": Expected(
        148, "events[1].text", "rests on an analyst's words but the text does not say so", "warning"
    ),
    "warning-author-opinion-as-fact.yaml": Expected(
        148, "events[1].text", "rests on the article's author", "warning"
    ),
    "warning-hedge-dropped.yaml": Expected(
        148, "events[1].text", "the quote hedges (“apparently”) but the text states it as fact", "warning"
    ),
    "warning-event-only-game.yaml": Expected(148, "events[1].text", "cites only game assumptions", "warning"),
    "warning-hypothetical-without-note.yaml": Expected(
        154, "hypothetical", "a hypothetical scenario says why in `seed_notes`", "warning"
    ),
    "warning-seed-note-not-cited.yaml": Expected(
        155, "seed_notes[0].seed", "a note on `other.txt`, which no citation of this scenario quotes", "warning"
    ),
    # Advised ranges (game/scenario/models/limits.py): outside them is a warning, not an error.
    "warning-issue-name-long.yaml": Expected(
        77, "issues[1].name", "issue name is 27 characters", "warning"
    ),
    "warning-many-options.yaml": Expected(79, "issues[1].options", "6 options; more than 5 crowd the board", "warning"),
}


def parley(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line as a user would, from the project root."""
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        timeout=120,
    )


def assert_compiler_style(proc: subprocess.CompletedProcess[str]) -> list[re.Match[str]]:
    """No traceback anywhere; every stdout line is a diagnostic; stderr is at most the summary."""
    assert "Traceback" not in proc.stdout, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    matches = []
    for line in proc.stdout.splitlines():
        match = DIAGNOSTIC.match(line)
        assert match, f"not a FILE:LINE:COL: severity: message line: {line!r}"
        matches.append(match)
    for line in proc.stderr.splitlines():
        assert SUMMARY.match(line), f"unexpected stderr line: {line!r}"
    return matches


class CorpusReport(NamedTuple):
    proc: subprocess.CompletedProcess[str]
    by_file: dict[str, list[re.Match[str]]]


@pytest.fixture(scope="module")
def corpus_report() -> CorpusReport:
    """One real `parley validate` over the whole corpus (a process per file would take 10 s)."""
    names = sorted(p.name for p in BROKEN.glob("*.yaml"))
    proc = parley("validate", *(f"tests/data/broken/{name}" for name in names))
    by_file: dict[str, list[re.Match[str]]] = {name: [] for name in names}
    for match in assert_compiler_style(proc):
        by_file[match["file"].removeprefix("tests/data/broken/")].append(match)
    return CorpusReport(proc, by_file)


def test_corpus_table_lists_every_broken_file() -> None:
    on_disk = {p.name for p in BROKEN.glob("*.yaml")}
    assert on_disk == set(CORPUS), (
        f"missing rows: {sorted(on_disk - set(CORPUS))}, rows without file: {sorted(set(CORPUS) - on_disk)}"
    )


def test_corpus_run_fails_and_counts_every_file(corpus_report: CorpusReport) -> None:
    proc = corpus_report.proc
    assert proc.returncode == 1
    warned = sum(1 for e in CORPUS.values() if e.severity == "warning")
    total = len(CORPUS)
    assert f"{total} file(s) checked: {warned} valid, {total - warned} invalid" in proc.stderr


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_broken_file_is_reported(name: str, corpus_report: CorpusReport, capsys: pytest.CaptureFixture[str]) -> None:
    matches = corpus_report.by_file[name]
    expected = CORPUS[name]
    assert matches, f"{name}: nothing reported"
    wanted_rest = f"{expected.field}: " if expected.field else ""
    hits = [
        m
        for m in matches
        if int(m["line"]) == expected.line
        and m["severity"] == expected.severity
        and m["rest"].startswith(wanted_rest)
        and expected.fragment in m["rest"]
    ]
    shown = "\n".join(m.group(0) for m in matches)
    assert hits, f"{name}: expected {expected} among:\n{shown}"
    if not expected.field:
        # A file-level problem stops the reader: it is the only line.
        assert len(matches) == 1, shown
    has_error = any(m["severity"] == "error" for m in matches)
    assert has_error == (expected.severity == "error"), shown
    # The exit code of this file alone: the same entry point, in-process for speed.
    assert cli.main(["validate", "-q", str(BROKEN / name)]) == (1 if has_error else 0)
    capsys.readouterr()


def test_valid_files_pass_silently() -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in VALID.glob("*.yaml"))
    assert len(files) >= 2
    proc = parley("validate", *files)
    assert assert_compiler_style(proc) == []
    assert proc.returncode == 0, proc.stdout
    assert f"{len(files)} file(s) checked: {len(files)} valid, 0 invalid" in proc.stderr


def test_one_invalid_file_fails_the_run_and_quiet_drops_the_summary() -> None:
    proc = parley(
        "validate",
        "-q",
        "tests/data/valid/minimal.yaml",
        "tests/data/broken/warning-nobody-cares.yaml",
        "tests/data/broken/negative-weight.yaml",
    )
    matches = assert_compiler_style(proc)
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert {m["file"] for m in matches} == {
        "tests/data/broken/warning-nobody-cares.yaml",
        "tests/data/broken/negative-weight.yaml",
    }


def test_warnings_alone_exit_zero() -> None:
    proc = parley("validate", "tests/data/broken/warning-nobody-cares.yaml")
    assert proc.returncode == 0
    assert "1 valid, 0 invalid (0 error(s), 1 warning(s))" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["validate"], id="no-files"),
        pytest.param(["frobnicate"], id="unknown-command"),
        pytest.param(["validate", "--bogus", "tests/data/valid/minimal.yaml"], id="unknown-option"),
        pytest.param(["schema", "extra"], id="extra-argument"),
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    proc = parley(*args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "usage:" in proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("target", "fragment"),
    [("tests/data/no-such-file.yaml", "no such file"), ("tests/data", "is a directory")],
)
def test_unreadable_paths_are_located_errors(target: str, fragment: str) -> None:
    proc = parley("validate", target)
    (match,) = assert_compiler_style(proc)
    assert match["file"] == target and match["line"] == "1" and fragment in match["rest"]
    assert proc.returncode == 1


# --- Inputs too large to commit ---------------------------------------------------------------


def test_50_megabyte_file(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("w", encoding="utf-8") as handle:
        line = "# " + "x" * 1021 + "\n"
        for _ in range(50 * 1024):
            handle.write(line)
    assert big.stat().st_size == 50 * 1024 * 1024
    proc = parley("validate", str(big))
    (match,) = assert_compiler_style(proc)
    assert match["line"] == "1" and "larger than 1024 KiB" in match["rest"]
    assert proc.returncode == 1


@pytest.mark.parametrize(
    "style",
    [
        # Indented block mappings cannot reach 10,000 levels within the 1 MiB limit: 1,000 do.
        pytest.param(lambda n: "".join(" " * i + "k:\n" for i in range(n // 10)), id="block-mappings"),
        pytest.param(lambda n: "- " * n + "x\n", id="block-lists"),
        pytest.param(lambda n: "[" * n + "]" * n, id="flow-lists"),
        pytest.param(lambda n: "a: " + "{b: " * n + "c" + "}" * n, id="flow-mappings"),
    ],
)
def test_10000_levels_of_nesting(tmp_path: Path, style: Callable[[int], str]) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text(style(10_000), encoding="utf-8")
    proc = parley("validate", str(deep))
    (match,) = assert_compiler_style(proc)
    assert "nesting deeper than" in match["rest"], match["rest"]
    assert proc.returncode == 1


def test_too_many_nodes(tmp_path: Path) -> None:
    wide = tmp_path / "wide.yaml"
    wide.write_text("tags: [" + "a," * 250_000 + "a]\n", encoding="utf-8")
    proc = parley("validate", str(wide))
    (match,) = assert_compiler_style(proc)
    assert "YAML nodes" in match["rest"]


def test_line_breaks_in_keys_stay_on_one_report_line(tmp_path: Path) -> None:
    odd = tmp_path / "odd.yaml"
    odd.write_text('id: x\n"two\\nlines\\u2028here": 1\n', encoding="utf-8")
    proc = parley("validate", str(odd))
    matches = assert_compiler_style(proc)
    assert any("two\\nlines\\u2028here" in m["rest"] for m in matches), proc.stdout


def test_output_survives_a_non_utf8_terminal_and_an_undecodable_file_name(tmp_path: Path) -> None:
    """Regression: printing a surrogate-escaped file name or a curly quote raised UnicodeEncodeError."""
    if sys.platform == "win32":
        pytest.skip("POSIX byte file names")
    name = os.fsdecode(b"caf\xe9.yaml")
    (tmp_path / name).write_bytes((BROKEN / "quote-straight-quotes.yaml").read_bytes())
    (tmp_path / "seeds").symlink_to(VALID / "seeds")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = parley("validate", name, "quote-not-there.yaml", cwd=tmp_path, env=env)
    matches = assert_compiler_style(proc)
    assert proc.returncode == 1
    assert any("quote marks" in m["rest"] and m["file"] == "caf\\udce9.yaml" for m in matches), proc.stdout


# --- Bundled scenarios, schema, list ----------------------------------------------------------

BUNDLED = sorted(SCENARIOS.glob("*.yaml"))


def test_there_are_bundled_scenarios() -> None:
    assert BUNDLED


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenario_validates(path: Path) -> None:
    proc = parley("validate", str(path.relative_to(ROOT)))
    assert_compiler_style(proc)
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenario_starts_with_the_schema_comment(path: Path) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == SCHEMA_COMMENT


def test_committed_schema_is_up_to_date() -> None:
    proc = parley("schema")
    assert proc.returncode == 0 and proc.stderr == ""
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert proc.stdout == committed, (
        "scenarios/scenario.schema.json is stale: run `parley schema > scenarios/scenario.schema.json`"
    )
    schema = json.loads(proc.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert next(iter(schema)) == "$schema"
    assert {"id", "actors", "issues", "preferences"} <= set(schema["properties"])


def test_list_prints_one_line_per_bundled_scenario() -> None:
    proc = parley("list")
    assert proc.returncode == 0
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(BUNDLED)
    for path, line in zip(BUNDLED, lines, strict=True):
        if line.startswith(f"{path.name}: invalid"):
            continue
        scenario_id = line.split()[0]
        assert re.fullmatch(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*", scenario_id), line
