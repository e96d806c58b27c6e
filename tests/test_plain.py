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


def play(script: Path, **options: object) -> tuple[int, str]:
    out = io.StringIO()
    code = run_plain(LaunchOptions(scenario_paths=[SPY], **options), io.StringIO(""), out, script=str(script))
    return code, out.getvalue()


def test_scripted_game_reaches_the_expected_deal_and_debrief() -> None:
    code, text = play(DATA / "us-vs-conceder.txt", side="us", opponent="conceder/easy", seed=4)
    assert code == 0
    assert "Round 2. Pakistan accepts the offer." in text
    assert "ratified the deal" in text
    assert "DEAL in round 2" in text
    assert "Share of the Nash product achieved: 100%." in text
    assert "Questions for discussion:" in text
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
    assert first == second
    golden = DATA / "us-vs-conceder.expected"
    if os.environ.get("PARLEY_UPDATE_GOLDEN"):
        golden.write_text(first, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert first == expected, "transcript changed; if intended, rerun with PARLEY_UPDATE_GOLDEN=1"


def test_a_walk_away_ends_with_no_deal_and_exports(parley_home: Path) -> None:
    code, text = play(DATA / "pk-walks.txt", side="pk", opponent="adaptive/normal", seed=11)
    assert code == 0
    assert "Pakistan says its priorities are" in text
    assert "Pakistan walks away." in text
    assert "NO DEAL: Pakistan walked away" in text
    exports = sorted((parley_home / "exports").iterdir())
    assert [p.suffix for p in exports] == [".json", ".md"]
    log = json.loads(exports[0].read_text(encoding="utf-8"))
    assert log["status"] == "walked" and log["outcome"]["walked_by"] == "pk"
    assert "## Debrief" in exports[1].read_text(encoding="utf-8")


def test_input_running_out_saves_the_game_and_resume_continues_it(parley_home: Path, tmp_path: Path) -> None:
    half = tmp_path / "half.txt"
    half.write_text("1\n3\n3\n2\n3\n1\ny\n", encoding="utf-8")
    code, text = play(half, side="us", opponent="boulware/hard", seed=9)
    assert code == 0 and "The game is saved" in text
    saves = list_saves()
    assert len(saves) == 1 and saves[0].status == "ongoing" and saves[0].moves >= 2
    moves_before = saves[0].moves
    rest = tmp_path / "rest.txt"
    rest.write_text("8\ny\n", encoding="utf-8")  # walk away
    out = io.StringIO()
    code = run_plain(LaunchOptions(resume=saves[0].path), io.StringIO(""), out, script=str(rest))
    assert code == 0, out.getvalue()
    resumed = Session.open(saves[0].path, autosave=False)
    assert resumed.state.is_terminal and len(resumed.state.history) == moves_before + 1


def test_replay_prints_the_transcript_and_debrief(parley_home: Path) -> None:
    play(DATA / "us-vs-conceder.txt", side="us", opponent="conceder/easy", seed=4)
    save = list_saves()[0].path
    out = io.StringIO()
    assert run_plain(LaunchOptions(replay=save), io.StringIO(""), out) == 0
    assert "Round 1. United States proposes" in out.getvalue()
    assert "RESULT AND DEBRIEF" in out.getvalue()


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
