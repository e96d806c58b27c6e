"""The one legality rule of the engine: why a move is not allowed now, for many games at once.

Simulation, live tables and the one-game state all ask here; the one-game state turns
the codes into sentences for the player (:meth:`~.state.State.why_illegal`).
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

import numpy as np

from .kinds import Kind, Status

if TYPE_CHECKING:
    from .batch import Batch


class Illegal(IntEnum):
    """Why a move is not allowed now."""

    OK = 0
    OVER = 1  # the game has ended
    UNKNOWN = 2  # no such package, tactic, event, answer or option
    OWN_RED_LINE = 3  # proposing or accepting across one's own red line
    NO_OFFER = 4  # nothing to accept or reject
    OFFER_STANDING = 5  # a pass with an offer to answer
    SIGNALLED = 6  # a second signal in one turn
    NOT_YOURS = 7  # the other side's tactic
    TACTIC_THIS_TURN = 8  # a second tactic in one turn
    USED_UP = 9  # a tactic with no uses left
    CRISIS = 10  # a crisis waits for an answer first
    NO_CRISIS = 11  # an answer with no crisis to answer
    WRONG_ANSWER = 12  # an answer to another crisis than the one waiting
    LINE_DRAWN = 13  # a second line in one turn
    WHOLE_ISSUE = 14  # a line that would leave an issue no option at all


def illegal(batch: Batch, g: np.ndarray, kind: Kind, package: np.ndarray | None = None,
            tactic: np.ndarray | None = None, event: np.ndarray | None = None,
            response: np.ndarray | None = None, issue: np.ndarray | None = None,
            options: np.ndarray | None = None) -> np.ndarray:
    """An :class:`Illegal` code per game of ``g`` for the move by the side to move there."""
    g = np.asarray(g, dtype=np.int64)
    a = batch.mover(g)
    b = 1 - a
    out = np.full(len(g), Illegal.OK, dtype=np.int64)

    def refuse(where: np.ndarray, code: Illegal) -> None:
        out[(out == Illegal.OK) & where] = code

    r = batch.rules
    refuse(batch.status[g] != Status.ONGOING, Illegal.OVER)
    waiting = batch.crisis[g] >= 0
    if kind == Kind.ANSWER:
        assert response is not None
        refuse(~waiting, Illegal.NO_CRISIS)
        inside = (response >= 0) & (response < len(r.responses))
        refuse(~inside, Illegal.UNKNOWN)
        if len(r.responses):
            owner = np.array([k for k, _ in r.responses], dtype=np.int64)
            refuse(owner[np.where(inside, response, 0)] != batch.crisis[g], Illegal.WRONG_ANSWER)
        return out
    if kind not in (Kind.WALK, Kind.EVENT):
        refuse(waiting, Illegal.CRISIS)
    if kind == Kind.PROPOSE:
        assert package is not None
        inside = (package >= 0) & (package < r.space.size)
        refuse(~inside, Illegal.UNKNOWN)
        refuse(batch.forbidden(a, np.where(inside, package, 0)), Illegal.OWN_RED_LINE)
    elif kind == Kind.ACCEPT:
        standing = batch.offer[g, b]
        refuse(standing < 0, Illegal.NO_OFFER)
        refuse(batch.forbidden(a, np.where(standing >= 0, standing, 0)), Illegal.OWN_RED_LINE)
    elif kind == Kind.REJECT:
        refuse(batch.offer[g, b] < 0, Illegal.NO_OFFER)
    elif kind == Kind.PASS:
        refuse(batch.offer[g, b] >= 0, Illegal.OFFER_STANDING)
    elif kind == Kind.SIGNAL:
        refuse(batch.signal_this_turn[g], Illegal.SIGNALLED)
    elif kind == Kind.LINE:
        assert issue is not None and options is not None
        inside = (issue >= 0) & (issue < len(r.issue_ids))
        refuse(~inside, Illegal.UNKNOWN)
        safe = np.where(inside, issue, 0)
        radix = np.asarray(r.space.radices)[safe]
        real = np.arange(r.kmax)[None, :] < radix[:, None]
        refuse((options & ~real).any(axis=1) | ~options.any(axis=1), Illegal.UNKNOWN)
        vowed = batch.vows[g, a, safe] | options | r.barred[a, safe]
        refuse((vowed | ~real).all(axis=1), Illegal.WHOLE_ISSUE)
        refuse(batch.line_this_turn[g], Illegal.LINE_DRAWN)
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
            refuse(batch.tactic_this_turn[g], Illegal.TACTIC_THIS_TURN)
            refuse(batch.tactic_uses[g, t] >= r.tactic_max_uses[t], Illegal.USED_UP)
    return out
