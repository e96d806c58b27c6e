"""The result and the debrief: where the deal landed against everything that was possible.

All numbers come from :func:`game.engine.outcome.outcome`, the final analysis of the outcome
space and :mod:`game.session.debrief` (the second level: win-sets and the best package both
constituencies would likely pass; offers as they were worth when made; the vote at home as it
stood at the end). This screen lays them out, draws the chart and exports the game, saying
where the files went on the screen itself. It plays any :class:`~game.session.GameSession`,
local or live; a new game is the app's to open (the screen posts :class:`DebriefScreen.NewGame`).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from game.engine.outcome import Outcome, final_analysis, outcome
from game.scenario.seednotes import seed_note_lines
from game.session import GameSession, export_game
from game.session.debrief import (
    earlier_failures,
    final_ratification,
    offers_when_made,
    second_level_lines,
    vote_text,
    walk_reason,
)
from game.session.transcript import package_text
from game.session.turning import turning_lines
from game.tui.keys import Key
from game.tui.view import bar
from game.tui.widgets.chart import ChartData, ChartLegend, Marker, OutcomeChart
from game.tui.widgets.feed import transcript
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.notice import NoticeBar, NoticeScreen


def chart_data(session: GameSession, me: str) -> ChartData:
    """The outcome space under the final weights, from ``me``'s side: x is me, y the other side."""
    state = session.state
    analysis = final_analysis(state)
    mi, oi = state.index(me), 1 - state.index(me)
    u = analysis.utilities
    s = state.scenario
    markers = []
    for _, _, actor, package in state.offer_log:
        mine = actor == mi
        markers.append(Marker(float(u[mi, package]), float(u[oi, package]), "o" if mine else "x",
                              "$accent bold" if mine else "$error bold", 1))
    if analysis.nash is not None:
        markers.append(Marker(float(u[mi, analysis.nash]), float(u[oi, analysis.nash]), "N", "$warning bold", 2))
    if state.status == "deal":
        deal = int(state.batch.deal[0])
        markers.append(Marker(float(u[mi, deal]), float(u[oi, deal]), "★", "$success bold reverse", 3))
    return ChartData(
        x=u[mi], y=u[oi], zone=analysis.zone, frontier=analysis.pareto,
        reservation=(float(analysis.reservation[mi]), float(analysis.reservation[oi])),
        x_label=f"worth to {s.actor(me).label} (you)", y_label=f"worth to {s.other(me).label}",
        markers=markers,
    )


