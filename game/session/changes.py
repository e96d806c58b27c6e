"""The ledger in words: every change to trust, no-deal values, pressure, priorities,
thresholds at home or the deadline, said with its cause the moment it happens.

The engine records each change under its cause (:mod:`game.engine.ledger`); a record carries
the entries its move made (``Record.changes``) and the opening news's are on the state
(``State.opening_changes``). This module is the one home of how an entry is said, so the
table, plain mode, the transcript and the exports say the same thing:
``Effect: trust -0.05 (you crossed Pakistan's red line on Border).``

Words for a side (``viewer``) never give away the other side's private numbers: its no-deal
value, pressure and threshold are told as changes, never as levels, and its priorities
only as "cares more / less about" (what the scenario's news and tactics say publicly anyway).
"""

from __future__ import annotations

from typing import Any

from game.engine import Move
from game.scenario.models import Scenario

#: Weight changes smaller than this are the others making room (weights sum to 1), not news.
WEIGHT_STEP = 0.02

Entry = dict[str, Any]


def _who(scenario: Scenario, actor: str | None, viewer: str | None) -> str:
    if actor is None:
        return "news"
    return "you" if actor == viewer else scenario.actor(actor).label


def _whose(scenario: Scenario, actor: str | None, viewer: str | None) -> str:
    return "your" if actor is not None and actor == viewer else f"{_who(scenario, actor, viewer)}'s"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def crossed_issues(scenario: Scenario, move: Move | None) -> list[str]:
    """Issue names on which a proposal takes an option the other side's red lines refuse."""
    if move is None or not move.package:
        return []
    barred = scenario.barred(scenario.other(move.actor).id)
    return [scenario.issue(i).name for i, o in move.package.items() if (i, o) in barred]


def cause_text(scenario: Scenario, entry: Entry, viewer: str | None, move: Move | None = None) -> str:
    """Why an entry's changes happened, in a few words from ``viewer``'s side."""
    cause = entry["cause"]
    kind, ref, actor = cause["kind"], cause.get("ref") or "", cause.get("actor")
    who = _who(scenario, actor, viewer)
    other = scenario.other(actor).label if actor is not None else ""
    if kind == "tactic" and ref:
        return f"{who} played {scenario.tactic(ref).label}"
    if kind == "news" and ref:
        return f"news: {scenario.event(ref).headline}"
    if kind == "crisis" and ref:
        event_id, _, answer = ref.partition("/")
        event = scenario.event(event_id)
        label = next((r.label for r in (event.crisis.responses if event.crisis else []) if r.id == answer), answer)
        return f"{who} answered the crisis: {label}"
    if kind == "red-line":
        issues = crossed_issues(scenario, move)
        return f"{who} crossed {other}'s red line" + (f" on {_join(issues)}" if issues else "")
    if kind == "concession":
        return f"{who} made a concession"
    if kind == "retraction":
        return f"{who} took back a concession"
    if kind == "backing-down":
        public = any(c["what"] == "threshold" for c in entry["changes"])
        return f"{who} backed down from {'public' if public else 'private'} words"
    if kind == "failed-ratification":
        return "the deal failed at home"
    if kind == "history":
        return "what earlier meetings left"
    return kind.replace("-", " ")


def change_parts(scenario: Scenario, changes: list[dict[str, Any]], viewer: str | None) -> list[str]:
    """One phrase per change (``trust -0.05``, ``your no-deal value -0.03``, ...)."""
    parts: list[str] = []
    cares: dict[str, tuple[list[str], list[str]]] = {}
    for change in changes:
        what, actor = change["what"], change.get("actor")
        delta = float(change["after"]) - float(change["before"])
        if what == "trust":
            parts.append(f"trust {delta:+.2f}")
        elif what == "no-deal value":
            parts.append(f"{_whose(scenario, actor, viewer)} no-deal value {delta:+.2f}")
        elif what == "pressure":
            parts.append(f"pressure at home on {_who(scenario, actor, viewer)} {delta:+.2f}")
        elif what == "threshold":
            body = scenario.actor(actor).constituency.name if actor else "home"
            body = body[0].lower() + body[1:] if body.startswith("The ") else body
            parts.append(f"{_whose(scenario, actor, viewer)} bar at home ({body}) {delta:+.2f}")
        elif what == "deadline":
            rounds = round(abs(delta))
            parts.append(f"the deadline {'moves out' if delta > 0 else 'comes in'} by "
                         f"{rounds} round{'s' if rounds != 1 else ''}")
        elif what == "weight" and actor is not None and abs(delta) >= WEIGHT_STEP:
            more, less = cares.setdefault(actor, ([], []))
            (more if delta > 0 else less).append(scenario.issue(change["issue"]).name)
    for actor, (more, less) in cares.items():
        subject = "you care" if actor == viewer else f"{scenario.actor(actor).label} cares"
        if more:
            parts.append(f"{subject} more about {_join(more)}")
        if less:
            parts.append(f"{subject} less about {_join(less)}")
    return parts


def entry_line(scenario: Scenario, entry: Entry, viewer: str | None, move: Move | None = None) -> str:
    """``Effect: trust -0.05 (you crossed Pakistan's red line on Border).``"""
    parts = change_parts(scenario, entry["changes"], viewer)
    return f"Effect: {'; '.join(parts) or 'none'} ({cause_text(scenario, entry, viewer, move)})."


def move_entries(entries: list[Entry]) -> list[Entry]:
    """The entries a move made itself (news that broke after it aside)."""
    return [e for e in entries if e["cause"]["kind"] != "news"]


def news_entry(entries: list[Entry], event_id: str) -> Entry | None:
    """The entry of the news story ``event_id`` among ``entries``, if it changed anything."""
    return next((e for e in entries if e["cause"]["kind"] == "news" and e["cause"].get("ref") == event_id), None)
