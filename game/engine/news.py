"""What happens to the talks from outside: effects of tactics and news, rounds that open with
news, and crises that wait for an answer.

Functions on a :class:`~.batch.Batch` for the games ``g`` they are given. Every change goes
through :func:`apply_effect`, under a ledger cause when the batch keeps a ledger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .ledger import Cause

if TYPE_CHECKING:
    from .batch import Batch


def apply_effect(batch: Batch, g: np.ndarray, row: int) -> None:
    """Apply effect ``row`` of the rules' effect table to games ``g``."""
    fx = batch.rules.effects
    batch.trust[g] = np.clip(batch.trust[g] + fx.trust[row], 0.0, 1.0)
    batch.reservation[g] = np.clip(batch.reservation[g] + fx.reservation[row], 0.0, 1.0)
    batch.pressure_delta[g] = batch.pressure_delta[g] + fx.pressure[row]
    batch.threshold[g] = np.clip(batch.threshold[g] + fx.threshold[row], 0.0, 1.0)
    if np.any(fx.weights[row]):
        w = np.clip(batch.weights[g] + fx.weights[row], 0.0, None)
        sums = w.sum(axis=2, keepdims=True)
        keep = sums[..., 0] <= 0
        w = np.where(keep[..., None], batch.weights[g], w / np.where(sums > 0, sums, 1.0))
        batch.weights[g] = w
    if fx.deadline[row]:
        batch.deadline[g] = np.clip(batch.deadline[g] + fx.deadline[row], batch.round[g], batch.rules.round_cap)


def break_news(batch: Batch, g: np.ndarray, k: int) -> None:
    """Event ``k`` breaks in games ``g``: its effects, and the crisis it opens if it is one.

    A crisis already waiting for an answer keeps its place; the later one's news still
    applies, but only one crisis waits at a time.
    """
    rules = batch.rules
    with batch.cause(g, Cause("news", rules.event_ids[k])):
        apply_effect(batch, g, rules.event_offset + k)
    batch.fired[g, k] += 1
    side = rules.crisis_side[k]
    if side >= 0:
        free = g[batch.crisis[g] < 0]
        batch.crisis[free] = k


def answer_crisis(batch: Batch, g: np.ndarray, response: np.ndarray) -> None:
    """The side a crisis hit answers it with ``response`` (global answer indices)."""
    rules = batch.rules
    for r in np.unique(response):
        hit = g[response == r]
        event, answer = rules.responses[int(r)]
        actor = int(rules.crisis_side[event])
        with batch.cause(hit, Cause("crisis", f"{rules.event_ids[event]}/{answer.id}", actor)):
            apply_effect(batch, hit, rules.response_offset + int(r))
        batch.crisis[hit] = -1
        batch.answered[hit, int(r)] += 1


def start_round(batch: Batch, g: np.ndarray) -> np.ndarray:
    """Draw and apply the events of the round each game in ``g`` is entering; (len(g), E) fired."""
    r = batch.rules
    e = len(r.event_ids)
    fired_now = np.zeros((len(g), e), dtype=bool)
    if e == 0 or len(g) == 0:
        return fired_now
    rnd = batch.round[g]
    draws = batch.tapes[g, rnd - 1, :e]
    trust = batch.trust[g][:, None]
    fired_before = batch.fired[g] > 0
    eligible = (
        (rnd[:, None] >= r.ev_earliest)
        & (rnd[:, None] <= r.ev_latest)
        & ~(r.ev_once & fired_before)
        & (trust >= r.ev_min_trust)
        & (trust <= r.ev_max_trust)
    )
    conditions = np.ones((len(g), e), dtype=bool)
    for k in np.flatnonzero(r.ev_after_tactic >= 0):
        conditions[:, k] = batch.tactic_uses[g, r.ev_after_tactic[k]] > 0
    for k in np.flatnonzero(r.ev_after_event >= 0):
        conditions[:, k] &= fired_before[:, r.ev_after_event[k]]
    for k in np.flatnonzero(r.ev_not_after >= 0):
        conditions[:, k] &= ~fired_before[:, r.ev_not_after[k]]
    fired_now = eligible & conditions & (draws < r.ev_prob)
    for k in np.flatnonzero(fired_now.any(axis=0)):
        break_news(batch, g[fired_now[:, k]], int(k))
    return fired_now
