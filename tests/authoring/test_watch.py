"""`parley validate --watch`: a real process that reports what a save changed, and stops cleanly."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from game import cli

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 20.0


class Watcher:
    """``parley validate --watch FILE`` in a subprocess, its output lines read on a thread."""

    def __init__(self, path: Path):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "game", "validate", "--watch", str(path)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert self.proc.stdout is not None
        threading.Thread(target=self._pump, args=(self.proc.stdout,), daemon=True).start()

    def _pump(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line.rstrip("\n"))

    def until(self, wanted: Callable[[str], bool]) -> list[str]:
        """Lines up to and including the first one ``wanted`` accepts (fails after TIMEOUT)."""
        got: list[str] = []
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            got.append(line)
            self.seen.append(line)
            if wanted(line):
                return got
        raise AssertionError(f"timed out; output so far: {self.seen}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait(timeout=TIMEOUT)


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "watched.yaml"
    assert cli.main(["new", str(path), "--issues", "2"]) == 0
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_watch_reports_new_and_fixed_problems(scenario: Path) -> None:
    watcher = Watcher(scenario)
    try:
        first = watcher.until(lambda line: line.startswith("-- "))
        assert first[0].startswith("watching 1 file(s)")
        assert first[-1].startswith(f"-- {scenario}: valid (0 error(s), 0 warning(s))")

        edit(scenario, "rounds: 10", "rounds: 99")
        broken = watcher.until(lambda line: line.startswith("-- "))
        assert broken[0].startswith(f"{scenario}:") and ": error: rounds: must be at most 40" in broken[0]
        assert broken[-1].startswith(f"-- {scenario}: invalid (1 error(s)")

        edit(scenario, "rounds: 99", "rounds: 12")
        fixed = watcher.until(lambda line: line.startswith("-- "))
        assert fixed[0].startswith(f"fixed: {scenario}:") and "rounds: must be at most 40" in fixed[0]
        assert fixed[-1].startswith(f"-- {scenario}: valid")
    finally:
        watcher.stop()
    assert "Traceback" not in "\n".join(watcher.seen)


def test_saving_without_changing_the_problems_prints_nothing(
    scenario: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process, three polls: a comment edit is a save, but no problem changed, so no report."""
    from game.commands.authoring import watch

    edits = iter([lambda: edit(scenario, "# Identity.", "# Identity (edited).")])
    original = time.sleep

    def sleep(_: float) -> None:
        next(edits, lambda: None)()
        original(0.01)

    monkeypatch.setattr(time, "sleep", sleep)
    assert watch([str(scenario)], rounds=3) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "(edited)" in scenario.read_text(encoding="utf-8")
    assert lines[0].startswith("watching") and [line for line in lines if line.startswith("-- ")] == lines[1:2]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_exits_zero_without_a_traceback(scenario: Path) -> None:
    watcher = Watcher(scenario)
    try:
        watcher.until(lambda line: line.startswith("-- "))
        watcher.proc.send_signal(signal.SIGINT)
        assert watcher.proc.wait(timeout=TIMEOUT) == 0
        watcher.until(lambda line: line == "stopped watching")
    finally:
        watcher.stop()
    assert watcher.proc.stderr is not None and "Traceback" not in watcher.proc.stderr.read()
