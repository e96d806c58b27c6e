"""Words for what happens at the table: the reasons a computer side gives for its moves.

Pure functions of the rules, the batch of games and a decision; no state of their own. A
reason is short, in the first person plural of the side that speaks, and says what its
move actually does: which issues it moved on (compared with its own last offer, by what
it believes the other side wants), which it holds, what it asks for, and why it accepts,
hardens or leaves. It never claims a move it did not make and never names an issue as
both given and asked for.
"""

from __future__ import annotations

import numpy as np

from .batch import Batch
from .rules import Rules
from .strategies import Strategy, Why, answer_terms
from .strategies.levels import WARMTH

NUMBERS = {2: "twice", 3: "three times", 4: "four times", 5: "five times", 6: "six times"}


def join(names: list[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def times(n: int) -> str:
    return "once" if n == 1 else NUMBERS.get(n, f"{n} times")


def issue_names(rules: Rules, issues: list[int]) -> list[str]:
    return [rules.scenario.issues[i].name for i in issues]


def red_line_clause(rules: Rules, batch: Batch, game: int, actor: int, package: int) -> str:
    """'Your offer crosses our red line on X (why)' when it does, else ''."""
    crossed = rules.crosses(actor, package)
    if not crossed:
        return ""
    actor_id = rules.actor_ids[actor]
    first = rules.issue_ids[crossed[0]]
    why = next((line.rationale for line in rules.scenario.red_lines_of(actor_id) if line.issue == first), "")
    because = f" ({why.strip().rstrip('.')})" if why else ""
    count = int(batch.crossings[game, actor, crossed[0]])
    nth = {2: "second", 3: "third"}.get(count, f"{count}th")
    again = f" — for the {nth} time" if count > 1 else ""
    return f"Rejected: your offer crosses our red line on {join(issue_names(rules, crossed))}{because}{again}. "


def _moves(rules: Rules, batch: Batch, game: int, strategy: Strategy, package: int) -> tuple[list[int], list[int],
                                                                                            list[int]]:
    """(issues we give on, issues we take back, issues we ask them to move on), disjoint.

    Gives and takes compare our new offer with our last, valued by what we believe the
    other side wants; asks are issues where their offer and ours still differ and we did not
    just give.
    """
    actor, other = strategy.actor, strategy.other
    believed = strategy.beliefs.estimated_values(np.array([game]))[0]
    new = rules.package_digits(package)
    m = len(new)
    before = int(batch.offer[game, actor])
    gives: list[int] = []
    takes: list[int] = []
    if before >= 0 and before != package:
        old = rules.package_digits(before)
        gives = [i for i in range(m) if believed[i, new[i]] > believed[i, old[i]] + 1e-9]
        takes = [i for i in range(m) if believed[i, new[i]] < believed[i, old[i]] - 1e-9]
    theirs = int(batch.offer[game, other])
    asks: list[int] = []
    if theirs >= 0:
        their_d = rules.package_digits(theirs)
        own = rules.values[actor]
        asks = [i for i in range(m) if i not in gives and new[i] != their_d[i]
                and own[i, their_d[i]] < own[i, new[i]]]
    weights = batch.weights[game, actor]
    gives.sort(key=lambda i: weights[i])
    takes.sort(key=lambda i: -weights[i])
    asks.sort(key=lambda i: -weights[i])
    return gives, takes, asks


def _affront(rules: Rules, batch: Batch, game: int, strategy: Strategy) -> str:
    """The latest affront, in words, for a side that hardens."""
    actor = strategy.actor
    crossings = batch.crossings[game, actor]
    if crossings.any():
        issue = int(np.argmax(crossings))
        return f"you crossed our red line on {rules.scenario.issues[issue].name} {times(int(crossings[issue]))}"
    if batch.pressed[game, actor]:
        return f"you have pressed us {times(int(batch.pressed[game, actor]))}"
    return "your offers contradicted the priorities you told us"


def _walk_affronts(rules: Rules, batch: Batch, game: int, strategy: Strategy) -> str:
    actor = strategy.actor
    crossings = batch.crossings[game, actor]
    if crossings.max() >= strategy.level.tolerance:
        issue = int(np.argmax(crossings))
        barred = np.flatnonzero(rules.barred[actor, issue, : rules.space.radices[issue]])
        theirs = int(batch.offer[game, strategy.other])
        option = int(rules.package_digits(theirs)[issue]) if theirs >= 0 else int(barred[0])
        if option not in barred:
            option = int(barred[0])
        label = rules.scenario.issues[issue].options[option].label
        return (f"You have asked for {in_sentence(label)} on {rules.scenario.issues[issue].name} "
                f"{times(int(crossings[issue]))}; we are going home.")
    return f"You have pressed us {times(int(batch.pressed[game, actor]))} instead of negotiating; we are going home."


def in_sentence(label: str) -> str:
    """A label inside a sentence: its first letter lowered unless the first word is an acronym ("US")."""
    first = label.split(" ", 1)[0]
    acronym = sum(ch.isalpha() for ch in first) > 1 and first.isupper()
    return label if acronym else label[:1].lower() + label[1:]


def answer_words(rules: Rules, batch: Batch, game: int, strategy: Strategy, response: int) -> str:
    """Why a computer side answers a crisis as it does: the answer, and the gain that decided it."""
    _, answer = rules.responses[response]
    warmth = WARMTH.get(strategy.name, 1.0)
    terms = answer_terms(batch, np.array([game]), strategy.actor, np.array([response]), warmth)
    gains = {why: float(value[0, 0]) for why, value in terms.items()}
    best = max(gains, key=lambda k: gains[k])
    because = best if gains[best] > 0 else "every other answer would cost us more"
    return f"{answer.label}: {because}."


def reason(rules: Rules, batch: Batch, game: int, strategy: Strategy, why: int, package: int, tactic: int,
           blocked: bool = False, response: int = -1) -> str:
    """The reason a computer side gives for a move it is about to make (batch before the move)."""
    actor, other = strategy.actor, strategy.other
    standing = int(batch.offer[game, other])
    prefix = red_line_clause(rules, batch, game, actor, standing) if standing >= 0 else ""
    if blocked:
        body = rules.scenario.actors[actor].constituency.name
        prefix += f"{body[0].upper()}{body[1:]} would never pass your offer. "
    w = batch.weights[game, actor]
    top = issue_names(rules, list(np.argsort(-w, kind="stable")[:2]))
    batna = rules.scenario.actors[actor].batna.strip().rstrip(".")
    if why == Why.OPEN:
        return prefix + f"Our opening position. What matters most to us: {join(top)}."
    if why in (Why.COUNTER, Why.HOLD, Why.HARDEN):
        gives, takes, asks = _moves(rules, batch, game, strategy, package)
        ask = f" We need movement from you on {join(issue_names(rules, asks[:2]))}." if asks else ""
        if why == Why.HARDEN:
            taken = join(issue_names(rules, takes[:2])) or "parts of our offer"
            affront = _affront(rules, batch, game, strategy)
            return prefix + f"After {affront}, we take back what we offered on {taken}." + ask
        if why == Why.HOLD:
            stalled = int(strategy.stalled[game])
            if stalled >= 2:
                return prefix + f"Your offers have not moved in {stalled} rounds; we hold ours." + ask
            moved = bool(batch.offers_made[game, actor] > 1 and np.isfinite(strategy.mine_best[game])
                         and batch.previous_offer[game, actor] not in (-1, package))
            hold = "We stand by our offer; it is your turn to move." if moved else "We hold our position for now."
            return prefix + hold + ask
        if gives:
            return prefix + f"We have moved on {join(issue_names(rules, gives[:2]))}." + ask
        return prefix + "We have rearranged our offer." + ask
    if why == Why.ACCEPT:
        return "Accepted: this is worth as much to us as anything we would propose next, and it beats no deal."
    if why == Why.WALK:
        return f"Walked away: nothing still possible beats our alternative ({batna})."
    if why == Why.WALK_AFFRONTS:
        return _walk_affronts(rules, batch, game, strategy)
    if why == Why.WALK_STALLED:
        stalled = int(strategy.stalled[game]) + 1
        return (f"Your offers have not moved in {stalled} rounds, and nothing you offer beats our alternative "
                f"({batna}); we are going home.")
    if why == Why.ANSWER and response >= 0:
        return answer_words(rules, batch, game, strategy, response)
    if why in (Why.GESTURE, Why.PRESSURE):
        t = rules.tactics[tactic][1]
        cause = "to rebuild trust" if why == Why.GESTURE else "because you have not moved on what matters to us"
        return f"{t.label} — {cause}."
    return ""
