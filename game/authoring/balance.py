"""Is a scenario balanced? The numbers behind the balance report of ``parley analyze``.

Built on the engine's exact analysis (agreement zone, Nash and Kalai-Smorodinsky points)
plus computer games (:mod:`.games`):

* **balance between the sides**: each computer strategy plays itself, one side against the
  other, so that what separates the sides is the scenario, not a strategy's edge over
  another; the sides are compared by their gains over their *own* no-deal values (raw
  utilities of two sides mean nothing to each other);
* **stubbornness**: the reference players ``hardliner`` and ``bully`` (and ``linear`` as the
  baseline) sit in each seat against the computer strategy the other side plays by default
  (its ``style``), so an author sees whether refusing to concede pays: it must not;
* **ratification at home** (:mod:`.home`): what each constituency makes of the packages
  that matter, and how often the deals agreed in the games fail at home.

``round_robin=True`` plays every computer pairing and puts each reference player against
every computer strategy instead (45 pairings, several times slower). Structural checks find
red lines that never bind and issues on which the sides want the same thing. Advice in
words is in :mod:`.balance_advice`, output in :mod:`.balance_output`. Everything here is
pure: it returns data and never prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from game.engine.analysis import Analysis, analyze_rules
from game.engine.rules import Rules
from game.engine.space import forbidden_mask
from game.engine.strategies import REFERENCE

from .games import BASELINE, COMPUTER, SEED, Pairing, computer_seats, play_pairings
from .home import Home, home

#: Games per pairing. Small outcome spaces cost about the same per pairing whatever the number
#: of games (the engine's per-move work dominates), so they get more games and steadier rates;
#: large ones pay per game, so they get fewer (see docs/authoring.md, "Check the balance").
GAMES_SMALL, GAMES_LARGE = 100, 50
LARGE_SPACE = 5000


def games_for(rules: Rules) -> int:
    """Games per pairing for ``rules``' outcome space."""
    return GAMES_SMALL if rules.space.size < LARGE_SPACE else GAMES_LARGE


@dataclass(frozen=True)
class IdleRedLine:
    """A red line that excludes nothing from the agreement zone."""

    actor: str
    index: int  # position in ``red_lines[actor]``
    issue: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class SharedIssue:
    """An issue without a trade-off: no two options the sides rank in opposite order."""

    issue: str
    best: str  # the option both sides like best (the first on ties)
    indifferent: tuple[str, ...]  # actor ids that value every option the same


@dataclass(frozen=True)
class Stubbornness:
    """One reference player in one seat, against the other side's computer strategies,
    beside ``linear`` in the same seat against the same opponents."""

    strategy: str
    seat: int
    opponents: tuple[str, ...]
    games: int
    gain: float  # the reference side's mean gain over its no-deal value
    baseline_gain: float  # linear's, in the same seat against the same opponents
    walked_out: float  # share of games the opponents walked out of
    no_deal: float

    @property
    def pays(self) -> bool:
        """Stubbornness pays when it gains at least as much as conceding on a clock."""
        return self.gain >= self.baseline_gain - 1e-9


def _weighted(pairings: tuple[Pairing, ...], value: Callable[[Pairing], float]) -> float:
    games = sum(p.games for p in pairings)
    return sum(value(p) * p.games for p in pairings) / games if games else 0.0


def better_of(pairings: tuple[Pairing, ...]) -> tuple[float, float]:
    """Share of the games each side gained more than the other over its own no-deal value."""
    return (_weighted(pairings, lambda p: p.better[0]), _weighted(pairings, lambda p: p.better[1]))


def split_of(pairings: tuple[Pairing, ...]) -> float | None:
    """Side 0's share of the games one side did better in (ties, e.g. no deal, left out)."""
    better = better_of(pairings)
    return better[0] / sum(better) if sum(better) > 0 else None


def no_deal_of(pairings: tuple[Pairing, ...]) -> float:
    return 1.0 - _weighted(pairings, lambda p: p.agreement_rate)


