"""From a move in scenario ids to the arrays the batch plays, and why a move is not allowed, in words.

:func:`parse` turns a :class:`~.moves.Move` into the arrays :meth:`~.batch.Batch.step`
takes (or says what is wrong with its ids); :func:`why_illegal` adds the rules' own verdict
(:mod:`.legality`) and says it as a sentence for the player. The one-game state delegates
here, so the words live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .kinds import Kind
from .legality import Illegal
from .moves import KIND_CODES, SIGNAL_SHARES, Move, MoveKind

if TYPE_CHECKING:
    from .state import State

G = np.array([0])


@dataclass(frozen=True)
class Args:
    """A move as the batch plays it (arrays over the one game)."""

    kind: Kind
    package: np.ndarray | None = None
    tactic: np.ndarray | None = None
    signal: np.ndarray | None = None
    event: np.ndarray | None = None
    response: np.ndarray | None = None
    issue: np.ndarray | None = None
    options: np.ndarray | None = None
    public: np.ndarray | None = None


def parse(state: State, move: Move) -> Args | str:
    """The batch's arrays for ``move``, or a sentence saying which of its ids is wrong."""
    rules = state.rules
    if move.kind not in KIND_CODES:
        return f"unknown kind of move '{move.kind}'"
    kind = KIND_CODES[move.kind]
    public = np.array([move.public])
    if move.public and move.kind not in ("propose", "signal", "line"):
        return "only a proposal, a signal or a line can be made in public"
    if move.kind == "propose":
        if move.package is None:
            return "a proposal needs an option for every issue"
        try:
            return Args(kind, package=np.array([rules.package_of(move.package)]), public=public)
        except (KeyError, ValueError):
            return "a proposal needs a known option for every issue"
    if move.kind == "accept":
        return Args(kind, package=np.array([int(state.batch.offer[0, 1 - state.index(move.actor)])]))
    if move.kind == "signal":
        if not move.signal or len(move.signal) > len(SIGNAL_SHARES):
            return f"name between 1 and {len(SIGNAL_SHARES)} issues, most important first"
        if len(set(move.signal)) != len(move.signal) or any(s not in rules.issue_ids for s in move.signal):
            return "signal known, distinct issues"
        claim = np.ones(len(rules.issue_ids))
        for rank, issue in enumerate(move.signal):
            claim[rules.issue_ids.index(issue)] = SIGNAL_SHARES[rank]
        return Args(kind, signal=claim[None, :], public=public)
    if move.kind == "tactic":
        if move.tactic not in rules.tactic_ids:
            return "unknown move"
        return Args(kind, tactic=np.array([rules.tactic_ids.index(move.tactic)]))
    if move.kind in ("event", "answer"):
        if move.event not in rules.event_ids:
            return "no such event in this scenario"
        k = rules.event_ids.index(move.event)
        if move.kind == "event":
            return Args(kind, event=np.array([k]))
        answers = {rules.responses[n][1].id: n for n in rules.event_responses[k]}
        if move.response not in answers:
            return "no such answer to that crisis"
        return Args(kind, response=np.array([answers[move.response]]))
    if move.kind == "line":
        if move.issue not in rules.issue_ids:
            return "a line needs a known issue"
        i = rules.issue_ids.index(move.issue)
        if not move.options or any(o not in rules.option_ids[i] for o in move.options):
            return "a line needs one or more known options of that issue"
        options = np.zeros((1, rules.kmax), dtype=bool)
        options[0, [rules.option_ids[i].index(o) for o in move.options]] = True
        return Args(kind, issue=np.array([i]), options=options, public=public)
    return Args(kind)


def why_illegal(state: State, move: Move) -> str | None:
    """None when ``move`` is legal now; else a sentence for the player."""
    if state.is_terminal:
        return "the game is over"
    if move.actor != state.current_actor:
        return f"it is not {move.actor}'s turn"
    args = parse(state, move)
    if isinstance(args, str):
        return args
    code = Illegal(int(state.batch.illegal(G, args.kind, args.package, args.tactic, args.event, args.response,
                                           args.issue, args.options)[0]))
    return _words(state, code, move, None if args.package is None else int(args.package[0]))


def _words(state: State, code: Illegal, move: Move, package: int | None) -> str | None:
    a = state.index(move.actor)
    if code == Illegal.OK:
        return None
    if code == Illegal.OWN_RED_LINE:
        if move.kind == "propose" and package is not None:
            return f"that package crosses your own red line on {_crossed(state, a, package)}"
        return f"their offer crosses your red line on {_crossed(state, a, int(state.batch.offer[0, 1 - a]))}"
    if code == Illegal.NO_OFFER:
        if move.kind == "accept":
            return "there is no offer from the other side to accept"
        return "there is no offer to reject"
    if code == Illegal.CRISIS:
        k = int(state.batch.crisis[0])
        return f"first answer the crisis: {state.scenario.events[k].headline}"
    return {
        Illegal.OVER: "the game is over",
        Illegal.UNKNOWN: "unknown move",
        Illegal.OFFER_STANDING: "there is an offer to answer: accept or reject it",
        Illegal.SIGNALLED: "you have already signalled this turn",
        Illegal.NOT_YOURS: "that move belongs to the other side",
        Illegal.TACTIC_THIS_TURN: "one gesture or pressure move per turn",
        Illegal.USED_UP: "that move has been used up",
        Illegal.NO_CRISIS: "there is no crisis to answer",
        Illegal.WRONG_ANSWER: "that is an answer to another crisis",
        Illegal.LINE_DRAWN: "you have already drawn a line this turn",
        Illegal.WHOLE_ISSUE: "a line must leave at least one option of the issue open",
    }[code]


def _crossed(state: State, actor: int, package: int) -> str:
    """Names of the issues on which ``package`` crosses ``actor``'s red lines ('' if none)."""
    return ", ".join(state.scenario.issues[i].name for i in state.rules.crosses(actor, package))


def legal_kinds(state: State) -> list[MoveKind]:
    """Kinds of move open to the side to move (a proposal, a line or an answer needs more besides).

    While a crisis waits, only its answer (or walking out) is open. ``pass`` is left out: it is
    what a timed turn becomes when time runs out, not a choice; ``event`` is the instructor's.
    """
    actor = state.current_actor
    if actor is None:
        return []
    if state.batch.crisis[0] >= 0:
        return ["answer", "walk"]
    kinds: list[MoveKind] = ["propose"]
    for kind in ("accept", "reject", "signal"):
        if state.batch.illegal(G, KIND_CODES[kind])[0] == Illegal.OK:
            kinds.append(kind)
    if not state.batch.line_this_turn[0]:
        kinds.append("line")
    if available_tactics(state, actor):
        kinds.append("tactic")
    kinds.append("walk")
    return kinds


def available_tactics(state: State, actor_id: str) -> list[str]:
    if state.current_actor != actor_id:
        return []
    tactics = state.rules.tactic_ids
    codes = state.batch.illegal(np.zeros(len(tactics), dtype=np.int64), Kind.TACTIC, tactic=np.arange(len(tactics)))
    return [t for t, code in zip(tactics, codes, strict=True) if code == Illegal.OK]
