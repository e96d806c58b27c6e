"""The one thread that talks to the live store, so the screens never wait on SQLite.

A live screen's store work (polling, moves, the instructor's switches, exporting the logs)
must not run on the UI thread: a busy store (or a database server restarting) retries for seconds, and the screen would
freeze meanwhile. It cannot run on Textual's thread workers either, because those come
from a shared pool and a SQLite connection may only be used by the thread that opened it
(:class:`~game.live.Store` is "one per process and per thread"). So each live app owns
one :class:`StoreThread`: it opens the stores, and every call on them (or on a
:class:`~game.live.LiveSession` built on them) runs there, one at a time and in order.
Screens await it from async workers (``@work``) and post typed messages with the result.

What the calls change (a live session's game state, the dashboard's replicas) is changed
on this thread; the screens read it on the UI thread once the call's message arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from game.classroom.exercise import OpenExercise
from game.live import Store, open_store

P = ParamSpec("P")
T = TypeVar("T")


class StoreThread:
    """A single thread that opens and uses the live stores of one app."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-store")
        self._stores: list[Store] = []

    async def run(self, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``call(*args, **kwargs)`` on the store thread, awaited without blocking the UI."""
        return await asyncio.wrap_future(self._pool.submit(call, *args, **kwargs))

    def open_store(self, opened: OpenExercise) -> Store:
        """A new connection to the exercise's store; call it on the store thread (through :meth:`run`)."""
        store = open_store(opened)
        self._stores.append(store)
        return store

    def close(self) -> None:
        """Close every store once the calls already asked for are done, then let the thread end."""

        def close_all() -> None:
            for store in self._stores:
                with contextlib.suppress(Exception):
                    store.close()

        with contextlib.suppress(RuntimeError):  # closed already
            self._pool.submit(close_all)
        self._pool.shutdown(wait=False)

