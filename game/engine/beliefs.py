"""What one side believes about the other: its priorities, positions and no-deal value.

After Hindriks and Tykhonov (2008): a discrete set of weight hypotheses (which issues
matter most to the other side, in which order), a posterior over them updated from each
offer the other side makes (offers are expected to start high and concede slowly), and
option values estimated from how often the other side asks for each option. Cheap talk
("our priorities are X, then Y") moves the posterior in proportion to trust, so a bluff
misleads a trusting listener more.

Everything starts from what the observing side could know before the talks: the
scenario's *intelligence estimate* of the other side (:class:`~.rules.Intel`, imperfect by
design, uninformative when the author gave none). Nothing here reads the other side's
true weights, values or no-deal value. The same model serves the computer (its view of
the player) and the player's analysts (their view of the computer). All arrays carry a
leading games axis so that simulation can update thousands of games at once.
"""

from __future__ import annotations

from itertools import permutations

import numpy as np

from .rules import Rules
from .space import DECIMALS

TOP = 3
#: Standard deviation of the likelihood of an offer's utility around the expected one.
SIGMA = 0.12
#: How strongly a fully trusted priority signal moves the posterior.
SIGNAL_STRENGTH = 6.0
#: How sharply a fully confident intelligence estimate favours the hypotheses closest to it.
INTEL_SHARPNESS = 6.0

# The acceptance model: the other side takes a package when, to it, the package is worth at
# least its current bar. Before it has offered anything its bar is read off the clock, from
# near its best package down to its (estimated) no-deal value; after, from the least it has
# asked for itself, less the concession it is expected to make by its next move. The
# constants were fitted on simulated proposals (benchmarks/calibration.py), not on any
# bundled scenario, so that among offers shown as about X% likely, about X% are accepted.
#: Bar before any offer, at the start of the talks (a side opens near its best package).
OPENING_BAR = 1.0
#: Share of the gap between its lowest ask and its no-deal value a side is expected to give
#: up by its next move (DRIFT), and how much more of it near the deadline (LATE, times t²).
DRIFT = 0.1
LATE = 0.6
#: Spread of the bar (logistic scale): how uncertain the estimate is about it.
ACCEPT_SCALE = 0.08
#: How much a package must clear the estimated bar by, on average, to be taken: estimates of
#: the other side's utility run high (a side reads its own offers generously), and this
#: corrects for it.
ACCEPT_BIAS = 0.1


def weight_hypotheses(issues: int) -> np.ndarray:
    """(K, m) normalised weight vectors: every ordered choice of the top issues.

    The top issue gets 3 shares, the second 2, the third 1.5 and every other issue 1:
    enough structure to tell priorities apart, few enough hypotheses to stay fast
    (4 issues: 24; 7 issues: 210; 16 issues: 3,360).
    """
    top = min(TOP, issues)
    shares = [3.0, 2.0, 1.5][:top]
    rows = []
    for order in permutations(range(issues), top):
        w = np.ones(issues)
        for rank, issue in enumerate(order):
            w[issue] = shares[rank]
        rows.append(w / w.sum())
    return np.array(rows)


def weight_prior(hypotheses: np.ndarray, believed: np.ndarray | None, confidence: float) -> np.ndarray:
    """Log prior over the hypotheses: flat, or peaked at the believed weights as far as trusted."""
    if believed is None or confidence <= 0:
        return np.zeros(len(hypotheses))
    closeness = -np.abs(hypotheses - believed).sum(axis=1)
    spread = float(np.ptp(closeness)) or 1.0
    prior = INTEL_SHARPNESS * confidence * closeness / spread
    return prior - prior.max()


