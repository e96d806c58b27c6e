"""The balance report's advice: what looks off, in plain words, and which numbers to change.

Targets (docs/authoring.md, "Check the balance"): the agreement zone 5-25% of all packages
(warned outside 3-40%), the split of the computer games within 55/45, no deal in 10-30% of
them, balanced deals passing at home 70-90% of the time, and stubbornness that never pays.
"""

from __future__ import annotations

import math

from game.engine.rules import Rules

from .balance import Balance, Stubbornness
from .home import Home, constituency_label, possessive, threshold_for

ZONE_NARROW, ZONE_WIDE = 0.03, 0.40
#: The split of decided computer games may stray this far from 50/50.
SPLIT_TOLERANCE = 0.05
NO_DEAL_LOW, NO_DEAL_HIGH = 0.10, 0.30
GAIN_RATIO = 0.35  # the smaller Nash gain below this share of the larger
#: Pass chances at home: the Nash package should pass about TARGET_PASS of the time; below
#: PASS_LOW balanced deals fail too often, and a constituency that passes even the other
#: side's best package at PASS_HIGH or more never bites.
TARGET_PASS, PASS_LOW, PASS_HIGH = 0.80, 0.70, 0.95
#: More deals than this failing at home in the computer games is harsh on players.
FAILED_HIGH = 1 - PASS_LOW
#: A side walking out of more computer games than this gets named.
WALKOUT_HIGH = 0.15


def _issue_name(rules: Rules, issue_id: str) -> str:
    return rules.scenario.issue(issue_id).name


def _weakest_issue(rules: Rules, actor: int, package: int) -> str:
    """The issue where ``package`` gives ``actor`` least, weighted issues first."""
    digits = rules.package_digits(package)
    weights = rules.base_weights[actor]
    scored = [
        (rules.values[actor, i, digits[i]], -weights[i], i)
        for i in range(len(rules.issue_ids))
        if weights[i] > 0
    ]
    return rules.issue_ids[min(scored)[2]]


def _zone(report: Balance, names: list[str], res: list[float]) -> list[str]:
    share = report.zone / report.outcomes if report.outcomes else 0.0
    if share < ZONE_NARROW:
        return [f"The agreement zone is narrow ({report.zone:,} of {report.outcomes:,} packages, {share:.1%}): "
                "new players will rarely find it. Lower a reservation value or relax a red line."]
    if share > ZONE_WIDE:
        return [f"Agreement is easy: {share:.0%} of all packages beat both no-deal values. Raise the "
                "reservation values or add red lines so that the talks bite (aim for 5-25%)."]
    return []


def _split(rules: Rules, report: Balance, names: list[str], res: list[float]) -> list[str]:
    split = report.split
    if split is None or abs(split - 0.5) <= SPLIT_TOLERANCE or report.nash is None:
        return []
    whose = [possessive(n) for n in names]
    w = 0 if split > 0.5 else 1
    share = split if w == 0 else 1 - split
    weak = _issue_name(rules, _weakest_issue(rules, w, report.nash))
    return [
        f"{names[w]} gains more over its no-deal value than {names[1 - w]} in {share:.0%} of the computer games "
        f"one side wins (target: at most {0.5 + SPLIT_TOLERANCE:.0%}). A side's gain is its deal's value "
        f"minus its own no-deal value, so raise {whose[w]} reservation value (now {res[w]:.2f}) or lower "
        f"{whose[1 - w]} (now {res[1 - w]:.2f}), or raise {whose[w]} weight of {weak}, where balanced deals "
        "give it least. `parley analyze --suggest` searches for reservation values and thresholds that even it."
    ]


def _no_deal(rules: Rules, report: Balance, names: list[str]) -> list[str]:
    no_deal, walked = report.no_deal_rate, report.walkaway
    if no_deal is None or walked is None:
        return []
    out = []
    if no_deal > NO_DEAL_HIGH:
        causes = [f"{names[a]} walks out of {walked[a]:.0%} of them" for a in (0, 1) if walked[a] > 0.005]
        ended = rules.scenario.on_failed_ratification == "end" and (report.failure_rate or 0) > 0
        if ended:
            causes.append("a deal that fails at home ends the game")
        why = f" ({'; '.join(causes)})" if causes else " (the deadline passes)"
        out.append(f"{no_deal:.0%} of computer games end without a deal{why}; the target is {100 * NO_DEAL_LOW:.0f}-"
                   f"{NO_DEAL_HIGH:.0%}. Widen the agreement zone (lower reservation values, relax red lines), "
                   f"lower a constituency threshold, or give the talks more rounds (now {rules.scenario.rounds}).")
    elif no_deal < NO_DEAL_LOW:
        out.append(f"Only {no_deal:.0%} of computer games end without a deal (target {100 * NO_DEAL_LOW:.0f}-"
                   f"{NO_DEAL_HIGH:.0%}): agreement comes too easily. Raise the reservation values or the "
                   "constituency thresholds so that the talks can fail.")
    for a in (0, 1):
        if walked[a] > WALKOUT_HIGH and no_deal <= NO_DEAL_HIGH:
            out.append(f"{names[a]} walks out of {walked[a]:.0%} of computer games: what it expects from the "
                       f"talks is often below its no-deal value ({rules.base_reservation[a]:.2f}). Lower that "
                       "value, or give it more on the issues it weights most.")
    return out


