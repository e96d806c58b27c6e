"""The table's moves that bind or wait for an answer: a crisis to answer, public or private
words, a red line, and the ledger's changes said the moment they happen.

:class:`WordsTable` is the part of :class:`~game.tui.screens.solo.SoloTable` that deals
with commitments (issue 12): before a proposal, a signal or a line is sent, the player
sees what saying it in public or in private does and chooses; when a crisis hits the side
at the table, its answers (each with its effects) come up before anything else, and the
talks wait for one; what every move changed (trust, no-deal values, thresholds ...) shows
in the notice bar with its cause, as the transcript says it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content

from game.engine import Move, Record
from game.session.changes import cause_text, change_parts, move_entries, news_entry
from game.session.transcript import package_text
from game.tui.screens.binding import CrisisScreen, LineScreen, say_screen
from game.tui.screens.board import BoardScreen
from game.tui.widgets.board import IssueBoard


class WordsTable(BoardScreen):
    """Crises, public words, lines and the ledger's notices of a table (see the module docstring).

    The table that inherits this plays moves with ``play`` and holds off keys while a move is
    out with ``wait_for_answer`` (both of :class:`~game.tui.screens.solo.SoloTable`).
    """

    play: Callable[[Move], None]
    wait_for_answer: Callable[[Callable[[], None]], bool]
    #: The crisis dialog is up (it is asked once, however often the table is redrawn).
    asking: bool = False

    # -- crises ------------------------------------------------------------------------------

    def ask_crisis(self) -> None:
        """When a crisis waits for the side at the table (a person), ask for the answer now."""
        state = self.state
        prompt = self.app.screen
        if self.asking and isinstance(prompt, CrisisScreen) and prompt.event != state.crisis:
            prompt.dismiss(None)  # answered otherwise (a class's clock ran out): the question is gone
            return
        if self.asking or state.is_terminal or state.crisis is None or state.current_actor != self.me \
                or not state.seats[self.me].human:
            return
        self.asking = True
        event = state.crisis

        def answered(response: str | None) -> None:
            self.asking = False
            if response:
                self.play(Move(self.me, "answer", event=event, response=response))

        self.app.push_screen(CrisisScreen(state, self.me), answered)

    # -- words that bind ----------------------------------------------------------------------

    def say(self, kind: str, title: str, what: Content | str, make: Callable[[bool], Move]) -> None:
        """Ask public or private (both effects in view), then play ``make(public)``."""
        def said(public: bool | None) -> None:
            if public is not None:
                self.play(make(public))

        self.app.push_screen(say_screen(self.state, self.me, kind, title, what), said)

    def propose_words(self) -> None:
        """The composed package, said in private or in public."""
        package = dict(self.package)
        problem = self.state.why_illegal(Move(self.me, "propose", package=package))
        if problem:
            self.play(Move(self.me, "propose", package=package))  # refused with the engine's reason
            return
        self.say("propose", "Send this proposal?", package_text(self.state.scenario, package, "\n"),
                 lambda public: Move(self.me, "propose", package=package, public=public))

    def action_line(self) -> None:
        """Draw a line on the issue under the cursor: the options you vow never to accept."""
        if self.wait_for_answer(self.action_line):
            return
        issue = self.state.scenario.issues[self.query_one("#board", IssueBoard).cursor]
        probe = Move(self.me, "line", issue=issue.id, options=(issue.options[0].id,))
        if self.state.why_illegal(probe):
            self.play(probe)  # refused with the engine's reason
            return

        def ruled(options: tuple[str, ...] | None) -> None:
            if not options:
                return
            labels = ", ".join(self.state.scenario.option_label(issue.id, o) for o in options)
            self.say("line", f"Draw this line on {issue.name}?", f"Never: {labels}.",
                     lambda public: Move(self.me, "line", issue=issue.id, options=options, public=public))

        self.app.push_screen(LineScreen(self.state, self.me, issue.id), ruled)

    # -- the ledger, as it happens --------------------------------------------------------------

    def tell_changes(self, records: list[Record]) -> None:
        """A notice for what each move changed, with its cause, a computer's crisis answer with its
        reason, and each story with what it changed (news last: the bar keeps the newest notices)."""
        scenario = self.state.scenario
        for record in records:
            for entry in move_entries(record.changes):
                parts = change_parts(scenario, entry["changes"], self.me)
                if parts:
                    cause = cause_text(scenario, entry, self.me, record.move)
                    self.notify(f"{'; '.join(parts)} ({cause})", title="Changed")
        for record in records:
            if record.move.kind == "answer" and record.computer:
                self.notify(f"{move_words(self, record)} “{record.reason}”", title="Crisis answered")
        for record in records:
            for item in record.news:
                entry = news_entry(record.changes, item.event)
                parts = change_parts(scenario, entry["changes"], self.me) if entry else []
                effect = f": {'; '.join(parts)}" if parts else ""
                self.notify(f"{item.headline}{effect} (n: sources)", title=f"News · round {item.round}")


def move_words(table: BoardScreen, record: Record) -> str:
    """'Pakistan answers: Condemn in public.' for a crisis answer."""
    scenario = table.state.scenario
    move = record.move
    event = scenario.event(move.event or "")
    label = next((r.label for r in (event.crisis.responses if event.crisis else []) if r.id == move.response), "")
    return f"{scenario.actor(move.actor).label} answers: {label}."
