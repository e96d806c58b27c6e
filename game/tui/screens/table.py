"""The table: compose a package and make moves; the engine decides what they do.

Every move goes through :meth:`Session.play`, which applies it, lets a computer side
answer and autosaves after each move. In a hot-seat game the screen changes seat after
every turn, behind a privacy curtain, so neither person sees the other's values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from game.engine import IllegalMove, Move, Record
from game.session import Session
from game.tui.screens.board import BoardScreen
from game.tui.screens.dialogs import ConfirmScreen, NewsScreen, PrivacyScreen, SignalScreen, TacticScreen, TextScreen
from game.tui.view import Perspective, percent
from game.tui.widgets.feed import transcript

if TYPE_CHECKING:
    from game.classroom.play import TableGame

PaletteCommand = tuple[str, str, Callable[[], object]]
#: Moves that end a turn (signals and tactics leave it open).
ENDS_TURN = frozenset({"propose", "accept", "reject", "walk", "pass"})


class TableScreen(BoardScreen):
    """A game in progress, seen from the seat of the person to move."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "propose", "Propose"),
        Binding("a", "accept", "Accept"),
        Binding("r", "reject", "Reject"),
        Binding("s", "signal", "Signal"),
        Binding("g", "tactic", "Tactic"),
        Binding("w", "walk", "Walk"),
        Binding("n", "news", "News", show=False),
        Binding("t", "take", "Take their offer", show=False),
        Binding("m", "mine", "My last offer", show=False),
        Binding("b", "brief", "Briefing", show=False),
        Binding("v", "transcript", "Transcript", show=False),
    ]

    def __init__(self, session: Session, *, brief: bool = True, exercise: TableGame | None = None) -> None:
        state = session.state
        humans = [a for a, seat in state.seats.items() if seat.human]
        seated = humans or [state.rules.actor_ids[0]]
        mover = state.current_actor
        super().__init__(state, mover if mover in seated else seated[0])
        self.session = session
        self.humans = humans
        self.hotseat = len(humans) == 2
        self.briefed: set[str] = set() if brief else set(humans)
        self.compositions: dict[str, dict[str, str]] = {}
        self.last_seen = len(state.history)
        self.exercise = exercise
        self.timer = None
        self.clock_paused = False  # during a hot-seat handover nobody is at the table yet
        if exercise is not None and exercise.round_time:
            from game.classroom.play import TurnTimer

            self.timer = TurnTimer(exercise.round_time)

    # -- seats ---------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.timer is not None:
            self.set_interval(0.5, self.tick)
        self.advance()
        if self.state.is_terminal:
            self.call_after_refresh(self.finish)
            return
        if self.hotseat:
            self.handover()
            return
        self.take_seat(self.me)
        if self.me not in self.briefed:
            self.briefed.add(self.me)
            self.app.push_screen(self.briefing(self.me))

    def briefing(self, actor: str) -> Screen[None]:
        from game.tui.screens.briefing import BriefingScreen

        return BriefingScreen(self.state, actor)

    def take_seat(self, actor: str) -> None:
        """Show the table from ``actor``'s seat, with that side's composition."""
        self.me = actor
        if actor not in self.compositions:
            view = Perspective(self.state, actor)
            self.compositions[actor] = self.state.standing_offer(actor) or view.best_package()
        self.package = self.compositions[actor]
        if self.timer is not None:
            self.timer.start()
            self.clock_paused = False
        self.show_all()
        self.query_one("#board").focus()

    def handover(self) -> None:
        """Hot-seat: hide the table, let the next person sit down, then show their seat."""
        actor = self.state.current_actor or self.me
        side = self.state.scenario.actor(actor)
        self.clock_paused = True

        def seated(_: object = None) -> None:
            if actor not in self.briefed:
                self.briefed.add(actor)
                self.take_seat(actor)
                self.app.push_screen(self.briefing(actor))
            else:
                self.take_seat(actor)

        self.app.push_screen(PrivacyScreen(side.name, side.leader), seated)

    def advance(self) -> None:
        """Let the computer move when it is its turn (it opens some scenarios)."""
        try:
            self.session.advance()
        except OSError as exc:
            self.notify(f"Could not save the game: {exc}", severity="error", timeout=10)

    # -- moving ------------------------------------------------------------------------------

    # -- the round clock (class exercises) ----------------------------------------------------

    def status_text(self) -> Content:
        text = super().status_text()
        if self.timer is None or self.state.is_terminal:
            return text
        left = int(self.timer.remaining() or 0)
        style = "bold $error" if left <= 15 else "bold $warning"
        return Content.assemble((f" ⏱ {left // 60}:{left % 60:02d} ", f"reverse {style}"), " ", text)

    def has_widgets(self) -> bool:
        """Whether the table's widgets are there to update (a timer can fire while the app closes)."""
        return self.is_mounted and bool(self.query("#status"))

    def tick(self) -> None:
        """Refresh the countdown; when it runs out, the turn passes."""
        if (self.timer is None or not self.has_widgets() or self.clock_paused or self.state.is_terminal
                or self.state.current_actor not in self.humans):
            return
        if self.timer.expired():
            self.timeout()
            return
        self.query_one("#status", Static).update(self.status_text().truncate(self.size.width or 200, ellipsis=True))

    def timeout(self) -> None:
        """Time is up: close any open dialog and play what a timed-out turn becomes."""
        from game.classroom.play import TIMEOUT_REASON, timeout_move

        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        move = timeout_move(self.state, self.me)
        try:
            records = self.session.play(move, TIMEOUT_REASON)
        except (IllegalMove, OSError) as exc:
            self.notify(f"Time ran out, but the turn could not be passed: {exc}", severity="error")
            return
        self.notify("Your time for this round ran out; your turn passed.", title="Time", severity="warning")
        if self.timer is not None:
            self.timer.start()
        self.after(records)

    # -- moving ------------------------------------------------------------------------------

    def play(self, move: Move) -> None:
        """Play a move for the side at the table, or say why it is not allowed."""
        if self.timer is not None and self.timer.expired() and not self.state.is_terminal:
            self.timeout()
            return
        problem = self.state.why_illegal(move)
        if problem:
            self.refuse(problem)
            return
        try:
            records = self.session.play(move)
        except IllegalMove as exc:
            self.refuse(str(exc))
            return
        except OSError as exc:
            self.notify(f"The move was made but the autosave failed: {exc}", severity="error", timeout=10)
            records = self.state.history[self.last_seen:]
        self.after(records)

    def refuse(self, problem: str) -> None:
        """Say why a move is not allowed (replacing the last such note rather than piling up)."""
        self.app.clear_notifications()
        self.notify(problem[0].upper() + problem[1:] + ".", title="Not allowed", severity="warning")

    def after(self, records: list[Record]) -> None:
        self.last_seen = len(self.state.history)
        self.compositions[self.me] = dict(self.package)
        for record in records:
            for item in record.news:
                self.notify(item.headline, title=f"News · round {item.round}", timeout=6)
            if record.ratification and record.status != "deal":
                failed = [self.state.scenario.actor(a).label for a, r in record.ratification.items() if not r["passed"]]
                self.notify(f"Rejected at home by {', '.join(failed)}; trust suffers.",
                            title="The deal failed ratification", severity="error", timeout=8)
        if self.state.is_terminal:
            # The last move first, on the table; the debrief (a heavier screen) right after.
            self.show_all()
            self.call_after_refresh(self.finish)
        elif self.hotseat and self.state.current_actor != self.me:
            self.handover()
        else:
            if self.timer is not None and any(r.move.kind in ENDS_TURN for r in records):
                self.timer.start()  # a new turn of ours began after the other side's answer
            self.show_all()

    def finish(self) -> None:
        from game.tui.screens.debrief import DebriefScreen

        if self.exercise is not None:
            self.hand_in()
        self.app.switch_screen(DebriefScreen(self.session, self.humans[0] if self.humans else self.me))

    def hand_in(self) -> None:
        """An exercise game writes its verifiable log for the instructor when it ends."""
        from game.classroom.exercise import ClassroomError
        from game.classroom.play import finish_table

        assert self.exercise is not None
        try:
            path = finish_table(self.exercise)
        except ClassroomError as exc:
            self.notify(str(exc), title="The game log was not written", severity="error", timeout=20)
            return
        self.notify(f"Your game log for the instructor: {path}", title="Handed in", timeout=20)

    # -- actions -------------------------------------------------------------------------------

    def action_propose(self) -> None:
        self.play(Move(self.me, "propose", package=dict(self.package)))

    def action_accept(self) -> None:
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
        self.play(Move(self.me, "reject"))

    def action_signal(self) -> None:
        probe = Move(self.me, "signal", signal=(self.state.scenario.issues[0].id,))
        problem = self.state.why_illegal(probe)
        if problem:
            self.play(probe)
            return

        def send(order: tuple[str, ...] | None) -> None:
            if order:
                self.play(Move(self.me, "signal", signal=order))

        self.app.push_screen(SignalScreen(self.state.scenario), send)

    def action_tactic(self, tactic: str | None = None) -> None:
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
        offer = self.state.standing_offer(self.perspective().other)
        if offer is None:
            self.notify("The other side has no offer on the table yet.", severity="warning")
            return
        self.package = dict(offer)
        self.show_all()

    def action_mine(self) -> None:
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

    def palette_commands(self) -> list[PaletteCommand]:
        """The moves and views of the table, by name, for the command palette."""
        commands: list[PaletteCommand] = [
            ("Propose", "Propose the package you composed", self.action_propose),
            ("Accept their offer", "Accept the other side's standing offer (asks first)", self.action_accept),
            ("Reject their offer", "Reject without a counter-proposal", self.action_reject),
            ("Signal priorities", "Name up to 3 issues as your priorities (cheap talk)", self.action_signal),
            ("Gesture or pressure", "Choose one of your side's tactics", self.action_tactic),
            ("Walk away", "End the talks with no deal (asks first)", self.action_walk),
            ("Take their offer", "Copy their offer into your composition", self.action_take),
            ("My last offer", "Copy your last offer back into your composition", self.action_mine),
            ("News", "The news so far, with the sources of each story", self.action_news),
            ("Briefing", "Read your briefing again", self.action_brief),
            ("Transcript", "Every move so far in a window", self.action_transcript),
        ]
        for tactic in self.state.scenario.actor(self.me).tactics:
            commands.append((f"Tactic: {tactic.label}", tactic.description.strip(),
                             lambda t=tactic.id: self.action_tactic(t)))
        return commands
