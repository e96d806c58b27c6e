"""The rules of play, applied to many games at once.

A :class:`Batch` holds the state of ``N`` games of one scenario as numpy arrays and
applies moves to any subset of them. The interactive game (:mod:`.state`) is a batch of
one; simulation plays a batch of thousands. One implementation of the rules serves
both, so a simulated game and a played game with the same chance tape are the same game.

Every random draw is read from a *chance tape* (uniforms drawn up front from the
caller's ``numpy.random.Generator``): row ``r-1`` of a tape holds the event draws of
round ``r`` and, in its last two columns, the ratification draws of attempt ``r``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from .rules import INITIAL_TRUST, Rules
from .space import DECIMALS


class Kind(IntEnum):
    """Move kinds. Signals and tactics leave the turn open; the others end it.

    PASS ends a turn with no proposal when there is no offer to answer (a timed turn that
    ran out); with an offer standing, letting the turn pass is a REJECT. Strategies never
    choose it, so computer play and batch simulation are unchanged by it.

    EVENT is news an instructor broadcast to a live class: one of the scenario's events
    breaks now, with that event's effects, and the turn stays with the side to move. It is
    a recorded move so that a game replays the same; strategies never choose it either.
    """

    PROPOSE = 0
    ACCEPT = 1
    REJECT = 2
    SIGNAL = 3
    TACTIC = 4
    WALK = 5
    PASS = 6
    EVENT = 7


class Illegal(IntEnum):
    """Why a move is not allowed now (see :meth:`Batch.illegal`)."""

    OK = 0
    OVER = 1  # the game has ended
    UNKNOWN = 2  # no such package, tactic or event
    OWN_RED_LINE = 3  # proposing or accepting across one's own red line
    NO_OFFER = 4  # nothing to accept or reject
    OFFER_STANDING = 5  # a pass with an offer to answer
    SIGNALLED = 6  # a second signal in one turn
    NOT_YOURS = 7  # the other side's tactic
    TACTIC_THIS_TURN = 8  # a second tactic in one turn
    USED_UP = 9  # a tactic with no uses left


class Status(IntEnum):
    ONGOING = 0
    DEAL = 1
    DEADLINE = 2  # the deadline passed with no deal
    WALKED = 3  # a side walked away
    FAILED = 4  # a deal failed ratification and the scenario ends the game there


#: Trust lost when a side proposes a package that crosses the other side's red line.
TRUST_COST_RED_LINE = 0.05
#: Trust gained when a side's new offer is clearly better for the other side.
TRUST_GAIN_CONCESSION = 0.02
CONCESSION_STEP = 0.02
#: Trust lost when a side takes back a concession: its new offer is clearly worse for the
#: other side than its last one. Going back on one's word is never free.
TRUST_COST_RETRACTION = 0.04
#: Trust lost when an agreed deal fails ratification at home.
TRUST_COST_FAILED_RATIFICATION = 0.10


def draw_tapes(rules: Rules, rng: np.random.Generator, games: int) -> np.ndarray:
    """Uniform draws for ``games`` games, shape (games, round_cap, events + 2)."""
    return rng.random((games, rules.round_cap, len(rules.event_ids) + 2))


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@dataclass
class StepResult:
    """What a move did, for the games it was applied to (arrays aligned with ``games``)."""

    games: np.ndarray
    ended_turn: np.ndarray  # bool
    ratified: np.ndarray  # (len, 2) int: -1 no attempt, 0 failed, 1 passed
    ratify_chance: np.ndarray  # (len, 2) float, NaN when no attempt
    new_round: np.ndarray  # bool: a new round started after this move
    events: np.ndarray  # (len, E) bool: events that broke at the start of that new round


class Batch:
    """State of ``N`` games of one scenario; see the module docstring."""

    def __init__(self, rules: Rules, tapes: np.ndarray):
        if tapes.ndim != 3 or tapes.shape[1:] != (rules.round_cap, len(rules.event_ids) + 2):
            raise ValueError("chance tapes do not fit this scenario")
        n = tapes.shape[0]
        m = len(rules.issue_ids)
        self.rules = rules
        self.tapes = tapes
        self.n = n
        self.round = np.ones(n, dtype=np.int64)
        self.half = np.zeros(n, dtype=np.int64)  # 0: the opener's turn in this round, 1: the other's
        self.turn = np.full(n, rules.first, dtype=np.int64)
        self.trust = np.full(n, INITIAL_TRUST)
        self.reservation = np.tile(rules.base_reservation, (n, 1))
        self.pressure_delta = np.zeros((n, 2))
        self.weights = np.tile(rules.base_weights, (n, 1, 1))
        self.deadline = np.full(n, rules.rounds, dtype=np.int64)
        self.offer = np.full((n, 2), -1, dtype=np.int64)
        self.previous_offer = np.full((n, 2), -1, dtype=np.int64)
        self.offers_made = np.zeros((n, 2), dtype=np.int64)
        #: Proposals that crossed a side's declared red lines: [game, side offended, issue].
        self.crossings = np.zeros((n, 2, m), dtype=np.int64)
        #: Pressure tactics played against a side: [game, side pressed].
        self.pressed = np.zeros((n, 2), dtype=np.int64)
        #: Concessions a side took back (offers clearly worse for the other side than its last).
        self.retractions = np.zeros((n, 2), dtype=np.int64)
        self.signal = np.zeros((n, 2, m))  # last claimed priorities, per side
        self.fired = np.zeros((n, len(rules.event_ids)), dtype=np.int64)
        self.tactic_uses = np.zeros((n, len(rules.tactic_ids)), dtype=np.int64)
        self.tactic_this_turn = np.zeros(n, dtype=bool)
        self.signal_this_turn = np.zeros(n, dtype=bool)
        self.status = np.zeros(n, dtype=np.int64)
        self.deal = np.full(n, -1, dtype=np.int64)
        self.walked_by = np.full(n, -1, dtype=np.int64)
        self.attempts = np.zeros(n, dtype=np.int64)
        self.moves = np.zeros(n, dtype=np.int64)
        self.opening_events = self._start_round(np.arange(n))

    # -- derived quantities --------------------------------------------------------------

    def ongoing(self) -> np.ndarray:
        return np.flatnonzero(self.status == Status.ONGOING)

    def pressure(self, g: np.ndarray) -> np.ndarray:
        """(len(g), 2) domestic pressure to close: grows with time as patience allows."""
        r = self.rules
        span = max(1, r.rounds - 1)
        elapsed = (self.round[g] - 1)[:, None] / span
        grown = r.initial_pressure + (1.0 - r.patience) * np.minimum(elapsed, 1.0)
        return np.clip(grown + self.pressure_delta[g], 0.0, 1.0)

    def time(self, g: np.ndarray, ahead: int = 0) -> np.ndarray:
        """Share of the talks' turns used up at the mover's turn (0 first turn, 1 last)."""
        turns = 2 * self.deadline[g] - 1
        k = 2 * (self.round[g] - 1) + self.half[g] + ahead
        return np.clip(k / np.maximum(turns, 1), 0.0, 1.0)

    def is_last_turn(self, g: np.ndarray) -> np.ndarray:
        return (self.round[g] == self.deadline[g]) & (self.half[g] == 1)

    def utility(self, actor: int | np.ndarray, packages: np.ndarray, g: np.ndarray) -> np.ndarray:
        """Utility of ``packages`` (aligned with games ``g``) for ``actor`` under current weights."""
        r = self.rules
        actor = np.broadcast_to(np.asarray(actor), g.shape)
        digits = r.digits_of(packages)
        w = self.weights[g, actor]
        w = w / w.sum(axis=1, keepdims=True)
        out = np.zeros(len(g))
        for i in range(digits.shape[1]):
            out += w[:, i] * r.values[actor, i, digits[:, i]]
        return np.round(out, DECIMALS)

    def constituency_utility(self, actor: np.ndarray, packages: np.ndarray) -> np.ndarray:
        r = self.rules
        digits = r.digits_of(packages)
        out = np.zeros(len(packages))
        for i in range(digits.shape[1]):
            out += r.c_weights[actor, i] * r.c_values[actor, i, digits[:, i]]
        return np.round(out, DECIMALS)

    def ratify_chance(self, actor: np.ndarray, packages: np.ndarray) -> np.ndarray:
        """Chance that ``actor``'s constituency ratifies each package."""
        r = self.rules
        u = self.constituency_utility(actor, packages)
        return sigmoid((u - r.c_threshold[actor]) / r.c_sensitivity[actor])

    def forbidden(self, actor: np.ndarray, packages: np.ndarray) -> np.ndarray:
        r = self.rules
        digits = r.digits_of(packages)
        out = np.zeros(len(packages), dtype=bool)
        for i in range(digits.shape[1]):
            out |= r.barred[actor, i, digits[:, i]]
        return out

    # -- effects and events ------------------------------------------------------------

    def apply_effect(self, g: np.ndarray, row: int) -> None:
        """Apply effect ``row`` of the rules' effect table to games ``g``."""
        fx = self.rules.effects
        self.trust[g] = np.clip(self.trust[g] + fx.trust[row], 0.0, 1.0)
        self.reservation[g] = np.clip(self.reservation[g] + fx.reservation[row], 0.0, 1.0)
        self.pressure_delta[g] = self.pressure_delta[g] + fx.pressure[row]
        if np.any(fx.weights[row]):
            w = np.clip(self.weights[g] + fx.weights[row], 0.0, None)
            sums = w.sum(axis=2, keepdims=True)
            keep = sums[..., 0] <= 0
            w = np.where(keep[..., None], self.weights[g], w / np.where(sums > 0, sums, 1.0))
            self.weights[g] = w
        if fx.deadline[row]:
            self.deadline[g] = np.clip(self.deadline[g] + fx.deadline[row], self.round[g], self.rules.round_cap)

    def _start_round(self, g: np.ndarray) -> np.ndarray:
        """Draw and apply the events of the round each game in ``g`` is entering."""
        r = self.rules
        e = len(r.event_ids)
        fired_now = np.zeros((len(g), e), dtype=bool)
        if e == 0 or len(g) == 0:
            return fired_now
        rnd = self.round[g]
        draws = self.tapes[g, rnd - 1, :e]
        trust = self.trust[g][:, None]
        fired_before = self.fired[g] > 0
        eligible = (
            (rnd[:, None] >= r.ev_earliest)
            & (rnd[:, None] <= r.ev_latest)
            & ~(r.ev_once & fired_before)
            & (trust >= r.ev_min_trust)
            & (trust <= r.ev_max_trust)
        )
        has_tactic = np.ones((len(g), e), dtype=bool)
        for k in np.flatnonzero(r.ev_after_tactic >= 0):
            has_tactic[:, k] = self.tactic_uses[g, r.ev_after_tactic[k]] > 0
        for k in np.flatnonzero(r.ev_after_event >= 0):
            has_tactic[:, k] &= fired_before[:, r.ev_after_event[k]]
        for k in np.flatnonzero(r.ev_not_after >= 0):
            has_tactic[:, k] &= ~fired_before[:, r.ev_not_after[k]]
        fired_now = eligible & has_tactic & (draws < r.ev_prob)
        for k in np.flatnonzero(fired_now.any(axis=0)):
            hit = g[fired_now[:, k]]
            self.apply_effect(hit, r.event_offset + k)
            self.fired[hit, k] += 1
        return fired_now

    # -- moves ---------------------------------------------------------------------------

    def illegal(self, g: np.ndarray, kind: Kind, package: np.ndarray | None = None,
                tactic: np.ndarray | None = None, event: np.ndarray | None = None) -> np.ndarray:
        """Why the move is not allowed for the side to move in each game of ``g``: an
        :class:`Illegal` code per game, ``Illegal.OK`` where it is legal. The one legality
        rule of the engine: the one-game state turns these codes into sentences."""
        g = np.asarray(g, dtype=np.int64)
        a = self.turn[g]
        b = 1 - a
        out = np.full(len(g), Illegal.OK, dtype=np.int64)

        def refuse(where: np.ndarray, code: Illegal) -> None:
            out[(out == Illegal.OK) & where] = code

        refuse(self.status[g] != Status.ONGOING, Illegal.OVER)
        r = self.rules
        if kind == Kind.PROPOSE:
            assert package is not None
            inside = (package >= 0) & (package < r.space.size)
            refuse(~inside, Illegal.UNKNOWN)
            refuse(self.forbidden(a, np.where(inside, package, 0)), Illegal.OWN_RED_LINE)
        elif kind == Kind.ACCEPT:
            standing = self.offer[g, b]
            refuse(standing < 0, Illegal.NO_OFFER)
            refuse(self.forbidden(a, np.where(standing >= 0, standing, 0)), Illegal.OWN_RED_LINE)
        elif kind == Kind.REJECT:
            refuse(self.offer[g, b] < 0, Illegal.NO_OFFER)
        elif kind == Kind.PASS:
            refuse(self.offer[g, b] >= 0, Illegal.OFFER_STANDING)
        elif kind == Kind.SIGNAL:
            refuse(self.signal_this_turn[g], Illegal.SIGNALLED)
        elif kind == Kind.EVENT:
            assert event is not None
            refuse((event < 0) | (event >= len(r.event_ids)), Illegal.UNKNOWN)
        elif kind == Kind.TACTIC:
            assert tactic is not None
            inside = (tactic >= 0) & (tactic < len(r.tactic_ids))
            refuse(~inside, Illegal.UNKNOWN)
            if len(r.tactic_ids):
                t = np.where(inside, tactic, 0)
                refuse(r.tactic_owner[t] != a, Illegal.NOT_YOURS)
                refuse(self.tactic_this_turn[g], Illegal.TACTIC_THIS_TURN)
                refuse(self.tactic_uses[g, t] >= r.tactic_max_uses[t], Illegal.USED_UP)
        return out

    def legal(self, g: np.ndarray, kind: Kind, package: np.ndarray | None = None,
              tactic: np.ndarray | None = None, event: np.ndarray | None = None) -> np.ndarray:
        """Whether the move is legal for the side to move in each game of ``g``."""
        return self.illegal(g, kind, package, tactic, event) == Illegal.OK

    def step(self, g: np.ndarray, kind: Kind, package: np.ndarray | None = None,
             tactic: np.ndarray | None = None, signal: np.ndarray | None = None,
             event: np.ndarray | None = None) -> StepResult:
        """Apply one move of one kind for the side to move in games ``g`` (all must be legal)."""
        g = np.asarray(g, dtype=np.int64)
        count = len(g)
        a = self.turn[g]
        b = 1 - a
        ratified = np.full((count, 2), -1, dtype=np.int64)
        chance = np.full((count, 2), np.nan)
        ends = kind in (Kind.PROPOSE, Kind.ACCEPT, Kind.REJECT, Kind.WALK, Kind.PASS)
        self.moves[g] += 1

        if kind == Kind.PROPOSE:
            assert package is not None
            package = np.asarray(package, dtype=np.int64)
            insult = self.forbidden(b, package)
            had = self.offer[g, a] >= 0
            before = self.utility(b, np.where(had, self.offer[g, a], package), g)
            after = self.utility(b, package, g)
            conceded = had & ~insult & (after >= before + CONCESSION_STEP)
            retracted = had & (after <= before - CONCESSION_STEP)
            delta = np.where(insult, -TRUST_COST_RED_LINE, np.where(conceded, TRUST_GAIN_CONCESSION, 0.0))
            delta = delta - np.where(retracted, TRUST_COST_RETRACTION, 0.0)
            self.trust[g] = np.clip(self.trust[g] + delta, 0.0, 1.0)
            self.retractions[g, a] += retracted
            m = len(self.rules.issue_ids)
            crossed = self.rules.barred[b[:, None], np.arange(m)[None, :], self.rules.digits_of(package)]
            self.crossings[g, b] += crossed
            self.previous_offer[g, a] = self.offer[g, a]
            self.offer[g, a] = package
            self.offers_made[g, a] += 1
        elif kind == Kind.ACCEPT:
            deal = self.offer[g, b]
            k = np.minimum(self.attempts[g], self.rules.round_cap - 1)
            e = len(self.rules.event_ids)
            for side in (0, 1):
                p = self.ratify_chance(np.full(count, side), deal)
                chance[:, side] = p
                ratified[:, side] = (self.tapes[g, k, e + side] < p).astype(np.int64)
            self.attempts[g] += 1
            passed = (ratified == 1).all(axis=1)
            won = g[passed]
            self.status[won] = Status.DEAL
            self.deal[won] = deal[passed]
            lost = g[~passed]
            self.trust[lost] = np.clip(self.trust[lost] - TRUST_COST_FAILED_RATIFICATION, 0.0, 1.0)
            if self.rules.reopen:
                self.offer[lost] = -1
            else:
                self.status[lost] = Status.FAILED
        elif kind == Kind.SIGNAL:
            assert signal is not None
            self.signal[g, a] = signal
            self.signal_this_turn[g] = True
        elif kind == Kind.TACTIC:
            assert tactic is not None
            tactic = np.asarray(tactic, dtype=np.int64)
            for t in np.unique(tactic):
                hit = g[tactic == t]
                self.apply_effect(hit, int(t))
                self.tactic_uses[hit, t] += 1
                if self.rules.tactic_kind[t]:  # pressure: the other side remembers it
                    self.pressed[hit, 1 - self.rules.tactic_owner[t]] += 1
            self.tactic_this_turn[g] = True
        elif kind == Kind.WALK:
            self.status[g] = Status.WALKED
            self.walked_by[g] = a
        elif kind == Kind.EVENT:
            assert event is not None
            event = np.asarray(event, dtype=np.int64)
            for k in np.unique(event):
                hit = g[event == k]
                self.apply_effect(hit, self.rules.event_offset + int(k))
                self.fired[hit, k] += 1

        new_round = np.zeros(count, dtype=bool)
        events = np.zeros((count, len(self.rules.event_ids)), dtype=bool)
        if ends:
            live = self.status[g] == Status.ONGOING
            moving = g[live]
            self.tactic_this_turn[g] = False
            self.signal_this_turn[g] = False
            self.turn[moving] = 1 - self.turn[moving]
            wrap = self.half[moving] == 1
            self.half[moving] = 1 - self.half[moving]
            rolled = moving[wrap]
            self.round[rolled] += 1
            # Which games start a new round is decided before the finished ones are clamped
            # back to their last round: a game that ended starts no round (no news after the end).
            past = self.round[rolled] > self.deadline[rolled]
            over, fresh = rolled[past], rolled[~past]
            self.status[over] = Status.DEADLINE
            self.round[over] = self.deadline[over]
            fired = self._start_round(fresh)
            if len(fresh):
                position = np.empty(self.n, dtype=np.int64)
                position[g] = np.arange(count)
                rows = position[fresh]
                new_round[rows] = True
                events[rows] = fired
        return StepResult(g, np.full(count, ends), ratified, chance, new_round, events)

    # -- results -----------------------------------------------------------------------

    def returns(self, g: np.ndarray | None = None) -> np.ndarray:
        """(len(g), 2) final utility: the deal's utility, or the reservation value without one."""
        g = np.arange(self.n) if g is None else g
        out = self.reservation[g].copy()
        dealt = self.status[g] == Status.DEAL
        if dealt.any():
            games = g[dealt]
            for side in (0, 1):
                out[dealt, side] = self.utility(side, self.deal[games], games)
        return out
