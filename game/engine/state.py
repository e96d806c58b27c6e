"""One game in progress, in the shape people, bots, replays and tests all drive.

:class:`Game` holds the rules of a scenario; :class:`State` is a game of it: legal moves,
``apply(move)``, ``is_terminal``, ``returns()``, and ``to_log()``/``State.from_log()``.
A game is its scenario, seed, seats and move list; everything else is derived by
replaying them, so the same inputs give the same game, byte for byte.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np

from game.scenario import hash_matches, scenario_hash
from game.scenario.models import Scenario

from .batch import Batch, Kind, Status, draw_tapes
from .beliefs import Beliefs
from .narrate import reason as narrate_reason
from .rules import Rules
from .strategies import DIFFICULTIES, STRATEGIES, Strategy, make_strategy

LOG_FORMAT = "parley-game/1"
MoveKind = Literal["propose", "accept", "reject", "signal", "tactic", "walk", "pass", "event"]
KIND_CODES: dict[str, Kind] = {
    "propose": Kind.PROPOSE,
    "accept": Kind.ACCEPT,
    "reject": Kind.REJECT,
    "signal": Kind.SIGNAL,
    "tactic": Kind.TACTIC,
    "walk": Kind.WALK,
    "pass": Kind.PASS,
    "event": Kind.EVENT,
}
KIND_NAMES = {code: name for name, code in KIND_CODES.items()}
#: Claimed priority shares of a signal, matching the belief model's hypotheses.
SIGNAL_SHARES = (3.0, 2.0, 1.5)


class IllegalMove(ValueError):
    """A move the rules do not allow now; the message says why, for the player."""


class ReplayError(ValueError):
    """A game log that cannot be replayed on this scenario (changed scenario, edited moves)."""


@dataclass(frozen=True)
class Seat:
    """Who plays a side: a person, or a computer strategy at a difficulty."""

    strategy: str | None = None  # None: a human
    difficulty: str = "normal"

    @property
    def human(self) -> bool:
        return self.strategy is None

    def __str__(self) -> str:
        return "human" if self.strategy is None else f"{self.strategy}/{self.difficulty}"

    @classmethod
    def parse(cls, text: str) -> Seat:
        """``human``, ``adaptive``, ``boulware/hard`` ..."""
        text = text.strip().lower()
        if text == "human":
            return cls()
        name, _, level = text.partition("/")
        level = level or "normal"
        if name not in STRATEGIES:
            raise ValueError(f"unknown strategy '{name}'; choose human or one of {', '.join(STRATEGIES)}")
        if level not in DIFFICULTIES:
            raise ValueError(f"unknown difficulty '{level}'; choose one of {', '.join(DIFFICULTIES)}")
        return cls(name, level)


@dataclass(frozen=True)
class Move:
    """A move by one side, in scenario ids (what logs store and players make).

    An ``event`` move is news an instructor broadcast (``event`` is the scenario event's id);
    its ``actor`` is the side whose turn it broke in, which keeps that turn.
    """

    actor: str
    kind: MoveKind
    package: dict[str, str] | None = None
    tactic: str | None = None
    signal: tuple[str, ...] | None = None
    event: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"actor": self.actor, "kind": self.kind}
        if self.package is not None:
            out["package"] = dict(self.package)
        if self.tactic is not None:
            out["tactic"] = self.tactic
        if self.signal is not None:
            out["signal"] = list(self.signal)
        if self.event is not None:
            out["event"] = self.event
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Move:
        if not isinstance(data, dict) or data.get("kind") not in KIND_CODES or not isinstance(data.get("actor"), str):
            raise ReplayError(f"not a move: {data!r}")
        signal = data.get("signal")
        return cls(
            actor=data["actor"],
            kind=data["kind"],
            package=dict(data["package"]) if isinstance(data.get("package"), dict) else None,
            tactic=data.get("tactic") if isinstance(data.get("tactic"), str) else None,
            signal=tuple(signal) if isinstance(signal, list) else None,
            event=data.get("event") if isinstance(data.get("event"), str) else None,
        )


@dataclass(frozen=True)
class NewsItem:
    """An event that broke at the start of a round."""

    round: int
    event: str
    headline: str
    text: str


@dataclass
class Record:
    """One applied move and everything it caused, for transcripts, screens and logs."""

    seq: int
    round: int
    move: Move
    reason: str
    computer: bool
    utilities: dict[str, float] | None  # of the package proposed or accepted, per side
    ratification: dict[str, dict[str, float | bool]] | None
    trust: float
    status: str
    news: list[NewsItem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["move"] = self.move.to_dict()
        return out


STATUS_TEXT = {
    Status.ONGOING: "ongoing",
    Status.DEAL: "deal",
    Status.DEADLINE: "deadline",
    Status.WALKED: "walked",
    Status.FAILED: "failed",
}


class Game:
    """The rules of one scenario, shared by every state of it."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.rules = Rules(scenario)
        self.hash = scenario_hash(scenario)

    def new_state(self, seed: int, seats: dict[str, Seat] | None = None) -> State:
        """A fresh game. Unlisted sides are played by the computer in their scenario style."""
        return State(self, seed, seats or {})


class State:
    """A game in progress."""

    def __init__(self, game: Game, seed: int, seats: dict[str, Seat], tape: np.ndarray | None = None):
        self.game = game
        self.rules = rules = game.rules
        if not isinstance(seed, int) or seed < 0:
            raise ValueError("the seed must be a whole number >= 0")
        for actor_id in seats:
            if actor_id not in rules.actor_ids:
                raise ValueError(f"unknown side '{actor_id}'; sides are {', '.join(rules.actor_ids)}")
        self.seed = seed
        self.seats: dict[str, Seat] = {
            a.id: seats.get(a.id, Seat(a.style, "normal")) for a in game.scenario.actors
        }
        if tape is None:
            tape = draw_tapes(rules, np.random.default_rng(seed), 1)
        self.batch = Batch(rules, tape)
        self.strategies: dict[int, Strategy] = {
            i: make_strategy(seat.strategy, rules, i, 1, seat.difficulty)
            for i, seat in enumerate(self.seats.values())
            if seat.strategy is not None
        }
        #: Each side's analyst: what that side can estimate about the other.
        self.analysts = {i: Beliefs(rules, i, 1 - i, 1, informed=True) for i in (0, 1)}
        self.history: list[Record] = []
        self.news: list[NewsItem] = self._news(self.batch.opening_events[0], 1)
        self.offer_log: list[tuple[int, int, int, int]] = []  # (seq, round, actor, package)

    # -- reading the state --------------------------------------------------------------

    G = np.array([0])

    @property
    def scenario(self) -> Scenario:
        return self.game.scenario

    @property
    def status(self) -> str:
        return STATUS_TEXT[Status(int(self.batch.status[0]))]

    @property
    def is_terminal(self) -> bool:
        return self.batch.status[0] != Status.ONGOING

    @property
    def round(self) -> int:
        return int(self.batch.round[0])

    @property
    def deadline(self) -> int:
        return int(self.batch.deadline[0])

    @property
    def trust(self) -> float:
        return float(self.batch.trust[0])

    @property
    def current_actor(self) -> str | None:
        return None if self.is_terminal else self.rules.actor_ids[int(self.batch.turn[0])]

    def index(self, actor_id: str) -> int:
        return self.rules.actor_index(actor_id)

    def reservation(self, actor_id: str) -> float:
        return float(self.batch.reservation[0, self.index(actor_id)])

    def pressure(self, actor_id: str) -> float:
        return float(self.batch.pressure(self.G)[0, self.index(actor_id)])

    def weights(self, actor_id: str) -> np.ndarray:
        return self.batch.weights[0, self.index(actor_id)].copy()

    def standing_offer(self, actor_id: str) -> dict[str, str] | None:
        p = int(self.batch.offer[0, self.index(actor_id)])
        return None if p < 0 else self.rules.choice_of(p)

    def utility(self, actor_id: str, package: dict[str, str]) -> float:
        """``actor_id``'s utility of a package under its current weights."""
        p = self.rules.package_of(package)
        return float(self.batch.utility(self.index(actor_id), np.array([p]), self.G)[0])

    def ratify_chance(self, actor_id: str, package: dict[str, str]) -> float:
        p = self.rules.package_of(package)
        return float(self.batch.ratify_chance(np.array([self.index(actor_id)]), np.array([p]))[0])

    def accept_estimate(self, actor_id: str, package: dict[str, str]) -> float:
        """``actor_id``'s analyst's estimate that the other side accepts ``package``.

        Fed only what ``actor_id`` has seen: the other side's public stance and red
        lines, its offers and signals. Zero for a package crossing its declared red lines.
        """
        a = self.index(actor_id)
        p = self.rules.package_of(package)
        if self.rules.crosses(1 - a, p):
            return 0.0
        floor = float(np.round(self.rules.base_reservation[1 - a] * 10) / 10)
        return float(self.analysts[a].accept_chance(0, np.array([p]), floor)[0])

    def tactic_uses_left(self, tactic_id: str) -> int:
        t = self.rules.tactic_ids.index(tactic_id)
        return int(self.rules.tactic_max_uses[t] - self.batch.tactic_uses[0, t])

    def fired(self, event_id: str) -> int:
        return int(self.batch.fired[0, self.rules.event_ids.index(event_id)])

    def returns(self) -> dict[str, float]:
        """Final utility per side (the deal's, or the reservation value); meaningful when terminal."""
        values = self.batch.returns(self.G)[0]
        return {a: float(values[i]) for i, a in enumerate(self.rules.actor_ids)}

    # -- legality ----------------------------------------------------------------------

    def why_illegal(self, move: Move) -> str | None:
        """None when ``move`` is legal now; else a sentence for the player."""
        if self.is_terminal:
            return "the game is over"
        if move.actor != self.current_actor:
            return f"it is not {move.actor}'s turn"
        a = self.index(move.actor)
        batch, rules = self.batch, self.rules
        if move.kind == "propose":
            if move.package is None:
                return "a proposal needs an option for every issue"
            try:
                p = rules.package_of(move.package)
            except (KeyError, ValueError):
                return "a proposal needs a known option for every issue"
            crossed = self._crossed(a, p)
            return f"that package crosses your own red line on {crossed}" if crossed else None
        if move.kind == "accept":
            standing = int(batch.offer[0, 1 - a])
            if standing < 0:
                return "there is no offer from the other side to accept"
            crossed = self._crossed(a, standing)
            return f"their offer crosses your red line on {crossed}" if crossed else None
        if move.kind == "reject":
            return None if batch.offer[0, 1 - a] >= 0 else "there is no offer to reject"
        if move.kind == "signal":
            if batch.signal_this_turn[0]:
                return "you have already signalled this turn"
            if not move.signal or len(move.signal) > len(SIGNAL_SHARES):
                return f"name between 1 and {len(SIGNAL_SHARES)} issues, most important first"
            if len(set(move.signal)) != len(move.signal) or any(s not in rules.issue_ids for s in move.signal):
                return "signal known, distinct issues"
            return None
        if move.kind == "tactic":
            if move.tactic not in rules.tactic_ids:
                return "unknown move"
            t = rules.tactic_ids.index(move.tactic)
            if rules.tactic_owner[t] != a:
                return "that move belongs to the other side"
            if batch.tactic_this_turn[0]:
                return "one gesture or pressure move per turn"
            if batch.tactic_uses[0, t] >= rules.tactic_max_uses[t]:
                return "that move has been used up"
            return None
        if move.kind == "walk":
            return None
        if move.kind == "pass":
            return None if batch.offer[0, 1 - a] < 0 else "there is an offer to answer: accept or reject it"
        if move.kind == "event":
            return None if move.event in rules.event_ids else "no such event in this scenario"
        return f"unknown kind of move '{move.kind}'"

    def _crossed(self, actor: int, package: int) -> str:
        """Names of the issues on which ``package`` crosses ``actor``'s red lines ('' if none)."""
        return ", ".join(self.rules.scenario.issues[i].name for i in self.rules.crosses(actor, package))

    def legal_kinds(self) -> list[str]:
        """Kinds of move open to the side to move (a proposal needs a package besides).

        ``pass`` is left out: it is what a timed turn becomes when time runs out, not a choice.
        """
        actor = self.current_actor
        if actor is None:
            return []
        kinds = []
        for kind in ("propose", "accept", "reject", "signal", "walk"):
            probe = Move(actor, kind, signal=(self.rules.issue_ids[0],))  # type: ignore[arg-type]
            if kind == "propose" or self.why_illegal(probe) is None:
                kinds.append(kind)
        if self.available_tactics(actor):
            kinds.insert(kinds.index("walk"), "tactic")  # always just before walking out
        return kinds

    def available_tactics(self, actor_id: str) -> list[str]:
        if self.current_actor != actor_id:
            return []
        return [
            t for t in self.rules.tactic_ids
            if self.why_illegal(Move(actor_id, "tactic", tactic=t)) is None
        ]

    # -- moving ---------------------------------------------------------------------------

    def apply(self, move: Move, reason: str = "") -> Record:
        """Apply a legal move; raise :class:`IllegalMove` (changing nothing) otherwise."""
        problem = self.why_illegal(move)
        if problem:
            raise IllegalMove(problem)
        rules, batch = self.rules, self.batch
        a = self.index(move.actor)
        kind = KIND_CODES[move.kind]
        round_before = self.round
        package = signal = tactic = event = None
        utilities = None
        if move.kind == "propose":
            assert move.package is not None
            package = np.array([rules.package_of(move.package)])
        elif move.kind == "accept":
            package = np.array([int(batch.offer[0, 1 - a])])
        elif move.kind == "tactic":
            tactic = np.array([rules.tactic_ids.index(move.tactic)])
        elif move.kind == "signal":
            assert move.signal is not None
            claim = np.ones(len(rules.issue_ids))
            for rank, issue in enumerate(move.signal):
                claim[rules.issue_ids.index(issue)] = SIGNAL_SHARES[rank]
            signal = claim[None, :]
        elif move.kind == "event":
            event = np.array([rules.event_ids.index(move.event)])
        if package is not None:
            utilities = {
                actor: float(batch.utility(i, package, self.G)[0]) for i, actor in enumerate(rules.actor_ids)
            }
        result = batch.step(self.G, kind, package=package if move.kind == "propose" else None,
                            tactic=tactic, signal=signal, event=event)
        for strategy in self.strategies.values():
            strategy.observe(batch, self.G, a, kind, package=package, signal=signal)
        if move.kind == "propose":
            assert package is not None
            self.analysts[1 - a].observe_offer(self.G, package)
            self.offer_log.append((len(self.history) + 1, round_before, a, int(package[0])))
        elif move.kind == "signal":
            assert signal is not None
            self.analysts[1 - a].observe_signal(self.G, signal, batch.trust[self.G])
        ratification = None
        if result.ratified[0, 0] >= 0:
            ratification = {
                actor: {"chance": round(float(result.ratify_chance[0, i]), 6), "passed": bool(result.ratified[0, i])}
                for i, actor in enumerate(rules.actor_ids)
            }
        news = self._news(result.events[0], self.round) if result.new_round[0] else []
        if event is not None:
            item = self.scenario.events[int(event[0])]
            news = [NewsItem(self.round, item.id, item.headline, item.text)]
        self.news.extend(news)
        record = Record(
            seq=len(self.history) + 1,
            round=round_before,
            move=move,
            reason=reason,
            computer=move.kind != "event" and not self.seats[move.actor].human,
            utilities=utilities,
            ratification=ratification,
            trust=round(self.trust, 6),
            status=self.status,
            news=news,
        )
        self.history.append(record)
        return record

    def computer_move(self) -> tuple[Move, str]:
        """The move (and stated reason) of the computer side to move now."""
        actor = self.current_actor
        if actor is None:
            raise IllegalMove("the game is over")
        a = self.index(actor)
        strategy = self.strategies.get(a)
        if strategy is None:
            raise IllegalMove(f"{actor} is played by a person")
        d = strategy.decide(self.batch, self.G)
        kind = Kind(int(d.kind[0]))
        package, tactic = int(d.package[0]), int(d.tactic[0])
        why = narrate_reason(self.rules, self.batch, 0, a, int(d.why[0]), package, tactic)
        name = KIND_NAMES[kind]
        move = Move(
            actor,
            name,  # type: ignore[arg-type]
            package=self.rules.choice_of(package) if kind == Kind.PROPOSE else None,
            tactic=self.rules.tactic_ids[tactic] if kind == Kind.TACTIC else None,
        )
        return move, why

    def advance(self) -> list[Record]:
        """Let computer sides move until a person is to move or the game ends."""
        records = []
        while not self.is_terminal and not self.seats[self.current_actor or ""].human:
            move, why = self.computer_move()
            records.append(self.apply(move, why))
        return records

    def _news(self, fired: np.ndarray, round_: int) -> list[NewsItem]:
        events = self.scenario.events
        return [
            NewsItem(round_, events[k].id, events[k].headline, events[k].text)
            for k in np.flatnonzero(fired)
        ]

    # -- logs -----------------------------------------------------------------------------

    def to_log(self) -> dict[str, Any]:
        """Everything needed to replay this game, plus derived facts for people and checkers."""
        return {
            "format": LOG_FORMAT,
            "scenario": {"id": self.scenario.id, "hash": self.game.hash},
            "seed": self.seed,
            "seats": {actor: str(seat) for actor, seat in self.seats.items()},
            "moves": [dict(r.move.to_dict(), reason=r.reason) for r in self.history],
            "records": [r.to_dict() for r in self.history],
            "status": self.status,
            "returns": self.returns(),
        }

    @classmethod
    def from_log(cls, game: Game, log: dict[str, Any], *, verify: bool = True) -> State:
        """Replay a log. With ``verify``, computer moves must be what the computer would play."""
        if not isinstance(log, dict) or log.get("format") != LOG_FORMAT:
            raise ReplayError(f"not a Parley game log (expected format {LOG_FORMAT})")
        meta = log.get("scenario") or {}
        if meta.get("id") != game.scenario.id:
            raise ReplayError(
                f"this log is a game of scenario '{meta.get('id')}', not '{game.scenario.id}'"
            )
        if not hash_matches(game.scenario, meta.get("hash")):
            raise ReplayError(
                f"scenario '{game.scenario.id}' has changed since this game was played "
                "(content hash differs); replay it with the version it was played on"
            )
        seed = log.get("seed")
        if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
            raise ReplayError("the log has no valid seed")
        try:
            seats = {actor: Seat.parse(text) for actor, text in (log.get("seats") or {}).items()}
            state = cls(game, seed, seats)
        except ValueError as exc:
            raise ReplayError(str(exc)) from None
        for n, data in enumerate(log.get("moves") or [], start=1):
            move = Move.from_dict(data)
            reason = data.get("reason", "") if isinstance(data, dict) else ""
            if (verify and move.kind != "event" and move.actor == state.current_actor
                    and not state.seats[move.actor].human):
                expected, why = state.computer_move()
                if expected != move:
                    raise ReplayError(f"move {n} is not what the computer played there")
                reason = why
            try:
                state.apply(move, reason if isinstance(reason, str) else "")
            except IllegalMove as exc:
                raise ReplayError(f"move {n} is illegal at that point: {exc}") from None
        return state
