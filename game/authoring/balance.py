"""Is a scenario balanced? Numbers and plain-language advice for its author.

Built on the engine's exact analysis (agreement zone, Nash and Kalai-Smorodinsky points)
plus a round-robin of computer games: every pair of the five strategies plays the same
chance tapes (one seed, common random numbers), so differences between pairings come from
the strategies, not from luck. Structural checks find red lines that never bind and issues
on which the sides want the same thing. Everything here is pure: it returns data and text
and never prints.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from itertools import product
from typing import Any

import numpy as np

from game.engine.analysis import Analysis, analyze_rules
from game.engine.rules import Rules
from game.engine.simulate import simulate
from game.engine.space import forbidden_mask
from game.engine.strategies import STRATEGIES

#: Games per strategy pairing: 25 pairings x 200 games keep `parley analyze` under ~3 s
#: on the bundled scenarios while putting a win rate within a few points.
GAMES_PER_PAIR = 200
SEED = 0
DIFFICULTY = "normal"

# Thresholds of the advice (shares of games or of the outcome space).
ZONE_NARROW, ZONE_WIDE = 0.03, 0.40
LOPSIDED = 0.65  # one side does better in at least this share of games
NO_DEAL_HIGH = 0.35
GAIN_RATIO = 0.35  # the smaller Nash gain below this share of the larger
#: Outcome spaces at least this large simulate on two threads.
THREADED_SPACE = 2000


@dataclass(frozen=True)
class Pairing:
    """Computer against computer with one strategy per side, over ``games`` games."""

    strategies: tuple[str, str]
    games: int
    agreement_rate: float
    better: tuple[float, float]  # share of games each side ends with the higher utility
    mean_utility: tuple[float, float]


@dataclass(frozen=True)
class IdleRedLine:
    """A red line that excludes nothing from the agreement zone."""

    actor: str
    index: int  # position in ``red_lines[actor]``
    issue: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class SharedIssue:
    """An issue without a trade-off: no two options the sides rank in opposite order."""

    issue: str
    best: str  # the option both sides like best (the first on ties)
    indifferent: tuple[str, ...]  # actor ids that value every option the same


@dataclass(frozen=True)
class Balance:
    """The balance report of one scenario."""

    outcomes: int
    zone: int
    nash: int | None
    kalai_smorodinsky: int | None
    nash_gain: tuple[float, float] | None
    pairings: tuple[Pairing, ...]  # empty when not simulated
    games_per_pair: int
    seed: int
    idle_red_lines: tuple[IdleRedLine, ...]
    shared_issues: tuple[SharedIssue, ...]
    advice: tuple[str, ...]

    @property
    def simulated(self) -> bool:
        return bool(self.pairings)

    @property
    def games(self) -> int:
        return sum(p.games for p in self.pairings)

    @property
    def better(self) -> tuple[float, float] | None:
        """Share of all simulated games each side did better in (pairings weigh by games)."""
        if not self.pairings:
            return None
        total = self.games
        return (
            sum(p.better[0] * p.games for p in self.pairings) / total,
            sum(p.better[1] * p.games for p in self.pairings) / total,
        )

    @property
    def no_deal_rate(self) -> float | None:
        if not self.pairings:
            return None
        return 1.0 - sum(p.agreement_rate * p.games for p in self.pairings) / self.games


def play_pairings(
    rules: Rules,
    games: int = GAMES_PER_PAIR,
    seed: int = SEED,
    strategies: tuple[str, ...] = STRATEGIES,
    workers: int | None = None,
) -> tuple[Pairing, ...]:
    """Every (side 0, side 1) pair of ``strategies``, ``games`` games each, all on the same seed.

    Each pairing is exactly ``simulate(rules, games, seats, seed)``. On large outcome spaces
    pairings run on two threads (numpy releases the GIL in the heavy array work, and runs
    share no state once the rules' cached tables are built, done here first); on small ones
    threads cost more than they save. Results are the same either way.
    """
    if workers is None:
        workers = 2 if rules.space.size >= THREADED_SPACE and (os.cpu_count() or 1) > 1 else 1
    _ = rules.digits, rules.forbidden, rules.base_utilities
    seats = [((a, DIFFICULTY), (b, DIFFICULTY)) for a, b in product(strategies, strategies)]

    def run(pair: tuple[tuple[str, str], tuple[str, str]]) -> Pairing:
        summary = simulate(rules, games, pair, seed).summary()
        return Pairing(
            strategies=(pair[0][0], pair[1][0]),
            games=games,
            agreement_rate=summary["agreement_rate"],
            better=(summary["better_0"], summary["better_1"]),
            mean_utility=(summary["mean_utility_0"], summary["mean_utility_1"]),
        )

    if workers <= 1:
        return tuple(run(pair) for pair in seats)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return tuple(pool.map(run, seats))


def idle_red_lines(rules: Rules, analysis: Analysis) -> list[IdleRedLine]:
    """Red lines no agreement-zone package would cross even without them.

    A red line binds when some package that beats both reservation values and respects
    every *other* red line uses one of its options; otherwise removing it changes nothing.
    """
    s = rules.scenario
    u, r = analysis.utilities, analysis.reservation
    beats = (u[0] > r[0]) & (u[1] > r[1])
    lines = [
        (a, k, line)
        for a, actor in enumerate(rules.actor_ids)
        for k, line in enumerate(s.red_lines.get(actor, []))
    ]
    out = []
    for a, k, line in lines:
        barred: dict[int, list[int]] = {}
        for b, j, other in lines:
            if (b, j) == (a, k):
                continue
            i = rules.issue_ids.index(other.issue)
            barred.setdefault(i, []).extend(rules.option_ids[i].index(o) for o in other.options)
        allowed = beats & ~forbidden_mask(rules.digits, barred)
        i = rules.issue_ids.index(line.issue)
        mine = [rules.option_ids[i].index(o) for o in line.options]
        if not (allowed & np.isin(rules.digits[:, i], mine)).any():
            out.append(IdleRedLine(rules.actor_ids[a], k, line.issue, tuple(line.options)))
    return out


def shared_issues(rules: Rules) -> list[SharedIssue]:
    """Issues where no pair of options is ranked in opposite order by the two sides."""
    out = []
    for i, issue in enumerate(rules.issue_ids):
        k = rules.space.radices[i]
        v0, v1 = rules.values[0, i, :k], rules.values[1, i, :k]
        d0 = v0[:, None] - v0[None, :]
        d1 = v1[:, None] - v1[None, :]
        if ((d0 * d1) < 0).any():
            continue
        best = int(np.lexsort((np.arange(k), -(v0 + v1)))[0])
        flat = tuple(rules.actor_ids[a] for a, v in enumerate((v0, v1)) if np.ptp(v) == 0)
        out.append(SharedIssue(issue, rules.option_ids[i][best], flat))
    return out


def _issue_name(rules: Rules, issue_id: str) -> str:
    return rules.scenario.issue(issue_id).name


def package_words(rules: Rules, package: int) -> list[str]:
    """A package as ``Issue: Option`` phrases."""
    return [
        f"{_issue_name(rules, issue)}: {rules.scenario.option_label(issue, option)}"
        for issue, option in rules.choice_of(package).items()
    ]


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


def advise(rules: Rules, report: Balance) -> list[str]:
    """Plain-language advice: what looks off and which numbers to change."""
    s = rules.scenario
    names = [a.name for a in s.actors]
    res = rules.base_reservation
    out: list[str] = []
    share = report.zone / report.outcomes if report.outcomes else 0.0
    if report.zone == 0:
        out.append(
            "No package beats both sides' no-deal values within the red lines, so every game ends "
            f"without a deal: lower a reservation value ({names[0]} {res[0]:.2f}, {names[1]} "
            f"{res[1]:.2f}), relax a red line or revalue options."
        )
        return out
    if share < ZONE_NARROW:
        out.append(
            f"The agreement zone is narrow ({report.zone:,} of {report.outcomes:,} packages, {share:.1%}): "
            "new players will rarely find it. Lower a reservation value or relax a red line."
        )
    elif share > ZONE_WIDE:
        out.append(
            f"Agreement is easy: {share:.0%} of all packages beat both no-deal values. Raise the "
            "reservation values or add red lines so that the talks bite (aim for 5-25%)."
        )
    better = report.better
    if better is not None and report.nash is not None:
        w = 0 if better[0] >= better[1] else 1
        if better[w] >= LOPSIDED:
            weak = _issue_name(rules, _weakest_issue(rules, w, report.nash))
            out.append(
                f"{names[w]} does better than {names[1 - w]} in {better[w]:.0%} of computer games: "
                f"lower {names[w]}'s reservation value (now {res[w]:.2f}) or raise {names[w]}'s weight "
                f"of {weak}, where balanced deals give it least; or raise {names[1 - w]}'s reservation "
                f"value (now {res[1 - w]:.2f})."
            )
    no_deal = report.no_deal_rate
    if no_deal is not None and no_deal > NO_DEAL_HIGH:
        out.append(
            f"{no_deal:.0%} of computer games end without a deal: widen the agreement zone (lower "
            f"reservation values, relax red lines) or give the talks more rounds (now {s.rounds})."
        )
    if report.nash_gain is not None:
        g = report.nash_gain
        small = 0 if g[0] < g[1] else 1
        if g[small] < GAIN_RATIO * g[1 - small]:
            out.append(
                f"At the Nash point {names[small]} gains only {g[small]:+.2f} over no deal against "
                f"{names[1 - small]}'s {g[1 - small]:+.2f}: {names[small]} has little reason to settle. "
                f"Lower {names[small]}'s reservation value (now {res[small]:.2f}) or give it more on "
                "the issues it weights most."
            )
    for line in report.idle_red_lines:
        actor = s.actor(line.actor).name
        options = ", ".join(rules.scenario.option_label(line.issue, o) for o in line.options)
        out.append(
            f"{actor}'s red line on {_issue_name(rules, line.issue)} ({options}) never binds: no package "
            "in the agreement zone would use it anyway, so it shapes nothing in play. Tighten it, "
            "drop it, or lower a reservation value so that it matters."
        )
    for issue in report.shared_issues:
        if issue.indifferent:
            who = " and ".join(s.actor(a).name for a in issue.indifferent)
            why = f"{who} values every option the same"
        else:
            best = rules.scenario.option_label(issue.issue, issue.best)
            why = f"both sides rank its options the same way ({best} first)"
        out.append(
            f"{_issue_name(rules, issue.issue)} has no trade-off: {why}, so it settles itself and adds "
            "no bargaining. Make the sides want different options, or drop the issue."
        )
    if not out:
        if better is not None:
            out.append(
                f"No balance problems found: the agreement zone is {share:.0%} of all packages and each "
                f"side does better in {better[0]:.0%} / {better[1]:.0%} of computer games."
            )
        else:
            out.append(f"No structural problems found: the agreement zone is {share:.0%} of all packages.")
    return out


def balance(
    rules: Rules,
    analysis: Analysis | None = None,
    *,
    simulated: bool = True,
    games: int = GAMES_PER_PAIR,
    seed: int = SEED,
) -> Balance:
    """The balance report of ``rules``' scenario (``simulated=False`` skips the computer games)."""
    analysis = analysis if analysis is not None else analyze_rules(rules)
    nash = analysis.nash
    gain = None
    if nash is not None:
        g = analysis.utilities[:, nash] - analysis.reservation
        gain = (float(g[0]), float(g[1]))
    pairings = play_pairings(rules, games, seed) if simulated and len(analysis.zone) else ()
    report = Balance(
        outcomes=analysis.outcomes,
        zone=len(analysis.zone),
        nash=nash,
        kalai_smorodinsky=analysis.kalai_smorodinsky,
        nash_gain=gain,
        pairings=tuple(pairings),
        games_per_pair=games if pairings else 0,
        seed=seed,
        idle_red_lines=tuple(idle_red_lines(rules, analysis)),
        shared_issues=tuple(shared_issues(rules)),
        advice=(),
    )
    return replace(report, advice=tuple(advise(rules, report)))


# -- output ------------------------------------------------------------------------------


def _r(x: float) -> float:
    return round(float(x), 6)


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

    simulation = None
    if report.simulated:
        better = report.better
        assert better is not None and report.no_deal_rate is not None
        simulation = {
            "games": report.games,
            "games_per_pairing": report.games_per_pair,
            "seed": report.seed,
            "difficulty": DIFFICULTY,
            "better_off": {a: _r(better[i]) for i, a in enumerate(ids)},
            "no_deal_rate": _r(report.no_deal_rate),
            "pairings": [
                {
                    "strategies": {a: p.strategies[i] for i, a in enumerate(ids)},
                    "games": p.games,
                    "agreement_rate": _r(p.agreement_rate),
                    "better_off": {a: _r(p.better[i]) for i, a in enumerate(ids)},
                    "mean_utility": {a: _r(p.mean_utility[i]) for i, a in enumerate(ids)},
                }
                for p in report.pairings
            ],
        }
    return {
        "zone": {
            "packages": report.zone,
            "outcomes": report.outcomes,
            "share": _r(report.zone / report.outcomes) if report.outcomes else 0.0,
        },
        "nash": point(report.nash),
        "kalai_smorodinsky": point(report.kalai_smorodinsky),
        "simulation": simulation,
        "idle_red_lines": [
            {"actor": x.actor, "index": x.index, "issue": x.issue, "options": list(x.options)}
            for x in report.idle_red_lines
        ],
        "no_tradeoff_issues": [
            {"issue": x.issue, "best": x.best, "indifferent": list(x.indifferent)} for x in report.shared_issues
        ],
        "advice": list(report.advice),
    }


def balance_text(rules: Rules, analysis: Analysis, report: Balance) -> str:
    """The readable balance section of ``parley analyze``."""
    s = rules.scenario
    labels = [a.label for a in s.actors]
    share = report.zone / report.outcomes if report.outcomes else 0.0
    out = ["Balance", f"  Agreement zone: {report.zone:,} of {report.outcomes:,} packages ({share:.1%})."]
    for title, package in (("Nash point", report.nash), ("Kalai-Smorodinsky point", report.kalai_smorodinsky)):
        if package is None:
            continue
        out.append(f"  {title}: " + "; ".join(package_words(rules, package)) + ".")
    if report.nash_gain is not None:
        g = report.nash_gain
        out.append(f"  Gains over no deal at the Nash point: {labels[0]} {g[0]:+.3f}, {labels[1]} {g[1]:+.3f}.")
    if report.simulated:
        better, no_deal = report.better, report.no_deal_rate
        assert better is not None and no_deal is not None
        out += [
            f"  Computer against computer: {len(report.pairings)} strategy pairings x "
            f"{report.games_per_pair} games (seed {report.seed}, {DIFFICULTY}):",
            f"    {labels[0]} does better in {better[0]:.0%} of games, {labels[1]} in {better[1]:.0%}; "
            f"no deal in {no_deal:.0%}.",
            f"    Who does better, {labels[0]}% / {labels[1]}% (rows: {labels[0]}'s strategy, "
            f"columns: {labels[1]}'s):",
        ]
        cols = sorted({p.strategies[1] for p in report.pairings}, key=STRATEGIES.index)
        rows = sorted({p.strategies[0] for p in report.pairings}, key=STRATEGIES.index)
        cell = {p.strategies: p for p in report.pairings}
        width = max(len(c) for c in [*cols, "-------"])
        out.append("    " + " " * 12 + " ".join(f"{c:>{width}}" for c in cols))
        for row in rows:
            texts = []
            for col in cols:
                p = cell[(row, col)]
                texts.append(f"{p.better[0]:.0%}/{p.better[1]:.0%}".rjust(width))
            out.append(f"    {row:<12}" + " ".join(texts))
    elif report.zone:
        out.append("  Computer games skipped (--no-simulate).")
    if report.idle_red_lines:
        out.append("  Red lines that never bind: " + ", ".join(
            f"{s.actor(x.actor).label} on {_issue_name(rules, x.issue)}" for x in report.idle_red_lines) + ".")
    if report.shared_issues:
        out.append("  Issues without a trade-off: " + ", ".join(
            _issue_name(rules, x.issue) for x in report.shared_issues) + ".")
    out.append("  Advice:")
    out.extend(f"    - {line}" for line in report.advice)
    return "\n".join(out) + "\n"
