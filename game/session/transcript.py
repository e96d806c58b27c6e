"""Words for a whole game: move lines for screens and plain mode, the Markdown transcript
and debrief for export. One home for how a move is said, so every view agrees."""

from __future__ import annotations

from typing import Any

from game.engine import Move, Record, State
from game.engine.outcome import Outcome
from game.scenario.models import Scenario

VERBS = {
    "propose": "proposes",
    "accept": "accepts the offer",
    "reject": "rejects the offer",
    "signal": "signals its priorities",
    "tactic": "plays",
    "walk": "walks away",
    "pass": "lets its turn pass without a proposal",
}


def mid_sentence(name: str) -> str:
    """'The army and the public' reads 'the army and the public' inside a sentence."""
    return name[0].lower() + name[1:] if name.startswith("The ") else name


def actor_name(scenario: Scenario, actor_id: str) -> str:
    return scenario.actor(actor_id).name


def package_text(scenario: Scenario, package: dict[str, str], sep: str = "; ") -> str:
    return sep.join(f"{scenario.issue(i).name}: {scenario.option_label(i, o)}" for i, o in package.items())


def move_text(scenario: Scenario, move: Move) -> str:
    """One line: who did what (without the reason)."""
    if move.kind == "event":  # news the instructor broadcast to a live class; the record carries the story
        return "News breaks (sent to every table by the instructor)"
    who = actor_name(scenario, move.actor)
    if move.kind == "propose" and move.package:
        return f"{who} proposes — {package_text(scenario, move.package)}"
    if move.kind == "tactic" and move.tactic:
        tactic = scenario.tactic(move.tactic)
        return f"{who} plays {tactic.label}: {tactic.description.strip().rstrip('.')}"
    if move.kind == "signal" and move.signal:
        names = ", then ".join(scenario.issue(i).name for i in move.signal)
        return f"{who} says its priorities are {names}"
    return f"{who} {VERBS[move.kind]}"


def record_lines(scenario: Scenario, record: Record, viewer: str | None = None) -> list[str]:
    """The transcript lines of one record: the move, its reason, ratification and news.

    ``viewer`` (an actor id) limits utilities to that side's own; None shows both (debriefs).
    """
    lines = [f"Round {record.round}. {move_text(scenario, record.move)}."]
    if record.utilities and record.move.kind == "propose":
        shown = {a: u for a, u in record.utilities.items() if viewer is None or a == viewer}
        worth = ", ".join(f"{scenario.actor(a).label} {u:.2f}" for a, u in shown.items())
        lines.append(f"  Worth: {worth}.")
    if record.reason:
        lines.append(f"  “{record.reason}”")
    if record.ratification:
        for actor_id, result in record.ratification.items():
            verdict = "ratified" if result["passed"] else "REJECTED"
            body = mid_sentence(scenario.actor(actor_id).constituency.name)
            # The chance is the side's own secret (it reveals its constituency's view).
            chance = f" (chance was {float(result['chance']):.0%})" if viewer in (None, actor_id) else ""
            lines.append(f"  At home in {scenario.actor(actor_id).label}, {body} {verdict} the deal{chance}.")
    for item in record.news:
        lines.append(f"  NEWS (round {item.round}): {item.headline} — {item.text.strip()}")
    return lines


def outcome_lines(scenario: Scenario, result: Outcome) -> list[str]:
    """The debrief in plain lines: where the deal landed against what was possible."""
    ids = [a.id for a in scenario.actors]
    out: list[str] = []
    if result.status == "deal" and result.deal:
        out.append(f"DEAL in round {result.rounds}: {package_text(scenario, result.deal)}.")
    elif result.status == "walked":
        out.append(f"NO DEAL: {actor_name(scenario, result.walked_by or '')} walked away in round {result.rounds}.")
    elif result.status == "failed":
        out.append("NO DEAL: the agreed package failed ratification at home, and the talks ended.")
    elif result.status == "deadline":
        out.append(f"NO DEAL: the deadline (round {result.rounds}) passed without agreement.")
    else:
        out.append(f"The talks are still going (round {result.rounds}).")
    for a in ids:
        label = scenario.actor(a).label
        sign = "+" if result.gain[a] >= 0 else ""
        out.append(f"{label}: utility {result.utility[a]:.2f} against a no-deal value of "
                   f"{result.reservation[a]:.2f} ({sign}{result.gain[a]:.2f}).")
    def points(shaped: dict[str, Any]) -> str:
        return ", ".join(f"{scenario.actor(a).label} {u:.2f}" for a, u in shaped["utility"].items())

    if result.nash:
        out.append(f"Nash bargaining point: {package_text(scenario, result.nash['package'])} — {points(result.nash)}.")
    if result.nash_share is not None:
        out.append(f"Share of the Nash product achieved: {result.nash_share:.0%}.")
    out.append(f"Joint value left on the table: {result.value_left:.2f}.")
    if result.better_package:
        better = result.better_package
        out.append(f"Both sides would have been better off with: {package_text(scenario, better['package'])} "
                   f"({points(better)}).")
    elif result.status == "deal":
        out.append("The deal is on the Pareto frontier: no package was better for both sides.")
    out.append(f"Final trust: {result.trust:.2f}. "
               f"Agreement zone: {result.agreement_zone} of {result.outcomes} packages.")
    return out


def transcript_markdown(state: State, result: Outcome) -> str:
    """The whole game as Markdown: setting, every move with its reason, news, and the debrief."""
    s = state.scenario
    seats = ", ".join(f"{s.actor(a).name}: {seat}" for a, seat in state.seats.items())
    parts = [
        f"# Parley — {s.title}",
        "",
        f"*{s.when}* · scenario `{s.id}` · seed {state.seed} · {seats}",
        "",
        "## Transcript",
        "",
    ]
    for item in state.opening_news:
        parts.append(f"- **News (round 1):** {item.headline} — {item.text.strip()}")
    for record in state.history:
        lines = record_lines(s, record)
        parts.append(f"- {lines[0]}")
        parts.extend(f"  {line.strip()}  " for line in lines[1:])
    parts += ["", "## Debrief", ""]
    parts += [f"- {line}" for line in outcome_lines(s, result)]
    truth = result.true_weights
    estimates = result.estimated_weights
    parts += ["", "### What each side really valued, and what the other side estimated", ""]
    heads = " | ".join(f"{s.actor(a).label} (true / estimated by the other side)" for a in truth)
    parts.append(f"| Issue | {heads} |")
    parts.append("|---|" + "---|" * len(truth))
    for issue in s.issues:
        cells = [f"{truth[a][issue.id]:.2f} / {estimates.get(a, {}).get(issue.id, float('nan')):.2f}" for a in truth]
        parts.append(f"| {issue.name} | " + " | ".join(cells) + " |")
    if s.debrief_questions:
        parts += ["", "### Questions for discussion", ""]
        parts += [f"{n}. {q}" for n, q in enumerate(s.debrief_questions, start=1)]
    return "\n".join(parts) + "\n"
