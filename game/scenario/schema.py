"""The JSON Schema of the scenario format, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from .models import Scenario

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def scenario_schema() -> dict[str, Any]:
    """The schema with its ``$schema`` dialect set (pydantic omits it; editors need it)."""
    schema = Scenario.model_json_schema(mode="validation")
    return {"$schema": SCHEMA_DIALECT, **schema}


def schema_text() -> str:
    """The schema as committed in scenarios/scenario.schema.json (stable key order, final newline)."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
