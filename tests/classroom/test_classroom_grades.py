"""Grades from a rostered class: `class new --roster`, four scripted games, `class verify` exits 0; a second
genuine game at table 3 makes it exit 1 naming table 3; `class report` writes report/grades.csv whose columns
and numbers are the logs' (and the first game started counts, whatever the files are called)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from game.classroom import open_exercise, verify_logs
from game.classroom.attempts import save_path
from game.classroom.files import read_logs
from game.classroom.grades import GRADES_HEADER, grades_csv, student_rows
from game.classroom.report import build_report
from game.classroom.standing import table_standings
from game.cli import main
from game.engine import Move

from .classroom_helpers import nash_package, new_exercise, play_direct

ROSTER = "name,id\nAda Lovelace,s-101\nBo Chen,s-102\nCy Dee,s-103\nDi Eve,s-104\n"
HEADER = ",".join(GRADES_HEADER)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four tables, a student against boulware/hard at each (sides alternate), every student on the roster."""
    mp = pytest.MonkeyPatch()
    mp.setenv("PARLEY_HOME", str(tmp_path_factory.mktemp("home")))
    root = tmp_path_factory.mktemp("graded")
    roster = root / "students.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    try:
        opened = new_exercise(root / "class", "--tables", "4", "--seed", "21", "--vs-computer", "boulware/hard",
                              "--roster", str(roster))
        nash = nash_package(opened)
        for plan in opened.exercise.tables:
            me = plan.humans[0]
            opening = [Move(me, "walk")] if plan.number == 2 else []
            play_direct(opened, plan.number, me, opening)
        assert nash
    finally:
        mp.undo()
    return root / "class"


def grades_of(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "report" / "grades.csv").read_text(encoding="utf-8"))))


