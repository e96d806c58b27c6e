"""``parley analyze`` and ``parley simulate``: the numbers behind a scenario."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .common import EXIT_OK, CommandError, scenario_arg


def _package(rules: Any, analysis: Any, package: int | None) -> dict[str, Any] | None:
    if package is None:
        return None
    return {
        "package": rules.choice_of(package),
        "utility": {a: round(float(analysis.utilities[i, package]), 6) for i, a in enumerate(rules.actor_ids)},
    }


def analysis_json(rules: Any, analysis: Any) -> dict[str, Any]:
    """The documented JSON shape of ``parley analyze --json``."""
    ids = rules.actor_ids
    return {
        "scenario": rules.scenario.id,
        "outcomes": analysis.outcomes,
        "agreement_zone": len(analysis.zone),
        "reservation": {a: round(float(analysis.reservation[i]), 6) for i, a in enumerate(ids)},
        "pareto": [_package(rules, analysis, int(p)) for p in analysis.pareto],
        "nash": _package(rules, analysis, analysis.nash),
        "kalai_smorodinsky": _package(rules, analysis, analysis.kalai_smorodinsky),
        "best": {a: _package(rules, analysis, analysis.best[i]) for i, a in enumerate(ids)},
        "worst": {a: _package(rules, analysis, analysis.worst[i]) for i, a in enumerate(ids)},
        "win_set_chance": analysis.pass_chance,
        "win_sets": {a: len(analysis.win_sets[i]) for i, a in enumerate(ids)},
        "ratifiable_zone": len(analysis.ratifiable_zone),
        "nash_ratifiable": _package(rules, analysis, analysis.nash_ratifiable),
        "kalai_smorodinsky_ratifiable": _package(rules, analysis, analysis.kalai_smorodinsky_ratifiable),
        "ratification": ratification_json(rules, analysis),
        "constituencies": constituencies_json(rules, analysis),
    }


def ratification_json(rules: Any, analysis: Any) -> dict[str, dict[str, float | None]]:
    """Each constituency's chance of passing the packages that matter (None where there is none)."""
    ids = rules.actor_ids

    def chance(i: int, package: int | None) -> float | None:
        return None if package is None else round(float(analysis.ratify[i, package]), 6)

    return {
        a: {
            "nash": chance(i, analysis.nash),
            "kalai_smorodinsky": chance(i, analysis.kalai_smorodinsky),
            "best_for_self": chance(i, analysis.best[i]),
            "best_for_other": chance(i, analysis.best[1 - i]),
        }
        for i, a in enumerate(ids)
    }


def constituencies_json(rules: Any, analysis: Any) -> dict[str, dict[str, Any]]:
    """Each constituency's curve and its utility of the packages ``ratification`` gives chances for."""
    from game.authoring.home import POINTS, home

    return {
        a: {
            "name": side.name,
            "threshold": round(side.threshold, 6),
            "sensitivity": round(side.sensitivity, 6),
            "utility": {k: round(side.points[k].utility, 6) if k in side.points else None for k in POINTS},
        }
        for a, side in zip(rules.actor_ids, home(rules, analysis), strict=True)
    }


def words(rules: Any, package: int) -> list[str]:
    """A package as 'Issue: Option' lines."""
    s = rules.scenario
    choice = rules.choice_of(package)
    return [
        f"{s.issue(i).name}: {s.option_label(i, o_id)}"
        for i, o_id in choice.items()
    ]


