"""Properties of the scenario loader, checked with generated input.

* Any valid scenario written out by ``yaml.safe_dump`` loads back as an equal model.
* No input at all (bytes, text, near-miss YAML, mutations of a valid file) makes
  ``load_text`` raise; every problem comes back as a located, one-line diagnostic.

Below them, regression tests for the bugs these properties and the broken-file corpus found.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sizing import examples

from game.scenario import Loaded, Scenario, load, load_text
from game.scenario.checks import squash
from game.scenario.yamlsafe import MAX_BYTES, parse, resolve_plain

VALID = Path(__file__).resolve().parent / "data" / "valid"
SEEDS = [VALID / "seeds"]
MINIMAL = (VALID / "minimal.yaml").read_text(encoding="utf-8")
TOP_KEYS = set(yaml.safe_load(MINIMAL))
SEED_WORDS = squash((VALID / "seeds" / "sample.txt").read_text(encoding="utf-8")).split(" ")

PROPERTY = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(loaded: Loaded) -> None:
    """The contract of ``load_text``: located, non-empty, one-line problems; ok iff a scenario."""
    for d in loaded.diagnostics:
        assert d.line >= 1 and d.col >= 1, d
        assert d.message.strip(), d
        assert d.severity in ("error", "warning")
        assert "\n" not in d.format() and "\r" not in d.format(), d
    assert not any(d.message.startswith("internal error") for d in loaded.diagnostics), loaded.diagnostics
    assert loaded.ok == (loaded.scenario is not None)
    if loaded.scenario is not None:
        assert not loaded.errors


# --- Strategies for valid scenarios --------------------------------------------------------------

# Ids: random slugs plus the words YAML 1.1 would turn into booleans, nulls or numbers.
slugs = st.one_of(
    st.from_regex(r"[a-z][a-z0-9]{0,5}(?:[-_][a-z0-9]{1,3}){0,2}", fullmatch=True),
    st.sampled_from(["no", "on", "off", "yes", "y", "n", "null", "true", "false", "nan", "inf", "e5"]),
)
# NEL (U+0085) is left out: PyYAML's own emitter folds it into a space in single-quoted
# scalars when allow_unicode=True, so even yaml.safe_load cannot read such text back.
characters = st.characters(codec="utf-8", exclude_characters="\x85")
texts = st.text(characters, min_size=1, max_size=24)
units = st.floats(min_value=0.0, max_value=1.0)
deltas = st.floats(min_value=-1.0, max_value=1.0)


@st.composite
def quotes(draw: st.DrawFn) -> str:
    """A run of words of the seed, wrapped anywhere: whitespace may differ from the seed."""
    start = draw(st.integers(0, len(SEED_WORDS) - 3))
    end = draw(st.integers(start + 2, min(len(SEED_WORDS), start + 12)))
    words = SEED_WORDS[start:end]
    gaps = draw(st.lists(st.sampled_from([" ", "  ", "\n", " \n  "]), min_size=len(words) - 1, max_size=len(words) - 1))
    quote = words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))
    if len(quote) < 8:
        quote = " ".join(SEED_WORDS[:4])
    return quote


citations = st.builds(lambda q: {"seed": "sample.txt", "quote": q}, quotes())


def effects(actors: list[str], issues: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "trust": deltas,
            "reservation": st.dictionaries(st.sampled_from(actors), deltas, max_size=2),
            "pressure": st.dictionaries(st.sampled_from(actors), deltas, max_size=2),
            "weights": st.dictionaries(
                st.sampled_from(actors),
                st.dictionaries(st.sampled_from(issues), deltas, max_size=2),
                max_size=2,
            ),
            "deadline": st.integers(-5, 5),
        },
    )


@st.composite
def scenario_data(draw: st.DrawFn) -> dict[str, Any]:
    """Plain data of a scenario that passes every check (warnings allowed)."""
    actors = draw(st.lists(slugs, min_size=2, max_size=2, unique=True))
    issue_ids = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    options = {i: draw(st.lists(slugs, min_size=2, max_size=4, unique=True)) for i in issue_ids}
    issues = [
        {
            "id": i,
            "name": draw(texts),
            "description": draw(texts),
            "options": [{"id": o, "label": draw(texts), "description": draw(texts)} for o in options[i]],
        }
        for i in issue_ids
    ]

    def weights(upper: float) -> dict[str, float]:
        drawn = {i: draw(st.floats(0.0, upper) | st.integers(0, int(upper))) for i in issue_ids}
        if sum(drawn.values()) <= 0:
            drawn[issue_ids[0]] = 1.0
        return drawn

    preferences = {}
    for a in actors:
        w = weights(100.0)
        preferences[a] = {
            i: {
                "weight": w[i],
                "values": {o: draw(units) for o in options[i]},
                "rationale": draw(st.text(characters, max_size=12)),
                "citation": draw(st.none() | citations),
            }
            for i in issue_ids
        }
    red_lines = {}
    for a in draw(st.lists(st.sampled_from(actors), unique=True, max_size=2)):
        lines = []
        for i in draw(st.lists(st.sampled_from(issue_ids), unique=True, min_size=1, max_size=2)):
            barred = draw(st.lists(st.sampled_from(options[i]), unique=True, min_size=1, max_size=len(options[i]) - 1))
            lines.append({"issue": i, "options": barred, "rationale": draw(texts), "citation": draw(citations)})
        red_lines[a] = lines

    tactic_ids = draw(st.lists(slugs, unique=True, max_size=4))
    split = draw(st.integers(0, len(tactic_ids)))
    actor_data = []
    for n, a in enumerate(actors):
        own = tactic_ids[:split] if n == 0 else tactic_ids[split:]
        constituency = {
            "name": draw(texts),
            "description": draw(texts),
            "weights": weights(10.0),
            "values": {
                i: {o: draw(units) for o in options[i]}
                for i in draw(st.lists(st.sampled_from(issue_ids), unique=True, max_size=2))
            },
            "threshold": draw(units),
            "sensitivity": draw(st.floats(0.001, 1.0)),
            "citation": draw(st.none() | citations),
        }
        actor_data.append(
            {
                "id": a,
                "name": draw(texts),
                "short_name": draw(st.text(characters, max_size=16)),
                "leader": draw(texts),
                "description": draw(texts),
                "reservation": draw(units),
                "batna": draw(texts),
                "patience": draw(units),
                "initial_pressure": draw(units),
                "style": draw(st.sampled_from(["boulware", "linear", "conceder", "tit-for-tat", "adaptive"])),
                "constituency": constituency,
                "tactics": [
                    {
                        "id": t,
                        "kind": draw(st.sampled_from(["gesture", "pressure"])),
                        "label": draw(texts),
                        "description": draw(texts),
                        "effects": draw(effects(actors, issue_ids)),
                        "max_uses": draw(st.integers(1, 10)),
                        "citation": draw(citations),
                    }
                    for t in own
                ],
            }
        )

    event_ids = draw(st.lists(slugs, unique=True, max_size=3))
    events = []
    for e in event_ids:
        rounds = sorted(draw(st.lists(st.integers(1, 40), min_size=2, max_size=2)))
        trust = sorted(draw(st.lists(units, min_size=2, max_size=2)))
        conditions = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "min_trust": st.just(trust[0]),
                    "max_trust": st.just(trust[1]),
                    "after_tactic": st.sampled_from(tactic_ids) if tactic_ids else st.nothing(),
                    "after_event": st.sampled_from(event_ids),
                    "not_after_event": st.sampled_from(event_ids),
                },
            )
        )
        events.append(
            {
                "id": e,
                "headline": draw(texts),
                "text": draw(texts),
                "probability": draw(units),
                "earliest_round": draw(st.none() | st.just(rounds[0])),
                "latest_round": draw(st.none() | st.just(rounds[1])),
                "once": draw(st.booleans()),
                "conditions": conditions,
                "effects": draw(effects(actors, issue_ids)),
                "citations": draw(st.lists(citations, min_size=1, max_size=2)),
            }
        )

    return {
        "id": draw(slugs),
        "title": draw(texts),
        "year": draw(st.none() | st.integers(1900, 2100)),
        "when": draw(texts),
        "summary": draw(texts),
        "difficulty": draw(st.sampled_from(["easy", "normal", "medium", "hard"])),
        "tags": draw(st.lists(slugs, max_size=3)),
        "rounds": draw(st.integers(2, 40)),
        "first_mover": draw(st.none() | st.sampled_from(actors)),
        "on_failed_ratification": draw(st.sampled_from(["reopen", "end"])),
        "actors": actor_data,
        "issues": issues,
        "preferences": preferences,
        "red_lines": red_lines,
        "events": events,
        "briefings": {"public": draw(texts), "confidential": {a: draw(texts) for a in actors}},
        "debrief_questions": draw(st.lists(texts, max_size=2)),
    }


dump_styles = st.fixed_dictionaries(
    {
        "allow_unicode": st.booleans(),
        "default_flow_style": st.sampled_from([False, None, True]),
        "sort_keys": st.booleans(),
        "width": st.sampled_from([20, 80, 10_000]),
    }
)


@PROPERTY
@given(data=scenario_data(), style=dump_styles)
def test_valid_scenarios_round_trip_through_safe_dump(data: dict[str, Any], style: dict[str, Any]) -> None:
    model = Scenario.model_validate(data)
    text = yaml.safe_dump(model.model_dump(mode="python"), **style)
    loaded = load_text(text, seeds=SEEDS)
    assert_well_formed(loaded)
    assert not loaded.errors, "\n".join(d.format() for d in loaded.errors) + "\n---\n" + text
    assert loaded.scenario == model


# Plain data as safe_dump writes it: text keys (the reader refuses null, boolean and float keys).
plain_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(characters)
)
plain_data = st.recursive(
    plain_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(characters), inner, max_size=4),
    max_leaves=20,
)


@PROPERTY
@given(value=st.dictionaries(st.text(characters), plain_data, min_size=1, max_size=4), style=dump_styles)
def test_reader_reads_what_safe_dump_writes(value: dict[str, Any], style: dict[str, Any]) -> None:
    """Text never becomes a number or a boolean, and numbers stay numbers, whatever the style."""
    assert parse(yaml.safe_dump(value, **style)).data == value


# --- Garbage in, diagnostics out -----------------------------------------------------------------

yamlish = st.text(
    alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`,?~ \t\n\r\\") + list("abyn01.e") + ["\u2028", "\x85", "é"]),
    max_size=200,
)


@PROPERTY
@given(raw=st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    assert_well_formed(load_text(raw, seeds=SEEDS))


@PROPERTY
@given(text=st.text(max_size=2000))
def test_arbitrary_text_never_raises(text: str) -> None:
    assert_well_formed(load_text(text, seeds=SEEDS))


@PROPERTY
@given(text=yamlish)
def test_yaml_punctuation_soup_never_raises(text: str) -> None:
    assert_well_formed(load_text(text, seeds=SEEDS))


@st.composite
def mutants(draw: st.DrawFn) -> str:
    """minimal.yaml with one to four random edits: lines deleted, duplicated or swapped, characters changed."""
    lines = MINIMAL.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "insert", "drop"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            char = draw(st.sampled_from(list(":-[]{}&*!|>'\"# \t\n0123456789.") + list(string.ascii_letters)))
            line = lines[i]
            if op == "replace":
                lines[i] = line[:k] + char + line[k + 1 :]
            elif op == "insert":
                lines[i] = line[:k] + char + line[k:]
            else:
                lines[i] = line[:k] + line[k + 1 :]
    return "".join(lines)


@PROPERTY
@given(text=mutants())
def test_mutations_of_a_valid_scenario_never_raise(text: str) -> None:
    loaded = load_text(text, seeds=SEEDS)
    assert_well_formed(loaded)
    for d in loaded.diagnostics:
        assert d.line <= text.count("\n") + 2, d


# --- Syntax errors in plain words (game/scenario/yamlhints.py) ---------------------------------


def _block_lines() -> list[int]:
    """Indices of minimal.yaml's lines that start a key or a list item in block style (a tab in
    their indentation is always an error; inside a flow collection it would be plain whitespace)."""
    out, depth = [], 0
    for i, line in enumerate(MINIMAL.splitlines()):
        if depth == 0 and re.match(r"^ +(?:- |[a-z_]+:)", line):
            out.append(i)
        depth += line.count("{") + line.count("[") - line.count("}") - line.count("]")
    return out


BLOCK_LINES = _block_lines()


@PROPERTY
@given(data=st.data())
def test_a_tab_in_the_indentation_is_named_at_its_line(data: st.DataObject) -> None:
    lines = MINIMAL.splitlines(keepends=True)
    i = data.draw(st.sampled_from(BLOCK_LINES))
    width = len(lines[i]) - len(lines[i].lstrip(" "))
    k = data.draw(st.integers(0, width - 1))
    lines[i] = lines[i][:k] + "\t" + lines[i][k + 1 :]
    loaded = load_text("".join(lines), seeds=SEEDS)
    first = loaded.errors[0]
    assert first.line == i + 1 and first.message.startswith(
        f"YAML syntax: line {i + 1} is indented with a tab; YAML indents with spaces only"), first.format()
    assert "The parser says: " in first.message


# Text a quoted value may hold and still be one line of plain characters (no quote or escape).
quoted_text = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters='"\\\x85'),
                      max_size=40)


@PROPERTY
@given(body=quoted_text, key=st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True))
def test_an_unclosed_quote_is_named_where_it_opens(body: str, key: str) -> None:
    # A key the scenario already has is a duplicate before the quote is read (see below).
    assume(key not in TOP_KEYS)
    text = MINIMAL + f'{key}: "{body}\n'
    line = MINIMAL.count("\n") + 1
    loaded = load_text(text, seeds=SEEDS)
    first = loaded.errors[0]
    assert (first.line, first.col) == (line, len(key) + 3), first.format()
    assert f'the " opened on line {line} (column {len(key) + 3}) is never closed' in first.message


def test_an_unclosed_quote_on_a_repeated_key_is_named_at_that_key() -> None:
    """Found by the thorough profile (key='id', body=''): the repeated key is reported first, on its line."""
    line = MINIMAL.count("\n") + 1
    first = load_text(MINIMAL + 'id: "\n', seeds=SEEDS).errors[0]
    assert (first.line, first.col) == (line, 1) and "duplicate key `id`" in first.message, first.format()


batna_line = next(i for i, line in enumerate(MINIMAL.splitlines()) if line.strip().startswith("batna:"))


@PROPERTY
@given(head=st.from_regex(r"[A-Za-z][A-Za-z ]{0,15}[A-Za-z]", fullmatch=True),
       tail=st.from_regex(r"[A-Za-z][A-Za-z .]{0,30}", fullmatch=True))
def test_a_colon_inside_a_plain_value_says_quote_it(head: str, tail: str) -> None:
    lines = MINIMAL.splitlines(keepends=True)
    indent = lines[batna_line][: len(lines[batna_line]) - len(lines[batna_line].lstrip())]
    lines[batna_line] = f"{indent}batna: {head}: {tail}\n"
    first = load_text("".join(lines), seeds=SEEDS).errors[0]
    assert first.line == batna_line + 1, first.format()
    assert "contains ': ', which YAML reads as the start of another key: put the whole value in quotes" in (
        first.message)


def test_minimal_scenario_is_valid_and_clean() -> None:
    loaded = load_text(MINIMAL, name="minimal.yaml", seeds=SEEDS)
    assert loaded.ok and loaded.diagnostics == [], [d.format() for d in loaded.diagnostics]


# --- Regressions -----------------------------------------------------------------------------------


def test_yaml11_words_stay_the_text_the_author_typed() -> None:
    loaded = load_text((VALID / "yaml11-words.yaml").read_text(encoding="utf-8"), seeds=SEEDS)
    assert loaded.scenario is not None, [d.format() for d in loaded.diagnostics]
    s = loaded.scenario
    assert [o.id for o in s.issue("inspections").options] == ["on", "no"]
    assert s.tags == ["yes", "off"]
    assert s.when == "2020-05-12"
    assert s.preferences["a"]["inspections"].values == {"on": 0.8, "no": 0.2}


def test_only_plain_decimals_are_numbers() -> None:
    """Regression: `1e5`, `-.5` and `1.5e3` were typed as floats, but safe_dump writes such text unquoted."""
    for text in ("1e5", "-.5", "+.5", "1.5e3", "012", "0x1f", "1_000", "2012-08-01", "no", "on", ".inf", ".nan"):
        assert resolve_plain(text) == text
        assert yaml.safe_load(yaml.safe_dump(text)) == text
        assert parse(yaml.safe_dump({"k": text})).data == {"k": text}
    for text, number in (("12", 12), ("-3", -3), ("0.5", 0.5), ("1.", 1.0), (".5", 0.5), ("1.0e+3", 1000.0)):
        assert resolve_plain(text) == number


def test_a_number_with_thousands_of_digits_is_an_error_not_a_crash() -> None:
    """Regression: int() refuses over 4300 digits; the ValueError escaped as a traceback."""
    loaded = load_text("id: x\nrounds: " + "7" * 4500 + "\n")
    (d,) = loaded.diagnostics
    assert (d.line, d.col) == (2, 9) and "4500 digits is too long" in d.message


def test_lone_surrogates_in_text_are_an_error_not_a_crash() -> None:
    """Regression: libyaml cannot encode a lone surrogate; UnicodeEncodeError escaped."""
    (d,) = load_text("id: a\udcffb\n").diagnostics
    assert "lone surrogate U+DCFF" in d.message


def test_text_obeys_the_size_limit_too() -> None:
    """Regression: load_text(str) skipped the 1 MiB limit that files and bytes have."""
    (d,) = load_text("#" * MAX_BYTES + "\n").diagnostics
    assert "larger than" in d.message


def test_control_characters_are_located() -> None:
    """Regression: the reader's error came out at 1:1 over two lines; now at the character."""
    (d,) = load_text("id: x\ntitle: ab\x1bc\n").diagnostics
    assert (d.line, d.col) == (2, 10) and "U+001B" in d.message
    assert "\n" not in d.format()


