"""``parley serve``: the live classroom in web browsers, through textual-serve.

Each browser tab that opens the page gets its own Parley process (``parley join
--exercise DIR --served``) on the instructor's machine, which talks to the tab over a
websocket; every process shares the exercise's store. Three changes to textual-serve's
stock server:

- the page is our template (``templates/app_index.html``), whose web font is the Roboto
  Mono bundled with textual-serve and served from this server: the stock page asks
  fonts.googleapis.com for it, and a classroom may have no internet (or must not leak
  who is playing); with this page no request leaves the machine serving it;
- the page's addresses come from the request (the host the student typed), not from the
  address the server listens on, so ``--host 0.0.0.0`` works from other machines;
- each process is ended for sure when its tab closes or drops: the stock service sends a
  "quit" packet and then waits, unbounded, for the process to close its output. Here the
  process's stdin is closed too (the served app exits on end of input), then it is
  terminated and finally killed if it is still there after a few seconds, and always
  reaped. A shorter websocket heartbeat notices a tab that vanished without closing.
- "Serving on" is printed once the port is listening (the stock server prints it on
  startup, before the socket is bound, so a browser or script that waits for the line
  could knock on a closed port).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shlex
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("parley.serve")

TEMPLATES = Path(__file__).resolve().with_name("templates")
#: Seconds between websocket pings; a tab that stops answering is dropped after about twice this.
HEARTBEAT = 5.0
#: Seconds a process gets to exit after its tab went away, before SIGTERM, then as long again before SIGKILL.
STOP_GRACE = 2.0
#: Parley processes the server runs at once at most (a reloading tab cannot fork without bound).
MAX_PROCESSES = 200


def textual_serve_static() -> Path:
    import textual_serve

    return Path(textual_serve.__file__).resolve().with_name("static")


def join_command(folder: Path) -> list[str]:
    """The process one browser tab gets: this Python, this Parley, the served login screen."""
    return [sys.executable, "-m", "game", "join", "--exercise", str(folder.resolve()), "--served"]


class ProcessService(AppService):
    """One tab's Parley process, started without a shell and always ended and reaped."""

    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def stop(self) -> None:
        """Ask the app to quit, close its input, then terminate and kill it if need be; reap it."""
        process, task = self._process, self._task
        self._task = None
        if process is None:
            return
        if task is not None:
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
            with contextlib.suppress(Exception):
                await self.send_meta({"type": "quit"})
        if self._stdin is not None:
            with contextlib.suppress(Exception):
                self._stdin.close()
        for signal_it in (None, process.terminate, process.kill):
            if signal_it is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    signal_it()
            try:
                await asyncio.wait_for(process.wait(), STOP_GRACE)
                break
            except TimeoutError:
                continue
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


class LiveServer(Server):
    """textual-serve's server with our page, addresses from the request, and processes that end."""

    def __init__(self, folder: Path, host: str, port: int, title: str):
        super().__init__(shlex.join(join_command(folder)), host=host, port=port, title=title,
                         statics_path=textual_serve_static(), templates_path=TEMPLATES)
        self.folder = folder
        self.argv = join_command(folder)
        self.services: set[ProcessService] = set()

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.DEBUG if self.debug else logging.WARNING, format="%(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to say yet: the port is not listening until every startup hook has run."""

    def announce(self, *_: object) -> None:
        """aiohttp calls this once the port is listening; only then can a student's page connect."""
        print(f"Parley live classroom: {self.title}", flush=True)
        print(f"Serving on {self.public_url}/ — students open it and type the codes on their handouts. "
              "Ctrl+C stops the server (every move is kept).", flush=True)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM, saying where only once the port is listening."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for stop in (signal.SIGINT, signal.SIGTERM):  # POSIX only, like the rest of the live classroom (fcntl)
            loop.add_signal_handler(stop, self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    print=self.announce)

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(service.stop() for service in list(self.services)), return_exceptions=True)

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        origin = f"{request.scheme}://{request.host}"
        socket = ("wss://" if request.scheme == "https" else "ws://") + request.host
        static = request.app.router["static"].url_for(filename="/")
        return {
            "font_size": min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 40),
            "app_websocket_url": f"{socket}{request.app.router['websocket'].url_for()}",
            "config": {"static": {"url": f"{origin}{static}".rstrip("/") + "/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT)
        width = min(max(to_int(request.query.get("width", "80"), 80), 20), 500)
        height = min(max(to_int(request.query.get("height", "24"), 24), 10), 300)
        await websocket.prepare(request)
        if len(self.services) >= MAX_PROCESSES:
            await websocket.close(message=b"the classroom server is full")
            return websocket
        service = ProcessService(self.argv, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                 close=websocket.close, download_manager=self.download_manager, debug=self.debug)
        self.services.add(service)
        try:
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await websocket.close()
        except Exception as error:  # a broken message from a tab must not take the server down
            log.warning("a browser connection failed: %s", error)
        finally:
            await service.stop()
            self.services.discard(service)
        return websocket


def serve(folder: Path, host: str, port: int, title: str) -> None:
    """Run the server until Ctrl+C or SIGTERM."""
    LiveServer(folder, host, port, title).serve()
