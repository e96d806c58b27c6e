"""The table from one seat: compose a package, make moves, see the answers.

:class:`SoloTable` is what every game screen shares: the keys, the moves and their dialogs,
and the round trip of a move. A move is checked here (the engine's reason for refusing it
shows at once), then the session plays it off the UI thread, because playing includes the
computer's answer and the autosave (a file write and an fsync, or a live store's commit).
The session's answer comes back as an :class:`SoloTable.Answered` message and is shown on
the UI thread. While a call is out the game is changing on that other thread: further moves
are ignored (two moves never race) and redraws wait for the answer (no panel reads a game
halfway through a move).

Hot-seat play (:mod:`.hotseat`) and the class exercise's clock (:mod:`.exercise`) are
subclasses that hook into :meth:`SoloTable.sit_down`, :meth:`SoloTable.next_turn` and the
other small steps below; :class:`game.tui.screens.table.TableScreen` combines them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import SystemCommand
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen

from game.engine import IllegalMove, Move, Record
from game.session import GameSession
from game.tui.keys import Key
from game.tui.screens.dialogs import ConfirmScreen, NewsScreen, SignalScreen, TacticScreen, TextScreen
from game.tui.screens.words import WordsTable
from game.tui.view import Perspective, percent
from game.tui.widgets.feed import transcript
from game.tui.widgets.notice import Notice

#: A call on the session that plays or lets the computer play: the records it made.
SessionCall = Callable[[], list[Record]]


class SoloTable(WordsTable):
    """A game in progress, seen from the seat of the person to move."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Key("p", "propose", "Propose", help="propose the package you composed"),
        Key("a", "accept", "Accept", title="Accept their offer",
            help="accept the other side's standing offer (asks first: a deal cannot be taken back)"),
        Key("r", "reject", "Reject", title="Reject their offer",
            help="reject their offer without a counter-proposal (asks first)"),
        Key("s", "signal", "Signal", title="Signal priorities",
            help="signal your priorities: up to 3 issues, most important first (cheap talk; may be a bluff)"),
        Key("g", "tactic", "Tactic", title="Gesture or pressure",
            help="play one of your side's gestures or pressure tactics"),
        Key("d", "line", "Line", title="Draw a red line", show=False,
            help="draw a line on the issue under the cursor: options you vow never to accept (public or private)"),
        Key("w", "walk", "Walk", title="Walk away", help="walk away (asks first: the talks end with no deal)"),
        Key("t", "transcript", "Transcript", show=False, help="every move so far in a window"),
        Key("b", "brief", "Briefing", show=False, help="read your briefing again"),
        Key("n", "news", "News", show=False, help="the news so far, with the article excerpts behind each story"),
        Key("o", "take", "Take their offer", show=False, help="copy their offer into your composition"),
        Key("m", "mine", "My last offer", show=False, help="copy your own last offer back into your composition"),
    ]

    #: What a session call may raise that the screen explains; anything else is a bug and surfaces.
    FAILURES: ClassVar[tuple[type[Exception], ...]] = (IllegalMove, OSError)

    #: A hot-seat table changes seats behind a curtain; this one never does (see :mod:`.hotseat`).
    hotseat = False

    class Answered(Message):
        """A session call finished off the UI thread: what it was, the records it made, or why it failed.

        ``kind`` says what the call was for: ``open`` (the computer's opening moves), ``move``
        (the player's move and the answers to it), and whatever subclasses add.
        """

        def __init__(self, kind: str, records: list[Record], failure: Exception | None = None, *,
                     hold: bool = True) -> None:
            super().__init__()
            self.kind = kind
            self.records = records
            self.failure = failure
            #: The call held the table (moves waited for it); its answer frees it.
            self.hold = hold

    def __init__(self, session: GameSession, *, brief: bool = True) -> None:
        state = session.state
        humans = [a for a, seat in state.seats.items() if seat.human]
        seated = humans or [state.rules.actor_ids[0]]
        mover = state.current_actor
        super().__init__(state, mover if mover in seated else seated[0])
        self.session = session
        self.humans = humans
        self.briefed: set[str] = set() if brief else set(humans)
        self.compositions: dict[str, dict[str, str]] = {}
        self.last_seen = len(state.history)
        #: A move is out (on another thread); further moves are ignored until its answer is in.
        self.busy = False
        #: A key pressed while another kind of call (a live look) was out: done when that answer is in.
        self.pending: Callable[[], None] | None = None

    # -- the session, off the UI thread ------------------------------------------------------

    def call_session(self, call: SessionCall, kind: str, *, hold: bool = True) -> None:
        """Run ``call`` off the UI thread; its records come back in an :class:`Answered` of ``kind``.

        A call that ``hold``s the table (a move) makes further moves wait until its answer is in.
        """
        if hold:
            self.busy = True
        self.dispatch(partial(self.answer, call, kind, hold))

    def dispatch(self, call: Callable[[], Answered]) -> None:
        """Where calls run: a thread worker (a local session only writes its own save file).
        Screens whose session must stay on one thread (a live store) override this."""
        self._in_thread(call)

    @work(thread=True, group="session")
    def _in_thread(self, call: Callable[[], Answered]) -> None:
        self.post_message(call())

    def answer(self, call: SessionCall, kind: str, hold: bool) -> Answered:
        """Make ``call`` (on whichever thread runs it) and wrap what came of it for the UI thread."""
        try:
            return self.Answered(kind, call(), hold=hold)
        except self.FAILURES as exc:
            return self.Answered(kind, [], exc, hold=hold)

    @on(Answered)
    def answered(self, message: Answered) -> None:
        message.stop()
        if message.hold:
            self.busy = False
        if self.has_widgets():  # not when the app closes while a call was out
            self.handle_answer(message)
            self.redraw_held()
            if self.pending is not None and not self.changing():
                then, self.pending = self.pending, None
                then()

    def changing(self) -> bool:
        return self.busy

    def wait_for_answer(self, then: Callable[[], None]) -> bool:
        """Whether a key must wait because the game is changing on another thread.

        During a move the key is dropped (a second move would race the first); during a
        live look it is done as soon as the look's answer is in.
        """
        if not self.changing():
            return False
        if not self.busy:
            self.pending = then
        return True

    def handle_answer(self, message: Answered) -> None:
        """Show what a session call did; subclasses handle their own kinds and pass on the rest."""
        failure = message.failure
        if message.kind == "open":
            if isinstance(failure, OSError):
                self.notify(f"Could not save the game: {failure}", severity="error", timeout=10)
            elif failure is not None:
                self.notify(str(failure), severity="warning", timeout=8)
            self.after_opening()
        elif isinstance(failure, IllegalMove):
            self.refuse(str(failure))
        elif isinstance(failure, OSError):
            self.notify(f"The move was made but the autosave failed: {failure}", severity="error", timeout=10)
            self.after(self.state.history[self.last_seen:])
        elif failure is not None:
            self.notify(str(failure), severity="error", timeout=10)
        else:
            self.after(message.records)

    def has_widgets(self) -> bool:
        """Whether the table's widgets are there to update (an answer can come while the app closes)."""
        return self.is_mounted and bool(self.query("#status"))

    # -- seats ---------------------------------------------------------------------------------

    def on_mount(self) -> None:
        state = self.state
        if state.is_terminal:
            self.call_after_refresh(self.finish)
            return
        self.sit_down()
        if not state.seats[state.current_actor or ""].human:
            # The computer opens this game: the player sits down (and reads the briefing)
            # while it moves; its opening shows when the answer comes.
            self.call_session(self.session.advance, "open")

    def after_opening(self) -> None:
        """The computer's opening moves are made: show them (or the end, should they end the game)."""
        self.show_all()
        if self.state.is_terminal:
            self.call_after_refresh(self.finish)
        else:
            self.ask_crisis()

    def sit_down(self) -> None:
        """The game is ready: the person to move sits down (a hot-seat table draws a curtain first)."""
        self.sit(self.me)

    def sit(self, actor: str) -> None:
        """``actor`` takes the seat; the first time, the briefing comes first."""
        self.take_seat(actor)
        if actor not in self.briefed:
            self.briefed.add(actor)
            self.app.push_screen(self.briefing(actor))

    def seat_empty(self) -> None:
        """Nobody sits at the table for now (a hot-seat handover): a hook, e.g. to stop a clock."""

    def briefing(self, actor: str) -> Screen[None]:
        from game.tui.screens.briefing import BriefingScreen

        return BriefingScreen(self.state, actor)

    def take_seat(self, actor: str) -> None:
        """Show the table from ``actor``'s seat, with that side's composition."""
        self.me = actor
        if actor not in self.compositions:
            self.compositions[actor] = self.state.standing_offer(actor) or Perspective(self.state, actor).best_package()
        self.package = self.compositions[actor]
        self.show_all()
        self.query_one("#board").focus()
        self.ask_crisis()

    # -- moving ------------------------------------------------------------------------------

    def play(self, move: Move) -> None:
        """Play a move for the side at the table, or say why it is not allowed."""
        if self.wait_for_answer(partial(self.play, move)):
            return
        problem = self.state.why_illegal(move)
        if problem:
            self.refuse(problem)
            return
        if move.kind != "answer":  # the news of a crisis stays in view while it is answered
            self.clear_notices()  # what the last notices said is answered by this move
        self.call_session(partial(self.session.play, move), "move")

    def refuse(self, problem: str) -> None:
        """Say why a move is not allowed (replacing the notices rather than piling up)."""
        self.clear_notices()
        self.notify(problem[0].upper() + problem[1:] + ".", title="Not allowed", severity="warning")

    def after(self, records: list[Record]) -> None:
        """Show what the moves just made did: news, a failed ratification, the end or the next turn."""
        self.last_seen = len(self.state.history)
        self.compositions[self.me] = dict(self.package)
        self.tell_changes(records)
        for record in records:
            if record.ratification and record.status != "deal":
                failed = [self.state.scenario.actor(a).label for a, r in record.ratification.items() if not r["passed"]]
                self.notify(f"Rejected at home by {', '.join(failed)}; trust suffers.",
                            title="The deal failed ratification", severity="error", timeout=8)
        if self.state.is_terminal:
            # The last move first, on the table; the debrief (a heavier screen) right after.
            self.show_all()
            self.call_after_refresh(self.finish)
        else:
            self.next_turn(records)

    def next_turn(self, records: list[Record]) -> None:
        """The game goes on after ``records``: show the table as it now stands (and a crisis of ours)."""
        self.show_all()
        self.ask_crisis()

    def finish(self, notes: list[Notice] | None = None) -> None:
        """The game is over: the debrief takes the table's place, with ``notes`` to show there."""
        from game.tui.screens.debrief import DebriefScreen

        debrief = DebriefScreen(self.session, self.humans[0] if self.humans else self.me)
        for note in notes or []:
            debrief.notify(note.message, title=note.title, severity=note.severity)
        self.app.switch_screen(debrief)

    # -- actions -------------------------------------------------------------------------------

    def action_propose(self) -> None:
        if not self.wait_for_answer(self.action_propose):
            self.propose_words()

    def action_accept(self) -> None:
        if self.wait_for_answer(self.action_accept):
            return
        move = Move(self.me, "accept")
        problem = self.state.why_illegal(move)
        offer = self.state.standing_offer(self.perspective().other)
        if problem or offer is None:
            self.play(move)
            return
        s, me = self.state.scenario, self.me
        lines = [Content.styled(f"{s.issue(i).name}: {s.option_label(i, o)}", "") for i, o in offer.items()]
        u, r = self.state.utility(me, offer), self.state.reservation(me)
        lines += [
            Content(""),
            Content.assemble("Worth to you ", (f"{u:.2f}", "bold $success" if u > r else "bold $error"),
                             f" (no deal {r:.2f}). Chance your side ratifies it: ",
                             (percent(self.state.ratify_chance(me, offer)), "bold")),
            Content("The deal then goes to both constituencies; this cannot be taken back."),
        ]
        self.app.push_screen(
            ConfirmScreen(f"Accept {s.other(me).label}'s offer?", Content("\n").join(lines), "Accept", "Not yet"),
            lambda yes: self.play(move) if yes else None,
        )

    def action_reject(self) -> None:
        if self.wait_for_answer(self.action_reject):
            return
        move = Move(self.me, "reject")
        if self.state.why_illegal(move):
            self.play(move)  # refused with the engine's reason
            return
        body = Content("No counter-proposal goes with it. To answer with one of your own, compose a package "
                       "and press p instead.")
        self.app.push_screen(ConfirmScreen(f"Reject {self.state.scenario.other(self.me).label}'s offer?", body,
                                           "Reject", "Keep it"),
                             lambda yes: self.play(move) if yes else None)

    def action_signal(self) -> None:
        if self.wait_for_answer(self.action_signal):
            return
        probe = Move(self.me, "signal", signal=(self.state.scenario.issues[0].id,))
        problem = self.state.why_illegal(probe)
        if problem:
            self.play(probe)
            return

        def send(order: tuple[str, ...] | None) -> None:
            if order:
                names = ", then ".join(self.state.scenario.issue(i).name for i in order)
                self.say("signal", "Send this signal?", f"Your priorities: {names}.",
                         lambda public: Move(self.me, "signal", signal=order, public=public))

        self.app.push_screen(SignalScreen(self.state.scenario), send)

    def action_tactic(self, tactic: str | None = None) -> None:
        if self.wait_for_answer(partial(self.action_tactic, tactic)):
            return
        mine = self.state.scenario.actor(self.me).tactics
        if not mine:
            self.notify("Your side has no gestures or pressure tactics in this scenario.", severity="warning")
            return
        if tactic is not None:
            self.play(Move(self.me, "tactic", tactic=tactic))
            return
        if not self.state.available_tactics(self.me):
            self.play(Move(self.me, "tactic", tactic=mine[0].id))
            return

        def chosen(tactic_id: str | None) -> None:
            if tactic_id:
                self.play(Move(self.me, "tactic", tactic=tactic_id))

        self.app.push_screen(TacticScreen(self.state, self.me), chosen)

    def action_walk(self) -> None:
        if self.wait_for_answer(self.action_walk):
            return
        actor = self.state.scenario.actor(self.me)
        body = Content.assemble(
            "The talks end with no deal. You get your no-deal value ",
            (f"{self.state.reservation(self.me):.2f}", "bold"),
            f": {actor.batna.strip()}",
        )
        move = Move(self.me, "walk")
        self.app.push_screen(ConfirmScreen("Walk away from the table?", body, "Walk away", "Stay"),
                             lambda yes: self.play(move) if yes else None)

    def action_take(self) -> None:
        if self.wait_for_answer(self.action_take):
            return
        offer = self.state.standing_offer(self.perspective().other)
        if offer is None:
            self.notify("The other side has no offer on the table yet.", severity="warning")
            return
        self.package = dict(offer)
        self.show_all()

    def action_mine(self) -> None:
        if self.wait_for_answer(self.action_mine):
            return
        offer = self.state.standing_offer(self.me)
        if offer is None:
            self.notify("You have not made an offer yet.", severity="warning")
            return
        self.package = dict(offer)
        self.show_all()

    def action_news(self) -> None:
        self.app.push_screen(NewsScreen(self.state, list(self.state.news)))

    def action_brief(self) -> None:
        self.app.push_screen(self.briefing(self.me))

    def action_transcript(self) -> None:
        self.app.push_screen(TextScreen("Transcript", transcript(self.state, self.me, self.me)))

    def more_commands(self) -> Iterable[SystemCommand]:
        """One palette command per tactic of the side at the table (the keys come from BINDINGS)."""
        for tactic in self.state.scenario.actor(self.me).tactics:
            yield SystemCommand(f"Tactic: {tactic.label}", tactic.description.strip(),
                                partial(self.action_tactic, tactic.id))
