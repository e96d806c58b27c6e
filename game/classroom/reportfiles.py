"""Writing the class report: ``report/report.md``, ``report.html``, ``outcomes.png`` and ``grades.csv``.

:func:`write_class_report` is the one place the report is made, for ``parley class report``
and for the live dashboard's end of session alike: it verifies every log in ``results/``,
chooses each table's game by the exercise's rule, and writes every file atomically.
"""

from __future__ import annotations

from pathlib import Path

from game.session import write_atomic

from .exercise import REPORT_DIR, ClassroomError, OpenExercise
from .files import read_logs
from .grades import Grade, grades_csv
from .report import ReportData, build_report
from .standing import verify_logs

GRADES_FILE = "grades.csv"


def write_report(opened: OpenExercise, data: ReportData, markdown: str, page: str,
                 png: bytes | None) -> dict[str, Path]:
    """Write report.md, report.html, grades.csv and (when drawn) outcomes.png into ``report/``."""
    folder = opened.folder / REPORT_DIR
    folder.mkdir(exist_ok=True)
    written = {"markdown": folder / "report.md", "html": folder / "report.html", "grades": folder / GRADES_FILE}
    write_atomic(written["markdown"], markdown)
    write_atomic(written["html"], page)
    write_atomic(written["grades"], grades_csv(data.students, data.with_ids))
    if png is not None:
        written["png"] = folder / "outcomes.png"
        written["png"].write_bytes(png)
    return written


def write_class_report(opened: OpenExercise, grade: Grade = "gain") -> tuple[ReportData, dict[str, Path], str | None]:
    """Verify every log in ``results/``, build the class report (grades by ``grade``) and write it.

    Returns the report's data, the paths written and, when no chart image could be drawn
    (matplotlib missing), why.
    """
    from .charts import outcome_chart
    from .pages import report_html, report_markdown

    data = build_report(opened, verify_logs(opened, read_logs(opened), opened.secret()), grade)
    png, problem = outcome_chart(data)
    try:
        written = write_report(opened, data, report_markdown(data, "outcomes.png" if png else None),
                               report_html(data, png, problem), png)
    except OSError as exc:
        raise ClassroomError(f"{opened.folder / REPORT_DIR}: cannot write the report ({exc.strerror or exc})") from None
    return data, written, problem
