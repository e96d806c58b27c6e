"""GENIUS/ANAC negotiation domains in and out of the scenario format.

A GENIUS domain file (``<negotiation_template>``) lists issues and their values; a
utility profile (``<utility_space>``) gives one party's issue weights, an evaluation of
every value, and optionally a reservation value and a discount factor. GENIUS scores an
outcome as the sum over issues of ``weight / sum of weights`` times ``evaluation / largest
evaluation of that issue``. Importing keeps exactly that: weights as given, each option's
value its evaluation over the issue's largest, reservation values as given (0 when absent),
so ``parley analyze`` finds the Pareto frontier and Nash point GENIUS tools find.

What the format cannot cite it declares: an imported scenario carries ``source: {kind:
genius, files: [...]}`` instead of citations into a seed article, and its briefings say
plainly that it is an imported model, not a news story.

Exporting writes the reverse (a domain and one profile per actor). GENIUS has no red
lines, ratification, tactics or events; those are left out and reported as notes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import yaml
from pydantic import ValidationError

from game.scenario.models import Scenario

from .names import slugify, unique_slugs
from .xmlsafe import Element, XmlProblem, read

#: GENIUS fixes no deadline in a profile; this many rounds suits a first game.
ROUNDS = 10
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


# -- names ---------------------------------------------------------------------------------

_SPLIT = re.compile(r"[_\-\s.]+")
_DOMAIN_WORDS = {"domain", "template"}


def _tokens(stem: str) -> list[str]:
    return [t for t in _SPLIT.split(stem) if t]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def domain_name(stem: str) -> str:
    """``laptop_domain`` -> ``Laptop``: the domain file's name without 'domain'/'template'."""
    tokens = [t for t in _tokens(stem) if t.lower() not in _DOMAIN_WORDS] or _tokens(stem) or ["domain"]
    return _capital(" ".join(tokens))


def actor_names(stems: Sequence[str]) -> list[str]:
    """Names from profile file names, without what they share.

    ``laptop_buyer_utility`` and ``laptop_seller_utility`` -> ``Buyer``, ``Seller``;
    ``Grocery_domain_mary`` and ``Grocery_domain_sam`` -> ``Mary``, ``Sam``.
    """
    tokens = [_tokens(s) or [s or "side"] for s in stems]
    shortest = min(len(t) for t in tokens)
    head = 0
    while head < shortest - 1 and len({t[head].lower() for t in tokens}) == 1:
        head += 1
    tail = 0
    while tail < shortest - head - 1 and len({t[-1 - tail].lower() for t in tokens}) == 1:
        tail += 1
    names = [" ".join(t[head : len(t) - tail]) for t in tokens]
    if len({n.lower() for n in names}) < len(names):
        names = [" ".join(t) for t in tokens]
    out: list[str] = []
    for n, name in enumerate(names, start=1):
        name = _capital(name)
        out.append(name if name not in out else f"{name} ({n})")
    return out


# -- import ----------------------------------------------------------------------------------


def _percent(weights: Sequence[float]) -> list[int]:
    total = sum(weights)
    return [round(100 * w / total) for w in weights]


