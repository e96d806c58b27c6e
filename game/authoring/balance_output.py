"""The balance report as ``parley analyze`` prints it: the ``balance`` key of ``--json`` and the text."""

from __future__ import annotations

from typing import Any

from game.engine.analysis import Analysis
from game.engine.rules import Rules

from .balance import Balance, Pairing, package_words
from .crises import crises_json, crises_text, crisis_stats
from .games import COMPUTER, DIFFICULTY
from .home import constituency_label, possessive


def _r(x: float) -> float:
    return round(float(x), 6)


def _pairing_json(p: Pairing, ids: tuple[str, str]) -> dict[str, Any]:
    return {
        "strategies": {a: p.strategies[i] for i, a in enumerate(ids)},
        "games": p.games,
        "agreement_rate": _r(p.agreement_rate),
        "better_off": {a: _r(p.better[i]) for i, a in enumerate(ids)},
        "mean_utility": {a: _r(p.mean_utility[i]) for i, a in enumerate(ids)},
        "mean_gain": {a: _r(p.mean_gain[i]) for i, a in enumerate(ids)},
        "walkaway_rate": {a: _r(p.walkaway[i]) for i, a in enumerate(ids)},
        "ratification_attempts": p.attempts,
        "ratification_failed": p.failed,
    }


def _simulation_json(rules: Rules, report: Balance, ids: tuple[str, str]) -> dict[str, Any] | None:
    if not report.simulated:
        return None
    better, split, no_deal = report.better, report.split, report.no_deal_rate
    walked, gain = report.walkaway, report.mean_gain
    assert better is not None and no_deal is not None and walked is not None and gain is not None
    return {
        "games": report.games,
        "games_per_pairing": report.games_per_pair,
        "seed": report.seed,
        "difficulty": DIFFICULTY,
        "round_robin": report.round_robin,
        "better_off": {a: _r(better[i]) for i, a in enumerate(ids)},
        "split": None if split is None else {ids[0]: _r(split), ids[1]: _r(1 - split)},
        "no_deal_rate": _r(no_deal),
        "walkaway_rate": {a: _r(walked[i]) for i, a in enumerate(ids)},
        "mean_gain": {a: _r(gain[i]) for i, a in enumerate(ids)},
        "ratification": {
            "attempts": report.attempts,
            "failed": report.failed,
            "failure_rate": None if report.failure_rate is None else _r(report.failure_rate),
        },
        "pairings": [_pairing_json(p, ids) for p in report.pairings],
        "crises": crises_json(crisis_stats(rules, report.pairings)),
        "reference": {
            "pairings": [_pairing_json(p, ids) for p in report.reference],
            "stubbornness": [
                {
                    "strategy": s.strategy,
                    "actor": ids[s.seat],
                    "opponents": list(s.opponents),
                    "games": s.games,
                    "gain": _r(s.gain),
                    "baseline_gain": _r(s.baseline_gain),
                    "opponent_walkaway_rate": _r(s.walked_out),
                    "no_deal_rate": _r(s.no_deal),
                    "pays": s.pays,
                }
                for s in report.stubbornness
            ],
        },
    }


def balance_json(rules: Rules, analysis: Analysis, report: Balance) -> dict[str, Any]:
    """The ``balance`` key of ``parley analyze --json``."""
    ids = rules.actor_ids

    def point(package: int | None) -> dict[str, Any] | None:
        if package is None:
            return None
        return {
            "package": rules.choice_of(package),
            "words": package_words(rules, package),
            "utility": {a: _r(analysis.utilities[i, package]) for i, a in enumerate(ids)},
            "gain": {a: _r(analysis.utilities[i, package] - analysis.reservation[i]) for i, a in enumerate(ids)},
        }

    rejection = report.rejection
    return {
        "zone": {
            "packages": report.zone,
            "outcomes": report.outcomes,
            "share": _r(report.zone / report.outcomes) if report.outcomes else 0.0,
        },
        "nash": point(report.nash),
        "kalai_smorodinsky": point(report.kalai_smorodinsky),
        "simulation": _simulation_json(rules, report, ids),
        # Per side: the chance its constituency rejects the deals the computer games ratified
        # (mean over those deals); simulation.ratification has the exact count of failures.
        "ratification_failure_rate": None if rejection is None else {a: _r(rejection[i]) for i, a in enumerate(ids)},
        "idle_red_lines": [
            {"actor": x.actor, "index": x.index, "issue": x.issue, "options": list(x.options)}
            for x in report.idle_red_lines
        ],
        "no_tradeoff_issues": [
            {"issue": x.issue, "best": x.best, "indifferent": list(x.indifferent)} for x in report.shared_issues
        ],
        "advice": list(report.advice),
    }


