"""Issue 15's layouts, at 60x20, 80x24, 120x40 and 200x50: nothing cut off, nothing wrapped
silently, the highlighted thing always in view, and notices that never cover the meters."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import OptionList, Static

from game.scenario import bundled_paths, load
from game.session.launch import LaunchOptions
from game.tui.app import ParleyApp
from game.tui.screens.dialogs import ConfirmScreen, TacticScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.board import IssueBoard
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.lists import StopList
from game.tui.widgets.notice import NoticeBar
from game.tui.widgets.options import OptionPane
from game.tui.widgets.score import ScorePanel

from .conftest import GREEDY, compose, drive, press, propose, to_table, toasts

SIZES = [(60, 20), (80, 24), (120, 40), (200, 50)]
EASY = LaunchOptions(seed=7, opponent="conceder/easy")


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def inside(region: Region, outer: Region) -> bool:
    return region.x >= outer.x and region.y >= outer.y and region.right <= outer.right and \
        region.bottom <= outer.bottom


def no_sideways_scrolling(screen: Widget) -> None:
    for widget in screen.query(Widget):
        assert not widget.show_horizontal_scrollbar, f"{widget!r} scrolls sideways"


def footer_keys(screen: Widget, width: int) -> set[str]:
    shown = set()
    for key in screen.query_one(KeyFooter).query("FooterKey"):
        if key.region.width and key.region.right <= width:
            shown.add(str(getattr(key, "key", "")))
    return shown


def rendered(widget: Widget) -> list[str]:
    """The widget's lines as drawn, padding included."""
    size = widget.outer_size
    return [line.text for line in widget.render_lines(Region(0, 0, size.width, size.height))]


async def open_scenario(app: ParleyApp, pilot: Pilot, path: Path) -> TableScreen:
    title = app.screen
    assert isinstance(title, TitleScreen)
    index = [e.path for e in title.entries].index(path)
    await press(pilot, *(["down"] * index))
    return await to_table(app, pilot)


def check_table(table: TableScreen, width: int, height: int) -> None:
    """Everything a player reads is on screen, the board's lines are never wider than the board,
    the issue under the cursor is in view and the footer keeps Help and Quit."""
    screen = Region(0, 0, width, height - 1)  # above the footer
    no_sideways_scrolling(table)
    for kind in (OptionPane, ScorePanel):
        region = table.query_one(kind).region
        assert region.width > 0 and inside(region, screen), f"{kind.__name__} at {region} on {width}x{height}"
    board = table.query_one(IssueBoard)
    box = table.query_one("#board-box").region
    assert inside(box, screen)
    lines = board.render().plain.splitlines()
    assert all(len(line) <= board.size.width for line in lines), "a board line is wider than the board"
    assert board.size.height == 1 + len(table.state.scenario.issues)  # the header never wraps
    row = board.region.y + 1 + board.cursor
    assert box.y <= row < box.bottom, "the issue under the cursor is out of view"
    assert {"question_mark", "q"} <= footer_keys(table, width)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem[:3])
def test_the_table_holds_together_at_every_size(path: Path, size: tuple[int, int]) -> None:
    """At 60x20 only 4 of 5 issues showed, the selected last issue stayed hidden, the header
    wrapped and the footer lost Help and Quit."""
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await open_scenario(app, pilot, path)
        check_table(table, *size)
        await press(pilot, "end")  # the last issue
        check_table(table, *size)
        await press(pilot, "home")
        check_table(table, *size)

    drive(EASY, script, size=size)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_title_choices_stay_on_screen(size: tuple[int, int]) -> None:
    """At 60x20 the title screen's side selector scrolled off."""
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        screen = Region(0, 0, size[0], size[1] - 1)
        for name in ("#pick-side", "#opponent", "#difficulty", "#seed", "#start", "#scenarios"):
            region = app.screen.query_one(name).region
            assert region.width > 2 and region.height >= 1 and inside(region, screen), f"{name} at {region}"
        no_sideways_scrolling(app.screen)
        assert {"question_mark", "q"} <= footer_keys(app.screen, size[0])

    drive(EASY, script, size=size)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_tactic_picker_shows_every_tactic_and_stops_at_its_ends(size: tuple[int, int]) -> None:
    """At 80x24 the picker cut its third entry, did not scroll to the highlighted one, and its
    cursor wrapped silently (a tester played the wrong pressure tactic that way)."""
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        await to_table(app, pilot)
        await press(pilot, "g")
        picker = app.screen
        assert isinstance(picker, TacticScreen)
        tactics = picker.query_one(StopList)
        count = tactics.option_count
        screen = Region(0, 0, size[0], size[1] - 1)
        assert inside(tactics.region, screen) and inside(picker.query_one("#tactic-detail").region, screen)
        assert tactics.highlighted == 0
        assert tactics.size.height >= count or tactics.max_scroll_y > 0
        await press(pilot, "up")  # at the top already: stays
        assert tactics.highlighted == 0
        for _ in range(count + 2):
            await press(pilot, "down")
            first_line = tactics.scroll_offset.y
            assert first_line <= (tactics.highlighted or 0) < first_line + tactics.size.height
        assert tactics.highlighted == count - 1  # stopped at the bottom, never back to the top
        assert str(tactics.get_option_at_index(count - 1).prompt).startswith("▸")
        shown = picker.query_one("#tactic-detail", Static)
        detail = str(shown.render())
        label = picker.state.scenario.tactic(str(tactics.get_option_at_index(count - 1).id)).label
        assert label in detail and "Effect:" in detail
        assert shown.region.height == shown.outer_size.height, "the tactic's description or effect is cut"
        assert tactics.virtual_size.height == count, "an entry wraps onto a second line"

    drive(EASY, script, size=size)


