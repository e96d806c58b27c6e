"""The class report's numbers: every table's outcome, every student's row, the spread, the benchmark.

:func:`build_report` turns verified logs into :class:`ReportData` (pure numbers); :mod:`.pages`
renders it (Markdown, a text scatter for terminals, a self-contained HTML page whose chart
is a PNG drawn by matplotlib when it is installed, :mod:`.charts`). Only genuine games
count, one per table, chosen by the exercise's rule (:mod:`.standing`: the first game
started, never the file name); every other log is listed as excluded with the reason.
The benchmark plays each table's seed against the opponent the students faced there.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from game.engine import Seat
from game.engine.analysis import analyze_rules
from game.session.transcript import package_text

from .concessions import IssueDeal, issue_deals
from .debrief import debrief_questions
from .exercise import OpenExercise, TablePlan
from .grades import GRADE_TEXT, Grade, StudentRow, student_rows
from .logs import outcome_summary
from .standing import STATUS_TEXT, TableStanding, table_standings
from .verify import VERDICT_TEXT, Check

CLOUD_POINTS = 20_000


@dataclass(frozen=True)
class Row:
    """One table's game (a student game from a log, or the computer's game on the same seed)."""

    table: int
    players: str
    seed: int
    log: str | None
    status: str
    deal: dict[str, str] | None
    utility: dict[str, float]
    reservation: dict[str, float]
    gain: dict[str, float]
    rounds: int
    ratified: bool | None
    failed_ratifications: int
    red_lines_crossed: dict[str, list[str]]
    value_left: float
    nash_share: float | None = None
    walked_by: str | None = None
    students: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, table: int, players: str, seed: int, log: str | None, summary: dict[str, Any],
           students: dict[str, str] | None = None) -> Row:
        return cls(table, players, seed, log, summary["status"], summary["deal"], summary["utility"],
                   summary["reservation"], summary["gain"], summary["rounds"], summary["ratified"],
                   summary["failed_ratifications"], summary["red_lines_crossed"], summary["value_left"],
                   summary.get("nash_share"), summary.get("walked_by"), dict(students or {}))

    @property
    def agreed(self) -> bool:
        return self.status == "deal"


@dataclass(frozen=True)
class Spread:
    min: float
    median: float
    max: float


@dataclass(frozen=True)
class Stats:
    """Agreement rate, mean gain and spread of utility per side over a set of games."""

    games: int
    agreement_rate: float | None
    mean_gain: dict[str, float]
    spread: dict[str, Spread]

    @classmethod
    def of(cls, rows: list[Row], actors: list[str]) -> Stats:
        if not rows:
            return cls(0, None, {}, {})
        return cls(
            len(rows),
            sum(r.agreed for r in rows) / len(rows),
            {a: statistics.fmean(r.gain[a] for r in rows) for a in actors},
            {a: Spread(min(r.utility[a] for r in rows), statistics.median(r.utility[a] for r in rows),
                       max(r.utility[a] for r in rows)) for a in actors},
        )


@dataclass
class ReportData:
    exercise_id: str
    scenario_id: str
    title: str
    actors: list[str]
    labels: dict[str, str]
    tables: int
    mode: str
    rows: list[Row]
    benchmark: list[Row]
    missing: list[int]
    excluded: list[tuple[str, str, str]]  # (log, verdict, reason)
    stats: Stats
    benchmark_stats: Stats
    reservation: tuple[float, float]
    frontier: list[tuple[float, float]]
    nash: tuple[float, float] | None
    kalai_smorodinsky: tuple[float, float] | None
    cloud: np.ndarray = field(repr=False)  # (2, k) utilities of (a sample of) every package
    questions: list[str] = field(default_factory=list)
    deals: dict[int, str] = field(default_factory=dict)  # table -> package in words
    generated: str = ""
    standings: list[TableStanding] = field(default_factory=list)
    students: list[StudentRow] = field(default_factory=list)
    grade: Grade = "gain"
    with_ids: bool = False
    issues: list[IssueDeal] = field(default_factory=list)
    issue_names: dict[str, str] = field(default_factory=dict)  # issue id -> name, in the scenario's order


def benchmark_players(opened: OpenExercise, table: TablePlan) -> tuple[str, dict[str, Seat]]:
    """Who plays a table's benchmark: the students' opponent as they faced it; the computer in the
    scenario's style for the students' side (both sides in their styles at a hot-seat table)."""
    seats = table.computer_seats()
    if not seats:
        return "both sides in the scenario's styles", seats
    styles = ", ".join(f"{a} {opened.scenario.actor(a).style}" for a in table.humans)
    return f"{styles} vs {', '.join(f'{a} {s}' for a, s in seats.items())}", seats


def build_report(opened: OpenExercise, checks: list[Check], grade: Grade = "gain") -> ReportData:
    """The report's numbers: one genuine game per table (the exercise's rule), the students, the benchmark."""
    ex, scenario, game = opened.exercise, opened.scenario, opened.game
    actors = [a.id for a in scenario.actors]
    standings = table_standings(opened, checks)
    counted = {s.table: s.counts for s in standings if s.counts is not None}
    counted_ids = {id(c) for c in counted.values()}
    excluded = [(c.name, VERDICT_TEXT[c.verdict], c.reason) for c in checks if id(c) not in counted_ids]
    rows: list[Row] = []
    deals: dict[int, str] = {}
    issues: list[IssueDeal] = []
    for number, check in sorted(counted.items()):
        table = ex.table(number)
        assert check.outcome is not None
        row = Row.of(number, table.players_text(), table.seed, check.name, check.outcome, check.students)
        rows.append(row)
        if row.deal:
            deals[number] = package_text(scenario, row.deal)
            if check.state is not None:
                issues += issue_deals(number, check.state, row.deal)
    benchmark = []
    for table in ex.tables:
        players, seats = benchmark_players(opened, table)
        state = game.new_state(table.seed, seats)
        state.advance()
        benchmark.append(Row.of(table.number, players, table.seed, None, outcome_summary(state)))
    analysis = analyze_rules(game.rules)
    roster = opened.roster()
    u = analysis.utilities
    step = max(1, u.shape[1] // CLOUD_POINTS)

    def point(package: int | None) -> tuple[float, float] | None:
        return None if package is None else (float(u[0, package]), float(u[1, package]))

    return ReportData(
        exercise_id=ex.id,
        scenario_id=scenario.id,
        title=scenario.title,
        actors=actors,
        labels={a.id: a.label for a in scenario.actors},
        tables=len(ex.tables),
        mode=ex.mode_text(),
        rows=rows,
        benchmark=benchmark,
        missing=[t.number for t in ex.tables if t.number not in counted],
        excluded=excluded,
        stats=Stats.of(rows, actors),
        benchmark_stats=Stats.of(benchmark, actors),
        reservation=(float(analysis.reservation[0]), float(analysis.reservation[1])),
        frontier=[(float(u[0, p]), float(u[1, p])) for p in analysis.pareto],
        nash=point(analysis.nash),
        kalai_smorodinsky=point(analysis.kalai_smorodinsky),
        cloud=u[:, ::step],
        questions=debrief_questions(scenario, analysis),
        deals=deals,
        generated=datetime.now(UTC).isoformat(timespec="seconds"),
        standings=standings,
        students=student_rows(opened, standings, grade),
        grade=grade,
        with_ids=roster is not None and roster.has_ids,
        issues=issues,
        issue_names={issue.id: issue.name for issue in scenario.issues},
    )


# -- words and numbers ------------------------------------------------------------------------------


def result_text(row: Row) -> str:
    """A table's result in a word or three; a failed ratification is said as such."""
    if row.status == "walked":
        return f"walked out ({row.walked_by})" if row.walked_by else "walked out"
    if row.status == "failed":
        return "ratification failed"
    if row.status == "deadline" and row.failed_ratifications:
        return "ratification failed, then deadline"
    return {"deal": "deal", "deadline": "deadline"}.get(row.status, row.status)


