"""Hot-seat: two people at one keyboard, with a privacy curtain at every change of seat.

After a turn ends, the table is hidden behind a :class:`PrivacyScreen` that names the side
to move; only when that person says they are ready does the table show again, from their
seat, with their own composition (and, the first time, their briefing). Neither person
ever sees the other's values, red-line reasons or estimates.
"""

from __future__ import annotations

from game.engine import Record
from game.session import GameSession
from game.tui.screens.dialogs import PrivacyScreen
from game.tui.screens.solo import SoloTable


class HotSeatTable(SoloTable):
    """A table that changes seat behind a curtain when both sides are people."""

    def __init__(self, session: GameSession, *, brief: bool = True) -> None:
        super().__init__(session, brief=brief)
        self.hotseat = len(self.humans) == 2

    def sit_down(self) -> None:
        if self.hotseat:
            self.handover()
        else:
            super().sit_down()

    def next_turn(self, records: list[Record]) -> None:
        if self.hotseat and self.state.current_actor != self.me:
            self.handover()
        else:
            super().next_turn(records)

    def handover(self) -> None:
        """Hide the table, let the next person sit down, then show their seat."""
        actor = self.state.current_actor or self.me
        side = self.state.scenario.actor(actor)
        self.seat_empty()
        self.app.push_screen(PrivacyScreen(side.name, side.leader), lambda _: self.sit(actor))
