"""Speed of the terminal interface, printed against the targets (never asserted).

    .venv/bin/python benchmarks/tui.py [--quick]

* shell prompt to title screen: a fresh ``python -m game`` process (headless) until the
  title screen is drawn; and, where tmux exists, the real ``parley`` command in an 80x24
  tmux pane until the title shows in it                                   target < 1.5 s
* a move's result on screen: in an 80x24 tmux pane, from pressing p to the next round drawn;
  and in process, ``Session.play`` (the move, the computer's answer, the autosaves) plus
  redrawing the table, on every bundled scenario                          target < 100 ms
* a composing key (left/right on an issue) to the redrawn numbers           (same budget)
* the move that ends the game: the table shows it, then the debrief screen is built

Figures are medians and worst cases of several runs on this machine, printed with it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine import Move  # noqa: E402
from game.scenario import bundled_paths, load  # noqa: E402
from game.session.launch import LaunchOptions  # noqa: E402

#: Run in a fresh interpreter: what ``python -m game`` does, headless, until the title is drawn.
CHILD = """
import time
from game.cli import build_parser
from game.commands.play import _options
from game.tui.app import create_app
from game.tui.screens.title import TitleScreen

app = create_app(_options(build_parser().parse_args([])))

async def shown(pilot):
    while not isinstance(app.screen, TitleScreen):
        await pilot.pause(0.001)
    await pilot.pause()
    print(time.time(), flush=True)
    app.exit()

app.run(headless=True, size=(80, 24), auto_pilot=shown)
"""


def startup_headless(runs: int, home: str) -> list[float]:
    out = []
    env = dict(os.environ, PARLEY_HOME=home)
    for _ in range(runs):
        start = time.time()
        done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, cwd=ROOT, env=env,
                              check=True)
        out.append(float(done.stdout.strip().splitlines()[-1]) - start)
    return out


def startup_tmux(runs: int, home: str) -> list[float]:
    """The real command in a real (tmux) terminal, until the banner is on screen."""
    exe = Path(sys.executable).parent / "parley"
    out = []
    for k in range(runs):
        name = f"parley-bench-{os.getpid()}-{k}"
        start = time.time()
        subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24",
                        f"PARLEY_HOME={home} {exe}"], check=True)
        try:
            while time.time() - start < 10:
                screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", name],
                                        capture_output=True, text=True).stdout
                if "PARLEY" in screen and "Spy Chiefs" in screen:
                    out.append(time.time() - start)
                    break
                time.sleep(0.005)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    return out


async def moves_on_screen(path: Path, moves: int) -> tuple[list[float], list[float], list[float], list[float]]:
    """(move to redrawn table, Session.play alone, composing key to redrawn numbers, the move
    that ends the game with the debrief built after it) for one scenario.

    The first and last are the process time the app spends (engine, autosave, widgets,
    layout and rendering at 80x24), so the pilot's idle waits between steps do not count;
    the tmux figures below give the wall-clock view in a real terminal.
    """
    from game.engine import Seat
    from game.session import Session
    from game.tui.app import create_app
    from game.tui.screens.table import TableScreen

    scenario = load(path).scenario
    assert scenario is not None
    app = create_app(LaunchOptions(scenario_paths=[path], seed=11, opponent="linear/hard"))
    full, keys, last = [], [], []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen
        assert isinstance(table, TableScreen)
        for k in range(moves):
            if table.state.is_terminal:
                break
            start = time.process_time()
            await pilot.press("right" if k % 2 else "left")
            await pilot.pause()
            keys.append(time.process_time() - start)
            move = Move(table.me, "propose", package=dict(table.package))
            if table.state.why_illegal(move):
                await pilot.press("down")
                continue
            start = time.process_time()
            table.play(move)
            await pilot.pause()
            (last if table.state.is_terminal else full).append(time.process_time() - start)
        package = dict(table.package)
        me = table.me
    session = Session.new(scenario, path, 11, {me: Seat(), scenario.other(me).id: Seat("linear", "hard")})
    session.advance()
    engine = []
    for _ in range(moves):
        move = Move(me, "propose", package=package)
        if session.state.is_terminal or session.state.why_illegal(move):
            break
        start = time.perf_counter()
        session.play(move)
        engine.append(time.perf_counter() - start)
    return full, engine, keys, last


def moves_in_tmux(moves: int, home: str) -> list[float]:
    """Wall time from pressing p in a real (tmux) terminal to the next round on screen."""
    exe = Path(sys.executable).parent / "parley"
    name = f"parley-bench-moves-{os.getpid()}"
    out: list[float] = []

    def screen() -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout

    def wait_for(text: str, limit: float = 10) -> bool:
        start = time.time()
        while time.time() - start < limit:
            if text in screen():
                return True
            time.sleep(0.002)
        return False

    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24",
                    f"PARLEY_HOME={home} {exe} play --seed 11 --opponent linear/hard"], check=True)
    try:
        wait_for("Start")
        subprocess.run(["tmux", "send-keys", "-t", name, "Enter"], check=True)
        wait_for("To the table")
        subprocess.run(["tmux", "send-keys", "-t", name, "Enter"], check=True)
        wait_for("Round 1/")
        for k in range(2, moves + 2):
            start = time.time()
            subprocess.run(["tmux", "send-keys", "-t", name, "p"], check=True)
            if not wait_for(f"Round {k}/", 5):
                break
            out.append(time.time() - start)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    return out


def ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"median {statistics.median(values) * 1000:6.1f} ms, worst {max(values) * 1000:6.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cpus, "
          f"Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as home:
        os.environ["PARLEY_HOME"] = home
        times = startup_headless(runs, home)
        print(f"prompt to title, python -m game (headless):  {ms(times)}   target < 1500 ms")
        if shutil.which("tmux"):
            times = startup_tmux(runs, home)
            print(f"prompt to title, parley in an 80x24 tmux:    {ms(times)}   target < 1500 ms")
        else:
            print("prompt to title in tmux: skipped (no tmux)")
        if shutil.which("tmux"):
            times = moves_in_tmux(4 if args.quick else 8, home)
            print(f"a move (p) to the next round on screen, 80x24 tmux, spy-chiefs: {ms(times)}   target < 100 ms")
        print("per scenario, at 80x24 (process time of the app; Session.play in wall time):")
        for path in bundled_paths():
            full, engine, keys, last = asyncio.run(moves_on_screen(path, 6 if args.quick else 12))
            print(f"  {path.stem[:40]}")
            print(f"    move + answer + autosave + redraw: {ms(full)}   target < 100 ms")
            print(f"    Session.play alone (wall):         {ms(engine)}")
            print(f"    composing key to redrawn numbers:  {ms(keys)}")
            if last:
                print(f"    last move, then the debrief built: {ms(last)}   (the table shows the move first)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
