"""The role sheet at a glance: one printed page a student reads in a minute or two.

The full role sheet (:func:`.sheets.role_sheet`) takes minutes to read: the background,
the confidential brief, every option's value and every red line's reason. This page keeps
what a student looks up during play — what matters most to their side and what each
option is worth, their red lines, their no-deal value, the other side's declared red
lines, and the rules of the exercise — and leaves the reasons to the full sheet. Like the
full sheet, it is built only from what its side may know.
"""

from __future__ import annotations

from game.engine import Game
from game.scenario.models import Scenario

from .exercise import Exercise
from .sheets import PLAY_ONCE, Part, SeatCard, card_markdown, cell, inner, the

#: The page must stay one printed page: this many words at most (the tests hold every bundled scenario to it).
MAX_WORDS = 420


def glance_sheet(scenario: Scenario, game: Game, actor_id: str, exercise: Exercise, folder_name: str,
                 card: SeatCard | None = None) -> list[Part]:
    """``actor_id``'s sheet on one page (with ``card``: one student's copy)."""
    me, other = scenario.actor(actor_id), scenario.other(actor_id)
    rules = game.rules
    a = rules.actor_index(actor_id)
    weights = rules.base_weights[a]
    parts: list[Part] = [("glance", "\n".join([  # the class lets the printed page set this sheet tighter
        f"# At a glance: {me.name}",
        "",
        f"**{scenario.title}** — you are **{the(me.name)}**, led by {me.leader}. Your full role sheet has the "
        "background, your confidential brief and the reasons behind these numbers.",
    ]))]
    if card is not None:
        parts.append(("card", card_markdown(card, the(me.name))))
    rows = ["## What you want, issue by issue", "", "| Issue | Weight | Options, best for you first |", "|---|---|---|"]
    for i in sorted(range(len(scenario.issues)), key=lambda i: (-weights[i], i)):
        issue = scenario.issues[i]
        values = scenario.preferences[actor_id][issue.id].values
        ranked = sorted(issue.options, key=lambda o: -values[o.id])
        rows.append(f"| {cell(issue.name)} | {weights[i]:.0%} | "
                    + cell(" · ".join(f"{o.label} {values[o.id]:.2f}" for o in ranked)) + " |")
    parts.append(("", "\n".join(rows)))
    reservation = float(rules.base_reservation[a])
    lines = ["## Limits", "", f"- **No deal is worth {reservation:.2f} to you.** Accept nothing worth less."]
    for line in scenario.red_lines.get(actor_id, []):
        labels = ", ".join(scenario.option_label(line.issue, o) for o in line.options)
        lines.append(f"- Your red line: {scenario.issue(line.issue).name}, never {labels}.")
    for line in scenario.red_lines.get(other.id, []):
        labels = ", ".join(scenario.option_label(line.issue, o) for o in line.options)
        lines.append(f"- {the(other.name, start=True)}'s declared red line: {scenario.issue(line.issue).name}, "
                     f"never {labels}.")
    parts.append(("", "\n".join(lines)))
    limit = f"{exercise.round_time:g} seconds a move" if exercise.round_time else "no time limit on a move"
    estimates = (f"on: the game estimates what {the(other.name)} values and whether it will accept"
                 if exercise.estimates else f"off: judge {the(other.name)} by its moves")
    parts.append(("", "\n".join([
        "## Rules",
        "",
        f"- {scenario.rounds} rounds; {the(scenario.actor(scenario.opener).name)} opens; {limit}.",
        "- Each turn: propose a package, accept or reject the standing offer, or walk away; signals are cheap talk.",
        f"- A deal must be ratified by {inner(me.constituency.name)} and by {inner(other.constituency.name)}.",
        "- Your score is the sum of weight × value over the issues; the class compares each side's gain over "
        "its no-deal value.",
        f"- In-game estimates are {estimates}.",
        f"- {PLAY_ONCE}",
    ])))
    return parts
