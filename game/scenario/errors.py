"""Turn pydantic validation errors into messages that say what is wrong and how to fix it."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import PathKey
from .models import SLUG_PATTERN


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional so we can see the model, list or dict underneath."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def model_at(root: type[BaseModel], path: PathKey) -> type[BaseModel] | None:
    """The model class whose instance sits at ``path`` (None if the path leaves the models)."""
    current: Any = root
    for part in path:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
        elif origin is list:
            current = typing.get_args(current)[0]
        elif origin is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def describe(error: dict[str, Any], root: type[BaseModel]) -> tuple[PathKey, str]:
    """One pydantic error -> (data path, human message with a fix)."""
    loc: PathKey = tuple(p for p in error["loc"] if p != "[key]")
    is_key = "[key]" in error["loc"]
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    name = loc[-1] if loc else ""

    if is_key or kind == "invalid_key":
        # A field name of a model (``invalid_key``) or a dict key that YAML typed as a number.
        return loc, (
            f"key {_kind(value)} must be text; write it as a name, in quotes if needed "
            f"(e.g. \"{value}\")"
        )
    if kind == "missing":
        return loc, f"required field `{name}` is missing; add it"
    if kind == "extra_forbidden":
        model = model_at(root, loc[:-1])
        allowed = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(str(name), allowed, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"allowed here: {', '.join(allowed)}"
        return loc, f"unknown field `{name}`; {hint}"
    if kind == "string_type":
        if isinstance(value, (bool, int, float)) and value is not None:
            typed = str(value).lower() if isinstance(value, bool) else value
            return loc, f"expected text but found {_kind(value)}; put it in quotes, e.g. \"{typed}\""
        return loc, f"expected text, found {_kind(value)}"
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing", "int_from_float"):
        want = "a whole number" if kind.startswith("int") else "a number"
        example = "10" if kind.startswith("int") else "0.25"
        hint = f"; write a plain decimal number such as {example}, without quotes"
        return loc, f"expected {want}, found {_kind(value)}{hint if isinstance(value, str) else ''}"
    if kind == "finite_number":
        return loc, f"must be a finite number, found {value}; use a small decimal number"
    if kind == "bool_type":
        return loc, f"expected true or false, found {_kind(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return loc, f"expected a mapping of fields (key: value lines), found {_kind(value)}"
    if kind == "list_type":
        return loc, f"expected a list (lines starting with `- `), found {_kind(value)}"
    if kind == "string_pattern_mismatch":
        # Compare whole patterns: the seed-file pattern contains `a-z` too.
        pattern = str(ctx.get("pattern", ""))
        if pattern == SLUG_PATTERN:
            return loc, (
                f"'{value}' is not a valid id: use lower-case letters, digits, '-' or '_', "
                "starting with a letter (e.g. `drone-strikes`)"
            )
        if pattern.endswith(r"\.txt$"):
            return loc, f"'{value}' is not a seed file name; use the file name in seeds/, e.g. 000_563488b2d8a233a7.txt"
        return loc, f"'{value}' does not match the pattern {pattern}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
                 "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}[kind]
        limit = ctx.get(bound[1])
        return loc, f"must be {bound[0]} {limit}, found {value}"
    if kind in ("string_too_short", "string_too_long"):
        limit = ctx.get("min_length") if kind == "string_too_short" else ctx.get("max_length")
        word = "at least" if kind == "string_too_short" else "at most"
        have = len(value) if isinstance(value, str) else "?"
        fix = "write more" if kind == "string_too_short" else "shorten it"
        return loc, f"needs {word} {limit} character(s), found {have}; {fix}"
    if kind in ("too_short", "too_long"):
        # Lists (and mappings): strings have their own string_too_short/long.
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        have = ctx.get("actual_length")
        word = "at least" if kind == "too_short" else "at most"
        fix = "add more" if kind == "too_short" else "remove some or merge them"
        what = f"entries in `{name}`" if isinstance(name, str) and name else "entries"
        return loc, f"needs {word} {limit} {what}, found {have}; {fix}"
    if kind == "literal_error":
        return loc, f"found {_kind(value)}; expected one of {ctx.get('expected')}"
    message = error.get("msg", "invalid value")
    return loc, f"{message[0].lower()}{message[1:]}" if message else "invalid value"


def translate(exc: ValidationError, root: type[BaseModel]) -> list[tuple[PathKey, str]]:
    """Every error of ``exc`` as (path, message), one per problem, in document order of paths."""
    seen: set[tuple[PathKey, str]] = set()
    out: list[tuple[PathKey, str]] = []
    for error in exc.errors(include_url=False):
        item = describe(error, root)
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
