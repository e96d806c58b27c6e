"""Whole games played with the keyboard, from the title screen to the debrief and the export."""

from __future__ import annotations

import json
from pathlib import Path

from tests_support import crisis_answer
from textual.command import CommandList
from textual.pilot import Pilot

from game.engine import Game, Move, analyze_rules
from game.scenario.models import Scenario
from game.session import Session
from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp
from game.tui.screens.binding import SayScreen
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.dialogs import ConfirmScreen, NewsScreen, SignalScreen, TacticScreen, TextScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.board import IssueBoard, columns
from game.tui.widgets.feed import TextPanel
from game.tui.widgets.options import OptionPane
from game.tui.widgets.score import ScorePanel

from .conftest import (
    EASY as EASY_SEATS,
)
from .conftest import (
    GREEDY,
    SPY_PATH,
    compose,
    drive,
    notes,
    play_policy,
    press,
    propose,
    seed_where,
    to_table,
    wants_to_accept,
)

EASY = LaunchOptions(seed=7, opponent="conceder/easy")


def nash_package(scenario: Scenario) -> dict[str, str]:
    """The Nash bargaining package of the scenario, by the engine's analysis."""
    rules = Game(scenario).rules
    nash = analyze_rules(rules).nash
    assert nash is not None
    return rules.choice_of(nash)


