"""Hypothesis strategies for random, valid scenarios, shared by the engine tests.

``scenarios()`` draws :class:`~game.scenario.models.Scenario` objects that pass the full
validator (cross-references, red lines that leave every issue an option, citations that are
verbatim in ``tests/data/valid/seeds/sample.txt``), small enough for brute-force checks:
2-4 issues of 2-4 options by default, optional red lines, tactics and events (including
deadline moves and weight changes).

With ``exact=True`` (the default) weights are whole numbers and option values, reservation
values and effects sit on a coarse grid, so that utilities that are equal on paper really
tie and different ones differ by far more than rounding error: that is what lets a brute
force check the engine's tie rules with a tolerance.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import strategies as st

from game.engine.strategies import DIFFICULTIES, STRATEGIES
from game.scenario.models import Scenario

SEEDS = Path(__file__).resolve().parents[1] / "data" / "valid" / "seeds"
SEED = "sample.txt"
#: Verbatim excerpts of ``SEEDS/sample.txt``.
QUOTES = (
    "Delegation A wants the tariff on steel cut in half",
    "delegation B insists on keeping its import quotas for another five years",
    "a deal on joint inspections was “within reach”",
    "they would walk out if the quotas were scrapped outright",
    "Officials from B warned that they would walk out",
)
ACTOR_IDS = (("a", "b"), ("us", "pk"), ("north", "south-2"))

#: Every computer seat: (strategy, difficulty).
SEATS = [(name, level) for name in STRATEGIES for level in DIFFICULTIES]


def grid(low: float, high: float, step: float) -> st.SearchStrategy[float]:
    """Multiples of ``step`` in [low, high], as the nearest floats (0.1, not 0.1000000001)."""
    count = round((high - low) / step)
    return st.integers(0, count).map(lambda k: round(low + k * step, 10))


def citation(draw: st.DrawFn) -> dict[str, str]:
    return {"seed": SEED, "quote": draw(st.sampled_from(QUOTES))}


def effects(draw: st.DrawFn, actors: tuple[str, str], issues: list[str], exact: bool) -> dict[str, Any]:
    """Random effects; each kind of change is present or absent on its own."""
    out: dict[str, Any] = {}
    delta = grid(-0.3, 0.3, 0.05) if exact else st.floats(-0.3, 0.3)
    if draw(st.booleans()):
        out["trust"] = draw(delta)
    for key in ("reservation", "pressure"):
        if draw(st.booleans()):
            out[key] = {a: draw(delta) for a in actors if draw(st.booleans())}
    if draw(st.booleans()):
        out["weights"] = {
            a: {i: draw(delta) for i in issues if draw(st.booleans())} for a in actors if draw(st.booleans())
        }
    if draw(st.booleans()):
        out["deadline"] = draw(st.integers(-5, 5))
    if draw(st.integers(0, 3)) == 0:
        out["threshold"] = {a: draw(delta) for a in actors if draw(st.booleans())}
    return out


@st.composite
def crisis(draw: st.DrawFn, actors: tuple[str, str], issues: list[str], exact: bool) -> dict[str, Any]:
    """A crisis block: the side it hits, and two to four answers with their own effects."""
    count = draw(st.integers(2, 4))
    return {
        "side": draw(st.sampled_from(actors)),
        "prompt": "How do you answer?",
        "responses": [{"id": f"answer{k}", "label": f"Answer {k}", "description": "An answer.",
                       "effects": effects(draw, actors, issues, exact)} for k in range(count)],
    }


@st.composite
def scenario_data(
    draw: st.DrawFn,
    *,
    issues: tuple[int, int] = (2, 4),
    options: tuple[int, int] = (2, 4),
    rounds: tuple[int, int] = (2, 8),
    red_lines: bool = True,
    tactics: bool = True,
    events: bool = True,
    exact: bool = True,
) -> dict[str, Any]:
    """The plain data of a valid scenario (what a YAML file would hold)."""
    actors = draw(st.sampled_from(ACTOR_IDS))
    m = draw(st.integers(*issues))
    issue_ids = [f"issue-{i}" for i in range(m)]
    option_ids = [[f"opt{k}" for k in range(draw(st.integers(*options)))] for _ in range(m)]
    value = grid(0.0, 1.0, 0.1) if exact else st.floats(0.0, 1.0)
    weight = st.integers(0, 10).map(float) if exact else st.floats(0.0, 100.0)

    preferences: dict[str, dict[str, Any]] = {}
    for a in actors:
        weights = [draw(weight) for _ in range(m)]
        if sum(weights) <= 0:
            weights[draw(st.integers(0, m - 1))] = 1.0
        preferences[a] = {
            issue: {"weight": weights[i], "values": {o: draw(value) for o in option_ids[i]}}
            for i, issue in enumerate(issue_ids)
        }

    lines: dict[str, list[dict[str, Any]]] = {}
    if red_lines:
        for a in actors:
            for i, issue in enumerate(issue_ids):
                k = len(option_ids[i])
                if draw(st.integers(0, 3)) == 0:  # about one issue in four
                    barred = draw(st.sets(st.integers(0, k - 1), min_size=1, max_size=k - 1))
                    lines.setdefault(a, []).append({
                        "issue": issue,
                        "options": [option_ids[i][j] for j in sorted(barred)],
                        "rationale": "Never.",
                        "citation": citation(draw),
                    })

    tactic_ids: list[str] = []
    actor_data = []
    for a in actors:
        own_tactics = []
        for t in range(draw(st.integers(0, 2)) if tactics else 0):
            tactic_id = f"{a}-move{t}"
            tactic_ids.append(tactic_id)
            own_tactics.append({
                "id": tactic_id,
                "kind": draw(st.sampled_from(["gesture", "pressure"])),
                "label": f"Move {t}",
                "description": "A move.",
                "effects": effects(draw, actors, issue_ids, exact),
                "max_uses": draw(st.integers(1, 3)),
                "citation": citation(draw),
            })
        c_weights = {issue: float(draw(st.integers(0, 5))) for issue in issue_ids}
        if sum(c_weights.values()) <= 0:
            c_weights[issue_ids[0]] = 1.0
        c_values = {
            issue: {o: draw(value) for o in option_ids[i]}
            for i, issue in enumerate(issue_ids)
            if draw(st.integers(0, 3)) == 0
        }
        actor_data.append({
            "id": a,
            "name": f"Country {a}",
            "leader": "Head of delegation",
            "description": "A side.",
            "reservation": draw(grid(0.0, 0.6, 0.05) if exact else st.floats(0.0, 0.6)),
            "batna": "Keep things as they are.",
            "patience": draw(grid(0.0, 1.0, 0.1)),
            "initial_pressure": draw(grid(0.0, 0.5, 0.1)),
            "style": draw(st.sampled_from(STRATEGIES)),
            "constituency": {
                "name": "Parliament",
                "description": "Ratifies.",
                "weights": c_weights,
                "values": c_values,
                "threshold": draw(grid(0.0, 1.0, 0.1)),
                "sensitivity": draw(st.sampled_from([0.02, 0.08, 0.2, 1.0])),
            },
            "tactics": own_tactics,
        })

    n_rounds = draw(st.integers(*rounds))
    event_count = draw(st.integers(0, 3)) if events else 0
    event_ids = [f"event{e}" for e in range(event_count)]
    event_data = []
    for e, event_id in enumerate(event_ids):
        earliest = draw(st.none() | st.integers(1, n_rounds + 2))
        latest = draw(st.none() | st.integers(earliest or 1, n_rounds + 4))
        low = draw(st.none() | grid(0.0, 1.0, 0.1))
        high = draw(st.none() | grid(low or 0.0, 1.0, 0.1))
        others = [x for x in event_ids if x != event_id]
        conditions = {
            "min_trust": low,
            "max_trust": high,
            "after_tactic": draw(st.none() | st.sampled_from(tactic_ids)) if tactic_ids else None,
            "after_event": draw(st.none() | st.sampled_from(others)) if others else None,
            "not_after_event": draw(st.none() | st.sampled_from(others)) if others else None,
        }
        event_data.append({
            "id": event_id,
            "headline": f"News {e}",
            "text": "Something happened.",
            "probability": draw(st.sampled_from([0.0, 0.1, 0.3, 0.5, 1.0])),
            "earliest_round": earliest,
            "latest_round": latest,
            "once": draw(st.booleans()),
            "conditions": {k: v for k, v in conditions.items() if v is not None},
            "effects": effects(draw, actors, issue_ids, exact),
            "citations": [citation(draw)],
            "crisis": draw(st.none() | crisis(actors, issue_ids, exact)),
        })

    return {
        "id": "generated",
        "title": "Generated talks",
        "when": "Now",
        "summary": "Random talks for property tests.",
        "difficulty": "easy",
        "rounds": n_rounds,
        "first_mover": draw(st.none() | st.sampled_from(actors)),
        "on_failed_ratification": draw(st.sampled_from(["reopen", "end"])),
        "actors": actor_data,
        "issues": [
            {
                "id": issue,
                "name": f"Issue {i}",
                "description": "At stake.",
                "options": [{"id": o, "label": o.title(), "description": "An option."} for o in option_ids[i]],
            }
            for i, issue in enumerate(issue_ids)
        ],
        "preferences": preferences,
        "red_lines": lines,
        "events": event_data,
        "briefings": {"public": "Talks.", "confidential": {a: "Get a deal." for a in actors}},
    }


def scenarios(**options: Any) -> st.SearchStrategy[Scenario]:
    """Valid scenarios; keyword options as for :func:`scenario_data`."""
    return scenario_data(**options).map(Scenario.model_validate)


@st.composite
def utility_spaces(draw: st.DrawFn, max_size: int = 40) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(utilities (2, n), reservation (2,), forbidden (2, n)) on a 0.05 grid: many exact ties."""
    n = draw(st.integers(1, max_size))
    point = st.integers(0, 20).map(lambda k: k / 20)
    u = np.array([[draw(point) for _ in range(n)] for _ in range(2)])
    r = np.array([draw(st.integers(0, 12).map(lambda k: k / 20)) for _ in range(2)])
    forbidden = np.array([[draw(st.integers(0, 5)) == 0 for _ in range(n)] for _ in range(2)], dtype=bool)
    return u, r, forbidden


def seats() -> st.SearchStrategy[tuple[tuple[str, str], tuple[str, str]]]:
    """A computer seat per side."""
    seat = st.sampled_from(SEATS)
    return st.tuples(seat, seat)
