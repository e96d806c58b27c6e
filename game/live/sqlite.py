"""The embedded backend: one SQLite file in the exercise folder (``DIR/live.sqlite``), the default.

Every write is one transaction: ``BEGIN IMMEDIATE`` takes the file's write lock up front,
so writers are serialised whole and :meth:`SQLiteStore._lock` has nothing left to do. The
file runs in WAL mode, so readers (the screens polling for the other side's moves) never
wait for a writer, with ``synchronous=FULL``: each commit reaches the disk before the
player is told the move was made, so even a power cut of the instructor's machine loses no
move anyone saw (NORMAL would survive a killed process but not that, and a class makes a
few moves a second, far below what FULL costs).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from game.classroom.exercise import OpenExercise

from . import sittings
from .errors import MoveRefused, StoreError
from .schema import SCHEMA, SCHEMA_VERSION, check_exercise, check_version, meta_rows, retry_while_locked
from .store import BUSY_TIMEOUT, ControlLock, Store
from .tables import STORE_FILE


class SQLiteStore(Store):
    """A connection to ``DIR/live.sqlite``; one per process (and per thread)."""

    backend = "sqlite"

    def __init__(self, opened: OpenExercise, path: Path | None = None, busy_timeout: float = BUSY_TIMEOUT):
        self.path = path or opened.folder / STORE_FILE
        super().__init__(opened, str(self.path), busy_timeout)
        try:
            self.db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
            mode = self._wal()
            self.db.execute("PRAGMA synchronous=FULL")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the live store ({exc})") from None
        if str(mode).lower() != "wal":
            raise StoreError(f"{self.path}: the live store needs WAL mode, but the file system refused it ({mode})")
        try:
            current = self._current()
            if current is not None:
                # A store this version made: read it without a write lock, so a class signing in
                # at once does not queue sixty schema transactions behind each other.
                check_exercise(current, opened, str(self.path))
            else:
                with self.transaction():
                    for statement in SCHEMA + sittings.SITTINGS_SCHEMA:
                        self.db.execute(statement)
                    found = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
                    check_version(found.get("schema"), str(self.path))
                    check_exercise(found, opened, str(self.path))
                    if not found:
                        self.db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta_rows(opened))
        except sqlite3.Error as exc:
            self.db.close()
            raise StoreError(f"{self.path}: not a usable live store ({exc})") from None
        except StoreError:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def _current(self) -> dict[str, str] | None:
        """The store's meta rows when it exists at this Parley's schema version, else None."""
        try:
            found = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.OperationalError:  # no meta table yet: a new store
            return None
        return found if found.get("schema") == str(SCHEMA_VERSION) else None

    def _wal(self) -> str:
        """Switch the file to WAL, retrying while other connections hold it; the journal mode it ends in.

        A class starting at once opens a fresh store from many processes: turning it to WAL
        takes an exclusive lock, for which SQLite does not wait, so without retries most
        of them would fail with "database is locked" (or find the old mode still set).
        A refusal that is not about the lock (a file system without shared memory) stays the
        same: it is reported after a second, not the whole busy timeout.
        """
        patient_until = time.monotonic() + 1.0

        def attempt() -> str | None:
            mode = str(self.db.execute("PRAGMA journal_mode=WAL").fetchone()[0]).lower()
            return mode if mode == "wal" or time.monotonic() > patient_until else None

        return retry_while_locked(attempt, self.busy_timeout, longest_sleep=0.02)

    def _begin(self) -> None:
        """``BEGIN IMMEDIATE``, retried every few milliseconds while another writer holds the lock.

        SQLite's own busy handler backs off to 100 ms sleeps, so under a burst of moves a
        writer could sleep through many free moments (a second and more in the 30-table
        benchmark); short, jittered retries take the lock within milliseconds of its release.
        """
        self.db.execute("PRAGMA busy_timeout = 0")
        try:
            retry_while_locked(lambda: self.db.execute("BEGIN IMMEDIATE"), self.busy_timeout, longest_sleep=0.005)
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; any exception rolls everything back."""
        self._begin()
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def data_version(self, table: int | None = None) -> int:
        """Changes whenever another connection commits (to any table): a free change counter for polling."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, tuple(params)).fetchall()

    def _insert_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.db.executemany(sql, rows)

    def _lock(self, tables: Sequence[int], control: ControlLock = None) -> None:
        """Nothing to do: ``BEGIN IMMEDIATE`` already holds the whole file's write lock."""

    def _write(self, work: Callable[[], Any]) -> Any:
        """Run ``work`` in one transaction, turning SQLite's refusals into :class:`MoveRefused`."""
        try:
            with self.transaction():
                return work()
        except sqlite3.IntegrityError as exc:
            if "append-only" in str(exc):
                raise StoreError(f"{self.path}: {exc}") from None
            raise MoveRefused("another move took that place first; look at the table and choose again") from None
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise MoveRefused("the game store is busy (many moves at once); make the move again") from None
            raise StoreError(f"{self.path}: {exc}") from None
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from None
