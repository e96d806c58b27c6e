"""A six-table exercise from `class new` to `class report`: hot-seat and computer tables,
scripted plain-mode games and direct session play; every log verifies; the report's numbers
are the logs' numbers."""

from __future__ import annotations

import html
import io
import json
import statistics
import sys
from pathlib import Path

import pytest

from game.classroom import open_exercise, sign_in, verify_logs
from game.classroom.charts import outcome_chart
from game.classroom.files import read_logs
from game.classroom.pages import report_html, report_markdown, text_chart
from game.classroom.report import build_report
from game.cli import main
from game.engine import Move
from game.engine.analysis import analyze_rules
from game.plain import run_plain
from game.session.launch import LaunchOptions

from .classroom_helpers import ScriptedInput, nash_package, new_exercise, play_direct, settle


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tables 1-3 hot-seat, 4-6 a student against conceder/easy (sides alternate: pk, us, pk)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("PARLEY_HOME", str(tmp_path_factory.mktemp("home")))
    folder = tmp_path_factory.mktemp("class") / "spy"
    try:
        opened = new_exercise(folder, "--tables", "6", "--seed", "11", "--vs-computer", "conceder/easy",
                              "--computer-tables", "4-6")
        assert [t.humans for t in opened.exercise.tables] == [["us", "pk"]] * 3 + [["pk"], ["us"], ["pk"]]

        # Table 1, hot-seat: Pakistan opens with the Nash package, the US takes it.
        nash = nash_package(opened)
        play_direct(opened, 1, None, [Move("pk", "propose", package=nash), Move("us", "accept")],
                    us="Ada Lovelace", pk="Bo Chen")
        # Table 2, hot-seat: Pakistan proposes, the US rejects, Pakistan walks out.
        play_direct(opened, 2, None, [Move("pk", "propose", package=nash), Move("us", "reject"), Move("pk", "walk")],
                    us="Cy Dee", pk="Di Eve")

        # Table 3, hot-seat, through the session: signals, a pressure move, a rejection, then haggling.
        rules = opened.game.rules
        analysis = analyze_rules(rules)
        best_pk = rules.choice_of(analysis.best[1])
        opening = [
            Move("pk", "signal", signal=("border", "drone-strikes")),
            Move("pk", "propose", package=best_pk),
            Move("us", "tactic", tactic="press-safe-havens"),
            Move("us", "reject"),
            Move("pk", "propose", package=rules.choice_of(analysis.kalai_smorodinsky)),
        ]
        play_direct(opened, 3, None, opening, us="Ed Fox", pk="Flo Gee")

        # Table 4: the student plays Pakistan against the computer, through the session.
        play_direct(opened, 4, "pk", pk="Gus Ho")
        # Table 5: the student plays the US in plain mode and settles as soon as possible; the name comes
        # from the command line (`parley play ... --name`), recorded before the game opens.
        sign_in(folder, 5, "us", "Hal Ives")
        out = io.StringIO()
        assert run_plain(LaunchOptions(exercise=folder, table=5, seat="us"),
                         ScriptedInput([settle] * 60, out), out) == 0, out.getvalue()
        assert "Your game log for the instructor:" in out.getvalue()
        # Table 6: Pakistan again, through the session.
        play_direct(opened, 6, "pk", pk="Ivy Jones")
    finally:
        mp.undo()
    return folder


def logs_of(folder: Path) -> dict[int, dict]:
    out = {}
    for path in sorted((folder / "results").glob("*.json")):
        log = json.loads(path.read_text(encoding="utf-8"))
        out[log["header"]["table"]] = log
    return out


def test_every_table_wrote_one_log_with_its_own_seed_and_seats(played: Path) -> None:
    opened = open_exercise(played)
    logs = logs_of(played)
    assert sorted(logs) == [1, 2, 3, 4, 5, 6]
    for number, log in logs.items():
        table = opened.exercise.table(number)
        assert log["header"]["seed"] == table.seed
        assert log["header"]["seats"] == {a: p.player for a, p in table.seats.items()}
        assert log["header"]["scenario"]["hash"] == opened.exercise.scenario.hash
        assert log["entries"] and all(len(e["hash"]) == 64 for e in log["entries"])
        assert "signature" not in log  # offline games cannot be signed
    assert logs[1]["outcome"]["status"] == "deal" and logs[1]["outcome"]["rounds"] == 1
    assert logs[2]["outcome"]["status"] == "walked" and logs[2]["outcome"]["walked_by"] == "pk"
    # The scripted opening, with the answer to any crisis the news brought in between left out.
    kinds = [e["move"]["kind"] for e in logs[3]["entries"] if e["move"]["kind"] != "answer"][:5]
    assert kinds == ["signal", "propose", "tactic", "reject", "propose"]
    assert logs[5]["header"]["seat"] == "us" and logs[4]["header"]["seat"] == "pk"
    assert logs[1]["students"] == {"us": "Ada Lovelace", "pk": "Bo Chen"} and logs[5]["students"] == {"us": "Hal Ives"}
    assert all(log["header"]["attempt"] == 1 and log["header"]["earlier_attempts"] == [] for log in logs.values())


