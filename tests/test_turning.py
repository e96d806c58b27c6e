"""Turning points: the moments that decided a game, from the records and the ledger."""

from __future__ import annotations

from tests_support import pie_with_news

from game.engine import Game, Move, Seat
from game.engine.analysis import analyze_rules
from game.session.turning import SHOWN, turning_lines, turning_points


def test_the_moments_that_decided_a_game_in_the_order_they_happened() -> None:
    scenario = pie_with_news()
    game = Game(scenario)
    nash = analyze_rules(game.rules).nash
    assert nash is not None
    state = game.new_state(0, {"a": Seat(), "b": Seat()})
    state.apply(Move("a", "propose", package=game.rules.choice_of(nash)))
    state.apply(Move("b", "propose", package={"share": "s2"}))  # round 2 opens with the news
    state.apply(Move("b", "answer", event="attack", response="quiet"))
    state.apply(Move("a", "propose", package={"share": "s9"}))  # across B's red line
    state.apply(Move("b", "walk"))
    lines = turning_lines(state, viewer="a")
    assert lines == [
        "round 1: you offered the Nash package and B refused it",
        "round 2: An attack at the border cut your no-deal value (0.30 to 0.20)",
        "round 2: An attack at the border: B answered \u201cDemand action in private\u201d",
        "round 2: you asked for what B had ruled out (Share)",
        "round 2: B walked out",
    ]
    observer = turning_lines(state)
    assert observer[0] == "round 1: A offered the Nash package and B refused it"


def test_a_debrief_shows_the_heaviest_few() -> None:
    scenario = pie_with_news()
    state = Game(scenario).new_state(0, {"a": Seat(), "b": Seat()})
    for _ in range(4):
        state.apply(Move("a", "propose", package={"share": "s9"}))
        state.apply(Move("b", "propose", package={"share": "s1"}))
        if state.crisis:
            state.apply(Move("b", "answer", event="attack", response="quiet"))
    points = turning_points(state, "a")
    assert len(points) <= SHOWN
    assert [p.seq for p in points] == sorted(p.seq for p in points)
