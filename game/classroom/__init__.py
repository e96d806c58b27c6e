"""Classroom exercises: one scenario played at many tables, then verified and compared.

- :mod:`.exercise`: the exercise file (pydantic), table seeds and codes, opening a folder.
- :mod:`.sheets`: role sheets, handouts and the instructor sheet (Markdown and print HTML).
- :mod:`.chain` and :mod:`.logs`: hash-chained game logs, written and verified by replay.
- :mod:`.play`: a table's session, turn timer and time-out move, for every front end.
- :mod:`.report` and :mod:`.charts`: the class report and its chart.
- :mod:`.files`: the only module that writes files.

It sits between the front ends and the session layer: it may use sessions and the engine,
and the TUI, plain mode and commands may use it.
"""

from .exercise import ClassroomError, Exercise, OpenExercise, TablePlan, open_exercise
from .play import TIMEOUT_REASON, TableGame, TurnTimer, finish_table, start_table, timeout_move
from .verify import Check, verify_logs

__all__ = [
    "TIMEOUT_REASON",
    "Check",
    "ClassroomError",
    "Exercise",
    "OpenExercise",
    "TableGame",
    "TablePlan",
    "TurnTimer",
    "finish_table",
    "open_exercise",
    "start_table",
    "timeout_move",
    "verify_logs",
]
