"""Words for what happens at the negotiating table: the reasons a computer side gives for its moves.

Pure functions of the rules, the batch of games and a decision; no state of their own. A reason
is short, in the first person plural of the side that speaks, and names the issues it
is about, so the player can learn from it.
"""

from __future__ import annotations

import numpy as np

from .batch import Batch
from .beliefs import stance_values
from .rules import Rules
from .strategies import Why


def join(names: list[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def issue_names(rules: Rules, issues: list[int]) -> list[str]:
    return [rules.scenario.issues[i].name for i in issues]


def red_line_clause(rules: Rules, actor: int, package: int) -> str:
    """'Your offer crosses our red line on X' when it does, else ''."""
    crossed = rules.crosses(actor, package)
    if not crossed:
        return ""
    actor_id = rules.actor_ids[actor]
    names = issue_names(rules, crossed)
    first = rules.issue_ids[crossed[0]]
    why = next(
        (line.rationale for line in rules.scenario.red_lines.get(actor_id, []) if line.issue == first), ""
    )
    because = f" ({why.rstrip('.')})" if why else ""
    return f"Rejected: your offer crosses our red line on {join(names)}{because}. "


def counter_clause(rules: Rules, batch: Batch, game: int, actor: int, package: int) -> str:
    """'We can move on X if you move on Y', comparing our new offer with theirs and our last."""
    other = 1 - actor
    theirs = batch.offer[game, other]
    ours_before = batch.previous_offer[game, actor] if batch.offer[game, actor] == package else batch.offer[game, actor]
    new = rules.package_digits(package)
    if theirs < 0:
        return ""
    their_d = rules.package_digits(int(theirs))
    weights = batch.weights[game, actor]
    stance = stance_values(rules, other)  # the other side's public positions, not its secrets
    gives: list[int] = []
    if ours_before >= 0:
        before = rules.package_digits(int(ours_before))
        gives = [i for i in range(len(new)) if stance[i, new[i]] > stance[i, before[i]]]
    asks = [i for i in range(len(new)) if new[i] != their_d[i] and stance[i, new[i]] < stance[i, their_d[i]]]
    asks.sort(key=lambda i: -weights[i])
    gives.sort(key=lambda i: weights[i])
    give_names = issue_names(rules, gives[:2])
    ask_names = issue_names(rules, asks[:2])
    if give_names and ask_names:
        return f"We can move on {join(give_names)} if you move on {join(ask_names)}."
    if give_names:
        return f"We have moved on {join(give_names)}; your turn to close the gap."
    if ask_names:
        return f"We need more from you on {join(ask_names)}."
    return "This takes your position on every issue we can give."


def reason(rules: Rules, batch: Batch, game: int, actor: int, why: int, package: int, tactic: int) -> str:
    """The reason a computer side gives for a move it is about to make (batch before the move)."""
    other = 1 - actor
    standing = int(batch.offer[game, other])
    prefix = red_line_clause(rules, actor, standing) if standing >= 0 else ""
    w = batch.weights[game, actor]
    top = issue_names(rules, list(np.argsort(-w, kind="stable")[:2]))
    if why == Why.OPEN:
        return f"Our opening position. What matters most to us: {join(top)}."
    if why == Why.COUNTER:
        return prefix + (counter_clause(rules, batch, game, actor, package) or "Our counter-proposal.")
    if why == Why.HOLD:
        return prefix + "We stand by our offer; we have moved as far as we can for now."
    if why == Why.ACCEPT:
        return "Accepted: this package meets what we need on " + join(top) + "."
    if why == Why.ACCEPT_LAST:
        return "Accepted: time is up, and this is better than no deal at all."
    if why == Why.WALK:
        batna = rules.scenario.actors[actor].batna.rstrip(".")
        return f"Walked away: nothing still possible beats our alternative ({batna})."
    if why in (Why.GESTURE, Why.PRESSURE):
        t = rules.tactics[tactic][1]
        cause = "to rebuild trust" if why == Why.GESTURE else "because you have not moved on what matters to us"
        return f"{t.label} — {cause}."
    return ""
