"""What players are told about the articles a scenario is built from.

A seed article may be undated, wrong on facts or contradicted by the public record; the
scenario says so in ``seed_notes`` (and ``hypothetical`` when it departs from the record).
Front ends show these lines with the briefing, before play, and again in the debrief, so
that a player never takes an unreliable article for history. The functions here are pure:
the terminal screens, plain mode and printed sheets all render the same words.
"""

from __future__ import annotations

from .models import Scenario

HYPOTHETICAL = (
    "A hypothetical: this scenario departs from the public record. Play it as a what-if, "
    "not as history."
)


def seed_note_lines(scenario: Scenario) -> list[str]:
    """One plain-text line per note (the hypothetical warning first); empty when there is none."""
    lines = [HYPOTHETICAL] if scenario.hypothetical else []
    for note in scenario.seed_notes:
        lines.append(f"About the source ({note.seed}): {' '.join(note.note.split())}")
    return lines


def seed_notes_markdown(scenario: Scenario, heading: str = "## About the sources") -> str:
    """The same lines as a Markdown section (a bullet per note), or ``""`` when there is none."""
    lines = seed_note_lines(scenario)
    if not lines:
        return ""
    return "\n".join([heading, "", *(f"- {line}" for line in lines)])
