"""The class report: every table's outcome side by side, the spread, and the computer's benchmark.

:func:`build_report` turns verified logs into :class:`ReportData` (pure numbers); the rest
renders it: Markdown, a text scatter for terminals, and a self-contained HTML page whose
chart is a PNG drawn by matplotlib when it is installed (:mod:`.charts`). Only logs the
verifier found genuine count; one game per table (the first genuine log of it, in file
order); every other log is listed as excluded with the reason.
"""

from __future__ import annotations

import base64
import html
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from game.engine.analysis import analyze_rules
from game.session.transcript import package_text

from .exercise import OpenExercise, tables_text
from .logs import outcome_summary
from .sheets import RAW, Part, cell, html_page, parts_markdown
from .verify import VERDICT_TEXT, Check

CLOUD_POINTS = 20_000
INSTALL_HINT = 'pip install "parley[classroom]"'
CHART_CAPTION = (
    "Each table's result as a point (each side's utility; a table with no deal sits at its no-deal values), "
    "against every package, the Pareto frontier and the Nash point of the scenario. Results are scored as "
    "each game ended: news during a game may have moved a table's weights a little."
)


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

    @classmethod
    def of(cls, table: int, players: str, seed: int, log: str | None, summary: dict[str, Any]) -> Row:
        return cls(table, players, seed, log, summary["status"], summary["deal"], summary["utility"],
                   summary["reservation"], summary["gain"], summary["rounds"], summary["ratified"],
                   summary["failed_ratifications"], summary["red_lines_crossed"], summary["value_left"])

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


def build_report(opened: OpenExercise, checks: list[Check]) -> ReportData:
    """The report's numbers: genuine logs only, one game per table, plus the computer benchmark."""
    ex, scenario, game = opened.exercise, opened.scenario, opened.game
    actors = [a.id for a in scenario.actors]
    chosen: dict[int, Check] = {}
    excluded: list[tuple[str, str, str]] = []
    for check in checks:
        if not check.genuine or check.table is None or check.outcome is None:
            excluded.append((check.name, VERDICT_TEXT[check.verdict], check.reason))
        elif check.table in chosen:
            excluded.append((check.name, "another game", f"table {check.table} already counts "
                             f"{chosen[check.table].name}; only one game per table counts"))
        else:
            chosen[check.table] = check
    rows, deals = [], {}
    for number in sorted(chosen):
        check = chosen[number]
        table = ex.table(number)
        assert check.outcome is not None
        row = Row.of(number, table.players_text(), table.seed, check.name, check.outcome)
        rows.append(row)
        if row.deal:
            deals[number] = package_text(scenario, row.deal)
    benchmark = []
    for table in ex.tables:
        state = game.new_state(table.seed, {})  # every side played by the computer in its scenario style
        state.advance()
        benchmark.append(Row.of(table.number, "computer vs computer", table.seed, None, outcome_summary(state)))
    analysis = analyze_rules(game.rules)
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
        missing=[t.number for t in ex.tables if t.number not in chosen],
        excluded=excluded,
        stats=Stats.of(rows, actors),
        benchmark_stats=Stats.of(benchmark, actors),
        reservation=(float(analysis.reservation[0]), float(analysis.reservation[1])),
        frontier=[(float(u[0, p]), float(u[1, p])) for p in analysis.pareto],
        nash=point(analysis.nash),
        kalai_smorodinsky=point(analysis.kalai_smorodinsky),
        cloud=u[:, ::step],
        questions=[" ".join(q.split()) for q in scenario.debrief_questions],
        deals=deals,
        generated=datetime.now(UTC).isoformat(timespec="seconds"),
    )


# -- words and numbers ------------------------------------------------------------------------------


