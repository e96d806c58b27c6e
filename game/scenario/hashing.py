"""Content hashes of scenarios, for game logs, exercises and live stores.

A log records the hash of the scenario it was played on, so a replay on a changed
scenario is refused instead of silently diverging. The hash covers what the file *says*,
not what the format assumes: fields left at their defaults are not hashed, and an explicit
format version is. Adding a field to the format therefore changes no existing scenario's
hash, so old saves, exercise logs and live stores keep loading.

Format 1 hashed every field including defaults; :func:`matches` still accepts those
hashes, computed over the fields format 1 knew (fields added later say so with
``json_schema_extra={"since": N}``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel

from .models import Scenario

#: Version of the scenario format this code reads and hashes.
FORMAT_VERSION = 2


def _digest(data: Any) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def scenario_hash(scenario: Scenario) -> str:
    """The hash of what ``scenario`` says (no defaults) under this format version."""
    content = scenario.model_dump(mode="json", exclude_defaults=True)
    return _digest({"format": FORMAT_VERSION, "scenario": content})


def _since(model: type[BaseModel], name: str) -> int:
    extra = model.model_fields[name].json_schema_extra
    return int(extra.get("since", 1)) if isinstance(extra, dict) else 1


def _format1(value: Any) -> Any:
    """``value`` dumped as format 1 dumped it: every field it knew, defaults included."""
    if isinstance(value, BaseModel):
        cls = type(value)
        dumped = value.model_dump(mode="json")
        out = {}
        for name in cls.model_fields:
            if _since(cls, name) > 1 or name not in dumped:
                continue  # a later field, or one format 1 left out when unset (``source``)
            out[name] = _format1(getattr(value, name))
        return out
    if isinstance(value, dict):
        return {str(k): _format1(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_format1(v) for v in value]
    return value


def format1_hashes(scenario: Scenario) -> set[str]:
    """The hashes format 1 could have recorded for this scenario.

    Format 1 spelled the middle difficulty ``medium``, which now reads as ``normal``, so
    a scenario at ``normal`` may have been either.
    """
    data = _format1(scenario)
    out = {_digest(data)}
    if data.get("difficulty") == "normal":
        out.add(_digest(dict(data, difficulty="medium")))
    return out


def matches(scenario: Scenario, recorded: object) -> bool:
    """Whether ``recorded`` (a hash from a log, exercise or store) is this scenario's content."""
    if not isinstance(recorded, str):
        return False
    return recorded == scenario_hash(scenario) or recorded in format1_hashes(scenario)
