"""The computer's words match its moves: what it says it moved on, it moved on; what it asks
for, it did not just give; it claims no move it did not make."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sizing import examples

from game.engine import Game, IllegalMove, Move, Seat, State
from game.scenario import bundled_paths, load_or_raise
from game.scenario.models import Scenario

from .strategies import SEATS, scenarios

MOVED = re.compile(r"We have moved on (.+?)\.(?: |$)")
ASKED = re.compile(r"We need movement from you on (.+?)\.(?: |$)")


def named(scenario: Scenario, clause: str) -> set[str]:
    """Issue ids whose full names appear in ``clause`` (longest names first, each used once)."""
    found, rest = set(), clause
    for issue in sorted(scenario.issues, key=lambda i: -len(i.name)):
        if issue.name in rest:
            found.add(issue.id)
            rest = rest.replace(issue.name, "")
    return found


def check_words(state: State) -> None:
    scenario = state.scenario
    last: dict[str, dict[str, str]] = {}
    for record in state.history:
        move = record.move
        if record.computer and move.kind == "propose":
            before = last.get(move.actor)
            moved = MOVED.search(record.reason)
            asked = ASKED.search(record.reason)
            gave = named(scenario, moved.group(1)) if moved else set()
            wants = named(scenario, asked.group(1)) if asked else set()
            assert not gave & wants, f"names an issue on both sides: {record.reason}"
            if gave:
                assert before is not None, f"claims a move in its first offer: {record.reason}"
                changed = {i for i in gave if before[i] != (move.package or {})[i]}
                assert changed == gave, f"claims moves it did not make: {record.reason}"
            if before is None:
                assert "Our opening position." in record.reason, record.reason
            elif before == move.package:
                assert "moved on" not in record.reason and "rearranged" not in record.reason, record.reason
        if move.kind == "propose":
            last[move.actor] = dict(move.package or {})
        if record.ratification and not all(r["passed"] for r in record.ratification.values()):
            last.clear()  # talks reopen with no offer on the table


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_computer_words_match_computer_moves_on_the_bundled_scenarios(path: object) -> None:
    game = Game(load_or_raise(path))  # type: ignore[arg-type]
    ids = game.rules.actor_ids
    for k, (a, b) in enumerate([("adaptive", "linear"), ("tit-for-tat", "boulware"), ("conceder", "adaptive")]):
        state = game.new_state(k, {ids[0]: Seat(a), ids[1]: Seat(b)})
        state.advance()
        check_words(state)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.sampled_from(SEATS), st.integers(0, 2**16), st.integers(0, 2**16))
def test_computer_words_match_its_moves_against_a_random_player(scenario: Scenario, seat: tuple[str, str],
                                                                 seed: int, chaos: int) -> None:
    game = Game(scenario)
    ids = game.rules.actor_ids
    state = game.new_state(seed, {ids[0]: Seat(), ids[1]: Seat(*seat)})
    rng = np.random.default_rng(chaos)
    for _ in range(200):
        state.advance()
        if state.is_terminal:
            break
        if state.crisis is not None:
            state.apply(Move(ids[0], "answer", event=state.crisis, response=state.answers()[0]))
            continue
        package = game.rules.choice_of(int(rng.integers(game.rules.space.size)))
        kind = ["propose", "propose", "reject", "accept"][int(rng.integers(4))]
        try:
            state.apply(Move(ids[0], kind, package=package if kind == "propose" else None))  # type: ignore[arg-type]
        except IllegalMove:
            state.apply(Move(ids[0], "propose", package=state.opening_package(ids[0])))
    check_words(state)


def test_labels_inside_a_sentence_keep_their_acronyms() -> None:
    from game.engine.narrate import in_sentence

    assert in_sentence("No new US commitment") == "no new US commitment"
    assert in_sentence("ISI and the Haqqanis") == "ISI and the Haqqanis"
    assert in_sentence("Strikes halted") == "strikes halted"
    assert in_sentence("s9") == "s9" and in_sentence("S9") == "s9"