def test_full_game_accepting_their_offer_ends_on_the_debrief_and_exports(parley_home: Path, spy: Scenario) -> None:
    seed = seed_where("deal")
    expected = Session.new(spy, SPY_PATH, seed, EASY_SEATS, autosave=False)
    play_policy(expected)

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        assert isinstance(app.screen, TitleScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.actor_id == "us"
        await press(pilot, "enter")
        table = app.screen
        assert isinstance(table, TableScreen)
        assert table.state.seats["pk"].strategy == "conceder"
        assert len(table.state.history) == 1  # Pakistan opened
        assert table.package == GREEDY  # best for the US, clear of both sides' red lines
        # The composer moves and the numbers follow the engine's.
        await press(pilot, "right")
        assert table.package["drone-strikes"] == "notice"
        score = table.query_one(ScorePanel)
        assert score.package == table.package
        await press(pilot, "left")
        # The scripted rule, with keys: accept (and confirm) a good enough offer, else propose.
        for _ in range(40):
            if not isinstance(app.screen, TableScreen):
                break
            if wants_to_accept(table.session):
                await press(pilot, "a")
                assert isinstance(app.screen, ConfirmScreen)
                await press(pilot, "y")
            else:
                await propose(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        assert debrief.result.status == "deal"
        assert [r.move for r in debrief.state.history] == [r.move for r in expected.state.history]
        await press(pilot, "e")
        assert debrief.exported is not None
        json_path, md_path = debrief.exported
        log = json.loads(json_path.read_text(encoding="utf-8"))
        assert log["status"] == "deal" and log["outcome"]["status"] == "deal"
        assert len(log["moves"]) == len(debrief.state.history)
        assert "## Debrief" in md_path.read_text(encoding="utf-8")
        assert Session.open(json_path, autosave=False).state.status == "deal"  # parley replay reads it
        assert json_path.parent == parley_home / "exports"
        assert any(str(json_path).lower() in n for n in notes(app))

    drive(LaunchOptions(seed=seed, opponent="conceder/easy"), script)


def nash_seed(scenario: Scenario, target: dict[str, str]) -> int:
    """A seed in which conceder/easy accepts the US's ``target``, proposed every turn (crises answered
    with their first answer): found with the engine, so the test follows the scenario."""
    game = Game(scenario)
    for seed in range(1, 100):
        state = game.new_state(seed, EASY_SEATS)
        state.advance()
        while not state.is_terminal:
            answer = crisis_answer(state)
            state.apply(answer or Move("us", "propose", package=target))
            state.advance()
        if state.status == "deal" and state.history[-1].move.actor == "pk" and len(state.history) <= 24:
            return seed
    raise AssertionError("no seed gives a deal on the target")


def test_the_other_side_accepts_a_composed_proposal(spy: Scenario) -> None:
    target = nash_package(spy)

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        await compose(pilot, table, target)
        for _ in range(12):
            await propose(pilot)
            if isinstance(app.screen, DebriefScreen):
                break
        assert isinstance(app.screen, DebriefScreen)
        result = app.screen.result
        assert result.status == "deal" and result.deal == target
        last = app.screen.state.history[-1]
        assert last.move.actor == "pk" and last.move.kind == "accept"

    drive(LaunchOptions(seed=nash_seed(spy, target), opponent="conceder/easy"), script)


def test_walk_away_asks_first_then_ends_with_no_deal() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        await to_table(app, pilot)
        await press(pilot, "w")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, TableScreen)
        await press(pilot, "w")
        await press(pilot, "y")
        assert isinstance(app.screen, DebriefScreen)
        result = app.screen.result
        assert result.status == "walked" and result.walked_by == "us"
        assert result.utility["us"] == result.reservation["us"]
        await press(pilot, "n")  # a new game: back to the title, nothing left underneath
        assert isinstance(app.screen, TitleScreen) and len(app.screen_stack) == 2

    drive(EASY, script)


def test_illegal_moves_are_refused_with_the_engines_reason() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        await compose(pilot, table, dict(GREEDY, **{"drone-strikes": "halt"}))
        moves = len(table.state.history)
        await press(pilot, "p")
        assert len(table.state.history) == moves
        assert any("crosses your own red line on drone strikes" in n for n in notes(app))
        await press(pilot, "p")
        assert sum("red line" in n for n in notes(app)) == 1  # replaced, not piled up

    drive(EASY, script)


def test_failed_ratification_is_announced_and_talks_reopen() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        while not wants_to_accept(table.session):
            await propose(pilot)
        await press(pilot, "a", "y")
        assert isinstance(app.screen, TableScreen)
        assert table.state.status == "ongoing"
        assert any("rejected at home by" in n for n in notes(app))
        log = str(table.query_one("#log-narrow", TextPanel)._body.render())
        assert "At home in US" in log and "At home in Pakistan" in log
        assert "chance was" in log.split("At home in US")[1].splitlines()[0]  # our own chance
        assert "chance was" not in log.split("At home in Pakistan")[1].splitlines()[0]  # never theirs

    drive(LaunchOptions(seed=seed_where("fails"), opponent="conceder/easy"), script)


def test_signal_tactic_news_and_composer_shortcuts() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        state = table.state
        await press(pilot, "s")
        assert isinstance(app.screen, SignalScreen)
        await press(pilot, "down", "down", "enter", "up", "up", "enter", "s")
        assert isinstance(app.screen, SayScreen)  # in public or in private, both effects in view
        await press(pilot, "p")
        assert isinstance(app.screen, TableScreen)
        assert state.history[-1].move.public
        assert state.history[-1].move.kind == "signal"
        assert state.history[-1].move.signal == ("haqqani", "drone-strikes")
        await press(pilot, "s")  # a second signal in the same turn is refused
        assert any("already signalled" in n for n in notes(app))
        await press(pilot, "g")
        assert isinstance(app.screen, TacticScreen)
        await press(pilot, "enter")
        assert state.history[-1].move.kind == "tactic"
        assert state.history[-1].move.tactic == "press-safe-havens"
        await press(pilot, "g")  # one tactic per turn
        assert isinstance(app.screen, TableScreen)
        assert any("one gesture or pressure move per turn" in n for n in notes(app)), notes(app)
        await press(pilot, "o")
        assert table.package == state.standing_offer("pk")
        await press(pilot, "n")
        assert isinstance(app.screen, NewsScreen)
        await press(pilot, "escape", "t")
        assert isinstance(app.screen, TextScreen)
        await press(pilot, "escape", "b")
        assert isinstance(app.screen, BriefingScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, TableScreen)

    drive(EASY, script)


def test_help_palette_and_quit_confirmation() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        titles = [c.title for c in app.get_system_commands(table)]
        for name in ("Propose", "Accept their offer", "Reject their offer", "Signal priorities",
                     "Gesture or pressure", "Walk away", "Help", "Quit"):
            assert name in titles
        assert "Tactic: Warn of unilateral action" in titles
        await press(pilot, "ctrl+p")
        await pilot.press(*"walk away")
        # The palette searches in a worker: wait for the highlighted hit rather than a fixed time.
        def top_hit() -> str:
            hits = app.screen.query(CommandList)
            if not hits or hits.first().highlighted is None:
                return ""
            return str(hits.first().get_option_at_index(hits.first().highlighted or 0).prompt)

        for _ in range(100):
            if "Walk away" in top_hit():
                break
            await pilot.pause(0.05)
        assert "Walk away" in top_hit(), top_hit()
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n", "q")
        assert isinstance(app.screen, ConfirmScreen)  # quitting a game in progress asks first
        await press(pilot, "n")
        assert isinstance(app.screen, TableScreen)
        await press(pilot, "q", "y")
        assert app.return_code == 0

    drive(EASY, script)


def test_the_computer_opens_when_the_player_takes_the_second_seat(spy: Scenario) -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        await press(pilot, "enter", "enter")
        table = app.screen
        assert isinstance(table, TableScreen) and table.me == "us"
        assert table.state.history[0].move.actor == "pk" and table.state.history[0].computer

    assert spy.opener == "pk"
    drive(LaunchOptions(seed=3, side="us", opponent="boulware/hard"), script)


def test_the_mouse_composes_too() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        board = table.query_one(IssueBoard)
        cols = columns(board.size.width, max(len(i.name) for i in table.state.scenario.issues))
        right_arrow = 1 + cols.name + 1 + cols.weight + 1 + cols.compose - 1
        await pilot.click(IssueBoard, offset=(right_arrow, 3))  # row 3: the Haqqani network, one option on
        assert board.cursor == 2 and table.package["haqqani"] == "targeted"
        await pilot.click(IssueBoard, offset=(right_arrow - cols.compose + 2, 3))  # ◀ goes back
        assert table.package["haqqani"] == "offensive"
        await pilot.click(OptionPane, offset=(4, 3))  # the third option of the Haqqani network
        assert table.package["haqqani"] == "intel"
        await pilot.click(IssueBoard, offset=(3, 1))  # a click on a name moves the cursor only
        assert board.cursor == 0 and table.package["drone-strikes"] == "continue"

    drive(EASY, script)