def test_messages_quoting_line_breaks_stay_on_one_line() -> None:
    """Regression: an unknown key containing a line break split its report over two lines."""
    loaded = load_text('"bad\\nkey": 1\nid: x\n')
    lines = [d.format() for d in loaded.diagnostics]
    assert any("unknown field `bad\\nkey`" in line for line in lines), lines
    assert all("\n" not in line for line in lines)


def test_non_text_top_level_key_names_the_key() -> None:
    """Regression: a number as a field name came out as pydantic's bare 'keys should be strings'."""
    loaded = load_text(MINIMAL.replace("rounds: 8\n", "rounds: 8\n1: x\n"), seeds=SEEDS)
    messages = [d.message for d in loaded.errors]
    assert any("key the number 1 must be text" in m for m in messages), messages


def test_unknown_tactic_when_there_are_none() -> None:
    """Regression: the message ended in 'known tactics: ' with nothing after it."""
    data = yaml.safe_load(MINIMAL)
    for actor in data["actors"]:
        actor["tactics"] = []
    data["events"][0]["conditions"] = {"after_tactic": "walk-out"}
    loaded = load_text(yaml.safe_dump(data), seeds=SEEDS)
    messages = [d.message for d in loaded.errors]
    assert messages == ["unknown tactic `walk-out`; this scenario defines no tactics"], messages


def test_a_seed_name_too_long_for_the_file_system_is_not_found() -> None:
    """Regression: is_file() raised ENAMETOOLONG, which aborted every check as an 'internal error'."""
    long_name = "a" * 300 + ".txt"
    text = MINIMAL.replace("seed: sample.txt", f"seed: {long_name}", 1)
    loaded = load_text(text, seeds=SEEDS)
    messages = [d.message for d in loaded.errors]
    assert messages == [f"seed file `{long_name}` not found (looked in: {SEEDS[0]})"], messages


def test_a_path_with_a_nul_character_is_an_error_not_a_crash() -> None:
    """Regression: open() raised ValueError for such a path, out of load()."""
    (d,) = load("bad\x00name.yaml").diagnostics
    assert "NUL character" in d.message and "\n" not in d.format()


def test_too_long_text_says_how_long_and_what_to_do() -> None:
    """Regression: string length errors came out as pydantic's bare 'string should have ...'."""
    loaded = load_text(MINIMAL.replace('short_name: "A"', 'short_name: "A very long short name"'), seeds=SEEDS)
    messages = [(d.field, d.message) for d in loaded.errors]
    assert messages == [("actors[0].short_name", "needs at most 16 character(s), found 22; shorten it")], messages
