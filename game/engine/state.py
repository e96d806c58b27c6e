"""One game in progress, in the shape people, bots, replays and tests all drive.

:class:`Game` holds the rules of a scenario; :class:`State` is a game of it: legal moves,
``apply(move)``, ``is_terminal``, ``returns()``, and ``to_log()``/``State.from_log()``.
A game is its scenario, seed, seats and move list; everything else is derived by
replaying them, so the same inputs give the same game, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from game.scenario import scenario_hash
from game.scenario.models import Scenario

from . import allowed
from .batch import Batch, Kind, Status, draw_tapes
from .beliefs import Beliefs
from .commitments import PUBLIC_WEIGHT
from .moves import (
    KIND_NAMES,
    STATUS_TEXT,
    IllegalMove,
    Move,
    MoveKind,
    NewsItem,
    Record,
    ReplayError,
    Seat,
)
from .narrate import reason as narrate_reason
from .opening import Opening
from .rules import Rules
from .strategies import Strategy, make_strategy


class Game:
    """The rules of one scenario, shared by every state of it."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.rules = Rules(scenario)
        self.hash = scenario_hash(scenario)
        # The whole-space tables every game of the scenario reads, built once here rather than
        # inside some player's first move (on a large space they take a noticeable moment).
        self.rules.forbidden  # noqa: B018
        self.rules.constituency_utilities  # noqa: B018
        self.rules.base_utilities  # noqa: B018

    def new_state(self, seed: int, seats: dict[str, Seat] | None = None, opening: Opening | None = None) -> State:
        """A fresh game. Unlisted sides are played by the computer in their scenario style;
        ``opening`` is what an earlier meeting carries into this one (a campaign's summits)."""
        return State(self, seed, seats or {}, opening=opening)


