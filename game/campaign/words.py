"""The campaign in words: interludes, the campaign debrief and the JSON summary.

Shared by plain mode and the terminal screens, so both say the same thing. Every line
fits 80 columns: the trust chart draws one column block per summit, years underneath,
and the debrief lists every summit's deal against its Nash point, the turning points of
each summit (:mod:`game.session.turning`) and the promises kept or broken.
"""

from __future__ import annotations

import textwrap
from typing import Any

from game.engine import outcome
from game.scenario.campaign import Promise
from game.session.turning import turning_points

from .run import CampaignRun

WIDTH = 76
#: Rows of the trust chart (1.0 at the top, 0.0 at the bottom, in steps of 0.2).
CHART_ROWS = 6
#: Columns of each summit's block in the trust chart.
BLOCK = 13
SPARKS = "▁▂▃▄▅▆▇█"
#: Turning points shown per summit in the campaign debrief.
TURNS_PER_SUMMIT = 2


def wrap(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False) or [""]


def result_word(status: str) -> str:
    return "deal" if status == "deal" else "no deal"


def status_text(status: str, walked_by: str | None, names: dict[str, str]) -> str:
    if status == "deal":
        return "deal, ratified at home"
    if status == "walked":
        return f"no deal: {names.get(walked_by or '', 'a side')} walked out"
    if status == "failed":
        return "no deal: the deal failed at home"
    return "no deal: time ran out"


# -- between summits --------------------------------------------------------------------------------


def interlude_heading(run: CampaignRun, index: int) -> str:
    return f"Summit {index + 1} of {len(run.summits)}, {run.year_label(index)}: {run.scenario(index).title}"


def interlude_paragraphs(run: CampaignRun, index: int) -> tuple[list[str], list[str]]:
    """The interlude before summit ``index`` as unwrapped paragraphs (its title, when it is set
    when the article gives no date, its text) and its sources, one line each."""
    summit = run.summits[index]
    paragraphs = [f"When: {' '.join(summit.when.split())}"] if summit.when else []
    sources: list[str] = []
    if summit.interlude is not None:
        paragraphs += [summit.interlude.title, " ".join(summit.interlude.text.split())]
        sources = [cite.source_text() for cite in summit.interlude.citations]
    return paragraphs, sources


def interlude_lines(run: CampaignRun, index: int) -> list[str]:
    """What happened before summit ``index``: its title, year, the interlude's text and its sources."""
    paragraphs, sources = interlude_paragraphs(run, index)
    out = [interlude_heading(run, index)]
    for n, paragraph in enumerate(paragraphs):
        out += wrap(paragraph, "  " if n == len(paragraphs) - 1 or paragraph.startswith("When:") else "")
    if sources:
        out.append("  Sources:")
        for source in sources:
            out += wrap(source, "    ")
    return out


def computer_promise_line(run: CampaignRun, promise: Promise, keeps: bool) -> str:
    """What the computer does with its side's promise, and why (the campaign's rule, in words)."""
    trust = run.plays[-1].result().trust_end
    rule = run.campaign.carry.computer_keeps_at
    return (f"{run.names()[promise.by]} {'keeps' if keeps else 'breaks'} it: the last summit ended with trust at "
            f"{trust:.2f} ({'at least' if keeps else 'below'} {rule:.2f}).")


def promise_line(run: CampaignRun, promise: Promise) -> str:
    return f"{run.names()[promise.by]} promised: {' '.join(promise.text.split())}"


def cost_text(promise: Promise) -> str:
    """What keeping a promise costs its side at the next summit, in words."""
    words = {"reservation": "no-deal value", "threshold": "bar at home", "pressure": "pressure at home"}
    parts = [f"{words[name]} {getattr(promise.cost, name):+.2f}" for name in words if getattr(promise.cost, name)]
    return ", ".join(parts) if parts else "nothing at home"


def carried_lines(run: CampaignRun, kept: dict[str, bool], width: int | None = WIDTH) -> list[str]:
    """What the last summit carries into the next one, given the player's choices (lines wrapped to
    ``width``; None leaves each one line, for screens that wrap text themselves)."""
    carried = run.preview(kept)
    if carried is None:
        return []
    body = [w for line in carried.lines for w in (wrap(line, "  ") if width else [f"• {line}"])]
    return ["What the past brings to the table:", *body]


# -- the campaign debrief -----------------------------------------------------------------------------


def sparkline(values: list[float]) -> str:
    return "".join(SPARKS[min(len(SPARKS) - 1, max(0, int(v * len(SPARKS))))] for v in values)


#: The narrowest block: a summit's "0.50→0.17" and "after 2022" still fit under it.
NARROW_BLOCK = 10
#: Below this many columns the debrief's summit table leaves out the titles.
NARROW = 76


