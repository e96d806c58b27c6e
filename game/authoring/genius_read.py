"""Reading GENIUS/ANAC XML: a domain's issues and values, and one party's utility profile.

A GENIUS domain file (``<negotiation_template>``) lists issues and their values; a utility
profile (``<utility_space>``) gives one party's issue weights, an evaluation of every value,
and optionally a reservation value and a discount factor. Reading checks a profile against
its domain and reports every problem as ``FILE:LINE:COL: error: ...`` (:class:`GeniusError`),
so the importer only ever sees consistent numbers. The XML itself is read by
:mod:`game.authoring.xmlsafe` (no DTDs, no entities, a size limit).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from .xmlsafe import Element, XmlProblem, read

DISCRETE = {"", "discrete"}


class GeniusError(Exception):
    """A located problem in a GENIUS file: ``FILE:LINE:COL: error: message`` when printed."""

    def __init__(self, path: Path | str, message: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.path = str(path)
        self.message = message
        self.line = line
        self.col = col

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: error: {self.message}"


@dataclass(frozen=True)
class DomainIssue:
    name: str
    index: str
    values: tuple[tuple[str, str], ...]  # (value, description)


@dataclass(frozen=True)
class Domain:
    path: Path
    issues: tuple[DomainIssue, ...]


@dataclass(frozen=True)
class Profile:
    path: Path
    weights: tuple[float, ...]  # per domain issue, as written
    evaluations: tuple[tuple[float, ...], ...]  # per domain issue, per value, as written
    reservation: float
    discount: float | None


# -- reading -------------------------------------------------------------------------------


def _load(path: Path) -> Element:
    try:
        return read(path)
    except XmlProblem as problem:
        raise GeniusError(path, problem.message, problem.line, problem.col) from None


def _objective(path: Path, root: Element, what: str) -> Element:
    """The ``<objective>`` holding the issues, under either root GENIUS uses."""
    space = root if root.tag == "utility_space" else root.find("utility_space")
    if root.tag not in ("negotiation_template", "utility_space") or space is None:
        raise GeniusError(
            path, f"not a GENIUS {what}: expected a <negotiation_template> or <utility_space> root, "
            f"found <{root.tag}>", root.line, root.col)
    objective = space.find("objective")
    if objective is None:
        raise GeniusError(path, f"no <objective> in <{space.tag}>; a GENIUS {what} lists its issues there",
                          space.line, space.col)
    nested = objective.find("objective")
    if nested is not None:
        raise GeniusError(path, "nested objectives are not supported; flatten the issues into one objective",
                          nested.line, nested.col)
    return objective


def _attr(path: Path, element: Element, name: str) -> str:
    value = element.attrs.get(name)
    if value is None or not value.strip():
        raise GeniusError(path, f"<{element.tag}> has no `{name}` attribute", element.line, element.col)
    return value


def _number(path: Path, element: Element, name: str, *, low: float = 0.0, high: float | None = None) -> float:
    text = _attr(path, element, name)
    try:
        value = float(text)
    except ValueError:
        raise GeniusError(path, f"`{name}` of <{element.tag}> is not a number: {text!r}",
                          element.line, element.col) from None
    if not math.isfinite(value) or value < low or (high is not None and value > high):
        bounds = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
        raise GeniusError(path, f"`{name}` of <{element.tag}> must be a number {bounds}, found {text}",
                          element.line, element.col)
    return value


def read_domain(path: Path) -> Domain:
    """The issues and values of a GENIUS domain file."""
    objective = _objective(path, _load(path), "domain")
    issues = []
    for element in objective.findall("issue"):
        name = _attr(path, element, "name")
        kind = (element.attrs.get("type") or element.attrs.get("etype") or "").strip().lower()
        if kind not in DISCRETE:
            raise GeniusError(path, f"issue {name!r} is of type {kind}; only discrete issues can be imported",
                              element.line, element.col)
        values = []
        for item in element.findall("item"):
            value = _attr(path, item, "value")
            if any(value == v for v, _ in values):
                raise GeniusError(path, f"issue {name!r} lists value {value!r} twice", item.line, item.col)
            description = (item.attrs.get("description") or "").strip() or value
            values.append((value, description))
        if len(values) < 2:
            raise GeniusError(path, f"issue {name!r} has {len(values)} value(s); a negotiable issue needs 2 or more",
                              element.line, element.col)
        if len(values) > 12:
            raise GeniusError(path, f"issue {name!r} has {len(values)} values; Parley allows at most 12 per issue",
                              element.line, element.col)
        if any(name == i.name for i in issues):
            raise GeniusError(path, f"issue {name!r} is listed twice", element.line, element.col)
        issues.append(DomainIssue(name, element.attrs.get("index", ""), tuple(values)))
    if not issues:
        raise GeniusError(path, "the domain lists no <issue>", objective.line, objective.col)
    if len(issues) > 16:
        raise GeniusError(path, f"{len(issues)} issues; Parley allows at most 16", objective.line, objective.col)
    return Domain(path, tuple(issues))


def read_profile(path: Path, domain: Domain) -> Profile:
    """One party's weights, evaluations, reservation value and discount factor, checked against ``domain``."""
    root = _load(path)
    objective = _objective(path, root, "utility profile")
    space = root if root.tag == "utility_space" else root.find("utility_space")
    assert space is not None
    by_name = {e.attrs.get("name"): e for e in objective.findall("issue")}
    for element in objective.findall("issue"):
        if element.attrs.get("name") not in {i.name for i in domain.issues}:
            raise GeniusError(path, f"issue {element.attrs.get('name')!r} is not in the domain "
                              f"{domain.path.name}", element.line, element.col)
    weights_by_index = {w.attrs.get("index"): w for w in objective.findall("weight")}
    weights, evaluations = [], []
    for issue in domain.issues:
        element = by_name.get(issue.name)
        if element is None:
            raise GeniusError(path, f"no evaluation of issue {issue.name!r}; the profile must rate every issue "
                              "of the domain", objective.line, objective.col)
        index = element.attrs.get("index", issue.index)
        weight = weights_by_index.get(index)
        if weight is None:
            raise GeniusError(path, f"no <weight index=\"{index}\"> for issue {issue.name!r}",
                              element.line, element.col)
        weights.append(_number(path, weight, "value"))
        items = {}
        for item in element.findall("item"):
            value = _attr(path, item, "value")
            if value not in {v for v, _ in issue.values}:
                raise GeniusError(path, f"value {value!r} is not a value of issue {issue.name!r} in the domain",
                                  item.line, item.col)
            items[value] = _number(path, item, "evaluation")
        missing = [v for v, _ in issue.values if v not in items]
        if missing:
            raise GeniusError(path, f"issue {issue.name!r} has no evaluation for value(s) "
                              + ", ".join(repr(m) for m in missing), element.line, element.col)
        evaluations.append(tuple(items[v] for v, _ in issue.values))
    if sum(weights) <= 0:
        raise GeniusError(path, "every issue weight is zero", objective.line, objective.col)
    reservation_element = space.find("reservation")
    reservation = 0.0
    if reservation_element is not None:
        reservation = _number(path, reservation_element, "value", high=1.0)
    discount_element = space.find("discount_factor")
    discount = None
    if discount_element is not None:
        discount = _number(path, discount_element, "value")
    return Profile(path, tuple(weights), tuple(evaluations), reservation, discount)
