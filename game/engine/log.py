"""Game logs: a game as its scenario, seed, seats and moves, and back again by replaying.

A log also carries derived facts (every record, the status, the returns) for people and
checkers, but only the moves are trusted: :func:`from_log` rebuilds everything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.scenario import hash_matches

from .moves import ReplayError, Seat
from .opening import Opening

if TYPE_CHECKING:
    from .state import Game, State

LOG_FORMAT = "parley-game/1"
#: Version of the computer's play. A log records it; a log from another version replays the
#: computer's recorded moves as they were (still checked for legality), since this version
#: would have played differently, and the computer plays on from there in today's way.
ENGINE_VERSION = 2


def to_log(state: State) -> dict[str, Any]:
    """Everything needed to replay ``state``, plus derived facts for people and checkers."""
    return {
        "format": LOG_FORMAT,
        "engine": ENGINE_VERSION,
        "scenario": {"id": state.scenario.id, "hash": state.game.hash},
        "seed": state.seed,
        "seats": {actor: str(seat) for actor, seat in state.seats.items()},
        **({"opening": state.opening.to_dict()} if not state.opening.empty else {}),
        "moves": [dict(r.move.to_dict(), reason=r.reason) for r in state.history],
        "records": [r.to_dict() for r in state.history],
        "status": state.status,
        "returns": state.returns(),
    }


def seats_of(log: dict[str, Any]) -> dict[str, Seat]:
    """The seats a log records; :class:`ReplayError` when they cannot be read."""
    seats = log.get("seats")
    if seats is None:
        return {}
    if not isinstance(seats, dict) or not all(isinstance(v, str) for v in seats.values()):
        raise ReplayError(None, "the log's seats are not readable")
    try:
        return {str(actor): Seat.parse(text) for actor, text in seats.items()}
    except ValueError as exc:
        raise ReplayError(None, str(exc)) from None


def from_log(game: Game, log: Any, *, verify: bool = True) -> State:
    """Replay a log on ``game``. With ``verify``, computer moves must be what the computer plays
    (for logs of this engine version; see :data:`ENGINE_VERSION`).

    A log must hold its moves: a log without a list of moves is refused rather than read
    as a game that has not started (which the next save would then overwrite).
    """
    if not isinstance(log, dict) or log.get("format") != LOG_FORMAT:
        raise ReplayError(None, f"not a Parley game log (expected format {LOG_FORMAT})")
    meta = log.get("scenario") if isinstance(log.get("scenario"), dict) else {}
    if meta.get("id") != game.scenario.id:
        raise ReplayError(None, f"this log is a game of scenario '{meta.get('id')}', not '{game.scenario.id}'")
    if not hash_matches(game.scenario, meta.get("hash")):
        raise ReplayError(None, f"scenario '{game.scenario.id}' has changed since this game was played "
                                "(content hash differs); replay it with the version it was played on")
    seed = log.get("seed")
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ReplayError(None, "the log has no valid seed")
    if not isinstance(log.get("moves"), list):
        raise ReplayError(None, "the log has no list of moves")
    try:
        state = game.new_state(seed, seats_of(log), Opening.from_dict(log.get("opening"), game.rules))
    except ValueError as exc:
        raise ReplayError(None, str(exc)) from None
    same_engine = log.get("engine", 1) == ENGINE_VERSION
    return state.replay(log["moves"], verify=verify and same_engine)
