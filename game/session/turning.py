"""Turning points: the few moments of a game that decided where it ended, in words.

Read off the records (every move, its reason, its ratification) and the ledger each record
carries (what changed and why), against the analysis of the scenario: an offer of the
Nash package refused, news that cut a side's no-deal value, a crisis and how it was
answered, a red line crossed, a public position abandoned, a deal thrown out at home, a
walk-out. Each gets a weight; the debrief shows the heaviest few in the order they
happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import Record, State
from game.engine.analysis import Analysis, analyze_rules

#: How many turning points a debrief shows.
SHOWN = 6
#: Changes smaller than these are not turning points.
RESERVATION_STEP = 0.03
TRUST_STEP = 0.08


@dataclass(frozen=True)
class TurningPoint:
    """One moment: its round, its sequence number (for order), how much it mattered, the words."""

    round: int
    seq: int
    weight: float
    text: str


def _label(state: State, actor: str | None, viewer: str | None) -> str:
    if actor is None:
        return "news"
    if viewer is not None and actor == viewer:
        return "you"
    return state.scenario.actor(actor).label


def _poss(state: State, actor: str | None, viewer: str | None) -> str:
    return "your" if viewer is not None and actor == viewer else f"{_label(state, actor, viewer)}'s"


def _from_changes(state: State, record: Record, viewer: str | None) -> list[TurningPoint]:
    out = []
    scenario = state.scenario
    for entry in record.changes:
        cause = entry["cause"]
        for change in entry["changes"]:
            delta = change["after"] - change["before"]
            what, actor = change["what"], change["actor"]
            if what == "no-deal value" and abs(delta) >= RESERVATION_STEP:
                source = (scenario.event(cause["ref"]).headline if cause["kind"] == "news"
                          else "the answer to a crisis" if cause["kind"] == "crisis" else cause["kind"])
                verb = "cut" if delta < 0 else "raised"
                out.append(TurningPoint(entry["round"], record.seq, 2.0 * abs(delta) / RESERVATION_STEP,
                                        f"{source} {verb} {_poss(state, actor, viewer)} no-deal value "
                                        f"({change['before']:.2f} to {change['after']:.2f})"))
            elif what == "trust" and abs(delta) >= TRUST_STEP:
                out.append(TurningPoint(entry["round"], record.seq, abs(delta) / TRUST_STEP,
                                        f"trust {'fell' if delta < 0 else 'rose'} to {change['after']:.2f} "
                                        f"({cause['kind'].replace('-', ' ')})"))
            elif what == "threshold" and cause["kind"] == "backing-down" and delta > 0:
                body = scenario.actor(actor).constituency.name if actor else "the constituency"
                out.append(TurningPoint(entry["round"], record.seq, 2.5,
                                        f"{_label(state, actor, viewer)} backed down from public words: "
                                        f"{body[0].lower() + body[1:] if body.startswith('The ') else body} "
                                        "will be harder to convince"))
    return out


def turning_points(state: State, viewer: str | None = None, analysis: Analysis | None = None) -> list[TurningPoint]:
    """The heaviest :data:`SHOWN` moments of the game, in the order they happened.

    ``viewer`` (an actor id) words them from that side ("you offered ..."); None words them
    for an observer.
    """
    analysis = analysis or analyze_rules(state.rules)
    rules, scenario = state.rules, state.scenario
    nash = analysis.nash
    points: list[TurningPoint] = []
    history = state.history
    for n, record in enumerate(history):
        move = record.move
        who = _label(state, move.actor, viewer)
        if move.kind == "propose" and move.package and nash is not None and rules.package_of(move.package) == nash:
            answer = next((r for r in history[n + 1:] if r.move.actor != move.actor
                           and r.move.kind in ("accept", "reject", "propose", "walk")), None)
            if answer is not None and answer.move.kind != "accept":
                refuser = _label(state, answer.move.actor, viewer)
                points.append(TurningPoint(record.round, record.seq, 4.0,
                                           f"{who} offered the Nash package and {refuser} refused it"))
        if move.kind == "propose" and move.package:
            other = scenario.other(move.actor).id
            crossed = rules.crosses(rules.actor_index(other), rules.package_of(move.package))
            if crossed:
                names = ", ".join(scenario.issues[i].name for i in crossed)
                ruled = _label(state, other, viewer)
                points.append(TurningPoint(record.round, record.seq, 1.5,
                                           f"{who} asked for what {ruled} had ruled out ({names})"))
        if move.kind == "answer" and move.event and move.response:
            event = scenario.event(move.event)
            label = next(r.label for r in (event.crisis.responses if event.crisis else []) if r.id == move.response)
            points.append(TurningPoint(record.round, record.seq, 3.0,
                                       f"{event.headline}: {who} answered \u201c{label}\u201d"))
        if record.ratification and not all(r["passed"] for r in record.ratification.values()):
            failed = [a for a, r in record.ratification.items() if not r["passed"]]
            homes = " and ".join(_label(state, a, viewer) for a in failed)
            points.append(TurningPoint(record.round, record.seq, 5.0, f"the deal failed at home ({homes})"))
        if move.kind == "walk":
            points.append(TurningPoint(record.round, record.seq, 6.0, f"{who} walked out: {record.reason}"
                                       if record.reason else f"{who} walked out"))
        if move.kind == "accept" and record.status == "deal":
            points.append(TurningPoint(record.round, record.seq, 6.0, f"{who} accepted, and the deal was ratified"))
        points.extend(_from_changes(state, record, viewer))
    heaviest = sorted(points, key=lambda p: (-p.weight, p.seq))[:SHOWN]
    return sorted(heaviest, key=lambda p: (p.seq, -p.weight))


def turning_lines(state: State, viewer: str | None = None, analysis: Analysis | None = None) -> list[str]:
    """``round N: what happened`` lines of :func:`turning_points`."""
    return [f"round {p.round}: {p.text}" for p in turning_points(state, viewer, analysis)]
