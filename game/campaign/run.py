"""A campaign in progress: its summits played in order as one relationship, from one side.

:class:`CampaignRun` holds the campaign, the player's side, the computer opponent and the
summits played so far. Each summit is an ordinary game of its scenario, opened with what
the summits before it carried (:func:`game.campaign.carry.carry`): the computer remembers
because its trust, grievances and demands at the opening come from that history. A
campaign is its seed, side, opponent, the moves of each summit and the player's choices
between summits (which of its side's promises it kept); everything else is replayed, so
the same inputs give the same campaign, byte for byte (:mod:`game.campaign.files`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from game.engine import Game, Seat, State
from game.scenario.campaign import Campaign, Promise, Summit
from game.scenario.campaign_checks import LoadedCampaign
from game.scenario.models import Scenario

from .carry import Carried, SummitResult, carry, computer_keeps, promises_made


class CampaignError(Exception):
    """A campaign that cannot be started or opened: why, in one sentence."""


def summit_seed(seed: int, index: int) -> int:
    """The seed of summit ``index`` (from 0) of a campaign played on ``seed``: distinct per summit,
    fixed by the campaign seed, so the campaign replays from its one seed."""
    digest = hashlib.sha256(f"parley-campaign:{seed}:{index}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 1_000_000_000


@dataclass
class SummitPlay:
    """One summit as played: its game, what it opened with, and the player's promise choices before it."""

    index: int
    state: State
    carried: Carried | None
    #: Trust when the talks open (after what the past carried and the first news).
    trust_start: float
    #: The player's side's promises checked at this summit's opening: promise id -> kept.
    kept: dict[str, bool] = field(default_factory=dict)
    #: Every promise checked at this summit's opening (both sides'): promise id -> kept.
    checked: dict[str, bool] = field(default_factory=dict)
    checked_promises: list[Promise] = field(default_factory=list)

    @property
    def over(self) -> bool:
        return self.state.is_terminal

    def result(self) -> SummitResult:
        return SummitResult.of(self.state, self.trust_start)


class CampaignRun:
    """A campaign being played (see the module docstring)."""

    def __init__(self, loaded: LoadedCampaign, seed: int, side: str, opponent: Seat):
        if not loaded.ok or loaded.campaign is None:
            raise CampaignError(f"{loaded.name}: the campaign is not valid; run `parley validate {loaded.name}`")
        if opponent.human:
            raise CampaignError("a campaign is played against the computer: give --opponent STRATEGY[/LEVEL]")
        sides = [a.id for a in loaded.scenarios[0][0].actors]
        if side not in sides:
            raise CampaignError(f"unknown side '{side}'; sides are {', '.join(sides)}")
        if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
            raise CampaignError("the seed must be a whole number >= 0")
        self.loaded = loaded
        self.campaign: Campaign = loaded.campaign
        self.path = Path(loaded.name)
        self.seed = seed
        self.side = side
        self.other = next(a for a in sides if a != side)
        self.opponent = opponent
        self.plays: list[SummitPlay] = []
        self._games: dict[int, Game] = {}

    # -- what there is -----------------------------------------------------------------------------

    @property
    def summits(self) -> list[Summit]:
        return self.campaign.summits

    def scenario(self, index: int) -> Scenario:
        return self.loaded.scenarios[index][0]

    def scenario_path(self, index: int) -> Path:
        return self.loaded.scenarios[index][1]

    def game(self, index: int) -> Game:
        if index not in self._games:
            self._games[index] = Game(self.scenario(index))
        return self._games[index]

    def names(self) -> dict[str, str]:
        return {a.id: a.name for a in self.scenario(0).actors}

    def year_label(self, index: int) -> str:
        s, summit = self.scenario(index), self.summits[index]
        return str(s.year) if s.year is not None else f"after {summit.not_before}" if summit.not_before else "n.d."

    @property
    def current(self) -> SummitPlay | None:
        return self.plays[-1] if self.plays else None

    @property
    def finished(self) -> bool:
        return len(self.plays) == len(self.summits) and self.plays[-1].over

    @property
    def between(self) -> bool:
        """True when the next summit is still to open (at the start, or after a summit ended)."""
        return not self.finished and (not self.plays or self.plays[-1].over)

    # -- between summits ---------------------------------------------------------------------------

    def due_promises(self) -> list[Promise]:
        """The promises the last summit's deal made, checked when the next summit opens (both sides')."""
        if not self.plays or not self.plays[-1].over:
            return []
        last = self.plays[-1]
        return promises_made(self.summits[last.index], last.result())

    def to_decide(self) -> list[Promise]:
        """The due promises that are the player's to keep or break."""
        return [p for p in self.due_promises() if p.by == self.side]

    def computer_decision(self) -> bool:
        """Whether the computer keeps its side's due promises (see :func:`computer_keeps`)."""
        assert self.plays
        return computer_keeps(self.campaign.carry, self.plays[-1].result())

    def preview(self, kept: dict[str, bool]) -> Carried | None:
        """What the next summit would open with, given the player's ``kept`` choices (None for the first)."""
        if not self.plays:
            return None
        last = self.plays[-1]
        due = self.due_promises()
        decided = self._decisions(due, kept)
        credibility = last.carried.credibility if last.carried else {a: 1.0 for a in (self.side, self.other)}
        return carry(self.campaign.carry, last.result(), credibility, decided, due, self.names())

    def _decisions(self, due: list[Promise], kept: dict[str, bool]) -> dict[str, bool]:
        computer = self.computer_decision() if due else True
        return {p.id: (bool(kept.get(p.id, False)) if p.by == self.side else computer) for p in due}

    def open_next(self, kept: dict[str, bool] | None = None) -> SummitPlay:
        """Open the next summit with what the last carried; ``kept``: the player's promise choices."""
        if not self.between:
            raise CampaignError("the current summit is not over" if not self.finished else "the campaign is over")
        kept = dict(kept or {})
        mine = {p.id for p in self.to_decide()}
        unknown = set(kept) - mine
        if unknown:
            raise CampaignError(f"no promise of yours to keep or break: {', '.join(sorted(unknown))}")
        due = self.due_promises()
        carried = self.preview(kept)
        index = len(self.plays)
        seats = {self.side: Seat(), self.other: self.opponent}
        opening = carried.opening if carried else None
        state = self.game(index).new_state(summit_seed(self.seed, index), seats, opening)
        play = SummitPlay(index, state, carried, state.trust, {k: kept.get(k, False) for k in sorted(mine)},
                          self._decisions(due, kept), due)
        self.plays.append(play)
        return play

    # -- results -----------------------------------------------------------------------------------

    def results(self) -> list[SummitResult]:
        return [p.result() for p in self.plays if p.over]

    def trust_line(self) -> list[tuple[str, float, float]]:
        """(year, trust at the opening, trust at the close) of every summit played so far."""
        return [(self.year_label(p.index), p.trust_start, p.state.trust) for p in self.plays]
