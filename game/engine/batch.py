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

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import numpy as np

from . import commitments, news
from .kinds import TURN_ENDING, Kind, Status
from .ledger import Cause, Ledger
from .legality import Illegal, illegal
from .opening import Opening
from .rules import INITIAL_TRUST, Rules
from .space import DECIMALS

__all__ = ["Batch", "Illegal", "Kind", "Status", "StepResult", "draw_tapes"]

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

    def __init__(self, rules: Rules, tapes: np.ndarray, *, ledger: bool = False, opening: Opening | None = None):
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
        #: Each side's constituency threshold: public climb-downs and some news move it.
        self.threshold = np.tile(rules.c_threshold, (n, 1))
        #: The crisis (event index) waiting for an answer, or -1; the side it hit answers next.
        self.crisis = np.full(n, -1, dtype=np.int64)
        #: How often each crisis answer (global answer index) was given in each game.
        self.answered = np.zeros((n, len(rules.responses)), dtype=np.int64)
        # Public words (:mod:`.commitments`): a side's public position (its own utility of its
        # last public proposal), the lines it drew (and which in public), the issue it publicly
        # called its first priority, and how often it backed down.
        self.position = np.full((n, 2), -np.inf)
        self.vows = np.zeros((n, 2, m, rules.kmax), dtype=bool)
        self.vow_public = np.zeros((n, 2, m, rules.kmax), dtype=bool)
        self.claimed = np.full((n, 2), -1, dtype=np.int64)
        self.backdowns = np.zeros((n, 2), dtype=np.int64)
        self.line_this_turn = np.zeros(n, dtype=bool)
        #: How far each side's public words are believed (a campaign's history can lower it).
        self.credibility = np.ones((n, 2))
        self.ledger = Ledger() if ledger else None
        if opening is not None and not opening.empty:
            self._open(opening)
        self.opening_events = news.start_round(self, np.arange(n))

    # -- derived quantities --------------------------------------------------------------

    def _open(self, opening: Opening) -> None:
        """What the past brings: applied before the first round's news, under the cause ``history``."""
        g = np.arange(self.n)
        ids = self.rules.actor_ids
        with self.cause(g, Cause("history")):
            if opening.trust is not None:
                self.trust[:] = np.clip(opening.trust, 0.0, 1.0)
            for actor, delta in opening.reservation.items():
                a = ids.index(actor)
                self.reservation[:, a] = np.clip(self.reservation[:, a] + delta, 0.0, 1.0)
            for actor, delta in opening.threshold.items():
                a = ids.index(actor)
                self.threshold[:, a] = np.clip(self.threshold[:, a] + delta, 0.0, 1.0)
            for actor, delta in opening.pressure.items():
                self.pressure_delta[:, ids.index(actor)] += delta
        for actor, value in opening.credibility.items():
            self.credibility[:, ids.index(actor)] = np.clip(value, 0.0, 1.0)

    def ongoing(self) -> np.ndarray:
        return np.flatnonzero(self.status == Status.ONGOING)

    def mover(self, g: np.ndarray) -> np.ndarray:
        """The side to move in each game: the side a waiting crisis hit, else the side whose turn it is."""
        crisis = self.crisis[g]
        if not len(self.rules.crisis_side):
            return self.turn[g]
        return np.where(crisis >= 0, self.rules.crisis_side[np.maximum(crisis, 0)], self.turn[g])

    @contextmanager
    def cause(self, g: np.ndarray, cause: Cause) -> Iterator[None]:
        """Record what the block changes under ``cause`` (when this batch keeps a ledger)."""
        with self.ledger.cause(self, g, cause) if self.ledger is not None else nullcontext():
            yield

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

    def ratify_chance(self, actor: np.ndarray, packages: np.ndarray, g: np.ndarray) -> np.ndarray:
        """Chance that ``actor``'s constituency ratifies each package (aligned with games ``g``)."""
        r = self.rules
        u = self.constituency_utility(actor, packages)
        return sigmoid((u - self.threshold[g, actor]) / r.c_sensitivity[actor])

    def forbidden(self, actor: np.ndarray, packages: np.ndarray) -> np.ndarray:
        r = self.rules
        digits = r.digits_of(packages)
        out = np.zeros(len(packages), dtype=bool)
        for i in range(digits.shape[1]):
            out |= r.barred[actor, i, digits[:, i]]
        return out

    def apply_effect(self, g: np.ndarray, row: int) -> None:
        """Apply effect ``row`` of the rules' effect table to games ``g`` (see :mod:`.news`)."""
        news.apply_effect(self, g, row)

    # -- moves ---------------------------------------------------------------------------

    def illegal(self, g: np.ndarray, kind: Kind, package: np.ndarray | None = None,
                tactic: np.ndarray | None = None, event: np.ndarray | None = None,
                response: np.ndarray | None = None, issue: np.ndarray | None = None,
                options: np.ndarray | None = None) -> np.ndarray:
        """An :class:`Illegal` code per game (``Illegal.OK`` where the move is legal); see :mod:`.legality`."""
        return illegal(self, g, kind, package, tactic, event, response, issue, options)

    def legal(self, g: np.ndarray, kind: Kind, package: np.ndarray | None = None,
              tactic: np.ndarray | None = None, event: np.ndarray | None = None) -> np.ndarray:
        """Whether the move is legal for the side to move in each game of ``g``."""
        return self.illegal(g, kind, package, tactic, event) == Illegal.OK

    def step(self, g: np.ndarray, kind: Kind, package: np.ndarray | None = None,
             tactic: np.ndarray | None = None, signal: np.ndarray | None = None,
             event: np.ndarray | None = None, response: np.ndarray | None = None,
             issue: np.ndarray | None = None, options: np.ndarray | None = None,
             public: np.ndarray | None = None) -> StepResult:
        """Apply one move of one kind for the side to move in games ``g`` (all must be legal).

        ``public`` (bool per game) makes a proposal, a signal or a line public words.
        """
        g = np.asarray(g, dtype=np.int64)
        count = len(g)
        a = self.mover(g)
        b = 1 - a
        public = np.zeros(count, dtype=bool) if public is None else np.asarray(public, dtype=bool)
        ratified = np.full((count, 2), -1, dtype=np.int64)
        chance = np.full((count, 2), np.nan)
        ends = kind in TURN_ENDING
        self.moves[g] += 1

        if kind == Kind.PROPOSE:
            assert package is not None
            self._propose(g, a, b, np.asarray(package, dtype=np.int64), public)
        elif kind == Kind.ACCEPT:
            deal = self.offer[g, b]
            with self.cause(g, Cause("backing-down", "", int(a[0]) if count else None)):
                commitments.pay(self, g, a, deal, np.zeros(count, dtype=bool))
            k = np.minimum(self.attempts[g], self.rules.round_cap - 1)
            e = len(self.rules.event_ids)
            for side in (0, 1):
                p = self.ratify_chance(np.full(count, side), deal, g)
                chance[:, side] = p
                ratified[:, side] = (self.tapes[g, k, e + side] < p).astype(np.int64)
            self.attempts[g] += 1
            passed = (ratified == 1).all(axis=1)
            won = g[passed]
            self.status[won] = Status.DEAL
            self.deal[won] = deal[passed]
            lost = g[~passed]
            with self.cause(lost, Cause("failed-ratification")):
                self.trust[lost] = np.clip(self.trust[lost] - TRUST_COST_FAILED_RATIFICATION, 0.0, 1.0)
            if self.rules.reopen:
                self.offer[lost] = -1
            else:
                self.status[lost] = Status.FAILED
        elif kind == Kind.SIGNAL:
            assert signal is not None
            self.signal[g, a] = signal
            self.signal_this_turn[g] = True
            self.claimed[g[public], a[public]] = np.argmax(signal[public], axis=1)
        elif kind == Kind.LINE:
            assert issue is not None and options is not None
            commitments.draw_line(self, g, a, np.asarray(issue, dtype=np.int64), np.asarray(options, dtype=bool),
                                  public)
            self.line_this_turn[g] = True
        elif kind == Kind.TACTIC:
            assert tactic is not None
            tactic = np.asarray(tactic, dtype=np.int64)
            for t in np.unique(tactic):
                hit = g[tactic == t]
                owner = int(self.rules.tactic_owner[t])
                with self.cause(hit, Cause("tactic", self.rules.tactic_ids[t], owner)):
                    self.apply_effect(hit, int(t))
                self.tactic_uses[hit, t] += 1
                if self.rules.tactic_kind[t]:  # pressure: the other side remembers it
                    self.pressed[hit, 1 - owner] += 1
            self.tactic_this_turn[g] = True
        elif kind == Kind.WALK:
            self.status[g] = Status.WALKED
            self.walked_by[g] = a
        elif kind == Kind.EVENT:
            assert event is not None
            event = np.asarray(event, dtype=np.int64)
            for k in np.unique(event):
                news.break_news(self, g[event == k], int(k))
        elif kind == Kind.ANSWER:
            assert response is not None
            news.answer_crisis(self, g, np.asarray(response, dtype=np.int64))

        new_round = np.zeros(count, dtype=bool)
        events = np.zeros((count, len(self.rules.event_ids)), dtype=bool)
        if ends:
            live = self.status[g] == Status.ONGOING
            moving = g[live]
            self.tactic_this_turn[g] = False
            self.signal_this_turn[g] = False
            self.line_this_turn[g] = False
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
            fired = news.start_round(self, fresh)
            if len(fresh):
                position = np.empty(self.n, dtype=np.int64)
                position[g] = np.arange(count)
                rows = position[fresh]
                new_round[rows] = True
                events[rows] = fired
        return StepResult(g, np.full(count, ends), ratified, chance, new_round, events)

    def _propose(self, g: np.ndarray, a: np.ndarray, b: np.ndarray, package: np.ndarray, public: np.ndarray) -> None:
        """A proposal: what it does to trust (an insult, a concession, a retraction), what it
        costs its maker at home (backing down from public words), and the offers on the table."""
        insult = self.forbidden(b, package)
        had = self.offer[g, a] >= 0
        before = self.utility(b, np.where(had, self.offer[g, a], package), g)
        after = self.utility(b, package, g)
        conceded = had & ~insult & (after >= before + CONCESSION_STEP)
        retracted = had & (after <= before - CONCESSION_STEP)
        who = int(a[0]) if len(a) else None
        for cause, hit, delta in (("red-line", insult, -TRUST_COST_RED_LINE),
                                  ("concession", conceded, TRUST_GAIN_CONCESSION),
                                  ("retraction", retracted, -TRUST_COST_RETRACTION)):
            games = g[hit]
            if len(games):
                with self.cause(games, Cause(cause, "", who)):
                    self.trust[games] = np.clip(self.trust[games] + delta, 0.0, 1.0)
        self.retractions[g, a] += retracted
        m = len(self.rules.issue_ids)
        crossed = self.rules.barred[b[:, None], np.arange(m)[None, :], self.rules.digits_of(package)]
        self.crossings[g, b] += crossed
        with self.cause(g, Cause("backing-down", "", who)):
            commitments.pay(self, g, a, package, public)
        self.previous_offer[g, a] = self.offer[g, a]
        self.offer[g, a] = package
        self.offers_made[g, a] += 1

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
