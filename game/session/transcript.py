"""Words for the moves of a game: one home for how a move, its reason and its effects are said,
so the table's transcript, plain mode, the exported Markdown and the class tools all agree.

Every effect is said when it happens, with its cause, from the ledger the record carries
(:mod:`.changes`): what a tactic, a crisis answer, an offer across a red line, a
concession, a retraction, a climb-down from public words or a failed deal changed, under
the move; what news changed, under the story. Public words say so ("proposes in public").
"""

from __future__ import annotations

from typing import Any

from game.engine import Move, NewsItem, Record, State
from game.scenario.models import Effects, Scenario

from .changes import entry_line, move_entries, news_entry

VERBS = {
    "propose": "proposes",
    "accept": "accepts the offer",
    "reject": "rejects the offer",
    "signal": "signals its priorities",
    "tactic": "plays",
    "walk": "walks away",
    "pass": "lets its turn pass without a proposal",
    "answer": "answers the crisis",
    "line": "draws a line",
}


def mid_sentence(name: str) -> str:
    """'The army and the public' reads 'the army and the public' inside a sentence."""
    return name[0].lower() + name[1:] if name.startswith("The ") else name


def actor_name(scenario: Scenario, actor_id: str) -> str:
    return scenario.actor(actor_id).name


def join_words(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def package_text(scenario: Scenario, package: dict[str, str], sep: str = "; ") -> str:
    return sep.join(f"{scenario.issue(i).name}: {scenario.option_label(i, o)}" for i, o in package.items())


def move_text(scenario: Scenario, move: Move) -> str:
    """One line: who did what, and whether in public (without the reason)."""
    if move.kind == "event":  # news the instructor broadcast to a live class; the record carries the story
        return "News breaks (sent to every table by the instructor)"
    who = actor_name(scenario, move.actor)
    said = " in public" if move.public else ""  # private is the default, and says nothing
    if move.kind == "propose" and move.package:
        return f"{who} proposes{said} — {package_text(scenario, move.package)}"
    if move.kind == "tactic" and move.tactic:
        tactic = scenario.tactic(move.tactic)
        return f"{who} plays {tactic.label}: {tactic.description.strip().rstrip('.')}"
    if move.kind == "signal" and move.signal:
        names = ", then ".join(scenario.issue(i).name for i in move.signal)
        return f"{who} says{said} its priorities are {names}"
    if move.kind == "answer" and move.event and move.response:
        event = scenario.event(move.event)
        label = next((r.label for r in (event.crisis.responses if event.crisis else []) if r.id == move.response),
                     move.response)
        return f"{who} answers the crisis ({event.headline}): {label}"
    if move.kind == "line" and move.issue and move.options:
        labels = join_words([scenario.option_label(move.issue, o) for o in move.options])
        return f"{who} draws a line{said}: never {labels} on {scenario.issue(move.issue).name}"
    return f"{who} {VERBS[move.kind]}"


def effect_parts(scenario: Scenario, effects: Effects) -> list[str]:
    """What a tactic, a news story or a crisis answer would change, one phrase per change (trust,
    no-deal values, pressure at home, priorities, thresholds at home, deadline), in the
    scenario's own amounts (what happened is the ledger's, :mod:`.changes`)."""
    parts: list[str] = []
    if effects.trust:
        parts.append(f"trust {effects.trust:+.2f}")
    for actor, delta in effects.reservation.items():
        if delta:
            parts.append(f"{scenario.actor(actor).label}'s no-deal value {delta:+.2f}")
    for actor, delta in effects.pressure.items():
        if delta:
            parts.append(f"pressure at home on {scenario.actor(actor).label} {delta:+.2f}")
    for actor, shifts in effects.weights.items():
        label = scenario.actor(actor).label
        more = [scenario.issue(i).name for i, d in shifts.items() if d > 0]
        less = [scenario.issue(i).name for i, d in shifts.items() if d < 0]
        if more:
            parts.append(f"{label} cares more about {join_words(more)}")
        if less:
            parts.append(f"{label} cares less about {join_words(less)}")
    for actor, delta in effects.threshold.items():
        if delta:
            body = mid_sentence(scenario.actor(actor).constituency.name)
            parts.append(f"{scenario.actor(actor).label}'s bar at home ({body}) {delta:+.2f}")
    if effects.deadline:
        rounds = abs(effects.deadline)
        parts.append(f"the deadline {'moves out' if effects.deadline > 0 else 'comes in'} by "
                     f"{rounds} round{'s' if rounds != 1 else ''}")
    return parts


def effect_line(scenario: Scenario, effects: Effects) -> str:
    """'Effect: trust -0.10; Pakistan's no-deal value -0.03.' ('Effect: none.' when nothing changes)."""
    parts = effect_parts(scenario, effects)
    return "Effect: " + ("; ".join(parts) if parts else "none") + "."


def record_lines(scenario: Scenario, record: Record, viewer: str | None = None) -> list[str]:
    """The transcript lines of one record: the move, what it is worth, its reason, what it
    changed (the ledger's entries, with their causes), ratification, news and crises.

    ``viewer`` (an actor id) limits utilities and chances at home to that side's own, and
    words the changes from its side ("you"); None shows both (debriefs, replays).
    """
    lines = [f"Round {record.round}. {move_text(scenario, record.move)}."]
    if record.utilities and record.move.kind == "propose":
        shown = {a: u for a, u in record.utilities.items() if viewer is None or a == viewer}
        if shown:
            worth = ", ".join(f"{scenario.actor(a).label} {u:.2f}" for a, u in shown.items())
            lines.append(f"  Worth: {worth}.")
    if record.reason:
        lines.append(f"  “{record.reason}”")
    for entry in move_entries(record.changes):
        lines.append("  " + entry_line(scenario, entry, viewer, record.move))
    if record.ratification:
        for actor_id, result in record.ratification.items():
            verdict = "ratified" if result["passed"] else "REJECTED"
            shown_chance = viewer is None or actor_id == viewer
            chance = f" (chance was {float(result['chance']):.0%})" if shown_chance else ""
            body = mid_sentence(scenario.actor(actor_id).constituency.name)
            lines.append(f"  At home in {scenario.actor(actor_id).label}, {body} {verdict} the deal{chance}.")
    lines += ["  " + line for line in news_lines(scenario, record.news, record.changes, viewer)]
    return lines


def news_lines(scenario: Scenario, items: list[NewsItem], changes: list[dict[str, Any]],
               viewer: str | None = None) -> list[str]:
    """News items as transcript lines, each with what it changed (``changes``: the ledger entries
    of the record or the opening that brought them) and, for a crisis, who must answer."""
    out = []
    for item in items:
        out.append(f"NEWS (round {item.round}): {item.headline} — {item.text.strip()}")
        entry = news_entry(changes, item.event)
        out.append("  " + (entry_line(scenario, entry, viewer) if entry else "Effect: none."))
        event = next((e for e in scenario.events if e.id == item.event), None)
        if event is not None and event.crisis is not None:
            side = scenario.actor(event.crisis.side)
            who = "you" if side.id == viewer else side.name
            out.append(f"  CRISIS: {who} must answer before the talks go on — {event.crisis.prompt.strip()}")
    return out


def history_lines(state: State, viewer: str | None, upto: int | None = None) -> list[str]:
    """The opening news and every record's lines (or the first ``upto`` records')."""
    out = news_lines(state.scenario, state.opening_news, state.opening_changes, viewer)
    records = state.history if upto is None else state.history[:upto]
    for record in records:
        out += record_lines(state.scenario, record, viewer)
    return out
