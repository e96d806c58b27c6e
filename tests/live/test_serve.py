"""``parley serve``: the page loads in headless Chromium with no request leaving loopback, a tab
that drops ends its Parley process within seconds, and a killed server loses nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from game.live import open_store

from .cdp import Browser, click, find_chromium
from .helpers import PYTHON, ROOT, free_port, new_exercise, seat_codes

WS_CLIENT = """
import asyncio, sys, aiohttp
async def main():
    async with aiohttp.ClientSession() as s, s.ws_connect(sys.argv[1]) as ws:
        async for message in ws:
            print("DATA", flush=True)
asyncio.run(main())
"""


class Served:
    """A ``parley serve`` process on a free port of 127.0.0.1."""

    def __init__(self, folder: Path, *extra: str):
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [PYTHON, "-m", "game", "serve", "--exercise", str(folder), "--port", str(self.port), *extra],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert self.process.stdout is not None
        deadline = time.monotonic() + 30
        for line in self.process.stdout:
            if "Serving on" in line:
                break
            assert time.monotonic() < deadline
        else:
            raise AssertionError("parley serve did not start")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def tab_processes(folder: Path) -> list[int]:
    """Pids of the Parley processes ``parley serve`` started for this exercise's tabs."""
    mark = str(folder.resolve()).encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"--served" in cmdline and mark in cmdline:
            found.append(int(entry.name))
    return found


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@pytest.fixture()
def opened(tmp_path: Path):
    return new_exercise(tmp_path / "ex", "--tables", "2", "--seed", "51")


@pytest.fixture()
def served(opened) -> Iterator[Served]:
    server = Served(opened.folder)
    yield server
    server.stop()


def test_the_port_listens_once_serving_on_is_printed(served: Served) -> None:
    # No retry: a script (or an instructor) that opens the address as soon as it is printed must get in.
    with socket.create_connection(("127.0.0.1", served.port), timeout=5):
        pass


def test_a_tab_that_drops_ends_its_process(served: Served) -> None:
    client = subprocess.Popen([PYTHON, "-c", WS_CLIENT, f"{served.url}/ws?width=100&height=30"],
                              stdout=subprocess.PIPE, text=True)
    assert client.stdout is not None and client.stdout.readline().startswith("DATA")
    wait_for(lambda: len(tab_processes(served.folder)) == 1, 10, "the tab got no Parley process")
    (child,) = tab_processes(served.folder)
    os.kill(client.pid, signal.SIGKILL)  # the browser vanishes: no close frame, no goodbye
    client.wait(5)
    wait_for(lambda: not Path(f"/proc/{child}").exists() or child not in tab_processes(served.folder), 5,
             "the tab's Parley process outlived its websocket")
    assert served.process.poll() is None


async def _type_in_tab(url: str, keys: list[str], done, timeout: float = 20) -> None:
    """Open a tab's websocket, wait for the login screen, send keys one group at a time, until ``done()``."""
    async with aiohttp.ClientSession() as http, http.ws_connect(f"{url}/ws?width=120&height=36") as ws:
        received = 0
        deadline = time.monotonic() + timeout

        async def drain(seconds: float) -> int:
            """Read for ``seconds``; the bytes read."""
            nonlocal received
            got = 0
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                try:
                    message = await asyncio.wait_for(ws.receive(), max(0.01, end - time.monotonic()))
                except TimeoutError:
                    break
                if not isinstance(message.data, bytes | str):  # closed: the server is gone
                    await asyncio.sleep(0.05)
                    continue
                got += len(message.data)
            received += got
            return got

        while received < 3000 or await drain(1.0):  # the login screen is drawn, then the screen is still
            assert time.monotonic() < deadline, "the login screen never came"
            await drain(0.2)
        await ws.send_json(["focus"])  # what the page sends when the browser focuses the terminal
        for key in keys:
            await ws.send_json(["stdin", key])
            await drain(0.4)
        while not done():
            assert time.monotonic() < deadline, "the tab's keys had no effect on the store"
            await drain(0.1)


