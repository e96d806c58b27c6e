"""The ledger of cause and effect: every change to the state of the talks, with its cause.

Trust, each side's no-deal value, its pressure at home, the weight it gives each issue,
its constituency's threshold and the deadline change only for a reason: a tactic, news, an
answer to a crisis, a red line crossed, a concession or a retraction, a public position
abandoned, a deal that failed at home. The batch records each change under its cause, so
that screens can say what changed and why the moment it happens, the debrief can pick
the turning points, and a test can check that replaying the recorded changes from the
opening state gives the final one (nothing changes off the books).

Recording is for the one-game state (``Batch(ledger=True)``); batch simulation of
thousands of games keeps no ledger.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .batch import Batch

#: The quantities the ledger follows: name -> (attribute of the batch, per side?, per issue?).
TRACKED = {
    "trust": ("trust", False, False),
    "no-deal value": ("reservation", True, False),
    "pressure": ("pressure_delta", True, False),
    "weight": ("weights", True, True),
    "threshold": ("threshold", True, False),
    "deadline": ("deadline", False, False),
}
#: Changes smaller than this are rounding, not news.
EPSILON = 1e-9


@dataclass(frozen=True)
class Change:
    """One quantity that moved: ``what`` (a key of :data:`TRACKED`), whose, from and to."""

    what: str
    before: float
    after: float
    actor: int | None = None
    issue: int | None = None

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class Cause:
    """Why things changed: ``kind`` is one of tactic, news, crisis, red-line, concession,
    retraction, backing-down, failed-ratification; ``ref`` names the tactic, event or
    answer; ``actor`` is the side whose move caused it (None for news)."""

    kind: str
    ref: str = ""
    actor: int | None = None


@dataclass
class Entry:
    """The changes one cause made, in the round it happened."""

    round: int
    cause: Cause
    changes: list[Change] = field(default_factory=list)

    def to_dict(self, actor_ids: tuple[str, str], issue_ids: list[str]) -> dict[str, Any]:
        def who(a: int | None) -> str | None:
            return None if a is None else actor_ids[a]

        return {
            "round": self.round,
            "cause": {"kind": self.cause.kind, "ref": self.cause.ref, "actor": who(self.cause.actor)},
            "changes": [
                {"what": c.what, "actor": who(c.actor), "issue": None if c.issue is None else issue_ids[c.issue],
                 "before": round(c.before, 6), "after": round(c.after, 6)}
                for c in self.changes
            ],
        }


def snapshot(batch: Batch, game: int) -> dict[str, np.ndarray]:
    """The tracked quantities of one game."""
    return {name: np.array(getattr(batch, attr)[game], dtype=np.float64, copy=True)
            for name, (attr, _, _) in TRACKED.items()}


def diff(before: dict[str, np.ndarray], after: dict[str, np.ndarray]) -> list[Change]:
    """Every tracked quantity that moved between two snapshots of one game."""
    out: list[Change] = []
    for name, (_, per_side, per_issue) in TRACKED.items():
        old, new = before[name], after[name]
        moved = np.abs(new - old) > EPSILON
        for index in zip(*np.nonzero(moved), strict=True) if moved.ndim else ([()] if moved else []):
            actor = int(index[0]) if per_side else None
            issue = int(index[1]) if per_issue else None
            out.append(Change(name, float(old[index]), float(new[index]), actor, issue))
    return out


class Ledger:
    """Entries of one game (game 0 of a one-game batch), appended as causes act."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    @contextmanager
    def cause(self, batch: Batch, g: np.ndarray, cause: Cause) -> Iterator[None]:
        """Record what the block changes in game 0 (when it is among ``g``) under ``cause``."""
        if 0 not in g:
            yield
            return
        before = snapshot(batch, 0)
        round_ = int(batch.round[0])
        yield
        changes = diff(before, snapshot(batch, 0))
        if changes:
            self.entries.append(Entry(round_, cause, changes))


def replay(opening: dict[str, np.ndarray], entries: list[Entry]) -> dict[str, np.ndarray]:
    """The tracked quantities after applying every entry's changes to ``opening``, in order."""
    state = {name: value.copy() for name, value in opening.items()}
    for entry in entries:
        for change in entry.changes:
            attr_index: tuple[int, ...] = ()
            if change.actor is not None:
                attr_index += (change.actor,)
            if change.issue is not None:
                attr_index += (change.issue,)
            state[change.what][attr_index] += change.delta
    return state
