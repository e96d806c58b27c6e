"""What the logs mean together: copies across logs, which game of a table counts, and each table's standing.

:func:`verify_logs` gives every log its verdict (:func:`.verify.verify_log`) and then
looks across logs: the same game handed in twice, the same moves at two tables, a table
with more than one genuine game. :func:`table_standings` then says, table by table,
whether it has exactly one genuine game — what ``parley class verify`` exits on, and what
the class report counts.

The exercise's rule for a table with more than one game: **the first game started
counts** (:func:`first_key`): the lowest attempt number (a game restarted on the same
computer carries its number and the hashes of the earlier attempts), then the earliest
recorded start, then the chain's own hash; never a file's name or the order files are read in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .exercise import OpenExercise
from .roster import same_name
from .verify import COPY_MIN_PACKAGES, VERDICT_TEXT, Check, verify_log

Status = Literal["genuine", "several", "missing", "edited", "copy", "claims", "forged", "unverified", "unreadable"]
STATUS_TEXT: dict[str, str] = {
    **VERDICT_TEXT,
    "several": "MORE THAN ONE GAME",
    "missing": "MISSING",
}
#: Which bad verdict names a table that has no genuine game, worst first.
WORST: tuple[Status, ...] = ("forged", "copy", "edited", "claims", "unverified", "unreadable")


def first_key(check: Check) -> tuple[int, str, str]:
    """The order of a table's games under the exercise rule: the first game started comes first."""
    return check.attempt, check.started or "", check.genesis


def _attempt_text(check: Check) -> str:
    started = f", started {check.started}" if check.started else ""
    return f"attempt {check.attempt}{started}"


def _same_table_twice(group: list[Check]) -> None:
    """One game (one chain: the same genesis) handed in more than once: the first stays, the others are
    duplicates, or copies when the names on them differ. The same moves on another chain are another
    game at the table (see :func:`_extra_games`)."""
    by_game: dict[str, list[Check]] = {}
    for check in group:
        by_game.setdefault(check.genesis, []).append(check)
    for same in by_game.values():
        ordered = sorted(same, key=first_key)
        first = ordered[0]
        for other in ordered[1:]:
            if other.seal == first.seal:
                other.verdict = "duplicate"
                other.reason = f"the same game as {first.name} (table {first.table}), handed in twice; it counts once"
            else:
                other.verdict = "copy"
                other.reason = (f"the same game as {first.name} (table {first.table}) handed in twice, under other "
                                f"names ({other.names_text() or 'none'}, not {first.names_text() or 'none'})")


def _copies(checks: list[Check]) -> None:
    """Genuine logs with the same moves: one table's game twice, or (suspect) two tables' games alike.

    Two tables with the same moves are suspect only when students proposed at least
    :data:`COPY_MIN_PACKAGES` different packages: accepting the computer's offer, or insisting
    on one obvious package, can genuinely repeat from table to table against a deterministic
    computer. Then every one of them is flagged: any may be the copy.
    """
    groups: dict[str, list[Check]] = {}
    for check in checks:
        if check.genuine and check.moves_key is not None:
            groups.setdefault(check.moves_key, []).append(check)
    for group in groups.values():
        by_table: dict[int | None, list[Check]] = {}
        for check in group:
            by_table.setdefault(check.table, []).append(check)
        for same in by_table.values():
            if len(same) > 1:
                _same_table_twice(same)
        firsts = [sorted(same, key=first_key)[0] for same in by_table.values()]
        if len(firsts) > 1 and max(c.human_packages for c in firsts) >= COPY_MIN_PACKAGES:
            for one in firsts:
                other = next(c for c in firsts if c is not one)
                one.verdict = "copy"
                one.reason = (f"the same moves as {other.name} (table {other.table}); one of the two is a copy of "
                              "the other")


def _extra_games(checks: list[Check]) -> None:
    """A table with more than one genuine game: the first started counts, the others are marked."""
    by_table: dict[int, list[Check]] = {}
    for check in checks:
        if check.genuine and check.table is not None:
            by_table.setdefault(check.table, []).append(check)
    for number, games in by_table.items():
        ordered = sorted(games, key=first_key)
        first = ordered[0]
        for n, other in enumerate(ordered[1:], start=2):
            other.verdict = "extra"
            listed = " (it lists the counted game as an earlier attempt)" if first.genesis in other.earlier else ""
            other.reason = (f"game {n} handed in for table {number} ({_attempt_text(other)}){listed}: only the "
                            f"first game started counts, {first.name} ({_attempt_text(first)})")