def ratification_text(rules: Any, analysis: Any) -> list[str]:
    """The second level in words: each constituency's curve, what it makes of the packages that
    matter (its utility there and its chance of ratifying), win-sets, the ratifiable Nash point."""
    from game.authoring.home import constituency_label, home

    s = rules.scenario
    chance = f"{analysis.pass_chance:.0%}"
    out = ["Ratification at home: each constituency ratifies a package of utility u (in its own eyes) with "
           "chance 1 / (1 + exp(-(u - threshold) / sensitivity)); its win-set is the packages it passes at "
           f"least {chance} of the time."]
    sides = home(rules, analysis)
    for i, (a, side) in enumerate(zip(s.actors, sides, strict=True)):
        out.append(f"    {a.name} ({constituency_label(side.name)}): threshold {side.threshold:.2f}, sensitivity "
                   f"{side.sensitivity:g}, win-set {len(analysis.win_sets[i]):,} packages.")
    rows = [("Nash", "nash", "nash"), ("Kalai-Smorodinsky", "kalai_smorodinsky", "kalai_smorodinsky")] + [
        (f"{a.label}'s best", "best_for_self" if i == 0 else "best_for_other",
         "best_for_other" if i == 0 else "best_for_self") for i, a in enumerate(s.actors)]
    width = max(len(r[0]) for r in rows) + len(" package")
    out.append(f"    {'':<{width}}  " + "  ".join(f"{a.label + ' u -> p':>16}" for a in s.actors))
    for title, first, second in rows:
        verdicts = [sides[0].points.get(first), sides[1].points.get(second)]
        if any(v is None for v in verdicts):
            continue
        cells = [f"{v.utility:.2f} -> {v.chance:>4.0%}" for v in verdicts if v is not None]
        out.append(f"    {title + ' package':<{width}}  " + "  ".join(f"{c:>16}" for c in cells))
    both = len(analysis.ratifiable_zone)
    out.append(f"    {both:,} packages of the agreement zone lie in both win-sets.")
    if analysis.nash_ratifiable is None:
        out.append("    No package of the zone is likely to pass at home on both sides: expect deals to fail "
                   "ratification unless a constituency threshold comes down.")
    elif analysis.nash_ratifiable != analysis.nash:
        u = analysis.utilities[:, analysis.nash_ratifiable]
        out.append("    The Nash point is unlikely to pass at home; the best ratifiable one gives "
                   + ", ".join(f"{a.label} {u[i]:.3f}" for i, a in enumerate(s.actors)) + ":")
        out.extend(f"        {line}" for line in words(rules, analysis.nash_ratifiable))
    return out


def analysis_text(rules: Any, analysis: Any) -> str:
    s = rules.scenario
    labels = [a.label for a in s.actors]
    zone = len(analysis.zone)
    share = zone / analysis.outcomes if analysis.outcomes else 0.0
    out = [
        f"{s.title} ({s.id}){', ' + str(s.year) if s.year else ''}",
        f"Outcome space: {analysis.outcomes:,} packages over {len(s.issues)} issues.",
        f"Agreement zone: {zone:,} packages ({share:.1%}) respect both sides' red lines and beat both "
        "no-deal values.",
        "No-deal values (reservation): "
        + ", ".join(f"{a.name} {analysis.reservation[i]:.2f}" for i, a in enumerate(s.actors)) + ".",
        "",
    ]
    if zone == 0:
        out.append("There is no agreement zone: every game ends without a deal.")
        return "\n".join(out) + "\n"

    def block(title: str, package: int | None) -> None:
        if package is None:
            return
        u = analysis.utilities[:, package]
        out.append(f"{title}: {labels[0]} {u[0]:.3f}, {labels[1]} {u[1]:.3f}")
        out.extend(f"    {line}" for line in words(rules, package))

    block("Nash bargaining solution (largest product of gains)", analysis.nash)
    if analysis.nash is not None:
        gains = analysis.utilities[:, analysis.nash] - analysis.reservation
        out.append(f"    gains over no deal: {labels[0]} {gains[0]:+.3f}, {labels[1]} {gains[1]:+.3f}")
    block("Kalai-Smorodinsky solution (equal share of each side's best gain)", analysis.kalai_smorodinsky)
    for i, a in enumerate(s.actors):
        block(f"Best acceptable package for {a.name}", analysis.best[i])
    out.append("")
    out.extend(ratification_text(rules, analysis))
    out.append("")
    out.append(f"Pareto frontier ({len(analysis.pareto)} packages, by {labels[0]}'s utility):")
    width = max(len(labels[0]), 5)
    out.append(f"    {labels[0]:>{width}} {labels[1]:>{width}}  package")
    for p in analysis.pareto:
        u = analysis.utilities[:, p]
        options = " · ".join(x.split(": ", 1)[1] for x in words(rules, int(p)))
        out.append(f"    {u[0]:>{width}.3f} {u[1]:>{width}.3f}  {options}")
    return "\n".join(out) + "\n"


