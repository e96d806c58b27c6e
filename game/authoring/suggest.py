"""``parley analyze --suggest``: reservation values and thresholds that balance a scenario, found by search.

The targets are the balance report's: the computer games split within 55/45 between the
sides (by gains over each side's own no-deal value), end without a deal 10-30% of the time,
and no more than 30% of the deals they agree fail at home. Four numbers move: both
reservation values and both constituency thresholds. Each candidate is judged by the very
games of the balance report (each computer strategy against itself, the report's games per
pairing, seed 0), so the numbers a suggestion shows are what ``parley analyze`` will print
once the file has them.

The search is a pattern search with first improvement: from the current values it tries a
step up and down on each number, in the order the shortfall suggests (a side that wins
too often first gets a higher no-deal value, its opponent a lower one; too many no-deals
first lower the values), moves as soon as a candidate is better, and halves the step
(0.04, 0.02, 0.01) when none is; a candidate counts as better only by more than
:data:`MIN_GAIN`, the noise of the games. It stops when every target is met or after
:data:`BUDGET` runs of the games, so its time is bounded; it is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.engine.analysis import analyze_rules
from game.engine.rules import Rules
from game.scenario.models import Scenario

from .balance import balance, games_for, no_deal_of, split_of
from .balance_advice import FAILED_HIGH, NO_DEAL_HIGH, NO_DEAL_LOW, SPLIT_TOLERANCE
from .games import COMPUTER, SEED, play_pairings
from .home import possessive

#: Most runs of the balance games one search makes.
BUDGET = 30
STEPS = (0.04, 0.02, 0.01)
#: A step must bring the targets nearer by more than this (a share of games): smaller gains are
#: within the noise of a few hundred games and would only chase luck.
MIN_GAIN = 0.01
LOW, HIGH = 0.05, 0.95
#: Parameter names, in the order of a candidate's values.
FIELDS = ("reservation", "reservation", "threshold", "threshold")


@dataclass(frozen=True)
class Trial:
    """One candidate: the four numbers and what the balance games made of them."""

    values: tuple[float, float, float, float]  # reservation 0, reservation 1, threshold 0, threshold 1
    zone: int
    split: float | None
    no_deal: float
    failed: float = 0.0  # share of ratification attempts that failed at home

    @property
    def shortfall(self) -> float:
        """How far the candidate misses the targets (0: all met), in shares of games.

        Besides the split and the no-deal rate, deals must not fail at home more often than
        the advice accepts: a threshold that evens the split by sinking deals is no fix.
        """
        if self.zone == 0:
            return 2.0
        split = 1.0 if self.split is None else self.split
        off_split = max(0.0, abs(split - 0.5) - SPLIT_TOLERANCE)
        off_deal = max(0.0, NO_DEAL_LOW - self.no_deal, self.no_deal - NO_DEAL_HIGH)
        return off_split + off_deal + max(0.0, self.failed - FAILED_HIGH)


@dataclass(frozen=True)
class Suggestion:
    """Where the search started, what it found, and how much it looked."""

    start: Trial
    best: Trial
    runs: int
    games: int  # per pairing
    pairings: int
    seed: int
    budget: int
    #: The balance report's advice with the suggested values (empty when nothing changes): a
    #: change that meets the targets can still, say, leave a red line idle.
    advice: tuple[str, ...] = ()

    @property
    def reached(self) -> bool:
        return self.best.shortfall == 0.0

    def changes(self) -> list[tuple[int, str, float, float]]:
        """(actor index, field, now, suggested) for each number the suggestion changes."""
        return [
            (k % 2, FIELDS[k], self.start.values[k], self.best.values[k])
            for k in range(4)
            if abs(self.best.values[k] - self.start.values[k]) > 1e-9
        ]


def with_values(s: Scenario, values: tuple[float, float, float, float]) -> Scenario:
    """``s`` with both reservation values and both constituency thresholds replaced."""
    actors = [
        a.model_copy(update={
            "reservation": values[k],
            "constituency": a.constituency.model_copy(update={"threshold": values[2 + k]}),
        })
        for k, a in enumerate(s.actors)
    ]
    return s.model_copy(update={"actors": actors})


def _order(trial: Trial) -> list[tuple[int, int]]:
    """(coordinate, direction) moves, most promising first for this trial's shortfall."""
    moves: list[tuple[int, int]] = []
    split = trial.split if trial.split is not None else 0.5
    if split > 0.5 + SPLIT_TOLERANCE:  # side 0 gains more: shrink its gains, grow side 1's
        moves += [(0, +1), (1, -1)]
    elif split < 0.5 - SPLIT_TOLERANCE:
        moves += [(1, +1), (0, -1)]
    if trial.no_deal > NO_DEAL_HIGH:
        moves += [(0, -1), (1, -1), (2, -1), (3, -1)]
    elif trial.no_deal < NO_DEAL_LOW:
        moves += [(0, +1), (1, +1), (2, +1), (3, +1)]
    every = [(k, d) for k in range(4) for d in (+1, -1)]
    return list(dict.fromkeys(moves + every))