def _notes(opened: OpenExercise, checks: list[Check]) -> None:
    """What a teacher should know of a game that counts: a restart, names not the roster's, no name."""
    roster = opened.roster()
    for check in checks:
        if not check.genuine or check.table is None:
            continue
        if check.attempt > 1:
            check.notes.append(f"attempt {check.attempt}: the table was started {check.attempt - 1} time(s) before "
                               "on the computer it was played on, and that game was not handed in")
        plan = opened.exercise.table(check.table)
        for actor in plan.humans:
            seated = roster.at(plan.number, actor) if roster is not None else None
            given = check.students.get(actor)
            if seated is not None and given is not None and not same_name(seated.name, given):
                check.notes.append(f"it names {given} for {actor}, but the roster seats {seated.name} there")
            elif seated is None and given is None:
                check.notes.append(f"no student name for {actor}")


def verify_logs(opened: OpenExercise, logs: list[tuple[str, Any]], secret: bytes | None = None) -> list[Check]:
    """Verdicts on every log, then across logs: copies, games handed in twice, tables with more than one game."""
    checks = [verify_log(opened, name, data, secret) for name, data in logs]
    _copies(checks)
    _extra_games(checks)
    _notes(opened, checks)
    return checks


@dataclass
class TableStanding:
    """One table's standing: its status, the game that counts (if any), and every log that claims it."""

    table: int
    status: Status
    reason: str
    counts: Check | None = None
    logs: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Exactly one genuine game, and nothing else handed in for the table but copies of that same file."""
        return self.status == "genuine" and all(c.verdict in ("genuine", "duplicate") for c in self.logs)

    def line(self) -> str:
        return f"Table {self.table}: {STATUS_TEXT[self.status]} — {self.reason}"


def _standing(number: int, logs: list[Check]) -> TableStanding:
    genuine = [c for c in logs if c.genuine]
    if not logs:
        return TableStanding(number, "missing", "no game handed in")
    if genuine:
        counts = genuine[0]
        extras = [c for c in logs if c.verdict == "extra"]
        others = [c for c in logs if c.verdict not in ("genuine", "duplicate", "extra")]
        tail = "".join(f"; also handed in: {c.name} ({VERDICT_TEXT[c.verdict]})" for c in others)
        if extras:
            games = len(extras) + 1
            rest = ", ".join(f"{c.name} ({_attempt_text(c)})" for c in extras)
            return TableStanding(number, "several", f"{games} genuine games handed in; {counts.name} counts (the "
                                 f"first game started: {_attempt_text(counts)}); not counted: {rest}{tail}",
                                 counts, logs)
        who = f" ({counts.names_text()})" if counts.students else ""
        return TableStanding(number, "genuine", f"{counts.name}{who}{tail}", counts, logs)
    status = next(s for s in WORST if any(c.verdict == s for c in logs))
    named = ", ".join(f"{c.name} ({VERDICT_TEXT[c.verdict]})" for c in logs)
    return TableStanding(number, status, f"no genuine game; handed in: {named}", None, logs)


def table_standings(opened: OpenExercise, checks: list[Check], every_table: bool = True) -> list[TableStanding]:
    """Each table's standing (only the tables some log claims, unless ``every_table``)."""
    numbers = [t.number for t in opened.exercise.tables]
    claimed = {c.claimed for c in checks}
    return [_standing(n, [c for c in checks if c.claimed == n]) for n in numbers if every_table or n in claimed]


def unattributed(opened: OpenExercise, checks: list[Check]) -> list[Check]:
    """Logs that claim no table of this exercise (unreadable, another exercise's, a table it does not have)."""
    numbers = {t.number for t in opened.exercise.tables}
    return [c for c in checks if c.claimed not in numbers]


def problem_tables(standings: list[TableStanding]) -> list[int]:
    return [s.table for s in standings if not s.ok]