def _games_text(rules: Rules, report: Balance) -> list[str]:
    labels = [a.label for a in rules.scenario.actors]
    better, split, no_deal = report.better, report.split, report.no_deal_rate
    walked, gain = report.walkaway, report.mean_gain
    assert better is not None and no_deal is not None and walked is not None and gain is not None
    who = ("every pairing of the five computer strategies" if report.round_robin
           else "each of the five computer strategies against itself")
    out = [
        f"  Computer against computer: {who}, {report.games_per_pair} games each (seed {report.seed}, {DIFFICULTY}):",
        f"    {labels[0]} gains more over its no-deal value in {better[0]:.0%} of games, {labels[1]} in "
        f"{better[1]:.0%}, neither in {1 - sum(better):.0%}"
        + (f": a {100 * split:.0f}/{100 * (1 - split):.0f} split of the decided games (target: 55/45 or closer)."
           if split is not None else "."),
        f"    No deal in {no_deal:.0%} of games (target 10-30%); walk-outs: {labels[0]} {walked[0]:.0%}, "
        f"{labels[1]} {walked[1]:.0%}. Mean gain over no deal: {labels[0]} {gain[0]:+.3f}, {labels[1]} {gain[1]:+.3f}.",
    ]
    rate, rejection = report.failure_rate, report.rejection
    if rate is not None:
        line = (f"    At home: {rate:.0%} of the deals agreed failed ratification ({report.failed} of "
                f"{report.attempts} attempts)")
        if rejection is not None:
            homes = report.home
            line += (f"; at the deals that passed, the chance of a no was {rejection[0]:.0%} from "
                     f"{possessive(labels[0])} constituency ({constituency_label(homes[0].name)}) and "
                     f"{rejection[1]:.0%} from {possessive(labels[1])} ({constituency_label(homes[1].name)})")
        out.append(line + ".")
    if report.round_robin:
        out.append(f"    Who gains more, {labels[0]}% / {labels[1]}% (rows: {possessive(labels[0])} strategy, "
                   f"columns: {possessive(labels[1])}):")
        cell = {p.strategies: p for p in report.pairings}
        width = max(len(c) for c in [*COMPUTER, "-------"])
        out.append("    " + " " * 12 + " ".join(f"{c:>{width}}" for c in COMPUTER))
        for row in COMPUTER:
            texts = [f"{cell[(row, col)].better[0]:.0%}/{cell[(row, col)].better[1]:.0%}".rjust(width)
                     for col in COMPUTER]
            out.append(f"    {row:<12}" + " ".join(texts))
    else:
        for p in report.pairings:
            out.append(f"    {p.strategies[0] + ' vs itself:':<24} {labels[0]} {p.better[0]:>4.0%}, {labels[1]} "
                       f"{p.better[1]:>4.0%}, no deal {1 - p.agreement_rate:>4.0%}")
    out.extend(crises_text(rules, crisis_stats(rules, report.pairings)))
    if report.stubbornness:
        out.append("  Stubbornness (reference players; it must not pay):")
        for s in report.stubbornness:
            rivals = ", ".join(s.opponents) if len(s.opponents) < len(COMPUTER) else "every computer strategy"
            verdict = "PAYS" if s.pays else "does not pay"
            out.append(f"    {s.strategy} as {labels[s.seat]} against {possessive(labels[1 - s.seat])} {rivals}: gains "
                       f"{s.gain:+.3f} (linear {s.baseline_gain:+.3f}), {labels[1 - s.seat]} walks out of "
                       f"{s.walked_out:.0%}: {verdict}.")
    return out


def balance_text(rules: Rules, analysis: Analysis, report: Balance) -> str:
    """The readable balance section of ``parley analyze``."""
    s = rules.scenario
    labels = [a.label for a in s.actors]
    share = report.zone / report.outcomes if report.outcomes else 0.0
    out = ["Balance", f"  Agreement zone: {report.zone:,} of {report.outcomes:,} packages ({share:.1%})."]
    for title, package in (("Nash point", report.nash), ("Kalai-Smorodinsky point", report.kalai_smorodinsky)):
        if package is not None:
            out.append(f"  {title}: " + "; ".join(package_words(rules, package)) + ".")
    if report.nash_gain is not None:
        g = report.nash_gain
        out.append(f"  Gains over no deal at the Nash point: {labels[0]} {g[0]:+.3f}, {labels[1]} {g[1]:+.3f}.")
    if report.simulated:
        out.extend(_games_text(rules, report))
    elif report.zone:
        out.append("  Computer games skipped (--no-simulate).")
    if report.idle_red_lines:
        out.append("  Red lines that never bind: " + ", ".join(
            f"{s.actor(x.actor).label} on {s.issue(x.issue).name}" for x in report.idle_red_lines) + ".")
    if report.shared_issues:
        out.append("  Issues without a trade-off: " + ", ".join(s.issue(x.issue).name for x in report.shared_issues)
                   + ".")
    out.append("  Advice:")
    out.extend(f"    - {line}" for line in report.advice)
    return "\n".join(out) + "\n"
