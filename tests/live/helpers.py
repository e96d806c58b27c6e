"""Helpers of the live classroom tests: exercises in temporary folders, their codes, a simple player."""

from __future__ import annotations

import json
import random
import socket
import sys
from pathlib import Path

import numpy as np

from game.classroom import OpenExercise, open_exercise
from game.cli import main
from game.engine import Move, State

ROOT = Path(__file__).resolve().parents[2]
PLAYER = Path(__file__).resolve().with_name("player.py")
PYTHON = sys.executable


def new_exercise(folder: Path, *options: str) -> OpenExercise:
    """``parley class new`` through the real command line (spy chiefs, 2012)."""
    assert main(["class", "new", "spy-chiefs-2012", *options, "-o", str(folder)]) == 0
    return open_exercise(folder)


def seat_codes(opened: OpenExercise) -> dict[int, dict[str, str]]:
    data = json.loads((opened.folder / "instructor" / "seat-codes.json").read_text(encoding="utf-8"))
    return {int(n): seats for n, seats in data["seat_codes"].items()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def choose(state: State, me: str, rng: random.Random) -> Move:
    """A plain negotiator: concede down its own ranking of the packages both sides can live with,
    accept a standing offer from round 3 on (or one worth its no-deal value), walk away never."""
    if state.crisis is not None:  # a crisis that hit this side waits for its answer first
        return Move(me, "answer", event=state.crisis, response=state.answers()[0])
    rules = state.rules
    a = state.index(me)
    theirs = state.standing_offer(state.scenario.other(me).id)
    if theirs is not None and state.why_illegal(Move(me, "accept")) is None and (
            state.round >= 3 or state.utility(me, theirs) >= state.reservation(me)):
        return Move(me, "accept")
    utility = rules.utility_table(a, state.weights(me))
    allowed = np.flatnonzero(~rules.forbidden[0] & ~rules.forbidden[1])
    ranked = allowed[np.argsort(-utility[allowed], kind="stable")]
    pick = ranked[min(len(ranked) - 1, 2 * (state.round - 1) + rng.randrange(2))]
    return Move(me, "propose", package=rules.choice_of(int(pick)))
