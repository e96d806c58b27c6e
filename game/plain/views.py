"""What plain mode prints: the briefing, the state of the table, the issues, the news, the help
and the debrief, as plain lines of text for one side (or, in the debrief, for both).

Pure views of a game: each function reads the state through its public API and writes
through the console; none of them asks a question or changes the game.
"""

from __future__ import annotations

from game.engine import State
from game.engine.outcome import outcome
from game.scenario.seednotes import seed_note_lines
from game.session.debrief import debrief_lines
from game.session.guide import guide_markdown
from game.session.transcript import mid_sentence, package_text

from .console import RULE, Console, plain_text

#: The keys of a turn, in the order they are always listed: the same letters as the terminal
#: screen's (p a r s g d w t b n ?), plus i (the issues, which the screen always shows) and q.
KEYS: list[tuple[str, str]] = [
    ("p", "propose"),
    ("a", "accept their offer"),
    ("r", "reject their offer"),
    ("s", "signal priorities"),
    ("g", "gesture or pressure"),
    ("d", "draw a red line"),
    ("w", "walk away"),
    ("t", "transcript"),
    ("b", "briefing"),
    ("n", "news"),
    ("i", "issues and values"),
    ("?", "help"),
    ("q", "quit"),
]


def keys_line() -> str:
    return "Keys: " + " · ".join(f"{key} {what}" for key, what in KEYS)


def label(state: State, issue_id: str, option_id: str) -> str:
    return state.scenario.option_label(issue_id, option_id)


def briefing(c: Console, state: State, actor_id: str) -> None:
    """One side's briefing: the public background and notes on its sources, the side's
    confidential instructions, priorities, red lines, the analysts' estimate of the other
    side, and the clock and alternative."""
    s = state.scenario
    actor, other = s.actor(actor_id), s.other(actor_id)
    c.say(RULE)
    c.say(f"{s.title} — {s.when}")
    c.say(f"You are {actor.name}, led by {actor.leader}.")
    c.say(RULE)
    c.say(plain_text(s.briefings.public))
    notes = seed_note_lines(s)
    if notes:
        c.say("")
        c.say("About the sources:")
        for line in notes:
            c.say(f"  {line}")
    c.say("")
    c.say("CONFIDENTIAL — for " + actor.name + " only:")
    c.say(plain_text(s.briefings.confidential[actor_id]))
    c.say("")
    c.say("Your priorities (weight of each issue):")
    weights = state.weights(actor_id)
    for issue, w in sorted(zip(s.issues, weights / weights.sum(), strict=True), key=lambda p: -p[1]):
        c.say(f"  {issue.name:<26} {w:.0%}")
    lines = s.red_lines_of(actor_id)
    if lines:
        c.say("Your red lines:")
        for line in lines:
            labels = ", ".join(label(state, line.issue, o) for o in line.options)
            c.say(f"  {s.issue(line.issue).name}: never {labels} — {line.rationale.strip()}")
    theirs = s.red_lines_of(other.id)
    if theirs:
        c.say(f"{other.name}'s declared red lines:")
        for line in theirs:
            labels = ", ".join(label(state, line.issue, o) for o in line.options)
            c.say(f"  {s.issue(line.issue).name}: never {labels}")
    guess = state.estimated_weights(actor_id)
    c.say(f"What your analysts expect {other.name} to care about (an estimate, revised as they move):")
    for issue in sorted(s.issues, key=lambda i: -guess[i.id]):
        c.say(f"  {issue.name:<26} ≈{guess[issue.id]:.0%}")
    c.say(f"Their no-deal value, as your analysts estimate it: ≈{state.estimated_reservation(actor_id):.2f}.")
    c.say(f"No deal is worth {state.reservation(actor_id):.2f} to you: {actor.batna.strip()}")
    c.say(f"The talks last {state.deadline} rounds. A deal must be ratified by "
          f"{mid_sentence(actor.constituency.name)} and by {mid_sentence(other.constituency.name)}.")


def status(c: Console, state: State, me: str, left: float | None = None) -> None:
    """The table as it stands for the side to move, and the keys (the same list every time)."""
    s = state.scenario
    other = s.other(me).id
    c.say(RULE)
    c.say(f"Round {state.round} of {state.deadline} · {s.actor(me).name} to move · trust {state.trust:.2f} · "
          f"your no-deal value {state.reservation(me):.2f} · theirs ≈{state.estimated_reservation(me):.2f} "
          f"(estimate) · pressure at home {state.pressure(me):.2f}"
          + (f" · time left {left:.0f} s" if left is not None else ""))
    theirs = state.standing_offer(other)
    mine = state.standing_offer(me)
    if theirs:
        c.say(f"{s.actor(other).name}'s offer (worth {state.utility(me, theirs):.2f} to you, "
              f"{state.ratify_chance(me, theirs):.0%} chance {mid_sentence(s.actor(me).constituency.name)} "
              "ratifies):")
        c.say("  " + package_text(s, theirs, "\n  "))
    else:
        c.say(f"{s.actor(other).name} has no offer on the table.")
    if mine:
        c.say(f"Your offer on the table is worth {state.utility(me, mine):.2f} to you.")
    c.say(keys_line())


def issues(c: Console, state: State, me: str) -> None:
    """Every issue with your weight, your values, both sides' red lines and your analysts' estimate."""
    s = state.scenario
    weights = state.weights(me)
    guess = state.estimated_weights(me)
    barred, other_barred = s.barred(me), s.barred(s.other(me).id)
    for i, issue in enumerate(s.issues):
        c.say(f"{issue.name} (you {weights[i] / weights.sum():.0%}, them ≈{guess[issue.id]:.0%}): "
              f"{issue.description.strip()}")
        for option in issue.options:
            value = s.preferences[me][issue.id].values[option.id]
            marks = (" [your red line]" if (issue.id, option.id) in barred else "") + (
                " [their red line]" if (issue.id, option.id) in other_barred else "")
            c.say(f"    {option.label:<30} value {value:.2f}{marks}")


def news(c: Console, state: State) -> None:
    """Every story so far, with the article excerpts (or the game's reasons) behind it."""
    if not state.news:
        c.say("No news has broken yet. Events may happen at the start of a round.")
        return
    for item in state.news:
        c.say(f"Round {item.round}: {item.headline} — {item.text.strip()}")
        event = next((e for e in state.scenario.events if e.id == item.event), None)
        for citation in event.citations if event else []:
            c.say(f"  Source: {' '.join(citation.source_text().split())}")


def help_text(c: Console) -> None:
    c.say(RULE)
    c.say("How to play: two governments negotiate a package, one option on every issue.")
    c.say("Keys at your turn (always the same; a move that is not possible now says why):")
    for key, what in KEYS:
        c.say(f"  {key}  {what}")
    c.say("In a numbered list, type the number (0 goes back; q quits, and the game is saved).")
    c.say("")
    c.say(plain_text(guide_markdown()).replace("## ", ""))


def debrief(c: Console, state: State) -> None:
    """The result, where it landed against what was possible, the notes on the sources, and the questions."""
    s = state.scenario
    c.say(RULE)
    c.say("RESULT AND DEBRIEF")
    for line in debrief_lines(state, outcome(state)):
        c.say(line)
    notes = seed_note_lines(s)
    if notes:
        c.say("About the sources:")
        for line in notes:
            c.say(f"  {line}")
    if s.debrief_questions:
        c.say("Questions for discussion:")
        for n, q in enumerate(s.debrief_questions, start=1):
            c.say(f"  {n}. {q.strip()}")