def scenario_data(domain: Domain, profiles: Sequence[Profile]) -> dict[str, Any]:
    """Plain scenario data (as in a YAML file) for a domain and two profiles."""
    files = [domain.path.name, *(p.path.name for p in profiles)]
    title = domain_name(domain.path.stem)
    names = actor_names([p.path.stem for p in profiles])
    actor_ids = unique_slugs(names, "side", prefix="p")
    issue_ids = unique_slugs([i.name for i in domain.issues], "issue", prefix="i")
    option_ids = [unique_slugs([v for v, _ in i.values], "option", prefix="v") for i in domain.issues]

    weights = []
    for profile in profiles:
        raw = list(profile.weights)
        if max(raw) > 100:  # the format caps raw weights at 100; scaling keeps the utilities
            total = sum(raw)
            raw = [w / total for w in raw]
        weights.append(raw)

    def values(evals: Sequence[float]) -> list[float]:
        top = max(evals)
        return [e / top if top > 0 else 0.0 for e in evals]

    preferences = {
        actor: {
            issue_ids[i]: {
                "weight": weights[a][i],
                "values": dict(zip(option_ids[i], values(profile.evaluations[i]), strict=True)),
            }
            for i in range(len(domain.issues))
        }
        for a, (actor, profile) in enumerate(zip(actor_ids, profiles, strict=True))
    }

    def favourite(a: int, i: int) -> str:
        evals = profiles[a].evaluations[i]
        return domain.issues[i].values[evals.index(max(evals))][0]

    agenda = "\n".join(
        f"- *{issue.name}*: " + ", ".join(v for v, _ in issue.values) for issue in domain.issues
    )
    sides = " and ".join(f"`{p.path.name}` ({n})" for p, n in zip(profiles, names, strict=True))
    public = (
        f"**Imported model, not a news story.** This scenario was generated by `parley import-genius` "
        f"from the GENIUS/ANAC negotiation domain `{domain.path.name}` and the utility profiles {sides}. "
        "Its issues, options, weights and values are those files' numbers; no article stands behind "
        "it, so it carries no citations (`source` names the files instead).\n\n"
        f"**The agenda.**\n\n{agenda}\n\n"
        "**Your task.** Agree a package: one option on each issue. GENIUS has no ratification step, "
        "so ratification at home is a formality here."
    )
    confidential = {}
    actors = []
    for a, (actor, name, profile) in enumerate(zip(actor_ids, names, profiles, strict=True)):
        shares = _percent(weights[a])
        order = sorted(range(len(domain.issues)), key=lambda i: (-weights[a][i], i))
        priorities = ", ".join(f"{domain.issues[i].name} {shares[i]}%" for i in order)
        favourites = "; ".join(f"{domain.issues[i].name}: {favourite(a, i)}" for i in order)
        confidential[actor] = (
            f"**You are {name}** (imported GENIUS profile `{profile.path.name}`).\n\n"
            f"**Your priorities, by weight:** {priorities}.\n\n"
            f"**What you would like best:** {favourites}.\n\n"
            f"**Your alternative to a deal** is worth {profile.reservation:g} to you: any deal worth more "
            "beats walking away."
        )
        discount = profile.discount
        patience = discount if discount is not None and 0.0 < discount < 1.0 else 1.0
        actors.append({
            "id": actor,
            "name": name,
            "leader": f"{name}'s negotiator",
            "description": f"The {name} side of the imported GENIUS domain {title}.",
            "reservation": profile.reservation,
            "batna": f"No deal: a utility of {profile.reservation:g}, the profile's reservation value.",
            "patience": patience,
            "constituency": {
                "name": f"{name}'s principals",
                "description": (
                    "GENIUS models no ratification: this placeholder constituency shares the "
                    "negotiator's weights and ratifies almost any deal."
                ),
                "weights": dict(zip(issue_ids, weights[a], strict=True)),
                "threshold": 0.0,
                "sensitivity": 0.01,
            },
        })
    size = math.prod(len(i.values) for i in domain.issues)
    return {
        "id": slugify(title, "genius-domain", prefix="d"),
        "title": f"{title}, a GENIUS domain",
        "when": "Not a historical negotiation: an imported GENIUS/ANAC domain",
        "summary": (
            f"{names[0]} and {names[1]} negotiate over {len(domain.issues)} issues "
            f"({', '.join(i.name for i in domain.issues)}; {size:,} possible packages). "
            "Imported from a GENIUS/ANAC domain: a model, not a news story."
        ),
        "difficulty": "normal",
        "tags": ["genius", "imported"],
        "rounds": ROUNDS,
        "actors": actors,
        "issues": [
            {
                "id": issue_ids[i],
                "name": issue.name,
                "description": f"Issue {issue.name!r} of the GENIUS domain, with {len(issue.values)} options.",
                "options": [
                    {"id": oid, "label": value, "description": description}
                    for oid, (value, description) in zip(option_ids[i], issue.values, strict=True)
                ],
            }
            for i, issue in enumerate(domain.issues)
        ],
        "preferences": preferences,
        "briefings": {"public": public, "confidential": confidential},
        "debrief_questions": [
            "Did your deal land on the Pareto frontier (`parley analyze` lists it)? What was left on the table?",
            "Which issues did you trade away, and did you read the other side's priorities right?",
        ],
        "source": {"kind": "genius", "files": files},
    }


def import_genius(domain_path: Path, profile_paths: Sequence[Path]) -> Scenario:
    """A scenario from a GENIUS domain and two profiles; raises :class:`GeniusError`."""
    if len(profile_paths) != 2:
        raise GeniusError(domain_path, "a scenario needs exactly two profiles, one per side")
    domain = read_domain(Path(domain_path))
    profiles = [read_profile(Path(p), domain) for p in profile_paths]
    data = scenario_data(domain, profiles)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:  # e.g. an issue name too long for the format
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise GeniusError(domain_path, f"cannot be expressed as a scenario: {where}: {first['msg']}") from None