def _home(rules: Rules, report: Balance, names: list[str]) -> list[str]:
    """Thresholds in plain words: balanced deals should usually pass, one-sided ones often fail."""
    if rules.scenario.source is not None:  # imported models ratify by design (a placeholder)
        return []
    out = []
    whose = [possessive(n) for n in names]
    for a, side in enumerate(report.home):
        body = constituency_label(side.name)
        nash, other = side.points.get("nash"), side.points.get("best_for_other")
        if nash is not None and nash.chance < PASS_LOW:
            target = threshold_for(nash.utility, side.sensitivity, TARGET_PASS)
            out.append(
                f"{whose[a]} constituency ({body}) passes the Nash package only {nash.chance:.0%} of the time (its "
                f"utility there {nash.utility:.2f}, its threshold {side.threshold:.2f}): balanced deals will often "
                "fail at home. "
                f"Lower the threshold to about {max(target, 0.0):.2f} for {TARGET_PASS:.0%} at the Nash package."
            )
        elif other is not None and other.chance >= PASS_HIGH:
            target = threshold_for(other.utility, side.sensitivity, 0.5)
            out.append(
                f"{whose[a]} constituency ({body}) passes even {whose[1 - a]} best package {other.chance:.0%} of the "
                f"time: ratification at home never bites. Raise its threshold (now {side.threshold:.2f}) to about "
                f"{min(target, 1.0):.2f}, where that package is a coin flip"
                + (f" and the Nash package still passes {_chance(side, nash.utility, target):.0%}." if nash else ".")
            )
    rate, rejection = report.failure_rate, report.rejection
    if rate is not None and rate > FAILED_HIGH and rejection is not None:
        a = 0 if rejection[0] >= rejection[1] else 1
        out.append(
            f"{rate:.0%} of the deals agreed in computer games failed at home; at the deals that passed, "
            f"{whose[a]} constituency ({constituency_label(report.home[a].name)}) still had a {rejection[a]:.0%} "
            f"chance of saying no ({whose[1 - a]} {rejection[1 - a]:.0%}). Lower {whose[a]} threshold (now "
            f"{report.home[a].threshold:.2f}) first."
        )
    return out


def _chance(side: Home, utility: float, threshold: float) -> float:
    """The pass chance of a package of constituency utility ``utility`` under another threshold."""
    return 1.0 / (1.0 + math.exp(-(utility - threshold) / side.sensitivity))


def _stubborn(rules: Rules, report: Balance, names: list[str]) -> list[str]:
    out = []
    paying: dict[int, list[Stubbornness]] = {}
    for s in report.stubbornness:
        if s.pays:
            paying.setdefault(s.seat, []).append(s)
    for seat, found in sorted(paying.items()):
        other = names[1 - seat]
        what = "; ".join(f"{s.strategy} gains {s.gain:+.3f}" for s in found)
        base = found[0].baseline_gain
        out.append(
            f"Stubbornness pays for {names[seat]}: against {possessive(other)} {', '.join(found[0].opponents)}, "
            f"{what} over its no-deal value, against linear's {base:+.3f}. A side that never concedes should get "
            f"less: raise {possessive(other)} reservation value (now {rules.base_reservation[1 - seat]:.2f}) or its "
            "patience, so that it walks away rather than give in."
        )
    return out


def _structure(rules: Rules, report: Balance) -> list[str]:
    s = rules.scenario
    out = []
    if report.nash_gain is not None:
        g = report.nash_gain
        names = [a.name for a in s.actors]
        whose = [possessive(n) for n in names]
        small = 0 if g[0] < g[1] else 1
        if g[small] < GAIN_RATIO * g[1 - small]:
            out.append(
                f"At the Nash point {names[small]} gains only {g[small]:+.2f} over no deal against "
                f"{whose[1 - small]} {g[1 - small]:+.2f}: {names[small]} has little reason to settle. Lower "
                f"{whose[small]} reservation value (now {rules.base_reservation[small]:.2f}) or give it more on "
                "the issues it weights most."
            )
    for line in report.idle_red_lines:
        actor = s.actor(line.actor).name
        options = ", ".join(s.option_label(line.issue, o) for o in line.options)
        out.append(
            f"{possessive(actor)} red line on {_issue_name(rules, line.issue)} ({options}) never binds: no package "
            "in the agreement zone would use it anyway, so it shapes nothing in play. Tighten it, "
            "drop it, or lower a reservation value so that it matters."
        )
    for issue in report.shared_issues:
        if issue.indifferent:
            who = " and ".join(s.actor(a).name for a in issue.indifferent)
            why = f"{who} values every option the same"
        else:
            why = f"both sides rank its options the same way ({s.option_label(issue.issue, issue.best)} first)"
        out.append(
            f"{_issue_name(rules, issue.issue)} has no trade-off: {why}, so it settles itself and adds "
            "no bargaining. Make the sides want different options, or drop the issue."
        )
    return out


def advise(rules: Rules, report: Balance) -> list[str]:
    """Plain-language advice: what looks off and which numbers to change."""
    names = [a.name for a in rules.scenario.actors]
    res = [float(r) for r in rules.base_reservation]
    if report.zone == 0:
        return [
            "No package beats both sides' no-deal values within the red lines, so every game ends "
            f"without a deal: lower a reservation value ({names[0]} {res[0]:.2f}, {names[1]} "
            f"{res[1]:.2f}), relax a red line or revalue options."
        ]
    out = [
        *_zone(report, names, res),
        *_split(rules, report, names, res),
        *_no_deal(rules, report, names),
        *_home(rules, report, names),
        *_stubborn(rules, report, names),
        *_structure(rules, report),
    ]
    if not out:
        share = report.zone / report.outcomes if report.outcomes else 0.0
        split, no_deal = report.split, report.no_deal_rate
        if split is not None and no_deal is not None:
            out.append(
                f"No balance problems found: the agreement zone is {share:.0%} of all packages, the computer games "
                f"split {split:.0%}/{1 - split:.0%} between the sides with no deal in {no_deal:.0%}, and "
                "stubbornness does not pay."
            )
        else:
            out.append(f"No structural problems found: the agreement zone is {share:.0%} of all packages.")
    return out
