"""Who conceded what: for each deal, issue by issue, how far each side moved from where it opened.

A side's opening position on an issue is the option its first proposal chose there (a side
that never proposed opened, in effect, with its own best option). What it *gave* on the
issue is its own value of that opening option minus its value of the option in the deal,
on the scenario's 0..1 scale: 0.40 means the side accepted an option worth 0.40 less to it
than the one it first asked for. Values are the scenario's; news during a game may have
moved a side's weights, never the values of its options.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import State

#: Less than this is no concession (rounding).
GAVE = 0.005


@dataclass(frozen=True)
class IssueDeal:
    """One issue of one table's deal: the option agreed and what each side gave from its opening."""

    issue: str
    table: int
    option: str  # the agreed option's label
    given: dict[str, float]  # side -> value given up (negative: the deal gives the side more than it asked)

    def gave(self) -> list[str]:
        return [actor for actor, value in self.given.items() if value > GAVE]


def openings(state: State) -> dict[str, dict[str, str]]:
    """Each side's first proposal (issue -> option), or its best option on every issue if it made none."""
    scenario = state.scenario
    out: dict[str, dict[str, str]] = {}
    for record in state.history:
        move = record.move
        if move.kind == "propose" and move.package is not None and move.actor not in out:
            out[move.actor] = dict(move.package)
    for actor in scenario.actors:
        if actor.id not in out:
            best: dict[str, str] = {}
            for issue in scenario.issues:
                values = scenario.preferences[actor.id][issue.id].values
                best[issue.id] = max(values, key=values.__getitem__)
            out[actor.id] = best
    return out


def issue_deals(table: int, state: State, deal: dict[str, str]) -> list[IssueDeal]:
    """The issues of ``table``'s ``deal``, each with what each side gave from its opening."""
    scenario = state.scenario
    opened = openings(state)
    out = []
    for issue in scenario.issues:
        agreed = deal[issue.id]
        given = {}
        for actor in scenario.actors:
            values = scenario.preferences[actor.id][issue.id].values
            given[actor.id] = round(values[opened[actor.id][issue.id]] - values[agreed], 6)
        out.append(IssueDeal(issue.id, table, scenario.option_label(issue.id, agreed), given))
    return out


def concession_markdown(issues: dict[str, str], labels: dict[str, str], deals: list[IssueDeal]) -> str:
    """The per-issue view: a row per issue (id -> name), a column per deal, and who gave way how often."""
    tables = sorted({d.table for d in deals})
    if not tables:
        return ""

    def cell_text(d: IssueDeal) -> str:
        gave = d.gave()
        who = " and ".join(f"{labels[a]} gave {d.given[a]:.2f}" for a in gave) or "nobody gave way"
        return f"{d.option} ({who})".replace("|", "\\|")

    head = "| Issue | " + " | ".join(f"Table {t}" for t in tables) + " | Who gave way |"
    lines = ["## Who conceded what, issue by issue", "",
             "For each deal: the option agreed on each issue, and how much each side gave from the option its first "
             "proposal asked for (its own values, 0..1; a side that never proposed is measured from its best "
             "option).", "", head, "|---|" + "---|" * len(tables) + "---|"]
    for issue, name in issues.items():
        row = {d.table: d for d in deals if d.issue == issue}
        counts = []
        for actor, label in labels.items():
            gave = [row[t].given[actor] for t in tables if actor in row[t].gave()]
            if gave:
                counts.append(f"{label} at {len(gave)} of {len(tables)} (mean {sum(gave) / len(gave):.2f})")
        lines.append(f"| {name.replace('|', '/')} | " + " | ".join(cell_text(row[t]) for t in tables)
                     + f" | {'; '.join(counts) or 'nobody'} |")
    return "\n".join(lines)
