"""``parley campaign`` in the terminal: interludes, summits played at the usual table, the campaign debrief.

:class:`CampaignApp` is the Parley app opened on a campaign instead of the title screen.
Each summit is played on the ordinary table screen through a
:class:`~game.campaign.SummitSession` (every move saves the campaign); when a summit ends,
its debrief offers ``c`` to go on, and the app shows the next interlude
(:class:`InterludeScreen`) or, after the last summit, the campaign debrief. Nothing here
is game logic: the campaign's rules live in :mod:`game.campaign`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import BindingType
from textual.message import Message

from game.campaign import CampaignError, CampaignSession, list_campaign_saves
from game.campaign.options import CampaignOptions
from game.engine import Seat
from game.scenario.campaign_checks import load_campaign
from game.session import GameSession
from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp
from game.tui.keys import Key
from game.tui.screens.campaign_debrief import CampaignDebriefScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.interlude import InterludeScreen
from game.tui.screens.table import TableScreen

if TYPE_CHECKING:
    from game.tui.widgets.notice import Notice


class SummitDebrief(DebriefScreen):
    """A summit's debrief inside a campaign: ``c`` (or ``n``) goes on to the next interlude."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Key("c", "go_on", "Continue", title="Continue the campaign",
            help="on to what happened next, and the next summit (or the campaign debrief)"),
        Key("n", "go_on", "Continue", show=False, palette=False,
            help="on with the campaign (a campaign has no new game until it ends)"),
    ]

    class GoOn(Message):
        """The player has read the summit's debrief."""

    def action_go_on(self) -> None:
        self.post_message(self.GoOn())


class SummitTable(TableScreen):
    """A summit at the usual table; its end shows :class:`SummitDebrief`."""

    def finish(self, notes: list[Notice] | None = None) -> None:
        debrief = SummitDebrief(self.session, self.humans[0] if self.humans else self.me)
        for note in notes or []:
            debrief.notify(note.message, title=note.title, severity=note.severity)
        self.app.switch_screen(debrief)


class CampaignApp(ParleyApp):
    """Parley opened on a campaign (see the module docstring)."""

    SAVED_WORDS = "The campaign is saved after every move. `parley campaign --resume` reopens it where you left it."

    def __init__(self, options: CampaignOptions) -> None:
        super().__init__(LaunchOptions(timestamps=options.timestamps))
        self.campaign_options = options
        self.campaign_session: CampaignSession | None = None

    def open_first(self) -> None:
        try:
            self.campaign_session = self._open()
        except CampaignError as exc:
            self.show_title(first=True).notify(str(exc), title="Cannot open the campaign", severity="error")
            return
        self.next_screen(first=True)

    def _open(self) -> CampaignSession:
        o = self.campaign_options
        if o.resume is not None:
            return CampaignSession.open(o.resume, timestamps=None if o.timestamps else False)
        if o.resume_list:
            going = [s for s in list_campaign_saves() if s.status == "in progress"]
            if not going:
                raise CampaignError("no campaign in progress to resume")
            return CampaignSession.open(going[0].path, timestamps=None if o.timestamps else False)
        loaded = load_campaign(o.path)
        if not loaded.ok:
            raise CampaignError("; ".join(d.format() for d in loaded.errors[:3]))
        return CampaignSession.new(loaded, o.seed, o.side, Seat.parse(o.opponent), timestamps=o.timestamps)

    def next_screen(self, first: bool = False) -> None:
        """Where the campaign stands: an interlude, a summit in progress, or the campaign debrief."""
        assert self.campaign_session is not None
        run = self.campaign_session.run
        if run.finished:
            self._show(CampaignDebriefScreen(run), first)
        elif run.between:
            self._show(InterludeScreen(run), first)
        else:
            self._show(SummitTable(self.campaign_session.summit(), brief=False), first)

    def summit_session(self) -> GameSession:
        assert self.campaign_session is not None
        return self.campaign_session.summit()

    @on(InterludeScreen.Continue)
    def interlude_continue(self, message: InterludeScreen.Continue) -> None:
        assert self.campaign_session is not None
        try:
            summit = self.campaign_session.open_next(message.kept)
        except (CampaignError, OSError) as exc:
            self.screen.notify(f"Could not open the summit: {exc}", severity="error")
            return
        self._show(SummitTable(summit, brief=True), False)

    @on(SummitDebrief.GoOn)
    def summit_done(self) -> None:
        self.next_screen()


def run_campaign_app(options: CampaignOptions) -> int:
    """Run the campaign in the terminal until the player quits; the exit code."""
    app = CampaignApp(options)
    result = app.run()
    return int(app.return_code or result or 0)
