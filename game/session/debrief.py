"""The debrief's facts and words: where the game ended, and where the deal landed against what
was possible at the table and at home.

Two levels, as in Putnam's two-level games: at the table, the agreement zone, the Nash point
and the value left on the table (from :func:`game.engine.outcome.outcome`); at home, each
side's win-set (the packages its constituency passes at least half the time) and the best
package both constituencies would likely pass (the Nash point within both win-sets, from
:func:`game.engine.analysis.analyze_rules`). Offers are shown as they were worth when made
(the records carry their utilities then), and ratification as it stood at the end: after a
walk-away, an earlier failed deal is told as an earlier event, not as the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine import Record, State
from game.engine.analysis import Analysis, analyze_rules
from game.engine.outcome import Outcome
from game.scenario.models import Scenario

from .transcript import actor_name, mid_sentence, package_text
from .turning import turning_lines


@dataclass(frozen=True)
class OfferRow:
    """One proposal as it was worth to each side when it was made (under the weights of that moment)."""

    seq: int
    round: int
    actor: str
    package: dict[str, str]
    utility: dict[str, float]


def offers_when_made(state: State) -> list[OfferRow]:
    """Every proposal of the game, with each side's utility at the time (what the transcript said)."""
    return [OfferRow(r.seq, r.round, r.move.actor, dict(r.move.package), dict(r.utilities))
            for r in state.history if r.move.kind == "propose" and r.move.package and r.utilities]


def final_ratification(state: State) -> dict[str, dict[str, Any]] | None:
    """The vote at home that ended the game (a deal, or a failure that ended it), else None."""
    if not state.is_terminal or not state.history:
        return None
    last = state.history[-1]
    return last.ratification if last.ratification and state.status in ("deal", "failed") else None


def earlier_failures(state: State) -> list[Record]:
    """Records of agreed packages that failed at home and did not end the game."""
    final = final_ratification(state)
    last = state.history[-1] if state.history else None
    return [r for r in state.history
            if r.ratification and r.status != "deal" and not (final is not None and r is last)]


def walk_reason(state: State) -> str:
    """What the side that walked out said as it left ('' when nobody walked or it gave no reason)."""
    if state.status != "walked" or not state.history:
        return ""
    last = state.history[-1]
    return last.reason if last.move.kind == "walk" else ""


def second_level(state: State) -> Analysis:
    """The analysis under the game's final weights and no-deal values, with each side's win-set."""
    return analyze_rules(state.rules, state.batch.weights[0], state.batch.reservation[0])


def _points(scenario: Scenario, utility: dict[str, float]) -> str:
    return ", ".join(f"{scenario.actor(a).label} {u:.2f}" for a, u in utility.items())


def _against(scenario: Scenario, ids: list[str], got: dict[str, float], point: dict[str, float]) -> str:
    return ", ".join(f"{scenario.actor(a).label} {got[a] - point[a]:+.2f}" for a in ids)


