"""The vocabulary of play: moves, seats, what a move did, and the errors of a bad move or log.

One home for each word: the kinds of move are the :class:`~.batch.Kind` enum, and their
names in logs and screens (``propose``, ``accept``, ...) derive from it, so a new kind of
move is added in one place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

from game.scenario.models import DIFFICULTIES, STRATEGY_NAMES

from .kinds import Kind, Status

MoveKind = Literal["propose", "accept", "reject", "signal", "tactic", "walk", "pass", "event", "answer", "line"]
MOVE_KINDS: tuple[MoveKind, ...] = get_args(MoveKind)
KIND_CODES: dict[MoveKind, Kind] = {name: Kind[name.upper()] for name in MOVE_KINDS}
KIND_NAMES: dict[Kind, MoveKind] = {code: name for name, code in KIND_CODES.items()}
if set(KIND_NAMES) != set(Kind):  # pragma: no cover - a new Kind needs a name here
    raise RuntimeError("every engine Kind needs a move name in MoveKind")

#: Claimed priority shares of a signal, matching the belief model's hypotheses.
SIGNAL_SHARES = (3.0, 2.0, 1.5)

STATUS_TEXT = {
    Status.ONGOING: "ongoing",
    Status.DEAL: "deal",
    Status.DEADLINE: "deadline",
    Status.WALKED: "walked",
    Status.FAILED: "failed",
}


class IllegalMove(ValueError):
    """A move the rules do not allow now; the message says why, for the player."""


class ReplayError(ValueError):
    """A game log that cannot be replayed on this scenario (changed scenario, edited moves).

    ``index`` is the 0-based position of the move that does not replay (None when the log
    itself is wrong: another scenario, no seed); ``why`` says what is wrong with it;
    ``expected`` is the computer's own move where a recorded computer move differs from it.
    """

    def __init__(self, index: int | None, why: str, expected: Move | None = None):
        super().__init__(why if index is None else f"move {index + 1}: {why}")
        self.index = index
        self.why = why
        self.expected = expected


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
        from .strategies import STRATEGIES

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

    @classmethod
    def style(cls, name: str) -> Seat:
        """A scenario's own style for a side, played at normal difficulty."""
        if name not in STRATEGY_NAMES:
            raise ValueError(f"unknown style '{name}'")
        return cls(name, "normal")


@dataclass(frozen=True)
class Move:
    """A move by one side, in scenario ids (what logs store and players make).

    An ``event`` move is news an instructor broadcast (``event`` is the scenario event's id);
    its ``actor`` is the side whose turn it broke in, which keeps that turn. An ``answer``
    names the crisis (``event``) and the chosen ``response``. A ``line`` vows never to accept
    ``options`` of ``issue``. ``public`` makes a proposal, a signal or a line public words.
    """

    actor: str
    kind: MoveKind
    package: dict[str, str] | None = None
    tactic: str | None = None
    signal: tuple[str, ...] | None = None
    event: str | None = None
    response: str | None = None
    issue: str | None = None
    options: tuple[str, ...] | None = None
    public: bool = False

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
        if self.response is not None:
            out["response"] = self.response
        if self.issue is not None:
            out["issue"] = self.issue
        if self.options is not None:
            out["options"] = list(self.options)
        if self.public:  # left out when private, so logs of private moves read as they always did
            out["public"] = True
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Move:
        """A move as logs store it; :class:`ValueError` when ``data`` is not one."""
        kind = data.get("kind") if isinstance(data, dict) else None
        if kind not in KIND_CODES or not isinstance(data.get("actor"), str):
            raise ValueError(f"not a move: {data!r}")
        package = data.get("package")
        if package is not None and not (isinstance(package, dict)
                                        and all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in package.items())):
            raise ValueError(f"not a package: {package!r}")
        names = {}
        for key in ("signal", "options"):
            value = data.get(key)
            if value is not None and not (isinstance(value, list) and all(isinstance(x, str) for x in value)):
                raise ValueError(f"not a list of ids: {value!r}")
            names[key] = tuple(value) if value is not None else None
        public = data.get("public", False)
        if not isinstance(public, bool):
            raise ValueError(f"public is true or false, not {public!r}")

        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        return cls(
            actor=data["actor"],
            kind=KIND_NAMES[KIND_CODES[kind]],
            package=dict(package) if package is not None else None,
            tactic=text("tactic"),
            signal=names["signal"],
            event=text("event"),
            response=text("response"),
            issue=text("issue"),
            options=names["options"],
            public=public,
        )


@dataclass(frozen=True)
class NewsItem:
    """An event that broke at the start of a round (or, broadcast, during one)."""

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
    #: What changed because of this move (and the news it brought), cause by cause: the ledger's
    #: entries as plain data (see :mod:`.ledger`).
    changes: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["move"] = self.move.to_dict()
        return out
