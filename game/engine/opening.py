"""How a game opens when it is not the first meeting: what the past carries into the room.

A summit of a campaign (several scenarios played as one relationship) does not start from
nothing: trust carries over (partly), promises kept or broken change each side's
standing, and a side that backed down from its public words or walked out before is
believed less. An :class:`Opening` states all of it; the game applies it before the first
move, under the ledger cause ``history``, and a game log records it so the game replays
the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .rules import Rules


@dataclass(frozen=True)
class Opening:
    """What the past brings to this game (every field optional; the default is a first meeting).

    ``trust``: trust at the start instead of the usual; ``reservation``, ``threshold`` and
    ``pressure``: changes of each side's no-deal value, constituency threshold and pressure
    at home (by actor id); ``credibility``: per actor id, how far its public words are
    believed (1 as usual, 0 not at all); ``grievances``: per actor id, broken promises that
    harden that side's demands from the start when the computer plays it.
    """

    trust: float | None = None
    reservation: dict[str, float] = field(default_factory=dict)
    threshold: dict[str, float] = field(default_factory=dict)
    pressure: dict[str, float] = field(default_factory=dict)
    credibility: dict[str, float] = field(default_factory=dict)
    grievances: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self == Opening()

    def to_dict(self) -> dict[str, Any]:
        """The opening as a log records it (only what is set)."""
        out: dict[str, Any] = {}
        if self.trust is not None:
            out["trust"] = self.trust
        for name in ("reservation", "threshold", "pressure", "credibility", "grievances"):
            value = getattr(self, name)
            if value:
                out[name] = dict(value)
        return out

    @classmethod
    def from_dict(cls, data: Any, rules: Rules) -> Opening:
        """An opening from a log; :class:`ValueError` naming what is wrong."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError("the opening is not a mapping")
        unknown = set(data) - {"trust", "reservation", "threshold", "pressure", "credibility", "grievances"}
        if unknown:
            raise ValueError(f"unknown opening field(s): {', '.join(sorted(unknown))}")
        trust = data.get("trust")
        if trust is not None and (not isinstance(trust, int | float) or isinstance(trust, bool) or not 0 <= trust <= 1):
            raise ValueError("opening trust must be a number in 0..1")

        def per_actor(name: str, kind: type) -> dict[str, Any]:
            value = data.get(name) or {}
            if not isinstance(value, dict) or any(a not in rules.actor_ids for a in value):
                raise ValueError(f"opening {name} must map known sides to numbers")
            if any(not isinstance(v, int | float) or isinstance(v, bool) for v in value.values()):
                raise ValueError(f"opening {name} must map known sides to numbers")
            return {a: kind(v) for a, v in value.items()}

        return cls(trust=None if trust is None else float(trust), reservation=per_actor("reservation", float),
                   threshold=per_actor("threshold", float), pressure=per_actor("pressure", float),
                   credibility=per_actor("credibility", float), grievances=per_actor("grievances", int))
