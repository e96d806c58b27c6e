"""Role sheets never carry the other side's confidential brief, priorities or values (every
bundled scenario); the HTML pages are self-contained and print-ready; every bundled scenario
has 3-5 debrief questions."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from game.classroom import open_exercise
from game.classroom.exercise import OpenExercise
from game.classroom.glance import MAX_WORDS, glance_sheet
from game.classroom.sheets import handouts, parts_markdown, role_sheet, the
from game.scenario import bundled_paths, load_or_raise

from .classroom_helpers import new_exercise

SCENARIOS = bundled_paths()


def words(text: str) -> str:
    """Text as a reader sees it: no tags, no Markdown emphasis, one space between words."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"[*_`#|]", " ", text)
    return " ".join(text.split()).lower()


def sentences(text: str) -> list[str]:
    """The substantial sentences of a Markdown text (long enough to be specific to it)."""
    flat = words(text)
    return [s.strip() for s in re.split(r"(?<=[.!?:;])\s", flat) if len(s.strip()) >= 30]


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda p: p.stem)
def exercise(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> OpenExercise:
    folder = tmp_path_factory.mktemp("sheets") / request.param.stem
    return new_exercise(folder, "--tables", "3", "--seed", "1", "--vs-computer", "adaptive", "--computer-tables",
                        "3", "--round-time", "90", scenario=str(request.param))


def secrets_of(exercise: OpenExercise, actor: str) -> list[str]:
    """What only ``actor`` (and the instructor) may read, as sentences, minus what the other side reads too."""
    s = exercise.scenario
    other = s.other(actor).id
    allowed = words(s.briefings.public + " " + s.briefings.confidential[other])
    private = [s.briefings.confidential[actor], s.actor(actor).batna]
    private += [p.rationale for p in s.preferences[actor].values() if p.rationale]
    return [sentence for text in private for sentence in sentences(text) if sentence not in allowed]


def test_a_role_sheet_never_shows_the_other_sides_confidential_text(exercise: OpenExercise) -> None:
    s = exercise.scenario
    folder = exercise.folder
    for actor in s.actors:
        other = s.other(actor.id).id
        hidden = secrets_of(exercise, other)
        assert hidden, "every scenario has something confidential to check"
        files = [folder / "roles" / f"{actor.id}.md", folder / "roles" / f"{actor.id}.html",
                 folder / "instructor" / "handouts" / f"{actor.id}.html",
                 folder / "instructor" / "handouts" / f"{actor.id}.md"]
        files += sorted((folder / "instructor" / "students").glob(f"table-*-{actor.id}/role-sheet.*"))
        glances = [folder / "roles" / f"{actor.id}-glance.md", folder / "roles" / f"{actor.id}-glance.html"]
        for path in files + glances:
            if not path.exists():
                continue
            text = words(path.read_text(encoding="utf-8"))
            for sentence in hidden:
                assert sentence not in text, f"{path.name} shows {other}'s confidential: {sentence!r}"
            if path not in glances:
                assert sentences(s.briefings.confidential[actor.id])[0] in text  # its own brief is there
        # Their weights and values: the sheet's priority table lists only this side's numbers.
        sheet = parts_markdown(role_sheet(s, exercise.game, actor.id, exercise.exercise, folder.name))
        rows = [line for line in sheet.splitlines() if line.startswith("| ") and "%" in line]
        assert len(rows) == len(s.issues)
        for issue in s.issues:
            mine = s.preferences[actor.id][issue.id].values
            row = next(r for r in rows if r.startswith(f"| {issue.name.replace('|', '')}"))
            for option in issue.options:
                assert f"{option.label} {mine[option.id]:.2f}" in row.replace("\\|", "|")


def test_handouts_carry_each_seat_code_once_and_nobody_elses(exercise: OpenExercise) -> None:
    s, ex = exercise.scenario, exercise.exercise
    stored = json.loads((exercise.folder / "instructor" / "seat-codes.json").read_text(encoding="utf-8"))
    codes = {int(n): seats for n, seats in stored["seat_codes"].items()}
    for actor in s.actors:
        copies = handouts(s, exercise.game, actor.id, ex, exercise.folder.name, codes)
        assert len(copies) == 2 * sum(actor.id in seats for seats in codes.values())  # at a glance, then in full
        for copy in copies:
            text = parts_markdown(copy)
            mine = [code for seats in codes.values() for a, code in seats.items() if a == actor.id and code in text]
            theirs = [code for seats in codes.values() for a, code in seats.items() if a != actor.id and code in text]
            assert len(mine) == 1 and not theirs


def test_html_pages_are_self_contained_and_print_ready(exercise: OpenExercise) -> None:
    pages = list((exercise.folder / "roles").glob("*.html")) + list((exercise.folder / "instructor").rglob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>") and "@media print" in text and "@page" in text
        assert "<script" not in text and "<link" not in text and 'src="http' not in text
    first = exercise.scenario.actors[0].id
    handout = (exercise.folder / "instructor" / "handouts" / f"{first}.html").read_text(encoding="utf-8")
    seated = sum(first in table.humans for table in exercise.exercise.tables)
    assert handout.count('<section class="sheet">') == 2 * seated == 6  # hot-seat tables 1-2, and table 3: 2 pages
    assert "break-before: page" in handout
    sheet = (exercise.folder / "roles" / f"{first}.md").read_text(encoding="utf-8")
    assert "90 seconds for each of your moves" in sheet


def test_the_instructor_sheet_has_the_analysis_both_sides_values_and_the_questions(exercise: OpenExercise) -> None:
    s = exercise.scenario
    text = (exercise.folder / "instructor" / "instructor.md").read_text(encoding="utf-8")
    for title in ("## The analysis", "Nash", "Kalai-Smorodinsky", "### Pareto frontier",
                  "## What each side really values", "## Debrief questions", "## Keep this folder to yourself",
                  "log-secret.key"):
        assert title in text, title
    for table in exercise.exercise.tables:
        assert f"--table {table.number}" in text and table.code in text
    for question in s.debrief_questions:
        assert " ".join(question.split()) in text


def test_scenario_text_cannot_inject_markup(tmp_path: Path) -> None:
    source = SCENARIOS[0].read_text(encoding="utf-8")
    evil = source.replace("**Your task.**", "<script>alert(1)</script> **Your task.**", 1)
    assert evil != source
    path = tmp_path / "evil.yaml"
    path.write_text(evil, encoding="utf-8")
    opened = new_exercise(tmp_path / "ex", "--tables", "1", scenario=str(path))
    page = (opened.folder / "roles" / f"{opened.scenario.actors[0].id}.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_every_bundled_scenario_has_three_to_five_debrief_questions() -> None:
    assert SCENARIOS
    for path in SCENARIOS:
        questions = load_or_raise(path).debrief_questions
        assert 3 <= len(questions) <= 5, path.name
        assert all(q.strip().endswith("?") for q in questions), path.name


def test_open_exercise_rejects_a_changed_scenario(tmp_path: Path) -> None:
    opened = new_exercise(tmp_path / "ex", "--tables", "1")
    path = opened.folder / "scenario.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("rounds: 10", "rounds: 9", 1), encoding="utf-8")
    with pytest.raises(Exception, match="not the scenario the exercise was created with"):
        open_exercise(opened.folder)


def test_the_sheet_at_a_glance_fits_one_page(exercise: OpenExercise) -> None:
    s = exercise.scenario
    for actor in s.actors:
        glance = parts_markdown(glance_sheet(s, exercise.game, actor.id, exercise.exercise, exercise.folder.name))
        full = parts_markdown(role_sheet(s, exercise.game, actor.id, exercise.exercise, exercise.folder.name))
        count = len(words(glance).split())
        assert count <= MAX_WORDS < len(words(full).split()) / 2, (actor.id, count)
        rules = exercise.game.rules
        weights = rules.base_weights[rules.actor_index(actor.id)]
        for i, issue in enumerate(s.issues):
            values = s.preferences[actor.id][issue.id].values
            best = max(issue.options, key=lambda o, values=values: values[o.id])
            assert f"| {weights[i]:.0%} | {best.label} {values[best.id]:.2f}" in glance.replace("\\|", "|")
        assert f"No deal is worth {rules.base_reservation[rules.actor_index(actor.id)]:.2f}" in glance
        assert "90 seconds a move" in glance and "only the first game started counts" in glance


def test_sheets_say_who_you_are_in_plain_english(exercise: OpenExercise) -> None:
    assert the("United States") == "the United States" and the("Pakistan") == "Pakistan"
    assert the("Taliban", start=True) == "The Taliban" and the("The Hague") == "The Hague"
    for actor in exercise.scenario.actors:
        text = (exercise.folder / "roles" / f"{actor.id}.md").read_text(encoding="utf-8")
        assert f"You are **{the(actor.name)}**, led by" in text
        assert f"## Confidential — for {the(actor.name)} only" in text
        assert "and by The " not in text and "At home, The " not in text


def test_the_instructor_sheet_names_the_computer_in_use_and_asks_about_the_game(exercise: OpenExercise) -> None:
    text = (exercise.folder / "instructor" / "instructor.md").read_text(encoding="utf-8")
    table3 = exercise.exercise.table(3)
    [(computer, seat)] = table3.computer_seats().items()
    assert f"In this exercise the computer plays it as `{seat}` at table 3." in text
    assert f"computer (`{seat}`)" in text
    human = exercise.scenario.actor(exercise.scenario.other(computer).id).name
    assert "In this exercise students play it at every table" in text.split(f"**{human}**")[1].split("\n")[0]
    questions = text.split("## Debrief questions")[1]
    for theme in ("No deal was worth", "Signals are cheap talk", "Nash point"):
        assert theme in questions