def result_text(row: Row) -> str:
    return {"deal": "deal", "walked": "walked out", "failed": "failed at home", "deadline": "deadline"}.get(
        row.status, row.status)


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
               "Ratified", "Left on table", "Red lines crossed", "Computer, same seed"]
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
        lines.append(f"Agreement rate: {percent(s.agreement_rate)} (computer against computer on the same seeds: "
                     f"{percent(c.agreement_rate)}).")
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
    if data.nash:
        lines.append(f"Nash point: {la} {data.nash[0]:.3f}, {lb} {data.nash[1]:.3f}; no-deal values "
                     f"{la} {data.reservation[0]:.2f}, {lb} {data.reservation[1]:.2f}.")
    if data.excluded:
        lines.append(f"Excluded logs: {len(data.excluded)} (see below).")
    return lines


def marker(table: int) -> str:
    if table <= 9:
        return str(table)
    if table <= 35:
        return "abcdefghijklmnopqrstuvwxyz"[table - 10]
    return "#"


def _span(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = max(0.02, (high - low) * 0.06)
    return max(0.0, low - pad), min(1.0, high + pad)


def text_chart(data: ReportData, width: int = 61, height: int = 21) -> str:
    """The outcome space as characters: frontier '.', Nash 'N', no-deal point '+', tables by number.

    The axes zoom on where the frontier, the no-deal point and the results lie; points
    that fall in one cell show as '*' and are named under the chart.
    """
    a, b = data.actors
    points: list[tuple[float, float, str, str]] = [(x, y, ".", "") for x, y in data.frontier]
    points.append((*data.reservation, "+", "the no-deal point"))
    if data.nash:
        points.append((*data.nash, "N", "the Nash point"))
    points += [(row.utility[a], row.utility[b], marker(row.table), f"table {row.table}") for row in data.rows]
    x0, x1 = _span([p[0] for p in points])
    y0, y1 = _span([p[1] for p in points])
    grid = [[" "] * width for _ in range(height)]
    shared: dict[tuple[int, int], list[str]] = {}
    for x, y, ch, name in points:
        col = round((x - x0) / max(x1 - x0, 1e-9) * (width - 1))
        row = height - 1 - round((y - y0) / max(y1 - y0, 1e-9) * (height - 1))
        col, row = min(max(col, 0), width - 1), min(max(row, 0), height - 1)
        if ch != ".":
            shared.setdefault((row, col), []).append(name)
        if grid[row][col] in (" ", "."):
            grid[row][col] = ch
        elif ch != ".":
            grid[row][col] = "*"
    la, lb = data.labels[a], data.labels[b]
    lines = [f"{lb} utility"]
    for i, cells in enumerate(grid):
        tick = f"{y1:.2f}" if i == 0 else f"{y0:.2f}" if i == height - 1 else ""
        lines.append(f"{tick:>5} |" + "".join(cells).rstrip())
    lines.append("      +" + "-" * width)
    lines.append(f"       {x0:<.2f}" + " " * (width - 8) + f"{x1:.2f}")
    lines.append(f"       {la} utility ->")
    lines.append(". Pareto frontier   N Nash point   + no-deal values   1-9, a-z: tables   * several at one spot")
    for names in shared.values():
        if len(names) > 1:
            lines.append("* " + ", ".join(names[:-1]) + " and " + names[-1] + " share a spot")
    return "\n".join(lines) + "\n"


# -- Markdown and HTML ------------------------------------------------------------------------------


def report_parts(data: ReportData, figure: Part) -> list[Part]:
    """The report as parts; ``figure`` is the chart's part (a Markdown image or text, or HTML)."""
    parts: list[Part] = [("", "\n".join([
        f"# Class report: {data.title}",
        "",
        f"Exercise `{data.exercise_id}` · scenario `{data.scenario_id}` · {tables_text(data.tables)} · {data.mode} · "
        f"generated {data.generated}.",
        "",
        "Only logs that `parley class verify` finds genuine count: their moves replay, on their table's own seed, "
        "to every state they record.",
    ]))]
    parts.append(("", "## Summary\n\n" + "\n".join(f"- {line}" for line in summary_lines(data))))
    if data.stats.games:
        a, b = data.actors
        spread = [f"| | {cell(data.labels[a])} | {cell(data.labels[b])} |", "|---|---|---|"]
        for title, key in (("Minimum utility", "min"), ("Median utility", "median"), ("Maximum utility", "max")):
            mine, theirs = getattr(data.stats.spread[a], key), getattr(data.stats.spread[b], key)
            spread.append(f"| {title} | {mine:.3f} | {theirs:.3f} |")
        spread.append(f"| Mean gain over no deal | {data.stats.mean_gain[a]:+.3f} | {data.stats.mean_gain[b]:+.3f} |")
        spread.append(f"| Mean gain, computer on the same seeds | {data.benchmark_stats.mean_gain[a]:+.3f} | "
                      f"{data.benchmark_stats.mean_gain[b]:+.3f} |")
        parts.append(("", "## Spread of outcomes\n\n" + "\n".join(spread)))
        columns = table_columns(data)
        rows = ["## Tables", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        rows += ["| " + " | ".join(cell(c) for c in table_cells(data, row)) + " |" for row in data.rows]
        if data.deals:
            rows += ["", "### The deals", ""] + [f"- Table {n}: {cell(text)}" for n, text in sorted(data.deals.items())]
        parts.append(("", "\n".join(rows)))
    parts.append(("", "## The deals on the outcome space\n\n" + CHART_CAPTION))
    parts.append(figure)
    if data.excluded:
        lines = ["## Excluded logs", "", "| Log | Verdict | Why |", "|---|---|---|"]
        lines += [f"| `{cell(name)}` | {cell(verdict)} | {cell(reason)} |" for name, verdict, reason in data.excluded]
        parts.append(("", "\n".join(lines)))
    a, b = data.actors
    bench = ["## Computer benchmark", "",
             "Each table's seed played computer against computer, both sides in the scenario's own styles.", "",
             f"| Table | Seed | Result | Rounds | U {cell(data.labels[a])} | U {cell(data.labels[b])} |",
             "|---|---|---|---|---|---|"]
    bench += [f"| {r.table} | {r.seed} | {result_text(r)} | {r.rounds} | {r.utility[a]:.3f} | {r.utility[b]:.3f} |"
              for r in data.benchmark]
    parts.append(("", "\n".join(bench)))
    if data.questions:
        parts.append(("", "## Questions for discussion\n\n"
                      + "\n".join(f"{n}. {q}" for n, q in enumerate(data.questions, start=1))))
    return parts


def report_markdown(data: ReportData, png_name: str | None) -> str:
    """The report in Markdown; the chart is ``png_name`` beside it when drawn, else text."""
    if png_name:
        figure = ("", f"![Every table's result on the outcome space]({png_name})")
    else:
        figure = ("", "```\n" + text_chart(data) + "```")
    return parts_markdown(report_parts(data, figure))


def chart_html(data: ReportData, png: bytes | None, problem: str | None) -> str:
    """The figure of the HTML report: the PNG inline, or how to get it and the text chart meanwhile."""
    if png is not None:
        encoded = base64.b64encode(png).decode("ascii")
        return ('<figure><img alt="Every table\'s result on the outcome space, with the Pareto frontier and the '
                f'Nash point" src="data:image/png;base64,{encoded}"></figure>')
    note = (f"The chart is drawn with matplotlib, which is not installed here ({html.escape(problem or '')}). "
            f"Install it with <code>{html.escape(INSTALL_HINT)}</code> (or <code>pip install matplotlib</code>) "
            "and run <code>parley class report</code> again. Meanwhile, the chart in text:")
    return f'<p class="note">{note}</p><pre>{html.escape(text_chart(data))}</pre>'


def report_html(data: ReportData, png: bytes | None, problem: str | None = None) -> str:
    """A self-contained page: every number, the chart embedded as base64 PNG, no outside resources."""
    parts = report_parts(data, (RAW, chart_html(data, png, problem)))
    css = "body { max-width: 64rem; } pre { font-size: .8rem; } @media print { table { font-size: 9pt; } }"
    return html_page(f"Class report: {data.title}", [parts], extra_css=css)
