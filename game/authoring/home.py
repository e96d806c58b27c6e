"""Ratification at home, for authors: what each constituency thinks of the packages that matter.

Every agreed package goes to both constituencies. Constituency ``c`` of a side sees a
package through its own weights ``w_c`` and option values ``v_c`` (the negotiator's where
it gives none), so its utility is ``u_c = sum_i w_c[i] * v_c[i, option_i]`` with the
weights renormalised to sum 1, and it ratifies with chance

    p = 1 / (1 + exp(-(u_c - threshold) / sensitivity))

(the engine's ``Rules.ratification``). A package at the threshold is a coin flip; one
sensitivity above it passes 73% of the time, two above 88%, three above 95%.

:func:`home` reads both numbers at the Nash and Kalai-Smorodinsky packages and at each
side's best package in the agreement zone; :func:`threshold_for` inverts the curve to say
which threshold would give a package a chosen pass chance, for advice in plain words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.engine.analysis import Analysis
from game.engine.rules import Rules
from game.engine.space import utilities

#: The packages each constituency is asked about, in the order reports show them.
POINTS = ("nash", "kalai_smorodinsky", "best_for_self", "best_for_other")
POINT_NAMES = {
    "nash": "the Nash package",
    "kalai_smorodinsky": "the Kalai-Smorodinsky package",
    "best_for_self": "its own side's best package",
    "best_for_other": "the other side's best package",
}


@dataclass(frozen=True)
class Verdict:
    """One constituency on one package: its utility there and its chance of ratifying it."""

    package: int
    utility: float
    chance: float


@dataclass(frozen=True)
class Home:
    """One side's constituency: its curve and what it says of the packages that matter."""

    name: str
    threshold: float
    sensitivity: float
    points: dict[str, Verdict]  # by POINTS key; a key is missing when the zone has no such package


def possessive(name: str) -> str:
    """``United States`` -> ``United States'``, ``Pakistan`` -> ``Pakistan's``."""
    return name + ("'" if name.endswith("s") else "'s")


def constituency_label(name: str) -> str:
    """A constituency's name inside a sentence: "The army and the public" -> "the army and the public"."""
    return name[0].lower() + name[1:] if name.startswith("The ") else name


def constituency_utility(rules: Rules, actor: int, package: int) -> float:
    """``u_c`` of one package for ``actor``'s constituency (its weights and values, renormalised)."""
    tables = [rules.c_values[actor, i, :k] for i, k in enumerate(rules.space.radices)]
    return float(utilities(rules.digits[[package]], tables, rules.c_weights[actor])[0])


def threshold_for(utility: float, sensitivity: float, chance: float) -> float:
    """The threshold at which a package of constituency utility ``utility`` passes with ``chance``."""
    return utility - sensitivity * math.log(chance / (1.0 - chance))


def home(rules: Rules, analysis: Analysis) -> tuple[Home, Home]:
    """Both constituencies on the Nash and KS packages and each side's best (see the module docstring)."""
    out = []
    for a, actor in enumerate(rules.scenario.actors):
        view = actor.constituency
        packages = {
            "nash": analysis.nash,
            "kalai_smorodinsky": analysis.kalai_smorodinsky,
            "best_for_self": analysis.best[a],
            "best_for_other": analysis.best[1 - a],
        }
        points = {
            key: Verdict(int(p), constituency_utility(rules, a, int(p)), float(rules.ratification[a, p]))
            for key, p in packages.items()
            if p is not None
        }
        out.append(Home(view.name, view.threshold, view.sensitivity, points))
    return out[0], out[1]
