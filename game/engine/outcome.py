"""Outcome and debrief data of a finished (or abandoned) game.

Where the deal landed against what was possible: each side's utility and gain over its
reservation value, the distance to the Pareto frontier, the share of the Nash product
achieved, the joint value left on the table and a package that would have left both
sides better off, ratification, final trust, and the utilities of every offer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .analysis import Analysis, analyze, improvement
from .state import State


@dataclass(frozen=True)
class OfferPoint:
    seq: int
    round: int
    actor: str
    package: dict[str, str]
    utility: dict[str, float]


@dataclass(frozen=True)
class Outcome:
    status: str  # deal | deadline | walked | failed | ongoing
    deal: dict[str, str] | None
    walked_by: str | None
    rounds: int
    utility: dict[str, float]
    reservation: dict[str, float]
    gain: dict[str, float]
    ratification: dict[str, dict[str, float | bool]] | None
    trust: float
    nash: dict[str, Any] | None  # {"package":..., "utility":...}
    kalai_smorodinsky: dict[str, Any] | None
    nash_share: float | None  # Nash product of the outcome / the best possible
    pareto_gap: float  # how much both sides could still have gained together
    better_package: dict[str, Any] | None  # a package that gives both at least pareto_gap more
    value_left: float  # joint utility left on the table
    agreement_zone: int
    outcomes: int
    offers: list[OfferPoint] = field(default_factory=list)
    true_weights: dict[str, dict[str, float]] = field(default_factory=dict)
    estimated_weights: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


def final_analysis(state: State) -> Analysis:
    """The analysis under the game's final weights and reservation values (events move them)."""
    rules = state.rules
    weights = state.batch.weights[0]
    u = np.stack([rules.utility_table(a, weights[a]) for a in (0, 1)])
    return analyze(u, state.batch.reservation[0], rules.forbidden)


def outcome(state: State) -> Outcome:
    rules = state.rules
    ids = rules.actor_ids
    analysis = final_analysis(state)
    batch = state.batch
    deal_index = int(batch.deal[0]) if state.status == "deal" else None
    returns = state.returns()
    reservation = {a: state.reservation(a) for a in ids}

    def shaped(package: int | None) -> dict[str, Any] | None:
        if package is None:
            return None
        return {
            "package": rules.choice_of(package),
            "utility": {a: round(float(analysis.utilities[i, package]), 6) for i, a in enumerate(ids)},
        }

    gap, better = improvement(analysis, deal_index)
    nash_share = None
    if analysis.nash is not None:
        best = analysis.nash_product(analysis.nash)
        gains = [returns[a] - reservation[a] for a in ids]
        achieved = gains[0] * gains[1] if min(gains) > 0 else 0.0
        nash_share = round(achieved / best, 6) if best > 0 else None
    if len(analysis.zone):
        joint = analysis.utilities[0] + analysis.utilities[1]
        base = np.array([returns[a] for a in ids])
        dominating = analysis.zone[
            (analysis.utilities[0, analysis.zone] >= base[0]) & (analysis.utilities[1, analysis.zone] >= base[1])
        ]
        value_left = float(joint[dominating].max() - base.sum()) if len(dominating) else 0.0
    else:
        value_left = 0.0
    last_ratification = next((r.ratification for r in reversed(state.history) if r.ratification), None)
    offers = [
        OfferPoint(
            seq,
            rnd,
            ids[actor],
            rules.choice_of(package),
            {a: round(float(analysis.utilities[i, package]), 6) for i, a in enumerate(ids)},
        )
        for seq, rnd, actor, package in state.offer_log
    ]
    def by_issue(weights: np.ndarray) -> dict[str, float]:
        return dict(zip(rules.issue_ids, np.round(weights, 4).tolist(), strict=True))

    true_w = {a: by_issue(batch.weights[0, i]) for i, a in enumerate(ids)}
    # Side i's analyst estimates side 1 - i: keyed by the side estimated.
    est_w = {ids[1 - i]: by_issue(state.analysts[i].expected_weights(np.array([0]))[0]) for i in (0, 1)}
    walked = int(batch.walked_by[0])
    return Outcome(
        status=state.status,
        deal=rules.choice_of(deal_index) if deal_index is not None else None,
        walked_by=ids[walked] if walked >= 0 else None,
        rounds=state.round,
        utility={a: round(v, 6) for a, v in returns.items()},
        reservation={a: round(v, 6) for a, v in reservation.items()},
        gain={a: round(returns[a] - reservation[a], 6) for a in ids},
        ratification=last_ratification,
        trust=round(state.trust, 6),
        nash=shaped(analysis.nash),
        kalai_smorodinsky=shaped(analysis.kalai_smorodinsky),
        nash_share=nash_share,
        pareto_gap=round(gap, 6),
        better_package=shaped(better),
        value_left=round(max(0.0, value_left), 6),
        agreement_zone=len(analysis.zone),
        outcomes=analysis.outcomes,
        offers=offers,
        true_weights=true_w,
        estimated_weights=est_w,
    )
