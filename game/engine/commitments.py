"""Public and private words, and what backing down from them costs (audience costs).

A proposal, a signal of priorities or a line a side draws ("we will never accept X") can be
made in public or in private (Fearon, 1994). Public words bind: a side that later backs
down from them (offers less for itself than its public position, gives away the issue it
publicly called its first priority, or crosses a line it drew in public) pays at home:
its constituency's threshold rises, so its next deal is harder to ratify. In exchange the
other side believes public words more (its model weighs them by :data:`PUBLIC_WEIGHT`).
Private words are cheap: backing down from them costs only a little trust, and they are
believed less.

Functions here update a :class:`~.batch.Batch` for the games of one move; the batch calls
them from ``step`` inside the ledger's cause, so every cost is on the books.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .batch import Batch

#: Rise of a side's constituency threshold when it backs down from public words.
AUDIENCE_COST = 0.04
#: Trust lost when a side crosses a line it drew in private (it said so, if only in private).
PRIVATE_COST = 0.02
#: How much more the other side's model weighs public words than private ones.
PUBLIC_WEIGHT = 1.5
#: An offer this much worse for its maker than its public position is backing down from it.
STEP = 0.02


def backdowns(batch: Batch, g: np.ndarray, a: np.ndarray, package: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(public, private): in which games of ``g`` side ``a`` backs down by proposing or accepting ``package``."""
    own = batch.utility(a, package, g)
    below = np.isfinite(batch.position[g, a]) & (own < batch.position[g, a] - STEP)
    digits = batch.rules.digits_of(package)
    m = digits.shape[1]
    vowed = batch.vows[g[:, None], a[:, None], np.arange(m)[None, :], digits]  # (len, m)
    public_vow = vowed & batch.vow_public[g[:, None], a[:, None], np.arange(m)[None, :], digits]
    claimed = batch.claimed[g, a]
    has_claim = claimed >= 0
    issue = np.where(has_claim, claimed, 0)
    real = np.arange(batch.rules.kmax)[None, :] < np.asarray(batch.rules.space.radices)[issue][:, None]
    least = np.argmin(np.where(real, batch.rules.values[a, issue], np.inf), axis=1)
    gave_claim = has_claim & (digits[np.arange(len(g)), issue] == least)
    public = below | public_vow.any(axis=1) | gave_claim
    private = (vowed & ~public_vow).any(axis=1) & ~public
    return public, private


def pay(batch: Batch, g: np.ndarray, a: np.ndarray, package: np.ndarray, public_move: np.ndarray) -> None:
    """Charge side ``a`` for backing down in ``package`` and move its public position."""
    public, private = backdowns(batch, g, a, package)
    batch.threshold[g[public], a[public]] = np.clip(batch.threshold[g[public], a[public]] + AUDIENCE_COST, 0.0, 1.0)
    batch.trust[g[private]] = np.clip(batch.trust[g[private]] - PRIVATE_COST, 0.0, 1.0)
    batch.backdowns[g[public | private], a[public | private]] += 1
    # A line or a claim it has backed down from binds no more.
    digits = batch.rules.digits_of(package)
    m = digits.shape[1]
    crossed = batch.vows[g[:, None], a[:, None], np.arange(m)[None, :], digits]
    rows, issues = np.nonzero(crossed)
    batch.vows[g[rows], a[rows], issues, :] = False
    batch.vow_public[g[rows], a[rows], issues, :] = False
    own_claim = batch.claimed[g, a]
    batch.claimed[g[public & (own_claim >= 0)], a[public & (own_claim >= 0)]] = -1
    # A public proposal is the side's new public position; a private one after backing down
    # leaves it none (it has shown it will move).
    own = batch.utility(a, package, g)
    batch.position[g, a] = np.where(public_move, own, np.where(public, -np.inf, batch.position[g, a]))


def draw_line(batch: Batch, g: np.ndarray, a: np.ndarray, issue: np.ndarray, options: np.ndarray,
              public: np.ndarray) -> None:
    """Side ``a`` vows never to accept ``options`` (len, kmax) bool of ``issue`` (len,)."""
    batch.vows[g, a, issue] |= options
    batch.vow_public[g, a, issue] = np.where(public[:, None], batch.vow_public[g, a, issue] | options,
                                             batch.vow_public[g, a, issue])
