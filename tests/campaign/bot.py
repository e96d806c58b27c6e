"""A scripted player for campaign tests: plays a campaign through the API and writes the answers
plain mode would need to play it the same way (``parley campaign --plain --script FILE``).

Its policy: accept the other side's offer when it is worth nearly as much to it as the Nash
package (less as the rounds go by) and likely to pass at home; else propose the Nash
package; else reject, else walk. Between summits it keeps its promises, except the ones
listed in ``break_ids``. Run as a module to rewrite the bundled test script:
``.venv/bin/python -m tests.campaign.bot pk 7 adaptive/normal tests/data/campaign/pk-adaptive-7.txt``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.campaign import CampaignSession
from game.engine import Move, Seat, State
from game.engine.outcome import final_analysis
from game.scenario.campaign_checks import bundled_campaigns, load_campaign


def bot_move(state: State, me: str) -> Move:
    if state.crisis is not None:  # answer with the response that costs the least trust
        event = state.scenario.event(state.crisis)
        assert event.crisis is not None
        open_ = state.answers()
        best = max((r for r in event.crisis.responses if r.id in open_), key=lambda r: r.effects.trust)
        return Move(me, "answer", event=event.id, response=best.id)
    other = state.scenario.other(me).id
    analysis = final_analysis(state)
    nash = state.rules.choice_of(analysis.nash) if analysis.nash is not None else state.opening_package(me)
    offer = state.standing_offer(other)
    target = max(state.reservation(me) + 0.03, state.utility(me, nash) - 0.02 * state.round)
    accept = Move(me, "accept")
    if offer and not state.why_illegal(accept) and state.utility(me, offer) >= target \
            and state.ratify_chance(me, offer) >= 0.5:
        return accept
    propose = Move(me, "propose", package=nash)
    if not state.why_illegal(propose) and offer != nash:
        return propose
    for kind in ("reject", "accept", "walk"):
        move = Move(me, kind)
        if not state.why_illegal(move) and (kind != "accept" or (offer and state.utility(me, offer) > target - 0.1)):
            return move
    return Move(me, "walk")


def _lines(state: State, move: Move) -> list[str]:
    """The answers plain mode takes for ``move`` (see game.plain.game.PlainGame)."""
    if move.kind == "answer":
        event = state.scenario.event(move.event or "")
        assert event.crisis is not None
        open_ = [r.id for r in event.crisis.responses if r.id in state.answers()]
        return [str(1 + open_.index(move.response or ""))]
    if move.kind == "propose":
        assert move.package is not None
        picks = [str(1 + [o.id for o in issue.options].index(move.package[issue.id]))
                 for issue in state.scenario.issues]
        return ["p", *picks, "y"]
    return [{"accept": "a", "reject": "r", "walk": "w"}[move.kind], "y"]


def bot_script(side: str, seed: int, opponent: str, break_ids: frozenset[str] = frozenset()) -> list[str]:
    """The answers that play the bundled campaign as this bot would."""
    loaded = load_campaign(bundled_campaigns()[0])
    session = CampaignSession.new(loaded, seed, side, Seat.parse(opponent), autosave=False, timestamps=False)
    run = session.run
    lines: list[str] = []
    while not run.finished:
        kept = {p.id: p.id not in break_ids for p in run.to_decide()}
        for promise in run.due_promises():
            if promise.by == side:
                lines.append("y" if kept[promise.id] else "n")
        summit = session.open_next(kept)
        state = summit.state
        summit.advance()
        while not state.is_terminal:
            move = bot_move(state, side)
            lines += _lines(state, move)
            summit.play(move)
    return lines


def play_summits(session: CampaignSession, summits: int, *, stop_after_moves: int | None = None,
                 break_ids: frozenset[str] = frozenset()) -> None:
    """Play ``summits`` more summits of ``session`` as the bot (the last only ``stop_after_moves`` moves in)."""
    run = session.run
    for n in range(summits):
        if run.finished:
            return
        summit = session.open_next({p.id: p.id not in break_ids for p in run.to_decide()}) if run.between \
            else session.summit()
        summit.advance()
        moves = 0
        while not summit.state.is_terminal:
            if n == summits - 1 and stop_after_moves is not None and moves >= stop_after_moves:
                return
            summit.play(bot_move(summit.state, run.side))
            moves += 1


if __name__ == "__main__":
    who, number, strategy, target = sys.argv[1], int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
    target.write_text("\n".join(bot_script(who, number, strategy, frozenset(sys.argv[5:]))) + "\n", encoding="utf-8")
