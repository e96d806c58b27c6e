"""Exercise game logs: written from the moves, verified by replaying the moves.

A log records its table, seat, seed and scenario hash (and, for a game played from a
hand-out, which attempt at the table it is and the hashes of the earlier ones), then one
entry per move: the move and the state it left (round, turn, trust, standing offers,
utilities, ratification, news), chained by hashes (:mod:`.chain`), the students' names
sealed onto the chain, and the outcome. The writer and the verifier build entries with
the same function, :func:`replay`, from the moves alone, so a genuine log is exactly what
its moves replay to on its table's seed; anything else was changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from game.engine import Game, Record, ReplayError, Seat, State
from game.engine.outcome import outcome
from game.session.transcript import move_text

from . import chain
from .exercise import OpenExercise, TablePlan

LOG_FORMAT = "parley-exercise-log/1"
MAX_REASON = 500


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read as JSON: the verifier reports this instead of a verdict."""

    reason: str


# -- building entries from moves ---------------------------------------------------------------


def snapshot(state: State, record: Record) -> dict[str, Any]:
    """The state a move left, as a log records it (floats rounded so JSON round-trips exactly)."""
    ids = state.rules.actor_ids
    return {
        "round": state.round,
        "deadline": state.deadline,
        "status": state.status,
        "next": state.current_actor,
        "trust": round(state.trust, 6),
        "offers": {a: state.standing_offer(a) for a in ids},
        "reservation": {a: round(state.reservation(a), 6) for a in ids},
        "utility": {a: round(u, 6) for a, u in record.utilities.items()} if record.utilities else None,
        "ratification": record.ratification,
        "news": [item.event for item in record.news],
    }


def entry_of(state: State, record: Record) -> dict[str, Any]:
    """The log entry of a move just applied: the move with its reason, and the state it left."""
    return {"seq": record.seq, "move": dict(record.move.to_dict(), reason=record.reason),
            "state": snapshot(state, record)}


def replay(game: Game, seed: int, seats: dict[str, Seat], moves: list[Any]) -> tuple[State, list[dict[str, Any]]]:
    """Play ``moves`` from the start on ``seed``; the final state and the entries a log should hold.

    The engine's one replay (:meth:`State.replay_move`): computer moves must be what the
    computer plays there, with the computer's own reasons. Raises
    :class:`~game.engine.ReplayError` at the first move that does not replay; when a computer
    move differs, its message says what the computer played.
    """
    state = game.new_state(seed, seats)
    entries: list[dict[str, Any]] = []
    for index, data in enumerate(moves):
        try:
            record = state.replay_move(data, index, reason_limit=MAX_REASON)
        except ReplayError as exc:
            if exc.expected is None:
                raise
            raise ReplayError(index, f"{exc.why}: it played “{move_text(game.scenario, exc.expected)}”",
                              exc.expected) from None
        entries.append(entry_of(state, record))
    return state, entries


def outcome_summary(state: State) -> dict[str, Any]:
    """The outcome a log records and a report shows; every number follows from the moves."""
    result = outcome(state)
    rules = state.rules
    attempts = [r.ratification for r in state.history if r.ratification]
    failures = sum(1 for r in attempts if not all(side["passed"] for side in r.values()))
    crossed: dict[str, list[str]] = {}
    if result.status == "deal" and result.deal is not None:
        package = rules.package_of(result.deal)
        for i, actor in enumerate(rules.actor_ids):
            issues = [rules.issue_ids[k] for k in rules.crosses(i, package)]
            if issues:
                crossed[actor] = issues
    return {
        "status": result.status,
        "deal": result.deal,
        "walked_by": result.walked_by,
        "rounds": result.rounds,
        "moves": len(state.history),
        "utility": result.utility,
        "reservation": result.reservation,
        "gain": result.gain,
        "ratified": True if result.status == "deal" else (False if attempts else None),
        "failed_ratifications": failures,
        "red_lines_crossed": crossed,
        "value_left": result.value_left,
        "pareto_gap": result.pareto_gap,
        "nash_share": result.nash_share,
        "trust": result.trust,
    }


def header_for(opened: OpenExercise, table: TablePlan, seat: str | None) -> dict[str, Any]:
    """The header a table's chain starts from (the live store's, byte for byte; hand-out games add
    their attempt, see :mod:`.attempts`)."""
    ex = opened.exercise
    return {
        "exercise": ex.id,
        "scenario": {"id": ex.scenario.id, "hash": ex.scenario.hash},
        "table": table.number,
        "table_code": table.code,
        "seat": seat,
        "seed": table.seed,
        "seats": {actor: plan.player for actor, plan in table.seats.items()},
        "round_time": ex.round_time,
    }


def build_log(opened: OpenExercise, table: TablePlan, seat: str | None, state: State,
              secret: bytes | None = None, written: str | None = None, *, header: dict[str, Any] | None = None,
              students: dict[str, str] | None = None) -> dict[str, Any]:
    """The log of a finished game at ``table``, rebuilt from its moves; signed when given the secret.

    ``header`` is the one the game's chain started from (default :func:`header_for`);
    ``students`` (side -> name) are sealed onto the chain, and the signature is made over the seal.
    """
    moves = [dict(r.move.to_dict(), reason=r.reason) for r in state.history]
    final, entries = replay(opened.game, table.seed, table.engine_seats(), moves)
    header = header if header is not None else header_for(opened, table, seat)
    names = dict(sorted((students or {}).items()))
    hashes = chain.chain(header, entries)
    for entry, digest in zip(entries, hashes, strict=True):
        entry["hash"] = digest
    log: dict[str, Any] = {
        "format": LOG_FORMAT,
        "header": header,
        "entries": entries,
        "head": hashes[-1] if hashes else chain.genesis(header),
    }
    log["students"] = names
    log["seal"] = chain.seal(log["head"], names)
    log["outcome"] = outcome_summary(final)
    log["written"] = written or datetime.now(UTC).isoformat(timespec="seconds")
    if secret is not None:
        log["signature"] = chain.sign(secret, log["seal"])
    return log