def test_verify_finds_every_log_genuine(played: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["class", "verify", str(played)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 6 + 6 + 1
    assert all(": genuine — table " in line for line in lines[:6]), lines
    for n, line in enumerate(lines[6:12], start=1):
        assert line.startswith(f"Table {n}: genuine — results/table-0{n}.json"), line
    assert lines[-1] == "Every table has exactly one genuine game."


def test_report_numbers_are_the_logs_numbers(played: Path) -> None:
    opened = open_exercise(played)
    data = build_report(opened, verify_logs(opened, read_logs(opened), opened.secret()))
    logs = logs_of(played)
    assert data.missing == [] and data.excluded == []
    assert [row.table for row in data.rows] == [1, 2, 3, 4, 5, 6]
    for row in data.rows:
        out = logs[row.table]["outcome"]
        assert (row.status, row.deal, row.utility, row.gain, row.rounds, row.value_left) == (
            out["status"], out["deal"], out["utility"], out["gain"], out["rounds"], out["value_left"])
        assert row.red_lines_crossed == {}
        assert row.ratified == (True if out["status"] == "deal" else out["ratified"])
    outcomes = [logs[n]["outcome"] for n in sorted(logs)]
    assert data.stats.agreement_rate == pytest.approx(sum(o["status"] == "deal" for o in outcomes) / 6)
    for actor in ("us", "pk"):
        assert data.stats.mean_gain[actor] == pytest.approx(statistics.fmean(o["gain"][actor] for o in outcomes))
        utilities = [o["utility"][actor] for o in outcomes]
        spread = data.stats.spread[actor]
        assert (spread.min, spread.median, spread.max) == (min(utilities), statistics.median(utilities), max(utilities))
    # The benchmark is each table's seed with the students' opponent: the scenario's styles at hot-seat tables,
    # and conceder/easy against the students' side (played in the scenario's style) at the computer tables.
    assert [b.seed for b in data.benchmark] == [t.seed for t in opened.exercise.tables]
    assert [b.players for b in data.benchmark[:3]] == ["both sides in the scenario's styles"] * 3
    assert [b.players for b in data.benchmark[3:]] == [
        f"pk {opened.scenario.actor('pk').style} vs us conceder/easy",
        f"us {opened.scenario.actor('us').style} vs pk conceder/easy",
        f"pk {opened.scenario.actor('pk').style} vs us conceder/easy"]
    markdown = report_markdown(data, None)
    for row in data.rows:
        assert f"| {row.table} | {row.players} |" in markdown
        assert f"{row.utility['us']:.3f}" in markdown and f"{row.gain['pk']:+.3f}" in markdown
    assert "## Questions for discussion" in markdown.split("## Computer benchmark")[1]
    questions = markdown.split("## Questions for discussion")[1]
    for question in opened.scenario.debrief_questions:
        assert " ".join(question.split()) in questions
    for theme in ("No deal was worth", "Signals are cheap talk", "The Nash point"):
        assert theme in questions, theme


def test_report_command_writes_markdown_and_a_self_contained_html(played: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["class", "report", str(played)]) == 0
    shown = capsys.readouterr().out
    assert "Agreement rate:" in shown and "Tables with a verified result: 6 of 6." in shown
    assert "Pareto frontier" in shown and "N" in shown
    report = played / "report"
    page = (report / "report.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "@media print" in page
    assert (report / "outcomes.png").read_bytes().startswith(b"\x89PNG")
    markdown = (report / "report.md").read_text(encoding="utf-8")
    assert "![Every table's result on the outcome space](outcomes.png)" in markdown
    assert "## Spread of outcomes" in markdown and "## Computer benchmark" in markdown


def test_without_matplotlib_the_report_says_how_to_install_it(played: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    opened = open_exercise(played)
    data = build_report(opened, verify_logs(opened, read_logs(opened)))
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    monkeypatch.setitem(sys.modules, "matplotlib.backends.backend_agg", None)
    png, problem = outcome_chart(data)
    assert png is None and problem
    page = html.unescape(report_html(data, png, problem))
    assert 'pip install "parley[classroom]"' in page
    assert text_chart(data).splitlines()[1] in page  # the text chart stands in
    assert "Agreement rate:" in page


def test_text_chart_marks_tables_frontier_and_nash(played: Path) -> None:
    opened = open_exercise(played)
    data = build_report(opened, verify_logs(opened, read_logs(opened)))
    chart = text_chart(data)
    grid = "\n".join(line for line in chart.splitlines() if "|" in line)
    notes = "\n".join(line for line in chart.splitlines() if line.startswith("* "))
    assert "." in grid
    for mark, name in [("N", "the Nash point"), ("+", "the no-deal point")] + [
            (str(n), f"table {n}") for n in range(1, 7)]:
        assert mark in grid or name in notes, name


def test_role_sheets_and_instructor_files_are_where_the_sheet_says(played: Path) -> None:
    for name in ("roles/us.md", "roles/us.html", "roles/pk.md", "roles/pk.html", "instructor/instructor.md",
                 "instructor/instructor.html", "instructor/handouts/us.html", "instructor/handouts/pk.html",
                 "instructor/log-secret.key", "instructor/seat-codes.json", "scenario.yaml",
                 "seeds/000_563488b2d8a233a7.txt"):
        assert (played / name).is_file(), name
    exercise = (played / "exercise.json").read_text(encoding="utf-8")
    codes = json.loads((played / "instructor" / "seat-codes.json").read_text(encoding="utf-8"))["seat_codes"]
    secret = (played / "instructor" / "log-secret.key").read_text(encoding="ascii").strip()
    assert len(bytes.fromhex(secret)) == 32 and secret not in exercise
    for seats in codes.values():
        for code in seats.values():
            assert code not in exercise  # exercise.json holds only digests of seat codes
    assert "log-secret.key" in (played / "instructor" / "instructor.md").read_text(encoding="utf-8")
    assert sum(len(seats) for seats in codes.values()) == 3 * 2 + 3