def test_a_killed_server_loses_nothing_and_a_new_one_resumes(opened) -> None:
    codes = seat_codes(opened)
    plan = opened.exercise.tables[0]
    store = open_store(opened)
    opener = store.replica(plan).state.current_actor or ""
    other = opened.scenario.other(opener).id
    first = Served(opened.folder)
    try:
        asyncio.run(_type_in_tab(first.url, [plan.code, "\r", codes[1][opener], "\r", "\r", "p", "p"],
                                 lambda: len(store.rows(1)) == 1))
        wait_for(lambda: len(tab_processes(opened.folder)) == 0, 5, "the tab's process outlived its websocket")
        killed: list[float] = []

        def kill_the_server_under_an_open_tab() -> bool:
            if not killed:
                assert len(tab_processes(opened.folder)) == 1
                os.kill(first.process.pid, signal.SIGKILL)
                first.process.wait(5)
                killed.append(time.monotonic())
                return False
            return not tab_processes(opened.folder)

        asyncio.run(_type_in_tab(first.url, ["\r", codes[1][other], "\r", "\r"], kill_the_server_under_an_open_tab))
        assert time.monotonic() - killed[0] < 5, "the tab's process outlived the server by more than 5 s"
    finally:
        first.stop()
    assert [r.seat for r in store.rows(1)] == [opener]
    second = Served(opened.folder)
    try:
        asyncio.run(_type_in_tab(second.url, ["\r", codes[1][other], "\r", "\r", "r", "y"],
                                 lambda: len(store.rows(1)) == 2))
    finally:
        second.stop()
    rows = store.rows(1)
    assert [(r.seat, r.kind) for r in rows] == [(opener, "propose"), (other, "reject")]


# -- the page in a real browser --------------------------------------------------------------------


def _chromium() -> str:
    """Debian's Chromium, which the README's test command installs (tests/system-packages.sh).

    Missing, it is a failure that says how to install it, never a silent skip.
    """
    found = find_chromium()
    if found is None:
        pytest.fail("Debian's chromium is not installed, so the served page cannot be checked in a browser: "
                    "run tests/system-packages.sh (the README's test command does)")
    return found


def test_the_page_loads_and_plays_with_no_request_leaving_loopback(served: Served, tmp_path: Path) -> None:
    binary = _chromium()
    opened_folder = served.folder
    from game.classroom import open_exercise

    opened = open_exercise(opened_folder)
    codes = seat_codes(opened)
    plan = opened.exercise.tables[1]
    store = open_store(opened)
    browser = Browser(binary, tmp_path / "profile")

    async def work(page) -> None:
        await page.call("Page.navigate", url=f"{served.url}/")
        deadline = time.monotonic() + 20
        while not any(url.startswith("ws://") for url in browser.requests):
            assert time.monotonic() < deadline, browser.requests
            await asyncio.sleep(0.1)
        await asyncio.sleep(2.5)  # the login screen draws
        await click(page, 600, 300)  # focus the terminal
        await page.type(plan.code)
        await page.enter()
        await asyncio.sleep(0.3)
        await page.type(codes[2]["us"])
        await page.enter()
        while 2 not in store.opened_tables():
            assert time.monotonic() < deadline, "signing in through the page opened no seat"
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.0)
        await page.screenshot(tmp_path / "page.png")

    try:
        asyncio.run(browser.session(work))
    finally:
        browser.close()
    hosts = {urlsplit(url).hostname for url in browser.requests if not url.startswith(("data:", "about:"))}
    assert hosts == {"127.0.0.1"}, browser.requests
    kinds = "\n".join(browser.requests)
    assert "/static/fonts/RobotoMono" in kinds and "/static/js/textual.js" in kinds and "ws://127.0.0.1" in kinds
