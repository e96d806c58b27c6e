"""Printable sheets: a role sheet per side and handouts with seat codes (the instructor's is in
:mod:`.instructor`, the one-page version in :mod:`.glance`).

Each sheet is a list of parts (a CSS class and Markdown), so the Markdown file and the
print-ready HTML page come from one source. A role sheet is built only from what its side
may know: the public background, its own confidential brief, weights, values, red lines
and BATNA, the other side's *declared* red lines and constituency name (shown in the game
too), and the rules of the exercise. It never reads the other side's brief, weights or values.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from markdown_it import MarkdownIt

from game.engine import Game
from game.scenario.models import Scenario
from game.scenario.seednotes import seed_notes_markdown

from .exercise import Exercise, TablePlan
from .roster import Roster
from .seatfile import SEAT_SUFFIX

Part = tuple[str, str]  # (CSS class of the block, Markdown); class RAW: HTML this package made itself
RAW = "raw-html"
#: First words and last words of a side's name that take "the": the United States, the Taliban.
_THE_FIRST = {"united", "republic", "kingdom", "federation", "european", "democratic", "islamic", "people's"}
_THE_LAST = {"states", "islands", "emirates", "netherlands", "philippines", "union", "taliban", "government",
             "military", "army", "administration", "council", "alliance", "coalition", "authority", "league"}
#: The rule for a table that hands in more than one game, printed on every sheet.
PLAY_ONCE = ("Play your table once. If more than one game of your table is handed in, only the first game "
             "started counts.")

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
  .sheet:has(.glance) { font-size: 9.5pt; line-height: 1.3; }
  .sheet:has(.glance) h2 { margin-top: .9rem; }
  .sheet:has(.glance) td, .sheet:has(.glance) th { padding: .1rem .4rem; }
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


def the(name: str, start: bool = False) -> str:
    """A side's name as prose needs it: "the United States", "Pakistan" (capitalised at a sentence's ``start``)."""
    words = name.split()
    if words and words[0].casefold() != "the" and (
            words[0].casefold() in _THE_FIRST or words[-1].casefold() in _THE_LAST or " of " in name.casefold()):
        return ("The " if start else "the ") + name
    return name


def inner(name: str) -> str:
    """A name inside a sentence: "The army and the public" becomes "the army and the public"."""
    return "the" + name[3:] if name.startswith("The ") else name


@dataclass(frozen=True)
class SeatCard:
    """What a student needs to take a seat: printed on the handout, kept out of exercise.json."""

    table: int
    table_code: str
    seat_code: str
    command: str  # hand-out mode: how to open the seat file
    student: str | None = None  # from the roster


def seat_file_name(table: TablePlan, seat: str | None) -> str:
    """The seat file of a keyboard: ``table-03-us.parley-seat``, or ``table-03.parley-seat`` for a hot-seat pair."""
    return f"table-{table.number:02d}" + (f"-{seat}" if seat else "") + SEAT_SUFFIX


def play_command(table: TablePlan, actor: str | None = None, named: bool = False) -> str:
    """The command that opens a keyboard's seat file (with ``--name`` when no roster names the students)."""
    seat = None if table.hot_seat else (actor or table.humans[0])
    command = f"parley play --exercise {seat_file_name(table, seat)} --table {table.number}"
    command += f" --as {seat}" if seat else ""
    if not named:
        command += ' --name "Your Name"' if seat else "".join(f' --name {a}="Name"' for a in table.humans)
    return command


def estimates_rule(exercise: Exercise, other: str) -> str:
    """What the game shows of the other side, as the exercise sets it."""
    if exercise.estimates:
        return (f"**In-game estimates are on.** The game shows its analysts' estimate of what {other} values and of "
                "the chance it accepts an offer: estimates built from what your side has seen, not its real values.")
    return (f"**In-game estimates are off.** The game does not estimate what {other} values or whether it will "
            "accept: judge from its moves and signals.")


def time_rule(exercise: Exercise) -> str:
    if exercise.round_time is None:
        return "There is no time limit on a move."
    return (f"**Time limit: {exercise.round_time:g} seconds for each of your moves.** When time runs out your turn "
            "passes: the other side's offer, if one stands, counts as rejected; otherwise you make no proposal "
            "this round.")


