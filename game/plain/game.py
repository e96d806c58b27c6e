"""Plain mode's game: one game driven from a console, for one side or both (hot-seat).

A turn is always asked the same way: the same letter keys as the terminal screen, listed
in the same order whatever the state (a move that is not possible now says why when
chosen); numbers only ever pick from a numbered list. Reject and walk-away ask first, as
accepting does. Output depends only on the scenario, seed, seats and the lines read, so a
game scripted in a text file gives the same transcript every time. The game is played
through a :class:`~game.session.GameSession`, so a local save and a live seat play the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from game.classroom import TIMEOUT_REASON, TurnTimer
from game.classroom import timeout_move as clock_move
from game.engine import Move, Record, State
from game.scenario.models import Scenario
from game.session import GameSession
from game.session.audience import audience, crisis_answers, crisis_question
from game.session.transcript import effect_line, history_lines, mid_sentence, news_lines, package_text, record_lines

from . import views
from .console import RULE, Console, Quit


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

    # -- what is shown -----------------------------------------------------------------------

    def briefing(self, actor_id: str) -> None:
        views.briefing(self.c, self.state, actor_id)

    def status(self, me: str) -> None:
        views.status(self.c, self.state, me, self.timer.remaining())

    def report(self, record: Record, viewer: str | None) -> None:
        for line in record_lines(self.scenario, record, viewer):
            self.c.say(line)

    def transcript(self, viewer: str | None) -> None:
        for line in history_lines(self.state, viewer):
            self.c.say(line)

    def debrief(self) -> None:
        views.debrief(self.c, self.state)

    # -- composing moves ---------------------------------------------------------------------

    def compose(self, me: str) -> tuple[dict[str, str], bool] | None:
        """Pick an option for every issue (Enter keeps the current one), then public or private:
        (package, public), or None when abandoned."""
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
            keep = next(k for k, o in enumerate(issue.options) if o.id == current[issue.id])
            pick = c.choose(f"{issue.name}:", labels, allow_back=True, default=keep)
            if pick is None:
                return None
            current[issue.id] = issue.options[pick].id
        c.say("Your proposal: " + package_text(s, current))
        problem = st.why_illegal(Move(me, "propose", package=current))
        c.say(f"  Worth {st.utility(me, current):.2f} to you (no deal: {st.reservation(me):.2f}); "
              f"{st.ratify_chance(me, current):.0%} chance {mid_sentence(s.actor(me).constituency.name)} ratifies; "
              f"analysts put the chance {s.other(me).name} accepts at {st.accept_estimate(me, current):.0%}.")
        if problem:
            c.say(f"  Not allowed: {problem}.")
            return None
        said = self.say_how(me, "propose", "Send this proposal?")
        return None if said is None else (current, said)

    def say_how(self, me: str, kind: str, question: str) -> bool | None:
        """In private (y), in public (p) or not at all (n), each way's effects said first:
        True for public, False for private, None for not."""
        words = audience(self.state, me, kind)
        self.c.say(f"  {words.private}")
        self.c.say(f"  {words.public}")
        key = self.c.key(f"{question} y in private, p in public, n not now [y/p/n]", ["y", "p", "n", "q"])
        if key == "q":
            raise Quit
        return None if key == "n" else key == "p"

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

    def line(self, me: str) -> Move | None:
        """Draw a line: an issue, the options it rules out (one at a time), then public or private."""
        s, c = self.scenario, self.c
        pick = c.choose("Draw a line on which issue? (you vow never to accept the options you pick)",
                        [i.name for i in s.issues], allow_back=True)
        if pick is None:
            return None
        issue = s.issues[pick]
        ruled: list[str] = []
        while len(ruled) < len(issue.options) - 1:
            left = [o for o in issue.options if o.id not in ruled]
            labels = [f"{o.label} — value {s.preferences[me][issue.id].values[o.id]:.2f}" for o in left]
            pick = c.choose(f"Never accept on {issue.name}:", labels + (["Done"] if ruled else []), allow_back=True)
            if pick is None:
                return None
            if pick == len(left):
                break
            ruled.append(left[pick].id)
        said = self.say_how(me, "line", "Draw this line?")
        return None if said is None else Move(me, "line", issue=issue.id, options=tuple(ruled), public=said)

    def crisis(self, me: str) -> Move:
        """The crisis waiting for ``me``: its question and answers, each with its effects; one must be chosen."""
        st, c = self.state, self.c
        event = st.crisis or ""
        headline, question = crisis_question(self.scenario, event)
        c.say(f"CRISIS: {headline}")
        c.say(f"  {question} The talks go on once you answer.")
        answers = crisis_answers(self.scenario, event)
        open_ = set(st.answers())
        answers = [a for a in answers if a.id in open_]
        pick = c.choose("Your answer:", [f"{a.label} — {a.description} {a.effect}" for a in answers])
        assert pick is not None
        return Move(me, "answer", event=event, response=answers[pick].id)

    def tactic(self, me: str) -> Move | None:
        """Pick one of the side's gestures or pressure tactics (each with its effect); None for back."""
        s, st, c = self.scenario, self.state, self.c
        tactics = s.actor(me).tactics
        if not tactics:
            c.say("Not possible now: your side has no gestures or pressure tactics in this scenario.")
            return None
        available = set(st.available_tactics(me))
        labels = []
        for t in tactics:
            kind = "gesture" if t.kind == "gesture" else "pressure"
            left = st.tactic_uses_left(t.id)
            when = ("used up" if not left else f"{left} use{'s' if left != 1 else ''} left"
                    + ("" if t.id in available else ", not now"))
            labels.append(f"{t.label} [{kind}, {when}] — {t.description.strip()} {effect_line(s, t.effects)}")
        pick = c.choose("Which gesture or pressure tactic?", labels, allow_back=True)
        return None if pick is None else Move(me, "tactic", tactic=tactics[pick].id)

    # -- a turn --------------------------------------------------------------------------------

    def turn(self, me: str) -> None:
        """The side to move chooses by letter until it makes a move that ends its turn."""
        st, c = self.state, self.c
        self.timer.start()
        show = True
        while not st.is_terminal and st.current_actor == me:
            if self._time_up(me):
                return
            if show:
                self.status(me)
            show = True
            if st.crisis is not None:
                move = self.crisis(me)
                if self._time_up(me):
                    return
                for record in self.play_move(move):
                    self.report(record, me)
                continue
            key = c.key("Your move:", [k for k, _ in views.KEYS])
            move = self._answer(key, me)
            if self._time_up(me):
                return
            if move is None:
                show = key in ("p", "a", "r", "s", "g", "d", "w")  # after a look (t, b, n, i, ?) only the prompt
                continue
            problem = st.why_illegal(move)
            if problem:
                c.say(f"Not possible now: {problem}.")
                continue
            for record in self.play_move(move):
                self.report(record, me)

    def _answer(self, key: str, me: str) -> Move | None:
        """What a key does: a move to play, or None after a look (or a move given up)."""
        c, st = self.c, self.state
        if key == "q":
            raise Quit
        looks: dict[str, Callable[[], None]] = {
            "t": lambda: self.transcript(me),
            "b": lambda: self.briefing(me),
            "n": lambda: views.news(c, st),
            "i": lambda: views.issues(c, st, me),
            "?": lambda: views.help_text(c),
        }
        if key in looks:
            looks[key]()
            return None
        if key == "p":
            composed = self.compose(me)
            return Move(me, "propose", package=composed[0], public=composed[1]) if composed else None
        if key == "s":
            probe = Move(me, "signal", signal=(self.scenario.issues[0].id,))
            if st.why_illegal(probe):
                return probe  # refused with the engine's reason
            claim = self.signal(me)
            said = self.say_how(me, "signal", "Send this signal?") if claim else None
            return Move(me, "signal", signal=claim, public=said) if claim and said is not None else None
        if key == "g":
            return self.tactic(me)
        if key == "d":
            probe = Move(me, "line", issue=self.scenario.issues[0].id, options=(self.scenario.issues[0].options[0].id,))
            if st.why_illegal(probe):
                return probe  # refused with the engine's reason
            return self.line(me)
        move = Move(me, {"a": "accept", "r": "reject", "w": "walk"}[key])
        if st.why_illegal(move):
            return move  # refused with the engine's reason
        question = {
            "a": "Accept their offer? This cannot be undone.",
            "r": "Reject their offer without a counter-proposal?",
            "w": "Walk away and end the talks with no deal?",
        }[key]
        return move if c.confirm(question) else None

    def _time_up(self, me: str) -> bool:
        """When the turn's time has run out, let the turn pass (reject, or pass with no offer)."""
        if not self.timer.expired():
            return False
        move = clock_move(self.state, me)
        what = {"reject": "their offer is rejected", "answer": "the crisis gets its first answer"}.get(
            move.kind, "you make no proposal this round")
        self.c.say(f"Time is up ({self.timer.used():.0f} s of {self.timer.limit:g} s): your turn passes and {what}.")
        for record in self.play_move(move, TIMEOUT_REASON):
            self.report(record, me)
        return True

    def play_move(self, move: Move, reason: str = "") -> list[Record]:
        """Make the move through the session; the records it made (a live seat may refuse it)."""
        return self.session.play(move, reason)

    # -- the loop ----------------------------------------------------------------------

    def play(self) -> int:
        st, c = self.state, self.c
        humans = [a for a, seat in st.seats.items() if seat.human]
        hot_seat = len(humans) == 2
        for actor_id in humans[:1] if not hot_seat else []:
            self.briefing(actor_id)
        if not st.history:
            for line in news_lines(self.scenario, st.opening_news, st.opening_changes,
                                   humans[0] if len(humans) == 1 else None):
                c.say(line)
        for record in self.session.advance():
            self.report(record, humans[0] if len(humans) == 1 else None)
        briefed: set[str] = set()
        while not st.is_terminal:
            me = st.current_actor or ""
            if hot_seat:
                c.say(RULE)
                c.say(f"Pass the keyboard to {self.scenario.actor(me).name}; the other side should look away.")
                if c.ask("Press Enter when ready (q quits).").lower() in ("q", "quit"):
                    raise Quit
                if me not in briefed:
                    self.briefing(me)
                    briefed.add(me)
            self.turn(me)
        self.debrief()
        return 0
