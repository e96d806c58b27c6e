"""Classroom exercises: one scenario played at many tables, then verified and compared.

- :mod:`.exercise`: the exercise file (pydantic) and opening a folder or a student's seat file;
  :mod:`.planning` makes one (table seeds from a secret, codes); :mod:`.roster` seats a class list.
- :mod:`.sheets`, :mod:`.glance` and :mod:`.instructor`: role sheets (full and at a glance), handouts,
  and the instructor sheet (Markdown and print HTML); :mod:`.debrief`: the debrief questions.
- :mod:`.seatfile`: the scrambled seat files of hand-out mode.
- :mod:`.chain` and :mod:`.logs`: hash-chained game logs with the students' names sealed on.
- :mod:`.verify` and :mod:`.standing`: a log's verdict by replay, and each table's standing
  (which game counts when a table hands in more than one).
- :mod:`.play` and :mod:`.attempts`: a table's session, its attempts, turn timer and time-out move.
- :mod:`.report`, :mod:`.pages`, :mod:`.grades`, :mod:`.concessions` and :mod:`.charts`: the class report.
- :mod:`.files` writes exercises and logs, :mod:`.reportfiles` the report; :mod:`.attempts` keeps
  the local record of a table's attempts. Nothing else touches the disk.

It sits between the front ends and the session layer: it may use sessions and the engine,
and the TUI, plain mode and commands may use it.
"""

from .exercise import ClassroomError, Exercise, OpenExercise, TablePlan, open_exercise
from .play import TIMEOUT_REASON, TableGame, TurnTimer, finish_table, sign_in, start_table, timeout_move
from .standing import TableStanding, table_standings, verify_logs
from .verify import Check

__all__ = [
    "TIMEOUT_REASON",
    "Check",
    "ClassroomError",
    "Exercise",
    "OpenExercise",
    "TableGame",
    "TablePlan",
    "TableStanding",
    "TurnTimer",
    "finish_table",
    "open_exercise",
    "sign_in",
    "start_table",
    "table_standings",
    "timeout_move",
    "verify_logs",
]
