"""Importing a GENIUS/ANAC domain and two profiles as a playable scenario.

GENIUS scores an outcome as the sum over issues of ``weight / sum of weights`` times
``evaluation / largest evaluation of that issue``. Importing keeps exactly that: weights as
given, each option's value its evaluation over the issue's largest, reservation values as
given (0 when absent), so ``parley analyze`` finds the Pareto frontier and Nash point GENIUS
tools find.

What the format cannot cite it declares: an imported scenario carries ``source: {kind:
genius, files: [...]}`` instead of citations into a seed article; every demand that weighs
enough to need a citation gets a ``said_by: game`` one naming the profile its numbers come
from; and its briefings say plainly that it is an imported model, not a news story.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from game.scenario.checks import DEMAND_CITATION_SHARE
from game.scenario.models import Scenario

from .genius_read import Domain, GeniusError, Profile, read_domain, read_profile
from .names import slugify, unique_slugs

#: GENIUS fixes no deadline in a profile; this many rounds suits a first game.
ROUNDS = 10

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

    def demand(a: int, i: int) -> dict[str, Any]:
        """One side's weight and values on one issue; a demand that needs a citation gets a game one."""
        profile = profiles[a]
        out: dict[str, Any] = {
            "weight": weights[a][i],
            "values": dict(zip(option_ids[i], values(profile.evaluations[i]), strict=True)),
        }
        if weights[a][i] / sum(weights[a]) >= DEMAND_CITATION_SHARE:
            out["citation"] = {
                "said_by": "game",
                "reason": (
                    f"Weight and option values from the GENIUS profile {profile.path.name} (each value is its "
                    "evaluation over the issue's best); no article states them."
                ),
            }
        return out

    preferences = {
        actor: {issue_ids[i]: demand(a, i) for i in range(len(domain.issues))}
        for a, actor in enumerate(actor_ids)
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
        "it, so it quotes none: `source` names the files, and its main demands cite them as game "
        "assumptions (`said_by: game`).\n\n"
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
        "# Not a news story: the numbers are the files', so instead of quoting an article it names them\n"
        "# in `source`, and its main demands cite them with `said_by: game`. Edit freely; red lines,\n"
        "# tactics and events you add need citations of an article (with `said_by`).\n"
    )
    return header + body