def scoring_rules(scenario: Scenario, game: Game, actor_id: str, exercise: Exercise) -> str:
    """How a side scores and how the game runs, in words both sides' sheets share."""
    me, other = scenario.actor(actor_id), scenario.other(actor_id)
    opener = the(scenario.actor(scenario.opener).name)
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
        f"- The talks last {scenario.rounds} rounds; {opener} opens. In each round "
        "each side moves once: propose a package, accept or reject the other side's offer, or walk away. "
        "Before that you may signal your priorities (cheap talk: it may be a bluff) and play one of your own "
        "moves below.",
        f"- An accepted package must be ratified at home by {inner(me.constituency.name)} and by "
        f"{inner(other.constituency.name)}; if either rejects it, {after}.",
        "- News may break between rounds and change what a side values or can live with.",
        "- No package that crosses your red lines can be proposed or accepted by you.",
        f"- {time_rule(exercise)}",
        f"- {estimates_rule(exercise, the(other.name))}",
        f"- {PLAY_ONCE}",
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
        f"You are **{the(me.name)}**, led by {me.leader}. {' '.join(me.description.split())}",
    ]
    parts.append(("", "\n".join(head)))
    if card is not None:
        parts.append(("card", card_markdown(card, the(me.name))))
    parts.append(("", "## Background (both sides read this)\n\n" + scenario.briefings.public.strip()))
    sources = seed_notes_markdown(scenario)
    if sources:  # before play, as the game shows it with the briefing
        parts.append(("note", sources))
    parts.append(("confidential", f"## Confidential — for {the(me.name)} only\n\n"
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
        lines += ["", f"{the(other.name, start=True)} has declared these red lines (it will not propose or accept "
                  "them):", ""]
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
        f"At home, {inner(me.constituency.name)} must ratify any deal: {' '.join(me.constituency.description.split())}",
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
        parts.append(("note", how_to_play(actor_id)))
    return parts


def how_to_play(actor_id: str) -> str:
    return ("## How to play\n\n"
            "Your instructor gives you your table number and either a seat file or a seat code. With a seat file "
            f"(`table-K-{actor_id}{SEAT_SUFFIX}`): `parley play --exercise table-K-{actor_id}{SEAT_SUFFIX} --table K "
            f'--as {actor_id} --name "Your Name"` (add `--plain` for the line-by-line interface). In a live class: '
            "open the page your instructor gives you and type your table and seat codes, or run `parley join "
            "SEATCODE`.")


def card_markdown(card: SeatCard, side: str) -> str:
    who = f"**{card.student}**, you play **{side}**" if card.student else f"you play **{side}**"
    return "\n".join([
        f"**Table {card.table}** · table code `{card.table_code}` · {who}",
        "",
        f"Live class: seat code `{card.seat_code}` (keep it to yourself): type it on the class page, or run "
        f"`parley join {card.seat_code}`" + ("" if card.student else ' --name "Your Name"') + ".",
        "",
        f"Hand-out game: `{card.command}`",
    ])


def student_pages(scenario: Scenario, game: Game, actor_id: str, exercise: Exercise, folder_name: str,
                  table: TablePlan, code: str, roster: Roster | None = None) -> list[list[Part]]:
    """One student's pages: ``actor_id``'s sheet at a glance, then in full, each with the seat card."""
    from .glance import glance_sheet

    student = roster.at(table.number, actor_id) if roster is not None else None
    name = student.name if student is not None else None
    card = SeatCard(table.number, table.code, code, play_command(table, actor_id, named=name is not None), name)
    return [glance_sheet(scenario, game, actor_id, exercise, folder_name, card),
            role_sheet(scenario, game, actor_id, exercise, folder_name, card)]


def handouts(scenario: Scenario, game: Game, actor_id: str, exercise: Exercise, folder_name: str,
             codes: dict[int, dict[str, str]], roster: Roster | None = None) -> list[list[Part]]:
    """Every student's pages for ``actor_id`` (:func:`student_pages`), table by table, to print."""
    out = []
    for table in exercise.tables:
        code = codes.get(table.number, {}).get(actor_id)
        if code is not None:
            out += student_pages(scenario, game, actor_id, exercise, folder_name, table, code, roster)
    return out
