"""One class, one PostgreSQL database, several serving hosts: what the PostgreSQL store is for.

Two ``parley serve --store postgresql://...`` processes on different ports share the
database; the two students of one table sit at different servers (each tab a Parley
process of its server, learning of the other's moves by LISTEN/NOTIFY) and play the game
to the end, and ``parley class verify`` exports the game and finds its log genuine. The
database server restarting in the middle of a class costs a pause and no move. ``parley
store init`` and ``status`` set a database up and report on it; a newer schema is refused.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import aiohttp
import psycopg
import pytest

from game.cli import main
from game.live import StoreError, open_store
from game.live.locate import STORE_RECORD, recorded

from .conftest import Backend
from .helpers import new_exercise, seat_codes
from .pg import Cluster
from .test_concurrency import check_table
from .test_kill_resume import player, read_until
from .test_serve import Served, tab_processes


async def _drain(ws: aiohttp.ClientWebSocketResponse, seconds: float) -> int:
    """Read the tab's screen updates for ``seconds``; the bytes read."""
    got = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            message = await asyncio.wait_for(ws.receive(), max(0.01, end - time.monotonic()))
        except TimeoutError:
            break
        if isinstance(message.data, bytes | str):
            got += len(message.data)
    return got


async def _tab(url: str, keys: list[str], then: list[str], ready, done, timeout: float = 60) -> None:
    """A browser tab: sign in with ``keys``; once ``ready()``, press ``then`` (again every second) until ``done()``."""
    async with aiohttp.ClientSession() as http, http.ws_connect(f"{url}/ws?width=120&height=36") as ws:
        deadline = time.monotonic() + timeout
        received = 0
        while received < 3000 or await _drain(ws, 1.0):  # the login screen is drawn, then the screen is still
            assert time.monotonic() < deadline, "the login screen never came"
            received += await _drain(ws, 0.2)
        await ws.send_json(["focus"])
        for key in keys:
            await ws.send_json(["stdin", key])
            await _drain(ws, 0.4)
        while not ready():
            assert time.monotonic() < deadline, "the other side never moved"
            await _drain(ws, 0.1)
        while not done():
            assert time.monotonic() < deadline, f"the tab's keys {then} did not end the game"
            for key in then:
                await ws.send_json(["stdin", key])
                await _drain(ws, 0.3)
            await _drain(ws, 0.5)


def test_two_servers_one_table_played_to_the_end(tmp_path: Path, postgres: Cluster,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    opened = new_exercise(tmp_path / "class", "--tables", "1", "--seed", "61")
    url = postgres.new_database()
    codes = seat_codes(opened)[1]
    plan = opened.exercise.tables[0]
    first = Served(opened.folder, "--store", url)
    second = Served(opened.folder, "--store", url)
    assert recorded(opened) == url  # the first server wrote down the class's store in its folder
    store = open_store(opened)
    opener = store.replica(plan).state.current_actor or ""
    other = opened.scenario.other(opener).id

    def rows() -> int:
        return len(store.rows(1))

    def over() -> bool:
        return store.replica(plan).state.is_terminal

    async def both() -> None:
        # The answering student signs in first at the second server and waits; the opener proposes at the first;
        # the answer comes from the second server once its tab has the offer: walking away (w, then y to confirm),
        # the one answer that always ends the game (an accepted deal may fail at home, and the talks go on).
        answer = _tab(second.url, ["\r", codes[other], "\r", "\r"], ["w", "y"], lambda: rows() >= 1, over)
        await asyncio.sleep(0)
        # p proposes the package on screen (and p again says it in public, if the game asks how).
        propose = _tab(first.url, [plan.code, "\r", codes[opener], "\r", "\r"], ["p"], lambda: True,
                       lambda: rows() >= 1)
        await asyncio.gather(answer, propose)

    try:
        try:
            asyncio.run(both())
        except AssertionError as exc:
            raise AssertionError(f"{exc}; moves: {[(r.seat, r.kind) for r in store.rows(1)]}") from None
        moves = store.rows(1)
        assert [(r.seat, r.kind) for r in moves] == [(opener, "propose"), (other, "walk")]
        assert over() and len(tab_processes(opened.folder)) <= 2
    finally:
        first.stop()
        second.stop()
    capsys.readouterr()
    assert main(["class", "verify", str(opened.folder), "--store", url]) == 0
    out = capsys.readouterr().out
    assert "table-01.json: genuine" in out, out


def test_a_database_restart_mid_class_loses_no_move(tmp_path: Path, postgres: Cluster) -> None:
    opened = Backend("postgresql", postgres).exercise(tmp_path / "ex", "--tables", "1", "--seed", "62")
    codes = seat_codes(opened)[1]
    us = player(opened.folder, codes["us"], "--pause", "0.05")
    pk = player(opened.folder, codes["pk"], "--pause", "0.05")
    told = read_until(us, 2)
    postgres.stop("fast")  # every connection is cut, mid-transaction or not
    postgres.start()
    for process in (us, pk):
        out, _ = process.communicate(timeout=60)
        assert process.returncode == 0 and "DONE" in out, out
        told += out.splitlines()
    state = check_table(opened, 1)
    assert state.is_terminal
    made = sum(line.startswith("MOVE") for line in told)
    stored_by_students = sum(r.seat in ("us", "pk") for r in open_store(opened).rows(1))
    assert made == stored_by_students  # no move a student was told of is lost, none is stored twice


def test_store_init_status_and_a_newer_schema_refused(tmp_path: Path, postgres: Cluster,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    url = postgres.new_database()
    opened = new_exercise(tmp_path / "ex", "--tables", "2", "--seed", "63")
    capsys.readouterr()
    assert main(["store", "status", url]) == 0
    assert "schema: none" in capsys.readouterr().out
    assert main(["store", "init", url, "--exercise", str(opened.folder)]) == 0
    out = capsys.readouterr().out
    assert "schema 1 created" in out and STORE_RECORD in out
    assert recorded(opened) == url
    assert main(["store", "init", url]) == 0
    assert "already there" in capsys.readouterr().out
    assert main(["store", "status", str(opened.folder)]) == 0
    out = capsys.readouterr().out
    assert f"exercise: {opened.exercise.id}" in out and "moves: 0" in out
    other = new_exercise(tmp_path / "other", "--tables", "1", "--seed", "64")
    capsys.readouterr()
    assert main(["join", "--exercise", str(other.folder), "--store", url, "--plain"]) == 1
    assert "another exercise" in capsys.readouterr().err
    assert recorded(other) == url  # recorded, though refused: the class must pick another database
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="newer Parley"):
        open_store(opened)
    assert main(["store", "status", url]) == 1
    assert "newer Parley" in capsys.readouterr().err
