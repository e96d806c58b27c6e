"""The kinds of move and the states a game can end in, as small integers for array code."""

from __future__ import annotations

from enum import IntEnum


class Kind(IntEnum):
    """Move kinds. Signals, tactics, lines and answers leave the turn open; the others end it.

    PASS ends a turn with no proposal when there is no offer to answer (a timed turn that
    ran out); with an offer standing, letting the turn pass is a REJECT. Strategies never
    choose it, so computer play and batch simulation are unchanged by it.

    EVENT is news an instructor broadcast to a live class: one of the scenario's events
    breaks now, with that event's effects, and the turn stays with the side to move. It is
    a recorded move so that a game replays the same; strategies never choose it either.

    ANSWER is the answer of the side a crisis hits; LINE draws a line ("we will never
    accept X"), in public or in private (:mod:`.commitments`).
    """

    PROPOSE = 0
    ACCEPT = 1
    REJECT = 2
    SIGNAL = 3
    TACTIC = 4
    WALK = 5
    PASS = 6
    EVENT = 7
    ANSWER = 8
    LINE = 9


#: Kinds that end the mover's turn.
TURN_ENDING = (Kind.PROPOSE, Kind.ACCEPT, Kind.REJECT, Kind.WALK, Kind.PASS)


class Status(IntEnum):
    ONGOING = 0
    DEAL = 1
    DEADLINE = 2  # the deadline passed with no deal
    WALKED = 3  # a side walked away
    FAILED = 4  # a deal failed ratification and the scenario ends the game there
