"""A live table's game as the store's rows replay it, and the scratch copy a write plays on.

The store (:mod:`.store`) keeps rows; this module knows what a row *means*: a move of one
table's game, chained onto the hash of the move before it exactly as the table's exported
log will chain it (:mod:`game.classroom.chain`). A :class:`Replica` replays a table's rows,
checking each against its hash; a :class:`Trial` is a copy on which a transaction plays
its moves before they are written, so a refused move leaves the table as it was.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.classroom import chain
from game.classroom.exercise import OpenExercise, TablePlan
from game.classroom.logs import MAX_REASON, entry_of, header_for
from game.engine import Move, Record, ReplayError, State

from .errors import StoreError

STORE_FILE = "live.sqlite"
SEAT_COMPUTER, SEAT_CLOCK, SEAT_INSTRUCTOR = "computer", "clock", "instructor"


def log_seat(plan: TablePlan) -> str | None:
    """The seat a table's log names: its one student's side, or None when two students share it."""
    return plan.humans[0] if len(plan.humans) == 1 else None


def turn_key(state: State) -> tuple[int, int, int, int]:
    """What changes when a turn ends: round, half-round, side to move, status."""
    t = state.batch
    return int(t.round[0]), int(t.half[0]), int(t.turn[0]), int(t.status[0])


@dataclass(frozen=True)
class Row:
    """One stored move."""

    seq: int
    seat: str
    move: dict[str, Any]
    state: dict[str, Any]
    prev: str
    hash: str
    at: float = 0.0

    @property
    def kind(self) -> str:
        return str(self.move.get("kind"))


@dataclass(frozen=True)
class Control:
    """Class-wide switches: paused since, ended since (unix times)."""

    paused_at: float | None = None
    ended_at: float | None = None

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None


def time_used(turn_started: float | None, control: Control, now: float) -> float:
    """Seconds the side to move has used; the clock stands still while the class is paused."""
    if turn_started is None:
        return 0.0
    at = control.paused_at if control.paused_at is not None else now
    return max(0.0, at - turn_started)


def time_left(limit: float | None, turn_started: float | None, control: Control, now: float) -> float | None:
    if limit is None or turn_started is None:
        return None
    return max(0.0, limit - time_used(turn_started, control, now))


class Chained:
    """A game and the head of its hash chain; moves applied here become store rows."""

    def __init__(self, state: State, head: str):
        self.state = state
        self.head = head

    @property
    def seq(self) -> int:
        return len(self.state.history)

    def _record(self, move: Move, reason: str, seat: str, at: float) -> Row:
        return self._row(self.state.apply(move, reason[:MAX_REASON]), seat, at)

    def _row(self, record: Record, seat: str, at: float) -> Row:
        """The store row of a move just applied, chained onto the head."""
        entry = entry_of(self.state, record)
        digest = chain.link(self.head, entry)
        row = Row(record.seq, seat, entry["move"], entry["state"], self.head, digest, at)
        self.head = digest
        return row


class Trial(Chained):
    """A scratch copy of a table on which a transaction plays its moves before writing them."""

    def __init__(self, state: State, head: str, at: float):
        super().__init__(state, head)
        self.at = at
        self.rows: list[Row] = []

    def play(self, move: Move, reason: str, seat: str) -> None:
        """Apply ``move`` (raising :class:`IllegalMove`, which rolls the transaction back)."""
        self.rows.append(self._record(move, reason, seat, self.at))

    def advance(self) -> None:
        """Let computer sides move until a student is to move or the game ends."""
        for record in self.state.computer_turns():
            self.rows.append(self._row(record, SEAT_COMPUTER, self.at))


class Replica(Chained):
    """One table's game replayed from the store's rows, each checked against its hash."""

    def __init__(self, opened: OpenExercise, plan: TablePlan, label: str = STORE_FILE):
        self.opened = opened
        self.label = label  # the store's name in messages
        self.plan = plan
        self.header = header_for(opened, plan, log_seat(plan))
        super().__init__(opened.game.new_state(plan.seed, plan.engine_seats()), chain.genesis(self.header))
        self.rows: list[Row] = []

    @property
    def number(self) -> int:
        return self.plan.number

    def apply_row(self, row: Row) -> None:
        """Replay one stored move; :class:`StoreError` unless it is the next move and replays to its hash."""
        where = f"table {self.number}, move {row.seq}"
        if row.seq != self.seq + 1 or row.prev != self.head:
            raise StoreError(f"{self.label}: {where} is out of order (the store was changed by hand)")
        try:
            record = self.state.replay_move(row.move, row.seq - 1, reason_limit=MAX_REASON)
        except ReplayError as exc:
            raise StoreError(f"{self.label}: {where} does not replay ({exc.why})") from None
        mine = self._row(record, row.seat, row.at)
        if mine.hash != row.hash:
            raise StoreError(f"{self.label}: {where} does not match its hash (the store was changed by hand)")
        self.rows.append(row)

    def catch_up(self, rows: list[Row]) -> None:
        for row in rows:
            if row.seq > self.seq:
                self.apply_row(row)

    def fork(self, at: float) -> Trial:
        """A scratch copy sharing the scenario's compiled rules (deep-copying the rest is cheap)."""
        game = self.state.game
        memo = {id(game): game, id(game.rules): game.rules, id(game.scenario): game.scenario}
        return Trial(copy.deepcopy(self.state, memo), self.head, at)


@dataclass
class Context:
    """What a transaction's move builder may look at: the class switches and the table's clock."""

    control: Control
    turn_started: float | None
    now: float
    limit: float | None

    def expired(self) -> bool:
        left = time_left(self.limit, self.turn_started, self.control, self.now)
        return left is not None and left <= 0 and not self.control.paused


Builder = Callable[[Trial, Context], None]


def changed_since(rows: list[Row]) -> str:
    """What happened at the table since a player last looked, in words, for a refused move."""
    if any(row.kind == "event" for row in rows):
        return "news broke"
    if any(row.seat == SEAT_CLOCK for row in rows):
        return "the clock ran out the turn"
    return "the other side moved"
