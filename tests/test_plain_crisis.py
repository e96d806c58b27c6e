"""Issue 12 in plain mode: a crisis asks the side it hits for one of its answers (each with its
effects) before the talks go on; the computer answers with a reason; public and private words
show both effects before the choice; every ledger change is said with its cause when it
happens, in the transcript too; the debrief names the turning points.

The scenario is the small pie of ``tests_support`` (news in round 2 that opens a crisis for B),
so these tests do not move when the bundled scenarios' text does.
"""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sizing import examples
from tests_support import pie_with_news

from game.engine import Seat
from game.plain.console import Console
from game.plain.game import PlainGame
from game.session import Session
from game.session.transcript import history_lines

PIE = Path("pie.yaml")  # never written: the sessions here keep no save


def plain(seats: dict[str, Seat], answers: list[str], seed: int = 3) -> tuple[Session, str]:
    """Play the pie in plain mode on ``answers`` (input running out stops the game)."""
    session = Session.new(pie_with_news(), PIE, seed, seats, autosave=False)
    out = io.StringIO()
    game = PlainGame(session, Console(out, iter(answers), echo=True))
    try:
        game.play()
    except Exception as exc:  # Quit, when the answers run out
        assert type(exc).__name__ == "Quit", exc
    return session, out.getvalue()


def test_a_crisis_asks_for_an_answer_with_each_answers_effects_before_the_talks_go_on() -> None:
    session, text = plain({"a": Seat("linear", "normal"), "b": Seat()}, ["r", "y", "p", "2", "q"])
    crisis = text.index("CRISIS: An attack at the border")
    answers = text[crisis:]
    assert "How does B answer? The talks go on once you answer." in answers
    assert "1. Condemn in public — Loudly. Effect: trust -0.10." in answers
    assert "2. Demand action in private — A quiet word. Effect: trust +0.02." in answers
    # A move key is not an answer: the question is asked again, and nothing else is played.
    assert "Please type a number from 1 to 2" in answers
    assert "Side B answers the crisis (An attack at the border): Demand action in private." in answers
    assert "Effect: trust +0.02 (you answered the crisis: Demand action in private)." in answers
    moves = [r.move for r in session.state.history]
    assert [m.kind for m in moves[:3]] == ["propose", "reject", "answer"]
    assert moves[2].response == "quiet"


def test_the_computer_answers_a_crisis_with_a_reason_and_its_effects() -> None:
    session, text = plain({"a": Seat(), "b": Seat("linear", "normal")}, ["p", "5", "y", "r", "y", "q"], seed=4)
    answer = next(r for r in session.state.history if r.move.kind == "answer")
    assert answer.computer and answer.reason
    said = text[text.index("Side B answers the crisis (An attack at the border):"):]
    lines = said.splitlines()
    assert lines[1].strip() == f"“{answer.reason}”"
    assert lines[2].strip().startswith("Effect: trust") and "(B answered the crisis:" in lines[2]


def test_public_and_private_words_show_both_effects_before_the_choice() -> None:
    # B answers A's opening with a proposal of S5 (option 6 of the share), said in public.
    session, text = plain({"a": Seat("linear", "normal"), "b": Seat()},
                          ["p", "6", "p", "q"])
    asked = text.index("Send this proposal? y in private, p in public, n not now [y/p/n]")
    before = text[:asked].splitlines()[-2:]
    assert before[0].strip().startswith("In private: cheap, and believed less")
    assert before[1].strip().startswith("In public: A weighs it 1.5 times as much")
    assert before[1].strip().endswith("raises the bar at home (Voters's threshold +0.04).")
    proposal = next(r for r in session.state.history if r.move.actor == "b")
    assert proposal.move.public
    assert "Side B proposes in public — Share: S5." in text
    assert session.state.to_log()["moves"][1]["public"] is True


def test_every_ledger_change_is_said_with_its_cause_when_it_happens_and_in_the_transcript() -> None:
    # A asks for nine tenths, across B's red line: trust falls, and the line says why.
    session, text = plain({"a": Seat(), "b": Seat("linear", "normal")}, ["p", "10", "y", "q"])
    said = [line.strip() for line in text.splitlines() if "(you crossed B's red line on Share)" in line]
    assert said and said[0].startswith("Effect: trust -")
    assert any("(you crossed B's red line on Share)" in line for line in history_lines(session.state, "a"))
    # Seen from the other side (and in the debrief) the same change names A.
    assert any("(A crossed B's red line on Share)" in line for line in history_lines(session.state, None))


def test_the_debrief_names_the_turning_points() -> None:
    _, text = plain({"a": Seat("linear", "normal"), "b": Seat()}, ["r", "y", "1", "w", "y"])
    debrief = text[text.index("RESULT AND DEBRIEF"):]
    assert "Turning point, round 2: An attack at the border: B answered “Condemn in public”." in debrief
    assert "Turning point, round 2: B walked out" in debrief


def test_backing_down_from_public_words_is_said_with_its_cost_at_home() -> None:
    # B offers S5 in public, answers the crisis, then offers S6 (less for itself) in private: its bar
    # at home rises.
    session, text = plain({"a": Seat("linear", "normal"), "b": Seat()}, ["p", "6", "p", "2", "p", "7", "y", "q"])
    climb_down = [line.strip() for line in text.splitlines() if "(you backed down from public words)" in line]
    assert climb_down == ["Effect: your bar at home (Voters) +0.04 (you backed down from public words)."]
    assert any("(B backed down from public words)" in line for line in history_lines(session.state, None))


LINES = st.lists(st.one_of(st.sampled_from(["p", "a", "r", "s", "g", "d", "w", "y", "n", "0", "1", "2", "3", ""]),
                           st.text(max_size=10), st.text(alphabet="0123456789٣２²①", min_size=1, max_size=5)),
                 max_size=40)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=LINES, human=st.sampled_from(["a", "b"]), seed=st.integers(0, 20))
def test_no_input_at_the_crisis_or_the_public_question_ends_in_a_traceback(lines: list[str], human: str,
                                                                         seed: int) -> None:
    """Arbitrary text at every prompt of a game with a crisis in round 2 (for B), lines and public words."""
    other = "b" if human == "a" else "a"
    session, text = plain({human: Seat(), other: Seat("linear", "normal")},
                          [line.replace("\n", " ") for line in lines], seed=seed)
    assert "Traceback" not in text
    assert session.state.crisis is None or session.state.current_actor == human


def test_a_crisis_answered_too_late_gets_its_first_answer_and_the_game_goes_on() -> None:
    """In a class with a time per move, the clock answers a crisis left too long (nothing else is legal)."""
    now = [0.0]

    def answers():
        yield from ("r", "y")  # B rejects A's opening in time
        now[0] += 100
        yield "2"  # ... and answers the crisis after 100 s of a 60 s limit
        yield "q"

    session = Session.new(pie_with_news(), PIE, 3, {"a": Seat("linear", "normal"), "b": Seat()}, autosave=False)
    out = io.StringIO()
    game = PlainGame(session, Console(out, answers(), echo=True), limit=60, clock=lambda: now[0])
    try:
        game.play()
    except Exception as exc:
        assert type(exc).__name__ == "Quit", exc
    text = out.getvalue()
    assert "Time is up (100 s of 60 s): your turn passes and the crisis gets its first answer." in text
    answer = next(r for r in session.state.history if r.move.kind == "answer")
    assert answer.move.response == "condemn" and answer.reason == "time ran out"
