"""The debrief and the records (issue 15): offers as they were worth when made, the current
round's facts after a walk-away, the second level, seed notes, the saves list, New game."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Markdown, Select, Static

from game.engine import Move, Seat
from game.engine.outcome import final_analysis
from game.scenario import bundled_paths, load
from game.scenario.models import Scenario
from game.scenario.seednotes import HYPOTHETICAL, seed_note_lines
from game.session import Session
from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.saves import SavesScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen

from .conftest import EASY, GREEDY, SPY_PATH, drive, notes, play_policy, press, seed_where, to_table, wants_to_accept


def hypothetical_path() -> Path:
    for path in bundled_paths():
        scenario = load(path).scenario
        if scenario is not None and scenario.hypothetical:
            return path
    raise AssertionError("no bundled scenario is hypothetical")


def text_of(screen: DebriefScreen) -> str:
    return "\n".join(str(static.render()) for static in screen.query(Static))


def weights_move_game(spy: Scenario) -> Session:
    """A finished game in which news moved the weights after an offer was made."""
    for seed in range(1, 300):
        session = Session.new(spy, SPY_PATH, seed, EASY, autosave=False)
        play_policy(session)
        final = final_analysis(session.state)
        for record in session.state.history:
            if record.move.kind == "propose" and record.utilities:
                package = session.state.rules.package_of(record.move.package or {})
                if abs(float(final.utilities[0, package]) - record.utilities["us"]) > 0.005:
                    return session
    raise AssertionError("no game where news moved the weights")


def test_the_offer_table_shows_each_offer_as_it_was_worth_when_made(spy: Scenario) -> None:
    """The debrief's offer table rescored old offers with end-of-game weights, so it disagreed
    with the transcript."""
    session = weights_move_game(spy)

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        screen = DebriefScreen(session, "us")
        await app.push_screen(screen)
        table = screen._offers().plain.splitlines()[1:]
        proposals = [r for r in session.state.history if r.move.kind == "propose"]
        assert len(table) == len(proposals)
        for line, record in zip(table, proposals, strict=True):
            assert record.utilities is not None
            assert f"{record.utilities['us']:.2f}" in line and f"{record.utilities['pk']:.2f}" in line

    drive(LaunchOptions(resume_list=True), script)


def test_after_a_walk_away_the_debrief_shows_this_rounds_facts(spy: Scenario) -> None:
    """After a walk-away the ratification column showed the earlier failed deal."""
    session = Session.new(spy, SPY_PATH, seed_where("fails"), EASY)
    session.advance()
    while not any(r.ratification for r in session.state.history):
        if wants_to_accept(session):
            session.play(Move("us", "accept"))
        else:
            session.play(Move("us", "propose", package=GREEDY))
    assert not session.state.is_terminal
    failed = next(r for r in session.state.history if r.ratification)
    if session.state.current_actor == "us":
        session.play(Move("us", "walk"))
    assert session.state.status == "walked"

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        scores = debrief._scores().plain.splitlines()
        assert scores[1].rstrip().endswith("—") and scores[2].rstrip().endswith("—")
        assert f"Earlier, in round {failed.round}, an agreed package failed at home" in debrief._scores().plain
        assert f"walked away in round {session.state.round}" in debrief._scores().plain

    drive(LaunchOptions(resume=session.save_path), script)


def test_the_debrief_shows_the_second_level_and_the_sources_before_the_questions(spy: Scenario) -> None:
    session = Session.new(spy, SPY_PATH, seed_where("deal"), EASY)
    play_policy(session)

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        text = text_of(app.screen)
        assert "Nash bargaining point:" in text and "Against the Nash point, the deal gave" in text
        assert "Win-sets" in text
        assert ("Best package both constituencies would likely pass" in text
                or "The Nash point was also likely to pass" in text
                or "No package in the agreement zone was likely to pass" in text)
        assert text.index("About the sources") < text.index("Questions for discussion")
        for line in seed_note_lines(spy):
            assert line in text

    drive(LaunchOptions(resume=session.save_path), script)


def test_a_hypothetical_scenario_says_so_on_the_title_and_in_the_briefing() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        title = app.screen
        assert isinstance(title, TitleScreen)
        index = [e.path for e in title.entries].index(hypothetical_path())
        await press(pilot, *(["down"] * index))
        info = str(title.query_one("#info", Static).render())
        assert HYPOTHETICAL in " ".join(info.split())
        assert info.index("Background") < info.index("About the sources")
        await press(pilot, "enter")
        briefing = app.screen
        assert isinstance(briefing, BriefingScreen)
        texts = [str(s.render()) for s in briefing.query(Static)]
        background = next(k for k, t in enumerate(texts) if t.startswith("Background"))
        notes_at = next(k for k, t in enumerate(texts) if t.startswith("About the sources"))
        confidential = next(k for k, t in enumerate(texts) if t.startswith("Your instructions"))
        assert background < notes_at < confidential
        assert any(HYPOTHETICAL in " ".join(t.split()) for t in texts)
        assert any("as our analysts estimate it" in t for t in texts)

    drive(LaunchOptions(seed=3, opponent="conceder/easy"), script)


def test_help_says_what_the_estimates_are_built_from() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        await to_table(app, pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(app.screen.query_one(Markdown).source.split())
        assert "What your estimates are built from" in text
        assert "intelligence estimate" in text and "never read its confidential numbers" in text

    drive(LaunchOptions(seed=7, opponent="conceder/easy"), script)


def test_new_game_keeps_the_chosen_scenario_side_and_difficulty() -> None:
    """New game reset the difficulty."""
    second = bundled_paths()[1]

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        title = app.screen
        assert isinstance(title, TitleScreen)
        await press(pilot, "down")  # the second scenario
        title.query_one("#opponent", Select).value = "boulware"
        title.query_one("#difficulty", Select).value = "hard"
        title.query_one("#pick-side", Select).value = "pk"
        await press(pilot, "ctrl+s", "enter")
        table = app.screen
        assert isinstance(table, TableScreen) and str(table.state.seats["us"]) == "boulware/hard"
        await press(pilot, "w", "y")
        assert isinstance(app.screen, DebriefScreen)
        await press(pilot, "n")
        fresh = app.screen
        assert isinstance(fresh, TitleScreen) and fresh is not title
        assert fresh.current is not None and fresh.current.path == second
        assert fresh.query_one("#difficulty", Select).value == "hard"
        assert fresh.query_one("#opponent", Select).value == "boulware"
        assert fresh.query_one("#pick-side", Select).value == "pk"

    drive(LaunchOptions(seed=7), script)


def test_the_saves_list_shows_damaged_saves_and_the_real_round(spy: Scenario) -> None:
    session = Session.new(spy, SPY_PATH, 5, {"us": Seat("boulware", "hard"), "pk": Seat()})
    session.play(Move("pk", "propose", package=session.state.opening_package("pk")))
    assert session.save_path is not None and session.state.round == 2
    damaged = session.save_path.parent / "damaged.json"
    data = json.loads(session.save_path.read_text(encoding="utf-8"))
    damaged.write_text(json.dumps(dict(data, seed=99)), encoding="utf-8")
    before = damaged.read_bytes()

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, SavesScreen)
        assert len(screen.saves) == 2
        good = next(s for s in screen.saves if not s.damaged)
        assert good.round == 2
        index = next(k for k, s in enumerate(screen.saves) if s.damaged)
        await press(pilot, *(["down"] * index))
        await press(pilot, "enter")
        assert app.screen is screen  # not opened
        assert any(str(damaged).lower() in n and "the check does not match" in n for n in notes(app))

    drive(LaunchOptions(resume_list=True), script)
    assert damaged.read_bytes() == before


def test_a_save_path_that_cannot_be_opened_falls_back_to_the_title_with_its_path(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "parley-game/1", "scenario": {"id": "spy-chiefs-2012"}, "seed": 1, "moves": null}',
                   encoding="utf-8")

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        assert isinstance(app.screen, TitleScreen)
        assert any(str(bad).lower() in n and "no list of moves" in n for n in notes(app))

    drive(LaunchOptions(resume=bad), script)
