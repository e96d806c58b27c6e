"""What one side may see of a game, shaped for screens.

The engine answers every question of the rules; this module only gathers the answers a
side is entitled to (its own weights and values, the other side's public red lines, its
analysts' estimates) in one place, so that every widget shows the same numbers and none
of them can leak the other side's private values during play.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.content import Content

from game.engine import Move, State
from game.scenario.models import Issue, Scenario

#: Eighths of a block, for bars drawn at a resolution finer than one cell.
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, width: int) -> str:
    """A horizontal bar of ``width`` cells filled to ``fraction`` (0..1), in eighths of a cell."""
    fraction = min(1.0, max(0.0, float(fraction)))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part and full < width else "")
    return text.ljust(width)


def gauge(fraction: float, width: int, style: str) -> Content:
    """A bar between thin brackets, filled in ``style`` over a muted track."""
    return Content.assemble(("▕", "$foreground-muted"), (bar(fraction, width), f"{style} on $boost"),
                            ("▏", "$foreground-muted"))


def percent(x: float) -> str:
    return f"{x:.0%}"


def chance_style(p: float) -> str:
    """Colour of a probability: green when likely, amber when a coin flip, red when unlikely."""
    return "$success" if p >= 0.7 else "$warning" if p >= 0.4 else "$error"


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis, padded to exactly ``width``."""
    if width <= 0:
        return ""
    if len(text) > width:
        return text[: max(0, width - 1)] + "…"
    return text.ljust(width)


def side_label(scenario: Scenario, actor_id: str) -> str:
    return scenario.actor(actor_id).label


@dataclass
class Perspective:
    """One side's view of the table: its own preferences, the other side's public stance."""

    state: State
    me: str
    other: str = field(init=False)
    weights: dict[str, float] = field(init=False)
    estimate: dict[str, float] = field(init=False)
    my_red: dict[str, set[str]] = field(init=False)
    their_red: dict[str, set[str]] = field(init=False)

    def __post_init__(self) -> None:
        scenario = self.state.scenario
        self.other = scenario.other(self.me).id
        ids = [i.id for i in scenario.issues]
        w = self.state.weights(self.me)
        w = w / w.sum()
        self.weights = dict(zip(ids, (float(x) for x in w), strict=True))
        self.estimate = self.state.estimated_weights(self.me)
        self.my_red = red_lines(scenario, self.me)
        self.their_red = red_lines(scenario, self.other)

    @property
    def scenario(self) -> Scenario:
        return self.state.scenario

    @property
    def issues(self) -> list[Issue]:
        return list(self.scenario.issues)

    def value(self, issue_id: str, option_id: str) -> float:
        """My value (0..1) of one option, before weighting."""
        return float(self.scenario.preferences[self.me][issue_id].values[option_id])

    def contribution(self, issue_id: str, option_id: str) -> float:
        """What one option adds to my utility: my value of it scaled by my weight of its issue."""
        return self.weights[issue_id] * self.value(issue_id, option_id)

    def best_package(self) -> dict[str, str]:
        """Where composing starts: the engine's opening package for this side."""
        return self.state.opening_package(self.me)

    def crossed(self, package: dict[str, str], red: dict[str, set[str]]) -> list[str]:
        """Names of the issues on which ``package`` takes an option of ``red`` (a side's red lines)."""
        return [i.name for i in self.issues if package.get(i.id) in red.get(i.id, set())]

    def why_not(self, package: dict[str, str]) -> str | None:
        """Why this side could not propose ``package`` now (the engine's words when it is its turn;
        its own red lines otherwise), or None when it could."""
        if self.state.current_actor == self.me:
            return self.state.why_illegal(Move(self.me, "propose", package=dict(package)))
        mine = self.crossed(package, self.my_red)
        return f"that package crosses your own red line on {', '.join(mine)}" if mine else None


def red_lines(scenario: Scenario, actor_id: str) -> dict[str, set[str]]:
    """Issue id -> the options ``actor_id`` has declared it will never accept."""
    out: dict[str, set[str]] = {}
    for line in scenario.red_lines.get(actor_id, []):
        out.setdefault(line.issue, set()).update(line.options)
    return out


def option_index(issue: Issue, option_id: str) -> int:
    return next(k for k, o in enumerate(issue.options) if o.id == option_id)
