"""Small hand-made scenarios for known-answer and unit tests, built through the real models."""

from __future__ import annotations

from typing import Any

from game.scenario.models import Scenario

from .strategies import SEED


def scenario(
    options: dict[str, list[str]],
    values: dict[str, dict[str, list[float]]],
    weights: dict[str, dict[str, float]],
    reservation: dict[str, float],
    **extra: Any,
) -> Scenario:
    """A scenario from its bare numbers: ``values[actor][issue]`` lists option values in order.

    Actors come in the order of ``reservation``; everything the numbers do not fix gets a
    plain default. ``extra`` overrides top-level fields; ``actor_extra={actor: {...}}``
    overrides actor fields.
    """
    actor_extra = extra.pop("actor_extra", {})
    actors = list(reservation)
    data: dict[str, Any] = {
        "id": "hand-made",
        "title": "Hand-made talks",
        "when": "Now",
        "summary": "A scenario built in a test.",
        "difficulty": "easy",
        "rounds": 6,
        "actors": [
            {
                "id": a,
                "name": f"Side {a.upper()}",
                "leader": "Negotiator",
                "description": "A side.",
                "reservation": reservation[a],
                "batna": "Walk away.",
                "patience": 1.0,
                "constituency": {
                    "name": "Voters",
                    "description": "Ratify.",
                    "weights": dict(weights[a]),
                    "threshold": 0.0,
                    "sensitivity": 0.02,
                },
                **actor_extra.get(a, {}),
            }
            for a in actors
        ],
        "issues": [
            {
                "id": issue,
                "name": issue.replace("-", " ").title(),
                "description": "At stake.",
                "options": [{"id": o, "label": o.title(), "description": "An option."} for o in opts],
            }
            for issue, opts in options.items()
        ],
        "preferences": {
            a: {
                issue: {
                    "weight": weights[a][issue],
                    "values": dict(zip(opts, values[a][issue], strict=True)),
                }
                for issue, opts in options.items()
            }
            for a in actors
        },
        "briefings": {"public": "Talks.", "confidential": {a: "Do well." for a in actors}},
    }
    data.update(extra)
    return Scenario.model_validate(data)


def cite() -> dict[str, str]:
    """A citation that is verbatim in the test seed."""
    return {"seed": SEED, "quote": "Officials from B warned that they would walk out"}
