"""The class report rendered: a text scatter for terminals, Markdown, and a self-contained HTML page.

Everything here reads :class:`.report.ReportData` and writes text; the numbers are made in
:mod:`.report`. The HTML page embeds the chart (a PNG from :mod:`.charts`) as base64, so
it opens anywhere with no outside resource.
"""

from __future__ import annotations

import base64
import html

from .concessions import concession_markdown
from .exercise import tables_text
from .grades import GRADE_TEXT, grade_text
from .report import ReportData, result_text, summary_lines, table_cells, table_columns
from .sheets import RAW, Part, cell, html_page, parts_markdown
from .standing import STATUS_TEXT

INSTALL_HINT = 'pip install "parley[classroom]"'
CHART_CAPTION = (
    "Each table's result as a point (each side's utility; a table with no deal sits at its no-deal values), "
    "against every package, the Pareto frontier and the Nash point of the scenario. Tables with the same result "
    "share one label. Results are scored as each game ended: news during a game may have moved a table's weights "
    "a little."
)


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


def _num(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def students_markdown(data: ReportData) -> str:
    """The per-student rows, with the grade the instructor chose."""
    a_label = {a: data.labels[a] for a in data.actors}
    per_side = {a: sum(1 for r in data.students if r.seat == a and r.rank is not None) for a in data.actors}
    lines = ["## Students", "", f"Grade: {data.grade} — {GRADE_TEXT[data.grade]}. The same rows are in "
             "`report/grades.csv`.", "",
             "| Table | Seat | Side | Student | Result | Utility | Gain | Nash share | Ratified | Rank | Grade |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in data.students:
        ratified = "—" if r.ratified is None else "yes" if r.ratified else "no"
        rank = "—" if r.rank is None else f"{r.rank} of {per_side[r.seat]}"
        lines.append(f"| {r.table} | {r.seat} | {cell(a_label[r.seat])} | {cell(r.student or '(no name)')} | "
                     f"{cell(r.result)} | {_num(r.utility, '.3f')} | {_num(r.gain, '+.3f')} | "
                     f"{_num(r.nash_share, '.0%')} | {ratified} | {rank} | "
                     f"{grade_text(r, data.grade, per_side[r.seat])} |")
    return "\n".join(lines)


def standings_markdown(data: ReportData) -> str:
    """Each table's standing as `parley class verify` gives it: which game counts, and why."""
    lines = ["## Table by table", "", "| Table | Standing | Which game counts, and why |", "|---|---|---|"]
    lines += [f"| {s.table} | {STATUS_TEXT[s.status]} | {cell(s.reason)} |" for s in data.standings]
    return "\n".join(lines)


def report_parts(data: ReportData, figure: Part) -> list[Part]:
    """The report as parts; ``figure`` is the chart's part (a Markdown image or text, or HTML)."""
    parts: list[Part] = [("", "\n".join([
        f"# Class report: {data.title}",
        "",
        f"Exercise `{data.exercise_id}` · scenario `{data.scenario_id}` · {tables_text(data.tables)} · {data.mode} · "
        f"generated {data.generated}.",
        "",
        "Only logs that `parley class verify` finds genuine count: their moves replay, on their table's own seed, "
        "to every state they record. When a table handed in more than one game, the first game started counts.",
    ]))]
    parts.append(("", "## Summary\n\n" + "\n".join(f"- {line}" for line in summary_lines(data))))
    if data.students:
        parts.append(("", students_markdown(data)))
    if data.stats.games:
        a, b = data.actors
        spread = [f"| | {cell(data.labels[a])} | {cell(data.labels[b])} |", "|---|---|---|"]
        for title, key in (("Minimum utility", "min"), ("Median utility", "median"), ("Maximum utility", "max")):
            mine, theirs = getattr(data.stats.spread[a], key), getattr(data.stats.spread[b], key)
            spread.append(f"| {title} | {mine:.3f} | {theirs:.3f} |")
        spread.append(f"| Mean gain over no deal | {data.stats.mean_gain[a]:+.3f} | {data.stats.mean_gain[b]:+.3f} |")
        spread.append(f"| Mean gain, the computer in the students' place | {data.benchmark_stats.mean_gain[a]:+.3f} | "
                      f"{data.benchmark_stats.mean_gain[b]:+.3f} |")
        parts.append(("", "## Spread of outcomes\n\n" + "\n".join(spread)))
        columns = table_columns(data)
        rows = ["## Tables", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        rows += ["| " + " | ".join(cell(c) for c in table_cells(data, row)) + " |" for row in data.rows]
        if data.deals:
            rows += ["", "### The deals", ""] + [f"- Table {n}: {cell(text)}" for n, text in sorted(data.deals.items())]
        parts.append(("", "\n".join(rows)))
    if data.issues:
        parts.append(("", concession_markdown(data.issue_names, data.labels, data.issues)))
    parts.append(("", "## The deals on the outcome space\n\n" + CHART_CAPTION))
    parts.append(figure)
    parts.append(("", standings_markdown(data)))
    if data.excluded:
        lines = ["## Excluded logs", "", "| Log | Verdict | Why |", "|---|---|---|"]
        lines += [f"| `{cell(name)}` | {cell(verdict)} | {cell(reason)} |" for name, verdict, reason in data.excluded]
        parts.append(("", "\n".join(lines)))
    parts.append(("", benchmark_markdown(data)))
    if data.questions:
        parts.append(("", "## Questions for discussion\n\n"
                      + "\n".join(f"{n}. {q}" for n, q in enumerate(data.questions, start=1))))
    return parts


def benchmark_markdown(data: ReportData) -> str:
    a, b = data.actors
    lines = ["## Computer benchmark", "",
             "Each table's seed played again by the computer in the students' place — in the scenario's own style "
             "for the students' side — against the opponent the students faced there (at hot-seat tables, both "
             "sides in the scenario's styles).", "",
             f"| Table | Seed | Who played | Result | Rounds | U {cell(data.labels[a])} | U {cell(data.labels[b])} |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r.table} | {r.seed} | {cell(r.players)} | {cell(result_text(r))} | {r.rounds} | "
              f"{r.utility[a]:.3f} | {r.utility[b]:.3f} |" for r in data.benchmark]
    return "\n".join(lines)


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