def test_four_games_verify_and_the_report_writes_grades(graded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["class", "verify", str(graded)]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("Every table has exactly one genuine game.")
    assert main(["class", "report", str(graded)]) == 0
    text = (graded / "report" / "grades.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER + ",student_id"  # the roster has ids


def test_grades_are_the_logs_numbers_and_the_rosters_names(graded: Path) -> None:
    assert main(["class", "report", str(graded)]) == 0
    opened = open_exercise(graded)
    roster = opened.roster()
    assert roster is not None
    rows = grades_of(graded)
    assert [(int(r["table"]), r["seat"]) for r in rows] == [(t.number, t.humans[0]) for t in opened.exercise.tables]
    for row in rows:
        log = json.loads((graded / "results" / f"table-{int(row['table']):02d}.json").read_text(encoding="utf-8"))
        actor = row["seat"]
        seated = roster.at(int(row["table"]), actor)
        assert seated is not None
        assert row["student"] == seated.name == log["students"][actor]
        assert row["student_id"] == seated.id
        assert row["side"] == opened.scenario.actor(actor).name
        out = log["outcome"]
        assert float(row["utility"]) == pytest.approx(out["utility"][actor], abs=5e-5)
        assert float(row["gain"]) == pytest.approx(out["gain"][actor], abs=5e-5)
        assert float(row["nash_share"]) == pytest.approx(out["nash_share"], abs=5e-5)
        assert row["ratified"] == ("yes" if out["ratified"] else "no" if out["ratified"] is False else "")
        assert row["result"].startswith({"deal": "deal", "walked": "walked out", "failed": "ratification failed",
                                         "deadline": ""}[out["status"]])
    table2 = next(r for r in rows if r["table"] == "2")
    assert table2["result"] == f"walked out ({table2['seat']})" and float(table2["gain"]) == 0.0
    # Ranks: within each side, by gain, 1 the best, ties sharing the better rank.
    for side in {r["seat"] for r in rows}:
        mine = [r for r in rows if r["seat"] == side]
        for r in mine:
            better = sum(float(o["gain"]) > float(r["gain"]) + 1e-9 for o in mine)
            assert int(r["rank"]) == better + 1


def test_the_grade_option_chooses_what_counts(graded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for grade in ("nash-share", "rank", "gain"):
        assert main(["class", "report", str(graded), "--grade", grade]) == 0
        shown = capsys.readouterr().out
        assert f"Students (grade: {grade})" in shown
        report = (graded / "report" / "report.md").read_text(encoding="utf-8")
        assert f"Grade: {grade} — " in report
        rows = grades_of(graded)
        assert list(rows[0]) == [*GRADES_HEADER, "student_id"]  # the columns never change with --grade
        if grade == "nash-share":
            for side in {r["seat"] for r in rows}:
                mine = [r for r in rows if r["seat"] == side]
                for r in mine:
                    better = sum(float(o["nash_share"]) > float(r["nash_share"]) + 1e-9 for o in mine)
                    assert int(r["rank"]) == better + 1
    with pytest.raises(SystemExit) as refused:
        main(["class", "report", str(graded), "--grade", "luck"])
    assert refused.value.code == 2 and "invalid choice: 'luck'" in capsys.readouterr().err


def test_a_second_game_at_table_3_fails_verify_and_the_first_counts(graded: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "class"
    shutil.copytree(graded, work)
    monkeypatch.setenv("PARLEY_HOME", str(tmp_path / "home"))
    opened = open_exercise(work)
    plan = opened.exercise.table(3)
    me = plan.humans[0]
    first = work / "results" / "table-03.json"
    # The student plays table 3 again on another computer (no local record of the first game): attempt 1 again,
    # started later. Its file sorts first by name; the rule, not the name, decides which game counts.
    again = play_direct(opened, 3, me, [Move(me, "walk")])
    renamed = work / "results" / "table-03-a-second-try.json"
    again.rename(renamed)
    first.rename(work / "results" / "table-03-z.json")
    capsys.readouterr()
    assert main(["class", "verify", str(work)]) == 1
    out = capsys.readouterr().out
    assert "Table 3: MORE THAN ONE GAME — 2 genuine games handed in; results/table-03-z.json counts" in out
    assert "results/table-03-a-second-try.json: ANOTHER GAME — game 2 handed in for table 3" in out
    assert out.rstrip().endswith("Not every table has exactly one genuine game: table 3.")
    checks = verify_logs(opened, read_logs(opened), opened.secret())
    data = build_report(opened, checks)
    counted = next(r for r in data.rows if r.table == 3)
    assert counted.log == "results/table-03-z.json" and counted.rounds > 1  # the second game walked out at once
    assert ("results/table-03-a-second-try.json", "ANOTHER GAME") in [(n, v) for n, v, _ in data.excluded]
    assert main(["class", "report", str(work)]) == 0
    text = (work / "report" / "grades.csv").read_text(encoding="utf-8")
    assert text.startswith(HEADER + ",student_id\n")
    row = next(r for r in grades_of(work) if r["table"] == "3")
    log = json.loads((work / "results" / "table-03-z.json").read_text(encoding="utf-8"))
    assert float(row["utility"]) == pytest.approx(log["outcome"]["utility"][me], abs=5e-5)
    assert save_path(opened, plan).is_file()


def test_a_missing_table_keeps_its_students_row(graded: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "class"
    shutil.copytree(graded, work)
    (work / "results" / "table-04.json").unlink()
    capsys.readouterr()
    assert main(["class", "verify", str(work)]) == 1
    out = capsys.readouterr().out
    assert "Table 4: MISSING — no game handed in" in out
    assert out.rstrip().endswith("Not every table has exactly one genuine game: table 4.")
    opened = open_exercise(work)
    standings = table_standings(opened, verify_logs(opened, read_logs(opened)))
    rows = student_rows(opened, standings)
    missing = next(r for r in rows if r.table == 4)
    assert missing.result == "missing" and missing.utility is None and missing.rank is None and missing.student
    line = grades_csv(rows, with_ids=False).splitlines()[4]
    assert line == f"4,{missing.seat},{missing.side},{missing.student},missing,,,,,"