def ratified_text(row: Row) -> str:
    if row.ratified is None:
        return "—"
    if row.ratified:
        return f"yes (try {row.failed_ratifications + 1})" if row.failed_ratifications else "yes"
    return f"no ({row.failed_ratifications} failed)"


def crossed_text(row: Row) -> str:
    return "; ".join(f"{a}: {', '.join(issues)}" for a, issues in row.red_lines_crossed.items()) or "none"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def table_columns(data: ReportData, compact: bool = False) -> list[str]:
    """Column titles of the tables' table; ``compact`` (terminals) leaves out the last two."""
    a, b = data.actors
    la, lb = data.labels[a], data.labels[b]
    columns = ["Table", "Players", "Result", "Rounds", f"U {la}", f"U {lb}", f"Gain {la}", f"Gain {lb}",
               "Ratified", "Left on table", "Red lines crossed", "Computer in the students' place"]
    return columns[:-2] if compact else columns


def table_cells(data: ReportData, row: Row, compact: bool = False) -> list[str]:
    a, b = data.actors
    bench = data.benchmark[row.table - 1]
    cells = [str(row.table), row.players, result_text(row), str(row.rounds),
             f"{row.utility[a]:.3f}", f"{row.utility[b]:.3f}", f"{row.gain[a]:+.3f}", f"{row.gain[b]:+.3f}",
             ratified_text(row), f"{row.value_left:.3f}", crossed_text(row),
             f"{result_text(bench)} {bench.utility[a]:.2f}/{bench.utility[b]:.2f}"]
    return cells[:-2] if compact else cells


