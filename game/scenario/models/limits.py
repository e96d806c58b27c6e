"""Every length and count limit of the scenario format, in one place.

A *limit* is a model constraint: ``parley validate`` reports a breach as an error at its
file:line, and the JSON Schema carries it (``maxLength``, ``minItems``, ``maxItems``) so
editors underline it as you type. An *advised* range is softer: the format accepts values
outside it, the validator warns, and the schema records it under ``advised`` (a keyword
JSON Schema tools ignore) so that the field reference in docs/authoring.md, generated from
the schema, states both. Starter comments quote these constants too, so no number is
written twice.
"""

from __future__ import annotations

from typing import Any

#: Option labels, tactic labels and crisis answers are move buttons and board cells: the
#: issue board (game/tui/widgets/board.py) lays out its columns for labels this long.
LABEL_MAX = 28
#: Issue names share the board with the labels; the board gives them about a fifth of the
#: screen, so up to ISSUE_NAME_ADVISED characters show in full at 120 columns.
ISSUE_NAME_MAX = 28
ISSUE_NAME_ADVISED = 24
SHORT_NAME_MAX = 16
#: Options per issue: two make a yes/no issue (GENIUS domains have many), more than twelve no
#: screen can list. Three to five make the best ladder, with a middle ground worth trading
#: for; only the upper end is advised (warned about), since a yes/no issue is sometimes
#: exactly what an article describes.
OPTIONS_MIN, OPTIONS_MAX = 2, 12
OPTIONS_ADVISED_MAX = 5
#: Issues per scenario: the outcome space is the product of the option counts, so sixteen
#: issues is already far more than players can survey.
ISSUES_MIN, ISSUES_MAX = 1, 16
ALIAS_MIN, ALIAS_MAX = 2, 40
SPEAKER_MAX = 120
REASON_MIN, REASON_MAX = 8, 300
QUOTE_MIN = 8
CRISIS_RESPONSES_MIN, CRISIS_RESPONSES_MAX = 2, 4
ID_MAX = 48
SOURCE_FILE_MAX = 200


def advised(**bounds: int) -> dict[str, Any]:
    """The ``json_schema_extra`` entry that records an advised range, e.g. ``advised(maxLength=24)``."""
    return {"advised": dict(bounds)}