class DebriefScreen(NoticeScreen):
    """Deal or no deal, both sides' scores, the outcome space, the offers and the estimates."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-narrow"), (120, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Key("e", "export", "Export", title="Export the game",
            help="write the game log and the transcript to the exports folder"),
        Key("t", "transcript", "Transcript", help="every move of the game in a window"),
        Key("n", "new_game", "New game", help="back to the title screen for a new game"),
        Key("escape", "back", "Back to replay", show=False, help="back to the replay this debrief ends"),
    ]

    class NewGame(Message):
        """The player wants a new game: the app shows the title screen."""

    def __init__(self, session: GameSession, me: str, *, from_replay: bool = False) -> None:
        super().__init__()
        self.session = session
        self.state = session.state
        self.me = me
        self.other = self.state.scenario.other(me).id
        self.from_replay = from_replay
        self.result: Outcome = outcome(self.state)
        self.exported: tuple[Path, Path] | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._headline(), id="status")
        yield NoticeBar(id="notice")
        with VerticalScroll(id="debrief"):
            with Vertical(id="summary"):
                yield Static(self._scores(), classes="para")
            with Vertical(id="chart-box"):
                yield OutcomeChart(chart_data(self.session, self.me))
                yield ChartLegend(id="legend")
            with VerticalScroll(id="details", can_focus=False):
                turns = turning_lines(self.state, self.me)
                if turns:
                    yield Static("Turning points", classes="h2")
                    yield Static(Content("\n").join(Content.assemble(("• ", "$accent"), line[0].upper() + line[1:])
                                                    for line in turns), classes="para", id="turning")
                yield Static("What was possible, at the table and at home", classes="h2")
                yield Static(self._possible(), classes="para")
                yield Static("The offers, round by round (as each was worth when made)", classes="h2")
                yield Static(self._offers(), classes="para")
                yield Static("What each side really valued, and what the other side estimated", classes="h2")
                yield Static(self._weights(), classes="para")
                notes = seed_note_lines(self.state.scenario)
                if notes:
                    yield Static("About the sources", classes="h2 secret")
                    yield Static(Content("\n").join(Content.assemble(("• ", "$warning"), n) for n in notes),
                                 classes="para")
                questions = self.state.scenario.debrief_questions
                if questions:
                    yield Static("Questions for discussion", classes="h2")
                    yield Static(Content("\n").join(Content(f"{n}. {q}") for n, q in enumerate(questions, 1)),
                                 classes="para")
                yield Static(Content.styled("e exports the game log and the transcript; n starts a new game.",
                                            "$foreground-muted"), classes="para")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._focus_scroller()

    def on_resize(self) -> None:
        self._focus_scroller()

    def _focus_scroller(self) -> None:
        """Focus whichever part scrolls at this size, starting from the top."""
        wide = self.has_class("-wide")
        details = self.query_one("#details", VerticalScroll)
        body = self.query_one("#debrief", VerticalScroll)
        details.can_focus, body.can_focus = wide, not wide
        (details if wide else body).focus()
        body.scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.from_replay
        return True

    # -- the parts -----------------------------------------------------------------------------

    def _headline(self) -> Content:
        """Deal or no deal, in one line; the details follow below."""
        s, r = self.state.scenario, self.result
        me = r.utility[self.me] - r.reservation[self.me]
        verdict = ("better" if me > 0 else "worse" if me < 0 else "no better or worse") + " than no deal for you"
        if r.status == "deal":
            head, text = " DEAL ", f"in round {r.rounds}, ratified on both sides: {verdict}"
        elif r.status == "walked":
            who = s.actor(r.walked_by).label if r.walked_by else "a side"
            head, text = " NO DEAL ", f"{who} walked away in round {r.rounds}"
        elif r.status == "deadline":
            head, text = " NO DEAL ", f"the deadline passed after round {r.rounds}"
        elif r.status == "failed":
            head, text = " NO DEAL ", "the agreed package failed ratification at home"
        else:
            head, text = " IN PROGRESS ", f"round {r.rounds}: the talks are still going"
        style = "$success" if r.status == "deal" else "$warning" if r.status == "ongoing" else "$error"
        return Content.assemble((head, f"bold reverse {style}"), " ", text, "  ",
                                (f"· {s.title} · seed {self.state.seed}", "$foreground-muted"))

    def _scores(self) -> Content:
        """Each side's score and the vote at home that ended the game (none after a walk-out or the
        deadline: an earlier failed deal is told as such, below)."""
        s, r = self.state.scenario, self.result
        final = final_ratification(self.state)
        lines = [Content.styled("Side           utility  no deal   gain  ratified", "bold $foreground-muted")]
        for actor in (self.me, self.other):
            label = s.actor(actor).label + (" (you)" if actor == self.me else "")
            gain = r.gain[actor]
            ratified = "—"
            style = "$foreground-muted"
            if final and actor in final:
                verdict = final[actor]
                ratified = f"{'yes' if verdict['passed'] else 'NO'} ({float(verdict['chance']):.0%})"
                style = "$success" if verdict["passed"] else "$error"
            lines.append(Content.assemble(
                (label[:14].ljust(14), "bold"),
                f"{r.utility[actor]:8.2f} {r.reservation[actor]:8.2f} ",
                (f"{gain:+6.2f}", "$success" if gain > 0 else "$error" if gain < 0 else ""),
                "  ", (ratified, style),
            ))
        lines.append(Content(""))
        if r.status == "walked" and r.walked_by:
            lines.append(Content(f"{s.actor(r.walked_by).name} walked away in round {r.rounds}."))
            reason = walk_reason(self.state)
            if reason:
                lines.append(Content.styled(f"“{reason}”", "italic"))
        elif r.status == "deadline":
            lines.append(Content(f"The deadline passed in round {r.rounds} without agreement."))
        elif r.status == "failed":
            lines.append(Content("The agreed package failed ratification at home and the talks ended."))
        elif r.status == "deal" and r.deal:
            lines.append(Content.assemble(("The deal: ", "bold"), package_text(s, r.deal)))
        for record in earlier_failures(self.state):
            assert record.ratification is not None
            lines.append(Content.styled(f"Earlier, in round {record.round}, an agreed package failed at home: "
                                        f"{vote_text(s, record.ratification)}.", "$foreground-muted"))
        lines.append(Content.assemble(
            "Final trust ", (f"{r.trust:.2f}", "bold"),
            f" · agreement zone {r.agreement_zone} of {r.outcomes} packages",
        ))
        return Content("\n").join(lines)

    def _possible(self) -> Content:
        s, r = self.state.scenario, self.result
        me, other = self.me, self.other
        lines = [Content.assemble("Joint value left on the table: ", (f"{r.value_left:.2f}", "bold"))]
        if r.better_package:
            u = r.better_package["utility"]
            lines.append(Content.assemble(
                ("A package that would have left both sides better off: ", "bold"),
                package_text(s, r.better_package["package"]),
                (f" ({s.actor(me).label} {u[me]:.2f}, {s.actor(other).label} {u[other]:.2f})", "$foreground-muted"),
            ))
        elif r.status == "deal":
            lines.append(Content.styled("The deal is on the Pareto frontier: no package was better for both sides.",
                                        "$success"))
        for line in second_level_lines(self.state, r):
            head, colon, rest = line.partition(": ")
            if colon and len(head) < 90 and not head.startswith("Against"):
                lines.append(Content.assemble((head + colon, "bold"), rest))
            else:
                lines.append(Content(line))
        if r.nash_share is not None:
            lines.append(Content(f"Share of the Nash product achieved: {r.nash_share:.0%}."))
        return Content("\n").join(lines)

    def _offers(self) -> Content:
        """Every proposal, worth what it was to each side when it was made (news may have moved the
        weights since): the same figures the transcript gave at the time."""
        s = self.state.scenario
        offers = offers_when_made(self.state)
        if not offers:
            return Content.styled("No offers were made.", "$foreground-muted")
        me, other = self.me, self.other
        width = max(len(s.actor(a).label) for a in (me, other))
        lines = [Content.styled(
            f"  #  Rnd  {'By'.ljust(width)}  {('to ' + s.actor(me).label)[:16]:<16}  "
            f"{('to ' + s.actor(other).label)[:16]:<16}", "bold $foreground-muted")]
        for offer in offers:
            mine = offer.actor == me
            u_me, u_other = offer.utility[me], offer.utility[other]
            lines.append(Content.assemble(
                f"{offer.seq:>3}  {offer.round:>3}  ",
                (s.actor(offer.actor).label.ljust(width), "$accent" if mine else "$primary-lighten-2"),
                "  ", f"{u_me:.2f} ", (bar(u_me, 11), "$accent"),
                "  ", f"{u_other:.2f} ", (bar(u_other, 11), "$primary-lighten-2"),
            ))
        return Content("\n").join(lines)

    def _weights(self) -> Content:
        s, r = self.state.scenario, self.result
        me, other = self.me, self.other
        name_w = max(len(i.name) for i in s.issues)
        me_l, other_l = s.actor(me).label, s.actor(other).label
        lines = [Content.styled(
            f"{'Issue'.ljust(name_w)}  {other_l[:8]:>8} {'you est.':>9}   {me_l[:8]:>8} {'they est.':>9}",
            "bold $foreground-muted")]
        for issue in s.issues:
            true_o = r.true_weights[other][issue.id]
            est_o = r.estimated_weights.get(other, {}).get(issue.id, float("nan"))
            true_m = r.true_weights[me][issue.id]
            est_m = r.estimated_weights.get(me, {}).get(issue.id, float("nan"))
            off = abs(true_o - est_o) >= 0.08
            lines.append(Content.assemble(
                issue.name.ljust(name_w), "  ",
                (f"{true_o:8.0%}", "bold"), (f" {est_o:8.0%}", "$warning" if off else "$success"),
                "   ", (f"{true_m:8.0%}", "bold"), (f" {est_m:8.0%}", "$foreground-muted"),
            ))
        lines.append(Content.styled("Estimates more than 8 points off are in amber.", "$foreground-muted"))
        return Content("\n").join(lines)

    # -- actions -------------------------------------------------------------------------------

    def action_export(self) -> None:
        """Write the game log (with the debrief data) and the Markdown transcript to the exports
        folder, and say where on this screen (the note stays until the screen goes)."""
        try:
            json_path, md_path = export_game(self.session)
        except OSError as exc:
            self.notify(f"Could not export: {exc}", severity="error")
            return
        self.exported = (json_path, md_path)
        self.clear_notices()
        self.notify(f"game log {json_path}", title="Exported")
        self.notify(f"transcript {md_path}", title="Exported")

    def action_transcript(self) -> None:
        from game.tui.screens.dialogs import TextScreen

        self.app.push_screen(TextScreen("Transcript", transcript(self.state, None, self.me)))

    def action_new_game(self) -> None:
        self.post_message(self.NewGame())

    def action_back(self) -> None:
        if self.from_replay:
            self.dismiss(None)