def summary_lines(data: ReportData) -> list[str]:
    s, c = data.stats, data.benchmark_stats
    a, b = data.actors
    la, lb = data.labels[a], data.labels[b]
    lines = [f"Tables with a verified result: {s.games} of {data.tables}"
             + (f" (no result yet: {', '.join(map(str, data.missing))})" if data.missing else "") + "."]
    if s.games:
        lines.append(f"Agreement rate: {percent(s.agreement_rate)} (the computer in the students' place, same seeds "
                     f"and opponents: {percent(c.agreement_rate)}).")
        lines.append(f"Mean gain over no deal: {la} {s.mean_gain[a]:+.3f}, {lb} {s.mean_gain[b]:+.3f} "
                     f"(computer: {la} {c.mean_gain[a]:+.3f}, {lb} {c.mean_gain[b]:+.3f}).")
        for actor in data.actors:
            sp = s.spread[actor]
            lines.append(f"Utility of {data.labels[actor]}: min {sp.min:.3f}, median {sp.median:.3f}, "
                         f"max {sp.max:.3f}.")
    else:
        lines.append("No verified games yet: collect the logs into results/ and run the report again.")
    if s.games:
        crossed = [f"table {r.table} ({crossed_text(r)})" for r in data.rows if r.red_lines_crossed]
        lines.append("Red lines crossed by a deal: " + (", ".join(crossed) if crossed else "none") + ".")
        failed = [f"table {r.table}" for r in data.rows if r.failed_ratifications]
        if failed:
            lines.append("A deal failed ratification at home: " + ", ".join(failed) + ".")
    problems = [s for s in data.standings if not s.ok and s.status != "missing"]
    if problems:
        lines.append("Tables to look at: " + "; ".join(f"{s.table} ({STATUS_TEXT[s.status]})" for s in problems)
                     + " (see `parley class verify`).")
    lines.append(f"Grades (report/grades.csv) by {data.grade}: {GRADE_TEXT[data.grade]}.")
    if data.nash:
        lines.append(f"Nash point: {la} {data.nash[0]:.3f}, {lb} {data.nash[1]:.3f}; no-deal values "
                     f"{la} {data.reservation[0]:.2f}, {lb} {data.reservation[1]:.2f}.")
    if data.excluded:
        lines.append(f"Excluded logs: {len(data.excluded)} (see below).")
    return lines