def suggest(
    scenario: Scenario,
    *,
    games: int | None = None,
    seed: int = SEED,
    budget: int = BUDGET,
    progress: Callable[[int, int], None] | None = None,
) -> Suggestion:
    """Search both reservation values and both thresholds for a balanced scenario (module docstring).

    ``progress(runs, budget)`` is called after each run of the balance games.
    """
    base = Rules(scenario)
    games = games if games is not None else games_for(base)
    mirrors = [(c, c) for c in COMPUTER]
    seen: dict[tuple[float, ...], Trial] = {}

    def run(values: tuple[float, float, float, float]) -> Trial:
        key = tuple(round(v, 4) for v in values)
        if key not in seen:
            rules = Rules(with_values(scenario, values))
            zone = len(analyze_rules(rules).zone)
            played = play_pairings(rules, mirrors, games, seed) if zone else ()
            attempts = sum(p.attempts for p in played)
            seen[key] = Trial(values, zone, split_of(played) if played else None,
                              no_deal_of(played) if played else 1.0,
                              sum(p.failed for p in played) / attempts if attempts else 0.0)
            if progress is not None:
                progress(len(seen), budget)
        return seen[key]

    actors = scenario.actors
    start = run((actors[0].reservation, actors[1].reservation,
                 actors[0].constituency.threshold, actors[1].constituency.threshold))

    def better(trial: Trial, than: Trial) -> bool:
        """A clear step nearer the targets: by more than the games' noise, or onto them."""
        return trial.shortfall == 0.0 < than.shortfall or trial.shortfall < than.shortfall - MIN_GAIN

    best = start
    for step in STEPS:
        improved = True
        while improved and best.shortfall > 0 and len(seen) < budget:
            improved = False
            for k, direction in _order(best):
                values = list(best.values)
                values[k] = round(min(HIGH, max(LOW, values[k] + direction * step)), 4)
                if values[k] == best.values[k] or len(seen) >= budget:
                    continue
                trial = run((values[0], values[1], values[2], values[3]))
                if better(trial, best):
                    best, improved = trial, True
                    break
    advice: tuple[str, ...] = ()
    if best is not start:
        advice = balance(Rules(with_values(scenario, best.values)), games=games, seed=seed).advice
    return Suggestion(start, best, len(seen), games, len(mirrors), seed, budget, advice)


def field_path(actor: int, field: str) -> tuple[str | int, ...]:
    """The data path of a changed number, for file positions (``actors[0].constituency.threshold``)."""
    if field == "reservation":
        return ("actors", actor, "reservation")
    return ("actors", actor, "constituency", "threshold")


def _outcome(trial: Trial) -> dict[str, object]:
    return {
        "agreement_zone": trial.zone,
        "split": None if trial.split is None else round(trial.split, 6),
        "no_deal_rate": round(trial.no_deal, 6),
        "ratification_failure_rate": round(trial.failed, 6),
    }


