"""The web driver of a served Parley process, made to end the process when its browser is gone.

textual-serve runs one process per browser tab, talking to it over stdin and stdout. Its
stock set-up ends a process only by sending it a "quit" packet when the websocket closes
cleanly. When the server itself dies, or cannot deliver that packet, Textual's web
driver sees end-of-file on stdin, stops reading, and the app carries on with nobody
watching, its writes failing into a broken pipe. Here any of these ends the app:

- end of file (or an error) on stdin: the server closed our pipe or is gone;
- a failed write to stdout: nobody reads the screen any more;
- the parent process changed (the server died; Linux also sends SIGTERM through
  ``PR_SET_PDEATHSIG``, which the driver turns into an exit);

and a watchdog thread makes sure an app asked to exit is gone within :data:`GRACE`
seconds, whatever it was doing: every move is committed before it is shown, so nothing
is lost by cutting a process short.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from typing import Any

from textual import messages
from textual.app import App
from textual.drivers.web_driver import WebDriver

#: Seconds between the watchdog's looks at the parent process.
WATCH_EVERY = 0.5
#: Seconds an app asked to exit may take before the process is ended outright.
GRACE = 3.0


def die_with_parent() -> None:
    """Ask Linux to send SIGTERM when the parent (the server) dies; elsewhere the watchdog suffices."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class LiveWebDriver(WebDriver):
    """textual-serve's driver plus the exits described in the module docstring."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._raw_write = self._write
        self._write = self._safe_write
        self._parent = os.getppid()
        self._leaving = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def _safe_write(self, data: bytes) -> int:
        try:
            return self._raw_write(data)
        except OSError:
            self.leave()
            return 0

    def start_application_mode(self) -> None:
        self._loop = asyncio.get_running_loop()
        die_with_parent()
        super().start_application_mode()
        threading.Thread(target=self._watch, name="parley-watchdog", daemon=True).start()

    def run_input_thread(self) -> None:
        try:
            super().run_input_thread()
        finally:
            if not self.exit_event.is_set():  # stdin ended without the app asking to stop
                self.leave()

    def leave(self) -> None:
        """Ask the app to exit now, and end the process if it has not within :data:`GRACE` seconds."""
        if self._leaving.is_set():
            return
        self._leaving.set()
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                asyncio.run_coroutine_threadsafe(self._app._post_message(messages.ExitApp()), loop=loop)
        timer = threading.Timer(GRACE, os._exit, (0,))
        timer.daemon = True
        timer.start()

    def _watch(self) -> None:
        while not self.exit_event.is_set() and not self._leaving.is_set():
            if os.getppid() != self._parent:
                self.leave()
                return
            time.sleep(WATCH_EVERY)