@dataclass(frozen=True)
class Balance:
    """The balance report of one scenario."""

    outcomes: int
    zone: int
    nash: int | None
    kalai_smorodinsky: int | None
    nash_gain: tuple[float, float] | None
    pairings: tuple[Pairing, ...]  # computer against computer; empty when not simulated
    reference: tuple[Pairing, ...]  # the reference players and their baseline
    stubbornness: tuple[Stubbornness, ...]
    games_per_pair: int
    seed: int
    round_robin: bool
    home: tuple[Home, Home]
    idle_red_lines: tuple[IdleRedLine, ...]
    shared_issues: tuple[SharedIssue, ...]
    advice: tuple[str, ...]

    @property
    def simulated(self) -> bool:
        return bool(self.pairings)

    @property
    def games(self) -> int:
        return sum(p.games for p in self.pairings)

    @property
    def better(self) -> tuple[float, float] | None:
        """Share of computer games each side gained more than the other over its own no-deal value."""
        return better_of(self.pairings) if self.pairings else None

    @property
    def split(self) -> float | None:
        """Side 0's share of the games one side did better in (ties, e.g. no deal, left out)."""
        return split_of(self.pairings)

    @property
    def no_deal_rate(self) -> float | None:
        return no_deal_of(self.pairings) if self.pairings else None

    def per_side(self, value: Callable[[Pairing, int], float]) -> tuple[float, float] | None:
        """A per-side rate averaged over the computer games (weighted by games)."""
        if not self.pairings:
            return None
        return (_weighted(self.pairings, lambda p: value(p, 0)), _weighted(self.pairings, lambda p: value(p, 1)))

    @property
    def walkaway(self) -> tuple[float, float] | None:
        return self.per_side(lambda p, a: p.walkaway[a])

    @property
    def mean_gain(self) -> tuple[float, float] | None:
        return self.per_side(lambda p, a: p.mean_gain[a])

    @property
    def attempts(self) -> int:
        return sum(p.attempts for p in self.pairings)

    @property
    def failed(self) -> int:
        return sum(p.failed for p in self.pairings)

    @property
    def failure_rate(self) -> float | None:
        """Share of ratification attempts in the computer games that failed at home (exact)."""
        return self.failed / self.attempts if self.attempts else None

    @property
    def rejection(self) -> tuple[float, float] | None:
        """Each constituency's mean chance of rejecting the deals the computer games ratified."""
        deals = sum(p.deals for p in self.pairings)
        if not deals:
            return None
        return (sum(p.rejection[0] for p in self.pairings) / deals, sum(p.rejection[1] for p in self.pairings) / deals)


def opponents(rules: Rules, seat: int, round_robin: bool) -> tuple[str, ...]:
    """The computer strategies a reference player in ``seat`` meets: the other side's style, or all."""
    if round_robin:
        return COMPUTER
    style = rules.scenario.actors[1 - seat].style
    return (style if style in COMPUTER else "adaptive",)


def _seat(strategy: str, seat: int, other: str) -> tuple[str, str]:
    return (strategy, other) if seat == 0 else (other, strategy)


def stubbornness(rules: Rules, played: dict[tuple[str, str], Pairing], round_robin: bool) -> list[Stubbornness]:
    """Each reference player in each seat against its opponents, beside the linear baseline."""
    out = []
    for strategy in REFERENCE:
        for seat in (0, 1):
            rivals = opponents(rules, seat, round_robin)
            mine = tuple(played[_seat(strategy, seat, o)] for o in rivals)
            base = tuple(played[_seat(BASELINE, seat, o)] for o in rivals)
            out.append(Stubbornness(
                strategy=strategy, seat=seat, opponents=rivals, games=sum(p.games for p in mine),
                gain=_weighted(mine, lambda p, s=seat: p.mean_gain[s]),
                baseline_gain=_weighted(base, lambda p, s=seat: p.mean_gain[s]),
                walked_out=_weighted(mine, lambda p, s=seat: p.walkaway[1 - s]),
                no_deal=1.0 - _weighted(mine, lambda p: p.agreement_rate),
            ))
    return out