class State:
    """A game in progress."""

    def __init__(self, game: Game, seed: int, seats: dict[str, Seat], tape: np.ndarray | None = None,
                 opening: Opening | None = None):
        self.game = game
        self.rules = rules = game.rules
        if not isinstance(seed, int) or seed < 0:
            raise ValueError("the seed must be a whole number >= 0")
        for actor_id in seats:
            if actor_id not in rules.actor_ids:
                raise ValueError(f"unknown side '{actor_id}'; sides are {', '.join(rules.actor_ids)}")
        self.seed = seed
        self.seats: dict[str, Seat] = {a.id: seats.get(a.id, Seat.style(a.style)) for a in game.scenario.actors}
        if tape is None:
            tape = draw_tapes(rules, np.random.default_rng(seed), 1)
        self.opening = opening or Opening()
        self.batch = Batch(rules, tape, ledger=True, opening=self.opening)
        self.strategies: dict[int, Strategy] = {
            i: make_strategy(seat.strategy, rules, i, 1, seat.difficulty)
            for i, seat in enumerate(self.seats.values())
            if seat.strategy is not None
        }
        for i, strategy in self.strategies.items():  # broken promises harden a side from the start
            strategy.broken[:] += self.opening.grievances.get(rules.actor_ids[i], 0)
        #: Each side's analyst: what that side can estimate about the other.
        self.analysts = {i: Beliefs(rules, i, 1 - i, 1) for i in (0, 1)}
        self.history: list[Record] = []
        #: News that broke before the first move; later news belongs to the record of the move
        #: that started its round (or, broadcast, to the event move itself).
        self.opening_news: list[NewsItem] = self._news(self.batch.opening_events[0], 1)
        #: What the opening news changed (ledger entries, as records carry them).
        self.opening_changes = [e.to_dict(rules.actor_ids, rules.issue_ids) for e in self.batch.ledger.entries] \
            if self.batch.ledger is not None else []
        self.news: list[NewsItem] = list(self.opening_news)
        self.offer_log: list[tuple[int, int, int, int]] = []  # (seq, round, actor, package)

    # -- reading the state --------------------------------------------------------------

    #: The one game of this state's batch, as the index array the batch's methods take.
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
        """The side to move: the side a waiting crisis hit, else the side whose turn it is."""
        return None if self.is_terminal else self.rules.actor_ids[int(self.batch.mover(self.G)[0])]

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
        return float(self.batch.ratify_chance(np.array([self.index(actor_id)]), np.array([p]), self.G)[0])

    def accept_estimate(self, actor_id: str, package: dict[str, str]) -> float:
        """``actor_id``'s analysts' estimate that the other side accepts ``package`` now.

        Built only from what ``actor_id`` could know: the scenario's intelligence estimate
        of the other side, its declared red lines, and its offers, replies and signals so
        far (:class:`~.beliefs.Beliefs`); never from its confidential values. Zero for a
        package that crosses its declared red lines.
        """
        a = self.index(actor_id)
        p = self.rules.package_of(package)
        if self.rules.crosses(1 - a, p):
            return 0.0
        when = float(self.batch.time(self.G, ahead=1 if self.current_actor == actor_id else 0)[0])
        return float(self.analysts[a].accept_chance(0, np.array([p]), when)[0])

    def estimated_weights(self, actor_id: str) -> dict[str, float]:
        """What ``actor_id``'s analysts believe the other side's priorities are (shares summing to 1)."""
        guess = self.analysts[self.index(actor_id)].expected_weights(self.G)[0]
        return dict(zip(self.rules.issue_ids, (float(x) for x in guess), strict=True))

    def estimated_reservation(self, actor_id: str) -> float:
        """What ``actor_id``'s analysts believe the other side's no-deal value is."""
        return self.analysts[self.index(actor_id)].reservation

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
        """None when ``move`` is legal now; else a sentence for the player (see :mod:`.allowed`)."""
        return allowed.why_illegal(self, move)

    def legal_kinds(self) -> list[MoveKind]:
        """Kinds of move open to the side to move (see :func:`.allowed.legal_kinds`)."""
        return allowed.legal_kinds(self)

    def available_tactics(self, actor_id: str) -> list[str]:
        return allowed.available_tactics(self, actor_id)

    @property
    def crisis(self) -> str | None:
        """The event id of the crisis waiting for an answer (its side is the one to move), or None."""
        k = int(self.batch.crisis[0])
        return None if k < 0 else self.rules.event_ids[k]

    def answers(self) -> list[str]:
        """The answers open to the side a waiting crisis hit (response ids), or []."""
        k = int(self.batch.crisis[0])
        return [] if k < 0 else [self.rules.responses[n][1].id for n in self.rules.event_responses[k]]

    def opening_package(self, actor_id: str) -> dict[str, str]:
        """Where a side starts composing: its best package under its current weights, clear of
        its own red lines and, where any package allows it, of the other side's declared ones."""
        a = self.index(actor_id)
        rules = self.rules
        u = rules.utility_table(a, self.weights(actor_id))
        own = ~rules.forbidden[a]
        both = own & ~rules.forbidden[1 - a]
        allowed = both if both.any() else own
        return rules.choice_of(int(np.argmax(np.where(allowed, u, -np.inf))))

    # -- moving ---------------------------------------------------------------------------

    def apply(self, move: Move, reason: str = "") -> Record:
        """Apply a legal move; raise :class:`IllegalMove` (changing nothing) otherwise."""
        problem = self.why_illegal(move)
        if problem:
            raise IllegalMove(problem)
        args = allowed.parse(self, move)
        assert not isinstance(args, str)
        rules, batch = self.rules, self.batch
        a = self.index(move.actor)
        round_before = self.round
        entries = len(batch.ledger.entries) if batch.ledger is not None else 0
        utilities = None
        if args.package is not None:
            utilities = {actor: float(batch.utility(i, args.package, self.G)[0])
                         for i, actor in enumerate(rules.actor_ids)}
        result = batch.step(self.G, args.kind, package=args.package if move.kind == "propose" else None,
                            tactic=args.tactic, signal=args.signal, event=args.event, response=args.response,
                            issue=args.issue, options=args.options, public=args.public)
        self._observe(move, a, args)
        if move.kind == "propose":
            assert args.package is not None
            self.offer_log.append((len(self.history) + 1, round_before, a, int(args.package[0])))
        ratification = None
        if result.ratified[0, 0] >= 0:
            ratification = {
                actor: {"chance": round(float(result.ratify_chance[0, i]), 6), "passed": bool(result.ratified[0, i])}
                for i, actor in enumerate(rules.actor_ids)
            }
        news = self._news(result.events[0], self.round) if result.new_round[0] else []
        if args.event is not None:
            item = self.scenario.events[int(args.event[0])]
            news = [NewsItem(self.round, item.id, item.headline, item.text)]
        self.news.extend(news)
        changes = batch.ledger.entries[entries:] if batch.ledger is not None else []
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
            changes=[e.to_dict(rules.actor_ids, rules.issue_ids) for e in changes],
        )
        self.history.append(record)
        return record

    def _observe(self, move: Move, a: int, args: allowed.Args) -> None:
        """Every computer side and each side's analysts see the move (public words weigh more)."""
        batch = self.batch
        public = bool(move.public)
        for strategy in self.strategies.values():
            strategy.observe(batch, self.G, a, args.kind, package=args.package, signal=args.signal, public=public,
                             issue=args.issue, options=args.options)
        analysts = self.analysts[1 - a]
        weight = 1.0 + (PUBLIC_WEIGHT - 1.0) * float(batch.credibility[0, a]) if public else 1.0
        if move.kind == "propose":
            assert args.package is not None
            analysts.observe_offer(self.G, args.package, weight)
        elif move.kind == "signal":
            assert args.signal is not None
            analysts.observe_signal(self.G, args.signal, batch.trust[self.G] * weight)
        elif move.kind == "reject":
            analysts.observe_reject(self.G, batch.offer[self.G, 1 - a])
        elif move.kind == "line":
            assert args.issue is not None and args.options is not None
            analysts.observe_line(self.G, args.issue, args.options, 1.0 if public else 0.5)

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
        package, tactic, response = int(d.package[0]), int(d.tactic[0]), int(d.response[0])
        why = narrate_reason(self.rules, self.batch, 0, strategy, int(d.why[0]), package, tactic,
                             blocked=bool(d.blocked[0]), response=response)
        rules = self.rules
        answer = rules.responses[response] if kind == Kind.ANSWER else None
        move = Move(
            actor,
            KIND_NAMES[kind],
            package=rules.choice_of(package) if kind == Kind.PROPOSE else None,
            tactic=rules.tactic_ids[tactic] if kind == Kind.TACTIC else None,
            event=rules.event_ids[answer[0]] if answer else None,
            response=answer[1].id if answer else None,
        )
        return move, why

    def computer_turns(self) -> Iterator[Record]:
        """Let computer sides move until a person is to move or the game ends, one record at a time.

        The computer's turn loop, once for every caller: a local session saves after each
        record, a live table writes each as a store row, a replay checks each.
        """
        while not self.is_terminal and not self.seats[self.current_actor or ""].human:
            move, why = self.computer_move()
            yield self.apply(move, why)

    def advance(self) -> list[Record]:
        """Let computer sides move until a person is to move or the game ends."""
        return list(self.computer_turns())

    # -- replay ----------------------------------------------------------------------------

    def replay_move(self, data: Any, index: int, *, verify: bool = True, reason_limit: int | None = None) -> Record:
        """Apply the logged move ``data`` (move ``index``, 0-based) as a replay does.

        With ``verify``, a computer side's move must be the one the computer plays here, and
        its reason is the computer's own; a person's reason is taken from the log (cut to
        ``reason_limit`` characters). Raises :class:`ReplayError` and changes nothing when the
        move does not replay.
        """
        try:
            move = Move.from_dict(data)
        except ValueError as exc:
            raise ReplayError(index, f"not a move ({exc})") from None
        if self.is_terminal:
            raise ReplayError(index, "the game was already over")
        reason = data.get("reason", "")
        reason = reason if isinstance(reason, str) else ""
        actor = self.current_actor or ""
        if verify and move.kind != "event" and move.actor == actor and not self.seats[actor].human:
            expected, why = self.computer_move()
            if expected != move:
                raise ReplayError(index, f"the computer ({self.seats[actor]}) did not play that there", expected)
            reason = why
        elif reason_limit is not None:
            reason = reason[:reason_limit]
        try:
            return self.apply(move, reason)
        except IllegalMove as exc:
            raise ReplayError(index, f"an illegal move at that point ({exc})") from None

    def replay(self, moves: Any, *, verify: bool = True, reason_limit: int | None = None) -> State:
        """Apply logged ``moves`` to this (fresh) state; itself, for chaining. See :meth:`replay_move`."""
        if not isinstance(moves, list):
            raise ReplayError(None, "the log's moves are not a list")
        for index, data in enumerate(moves):
            self.replay_move(data, index, verify=verify, reason_limit=reason_limit)
        return self

    def _news(self, fired: np.ndarray, round_: int) -> list[NewsItem]:
        events = self.scenario.events
        return [NewsItem(round_, events[k].id, events[k].headline, events[k].text) for k in np.flatnonzero(fired)]

    # -- logs -----------------------------------------------------------------------------

    def to_log(self) -> dict[str, Any]:
        """Everything needed to replay this game, plus derived facts for people and checkers."""
        from .log import to_log

        return to_log(self)

    @classmethod
    def from_log(cls, game: Game, log: dict[str, Any], *, verify: bool = True) -> State:
        """Replay a log; :class:`ReplayError` when it is not a game of this scenario."""
        from .log import from_log

        return from_log(game, log, verify=verify)
