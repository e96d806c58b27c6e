"""What every model of the format shares: the strict base class and the small value types."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .limits import ID_MAX, ISSUE_NAME_MAX, LABEL_MAX

SLUG_PATTERN = r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=ID_MAX),
    Field(
        description=(
            "An identifier: lower-case letters, digits, '-' or '_', starting with a letter "
            "(e.g. `drone-strikes`)."
        )
    ),
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Delta = Annotated[float, Field(ge=-1.0, le=1.0)]
#: A move button's or a board cell's text (:data:`~.limits.LABEL_MAX`).
Label = Annotated[str, StringConstraints(min_length=1, max_length=LABEL_MAX, strip_whitespace=False)]
IssueName = Annotated[str, StringConstraints(min_length=1, max_length=ISSUE_NAME_MAX, strip_whitespace=False)]
SeedName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+\.txt$")]

#: One difficulty scale for scenarios (how hard for a new player) and computer opponents.
Difficulty = Literal["easy", "normal", "hard"]
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)
#: Computer strategies a scenario may name as a side's style (the engine plays each of them).
StrategyName = Literal["boulware", "linear", "conceder", "tit-for-tat", "adaptive", "hardliner", "bully"]
STRATEGY_NAMES: tuple[str, ...] = get_args(StrategyName)
TacticKind = Literal["gesture", "pressure"]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors and no value is coerced in disguise.

    Numbers must be finite: ``1.0e+999`` reads as infinity, and an infinite weight that
    has no upper bound (a constituency's) would turn the renormalised weights into NaN.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
