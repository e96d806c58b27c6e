"""`parley play`, `resume` and `replay` check their arguments before anything starts, and the
terminal screen refuses to start without a terminal (issue 15's reproductions)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPY = ROOT / "scenarios" / "000-spy-chiefs-2012.yaml"


def parley(*args: str, home: Path, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PARLEY_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin, capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=home.parent)


@pytest.mark.parametrize(("args", "word"), [
    (["--seed", "-3"], "--seed"),
    (["--seed", "abc"], "--seed"),
    (["--seed", "1" * 40], "--seed"),
    (["--seed", "٣"], "--seed"),
    (["--opponent", "grandmaster"], "--opponent"),
    (["--opponent", "boulware/impossible"], "--opponent"),
    (["--side", "india"], "--side"),
])
@pytest.mark.parametrize("plain", [True, False], ids=["plain", "tui"])
def test_bad_arguments_are_refused_up_front_in_one_line(args: list[str], word: str, plain: bool,
                                                        parley_home: Path) -> None:
    """`--seed -3` ended in a traceback in plain mode; an unknown --opponent was only refused after
    the side question. Now both, and an unknown --side, are refused before anything is asked."""
    done = parley("play", str(SPY), *args, *(["--plain"] if plain else []), home=parley_home, stdin="1\n1\n")
    assert done.returncode == 2
    assert done.stdout == ""  # nothing started: no briefing, no question
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(word), done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [["play", str(SPY)], ["resume"], ["play"], []], ids=["play", "resume", "title",
                                                                                       "bare"])
def test_the_screen_refuses_to_start_without_a_terminal(args: list[str], parley_home: Path) -> None:
    """`parley play FILE > out.txt` wrote escape codes into the file and never exited."""
    start = time.monotonic()
    done = parley(*args, home=parley_home, timeout=20)
    took = time.monotonic() - start
    assert done.returncode == 2
    assert done.stdout == ""
    assert "--plain" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert took < 2.0, f"took {took:.2f} s"


def test_resume_of_a_bad_file_exits_non_zero_with_its_path_and_reason(parley_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "save.json"
    bad.write_text('{"format": "parley-game/1", "moves": null}', encoding="utf-8")
    for args in (["resume", str(bad)], ["resume", str(bad), "--plain"], ["replay", str(bad)],
                 ["replay", str(bad), "--plain"], ["resume", str(tmp_path / "missing.json")]):
        done = parley(*args, home=parley_home)
        assert done.returncode == 1, args
        assert str(tmp_path) in done.stderr and "Traceback" not in done.stderr


def test_replay_plain_prints_worth_for_both_sides(parley_home: Path) -> None:
    played = parley("play", str(SPY), "--plain", "--side", "us", "--opponent", "conceder/easy", "--seed", "4",
                    home=parley_home, stdin="p\n\n\n\n\n\ny\nw\ny\n")
    assert played.returncode == 0, played.stderr
    save = next((parley_home / "saves").glob("*.json"))
    done = parley("replay", "--plain", str(save), home=parley_home)
    assert done.returncode == 0
    assert "Worth: ." not in done.stdout
    assert "Worth: US " in done.stdout and ", Pakistan " in done.stdout


def test_identical_games_export_identical_files_with_no_timestamps(tmp_path: Path) -> None:
    """Exported logs differed between two identical games by their timestamps; with
    --no-timestamps they are byte-identical, and every export's path is printed."""
    script = tmp_path / "moves.txt"
    script.write_text("p\n3\n3\n2\n3\n1\ny\n2\nr\ny\nw\ny\n", encoding="utf-8")  # 2: the crisis
    exports = []
    for run in ("one", "two"):
        home = tmp_path / run
        home.mkdir()
        done = parley("play", str(SPY), "--plain", "--no-timestamps", "--side", "us", "--opponent", "boulware/hard",
                      "--seed", "4", "--script", str(script), home=home)
        assert done.returncode == 0, done.stderr
        files = sorted((home / "exports").iterdir())
        assert [f.suffix for f in files] == [".json", ".md"]
        for f in files:
            assert str(f) in done.stdout
        exports.append([f.read_bytes() for f in files])
    assert exports[0] == exports[1]
    assert b'"updated"' not in exports[0][0] and b'"created"' not in exports[0][0]