class LazyBar:
    """A Rich progress bar on stderr that appears only once the work has taken ``delay`` seconds.

    Short runs print nothing; long ones (large outcome spaces, ``--suggest``) show how far
    they are. Only on a terminal: piped stderr gets no bar.
    """

    def __init__(self, label: str, delay: float = 1.0):
        import time

        self.label = label
        self.delay = delay
        self.started = time.perf_counter()
        self.bar: Any = None
        self.task: Any = None

    def update(self, done: int, total: int) -> None:
        import time

        if self.bar is None:
            if not sys.stderr.isatty() or time.perf_counter() - self.started < self.delay:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        self.bar.update(self.task, completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def run_analyze(args: argparse.Namespace) -> int:
    from game.engine import OutcomeSpaceTooLarge, Rules, analyze_rules

    if args.suggest_runs < 1:
        raise CommandError("--suggest-runs must be at least 1", 2)
    scenario, path = scenario_arg(args.file)
    try:
        rules = Rules(scenario)
    except OutcomeSpaceTooLarge as exc:
        raise CommandError(f"{path}: error: issues: {exc}") from None
    analysis = analyze_rules(rules)
    from game.authoring.balance import balance
    from game.authoring.balance_output import balance_json, balance_text

    bar = LazyBar("Balance games")
    try:
        report = balance(rules, analysis, simulated=not args.no_simulate, round_robin=args.round_robin,
                         progress=bar.update)
    finally:
        bar.close()
    found = None
    if args.suggest:
        from game.authoring.suggest import suggest

        bar = LazyBar("Searching")
        try:
            found = suggest(scenario, budget=args.suggest_runs, progress=bar.update)
        finally:
            bar.close()
    if args.json:
        data = {**analysis_json(rules, analysis), "balance": balance_json(rules, analysis, report)}
        if found is not None:
            from game.authoring.suggest import suggestion_json

            data["suggestion"] = suggestion_json(scenario, found)
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    sys.stdout.write(analysis_text(rules, analysis) + "\n" + balance_text(rules, analysis, report))
    if found is not None:
        from game.authoring.suggest import suggestion_text

        sys.stdout.write("\n" + suggestion_text(scenario, found, locator(path)))
    return EXIT_OK


def locator(path: Any) -> Any:
    """``where(data path)`` -> ``FILE:LINE:COL`` of that value in the scenario file, for suggestions."""
    from pathlib import Path

    from game.scenario import load

    loaded = load(Path(path))
    document = loaded.document

    def where(data_path: tuple[str | int, ...]) -> str:
        if document is None:
            return str(path)
        pos = document.position(data_path)
        return f"{path}:{pos.line}:{pos.col}"

    return where


def parse_seats(rules: Any, specs: list[str]) -> tuple[tuple[str, str], tuple[str, str]]:
    """``ACTOR=NAME[/DIFFICULTY]`` options -> (strategy, difficulty) per actor (defaults: scenario styles)."""
    from game.engine import Seat

    seats: list[tuple[str, str]] = [(a.style, "normal") for a in rules.scenario.actors]
    seen: set[str] = set()
    for spec in specs:
        actor, sep, text = spec.partition("=")
        if actor in seen:
            raise CommandError(f"--strategy {spec}: {actor} already has a strategy; give one per side", 2)
        seen.add(actor)
        if not sep or actor not in rules.actor_ids:
            raise CommandError(
                f"--strategy {spec}: write ACTOR=STRATEGY[/DIFFICULTY] with ACTOR one of {', '.join(rules.actor_ids)}",
                2,
            )
        try:
            seat = Seat.parse(text)
        except ValueError as exc:
            raise CommandError(f"--strategy {spec}: {exc}", 2) from None
        if seat.human:
            raise CommandError(f"--strategy {spec}: simulations are computer against computer", 2)
        seats[rules.actor_index(actor)] = (seat.strategy or "adaptive", seat.difficulty)
    return seats[0], seats[1]


def simulation_json(rules: Any, seats: Any, seed: int, result: Any) -> dict[str, Any]:
    s = result.summary()
    ids = rules.actor_ids
    nash = result.analysis.nash
    out: dict[str, Any] = {
        "scenario": rules.scenario.id,
        "games": result.games,
        "seed": seed,
        "strategies": {a: f"{seats[i][0]}/{seats[i][1]}" for i, a in enumerate(ids)},
        "agreement_rate": round(s["agreement_rate"], 6),
        "walkaway_rate": round(s["walkaway_rate"], 6),
        "mean_rounds": round(s["mean_rounds"], 4),
        "walked_out": {a: round(s[f"walkaway_rate_{i}"], 6) for i, a in enumerate(ids)},
        "failed_ratification_rate": round(s["failed_ratification_rate"], 6),
        "mean_utility": {a: round(s[f"mean_utility_{i}"], 6) for i, a in enumerate(ids)},
        "mean_gain": {a: round(s[f"mean_gain_{i}"], 6) for i, a in enumerate(ids)},
        "better_off": {a: round(s[f"better_{i}"], 6) for i, a in enumerate(ids)},
        "reservation": {a: round(float(rules.base_reservation[i]), 6) for i, a in enumerate(ids)},
    }
    if nash is not None:
        out["nash"] = {a: round(float(result.analysis.utilities[i, nash]), 6) for i, a in enumerate(ids)}
    if "mean_distance_to_nash" in s:
        out["around_nash"] = {
            "mean_distance": round(s["mean_distance_to_nash"], 6),
            "deals_better_than_nash": {a: round(s[f"deals_above_nash_{i}"], 6) for i, a in enumerate(ids)},
            "deals_at_nash": round(s["deals_at_nash"], 6),
            "deals_pareto_efficient": round(s["deals_pareto_efficient"], 6),
        }
    return out


def simulation_text(rules: Any, seats: Any, seed: int, result: Any, seconds: float) -> str:
    data = simulation_json(rules, seats, seed, result)
    sc = rules.scenario
    names = {a.id: a.name for a in sc.actors}
    labels = {a.id: a.label for a in sc.actors}
    lines = [
        f"{data['games']:,} computer games of \"{sc.title}\" (seed {seed}, {seconds:.2f} s, "
        f"{data['games'] / max(seconds, 1e-9):,.0f} games/s)",
        "Strategies: " + ", ".join(f"{names[a]} = {v}" for a, v in data["strategies"].items()),
        f"Deals: {data['agreement_rate']:.1%} of games; walk-aways {data['walkaway_rate']:.1%} ("
        + ", ".join(f"{labels[a]} {v:.1%}" for a, v in data["walked_out"].items())
        + f"); failed at home {data['failed_ratification_rate']:.1%}; mean length {data['mean_rounds']:.1f} rounds.",
        "Mean gain over each side's own no-deal value: "
        + ", ".join(f"{labels[a]} {g:+.3f}" for a, g in data["mean_gain"].items()),
        "Mean utility (no deal counts as the no-deal value): "
        + ", ".join(
            f"{names[a]} {u:.3f} (no deal {data['reservation'][a]:.2f})" for a, u in data["mean_utility"].items()
        ),
        "Who came out ahead: " + ", ".join(f"{labels[a]} in {v:.0%} of games" for a, v in data["better_off"].items()),
    ]
    if "nash" in data:
        lines.append("Nash point: " + ", ".join(f"{labels[a]} {u:.3f}" for a, u in data["nash"].items()))
    if "around_nash" in data:
        around = data["around_nash"]
        lines.append(
            f"Deals around it: mean distance {around['mean_distance']:.3f}; "
            + ", ".join(
                f"better than Nash for {labels[a]} {v:.0%}" for a, v in around["deals_better_than_nash"].items()
            )
            + f"; exactly Nash {around['deals_at_nash']:.0%}; Pareto-efficient {around['deals_pareto_efficient']:.0%}."
        )
    return "\n".join(lines) + "\n"


def run_simulate(args: argparse.Namespace) -> int:
    import time

    from game.engine import OutcomeSpaceTooLarge, Rules, simulate

    scenario, path = scenario_arg(args.file)
    if args.games < 1:
        raise CommandError("--games must be at least 1", 2)
    if args.seed < 0:
        raise CommandError("--seed must be a whole number >= 0", 2)
    try:
        rules = Rules(scenario)
    except OutcomeSpaceTooLarge as exc:
        raise CommandError(f"{path}: error: issues: {exc}") from None
    seats = parse_seats(rules, args.strategy or [])
    start = time.perf_counter()
    show = sys.stderr.isatty() and args.games >= 5000 and not args.json
    if show:
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("Simulating", total=args.games)
            result = simulate(rules, args.games, seats, args.seed,
                              progress=lambda done, total: bar.update(task, completed=done))
    else:
        result = simulate(rules, args.games, seats, args.seed)
    seconds = time.perf_counter() - start
    if args.json:
        print(json.dumps(simulation_json(rules, seats, args.seed, result), indent=2))
    else:
        sys.stdout.write(simulation_text(rules, seats, args.seed, result, seconds))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="agreement zone, Pareto frontier, Nash and Kalai-Smorodinsky points")
    p.add_argument("file", metavar="FILE", help="scenario file (or a bundled scenario's id)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--no-simulate", action="store_true",
                   help="skip the computer-against-computer games of the balance report")
    p.add_argument("--round-robin", action="store_true",
                   help="play every pairing of the computer strategies, and each reference player against every "
                        "one of them (slower)")
    p.add_argument("--suggest", action="store_true",
                   help="search for reservation values and constituency thresholds that balance the scenario")
    p.add_argument("--suggest-runs", type=int, default=30, metavar="N",
                   help="--suggest plays the balance games at most N times (default 30)")
    p.set_defaults(func=run_analyze)

    p = sub.add_parser("simulate", help="play computer against computer many times")
    p.add_argument("file", metavar="FILE", help="scenario file (or a bundled scenario's id)")
    p.add_argument("--games", type=int, default=1000, help="number of games (default 1000)")
    p.add_argument("--strategy", action="append", metavar="ACTOR=NAME[/LEVEL]",
                   help="strategy per side, e.g. us=boulware or pk=adaptive/hard (default: the scenario's styles)")
    p.add_argument("--seed", type=int, default=0, help="seed of the chance draws (default 0)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run_simulate)
