"""From the store to the exercise kit: signed logs of finished live games, then the class report.

The logs are the classroom's own (:func:`game.classroom.files.write_result`), rebuilt from
the stored moves, with the students' names from the store's sittings sealed on, and signed
with the exercise's secret, so ``parley class verify`` and ``parley class report`` treat
them like any hosted game's. Before a log is written, its chain head must equal the one
the store built move by move: the two are one chain. Writing the same game again keeps
the file written before (same chain head and names), or rewrites that file when a name
came in since, so an export can run as often as anyone likes; a lock keeps two processes
from exporting at once.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.exercise import ClassroomError, OpenExercise
from game.classroom.files import write_result
from game.classroom.grades import Grade
from game.classroom.report import ReportData
from game.classroom.reportfiles import write_class_report as classroom_report

from .errors import LiveError, StoreError

__all__ = ["Exported", "export_results", "has_store", "write_class_report"]
from .locate import has_store, open_store
from .store import Store
from .tables import log_seat

LOCK_FILE = ".live-export.lock"


@dataclass
class Exported:
    """What an export did: logs written (or found written), games still going, tables not started."""

    written: list[Path] = field(default_factory=list)
    unfinished: list[int] = field(default_factory=list)
    unstarted: list[int] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.written)} finished live game(s) in results/"]
        if self.unfinished:
            parts.append(f"still playing: table {', '.join(map(str, self.unfinished))}")
        if self.unstarted:
            parts.append(f"no move yet: table {', '.join(map(str, self.unstarted))}")
        return "; ".join(parts)


@contextmanager
def _export_lock(opened: OpenExercise) -> Iterator[None]:
    path = opened.folder / LOCK_FILE
    with open(path, "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def export_results(opened: OpenExercise, store: Store | None = None) -> Exported:
    """Write the signed log of every finished live game into ``results/``."""
    secret = opened.secret()
    if secret is None:
        raise LiveError(f"{opened.secret_path}: missing or unreadable; live games are exported (and signed) "
                        "where the instructor folder is")
    own = store is None
    store = store or open_store(opened)
    out = Exported()
    try:
        with _export_lock(opened):
            for plan in opened.exercise.tables:
                replica = store.replica(plan)
                if not replica.rows:
                    out.unstarted.append(plan.number)
                    continue
                if not replica.state.is_terminal:
                    out.unfinished.append(plan.number)
                    continue
                path = write_result(opened, plan, log_seat(plan), replica.state, secret=secret,
                                    students=store.students(plan), replace_same_game=True)
                head = json.loads(path.read_text(encoding="utf-8")).get("head")
                if head != replica.head:
                    raise StoreError(f"{path}: its chain head differs from the store's for table {plan.number}; "
                                     "move that file away and export again")
                out.written.append(path)
    except (OSError, ClassroomError) as exc:
        raise LiveError(f"{opened.folder / 'results'}: cannot write the live games' logs ({exc})") from None
    finally:
        if own:
            store.close()
    return out


def write_class_report(opened: OpenExercise, grade: Grade = "gain") -> tuple[ReportData, dict[str, Path]]:
    """The exercise kit's class report over the exported logs (its errors as LiveError)."""
    try:
        data, written, _ = classroom_report(opened, grade)
    except ClassroomError as exc:
        raise LiveError(str(exc)) from None
    return data, written
