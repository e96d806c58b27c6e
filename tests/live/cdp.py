"""A headless Chromium driven over the DevTools protocol: every request the page makes, recorded.

Debian's ``chromium`` is started with a fresh profile and everything that phones home
switched off; the test talks to it through its DevTools websocket (aiohttp, which
textual-serve already brings), so no WebDriver is needed. ``requests`` collects the URL
of every request the page sends (documents, scripts, styles, fonts, images, websockets).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
    "--remote-debugging-port=0", "--window-size=1200,800",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """One headless Chromium and one page in it."""

    def __init__(self, binary: str, profile: Path):
        self.process = subprocess.Popen([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.is_file() or len(port_file.read_text().splitlines()) < 2:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        self.endpoint = f"ws://127.0.0.1:{port}{path}"
        self.requests: list[str] = []
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    async def session(self, work) -> Any:  # work: async (Page) -> Any
        async with aiohttp.ClientSession() as http, http.ws_connect(self.endpoint, max_msg_size=0) as ws:
            page = Page(self, ws)
            reader = asyncio.create_task(page.read())
            try:
                target = await page.call("Target.createTarget", url="about:blank")
                attached = await page.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)
                page.session_id = attached["sessionId"]
                await page.call("Network.enable")
                await page.call("Page.enable")
                return await work(page)
            finally:
                reader.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await reader


class Page:
    def __init__(self, browser: Browser, ws: aiohttp.ClientWebSocketResponse):
        self.browser = browser
        self.ws = ws
        self.session_id: str | None = None
        self.events: list[dict[str, Any]] = []

    async def read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data:
                future = self.browser._pending.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
                continue
            self.events.append(data)
            params = data.get("params", {})
            if data.get("method") == "Network.requestWillBeSent":
                self.browser.requests.append(params["request"]["url"])
            elif data.get("method") == "Network.webSocketCreated":
                self.browser.requests.append(params["url"])

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        ident = next(self.browser._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.browser._pending[ident] = future
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if self.session_id and not method.startswith("Target."):
            message["sessionId"] = self.session_id
        await self.ws.send_str(json.dumps(message))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def type(self, text: str) -> None:
        await self.call("Input.insertText", text=text)

    async def enter(self) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.call("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                            windowsVirtualKeyCode=13, nativeVirtualKeyCode=13,
                            **({"text": "\r"} if kind == "keyDown" else {}))

    async def screenshot(self, path: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))


async def click(page: Page, x: float, y: float) -> None:
    for kind in ("mousePressed", "mouseReleased"):
        await page.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