def suggestion_json(scenario: Scenario, found: Suggestion) -> dict[str, object]:
    """The ``suggestion`` key of ``parley analyze --suggest --json``."""
    ids = [a.id for a in scenario.actors]
    return {
        "reached": found.reached,
        "method": "pattern search (first improvement, steps 0.04/0.02/0.01) over both reservation values and "
                  "both constituency thresholds",
        "runs": found.runs,
        "budget": found.budget,
        "pairings": found.pairings,
        "games_per_pairing": found.games,
        "seed": found.seed,
        "targets": {
            "split": [0.5 - SPLIT_TOLERANCE, 0.5 + SPLIT_TOLERANCE],
            "no_deal_rate": [NO_DEAL_LOW, NO_DEAL_HIGH],
            "ratification_failure_rate": [0.0, FAILED_HIGH],
        },
        "now": _outcome(found.start),
        "suggested": _outcome(found.best),
        "changes": [
            {"actor": ids[a], "field": field, "path": ".".join(str(p) for p in field_path(a, field)),
             "now": round(now, 6), "suggested": round(new, 6)}
            for a, field, now, new in found.changes()
        ],
        "advice": list(found.advice),
    }


def _split_words(trial: Trial) -> str:
    if trial.zone == 0:
        return "no agreement zone"
    if trial.split is None:
        return "no side ever gains more"
    return f"{100 * trial.split:.0f}/{100 * (1 - trial.split):.0f}"


def suggestion_text(scenario: Scenario, found: Suggestion, where: Callable[[tuple[str | int, ...]], str]) -> str:
    """The readable suggestion; ``where(path)`` gives the FILE:LINE:COL of a changed number."""
    names = [a.name for a in scenario.actors]
    labels = [a.label for a in scenario.actors]
    start, best = found.start, found.best
    out = [
        "Suggestion",
        f"  Found by a pattern search over both reservation values and both constituency thresholds: "
        f"{found.runs} runs of the balance games ({found.pairings} pairings x {found.games} games, seed {found.seed}), "
        "each number stepped up and down by 0.04, then 0.02, then 0.01, keeping any step that brings the "
        "split and the no-deal rate nearer their targets.",
        f"  Split of the decided games ({labels[0]}/{labels[1]}): {_split_words(start)} -> {_split_words(best)} "
        f"(target {100 * (0.5 + SPLIT_TOLERANCE):.0f}/{100 * (0.5 - SPLIT_TOLERANCE):.0f} or closer).",
        f"  No deal: {start.no_deal:.0%} -> {best.no_deal:.0%} (target {100 * NO_DEAL_LOW:.0f}-{NO_DEAL_HIGH:.0%}); "
        f"agreement zone {start.zone:,} -> {best.zone:,} packages.",
        f"  Deals failing at home: {start.failed:.0%} -> {best.failed:.0%} (target at most {FAILED_HIGH:.0%}).",
    ]
    changes = found.changes()
    if changes:
        out.append("  Change:")
        for a, field, now, new in changes:
            what = "reservation value" if field == "reservation" else "constituency threshold"
            out.append(f"    {possessive(names[a])} {what}: {now:.2f} -> {new:.2f}   ({where(field_path(a, field))})")
    if found.reached:
        out.append("  All targets are met with these values.")
    elif found.runs >= found.budget:
        out.append(f"  The search used all its {found.budget} runs before meeting the targets; these values come "
                   "closest so far. Search longer (--suggest-runs), or change weights or option values as the "
                   "advice says.")
    elif found.best.shortfall < found.start.shortfall:
        out.append("  The targets are not met within the search's reach; these values come closest. Reservation "
                   "values and thresholds cannot do it alone: change weights or option values as the advice says, "
                   "then search again.")
    else:
        out.append("  No change within the search's reach brings the scenario nearer its targets: change weights "
                   "or option values as the advice says, then search again.")
    if found.advice and not found.advice[0].startswith("No balance problems"):
        out.append("  With these values the balance report would still advise:")
        out.extend(f"    - {line}" for line in found.advice)
    return "\n".join(out) + "\n"
