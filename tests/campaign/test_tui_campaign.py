"""The campaign in the terminal: an interlude between summits (keyboard only, at 60x20 and 80x24),
a summit opened from it at the usual table, and the campaign debrief of a finished campaign."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from game.campaign import CampaignSession
from game.campaign.options import CampaignOptions
from game.engine import Seat
from game.scenario.campaign_checks import BUNDLED_CAMPAIGNS, load_campaign
from game.tui.campaign_app import CampaignApp, SummitDebrief, SummitTable
from game.tui.screens.campaign_debrief import CampaignDebriefScreen
from game.tui.screens.interlude import InterludeScreen

from .bot import bot_move, play_summits

BUNDLED = BUNDLED_CAMPAIGNS / "pakistan-us.yaml"


def saved_after(summits: int, path: Path) -> Path:
    """A campaign save of the bot's play, ``summits`` summits in."""
    session = CampaignSession.new(load_campaign(BUNDLED), 7, "pk", Seat.parse("adaptive/normal"), timestamps=False,
                                  save_path=path)
    play_summits(session, summits)
    return path


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
def test_an_interlude_quotes_the_next_article_and_lets_the_player_break_a_promise(tmp_path: Path,
                                                                                   size: tuple[int, int]) -> None:
    save = saved_after(1, tmp_path / "one.json")

    async def run() -> None:
        app = CampaignApp(CampaignOptions(path=BUNDLED, resume=save, timestamps=False))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, InterludeScreen)
            text = " ".join(str(w.render()) for w in screen.query("Static"))
            assert "Summit 2 of 5, 2012" in text and "000_563488b2d8a233a7.txt" in text
            assert "[x] keep it" in text
            body = screen.query_one("#interlude")
            assert body.region.width <= size[0] and body.region.height <= size[1]
            await pilot.press("1")
            carried = str(screen.query_one("#carried").render())
            assert "Pakistan broke its promise" in carried
            await pilot.press("1")
            assert "Pakistan kept its promise" in str(screen.query_one("#carried").render())
            await pilot.press("enter")
            await pilot.pause()
            assert any(isinstance(s, SummitTable) for s in app.screen_stack)
            session = app.campaign_session
            assert session is not None and session.run.plays[1].kept == {"waziristan-space": True}
            if size != (80, 24):  # quitting mid-summit asks first, and says how to come back
                await pilot.press("escape", "q")
                await pilot.pause()
                assert type(app.screen).__name__ == "ConfirmScreen"
                assert "parley campaign --resume" in " ".join(str(w.render()) for w in app.screen.query("Static"))
                return
            # The summit ends: its debrief, then c goes on to the next interlude.
            table = next(s for s in app.screen_stack if isinstance(s, SummitTable))
            summit = session.summit()
            while not summit.state.is_terminal:
                summit.play(bot_move(summit.state, "pk"))
            if not isinstance(app.screen, SummitTable):
                app.pop_screen()  # the briefing the summit opened with
            table.finish()
            await pilot.pause()
            assert isinstance(app.screen, SummitDebrief)
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, InterludeScreen) and "Summit 3 of 5, 2018" in str(
                app.screen.query_one("#interlude-title").render())

    asyncio.run(run())


def test_a_finished_campaign_opens_on_its_debrief(tmp_path: Path) -> None:
    save = saved_after(5, tmp_path / "all.json")

    async def run() -> None:
        app = CampaignApp(CampaignOptions(path=BUNDLED, resume=save, timestamps=False))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CampaignDebriefScreen)
            body = app.screen.query_one("#campaign-debrief-body")
            text = str(body.render())
            assert "Trust over the years" in text and "Promises kept and broken" in text
            assert "The Last Five to Ten Percent" in text  # the summit table with titles
            assert body.region.width <= 78
            await pilot.resize_terminal(60, 20)
            await pilot.pause()
            assert body.region.width <= 58 and "The Last Five" not in str(body.render())

    asyncio.run(run())