def vote_text(scenario: Scenario, ratification: dict[str, dict[str, Any]]) -> str:
    """'Congress ratified it (chance 80%); the army and the public REJECTED it (chance 35%)'."""
    parts = []
    for actor_id, result in ratification.items():
        body = mid_sentence(scenario.actor(actor_id).constituency.name)
        verdict = "ratified it" if result["passed"] else "REJECTED it"
        parts.append(f"{body} {verdict} (chance {float(result['chance']):.0%})")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def second_level_lines(state: State, result: Outcome) -> list[str]:
    """Where the result landed against the Nash point and against the best package both
    constituencies would likely pass, and the size of each side's win-set."""
    s = state.scenario
    ids = [a.id for a in s.actors]
    analysis = second_level(state)
    rules = state.rules
    got = result.utility
    what = "the deal" if result.status == "deal" else "no deal"
    out: list[str] = []
    if result.nash:
        nash = result.nash
        out.append(f"Nash bargaining point: {package_text(s, nash['package'])} — {_points(s, nash['utility'])}.")
        out.append(f"Against the Nash point, {what} gave {_against(s, ids, got, result.nash['utility'])}.")
    chance = f"{analysis.pass_chance:.0%}"
    if analysis.nash_ratifiable is None:
        out.append(f"No package in the agreement zone was likely to pass at home on both sides (each constituency "
                   f"at least {chance}): any deal was a gamble at home.")
    elif analysis.nash_ratifiable == analysis.nash:
        out.append("The Nash point was also likely to pass at home on both sides "
                   f"(each constituency at least {chance}).")
    else:
        package = rules.choice_of(analysis.nash_ratifiable)
        point = {a: round(float(analysis.utilities[i, analysis.nash_ratifiable]), 6) for i, a in enumerate(ids)}
        out.append(f"Best package both constituencies would likely pass (the Nash point among the packages each "
                   f"passes at least {chance} of the time): {package_text(s, package)} — {_points(s, point)}.")
        out.append(f"Against it, {what} gave {_against(s, ids, got, point)}.")
    sets = ", ".join(f"{mid_sentence(s.actor(a).constituency.name)} {len(analysis.win_sets[i])}"
                     for i, a in enumerate(ids))
    out.append(f"Win-sets (packages each constituency would likely pass, of {analysis.outcomes}): {sets}; "
               f"{len(analysis.ratifiable_zone)} of the {len(analysis.zone)} packages in the agreement zone "
               "pass both.")
    return out


def result_line(state: State, result: Outcome) -> str:
    """The first line of a debrief: deal or no deal, when, and (after a walk-out) why."""
    s = state.scenario
    if result.status == "deal" and result.deal:
        return f"DEAL in round {result.rounds}: {package_text(s, result.deal)}."
    if result.status == "walked":
        reason = walk_reason(state)
        said = f" “{reason}”" if reason else ""
        return f"NO DEAL: {actor_name(s, result.walked_by or '')} walked away in round {result.rounds}.{said}"
    if result.status == "failed":
        return "NO DEAL: the agreed package failed ratification at home, and the talks ended."
    if result.status == "deadline":
        return f"NO DEAL: the deadline (round {result.rounds}) passed without agreement."
    return f"The talks are still going (round {result.rounds})."


def debrief_lines(state: State, result: Outcome) -> list[str]:
    """The debrief in plain lines: the result, each side's score, the vote at home, and where the
    result landed against what was possible at the table and at home."""
    s = state.scenario
    out = [result_line(state, result)]
    for a in (actor.id for actor in s.actors):
        sign = "+" if result.gain[a] >= 0 else ""
        out.append(f"{s.actor(a).label}: utility {result.utility[a]:.2f} against a no-deal value of "
                   f"{result.reservation[a]:.2f} ({sign}{result.gain[a]:.2f}).")
    final = final_ratification(state)
    if final:
        out.append(f"At home: {vote_text(s, final)}.")
    for record in earlier_failures(state):
        assert record.ratification is not None
        out.append(f"Earlier, in round {record.round}, an agreed package failed at home: "
                   f"{vote_text(s, record.ratification)}.")
    out += second_level_lines(state, result)
    if result.nash_share is not None:
        out.append(f"Share of the Nash product achieved: {result.nash_share:.0%}.")
    out.append(f"Joint value left on the table: {result.value_left:.2f}.")
    if result.better_package:
        better = result.better_package
        out.append(f"Both sides would have been better off with: {package_text(s, better['package'])} "
                   f"({_points(s, better['utility'])}).")
    elif result.status == "deal":
        out.append("The deal is on the Pareto frontier: no package was better for both sides.")
    out.append(f"Final trust: {result.trust:.2f}. "
               f"Agreement zone: {result.agreement_zone} of {result.outcomes} packages.")
    out += [f"Turning point, {line}." for line in turning_lines(state)]
    return out
