"""What one summit carries into the next: the campaign's carry-over rules as arithmetic.

Pure and deterministic: from the facts of a finished summit (:class:`SummitResult`), each
side's reputation so far and the promises kept or broken, :func:`carry` builds the next
summit's :class:`~game.engine.opening.Opening` and says in words what moved and why, so
the interlude can show it and a test can check each rule on its own. The rules' sizes are
the campaign file's (:class:`~game.scenario.campaign.Carry`), never constants here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine import Record, State
from game.engine.opening import Opening
from game.scenario.campaign import Carry, Promise, Rule, SideEffect, Summit

#: Most climb-downs one summit charges for (a side that backs down ten times is not ten times less believed).
BACKDOWNS_CHARGED = 3


@dataclass(frozen=True)
class SummitResult:
    """The facts of a finished summit the next one cares about (all read off the game)."""

    scenario: str
    status: str  # deal | deadline | walked | failed
    trust_start: float
    trust_end: float
    deal: dict[str, str] | None = None
    walked_by: str | None = None
    #: Public words (proposals, signals, lines) per side, and public climb-downs per side.
    public: dict[str, int] = field(default_factory=dict)
    backdowns: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, state: State, trust_start: float) -> SummitResult:
        """The facts of a finished game."""
        history = state.history
        walked = next((r.move.actor for r in history if r.move.kind == "walk"), None) \
            if state.status == "walked" else None
        ids = state.rules.actor_ids
        deal = state.rules.choice_of(int(state.batch.deal[0])) if state.status == "deal" else None
        return cls(state.scenario.id, state.status, round(trust_start, 6), round(state.trust, 6), deal, walked,
                   {a: sum(1 for r in history if r.move.actor == a and r.move.public) for a in ids},
                   {a: _backdowns(history, a) for a in ids})


def _backdowns(history: list[Record], actor: str) -> int:
    """Public climb-downs of ``actor``: the ledger's backing-down entries that raised its threshold."""
    return sum(1 for r in history for e in r.changes
               if e["cause"]["kind"] == "backing-down" and e["cause"]["actor"] == actor
               and any(c["what"] == "threshold" and c["actor"] == actor and c["after"] > c["before"]
                       for c in e["changes"]))


def promises_made(summit: Summit, result: SummitResult) -> list[Promise]:
    """The promises a summit's agreed package made (none without a deal)."""
    if result.deal is None:
        return []
    return [p for p in summit.promises if result.deal.get(p.when.issue) in p.when.options]


def computer_keeps(carry: Carry, result: SummitResult) -> bool:
    """Whether the computer keeps its side's promises: when the summit that made them ended in
    enough trust (a deterministic rule, so a campaign replays the same)."""
    return result.trust_end >= carry.computer_keeps_at


@dataclass
class _Tally:
    """Effects gathered for the next summit, before they become an :class:`Opening`."""

    trust: float
    credibility: dict[str, float]
    reservation: dict[str, float] = field(default_factory=dict)
    threshold: dict[str, float] = field(default_factory=dict)
    pressure: dict[str, float] = field(default_factory=dict)
    grievances: dict[str, int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def side(self, actor: str, fx: SideEffect, times: int = 1) -> None:
        self.credibility[actor] = _clip(self.credibility[actor] + fx.credibility * times)
        for name in ("reservation", "threshold", "pressure"):
            delta = getattr(fx, name) * times
            if delta:
                bucket = getattr(self, name)
                bucket[actor] = round(bucket.get(actor, 0.0) + delta, 6)
        if fx.grievances:
            self.grievances[actor] = self.grievances.get(actor, 0) + fx.grievances * times

    def rule(self, rule: Rule, actor: str, other: str, times: int = 1) -> None:
        self.trust += rule.trust * times
        self.side(actor, rule.side, times)
        self.side(other, rule.other, times)


def _clip(x: float) -> float:
    return round(min(1.0, max(0.0, x)), 6)


def _signed(x: float) -> str:
    return f"{x:+.2f}"


@dataclass(frozen=True)
class Carried:
    """The next summit's opening, each side's reputation after it, and the words for the interlude."""

    opening: Opening
    credibility: dict[str, float]
    lines: list[str]


def carry(rules: Carry, result: SummitResult, credibility: dict[str, float], kept: dict[str, bool],
          promises: list[Promise], names: dict[str, str]) -> Carried:
    """The opening of the summit after ``result``.

    ``credibility``: each side's reputation before (1 as usual); ``promises``: the promises
    the last deal made, and ``kept`` which of them were kept (by promise id; a promise not
    listed counts as broken); ``names``: how to call each side in the words.
    """
    a, b = sorted(credibility)
    other = {a: b, b: a}
    faded = rules.neutral_trust + rules.trust_kept * (result.trust_end - rules.neutral_trust)
    tally = _Tally(faded, dict(credibility))
    tally.lines.append(f"Trust ended at {result.trust_end:.2f}; the years between fade it toward "
                       f"{rules.neutral_trust:.2f}: {faded:.2f}.")
    for actor in (a, b):
        downs = min(result.backdowns.get(actor, 0), BACKDOWNS_CHARGED)
        if downs:
            tally.rule(rules.backed_down, actor, other[actor], downs)
            tally.lines.append(f"{names[actor]} backed down from public words {downs} time(s): believed less "
                               f"(credibility {tally.credibility[actor]:.2f}).")
        elif result.public.get(actor, 0):
            tally.rule(rules.held_public, actor, other[actor])
            tally.lines.append(f"{names[actor]} held every public position it took: believed more "
                               f"(credibility {tally.credibility[actor]:.2f}).")
        if result.walked_by == actor:
            tally.rule(rules.walked_out, actor, other[actor])
            tally.lines.append(f"{names[actor]} walked out last time: trust {_signed(rules.walked_out.trust)}; "
                               f"its threats to leave are believed.")
    for promise in promises:
        by = promise.by
        if kept.get(promise.id, False):
            tally.rule(rules.kept, by, other[by])
            tally.side(by, promise.cost)
            tally.lines.append(f"{names[by]} kept its promise ({_first_words(promise.text)}): trust "
                               f"{_signed(rules.kept.trust)}, credibility {tally.credibility[by]:.2f}.")
        else:
            tally.rule(rules.broken, by, other[by])
            tally.lines.append(f"{names[by]} broke its promise ({_first_words(promise.text)}): trust "
                               f"{_signed(rules.broken.trust)}; {names[other[by]]} opens with harder demands.")
    trust = _clip(tally.trust)
    opening = Opening(trust=trust, reservation=tally.reservation, threshold=tally.threshold,
                      pressure=tally.pressure, credibility={k: tally.credibility[k] for k in (a, b)},
                      grievances=tally.grievances)
    tally.lines.append(f"This summit opens with trust at {trust:.2f}.")
    return Carried(opening, {k: tally.credibility[k] for k in (a, b)}, tally.lines)


def _first_words(text: str, limit: int = 60) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"
