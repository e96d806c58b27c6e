"""Printable sheets: a role sheet per side, handouts with seat codes, the instructor sheet.

Each sheet is a list of parts (a CSS class and Markdown), so the Markdown file and the
print-ready HTML page come from one source. A role sheet is built only from what its side
may know: the public background, its own confidential brief, weights, values, red lines
and BATNA, the other side's *declared* red lines and constituency name (shown in the game
too), and the rules of scoring. It never reads the other side's brief, weights or values.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from markdown_it import MarkdownIt

from game.engine import Game
from game.engine.analysis import Analysis, analyze_rules
from game.scenario.models import Scenario
from game.scenario.seednotes import seed_notes_markdown
from game.session.transcript import package_text

from .exercise import INSTRUCTOR_DIR, SEAT_CODES_FILE, SECRET_FILE, Exercise, TablePlan, tables_text

Part = tuple[str, str]  # (CSS class of the block, Markdown); class RAW: HTML this package made itself
RAW = "raw-html"
PARETO_ROWS = 30

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")

CSS = """
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", serif; color: #111; line-height: 1.45;
       max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #888; margin-top: 1.6rem; }
h3 { font-size: 1.05rem; }
table { border-collapse: collapse; margin: .6rem 0; }
th, td { border: 1px solid #999; padding: .2rem .5rem; text-align: left; vertical-align: top; }
code, .card { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.confidential { border-left: 4px solid #a00; padding-left: 1rem; }
.card { border: 2px dashed #333; padding: .4rem 1rem; margin: 1rem 0; }
.secret { border: 2px solid #a00; padding: .4rem 1rem; background: #fff4f4; }
.note { color: #444; font-size: .95rem; }
.sheet + .sheet { break-before: page; page-break-before: always; }
img { max-width: 100%; }
@page { size: A4; margin: 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, li, .card, img { break-inside: avoid; page-break-inside: avoid; }
}
"""


def markdown_html(text: str) -> str:
    """Markdown to HTML with raw HTML escaped (scenario text is never trusted as markup)."""
    return _MARKDOWN.render(text)


def html_page(title: str, sheets: list[list[Part]], extra_css: str = "") -> str:
    """A self-contained page: inline CSS, no scripts, no outside resources; one sheet per printed page run."""
    body = []
    for parts in sheets:
        blocks = "".join(
            md if cls == RAW else f'<div class="{cls}">{markdown_html(md)}</div>' if cls else markdown_html(md)
            for cls, md in parts
        )
        body.append(f'<section class="sheet">{blocks}</section>')
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{CSS}{extra_css}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def parts_markdown(parts: list[Part]) -> str:
    return "\n\n".join(md.strip() for cls, md in parts if cls != RAW) + "\n"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


@dataclass(frozen=True)
class SeatCard:
    """What a student needs to take a seat: printed on the handout, kept out of exercise.json."""

    table: int
    table_code: str
    seat_code: str
    command: str


def play_command(folder_name: str, table: int | str, actor: str) -> str:
    return f"parley play --exercise {folder_name} --table {table} --as {actor}"


def time_rule(exercise: Exercise) -> str:
    if exercise.round_time is None:
        return "There is no time limit on a move."
    return (f"**Time limit: {exercise.round_time:g} seconds for each of your moves.** When time runs out your turn "
            "passes: the other side's offer, if one stands, counts as rejected; otherwise you make no proposal "
            "this round.")


def scoring_rules(scenario: Scenario, game: Game, actor_id: str, exercise: Exercise) -> str:
    """How a side scores and how the game runs, in words both sides' sheets share."""
    me, other = scenario.actor(actor_id), scenario.other(actor_id)
    reservation = float(game.rules.base_reservation[game.rules.actor_index(actor_id)])
    after = ("the talks reopen, with less trust" if scenario.on_failed_ratification == "reopen"
             else "the talks end with no deal")
    return "\n".join([
        "## How you score",
        "",
        "- A package settles every issue with one option. Your score for a package is the sum over the issues "
        "of your weight times your value of the option chosen: a number between 0 and 1.",
        f"- No deal scores your no-deal value, **{reservation:.2f}**. A deal worth less is worse than walking "
        "away. The class compares each table's scores and each side's *gain over its no-deal value*.",
        f"- The talks last {scenario.rounds} rounds; {scenario.actor(scenario.opener).name} opens. In each round "
        "each side moves once: propose a package, accept or reject the other side's offer, or walk away. "
        "Before that you may signal your priorities (cheap talk: it may be a bluff) and play one of your own "
        "moves below.",
        f"- An accepted package must be ratified at home by {me.constituency.name} and by "
        f"{other.constituency.name}; if either rejects it, {after}.",
        "- News may break between rounds and change what a side values or can live with.",
        "- No package that crosses your red lines can be proposed or accepted by you.",
        f"- {time_rule(exercise)}",
    ])


def role_sheet(scenario: Scenario, game: Game, actor_id: str, exercise: Exercise, folder_name: str,
               card: SeatCard | None = None) -> list[Part]:
    """The role sheet of ``actor_id`` (with ``card``: one student's copy, with the seat codes)."""
    me, other = scenario.actor(actor_id), scenario.other(actor_id)
    rules = game.rules
    a = rules.actor_index(actor_id)
    parts: list[Part] = []
    head = [
        f"# Role sheet: {me.name}",
        "",
        f"**{scenario.title}** — {scenario.when}",
        "",
        f"You are **{me.name}**, led by {me.leader}. {' '.join(me.description.split())}",
    ]
    parts.append(("", "\n".join(head)))
    if card is not None:
        parts.append(("card", "\n".join([
            f"**Table {card.table}** · table code `{card.table_code}` · you play **{me.name}**",
            "",
            f"Seat code: `{card.seat_code}` (keep it to yourself)",
            "",
            f"To play: `{card.command}`",
        ])))
    parts.append(("", "## Background (both sides read this)\n\n" + scenario.briefings.public.strip()))
    sources = seed_notes_markdown(scenario)
    if sources:  # before play, as the game shows it with the briefing
        parts.append(("note", sources))
    parts.append(("confidential", f"## Confidential — for {me.name} only\n\n"
                  + scenario.briefings.confidential[actor_id].strip()))
    weights = rules.base_weights[a]
    order = sorted(range(len(scenario.issues)), key=lambda i: (-weights[i], i))
    rows = ["## Your priorities", "", "| Issue | Your weight | Your value of each option |", "|---|---|---|"]
    for i in order:
        issue = scenario.issues[i]
        values = scenario.preferences[actor_id][issue.id].values
        options = "; ".join(f"{o.label} {values[o.id]:.2f}" for o in issue.options)
        rows.append(f"| {cell(issue.name)} | {weights[i]:.0%} | {cell(options)} |")
    parts.append(("", "\n".join(rows)))
    mine = scenario.red_lines.get(actor_id, [])
    lines = ["## Your red lines", ""]
    if mine:
        for line in mine:
            labels = ", ".join(scenario.option_label(line.issue, o) for o in line.options)
            lines.append(f"- **{scenario.issue(line.issue).name}:** never {labels}. {' '.join(line.rationale.split())}")
    else:
        lines.append("- None: every package is open to you.")
    theirs = scenario.red_lines.get(other.id, [])
    if theirs:
        lines += ["", f"{other.name} has declared these red lines (it will not propose or accept them):", ""]
        for line in theirs:
            labels = ", ".join(scenario.option_label(line.issue, o) for o in line.options)
            lines.append(f"- {scenario.issue(line.issue).name}: never {labels}")
    parts.append(("", "\n".join(lines)))
    reservation = float(rules.base_reservation[a])
    parts.append(("", "\n".join([
        "## If there is no deal",
        "",
        f"{' '.join(me.batna.split())} No deal is worth **{reservation:.2f}** to you (your reservation value).",
        "",
        f"At home, {me.constituency.name} must ratify any deal: {' '.join(me.constituency.description.split())}",
    ])))
    if me.tactics:
        moves = ["## Your own moves", ""]
        for tactic in me.tactics:
            kind = "gesture" if tactic.kind == "gesture" else "pressure"
            uses = f", up to {tactic.max_uses} times" if tactic.max_uses > 1 else ""
            moves.append(f"- **{tactic.label}** ({kind}{uses}): {' '.join(tactic.description.split())}")
        parts.append(("", "\n".join(moves)))
    parts.append(("", scoring_rules(scenario, game, actor_id, exercise)))
    if card is None:
        parts.append(("note", "## How to play\n\n"
                      f"`{play_command(folder_name, 'K', actor_id)}` with your table number for K (add `--plain` for "
                      "the line-by-line interface). Your instructor gives you your table number and seat code."))
    return parts


def handouts(scenario: Scenario, game: Game, actor_id: str, exercise: Exercise, folder_name: str,
             codes: dict[int, dict[str, str]]) -> list[list[Part]]:
    """One copy of ``actor_id``'s role sheet per table where a student plays it, each with its seat card."""
    out = []
    for table in exercise.tables:
        code = codes.get(table.number, {}).get(actor_id)
        if code is None:
            continue
        card = SeatCard(table.number, table.code, code, play_command(folder_name, table.number, actor_id))
        out.append(role_sheet(scenario, game, actor_id, exercise, folder_name, card))
    return out


# -- the instructor sheet -------------------------------------------------------------------------


def _package_row(scenario: Scenario, game: Game, analysis: Analysis, package: int) -> str:
    u = analysis.utilities[:, package]
    return f"{u[0]:.3f} | {u[1]:.3f} | {cell(package_text(scenario, game.rules.choice_of(package)))}"


def _table_cells(table: TablePlan, scenario: Scenario, codes: dict[int, dict[str, str]]) -> list[str]:
    out = []
    for actor in scenario.actors:
        plan = table.seats[actor.id]
        code = codes.get(table.number, {}).get(actor.id)
        out.append(f"student, seat code `{code}`" if code else f"computer ({plan.player})")
    return out


def instructor_sheet(scenario: Scenario, game: Game, exercise: Exercise, folder_name: str,
                     codes: dict[int, dict[str, str]]) -> list[Part]:
    """The instructor's sheet: tables and commands, the full analysis, what each side values, questions."""
    rules = game.rules
    analysis = analyze_rules(rules)
    labels = [a.label for a in scenario.actors]
    mode = exercise.mode_text()
    parts: list[Part] = [("", "\n".join([
        f"# Instructor sheet: {scenario.title}",
        "",
        f"Exercise `{exercise.id}` · created {exercise.created} · scenario `{scenario.id}` "
        f"(content hash `{exercise.scenario.hash[:12]}…`) · {tables_text(len(exercise.tables))} · {mode} · "
        f"exercise seed {exercise.seed}.",
        "",
        time_rule(exercise),
    ]))]
    parts.append(("secret", "\n".join([
        "## Keep this folder to yourself",
        "",
        f"`{INSTRUCTOR_DIR}/` holds what students must not see: this sheet (it shows both sides' priorities), "
        f"the seat codes (`{INSTRUCTOR_DIR}/{SEAT_CODES_FILE}`), the handouts that carry them "
        f"(`{INSTRUCTOR_DIR}/handouts/`), and the secret that signs hosted game logs "
        f"(`{INSTRUCTOR_DIR}/{SECRET_FILE}`). That secret exists only in this folder: a student who has it can "
        "sign a forged log, and without it signed logs cannot be checked. Give students the rest of the folder "
        "(`exercise.json`, `scenario.yaml`, `seeds/`, `roles/`) — everything but this subfolder.",
    ])))
    head = "| Table | Table code | Seed | " + " | ".join(cell(a.name) for a in scenario.actors) + " | Command |"
    rows = ["## Tables", "", head, "|---|---|---|" + "---|" * len(scenario.actors) + "---|"]
    for table in exercise.tables:
        humans = table.humans
        command = play_command(folder_name, table.number, humans[0]) if len(humans) == 1 else (
            f"parley play --exercise {folder_name} --table {table.number}")
        rows.append(f"| {table.number} | `{table.code}` | {table.seed} | "
                    + " | ".join(_table_cells(table, scenario, codes)) + f" | `{command}` |")
    rows += [
        "",
        "Hot-seat tables play both sides on one keyboard (`--as` is optional there). Add `--plain` for the "
        "line-by-line interface. Every finished game writes its log to `results/` in the student's copy of "
        "the folder (or where `--log-to` says); collect the logs into this folder's `results/`, then:",
        "",
        f"- `parley class verify {folder_name}` checks every log by replaying its moves on its table's seed;",
        f"- `parley class report {folder_name}` compares the tables (written to `{folder_name}/report/`).",
    ]
    parts.append(("", "\n".join(rows)))
    parts.append(("", _analysis_markdown(scenario, game, analysis, labels)))
    parts.append(("", _values_markdown(scenario, game)))
    sources = seed_notes_markdown(scenario)
    if sources:  # the debrief discusses how far the article can be trusted
        parts.append(("note", sources))
    if scenario.debrief_questions:
        parts.append(("", "## Debrief questions\n\n" + "\n".join(
            f"{n}. {' '.join(q.split())}" for n, q in enumerate(scenario.debrief_questions, start=1))))
    return parts


def _analysis_markdown(scenario: Scenario, game: Game, analysis: Analysis, labels: list[str]) -> str:
    zone = len(analysis.zone)
    out = [
        "## The analysis",
        "",
        f"Outcome space: {analysis.outcomes:,} packages over {len(scenario.issues)} issues. Agreement zone: "
        f"{zone:,} packages respect both sides' red lines and beat both no-deal values "
        f"({', '.join(f'{labels[i]} {analysis.reservation[i]:.2f}' for i in (0, 1))}).",
        "",
    ]
    if zone == 0:
        out.append("There is no agreement zone: every game ends without a deal.")
        return "\n".join(out)
    out += [f"| Solution | {cell(labels[0])} | {cell(labels[1])} | Package |", "|---|---|---|---|"]
    named = [("Nash (largest product of gains)", analysis.nash),
             ("Kalai-Smorodinsky (equal share of each best gain)", analysis.kalai_smorodinsky),
             (f"Best for {labels[0]}", analysis.best[0]), (f"Best for {labels[1]}", analysis.best[1])]
    for title, package in named:
        if package is not None:
            out.append(f"| {cell(title)} | " + _package_row(scenario, game, analysis, package) + " |")
    front = list(analysis.pareto)
    out += ["", f"### Pareto frontier ({len(front)} packages, by {labels[0]}'s utility)", "",
            f"| {cell(labels[0])} | {cell(labels[1])} | Package |", "|---|---|---|"]
    step = max(1, -(-len(front) // PARETO_ROWS))
    for p in front[::step]:
        out.append("| " + _package_row(scenario, game, analysis, int(p)) + " |")
    if step > 1:
        out.append(f"\n(every {step}th package of the frontier shown; `parley analyze {scenario.id}` lists all)")
    return "\n".join(out)


def _values_markdown(scenario: Scenario, game: Game) -> str:
    rules = game.rules
    actors = scenario.actors
    out = ["## What each side really values", "",
           "| Issue | " + " | ".join(f"{cell(a.label)} weight" for a in actors) + " | Options ("
           + " / ".join(cell(a.label) for a in actors) + " value) |",
           "|---|" + "---|" * len(actors) + "---|"]
    for i, issue in enumerate(scenario.issues):
        weights = " | ".join(f"{rules.base_weights[a][i]:.0%}" for a in range(len(actors)))
        options = "; ".join(
            f"{o.label} " + "/".join(f"{scenario.preferences[a.id][issue.id].values[o.id]:.2f}" for a in actors)
            for o in issue.options
        )
        out.append(f"| {cell(issue.name)} | {weights} | {cell(options)} |")
    for actor in actors:
        lines = scenario.red_lines.get(actor.id, [])
        out += ["", f"**{actor.name}**: no deal is worth {actor.reservation:.2f} ({' '.join(actor.batna.split())}) "
                f"Patience {actor.patience:.2f}; the computer plays it as `{actor.style}`. Ratified by "
                f"{actor.constituency.name}.", ""]
        for line in lines:
            labels = ", ".join(scenario.option_label(line.issue, o) for o in line.options)
            out.append(f"- Red line on {scenario.issue(line.issue).name}: never {labels}.")
    return "\n".join(out)
