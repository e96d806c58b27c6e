"""The class report's words and pictures: a failed ratification said as such, who conceded what issue by
issue, the benchmark against the students' opponent, and chart labels that never overlap."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from game.classroom import OpenExercise, start_table, verify_logs
from game.classroom.charts import SAME_SPOT_PX, chart_figure, same_spots
from game.classroom.concessions import concession_markdown, issue_deals
from game.classroom.files import read_logs
from game.classroom.logs import outcome_summary
from game.classroom.report import ReportData, Row, build_report, result_text
from game.engine import Move, Seat
from game.engine.analysis import analyze_rules

from .classroom_helpers import new_exercise, play_direct


@pytest.fixture()
def report(tmp_path: Path, parley_home: Path) -> tuple[OpenExercise, ReportData]:
    opened = new_exercise(tmp_path / "ex", "--tables", "3", "--seed", "2", "--vs-computer", "boulware/hard",
                          "--side", "us", "--computer-tables", "3")
    play_direct(opened, 1, None, [Move("pk", "walk")], us="Ada", pk="Bo")
    play_direct(opened, 3, "us", us="Cy")
    return opened, build_report(opened, verify_logs(opened, read_logs(opened)))


def test_a_failed_ratification_is_said_as_such(report: tuple[OpenExercise, ReportData]) -> None:
    _, data = report
    row = data.rows[0]
    failed = dataclasses.replace(row, status="failed", failed_ratifications=1, walked_by=None)
    reopened = dataclasses.replace(row, status="deadline", failed_ratifications=2, walked_by=None)
    plain = dataclasses.replace(row, status="deadline", failed_ratifications=0, walked_by=None)
    assert result_text(failed) == "ratification failed"
    assert result_text(reopened) == "ratification failed, then deadline"
    assert result_text(plain) == "deadline"
    assert result_text(dataclasses.replace(row, status="walked", walked_by="pk")) == "walked out (pk)"


def test_the_benchmark_plays_the_students_opponent(report: tuple[OpenExercise, ReportData]) -> None:
    opened, data = report
    style = opened.scenario.actor("us").style
    assert [b.players for b in data.benchmark] == ["both sides in the scenario's styles"] * 2 + [
        f"us {style} vs pk boulware/hard"]
    table3 = opened.exercise.table(3)
    state = opened.game.new_state(table3.seed, table3.computer_seats())
    state.advance()
    assert str(state.seats["pk"]) == "boulware/hard" and state.seats["us"] == Seat.style(style)
    assert data.benchmark[2].utility == outcome_summary(state)["utility"]
    assert data.benchmark[2].rounds == state.round or state.is_terminal


def test_who_conceded_what_issue_by_issue(tmp_path: Path, parley_home: Path) -> None:
    opened = new_exercise(tmp_path / "ex", "--tables", "1", "--seed", "2")
    rules, scenario = opened.game.rules, opened.scenario
    analysis = analyze_rules(rules)
    best_pk, nash = rules.choice_of(analysis.best[1]), rules.choice_of(analysis.nash)
    session = start_table(opened.folder, 1, None).session
    session.play(Move("pk", "propose", package=best_pk))  # Pakistan opens with its best package
    session.play(Move("us", "propose", package=nash))  # the US answers with the Nash package, which is the deal
    deals = issue_deals(1, session.state, nash)
    assert [d.issue for d in deals] == [i.id for i in scenario.issues]
    for deal in deals:
        pk_values = scenario.preferences["pk"][deal.issue].values
        assert deal.given["pk"] == pytest.approx(pk_values[best_pk[deal.issue]] - pk_values[nash[deal.issue]])
        assert deal.given["us"] == 0  # the US opened with the deal itself
        assert deal.option == scenario.option_label(deal.issue, nash[deal.issue])
    moved = [d for d in deals if d.gave()]
    assert moved and all(d.gave() == ["pk"] for d in moved)
    text = concession_markdown({i.id: i.name for i in scenario.issues}, {a.id: a.label for a in scenario.actors}, deals)
    assert "## Who conceded what, issue by issue" in text
    first = moved[0]
    label = scenario.actor("pk").label
    assert f"{first.option} ({label} gave {first.given['pk']:.2f})" in text
    assert f"{label} at 1 of 1 (mean {first.given['pk']:.2f})" in text


def rows_at(data: ReportData, points: dict[int, tuple[float, float]]) -> list[Row]:
    a, b = data.actors
    template = data.rows[0]
    return [dataclasses.replace(template, table=n, utility={a: x, b: y}) for n, (x, y) in points.items()]


def test_chart_labels_never_overlap(report: tuple[OpenExercise, ReportData]) -> None:
    _, data = report
    # Tables 1, 3 and 12 ended alike (12 a hair away: its marker hides under theirs); the rest crowd around.
    points = {1: (0.5, 0.5), 3: (0.5, 0.5), 12: (0.5015, 0.5005), 2: (0.52, 0.505), 4: (0.54, 0.49),
              5: (0.5, 0.53), 6: (0.52, 0.53), 7: (0.3, 0.8), 8: (0.3, 0.8), 9: (0.3, 0.8), 10: (0.48, 0.48),
              11: (0.54, 0.53)}
    data = dataclasses.replace(data, rows=rows_at(data, points))
    fig = chart_figure(data)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()  # the Agg canvas the chart was drawn on
    labels = [t for t in ax.texts if t.get_text()]
    texts = sorted(t.get_text() for t in labels)
    assert "1, 3, 12" in texts and "7, 8, 9" in texts  # the same result: one label
    assert {"2", "4", "5", "6", "10", "11"} <= set(texts)
    assert sum(len(t.split(", ")) for t in texts) == len(points)
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, one in enumerate(boxes):
        for other in boxes[i + 1:]:
            assert not one.overlaps(other), (one, other)
    frame = ax.get_window_extent(renderer)
    assert all(frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
               for box in boxes)


def test_spots_group_only_what_lies_together() -> None:
    groups = same_spots([(10, 10, 1), (12, 11, 3), (40, 10, 2), (10, 10 + SAME_SPOT_PX + 1, 4)], SAME_SPOT_PX)
    assert [tables for _, _, tables in groups] == [[1, 3], [2], [4]]