class Beliefs:
    """Beliefs of ``observer`` about ``target`` in ``n`` games (arrays over games)."""

    def __init__(self, rules: Rules, observer: int, target: int, n: int):
        self.rules = rules
        self.observer = observer
        self.target = target
        intel = rules.intel[observer]
        self.hypotheses = weight_hypotheses(len(rules.issue_ids))
        k = len(self.hypotheses)
        self.log_post = np.tile(weight_prior(self.hypotheses, intel.weights, intel.confidence), (n, 1))
        #: What the observer believes of the target's option values before any offer.
        self.stance = intel.values
        self.reservation = intel.reservation
        self.counts = np.zeros((n, len(rules.issue_ids), rules.kmax))
        #: Per game, how far the target's declared lines ("we will never accept X") are believed.
        self.lines = np.zeros((n, len(rules.issue_ids), rules.kmax))
        self.offers_seen = np.zeros(n, dtype=np.int64)
        #: Per game and hypothesis, the lowest utility the target has itself proposed.
        self.lowest = np.full((n, k), np.inf)
        #: Per game and hypothesis, the most a package the target rejected was worth to it.
        self.rejected = np.full((n, k), -np.inf)

    # -- updates ------------------------------------------------------------------------

    def estimated_values(self, g: np.ndarray) -> np.ndarray:
        """(len(g), m, kmax) option values: the believed stance, sharpened by what was asked for."""
        counts = self.counts[g]
        peak = counts.max(axis=2, keepdims=True)
        freq = (counts + 1.0) / (peak + 1.0)
        seen = (self.offers_seen[g] > 0)[:, None, None]
        values = np.where(seen, 0.5 * self.stance + 0.5 * freq, self.stance)
        return values * (1.0 - self.lines[g])

    def observe_offer(self, g: np.ndarray, packages: np.ndarray, weight: float = 1.0) -> None:
        """The target proposed ``packages`` in games ``g`` (``weight`` > 1 for public words, which
        say more about what it wants)."""
        digits = self.rules.digits_of(packages)
        u = self.utility_of(g, packages)  # (len, K)
        self.lowest[g] = np.minimum(self.lowest[g], u)
        expected = np.maximum(0.55, 0.95 - 0.05 * self.offers_seen[g])[:, None]
        self.log_post[g] += -weight * ((u - expected) ** 2) / (2 * SIGMA**2)
        self.log_post[g] -= self.log_post[g].max(axis=1, keepdims=True)
        m = digits.shape[1]
        self.counts[g[:, None], np.arange(m), digits] += 1.0
        self.offers_seen[g] += 1

    def observe_reject(self, g: np.ndarray, packages: np.ndarray) -> None:
        """The target rejected the observer's ``packages``: its bar was above their worth to it."""
        self.rejected[g] = np.maximum(self.rejected[g], self.utility_of(g, packages))

    def observe_line(self, g: np.ndarray, issue: np.ndarray, options: np.ndarray, credibility: float) -> None:
        """The target vowed never to accept ``options`` (len, kmax) of ``issue`` (len,): those options
        are believed worth nothing to it, as far as the vow is believed (public words more)."""
        self.lines[g, issue] = np.maximum(self.lines[g, issue], options * credibility)

    def observe_signal(self, g: np.ndarray, claimed: np.ndarray, trust: np.ndarray) -> None:
        """The target claimed priorities ``claimed`` (len, m), believed as far as trust goes."""
        norm = claimed / np.maximum(claimed.sum(axis=1, keepdims=True), 1e-9)
        fit = norm @ self.hypotheses.T  # (len, K)
        self.log_post[g] += SIGNAL_STRENGTH * trust[:, None] * (fit - fit.max(axis=1, keepdims=True))
        self.log_post[g] -= self.log_post[g].max(axis=1, keepdims=True)

    # -- estimates ----------------------------------------------------------------------

    def posterior(self, g: np.ndarray) -> np.ndarray:
        p = np.exp(self.log_post[g])
        return p / p.sum(axis=1, keepdims=True)

    def expected_weights(self, g: np.ndarray) -> np.ndarray:
        """(len(g), m) posterior mean of the target's weights."""
        return self.posterior(g) @ self.hypotheses

    def expected_utility(self, game: int, packages: np.ndarray | None = None) -> np.ndarray:
        """Estimated utility for the target of ``packages`` (every package by default) in one game."""
        g = np.array([game])
        w = self.expected_weights(g)[0]
        values = self.estimated_values(g)[0]
        digits = self.rules.digits if packages is None else self.rules.digits_of(packages)
        out = np.zeros(digits.shape[0])
        for i in range(digits.shape[1]):
            out += w[i] * values[i, digits[:, i]]
        return np.round(out, DECIMALS)

    def utility_of(self, g: np.ndarray, packages: np.ndarray) -> np.ndarray:
        """(len(g), K) utility of one package per game under every hypothesis."""
        digits = self.rules.digits_of(packages)
        values = self.estimated_values(g)
        m = digits.shape[1]
        return values[np.arange(len(g))[:, None], np.arange(m), digits] @ self.hypotheses.T

    def bar(self, g: np.ndarray, time: np.ndarray) -> np.ndarray:
        """(len(g), K) the least a package must be worth to the target for it to accept now.

        Before the target has offered anything, its bar is read off the clock (from near its
        best package at the start down to its estimated no-deal value at the deadline); after,
        it is the least it has asked for, less the concession it is expected to make by its
        next move, which grows as the deadline nears. A package it rejected was below its bar.
        """
        r = self.reservation
        t = np.clip(time, 0.0, 1.0)[:, None]
        lowest = self.lowest[g]
        opening = r + (OPENING_BAR - r) * (1.0 - t)
        gap = np.maximum(np.where(np.isinf(lowest), 0.0, lowest) - r, 0.0)
        asked = np.where(np.isinf(lowest), opening, lowest - gap * np.minimum(1.0, DRIFT + LATE * t**2))
        return np.maximum(np.maximum(asked, r), self.rejected[g] - ACCEPT_SCALE)

    def accept_chances(self, g: np.ndarray, packages: np.ndarray, time: np.ndarray) -> np.ndarray:
        """(len(g), w) estimated chance the target accepts each of ``packages`` (len(g), w) in its game.

        The batch form weighs each package at the posterior-mean weights against the
        posterior-mean bar (one pass over the packages instead of one per hypothesis), which is
        what a side choosing among many packages at once can afford.
        """
        values = self.estimated_values(g)  # (c, m, kmax)
        c, m, kmax = values.shape
        index = (np.arange(c)[:, None, None] * (m * kmax) + np.arange(m) * kmax) + self.rules.digits[packages]
        u = np.einsum("cwm,cm->cw", values.reshape(-1)[index], self.expected_weights(g))
        bar = (self.posterior(g) * self.bar(g, time)).sum(axis=1)  # (c,)
        return 1.0 / (1.0 + np.exp(-(u - bar[:, None] - ACCEPT_BIAS) / ACCEPT_SCALE))

    def accept_chance(self, game: int, packages: np.ndarray, time: float) -> np.ndarray:
        """Estimated chance the target accepts each of ``packages`` now, in one game.

        Averaged over the posterior: under each hypothesis a package is accepted when it is
        worth at least the target's bar (:meth:`bar`), smoothed so that near misses read as
        possible, not impossible.
        """
        g = np.full(len(packages), game)
        u = self.utility_of(g, packages)  # (p, K)
        post = self.posterior(np.array([game]))[0]
        bar = self.bar(np.array([game]), np.array([time]))[0]
        chance = 1.0 / (1.0 + np.exp(-(u - bar[None, :] - ACCEPT_BIAS) / ACCEPT_SCALE))
        return chance @ post
