"""The moves around the offers: answering a move, the final offer, walking out, tactics, crises."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from ..batch import Batch
from ..beliefs import Beliefs
from ..rules import Rules
from .levels import ANSWER_WEIGHTS, FINAL_BAND, WARMTH, Level, Why


class Play:
    """Mixin of :class:`~.base.Strategy`: the moves it makes besides choosing a proposal."""

    name: str
    rules: Rules
    actor: int
    other: int
    level: Level
    beliefs: Beliefs
    governs: bool
    mine_best: np.ndarray
    their_first: np.ndarray
    stalled: np.ndarray

    # Provided by Strategy (see base.py): the ranked candidates per group of games, and the
    # window of packages just above a target.
    groups: Callable[[Batch, np.ndarray], Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]]
    window: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int],
                     tuple[np.ndarray, np.ndarray, np.ndarray]]

    def answer_a_move(self, batch: Batch, g: np.ndarray, chosen: np.ndarray, floor: np.ndarray) -> np.ndarray:
        """When the other side has just moved and our curve would repeat our standing offer,
        move by the smallest step we can (the next package down in our own ranking) while it
        stays above our floor: a move answered by silence reads as a wall, and talks die of it."""
        if not self.governs:
            return chosen
        mine = batch.offer[g, self.actor]
        answer = (chosen == mine) & (self.stalled[g] == 0) & ~np.isnan(self.their_first[g]) & (
            batch.offers_made[g, self.other] >= 2)
        if not answer.any():
            return chosen
        out = chosen.copy()
        for rows, sv, sidx, full in self.groups(batch, g):
            pick = rows[answer[rows]]
            if not len(pick):
                continue
            pos = np.searchsorted(sv, full[mine[pick]] - 1e-12, side="left") - 1
            ok = pos >= 0
            step = sidx[np.maximum(pos, 0)]
            ok &= sv[np.maximum(pos, 0)] >= floor[pick] - 1e-12
            out[pick[ok]] = step[ok]
        return out

    def final_offer(self, batch: Batch, g: np.ndarray, floor: np.ndarray) -> np.ndarray:
        """The last proposal before the other side's final turn: among packages worth at least
        the floor, the one with the best expected gain, ``(v - r) * P(they accept)`` by this
        side's model of them. A side that knows the talks end at the next answer makes an
        offer the other side can take, not one it must refuse."""
        out = np.empty(len(g), dtype=np.int64)
        r = batch.reservation[g, self.actor]
        when = batch.time(g, ahead=1)
        for rows, sv, sidx, _ in self.groups(batch, g):
            start = np.minimum(np.searchsorted(sv, floor[rows] - 1e-12, side="left"), len(sv) - 1)
            window, allowed, packages = self.window(g[rows], sv, sidx, start, floor[rows], FINAL_BAND)
            chance = self.beliefs.accept_chances(g[rows], packages, when[rows])
            gain = (sv[window] - r[rows][:, None]) * chance
            score = np.where(allowed, np.round(gain, 9) + sv[window] * 1e-9, -np.inf)
            out[rows] = packages[np.arange(len(rows)), np.argmax(score, axis=1)]
        return out

    def walk_reason(self, batch: Batch, g: np.ndarray, target: np.ndarray, standing_value: np.ndarray,
                    stuck: np.ndarray) -> np.ndarray:
        """Why (a :class:`Why` code) this side walks out of each game, or -1 to stay.

        ``stuck`` marks games where this side itself has nothing more to give (its next offer
        would be its standing one): talks where neither side moves any more are worth no more
        than leaving, so a side that is stuck facing a side that has stopped moving goes home.
        """
        out = np.full(len(g), -1, dtype=np.int64)
        if not self.governs:
            return out
        level = self.level
        worst = batch.crossings[g, self.actor].max(axis=1)
        out[(worst >= level.tolerance) | (batch.pressed[g, self.actor] >= level.tolerance + 1)] = Why.WALK_AFFRONTS
        # Pressure at home to close keeps a side at the table longer; distrust sends it home sooner.
        pressure = batch.pressure(g)[:, self.actor]
        patience = level.patience + np.round(2 * pressure).astype(np.int64) - (batch.trust[g] < 0.3)
        t = batch.time(g)
        would_not_take = ~(standing_value >= target - level.slack)
        stalled = (self.stalled[g] >= patience) & (t >= 0.5) & would_not_take & stuck
        out[(out < 0) & stalled] = Why.WALK_STALLED
        return out

    def pick_tactic(self, batch: Batch, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A gesture when trust is low, pressure when the other side has stopped moving."""
        r = self.rules
        tactic = np.full(len(g), -1, dtype=np.int64)
        why = np.full(len(g), -1, dtype=np.int64)
        if not len(r.tactic_ids):
            return tactic, why
        free = ~batch.tactic_this_turn[g]
        mine = r.tactic_owner == self.actor
        left = batch.tactic_uses[g] < r.tactic_max_uses  # (len, T)
        gestures = left & mine & ~r.tactic_kind
        pressures = left & mine & r.tactic_kind
        want_gesture = free & (batch.trust[g] < 0.35) & (batch.round[g] >= 2) & gestures.any(axis=1)
        tactic[want_gesture] = np.argmax(gestures[want_gesture], axis=1)
        why[want_gesture] = Why.GESTURE
        if self.level.pressure_tactics:
            stalled = self.stalled[g] >= 1
            want = free & ~want_gesture & stalled & (batch.round[g] >= 3) & pressures.any(axis=1)
            tactic[want] = np.argmax(pressures[want], axis=1)
            why[want] = Why.PRESSURE
        return tactic, why

    def answer(self, batch: Batch, g: np.ndarray) -> np.ndarray:
        """The answer to the crisis waiting in each game of ``g`` (a global answer index).

        It weighs what each answer changes for itself, as things stand in that game (see
        :func:`answer_terms`); ties go to the first answer the author listed.
        """
        out = np.empty(len(g), dtype=np.int64)
        for k in np.unique(batch.crisis[g]):
            rows = np.flatnonzero(batch.crisis[g] == k)
            options = np.array(self.rules.event_responses[int(k)], dtype=np.int64)
            warmth = WARMTH.get(self.name, 1.0)
            score = sum(answer_terms(batch, g[rows], self.actor, options, warmth).values())
            out[rows] = options[np.argmax(np.round(score, 9), axis=1)]
        return out