def scenario_yaml(scenario: Scenario, schema_ref: str) -> str:
    """The imported scenario as a YAML file: defaults left out, a header saying where it comes from."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    files = ", ".join(scenario.source.files) if scenario.source else "GENIUS files"
    header = (
        f"# yaml-language-server: $schema={schema_ref}\n"
        f"# Imported by `parley import-genius` from {files} (GENIUS/ANAC format).\n"
        "# Not a news story: the numbers are the files', so instead of citations it names them in\n"
        "# `source`. Edit freely; red lines, tactics and events you add need citations of an article.\n"
    )
    return header + body


# -- export ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    """The files of a GENIUS export (name -> text) and notes on what GENIUS cannot hold."""

    files: dict[str, str]
    notes: list[str]

    @property
    def names(self) -> list[str]:
        return list(self.files)


def _num(value: float) -> str:
    return repr(float(value))


def _file_names(s: Scenario) -> list[str]:
    """The original file names for an imported scenario (so a re-import matches), else ``<id>_...``."""
    if s.source is not None and s.source.kind == "genius" and len(s.source.files) == 3:
        domain, *profiles = s.source.files
        names = actor_names([Path(p).stem for p in profiles])
        if [a.name for a in s.actors] == names and [a.id for a in s.actors] == unique_slugs(names, "side", "p"):
            return [domain, *profiles]
    return [f"{s.id}_domain.xml", *(f"{s.id}_{a.id}.xml" for a in s.actors)]


def export_genius(s: Scenario) -> Export:
    """A GENIUS domain and one profile per actor that score every package as the scenario does.

    GENIUS divides each evaluation by the issue's largest; where an actor's best option of
    an issue is worth less than 1, its weight is multiplied by that best value, which keeps
    every utility up to one common factor (the reservation value is divided by it too), so
    the Pareto frontier and the Nash point stay the same packages.
    """
    names = _file_names(s)
    notes: list[str] = []
    issues_xml = []
    for n, issue in enumerate(s.issues, start=1):
        items = "\n".join(
            f"        <item index=\"{k}\" value={quoteattr(o.label)} cost=\"0\" "
            f"description={quoteattr(o.description)}>\n        </item>"
            for k, o in enumerate(issue.options, start=1)
        )
        issues_xml.append(
            f"    <issue etype=\"discrete\" index=\"{n}\" name={quoteattr(issue.name)} type=\"discrete\" "
            f"vtype=\"discrete\">\n{items}\n    </issue>"
        )
    domain = (
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<negotiation_template>\n"
        f"<utility_space number_of_issues=\"{len(s.issues)}\">\n"
        f"<objective description=\"\" etype=\"objective\" index=\"0\" name={quoteattr(s.id)} type=\"objective\">\n"
        + "\n".join(issues_xml)
        + "\n</objective>\n</utility_space>\n</negotiation_template>\n"
    )
    files = {names[0]: domain}
    for actor, file_name in zip(s.actors, names[1:], strict=True):
        prefs = s.preferences[actor.id]
        tops = [max(prefs[i.id].values.values()) for i in s.issues]
        raw = [prefs[i.id].weight for i in s.issues]
        if all(t == 1.0 for t in tops):
            weights, scale = raw, 1.0
        else:
            weights = [w * t for w, t in zip(raw, tops, strict=True)]
            total = sum(raw)
            scale = sum(weights) / total if total > 0 else 0.0
            notes.append(
                f"{actor.name}: some issue's best option is worth less than 1, and GENIUS rescales every "
                f"issue to a best of 1; weights and the reservation value were rescaled (utilities / {scale:.4g}) "
                "so that the same packages are efficient"
            )
        if scale <= 0:
            raise GeniusError(s.id, f"{actor.name} values every option at 0; GENIUS cannot express that")
        reservation = min(1.0, actor.reservation / scale)
        issue_xml = []
        for n, (issue, top) in enumerate(zip(s.issues, tops, strict=True), start=1):
            values = prefs[issue.id].values
            items = "\n".join(
                f"<item index=\"{k}\" value={quoteattr(o.label)} "
                f"evaluation=\"{_num(values[o.id] if top > 0 else 1.0)}\">\n</item>"
                for k, o in enumerate(issue.options, start=1)
            )
            issue_xml.append(
                f"<issue index=\"{n}\" etype=\"discrete\" type=\"discrete\" vtype=\"discrete\" "
                f"name={quoteattr(issue.name)}>\n{items}\n</issue>"
            )
        weight_xml = "\n".join(
            f"<weight index=\"{n}\" value=\"{_num(w)}\">\n</weight>" for n, w in enumerate(weights, start=1)
        )
        discount = (
            f"<discount_factor value=\"{_num(actor.patience)}\">\n</discount_factor>\n"
            if 0.0 < actor.patience < 1.0 else ""
        )
        files[file_name] = (
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<utility_space>\n"
            f"    <reservation value=\"{_num(reservation)}\" />\n"
            f"<objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" name={quoteattr(s.id)}>\n"
            + "\n".join(issue_xml) + "\n" + weight_xml + "\n</objective>\n" + discount + "</utility_space>\n"
        )
    lost = []
    if any(s.red_lines.values()):
        lost.append("red lines")
    if any(a.tactics for a in s.actors):
        lost.append("tactics")
    if s.events:
        lost.append("events")
    if s.source is None:
        lost.append("ratification, briefings and citations")
    if lost:
        notes.append("GENIUS has no " + ", ".join(lost) + "; they are not in the export")
    if any(actor.patience == 0.0 for actor in s.actors):
        notes.append("a patience of 0 has no GENIUS discount factor (0 means none there); it was left out")
    return Export(files, notes)
