"""Plain mode: scripted games give exact, repeatable transcripts; saves resume and replay."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.plain import run_plain
from game.session import Session, list_saves
from game.session.launch import LaunchOptions

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "plain"
SPY = ROOT / "scenarios" / "000-spy-chiefs-2012.yaml"
#: Propose the package the composer starts from (Enter keeps each issue's option), and send it.
OPENING = "p\n\n\n\n\n\ny\n"


def play(script: Path | str, side: str, opponent: str, seed: int) -> tuple[int, str]:
    """Play SPY in plain mode with ``script`` (a file, or the answers themselves)."""
    out = io.StringIO()
    launch = LaunchOptions(scenario_paths=[SPY], side=side, opponent=opponent, seed=seed)
    if isinstance(script, Path):
        code = run_plain(launch, io.StringIO(""), out, script=str(script))
    else:
        code = run_plain(launch, io.StringIO(script), out)
    return code, out.getvalue()


def test_scripted_game_reaches_the_debrief() -> None:
    code, text = play(DATA / "us-vs-conceder.txt", side="us", opponent="conceder/easy", seed=4)
    assert code == 0
    assert "Round 1. United States proposes" in text
    assert "RESULT AND DEBRIEF" in text
    assert "Share of the Nash product achieved:" in text
    assert text.index("About the sources:") < text.index("Questions for discussion:")
    assert "Traceback" not in text


def same_places(text: str, home: Path) -> str:
    """The transcript with the test's data folder and the saves' clock times written as words:
    the export paths it prints are the only part that depends on where and when it ran."""
    return re.sub(r"\d{8}-\d{6}", "<time>", text.replace(str(home), "$PARLEY_HOME"))


def test_scripted_game_gives_the_same_transcript_every_time(parley_home: Path) -> None:
    first = same_places(play(DATA / "us-vs-conceder.txt", side="us", opponent="conceder/easy", seed=4)[1],
                        parley_home)
    second = same_places(play(DATA / "us-vs-conceder.txt", side="us", opponent="conceder/easy", seed=4)[1],
                         parley_home)
    assert first.replace("-4-2.", "-4.") == second.replace("-4-2.", "-4.")
    golden = DATA / "us-vs-conceder.expected"
    if os.environ.get("PARLEY_UPDATE_GOLDEN"):
        golden.write_text(first, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert first == expected, "transcript changed; if intended, rerun with PARLEY_UPDATE_GOLDEN=1"


def test_a_walk_away_ends_with_no_deal_and_exports(parley_home: Path) -> None:
    code, text = play(DATA / "pk-walks.txt", side="pk", opponent="adaptive/normal", seed=11)
    assert code == 0
    assert "Pakistan says in public its priorities are" in text
    assert "Pakistan walks away." in text
    assert "NO DEAL: Pakistan walked away" in text
    exports = sorted((parley_home / "exports").iterdir())
    assert [p.suffix for p in exports] == [".json", ".md"]
    assert f"Exported the game log to {exports[0]}" in text
    assert f"Exported the transcript with the debrief to {exports[1]}" in text
    log = json.loads(exports[0].read_text(encoding="utf-8"))
    assert log["status"] == "walked" and log["outcome"]["walked_by"] == "pk"
    assert "## Debrief" in exports[1].read_text(encoding="utf-8")


def test_input_running_out_saves_the_game_and_resume_continues_it(tmp_path: Path) -> None:
    code, text = play(OPENING, side="us", opponent="boulware/hard", seed=9)
    assert code == 0 and "The game is saved" in text
    saves = list_saves()
    assert len(saves) == 1 and saves[0].status == "ongoing" and saves[0].moves >= 2
    moves_before = saves[0].moves
    out = io.StringIO()
    code = run_plain(LaunchOptions(resume=saves[0].path), io.StringIO("w\ny\n"), out)
    assert code == 0, out.getvalue()
    resumed = Session.open(saves[0].path, autosave=False)
    assert resumed.state.is_terminal and len(resumed.state.history) == moves_before + 1


def test_replay_prints_both_sides_numbers_and_the_debrief() -> None:
    """`parley replay --plain LOG` printed 'Worth: .' under every proposal: the replay asked for
    the numbers of a side called '' (nobody's). It shows both sides' now."""
    play(DATA / "us-vs-conceder.txt", side="us", opponent="conceder/easy", seed=4)
    save = list_saves()[0].path
    out = io.StringIO()
    assert run_plain(LaunchOptions(replay=save), io.StringIO(""), out) == 0
    text = out.getvalue()
    assert "Round 1. United States proposes" in text
    assert "Worth: ." not in text
    assert re.search(r"Worth: US \d\.\d\d, Pakistan \d\.\d\d\.", text)
    assert "RESULT AND DEBRIEF" in text


def test_invalid_scenario_prints_validator_lines_and_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: [\n", encoding="utf-8")
    out = io.StringIO()
    code = run_plain(LaunchOptions(scenario_paths=[bad]), io.StringIO(""), out, script=None)
    assert code == 1
    assert f"{bad}:" in out.getvalue() and "error:" in out.getvalue()


@pytest.mark.parametrize("args", [["play", "--plain", "--script", "missing.txt", str(SPY)]])
def test_cli_plain_mode_reports_a_missing_script_without_traceback(args: list[str], tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1
    assert "cannot read the script" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
