"""What one side believes about the other's priorities: a Bayesian model over weights.

After Hindriks and Tykhonov (2008): a discrete set of weight hypotheses (which issues
matter most to the other side, in which order), a posterior over them updated from each
offer the other side makes (offers are expected to start high and concede slowly), and
option values estimated from how often the other side asks for each option. Cheap talk
("our priorities are X, then Y") moves the posterior in proportion to trust, so a bluff
misleads a trusting listener more.

The same model serves the computer (its view of the player) and the player's analyst
(its view of the computer); in both cases it sees only what that side has seen. All
arrays carry a leading games axis so that simulation can update thousands at once.
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
#: How informative the intelligence estimate is about the other side's true priorities.
INTEL_SHARPNESS = 4.0


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


def stance_values(rules: Rules, actor: int) -> np.ndarray:
    """What is publicly known of ``actor``'s option values: their true values to a quarter.

    Positions on each issue are public (the articles report them); how much each issue
    matters is what the model has to learn.
    """
    return np.round(rules.values[actor] * 4.0) / 4.0


class Beliefs:
    """Beliefs of ``observer`` about ``target`` in ``n`` games (arrays over games)."""

    def __init__(self, rules: Rules, observer: int, target: int, n: int, *, informed: bool):
        self.rules = rules
        self.observer = observer
        self.target = target
        self.hypotheses = weight_hypotheses(len(rules.issue_ids))
        k = len(self.hypotheses)
        if informed:
            # The intelligence estimate: hypotheses near the truth are likelier, not certain.
            truth = rules.base_weights[target]
            closeness = -np.abs(self.hypotheses - truth).sum(axis=1)
            prior = INTEL_SHARPNESS * closeness / max(1e-9, np.ptp(closeness) or 1.0)
            prior -= prior.max()
        else:
            prior = np.zeros(k)
        self.log_post = np.tile(prior, (n, 1))
        self.stance = stance_values(rules, target)
        self.counts = np.zeros((n, len(rules.issue_ids), rules.kmax))
        self.offers_seen = np.zeros(n, dtype=np.int64)
        #: Per game and hypothesis, the lowest utility the target has itself proposed.
        self.lowest = np.full((n, k), np.inf)

    # -- updates ------------------------------------------------------------------------

    def estimated_values(self, g: np.ndarray) -> np.ndarray:
        """(len(g), m, kmax) option values: the public stance, sharpened by what was asked for."""
        counts = self.counts[g]
        peak = counts.max(axis=2, keepdims=True)
        freq = (counts + 1.0) / (peak + 1.0)
        seen = (self.offers_seen[g] > 0)[:, None, None]
        return np.where(seen, 0.5 * self.stance + 0.5 * freq, self.stance)

    def observe_offer(self, g: np.ndarray, packages: np.ndarray) -> None:
        """The target proposed ``packages`` in games ``g``."""
        digits = self.rules.digits_of(packages)
        values = self.estimated_values(g)
        m = digits.shape[1]
        offered = values[np.arange(len(g))[:, None], np.arange(m), digits]  # (len, m)
        u = offered @ self.hypotheses.T  # (len, K)
        self.lowest[g] = np.minimum(self.lowest[g], u)
        expected = np.maximum(0.55, 0.95 - 0.05 * self.offers_seen[g])[:, None]
        self.log_post[g] += -((u - expected) ** 2) / (2 * SIGMA**2)
        self.log_post[g] -= self.log_post[g].max(axis=1, keepdims=True)
        self.counts[g[:, None], np.arange(m), digits] += 1.0
        self.offers_seen[g] += 1

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

    def expected_utility(self, game: int) -> np.ndarray:
        """Estimated utility of every package for the target in one game, (n,)."""
        g = np.array([game])
        w = self.expected_weights(g)[0]
        values = self.estimated_values(g)[0]
        digits = self.rules.digits
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

    def accept_chance(self, game: int, packages: np.ndarray, floor: float) -> np.ndarray:
        """Estimated chance the target accepts each of ``packages`` in one game.

        Under each hypothesis a package is taken to be acceptable when it is worth at
        least as much to the target as the least it has itself proposed so far (or
        ``floor``, the estimate of its reservation, before any offer). Averaged over the
        posterior and smoothed, so that near misses read as possible, not impossible.
        """
        g = np.full(len(packages), game)
        u = self.utility_of(g, packages)  # (p, K)
        post = self.posterior(np.array([game]))[0]
        lowest = self.lowest[game]
        bar = np.where(np.isinf(lowest), floor, np.maximum(lowest, floor))
        chance = 1.0 / (1.0 + np.exp(-(u - bar) / 0.04))
        return chance @ post