def answer_terms(batch: Batch, g: np.ndarray, actor: int, options: np.ndarray,
                 warmth: float = 1.0) -> dict[str, np.ndarray]:
    """What each crisis answer in ``options`` is worth to ``actor`` in each game of ``g``, by reason.

    Each term is (len(g), len(options)), keyed by the words a side uses for it. The weights
    (:data:`ANSWER_WEIGHTS`) are scaled by the state of each game, so the same crisis can be
    answered differently: trust counts for more when it is low (x 1.5 - trust), pressure at
    home when it is already high (x 1 + 2 pressure), and its constituency's threshold when the
    bar is already high (x 0.5 + threshold). At trust, threshold 0.5 and no pressure the
    weights are the plain ones. ``warmth`` (:data:`WARMTH`) is the strategy's regard for the
    relationship against its leverage.
    """
    rules = batch.rules
    fx = rules.effects
    at = rules.response_offset + options
    other = 1 - actor
    w = ANSWER_WEIGHTS
    trust = warmth * (1.5 - batch.trust[g])[:, None]
    leverage = 1.5 - warmth / 2
    pressure = (1.0 + 2.0 * batch.pressure(g)[:, actor])[:, None]
    threshold = (0.5 + batch.threshold[g, actor])[:, None]
    shape = (len(g), len(options))
    return {
        "it keeps our alternative strong": np.broadcast_to(
            leverage * w["reservation"] * fx.reservation[at, actor], shape),
        "it keeps the trust between us": w["trust"] * trust * fx.trust[at][None, :],
        "it eases the pressure on us at home": w["pressure"] * pressure * fx.pressure[at, actor][None, :],
        "our people will accept it": w["threshold"] * threshold * fx.threshold[at, actor][None, :],
        "it gives you no better alternative": np.broadcast_to(
            leverage * w["their reservation"] * fx.reservation[at, other], shape),
    }
