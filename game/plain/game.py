"""Plain mode's game: one game driven from a console, for one side or both (hot-seat).

Output depends only on the scenario, seed, seats and the lines read, so a game scripted
in a text file gives the same transcript every time. The game is played through a
:class:`~game.session.GameSession`, so a local save and a live seat play the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from game.classroom import TIMEOUT_REASON, TurnTimer
from game.classroom import timeout_move as clock_move
from game.engine import Move, Record, State
from game.engine.outcome import outcome
from game.scenario.models import Scenario
from game.session import GameSession
from game.session.transcript import mid_sentence, outcome_lines, package_text, record_lines

from .console import RULE, Console, plain_text


class PlainGame:
    """One game driven from a console; the player may hold one side or both (hot-seat).

    With a time ``limit`` (seconds per move, from a classroom exercise) each human turn is
    timed on ``clock``: a move chosen after the limit is not played, and the turn passes.
    Input cannot be interrupted portably, so the time is measured when the answer comes.
    """

    def __init__(self, session: GameSession, console: Console, limit: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.session = session
        self.c = console
        self.timer = TurnTimer(limit, clock)

    @property
    def state(self) -> State:
        return self.session.state

    @property
    def scenario(self) -> Scenario:
        return self.state.scenario

    # -- screens -------------------------------------------------------------------------

    def briefing(self, actor_id: str) -> None:
        s, c = self.scenario, self.c
        actor = s.actor(actor_id)
        c.say(RULE)
        c.say(f"{s.title} — {s.when}")
        c.say(f"You are {actor.name}, led by {actor.leader}.")
        c.say(RULE)
        c.say(plain_text(s.briefings.public))
        c.say("")
        c.say("CONFIDENTIAL — for " + actor.name + " only:")
        c.say(plain_text(s.briefings.confidential[actor_id]))
        c.say("")
        c.say("Your priorities (weight of each issue):")
        weights = self.state.weights(actor_id)
        for issue, w in sorted(zip(s.issues, weights, strict=True), key=lambda p: -p[1]):
            c.say(f"  {issue.name:<26} {w:.0%}")
        lines = s.red_lines_of(actor_id)
        if lines:
            c.say("Your red lines:")
            for line in lines:
                labels = ", ".join(self._label(line.issue, o) for o in line.options)
                c.say(f"  {s.issue(line.issue).name}: never {labels} — {line.rationale.strip()}")
        other = s.other(actor_id)
        theirs = s.red_lines_of(other.id)
        if theirs:
            c.say(f"{other.name}'s declared red lines:")
            for line in theirs:
                labels = ", ".join(self._label(line.issue, o) for o in line.options)
                c.say(f"  {s.issue(line.issue).name}: never {labels}")
        c.say(f"No deal is worth {self.state.reservation(actor_id):.2f} to you: {actor.batna.strip()}")
        c.say(f"The talks last {self.state.deadline} rounds. A deal must be ratified by "
              f"{mid_sentence(actor.constituency.name)} and by {mid_sentence(other.constituency.name)}.")

    def _label(self, issue_id: str, option_id: str) -> str:
        return self.scenario.option_label(issue_id, option_id)

    def status(self, me: str) -> None:
        s, st, c = self.scenario, self.state, self.c
        other = s.other(me).id
        c.say(RULE)
        left = self.timer.remaining()
        c.say(f"Round {st.round} of {st.deadline} · {s.actor(me).name} to move · trust {st.trust:.2f} · "
              f"your no-deal value {st.reservation(me):.2f} · pressure at home {st.pressure(me):.2f}"
              + (f" · time left {left:.0f} s" if left is not None else ""))
        theirs = st.standing_offer(other)
        mine = st.standing_offer(me)
        if theirs:
            c.say(f"{s.actor(other).name}'s offer (worth {st.utility(me, theirs):.2f} to you, "
                  f"{st.ratify_chance(me, theirs):.0%} chance {mid_sentence(s.actor(me).constituency.name)} ratifies):")
            c.say("  " + package_text(s, theirs, "\n  "))
        else:
            c.say(f"{s.actor(other).name} has no offer on the table.")
        if mine:
            c.say(f"Your offer on the table is worth {st.utility(me, mine):.2f} to you.")

    def show_issues(self, me: str) -> None:
        s, st, c = self.scenario, self.state, self.c
        weights = st.weights(me)
        barred, other_barred = s.barred(me), s.barred(s.other(me).id)
        for i, issue in enumerate(s.issues):
            c.say(f"{issue.name} (weight {weights[i] / weights.sum():.0%}): {issue.description.strip()}")
            for option in issue.options:
                value = s.preferences[me][issue.id].values[option.id]
                marks = (" [your red line]" if (issue.id, option.id) in barred else "") + (
                    " [their red line]" if (issue.id, option.id) in other_barred else "")
                c.say(f"    {option.label:<30} value {value:.2f}{marks}")

    # -- moves -----------------------------------------------------------------------------

    def compose(self, me: str) -> dict[str, str] | None:
        s, st, c = self.scenario, self.state, self.c
        current = st.standing_offer(me) or st.opening_package(me)
        barred, theirs = s.barred(me), s.barred(s.other(me).id)
        for issue in s.issues:
            labels = []
            for option in issue.options:
                value = s.preferences[me][issue.id].values[option.id]
                mark = " (your red line)" if (issue.id, option.id) in barred else ""
                mark += " (their red line)" if (issue.id, option.id) in theirs else ""
                now = " <- current" if current[issue.id] == option.id else ""
                labels.append(f"{option.label} — value {value:.2f}{mark}{now}")
            pick = c.choose(f"{issue.name}:", labels, allow_back=True)
            if pick is None:
                return None
            current[issue.id] = issue.options[pick].id
        c.say("Your proposal: " + package_text(s, current))
        c.say(f"  Worth {st.utility(me, current):.2f} to you (no deal: {st.reservation(me):.2f}); "
              f"{st.ratify_chance(me, current):.0%} chance {mid_sentence(s.actor(me).constituency.name)} ratifies; "
              f"analysts put the chance {s.other(me).name} accepts at {st.accept_estimate(me, current):.0%}.")
        return current if c.confirm("Send this proposal?") else None

    def signal(self, me: str) -> tuple[str, ...] | None:
        s, c = self.scenario, self.c
        chosen: list[str] = []
        names = [i.name for i in s.issues]
        while len(chosen) < 3:
            left = [i for i in range(len(names)) if s.issues[i].id not in chosen]
            labels = [names[i] for i in left] + (["Done"] if chosen else [])
            pick = c.choose(f"Priority {len(chosen) + 1} you will claim (cheap talk; it may be a bluff):",
                            labels, allow_back=True)
            if pick is None:
                return None
            if pick == len(left):
                break
            chosen.append(s.issues[left[pick]].id)
        return tuple(chosen)

    def turn(self, me: str) -> None:
        """One menu for the side to move; returns after a move that ends the turn."""
        s, st, c = self.scenario, self.state, self.c
        self.timer.start()
        while not st.is_terminal and st.current_actor == me:
            if self._time_up(me):
                return
            self.status(me)
            actions: list[tuple[str, Callable[[], Move | None]]] = [
                ("Propose a package", lambda: self._propose(me)),
            ]
            other = s.other(me)
            if st.standing_offer(other.id):
                actions.append(("Accept their offer", lambda: self._accept(me)))
                actions.append(("Reject their offer", lambda: Move(me, "reject")))
            if st.why_illegal(Move(me, "signal", signal=(s.issues[0].id,))) is None:
                actions.append(("Signal your priorities", lambda: self._signal(me)))
            for tactic_id in st.available_tactics(me):
                tactic = s.tactic(tactic_id)
                kind = "gesture" if tactic.kind == "gesture" else "pressure"
                actions.append((f"Play ({kind}): {tactic.label}", lambda t=tactic_id: Move(me, "tactic", tactic=t)))
            actions.append(("Walk away", lambda: self._walk(me)))
            actions.append(("Show issues and your values", lambda: self._info(self.show_issues, me)))
            actions.append(("Show the transcript", lambda: self._info(self.transcript, me)))
            actions.append(("Show your briefing", lambda: self._info(self.briefing, me)))
            pick = c.choose("Your move:", [a[0] for a in actions])
            assert pick is not None
            move = actions[pick][1]()
            if self._time_up(me):
                return
            if move is None:
                continue
            problem = st.why_illegal(move)
            if problem:
                c.say(f"Not possible: {problem}.")
                continue
            for record in self.play_move(move):
                self.report(record, me)

    def _info(self, show: Callable[[str], None], me: str) -> None:
        show(me)

    def _time_up(self, me: str) -> bool:
        """When the turn's time has run out, let the turn pass (reject, or pass with no offer)."""
        if not self.timer.expired():
            return False
        move = clock_move(self.state, me)
        what = "their offer is rejected" if move.kind == "reject" else "you make no proposal this round"
        self.c.say(f"Time is up ({self.timer.used():.0f} s of {self.timer.limit:g} s): your turn passes and {what}.")
        for record in self.play_move(move, TIMEOUT_REASON):
            self.report(record, me)
        return True

    def _propose(self, me: str) -> Move | None:
        package = self.compose(me)
        return Move(me, "propose", package=package) if package else None

    def _accept(self, me: str) -> Move | None:
        return Move(me, "accept") if self.c.confirm("Accept their offer? This cannot be undone.") else None

    def _walk(self, me: str) -> Move | None:
        return Move(me, "walk") if self.c.confirm("Walk away and end the talks with no deal?") else None

    def _signal(self, me: str) -> Move | None:
        claim = self.signal(me)
        return Move(me, "signal", signal=claim) if claim else None

    def play_move(self, move: Move, reason: str = "") -> list[Record]:
        """Make the move through the session; the records it made (a live seat may refuse it)."""
        return self.session.play(move, reason)

    def report(self, record: Record, viewer: str | None) -> None:
        for line in record_lines(self.scenario, record, viewer):
            self.c.say(line)

    def transcript(self, viewer: str) -> None:
        for item in self.state.opening_news:
            self.c.say(f"  NEWS (round 1): {item.headline} — {item.text.strip()}")
        for record in self.state.history:
            self.report(record, viewer)

    def debrief(self) -> None:
        c = self.c
        c.say(RULE)
        c.say("RESULT AND DEBRIEF")
        for line in outcome_lines(self.scenario, outcome(self.state)):
            c.say(line)
        if self.scenario.debrief_questions:
            c.say("Questions for discussion:")
            for n, q in enumerate(self.scenario.debrief_questions, start=1):
                c.say(f"  {n}. {q.strip()}")

    # -- the loop ----------------------------------------------------------------------

    def play(self) -> int:
        st, c = self.state, self.c
        humans = [a for a, seat in st.seats.items() if seat.human]
        hot_seat = len(humans) == 2
        for actor_id in humans[:1] if not hot_seat else []:
            self.briefing(actor_id)
        if not st.history:
            for item in st.opening_news:
                c.say(f"NEWS: {item.headline} — {item.text.strip()}")
        for record in self.session.advance():
            self.report(record, humans[0] if len(humans) == 1 else None)
        briefed: set[str] = set()
        while not st.is_terminal:
            me = st.current_actor or ""
            if hot_seat:
                c.say(RULE)
                c.say(f"Pass the keyboard to {self.scenario.actor(me).name}; the other side should look away.")
                c.ask("Press Enter when ready.")
                if me not in briefed:
                    self.briefing(me)
                    briefed.add(me)
            self.turn(me)
        self.debrief()
        return 0
