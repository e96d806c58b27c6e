"""A scenario compiled into numpy arrays: the rules every game of it is played by.

This is the "game" object of the OpenSpiel shape (the state is in :mod:`.batch` and
:mod:`.state`). Ids become indices once, here; the rest of the engine works on arrays.
Actor 0 and 1 are the scenario's actors in file order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from game.scenario.models import Effects, Scenario

from .space import OutcomeSpace, forbidden_mask, utilities

#: Trust at the start of every game: wary, neither hostile nor warm.
INITIAL_TRUST = 0.5
#: What analysts assume of the other side's no-deal value when the scenario gives no estimate.
DEFAULT_RESERVATION_ESTIMATE = 0.4


@dataclass(frozen=True)
class Intel:
    """What one side knows of the other before the talks: the scenario's intelligence estimate.

    ``weights`` (m,) normalised, or None for no information on priorities; ``values`` (m, kmax)
    believed option values (where the estimate is silent: opposed to the observer's own);
    ``reservation`` the believed no-deal value; ``confidence`` in 0..1.
    """

    weights: np.ndarray | None
    values: np.ndarray
    reservation: float
    confidence: float


@dataclass(frozen=True)
class EffectTable:
    """Effects of tactics and events as arrays, one row per effect."""

    trust: np.ndarray  # (X,)
    reservation: np.ndarray  # (X, 2)
    pressure: np.ndarray  # (X, 2)
    weights: np.ndarray  # (X, 2, m)
    deadline: np.ndarray  # (X,) int
    threshold: np.ndarray  # (X, 2)

    @classmethod
    def build(cls, effects: list[Effects], actors: list[str], issues: list[str]) -> EffectTable:
        x, m = len(effects), len(issues)
        trust = np.zeros(x)
        reservation = np.zeros((x, 2))
        pressure = np.zeros((x, 2))
        weights = np.zeros((x, 2, m))
        deadline = np.zeros(x, dtype=np.int64)
        threshold = np.zeros((x, 2))
        for row, fx in enumerate(effects):
            trust[row] = fx.trust
            deadline[row] = fx.deadline
            for actor, delta in fx.reservation.items():
                reservation[row, actors.index(actor)] = delta
            for actor, delta in fx.pressure.items():
                pressure[row, actors.index(actor)] = delta
            for actor, delta in fx.threshold.items():
                threshold[row, actors.index(actor)] = delta
            for actor, changes in fx.weights.items():
                for issue, delta in changes.items():
                    weights[row, actors.index(actor), issues.index(issue)] = delta
        return cls(trust, reservation, pressure, weights, deadline, threshold)


class Rules:
    """Everything about a scenario the engine needs, as arrays, plus id <-> index maps."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.actor_ids: tuple[str, str] = (scenario.actors[0].id, scenario.actors[1].id)
        self.issue_ids: list[str] = [i.id for i in scenario.issues]
        self.option_ids: list[list[str]] = [[o.id for o in i.options] for i in scenario.issues]
        self.space = OutcomeSpace(tuple(len(opts) for opts in self.option_ids))
        m, kmax = len(self.issue_ids), max(self.space.radices)
        self.kmax = kmax

        # Preferences of each actor: values (2, m, kmax) and raw weights (2, m).
        self.values = np.zeros((2, m, kmax))
        raw = np.zeros((2, m))
        for a, actor in enumerate(self.actor_ids):
            for i, issue in enumerate(self.issue_ids):
                pref = scenario.preferences[actor][issue]
                raw[a, i] = pref.weight
                for k, option in enumerate(self.option_ids[i]):
                    self.values[a, i, k] = pref.values[option]
        self.base_weights = raw / raw.sum(axis=1, keepdims=True)

        # Red lines: barred options (2, m, kmax).
        self.barred = np.zeros((2, m, kmax), dtype=bool)
        for a, actor in enumerate(self.actor_ids):
            for line in scenario.red_lines.get(actor, []):
                i = self.issue_ids.index(line.issue)
                for option in line.options:
                    self.barred[a, i, self.option_ids[i].index(option)] = True

        actors = list(scenario.actors)
        self.base_reservation = np.array([a.reservation for a in actors])
        self.patience = np.array([a.patience for a in actors])
        self.initial_pressure = np.array([a.initial_pressure for a in actors])

        # Constituencies (second level): their own weights and values.
        self.c_values = self.values.copy()
        c_raw = np.zeros((2, m))
        self.c_threshold = np.zeros(2)
        self.c_sensitivity = np.zeros(2)
        for a, actor in enumerate(actors):
            view = actor.constituency
            for i, issue in enumerate(self.issue_ids):
                c_raw[a, i] = view.weights.get(issue, 0.0)
                for k, option in enumerate(self.option_ids[i]):
                    if issue in view.values:
                        self.c_values[a, i, k] = view.values[issue][option]
            self.c_threshold[a] = view.threshold
            self.c_sensitivity[a] = view.sensitivity
        sums = c_raw.sum(axis=1, keepdims=True)
        self.c_weights = np.divide(c_raw, sums, out=np.full_like(c_raw, 1.0 / m), where=sums > 0)

        # Tactics, events and answers to crises share one effect table: tactics first, then
        # events, then every crisis response (event by event, in file order).
        self.tactics = [(a, t) for a, actor in enumerate(actors) for t in actor.tactics]
        self.tactic_ids = [t.id for _, t in self.tactics]
        self.tactic_owner = np.array([a for a, _ in self.tactics], dtype=np.int64)
        self.tactic_kind = np.array([t.kind == "pressure" for _, t in self.tactics], dtype=bool)
        self.tactic_max_uses = np.array([t.max_uses for _, t in self.tactics], dtype=np.int64)
        events = scenario.events
        self.event_ids = [e.id for e in events]
        #: Crisis answers: (event index, response) in effect-table order after the events.
        self.responses = [(k, r) for k, e in enumerate(events) if e.crisis for r in e.crisis.responses]
        self.effects = EffectTable.build(
            [t.effects for _, t in self.tactics] + [e.effects for e in events] + [r.effects for _, r in self.responses],
            list(self.actor_ids),
            self.issue_ids,
        )
        self.event_offset = len(self.tactics)
        self.response_offset = len(self.tactics) + len(events)
        #: Per event: the side a crisis hits (-1: not a crisis) and the indices of its answers.
        self.crisis_side = np.array([self.actor_ids.index(e.crisis.side) if e.crisis else -1 for e in events],
                                    dtype=np.int64)
        self.event_responses = [[n for n, (k2, _) in enumerate(self.responses) if k2 == k] for k in range(len(events))]
        self.ev_prob = np.array([e.probability for e in events], dtype=np.float64)
        self.ev_earliest = np.array([e.earliest_round or 1 for e in events], dtype=np.int64)
        self.ev_latest = np.array([e.latest_round or 10_000 for e in events], dtype=np.int64)
        self.ev_once = np.array([e.once for e in events], dtype=bool)
        cond = [e.conditions for e in events]
        self.ev_min_trust = np.array([c.min_trust if c.min_trust is not None else -1.0 for c in cond])
        self.ev_max_trust = np.array([c.max_trust if c.max_trust is not None else 2.0 for c in cond])
        self.ev_after_tactic = np.array(
            [self.tactic_ids.index(c.after_tactic) if c.after_tactic else -1 for c in cond], dtype=np.int64
        )
        self.ev_after_event = np.array(
            [self.event_ids.index(c.after_event) if c.after_event else -1 for c in cond], dtype=np.int64
        )
        self.ev_not_after = np.array(
            [self.event_ids.index(c.not_after_event) if c.not_after_event else -1 for c in cond], dtype=np.int64
        )

        self.intel = tuple(self._intel(a) for a in (0, 1))
        self._ratification_cache: dict[tuple[int, float], np.ndarray] = {}

        self.rounds = scenario.rounds
        self.first = self.actor_ids.index(scenario.opener)
        self.reopen = scenario.on_failed_ratification == "reopen"
        #: Rounds the chance tape covers; the deadline can never move past it.
        self.round_cap = 2 * scenario.rounds + 10

    def _intel(self, observer: int) -> Intel:
        """Observer's estimate of the other side, from the scenario's public intelligence only."""
        estimate = self.scenario.intelligence.get(self.actor_ids[observer])
        # Where nothing is known of the other side's positions, analysts read its interests
        # as the opposite of their own side's (the "fixed pie" assumption the debrief exposes).
        values = np.where(self._option_mask(), 1.0 - self.values[observer], 0.0)
        weights = None
        reservation, confidence = DEFAULT_RESERVATION_ESTIMATE, 0.0
        if estimate is not None:
            confidence = estimate.confidence
            if estimate.reservation is not None:
                reservation = estimate.reservation
            if estimate.weights:
                raw = np.array([estimate.weights.get(i, np.nan) for i in self.issue_ids])
                known = raw[~np.isnan(raw)]
                raw = np.where(np.isnan(raw), known.mean() if len(known) else 1.0, raw)
                weights = raw / raw.sum() if raw.sum() > 0 else None
            for i, issue in enumerate(self.issue_ids):
                believed = estimate.values.get(issue)
                if believed:
                    for k, option in enumerate(self.option_ids[i]):
                        values[i, k] = believed[option]
        return Intel(weights, values, float(reservation), float(confidence) if weights is not None else 0.0)

    def _option_mask(self) -> np.ndarray:
        """(m, kmax): True where issue i has an option k."""
        return np.arange(self.kmax)[None, :] < np.array(self.space.radices)[:, None]

    # -- the outcome space --------------------------------------------------------------

    @cached_property
    def digits(self) -> np.ndarray:
        """Option index per issue of every package, (n, m)."""
        return self.space.digits()

    @cached_property
    def forbidden(self) -> np.ndarray:
        """(2, n): True where a package crosses that actor's red lines."""
        return np.stack([self.forbidden_for(a) for a in (0, 1)])

    def forbidden_for(self, actor: int) -> np.ndarray:
        barred = {i: np.flatnonzero(self.barred[actor, i]) for i in range(len(self.issue_ids))}
        return forbidden_mask(self.digits, barred)

    def utility_table(self, actor: int, weights: np.ndarray | None = None) -> np.ndarray:
        """Utility of every package for ``actor`` under ``weights`` (its base weights by default)."""
        w = self.base_weights[actor] if weights is None else weights
        tables = [self.values[actor, i, : self.space.radices[i]] for i in range(len(self.issue_ids))]
        return utilities(self.digits, tables, w)

    @cached_property
    def constituency_utilities(self) -> np.ndarray:
        """(2, n) each side's constituency's own utility of every package."""
        out = np.empty((2, self.space.size))
        for a in (0, 1):
            tables = [self.c_values[a, i, : self.space.radices[i]] for i in range(len(self.issue_ids))]
            out[a] = utilities(self.digits, tables, self.c_weights[a])
        return out

    def ratification_at(self, actor: int, threshold: float) -> np.ndarray:
        """(n,) chance ``actor``'s constituency ratifies every package at ``threshold`` (cached:
        thresholds move only when a side backs down in public or news says so)."""
        key = (actor, round(float(threshold), 12))
        hit = self._ratification_cache.get(key)
        if hit is None:
            u = self.constituency_utilities[actor]
            hit = 1.0 / (1.0 + np.exp(-(u - threshold) / self.c_sensitivity[actor]))
            if len(self._ratification_cache) > 32:
                self._ratification_cache.clear()
            self._ratification_cache[key] = hit
        return hit

    @cached_property
    def ratification(self) -> np.ndarray:
        """(2, n) chance each side's constituency ratifies every package at the scenario's thresholds."""
        return np.stack([self.ratification_at(a, float(self.c_threshold[a])) for a in (0, 1)])

    @cached_property
    def base_utilities(self) -> np.ndarray:
        """(2, n) utilities under the scenario's own weights."""
        return np.stack([self.utility_table(0), self.utility_table(1)])

    def digits_of(self, packages: np.ndarray) -> np.ndarray:
        """Option index per issue of ``packages``, (len, m): a gather from :attr:`digits`.

        The play loop asks this thousands of times per simulated block; the digit table is built
        once per scenario anyway (the red-line masks need it), and reading it is several
        times faster than recomputing the digits by division.
        """
        return self.digits[packages]

    def package_digits(self, package: int) -> np.ndarray:
        return self.digits[package]

    def crosses(self, actor: int, package: int) -> list[int]:
        """Issues on which ``package`` crosses ``actor``'s red lines."""
        d = self.package_digits(package)
        return [i for i in range(len(d)) if self.barred[actor, i, d[i]]]

    # -- ids <-> indices --------------------------------------------------------------------

    def package_of(self, choice: dict[str, str]) -> int:
        """Package index of ``{issue id: option id}`` (every issue required)."""
        digits = [self.option_ids[i].index(choice[issue]) for i, issue in enumerate(self.issue_ids)]
        return int(self.space.index(digits))

    def choice_of(self, package: int) -> dict[str, str]:
        d = self.package_digits(package)
        return {issue: self.option_ids[i][int(d[i])] for i, issue in enumerate(self.issue_ids)}

    def actor_index(self, actor_id: str) -> int:
        return self.actor_ids.index(actor_id)
