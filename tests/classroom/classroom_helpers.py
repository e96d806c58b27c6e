"""Helpers for classroom tests: exercises in tmp folders, scripted and direct play, a fake clock."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from tests_support import crisis_answer

from game.classroom import OpenExercise, finish_table, open_exercise, start_table
from game.cli import main
from game.engine import Move, State
from game.engine.analysis import analyze_rules

ROOT = Path(__file__).resolve().parents[2]
SPY = ROOT / "scenarios" / "000-spy-chiefs-2012.yaml"

Answer = str | Callable[[str], str]


#: The seed secret of the tests' exercises: with ``--seed``, the same tables every run.
TEST_SEED_SECRET = "5eed" * 16


def new_exercise(folder: Path, *options: str, scenario: str = "spy-chiefs-2012") -> OpenExercise:
    """``parley class new`` through the real command line (with ``--seed``, on the tests' seed secret)."""
    if "--seed" in options and "--seed-secret" not in options:
        key = folder.parent / f".{folder.name}-seed-secret.key"
        key.write_text(TEST_SEED_SECRET + "\n", encoding="ascii")
        options = (*options, "--seed-secret", str(key))
    assert main(["class", "new", scenario, *options, "-o", str(folder)]) == 0
    return open_exercise(folder)


class FakeClock:
    """A monotonic clock that only moves when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class ScriptedInput:
    """Standard input for plain mode whose answers may look at the output so far.

    Each answer is a line, or a function of the output that returns one; ``delays`` maps an
    answer's position to seconds the fake clock moves before that answer arrives.
    """

    def __init__(self, answers: list[Answer], out, clock: FakeClock | None = None,
                 delays: dict[int, float] | None = None):
        self.answers = answers
        self.out = out
        self.clock = clock
        self.delays = delays or {}

    def isatty(self) -> bool:
        return False

    def __iter__(self) -> Iterator[str]:
        for n, answer in enumerate(self.answers):
            if self.clock is not None:
                self.clock.now += self.delays.get(n, 1.0)
            yield (answer(self.out.getvalue()) if callable(answer) else answer) + "\n"


def last_menu(output: str) -> dict[str, str]:
    """Label -> number of the options of the last numbered menu printed."""
    block = output.rsplit("Your move:", 1)[-1]
    return {m.group(2).strip(): m.group(1) for m in re.finditer(r"^  (\d+)\. (.+)$", block, flags=re.M)}


def pick(label: str) -> Callable[[str], str]:
    """An answer choosing the option that starts with ``label`` in the last menu."""
    def answer(output: str) -> str:
        menu = last_menu(output)
        return next(number for text, number in menu.items() if text.startswith(label))
    return answer


def settle(output: str) -> str:
    """A plain-mode player who ends the game: confirm, accept any offer, else walk away.

    Plain mode's menus are numbered lists or, in its newer form, one key per move ("Keys: a accept their
    offer · w walk away ..."): the player reads whichever the last prompt printed.
    """
    tail = output.rstrip()
    if tail.endswith(("[y/n]", "[y/p/n]")):
        return "y"
    if "\nYour answer:\n" in output.rsplit("CRISIS:", 1)[-1] and tail.endswith(">"):
        return "1"  # a crisis waits: its first answer
    if tail.endswith(("Press Enter when ready.", "Press Enter.", "(q quits).")):
        return ""
    block = output.rsplit("Your move:", 1)[0].rsplit("\n", 3)[-3:]
    keys = next((line for line in reversed(block) if line.startswith("Keys:")), None)
    refused = tail.rsplit("\n", 1)[0].rsplit("\n", 1)[-1].startswith("Not possible now")
    if keys is not None or refused:
        return "w" if refused else "a"
    menu = last_menu(output)
    for label in ("Accept their offer", "Walk away"):
        for text, number in menu.items():
            if text.startswith(label):
                return number
    return "q"


def nash_package(opened: OpenExercise) -> dict[str, str]:
    rules = opened.game.rules
    analysis = analyze_rules(rules)
    assert analysis.nash is not None
    return rules.choice_of(analysis.nash)


def sensible(state: State, me: str, nash: dict[str, str]) -> Move:
    """A student who answers a crisis with its first answer, takes any offer worth more than no
    deal, else asks for the Nash package."""
    if (answer := crisis_answer(state)) is not None:
        return answer
    other = state.scenario.other(me).id
    offer = state.standing_offer(other)
    if offer and state.why_illegal(Move(me, "accept")) is None and state.utility(me, offer) >= state.reservation(me):
        return Move(me, "accept")
    return Move(me, "propose", package=nash)


def play_direct(opened: OpenExercise, number: int, seat: str | None, opening: Sequence[Move] = (),
                log_to: Path | None = None, **names: str) -> Path:
    """Play table ``number`` through the session API: ``opening`` moves, then a sensible student.

    ``names`` (side=name) are the students' names given when the table starts. An exercise opened
    from a seat file is played from that file.
    """
    source = opened.seat_file.path if opened.seat_file is not None else opened.folder
    table = start_table(source, number, seat, log_to, students=names or None)
    session = table.session
    session.advance()
    nash = nash_package(opened)
    for move in opening:
        while (answer := crisis_answer(session.state)) is not None:
            session.play(answer)
        session.play(move)
    while not session.state.is_terminal:
        me = session.state.current_actor or ""
        session.play(sensible(session.state, me, nash))
    return finish_table(table)
