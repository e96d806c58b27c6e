"""Issue 12 on the table: the crisis prompt (its answers and their effects before the choice, no
way round it, the talks going on after), the computer's answer with its reason, public or
private words with both effects shown first, a red line drawn, and every ledger change said
in the notice bar and the transcript with its cause.

Seeds are found with the engine (the bundled scenarios' crises break by chance), so the
tests follow the scenarios' text as it changes.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from game.engine import Game, Move, Seat
from game.scenario import bundled_paths, load
from game.scenario.models import Scenario
from game.session.launch import LaunchOptions
from game.session.transcript import effect_line
from game.tui.app import ParleyApp
from game.tui.screens.binding import CrisisScreen, LineScreen, SayScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.table import TableScreen
from game.tui.widgets.feed import TextPanel
from game.tui.widgets.lists import StopList

from .conftest import drive, notes, press
from .test_surfaces import open_scenario

PATHS = {p.stem[:3]: p for p in bundled_paths()}


def scenario_at(path: Path) -> Scenario:
    scenario = load(path).scenario
    assert scenario is not None
    return scenario


def crisis_seed(path: Path, hit: str) -> int:
    """A seed in which a crisis hits ``hit`` within the first turns while the US (a person) proposes
    its opening package against conceder/easy."""
    game = Game(scenario_at(path))
    for seed in range(1, 300):
        state = game.new_state(seed, {"us": Seat(), "pk": Seat("conceder", "easy")})
        state.advance()
        for _ in range(4):
            if state.is_terminal or state.crisis is not None:
                break
            state.apply(Move("us", "propose", package=state.opening_package("us")))
            state.advance()
        answered = [r for r in state.history if r.move.kind == "answer"]
        if hit == "us" and state.crisis is not None and state.current_actor == "us":
            return seed
        if hit == "pk" and answered and state.crisis is None:
            return seed
    raise AssertionError(f"no seed brings a crisis for {hit}")


async def propose_until_crisis(app: ParleyApp, pilot: Pilot, table: TableScreen) -> None:
    for _ in range(4):
        if isinstance(app.screen, CrisisScreen) or table.state.is_terminal:
            return
        await press(pilot, "p")
        if isinstance(app.screen, SayScreen):
            await press(pilot, "y")


def log_text(table: TableScreen) -> str:
    return str(table.query_one("#log-narrow", TextPanel)._body.render())


def test_a_crisis_must_be_answered_with_each_answers_effects_in_view() -> None:
    spy = PATHS["000"]
    scenario = scenario_at(spy)

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await open_scenario(app, pilot, spy)
        await propose_until_crisis(app, pilot, table)
        prompt = app.screen
        assert isinstance(prompt, CrisisScreen)
        event = scenario.event(table.state.crisis or "")
        assert event.crisis is not None
        labels = [str(o.prompt) for o in prompt.query_one(StopList)._options]
        assert [label.lstrip("▸ ").strip() for label in labels] == [r.label for r in event.crisis.responses]
        detail = str(prompt.query_one("#answer-detail", Static).render())
        first = event.crisis.responses[0]
        assert effect_line(scenario, first.effects) in detail and " ".join(first.description.split()) in detail
        moves = len(table.state.history)
        await press(pilot, "escape", "p", "w")  # no way round it: the talks wait for the answer
        assert app.screen is prompt and len(table.state.history) == moves
        await press(pilot, "down")
        second = event.crisis.responses[1]
        assert effect_line(scenario, second.effects) in str(prompt.query_one("#answer-detail", Static).render())
        await press(pilot, "enter")
        assert isinstance(app.screen, TableScreen)
        answer = table.state.history[moves]
        assert answer.move.kind == "answer" and answer.move.response == second.id
        assert table.state.crisis is None
        told = notes(app)
        assert any(f"(you answered the crisis: {second.label.lower()})" in n for n in told), told
        assert f"answers the crisis ({event.headline}): {second.label}" in log_text(table)
        await press(pilot, "w", "y")  # the debrief names the answer among the turning points
        assert isinstance(app.screen, DebriefScreen)
        turning = str(app.screen.query_one("#turning", Static).render())
        assert f"Round {answer.round}: {event.headline}: you answered “{second.label}”" in turning

    drive(LaunchOptions(seed=crisis_seed(spy, "us"), opponent="conceder/easy"), script)


def test_the_computer_answers_a_crisis_with_its_reason() -> None:
    path = PATHS["003"]

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await open_scenario(app, pilot, path)
        for _ in range(4):
            if any(r.move.kind == "answer" for r in table.state.history):
                break
            await press(pilot, "p", "y")
        answer = next(r for r in table.state.history if r.move.kind == "answer")
        assert answer.computer and answer.move.actor == "pk" and answer.reason
        assert any(n.startswith("crisis answered: ") or ("answers:" in n and answer.reason.lower() in n)
                   for n in notes(app)) or answer.reason in log_text(table)
        assert answer.reason in log_text(table)

    drive(LaunchOptions(seed=crisis_seed(path, "pk"), opponent="conceder/easy"), script)


def test_public_words_show_both_effects_first_and_say_so() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await open_scenario(app, pilot, PATHS["000"])
        await press(pilot, "p")
        say = app.screen
        assert isinstance(say, SayScreen)
        body = " ".join(str(w.render()) for w in say.query(".dialog-body"))
        assert "In private: cheap, and believed less" in body
        assert "In public: Pakistan weighs it" in body and "threshold +0.04" in body
        moves = len(table.state.history)
        await press(pilot, "n")  # not now: nothing is sent
        assert app.screen is table and len(table.state.history) == moves
        await press(pilot, "p", "p")
        assert table.state.history[moves].move.public
        assert "United States proposes in public" in log_text(table)

    drive(LaunchOptions(seed=3, opponent="conceder/easy"), script)


def test_a_red_line_is_drawn_on_the_issue_under_the_cursor() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await open_scenario(app, pilot, PATHS["000"])
        if isinstance(app.screen, CrisisScreen):
            await press(pilot, "enter")
        issue = table.state.scenario.issues[0]
        await press(pilot, "home", "d")
        assert isinstance(app.screen, LineScreen)
        await press(pilot, "d")  # nothing marked yet: the dialog says so and stays
        assert isinstance(app.screen, LineScreen)
        await press(pilot, "end", "enter", "d")
        assert isinstance(app.screen, SayScreen)
        await press(pilot, "y")
        line = table.state.history[-1].move
        assert line.kind == "line" and line.issue == issue.id and line.options == (issue.options[-1].id,)
        assert not line.public
        assert f"draws a line: never {issue.options[-1].label} on {issue.name}" in log_text(table)
        assert table.state.current_actor == "us"  # a line leaves the turn open

    drive(LaunchOptions(seed=3, opponent="conceder/easy"), script)