@pytest.mark.parametrize("width", [60, 80])
def test_long_issue_names_never_cut_the_estimate(width: int) -> None:
    """Long issue names cut the 'them ≈' figure."""
    path = next(p for p in bundled_paths() if p.stem.startswith("004"))
    scenario = load(path).scenario
    assert scenario is not None
    longest = max(range(len(scenario.issues)), key=lambda k: len(scenario.issues[k].name))

    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await open_scenario(app, pilot, path)
        await press(pilot, *(["down"] * longest))
        issue = scenario.issues[longest]
        pane = table.query_one(OptionPane)
        estimate = f"them ≈{table.perspective().estimate[issue.id]:.0%}"
        assert any(estimate in line for line in rendered(pane))

    drive(EASY, script, size=(width, 24))


@pytest.mark.parametrize("size", [(120, 40), (200, 50)], ids=size_id)
def test_their_offer_reads_in_full_on_a_wide_terminal(size: tuple[int, int]) -> None:
    """Even at 120x40 the other side's offer column was cut to about 20 characters, the extra
    width going to the transcript."""
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        offer = table.state.standing_offer("pk")
        assert offer is not None
        text = "\n".join(rendered(table.query_one(IssueBoard)))
        for issue_id, option_id in offer.items():
            assert table.state.scenario.option_label(issue_id, option_id) in text

    drive(EASY, script, size=size)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=size_id)
def test_the_selected_issue_reads_in_full_on_a_narrow_terminal(size: tuple[int, int]) -> None:
    """Where the board cuts labels short, the option pane gives the chosen option and theirs in full."""
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        scenario = table.state.scenario
        offer = table.state.standing_offer("pk") or {}
        for _ in scenario.issues:
            issue = scenario.issue(table.query_one(IssueBoard).issue_id or "")
            text = " ".join(rendered(table.query_one(OptionPane)))
            assert issue.option(table.package[issue.id]).label in text
            assert issue.option(offer[issue.id]).label in text
            await press(pilot, "down")

    drive(EASY, script, size=size)


def test_an_illegal_package_is_marked_in_the_meters_before_propose() -> None:
    """The meters scored a package that crosses your own red line as if it were legal."""
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        score = table.query_one(ScorePanel)
        assert "Not allowed" not in " ".join(rendered(score))
        await compose(pilot, table, dict(GREEDY, **{"drone-strikes": "halt"}))
        text = " ".join(rendered(score))
        assert "Not allowed" in text and "red line" in text
        assert len(table.state.history) == 1  # nothing was proposed

    drive(EASY, script, size=(80, 24))


def test_the_meters_show_the_estimate_of_their_no_deal_value() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        estimate = table.state.estimated_reservation("us")
        assert f"Their no deal ≈ {estimate:.2f}" in " ".join(rendered(table.query_one(ScorePanel)))

    drive(EASY, script)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=size_id)
def test_notices_never_cover_the_meters_nor_outlive_their_screen(size: tuple[int, int]) -> None:
    """News and 'Exported' toasts covered the meters for 5 s and carried over to the next screen."""
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        await press(pilot, "s")  # a signal with no issue chosen: the dialog says so in itself
        await press(pilot, "s")
        assert not toasts(app)
        await press(pilot, "escape")
        for _ in range(8):  # propose until the news breaks (this seed brings it early)
            if any(r.news for r in table.state.history):
                break
            await propose(pilot)
        bar = table.query_one(NoticeBar)
        assert any(m.startswith("News") for m in bar.messages), bar.messages
        assert not toasts(app)
        assert not bar.region.overlaps(table.query_one(ScorePanel).region)
        check_table(table, *size)
        await press(pilot, "w", "y")
        debrief = app.screen
        assert not toasts(app)
        assert not any(m.startswith("News") for m in debrief.query_one(NoticeBar).messages)
        await press(pilot, "e")
        assert not toasts(app)
        messages = debrief.query_one(NoticeBar).messages
        assert len(messages) == 2 and all(m.startswith("Exported: ") for m in messages)
        assert not debrief.query_one(NoticeBar).region.overlaps(debrief.query_one("#summary").region)

    drive(LaunchOptions(seed=news_seed(), opponent="boulware/hard"), script, size=size)


def news_seed() -> int:
    """A seed whose talks bring news within the first rounds when the US proposes GREEDY each turn."""
    from game.engine import Move, Seat
    from game.session import Session

    from .conftest import SPY_PATH

    scenario = load(SPY_PATH).scenario
    assert scenario is not None
    for seed in range(1, 200):
        session = Session.new(scenario, SPY_PATH, seed, {"us": Seat(), "pk": Seat("boulware", "hard")},
                              autosave=False)
        session.advance()
        for _ in range(4):
            if session.state.is_terminal:
                break
            session.play(Move("us", "propose", package=GREEDY))
        if any(r.news for r in session.state.history) and not session.state.is_terminal:
            return seed
    raise AssertionError("no seed brings news")


def test_reject_asks_first() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        table = await to_table(app, pilot)
        moves = len(table.state.history)
        await press(pilot, "r")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert len(table.state.history) == moves
        await press(pilot, "r", "y")
        assert table.state.history[moves].move.kind == "reject"

    drive(EASY, script)


def test_lists_never_wrap_around() -> None:
    async def script(app: ParleyApp, pilot: Pilot) -> None:
        scenarios = app.screen.query_one("#scenarios", OptionList)
        assert isinstance(scenarios, StopList) and scenarios.highlighted == 0
        await press(pilot, "up")
        assert scenarios.highlighted == 0

    drive(EASY, script)