def trust_chart(points: list[tuple[str, float, float]], block: int = BLOCK) -> list[str]:
    """A chart of trust over the summits: ○ when talks opened, ● when they closed, years below.
    ``block`` columns per summit (at least :data:`NARROW_BLOCK`)."""
    width = 5 + block * len(points)
    grid = [[" "] * width for _ in range(CHART_ROWS)]

    def row(value: float) -> int:
        return CHART_ROWS - 1 - min(CHART_ROWS - 1, max(0, round(value * (CHART_ROWS - 1))))

    for k, (_, start, end) in enumerate(points):
        left = 5 + block * k + (block - 9) // 2
        a, b = row(start), row(end)
        mid = left + 4
        for c in range(left + 1, left + 8):
            grid[a if c < mid else b][c] = "─"
        for r in range(min(a, b) + 1, max(a, b)):
            grid[r][mid] = "│"
        if a != b:  # falling: ┐ above └; rising: ┘ below ┌
            grid[a][mid] = "┐" if a < b else "┘"
            grid[b][mid] = "└" if a < b else "┌"
        grid[a][left] = "○"
        grid[b][left + 8] = "●"
    lines = []
    for r in range(CHART_ROWS):
        level = (CHART_ROWS - 1 - r) / (CHART_ROWS - 1)
        lines.append(f"{level:3.1f} ┤" + "".join(grid[r][5:]).rstrip())
    lines.append("    └" + "─" * (width - 5))
    lines.append("     " + "".join(label.center(block) for label, _, _ in points).rstrip())
    lines.append("     " + "".join(f"{s:.2f}→{e:.2f}".center(block) for _, s, e in points).rstrip())
    return lines


def debrief_lines(run: CampaignRun, width: int = WIDTH) -> list[str]:
    """The campaign debrief: the summits against their Nash points, the trust line, turning points, promises.

    ``width``: the columns to fit (plain mode: 76); below :data:`NARROW` the summit table
    leaves out the titles and the chart narrows, so a 60-column screen shows it whole."""
    narrow = width < NARROW
    names = run.names()
    me, them = run.side, run.other
    out = [f"Campaign debrief: {run.campaign.title}",
           *wrap(f"You played {names[me]} against the computer ({run.opponent}), seed {run.seed}.", "", width), ""]
    results = [(play, outcome(play.state)) for play in run.plays]
    title_w = 0 if narrow else 30
    out.append(f"{'':10}  {'Summit' if title_w else '':{title_w}}{'result':7}  {'gains: you / them':17}  {'Nash %':>6}")
    for play, result in results:
        share = "-" if result.status != "deal" or result.nash_share is None else f"{result.nash_share:.0%}"
        title = play.state.scenario.title.split(":")[0][:28] if title_w else ""
        out.append(f"{run.year_label(play.index):>10}  {title:{title_w}}{result_word(result.status):7}  "
                   f"{result.gain[me]:+.2f} / {result.gain[them]:+.2f}      {share:>6}")
    line = [v for _, s, e in run.trust_line() for v in (s, e)]
    legend = "(○ talks open, ● talks close)"
    out += ["", f"Trust over the years {sparkline(line)}" + (f"\n{legend}" if narrow else f"  {legend}")]
    out += trust_chart(run.trust_line(), NARROW_BLOCK if narrow else BLOCK)
    out += ["", *wrap("Every summit's deal against its Nash point (worth to you / to them)", "", width)]
    for play, result in results:
        ended = status_text(result.status, result.walked_by, names) if play.state.is_terminal else "unfinished"
        out += wrap(f"{run.year_label(play.index)}: {ended}", "  ", width)
        got = f"{result.utility[me]:.2f} / {result.utility[them]:.2f}"
        nash = result.nash
        if nash is None:
            out += wrap(f"{got}; no agreement was possible at this table", "    ", width)
            continue
        best = f"{nash['utility'][me]:.2f} / {nash['utility'][them]:.2f}"
        if result.status == "deal":
            share = f" ({result.nash_share:.0%} of its product)" if result.nash_share is not None else ""
            out += wrap(f"the deal {got}; the Nash point {best}{share}", "    ", width)
        else:
            out += wrap(f"no deal {got}; the Nash point was {best}", "    ", width)
    out += ["", "Turning points"]
    for play in run.plays:
        points = sorted(sorted(turning_points(play.state, me), key=lambda p: -p.weight)[:TURNS_PER_SUMMIT],
                        key=lambda p: p.seq)
        for p in points:
            out += wrap(_short(f"{run.year_label(play.index)}, round {p.round}: {p.text}"), "  ", width)
        if not points:
            out.append(f"  {run.year_label(play.index)}: nothing decisive")
    out += ["", "Promises kept and broken"]
    promised = [(run.plays[k - 1], p, play.checked.get(p.id, False)) for k, play in enumerate(run.plays) if k
                for p in play.checked_promises]
    for made, promise, kept in promised:
        out += wrap(f"{run.year_label(made.index)}: {names[promise.by]}: {' '.join(promise.text.split())} "
                    f"({'kept' if kept else 'broken'})", "  ", width)
    if not promised:
        out.append("  No deal promised a step that a later summit checked.")
    last = run.plays[-1].carried if run.plays else None
    if last is not None:
        out += ["", *wrap("Reputation now: " + ", ".join(f"{names[a]} believed at {last.credibility[a]:.2f}"
                                                          for a in (me, them)), "", width)]
    return out


def _short(text: str, limit: int = 150) -> str:
    """A turning point in at most two lines (a walk-out's stated reason can run long)."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"


def summary(run: CampaignRun) -> dict[str, Any]:
    """The ``--json-summary`` object: each summit's result, closing trust and gains, and the trust
    line (every summit's opening and closing trust, in order)."""
    summits = []
    for play in run.plays:
        result = outcome(play.state)
        summits.append({"scenario": play.state.scenario.id, "result": result_word(result.status),
                        "trust_end": round(play.state.trust, 6),
                        "gain": {a: round(float(g), 6) for a, g in result.gain.items()}})
    return {"summits": summits, "trust": [round(v, 6) for _, s, e in run.trust_line() for v in (s, e)]}
