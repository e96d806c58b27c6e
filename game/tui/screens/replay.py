"""Replay: step through a saved game move by move, read-only, ending on the debrief.

Each step is the engine's own replay of the log's first ``k`` moves, so what the screen
shows at move ``k`` is exactly the game as it stood then (offers, trust, news, round).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import BindingType
from textual.content import Content

from game.engine import State
from game.session import GameSession
from game.tui.keys import Key
from game.tui.screens.board import BoardScreen
from game.tui.view import Perspective


class ReplayScreen(BoardScreen):
    """The table as it stood after each move of a finished (or saved) game."""

    readonly = True
    footer_word = "steps"

    BINDINGS: ClassVar[list[BindingType]] = [
        Key("right,n,space", "step(1)", "Next", priority=True, title="Next move",
            help="the next move (after the last one, the debrief)"),
        Key("left,p", "step(-1)", "Previous", priority=True, title="Previous move", help="the move before"),
        Key("home", "goto(0)", "First", priority=True, title="First move", help="back to the start"),
        Key("end", "goto(-1)", "Last", priority=True, title="Last move", help="the last move"),
        Key("enter", "debrief", "Debrief", help="the debrief of the game"),
    ]

    def __init__(self, session: GameSession, log: dict[str, Any]) -> None:
        final = session.state
        humans = [a for a, seat in final.seats.items() if seat.human]
        super().__init__(final, (humans or [final.rules.actor_ids[0]])[0])
        self.session = session
        self.game_log = log
        self.moves: list[dict[str, Any]] = list(log.get("moves") or [])
        self.cache: dict[int, State] = {len(self.moves): final}
        self.step = 0

    def on_mount(self) -> None:
        self.goto(0)
        self.query_one("#board").focus()

    def state_at(self, k: int) -> State:
        """The game after its first ``k`` moves, replayed by the engine."""
        if k not in self.cache:
            self.cache[k] = State.from_log(self.session.state.game, dict(self.game_log, moves=self.moves[:k]))
        return self.cache[k]

    def goto(self, k: int) -> None:
        self.step = max(0, min(len(self.moves), k))
        self.state = self.state_at(self.step)
        proposals = [r.move.package for r in self.state.history if r.move.kind == "propose" and r.move.package]
        self.package = dict(proposals[-1]) if proposals else Perspective(self.state, self.me).best_package()
        self.show_all()

    def transcript_viewer(self) -> str | None:
        return None

    def status_text(self) -> Content:
        state = self.state
        last = " · the end: Enter for the debrief" if self.step == len(self.moves) else ""
        return Content.assemble(
            (" REPLAY ", "bold reverse $warning"),
            f" move {self.step} of {len(self.moves)} · round {state.round}/{state.deadline} · ",
            (state.scenario.actor(self.me).label, "$accent bold"),
            " vs ",
            (state.scenario.other(self.me).label, "$primary-lighten-2 bold"),
            (f" · seed {state.seed}{last}", "$foreground-muted"),
        )

    def action_step(self, delta: int) -> None:
        if delta > 0 and self.step == len(self.moves):
            self.action_debrief()
            return
        self.goto(self.step + delta)

    def action_goto(self, k: int) -> None:
        self.goto(len(self.moves) if k < 0 else k)

    def action_debrief(self) -> None:
        from game.tui.screens.debrief import DebriefScreen

        self.goto(len(self.moves))
        self.app.push_screen(DebriefScreen(self.session, self.me, from_replay=True))