def balance_pairs(rules: Rules, round_robin: bool) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(computer pairings, reference pairings) a report plays, each pairing once."""
    computer = computer_seats() if round_robin else [(c, c) for c in COMPUTER]
    reference: list[tuple[str, str]] = []
    for strategy in (*REFERENCE, BASELINE):
        for seat in (0, 1):
            for other in opponents(rules, seat, round_robin):
                pair = _seat(strategy, seat, other)
                if pair not in reference and pair not in computer:
                    reference.append(pair)
    return computer, reference


def idle_red_lines(rules: Rules, analysis: Analysis) -> list[IdleRedLine]:
    """Red lines no agreement-zone package would cross even without them.

    A red line binds when some package that beats both reservation values and respects
    every *other* red line uses one of its options; otherwise removing it changes nothing.
    """
    s = rules.scenario
    u, r = analysis.utilities, analysis.reservation
    beats = (u[0] > r[0]) & (u[1] > r[1])
    lines = [
        (a, k, line)
        for a, actor in enumerate(rules.actor_ids)
        for k, line in enumerate(s.red_lines.get(actor, []))
    ]
    out = []
    for a, k, line in lines:
        barred: dict[int, list[int]] = {}
        for b, j, other in lines:
            if (b, j) == (a, k):
                continue
            i = rules.issue_ids.index(other.issue)
            barred.setdefault(i, []).extend(rules.option_ids[i].index(o) for o in other.options)
        allowed = beats & ~forbidden_mask(rules.digits, barred)
        i = rules.issue_ids.index(line.issue)
        mine = [rules.option_ids[i].index(o) for o in line.options]
        if not (allowed & np.isin(rules.digits[:, i], mine)).any():
            out.append(IdleRedLine(rules.actor_ids[a], k, line.issue, tuple(line.options)))
    return out


def shared_issues(rules: Rules) -> list[SharedIssue]:
    """Issues where no pair of options is ranked in opposite order by the two sides."""
    out = []
    for i, issue in enumerate(rules.issue_ids):
        k = rules.space.radices[i]
        v0, v1 = rules.values[0, i, :k], rules.values[1, i, :k]
        d0 = v0[:, None] - v0[None, :]
        d1 = v1[:, None] - v1[None, :]
        if ((d0 * d1) < 0).any():
            continue
        best = int(np.lexsort((np.arange(k), -(v0 + v1)))[0])
        flat = tuple(rules.actor_ids[a] for a, v in enumerate((v0, v1)) if np.ptp(v) == 0)
        out.append(SharedIssue(issue, rules.option_ids[i][best], flat))
    return out


def _issue_name(rules: Rules, issue_id: str) -> str:
    return rules.scenario.issue(issue_id).name


def package_words(rules: Rules, package: int) -> list[str]:
    """A package as ``Issue: Option`` phrases."""
    return [
        f"{_issue_name(rules, issue)}: {rules.scenario.option_label(issue, option)}"
        for issue, option in rules.choice_of(package).items()
    ]


def balance(
    rules: Rules,
    analysis: Analysis | None = None,
    *,
    simulated: bool = True,
    games: int | None = None,
    seed: int = SEED,
    round_robin: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Balance:
    """The balance report of ``rules``' scenario (``simulated=False`` skips the computer games).

    ``progress(done, total)`` is called after each pairing played.
    """
    from .balance_advice import advise

    analysis = analysis if analysis is not None else analyze_rules(rules)
    games = games if games is not None else games_for(rules)
    nash = analysis.nash
    gain = None
    if nash is not None:
        g = analysis.utilities[:, nash] - analysis.reservation
        gain = (float(g[0]), float(g[1]))
    computer: tuple[Pairing, ...] = ()
    reference: tuple[Pairing, ...] = ()
    stubborn: list[Stubbornness] = []
    if simulated and len(analysis.zone):
        first, second = balance_pairs(rules, round_robin)
        pairs = first + second
        done = [0]

        def tick() -> None:
            done[0] += 1
            if progress is not None:
                progress(done[0], len(pairs))

        played = dict(zip(pairs, play_pairings(rules, pairs, games, seed, progress=tick), strict=True))
        computer = tuple(played[p] for p in first)
        reference = tuple(played[p] for p in second)
        stubborn = stubbornness(rules, played, round_robin)
    report = Balance(
        outcomes=analysis.outcomes,
        zone=len(analysis.zone),
        nash=nash,
        kalai_smorodinsky=analysis.kalai_smorodinsky,
        nash_gain=gain,
        pairings=computer,
        reference=reference,
        stubbornness=tuple(stubborn),
        games_per_pair=games if computer else 0,
        seed=seed,
        round_robin=round_robin,
        home=home(rules, analysis),
        idle_red_lines=tuple(idle_red_lines(rules, analysis)),
        shared_issues=tuple(shared_issues(rules)),
        advice=(),
    )
    return replace(report, advice=tuple(advise(rules, report)))

