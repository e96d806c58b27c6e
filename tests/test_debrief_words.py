"""The words every surface shares: effects said when they happen, the debrief's second level,
seed notes before the questions, and offers as they were worth when made."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import answer_crises

from game.engine import Game, Move, Seat, State
from game.engine.outcome import outcome
from game.scenario import bundled_paths, load
from game.scenario.models import Scenario
from game.scenario.seednotes import HYPOTHETICAL
from game.session.debrief import debrief_lines, offers_when_made, second_level
from game.session.markdown import transcript_markdown
from game.session.transcript import effect_line, record_lines

ROOT = Path(__file__).resolve().parents[1]
SPY = ROOT / "scenarios" / "000-spy-chiefs-2012.yaml"


def scenario_at(path: Path) -> Scenario:
    scenario = load(path).scenario
    assert scenario is not None
    return scenario


def played(path: Path, seed: int = 3, rounds: int = 6) -> State:
    """The first side proposes its opening package each turn against an easy conceder, then walks."""
    scenario = scenario_at(path)
    me = scenario.actors[0].id
    state = Game(scenario).new_state(seed, {me: Seat(), scenario.other(me).id: Seat("conceder", "easy")})
    state.advance()
    for _ in range(rounds):
        answer_crises(state)
        if state.is_terminal:
            break
        state.apply(Move(me, "propose", package=state.opening_package(me)))
        state.advance()
    answer_crises(state)
    if not state.is_terminal:
        state.apply(Move(me, "walk"))
    return state


def test_a_record_never_says_worth_with_nothing_after_it() -> None:
    state = played(SPY)
    proposal = next(r for r in state.history if r.move.kind == "propose")
    for viewer in (None, "us", "pk", ""):
        lines = record_lines(state.scenario, proposal, viewer)
        assert not any(line.strip() == "Worth: ." for line in lines)


def test_a_tactic_says_its_effect() -> None:
    scenario = scenario_at(SPY)
    state = Game(scenario).new_state(1, {"us": Seat(), "pk": Seat("conceder", "easy")})
    state.advance()
    tactic = state.available_tactics("us")[0]
    record = state.apply(Move("us", "tactic", tactic=tactic))
    lines = record_lines(scenario, record, "us")
    # The ledger's changes (here the scenario's amounts, nothing clipped) with their cause.
    label = scenario.tactic(tactic).label
    assert lines[-1].strip() == effect_line(scenario, scenario.tactic(tactic).effects).removesuffix(".") \
        + f" (you played {label})."
    assert lines[-1].strip().startswith("Effect: trust")


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem[:3])
def test_the_markdown_debrief_has_the_second_level_and_the_sources_before_the_questions(path: Path) -> None:
    state = played(path)
    text = transcript_markdown(state, outcome(state))
    assert "Against the Nash point" in text and "Win-sets" in text
    if state.scenario.seed_notes or state.scenario.hypothetical:
        assert text.index("### About the sources") < text.index("### Questions for discussion")
    if state.scenario.hypothetical:
        assert HYPOTHETICAL in text
    for item in state.news:
        assert f"{item.headline} — " in text


def test_the_debrief_names_the_best_package_both_constituencies_would_pass_when_it_differs() -> None:
    for path in bundled_paths():
        state = played(path)
        analysis = second_level(state)
        lines = debrief_lines(state, outcome(state))
        if analysis.nash_ratifiable is not None and analysis.nash_ratifiable != analysis.nash:
            assert any(line.startswith("Best package both constituencies would likely pass") for line in lines)
            assert any(line.startswith("Against it,") for line in lines)
        elif analysis.nash_ratifiable is None:
            assert any(line.startswith("No package in the agreement zone was likely to pass") for line in lines)
        else:
            assert any(line.startswith("The Nash point was also likely to pass") for line in lines)


def test_offers_keep_their_worth_at_the_time() -> None:
    state = played(SPY)
    rows = offers_when_made(state)
    proposals = [r for r in state.history if r.move.kind == "propose"]
    assert [row.utility for row in rows] == [r.utilities for r in proposals]


def test_a_walk_out_is_told_with_its_reason() -> None:
    state = played(SPY, rounds=0)
    state.history[-1].reason = "We have waited long enough."
    first = debrief_lines(state, outcome(state))[0]
    assert first == "NO DEAL: United States walked away in round 1. “We have waited long enough.”"
