"""Grades: a row per student seat, and ``report/grades.csv`` for a spreadsheet or an LMS gradebook.

Every student seat of every table gets a row: the table, the seat (the side's id, what
``--as`` takes), the side's name, the student (the roster's, else the name sealed in the
log), how the game ended, the side's utility, its gain over no deal, the table's share of
the Nash product, whether the deal was ratified, and the student's rank among everyone
who played the same side. A seat whose table has no game that counts keeps its row, with
the table's standing as the result and the numbers empty, so no student drops out of the
gradebook unseen.

``--grade`` says what counts as the grade (:data:`GRADE_TEXT`): ``gain`` (the default),
``nash-share`` or ``rank``; it is also what ``rank`` ranks by (gain for ``rank``). The CSV's
columns never change with it, so a gradebook import can be set up once.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Literal

from .exercise import OpenExercise
from .standing import STATUS_TEXT, TableStanding

Grade = Literal["gain", "nash-share", "rank"]
GRADES: tuple[Grade, ...] = ("gain", "nash-share", "rank")
GRADE_TEXT: dict[str, str] = {
    "gain": "each student's gain over their no-deal value (utility minus no-deal value; higher is better)",
    "nash-share": "the share of the Nash product the student's table reached (0 to 1; both students of a hot-seat "
                  "table get the same)",
    "rank": "each student's rank among the students who played the same side, by gain over no deal (1 is best)",
}
GRADES_HEADER = ["table", "seat", "side", "student", "result", "utility", "gain", "nash_share", "ratified", "rank"]


def result_token(summary: dict[str, Any]) -> str:
    """How a game ended, for the gradebook: deal, walked out (side), deadline, ratification failed."""
    status = summary["status"]
    failed = summary.get("failed_ratifications") or 0
    if status == "deal":
        return "deal"
    if status == "walked":
        return f"walked out ({summary['walked_by']})"
    if status == "failed":
        return "ratification failed"
    return "ratification failed, then deadline" if failed else "deadline"


@dataclass(frozen=True)
class StudentRow:
    """One student seat's result (the numbers None when the table has no game that counts)."""

    table: int
    seat: str
    side: str
    student: str
    student_id: str | None
    result: str
    utility: float | None
    gain: float | None
    nash_share: float | None
    ratified: bool | None
    rank: int | None
    log: str | None

    def measure(self, grade: Grade) -> float | None:
        """What ranks a student under ``grade`` (gain for ``rank``); None when there is no game."""
        if self.gain is None:
            return None
        return (self.nash_share or 0.0) if grade == "nash-share" else self.gain

    def grade(self, grade: Grade) -> float | int | None:
        return self.rank if grade == "rank" else self.measure(grade)


def _ranked(rows: list[StudentRow], grade: Grade) -> list[StudentRow]:
    """Each row with its rank among the rows of its side (ties share the better rank: 1, 2, 2, 4)."""
    out = []
    for row in rows:
        mine = row.measure(grade)
        if mine is None:
            out.append(row)
            continue
        rivals = [r.measure(grade) for r in rows if r.seat == row.seat and r.measure(grade) is not None]
        better = sum(1 for m in rivals if m is not None and m > mine + 1e-9)
        out.append(_with(row, rank=better + 1))
    return out


def _with(row: StudentRow, **changes: Any) -> StudentRow:
    values = {name: getattr(row, name) for name in row.__dataclass_fields__}
    values.update(changes)
    return StudentRow(**values)


def student_rows(opened: OpenExercise, standings: list[TableStanding], grade: Grade = "gain") -> list[StudentRow]:
    """A row per student seat, table by table, side by side, ranked under ``grade``."""
    scenario = opened.scenario
    roster = opened.roster()
    rows = []
    for standing in standings:
        plan = opened.exercise.table(standing.table)
        check = standing.counts
        summary = check.outcome if check is not None else None
        for actor in scenario.actors:
            if actor.id not in plan.humans:
                continue
            seated = roster.at(plan.number, actor.id) if roster is not None else None
            name = seated.name if seated is not None else (check.students.get(actor.id, "") if check else "")
            if summary is None:
                rows.append(StudentRow(plan.number, actor.id, actor.name, name, seated.id if seated else None,
                                       STATUS_TEXT[standing.status].lower(), None, None, None, None, None, None))
                continue
            assert check is not None
            rows.append(StudentRow(
                plan.number, actor.id, actor.name, name, seated.id if seated else None, result_token(summary),
                float(summary["utility"][actor.id]), float(summary["gain"][actor.id]),
                None if summary["nash_share"] is None else float(summary["nash_share"]), summary["ratified"],
                None, check.name))
    return _ranked(rows, grade)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def grades_csv(rows: list[StudentRow], with_ids: bool) -> str:
    """The gradebook: exactly :data:`GRADES_HEADER` (plus ``student_id`` when the roster has ids)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(GRADES_HEADER + (["student_id"] if with_ids else []))
    for r in rows:
        ratified = "" if r.ratified is None else "yes" if r.ratified else "no"
        cells = [str(r.table), r.seat, r.side, r.student, r.result, _number(r.utility), _number(r.gain),
                 _number(r.nash_share), ratified, "" if r.rank is None else str(r.rank)]
        writer.writerow(cells + ([r.student_id or ""] if with_ids else []))
    return out.getvalue()


def grade_text(row: StudentRow, grade: Grade, of: int) -> str:
    """A row's grade in words for the report: '+0.123', '81%', '2 of 5'."""
    value = row.grade(grade)
    if value is None:
        return "—"
    if grade == "rank":
        return f"{value} of {of}"
    return f"{value:.0%}" if grade == "nash-share" else f"{value:+.3f}"
