"""The balance games: computer strategies against each other, and the reference players against them.

Every pairing plays the same chance tapes (one seed, common random numbers), so differences
between pairings come from the strategies, not from luck, and each pairing is exactly
``parley simulate --strategy A=x --strategy B=y --games N --seed S``. The games are played
with the engine's :func:`~game.engine.simulate.play_block` directly rather than through
``simulate``, for two reasons: the batch it returns counts ratification attempts, which
``simulate`` does not keep, and the analysis every ``SimResult`` carries is computed once
for all pairings instead of once per pairing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import product

import numpy as np

from game.engine.analysis import Analysis, analyze_rules
from game.engine.batch import Status, draw_tapes
from game.engine.rules import Rules
from game.engine.simulate import SimResult, play_block
from game.engine.strategies import REFERENCE, STRATEGIES

#: The computer strategies an opponent may play; the reference players are not among them.
COMPUTER: tuple[str, ...] = tuple(s for s in STRATEGIES if s not in REFERENCE)
#: The computer strategy each reference player is measured against in its own seat.
BASELINE = "linear"
DIFFICULTY = "normal"
SEED = 0
#: Outcome spaces at least this large play pairings on two threads (numpy releases the GIL in
#: the large array work); on small ones threads cost more than they save.
THREADED_SPACE = 2000

Seats = tuple[tuple[str, str], tuple[str, str]]


@dataclass(frozen=True)
class Pairing:
    """One strategy per side over ``games`` games: rates per game, gains over each side's no-deal value."""

    strategies: tuple[str, str]
    games: int
    agreement_rate: float
    better: tuple[float, float]  # share of games each side gains more over its own no-deal value
    mean_utility: tuple[float, float]
    mean_gain: tuple[float, float]  # mean utility minus each side's own no-deal value
    walkaway: tuple[float, float]  # share of games each side walked out of
    attempts: int  # ratification attempts (agreed packages put to both constituencies)
    failed: int  # attempts that failed at home
    deals: int  # games that ended in a ratified deal
    rejection: tuple[float, float]  # summed chance each constituency rejects those deals
    #: Per crisis (in event order): games it broke in, deals among them, deals among the others.
    crises: tuple[tuple[int, int, int], ...] = ()
    #: Per crisis answer (the rules' global answer order): games it was given in, deals among them.
    answers: tuple[tuple[int, int], ...] = ()

    @property
    def reference(self) -> bool:
        """Whether a reference player (hardliner, bully) sits at the table."""
        return any(s in REFERENCE for s in self.strategies)


def computer_seats() -> list[tuple[str, str]]:
    """Every (side 0, side 1) pair of computer strategies."""
    return list(product(COMPUTER, COMPUTER))


def reference_seats() -> list[tuple[str, str]]:
    """Each reference player in each seat against each computer strategy in the other."""
    first = [(r, c) for r in REFERENCE for c in COMPUTER]
    return first + [(c, r) for r in REFERENCE for c in COMPUTER]


def play_one(rules: Rules, tapes: np.ndarray, pair: tuple[str, str], analysis: Analysis) -> Pairing:
    """One pairing on ``tapes``: the summary ``simulate`` would give, plus the ratification counts."""
    seats: Seats = ((pair[0], DIFFICULTY), (pair[1], DIFFICULTY))
    batch = play_block(rules, tapes, seats)
    result = SimResult(
        status=batch.status.astype(np.int64), deal=batch.deal.astype(np.int64), returns=batch.returns(),
        rounds=batch.round.astype(np.int64), trust=batch.trust, walked_by=batch.walked_by.astype(np.int64),
        reservation=batch.reservation, analysis=analysis,
    )
    s = result.summary()
    deals = batch.deal[batch.status == Status.DEAL]
    rejection = 1.0 - rules.ratification[:, deals]
    attempts = int(batch.attempts.sum())
    dealt = batch.status == Status.DEAL
    broke = [batch.fired[:, k] > 0 for k in range(len(rules.event_ids)) if rules.crisis_side[k] >= 0]
    given = (batch.answered > 0).T
    return Pairing(
        strategies=pair,
        games=result.games,
        agreement_rate=s["agreement_rate"],
        better=(s["better_0"], s["better_1"]),
        mean_utility=(s["mean_utility_0"], s["mean_utility_1"]),
        mean_gain=(s["mean_gain_0"], s["mean_gain_1"]),
        walkaway=(s["walkaway_rate_0"], s["walkaway_rate_1"]),
        attempts=attempts,
        failed=attempts - len(deals),
        deals=len(deals),
        rejection=(float(rejection[0].sum()), float(rejection[1].sum())),
        crises=tuple((int(b.sum()), int((b & dealt).sum()), int((~b & dealt).sum())) for b in broke),
        answers=tuple((int(a.sum()), int((a & dealt).sum())) for a in given),
    )


def play_pairings(
    rules: Rules,
    pairs: Sequence[tuple[str, str]],
    games: int,
    seed: int = SEED,
    workers: int | None = None,
    progress: Callable[[], None] | None = None,
) -> tuple[Pairing, ...]:
    """Every pairing of ``pairs``, ``games`` games each, all on the tapes of ``seed``.

    Results are the same on one thread or two: pairings share no state once the rules'
    cached tables are built, which is done here first. ``progress()`` is called after each
    pairing (from the worker threads when there are several).
    """
    if workers is None:
        workers = 2 if rules.space.size >= THREADED_SPACE and (os.cpu_count() or 1) > 1 else 1
    _ = rules.digits, rules.forbidden, rules.base_utilities, rules.ratification
    analysis = analyze_rules(rules)
    tapes = draw_tapes(rules, np.random.default_rng(seed), games)
    tapes.flags.writeable = False  # shared by every pairing: no game may change another's luck

    def run(pair: tuple[str, str]) -> Pairing:
        out = play_one(rules, tapes, pair, analysis)
        if progress is not None:
            progress()
        return out

    if workers <= 1:
        return tuple(run(pair) for pair in pairs)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return tuple(pool.map(run, pairs))

