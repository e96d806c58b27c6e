"""The exported transcript: the whole game as Markdown, from the setting to the debrief.

Built from the same words as every screen (:mod:`.transcript` for the moves, :mod:`.debrief`
for the result), plus the notes on the seed articles' reliability just before the questions
for discussion, so a class reads the debrief knowing which sources to doubt.
"""

from __future__ import annotations

from game.engine import State
from game.engine.outcome import Outcome
from game.scenario.seednotes import seed_notes_markdown

from .debrief import debrief_lines
from .transcript import news_lines, record_lines


def transcript_markdown(state: State, result: Outcome) -> str:
    """The whole game as Markdown: setting, every move with its reason and effects, news, and the debrief."""
    s = state.scenario
    seats = ", ".join(f"{s.actor(a).name}: {seat}" for a, seat in state.seats.items())
    parts = [
        f"# Parley — {s.title}",
        "",
        f"*{s.when}* · scenario `{s.id}` · seed {state.seed} · {seats}",
        "",
        "## Transcript",
        "",
    ]
    for item in state.opening_news:
        head, *effect = news_lines(s, [item], state.opening_changes)
        parts.append(f"- **News (round {item.round}):** {head.split(': ', 1)[1]}")
        parts.extend(f"  {line.strip()}  " for line in effect)
    for record in state.history:
        lines = record_lines(s, record, None)
        parts.append(f"- {lines[0]}")
        parts.extend(f"  {line.strip()}  " for line in lines[1:])
    parts += ["", "## Debrief", ""]
    parts += [f"- {line}" for line in debrief_lines(state, result)]
    truth = result.true_weights
    estimates = result.estimated_weights
    parts += ["", "### What each side really valued, and what the other side estimated", ""]
    heads = " | ".join(f"{s.actor(a).label} (true / estimated by the other side)" for a in truth)
    parts.append(f"| Issue | {heads} |")
    parts.append("|---|" + "---|" * len(truth))
    for issue in s.issues:
        cells = [f"{truth[a][issue.id]:.2f} / {estimates.get(a, {}).get(issue.id, float('nan')):.2f}" for a in truth]
        parts.append(f"| {issue.name} | " + " | ".join(cells) + " |")
    notes = seed_notes_markdown(s, heading="### About the sources")
    if notes:
        parts += ["", notes]
    if s.debrief_questions:
        parts += ["", "### Questions for discussion", ""]
        parts += [f"{n}. {q}" for n, q in enumerate(s.debrief_questions, start=1)]
    return "\n".join(parts) + "\n"
