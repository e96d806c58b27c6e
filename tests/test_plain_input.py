"""Plain mode takes any input without a traceback, and asks the same way in every state.

The reproductions of issue 15: digits that are not ASCII (``²``, ``①``, ``٣``, ``２``) and a
line of 5,000 digits at a prompt; menu numbers that shifted with the state; a reject that
did not ask first; effects of tactics and news that were never stated. Then Hypothesis feeds
arbitrary text to every prompt and never sees anything but an exit code.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sizing import examples

from game.engine import Game, Move, Seat
from game.plain import run_plain
from game.plain.views import KEYS
from game.scenario import bundled_paths, load
from game.session.launch import LaunchOptions
from game.tui.keys import declared_keys
from game.tui.screens.solo import SoloTable
from game.tui.widgets.board import IssueBoard

ROOT = Path(__file__).resolve().parents[1]
SPY = ROOT / "scenarios" / "000-spy-chiefs-2012.yaml"
NINETY = ROOT / "scenarios" / "001-ninety-percent-2011.yaml"
OPENING = "p\n\n\n\n\n\ny\n"


def plain(answers: str, path: Path = SPY, side: str = "us", opponent: str = "conceder/easy",
          seed: int = 4) -> tuple[int, str]:
    """Play ``path`` in plain mode on ``answers``: the exit code and everything printed."""
    out = io.StringIO()
    launch = LaunchOptions(scenario_paths=[path], side=side, opponent=opponent, seed=seed)
    code = run_plain(launch, io.StringIO(answers), out)
    return code, out.getvalue()


@pytest.mark.parametrize("odd", ["²", "①", "٣", "２", "5" * 5000])
def test_digits_that_are_not_ascii_and_huge_numbers_are_refused_not_read(odd: str) -> None:
    """`printf '²\\n' | parley play 001 --plain --side pk --opponent linear --seed 5` ended in a
    traceback (int('²')); '٣' and '２' were taken as 3 and 2. Now each is refused and asked again,
    at the move prompt and in a numbered list."""
    code, text = plain(f"{odd}\np\n{odd}\n0\nq\n", NINETY, side="pk", opponent="linear", seed=5)
    assert code == 0
    assert "Traceback" not in text
    refusals = re.findall(r"Moves are letters here|Please type one of|Please type a number|too long", text)
    assert len(refusals) == 2, text[-2000:]
    assert "Pakistan proposes" not in text.split("Your move:")[-1]  # nothing was played on them


def test_the_command_from_the_issue_exits_cleanly() -> None:
    done = subprocess.run([sys.executable, "-m", "game", "play", str(NINETY), "--plain", "--side", "pk",
                           "--opponent", "linear", "--seed", "5"], input="²\n", capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0
    assert "Traceback" not in done.stdout + done.stderr
    assert "Stopped. The game is saved" in done.stdout


def key_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("Keys:")]


def test_the_keys_are_listed_the_same_way_in_every_state() -> None:
    """Menu numbers shifted with the state ('8' was Walk away in one state and Show transcript in
    another). Keys are letters now, the same list every time; a number is not a move."""
    # With their offer standing, with none (after a rejection), after a signal and a tactic.
    code, text = plain("8\nr\ny\n" + "s\n1\n0\n" + "g\n1\n" + OPENING + "q\n", opponent="boulware/hard")
    assert code == 0
    lines = key_lines(text)
    assert len(lines) >= 3 and len(set(lines)) == 1
    assert "Moves are letters here, not numbers" in text
    assert "United States rejects the offer." in text


def test_reject_and_walk_away_ask_first() -> None:
    code, text = plain("r\nn\nw\nn\nq\n")
    assert code == 0
    assert "Reject their offer without a counter-proposal? [y/n]" in text
    assert "Walk away and end the talks with no deal? [y/n]" in text
    assert "rejects the offer" not in text and "walks away" not in text
    _, text = plain("r\ny\nq\n")
    assert "United States rejects the offer." in text


def test_a_tactics_effect_is_stated_when_it_is_played() -> None:
    _, text = plain("g\n1\nq\n")
    played = text.index("United States plays Press on safe havens")
    assert text[played:].splitlines()[1].strip().startswith("Effect: trust -0.10")


def _seed_with_early_news() -> int:
    """A seed whose talks (the US proposing its opening package each turn) bring news by round 3."""
    scenario = load(SPY).scenario
    assert scenario is not None
    game = Game(scenario)
    for seed in range(1, 300):
        state = game.new_state(seed, {"us": Seat(), "pk": Seat("boulware", "hard")})
        state.advance()
        for _ in range(3):
            if state.is_terminal or state.crisis is not None:
                break
            state.apply(Move("us", "propose", package=state.opening_package("us")))
            state.advance()
        if state.crisis is None and any(r.news for r in state.history):  # a crisis of ours asks first
            return seed
    raise AssertionError("no seed brings news early")


def test_news_effects_are_stated_under_each_story() -> None:
    _, text = plain(OPENING * 3 + "q\n", opponent="boulware/hard", seed=_seed_with_early_news())
    lines = text.splitlines()
    stories = [k for k, line in enumerate(lines) if line.strip().startswith("NEWS (round")]
    assert stories
    for k in stories:
        assert lines[k + 1].strip().startswith("Effect:"), lines[k:k + 2]


def test_help_says_what_the_estimates_are_built_from() -> None:
    _, text = plain("?\nq\n")
    flat = " ".join(text.split())
    assert "What your estimates are built from" in flat
    assert "never read its confidential numbers" in flat
    for key, what in KEYS:
        assert f"  {key}  {what}" in text


def test_plain_keys_are_the_terminal_screens_keys() -> None:
    tui = {k.action: k.key for k in declared_keys(SoloTable)}
    shared = {"propose": "p", "accept": "a", "reject": "r", "signal": "s", "tactic": "g", "line": "d", "walk": "w",
              "transcript": "t", "brief": "b", "news": "n"}
    for action, letter in shared.items():
        assert tui[action] == letter
        assert letter in dict(KEYS)
    assert "?" in dict(KEYS)
    assert not set(dict(KEYS)) & {k.key for k in declared_keys(IssueBoard)}


#: Answers that lead somewhere (letters, numbers, confirmations), mixed with arbitrary text.
MEANINGFUL = ["p", "a", "r", "s", "g", "d", "w", "t", "b", "n", "i", "?", "y", "n", "0", "1", "2", "3", "", "q"]
LINES = st.lists(st.one_of(st.sampled_from(MEANINGFUL), st.text(max_size=12),
                           st.text(alphabet="0123456789٣２²①", min_size=1, max_size=6)), max_size=40)


@settings(max_examples=examples(60), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=LINES, side=st.sampled_from(["us", "pk"]),
       opponent=st.sampled_from(["conceder/easy", "boulware/hard", "human", "adaptive/normal"]),
       seed=st.integers(0, 50), scenario=st.sampled_from(bundled_paths()))
def test_no_input_at_any_prompt_ends_in_a_traceback(lines: list[str], side: str, opponent: str, seed: int,
                                                      scenario: Path) -> None:
    text = "".join(line.replace("\n", " ").replace("\r", " ") + "\n" for line in lines)
    out = io.StringIO()
    code = run_plain(LaunchOptions(scenario_paths=[scenario], side=side, opponent=opponent, seed=seed),
                     io.StringIO(text), out)
    assert code in (0, 1)
    assert "Traceback" not in out.getvalue()


@settings(max_examples=examples(20), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=LINES)
def test_the_setup_questions_take_any_input_too(lines: list[str]) -> None:
    """No scenario, side or opponent on the command line: the scenario and side questions come first;
    then the resume list (with whatever saves the games above left)."""
    text = "".join(line.replace("\n", " ").replace("\r", " ") + "\n" for line in lines)
    for options in (LaunchOptions(seed=1), LaunchOptions(resume_list=True)):
        out = io.StringIO()
        assert run_plain(options, io.StringIO(text), out) in (0, 1)
        assert "Traceback" not in out.getvalue()
