"""The shared backend: one PostgreSQL database behind every ``parley serve`` host of a class.

Connections come from one psycopg pool per process and database (a browser tab's process
needs one; a dashboard or a benchmark with many threads shares a few). They are not checked
with a round trip when taken from the pool: every round trip is paid by every move, and a
connection found broken is simply replaced and the work run again (below). A write is one
transaction in PostgreSQL's default READ COMMITTED: it first locks the class switches
(``SELECT ... FOR SHARE`` on the control row: a pause or the end waits for moves in flight
and every later move sees it) and then its table's row ``FOR UPDATE``, which serialises
the writers of one table while other tables write in parallel. Each statement after the
lock sees everything the previous holder committed, so the replay-validate-insert of
:meth:`.store.Store.commit` is exactly SQLite's; ``UNIQUE (table_no, seq)`` backs it up.
Every session runs with ``synchronous_commit = on``: a move is on the server's disk
before its player is told it was made, as SQLite's ``synchronous=FULL`` promises.

Readers learn of changes by ``LISTEN`` on one extra connection per process
(:class:`Listener`): :meth:`PostgresStore.data_version` counts the notifications waiting
on its socket without a round trip, per table (a student's screen re-reads when its own
table or the class switches changed, not at every move of a 200-table class). When
listening is impossible (a pooler in transaction mode, or ``PARLEY_STORE_POLL=1``) or the
connection drops, the count moves on every call, so the screens fall back to reading at
their polling interval.

A server restart mid-class costs a pause, not a move: reads and writes whose connection
broke before ``COMMIT`` are run again on a fresh connection for up to the busy timeout; a
connection lost during ``COMMIT`` itself is reported as a refusal that asks the player to
look at the table (the move may or may not be there; it is never there twice).
"""

from __future__ import annotations

import atexit
import os
import random
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from psycopg import errors as pgerrors
from psycopg_pool import ConnectionPool, PoolTimeout

from game.classroom.exercise import OpenExercise

from .errors import LiveError, MoveRefused, StoreError
from .locate import chosen, redact
from .pgschema import CHANNEL, PG_SCHEMA, SCHEMA_LOCK
from .schema import MIGRATIONS, SCHEMA_VERSION, check_exercise, check_version, meta_rows
from .store import BUSY_TIMEOUT, ControlLock, Store

T = TypeVar("T")
#: Connections a process's pool may open (a tab's process uses one; threads share them).
POOL_SIZE = int(os.environ.get("PARLEY_STORE_POOL", "4"))


def _configure(conn: psycopg.Connection[Any]) -> None:
    """Each new connection: commits durable before they return, and a bounded wait for a table's lock."""
    conn.execute(f"SET synchronous_commit TO on; SET lock_timeout TO {int(BUSY_TIMEOUT * 1000)}")


_pools: dict[tuple[int, str], ConnectionPool[Any]] = {}
_pools_lock = threading.Lock()


def shared_pool(url: str, timeout: float) -> ConnectionPool[Any]:
    """This process's pool for ``url``, opened (and its first connection made) on first use."""
    key = (os.getpid(), url)  # a forked child must not use its parent's sockets
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None:
            pool = ConnectionPool(url, min_size=1, max_size=max(1, POOL_SIZE), open=False, timeout=timeout,
                                  kwargs={"autocommit": True, "application_name": "parley", "connect_timeout": 5},
                                  configure=_configure, name="parley")
            try:
                pool.open(wait=True, timeout=timeout)
            except (PoolTimeout, psycopg.Error) as exc:
                pool.close()
                raise StoreError(f"{redact(url)}: cannot reach the game store ({_first_line(exc)})") from None
            _pools[key] = pool
        return pool


@atexit.register
def _close_pools() -> None:
    for pool in _pools.values():
        pool.close(timeout=1.0)
    _pools.clear()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class Listener:
    """One ``LISTEN`` connection per process and database; counts the notifications it has seen.

    ``whole`` counts those for the whole class (and every moment it was not listening, when
    anything may have changed unseen), ``tables`` those naming a table, ``count`` all of them.
    """

    RETRY = 1.0  # seconds between attempts to listen again after a failure

    def __init__(self, url: str):
        self.url = url
        self.conn: psycopg.Connection[Any] | None = None
        self.count = 0
        self.whole = 0
        self.tables: dict[str, int] = {}
        self.retry_at = 0.0
        self.enabled = os.environ.get("PARLEY_STORE_POLL", "") not in ("1", "yes", "true")
        self.lock = threading.Lock()

    @property
    def listening(self) -> bool:
        return self.conn is not None and not self.conn.closed

    def version(self, table: int | None = None) -> int:
        """A count that moves with every notification about ``table`` (None: any), and on every
        call while not listening."""
        with self.lock:
            self._drain()
            if table is None:
                return self.count + self.whole
            return self.whole + self.tables.get(str(table), 0)

    def _drain(self) -> None:
        if not self.listening:
            self.whole += 1  # changes may have been missed: readers look again
            if not self.enabled or time.monotonic() < self.retry_at:
                return
            self._listen()
        try:
            assert self.conn is not None
            for note in self.conn.notifies(timeout=0):
                self.count += 1
                if note.payload:
                    self.tables[note.payload] = self.tables.get(note.payload, 0) + 1
                else:
                    self.whole += 1
        except psycopg.Error:
            self._drop()
            self.whole += 1

    def committed(self, tables: set[int] | None) -> None:
        """This process committed a change (at ``tables``; None: anything): its own readers need no
        notification to see it, just as a SQLite connection's writes show at once to the process."""
        with self.lock:
            if tables is None:
                self.whole += 1
            for table in tables or ():
                self.tables[str(table)] = self.tables.get(str(table), 0) + 1

    def _listen(self) -> None:
        try:
            self.conn = psycopg.connect(self.url, autocommit=True, connect_timeout=2, application_name="parley")
            self.conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            self._drop()

    def _drop(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.conn = None
        self.retry_at = time.monotonic() + self.RETRY


_listeners: dict[tuple[int, str], Listener] = {}


def shared_listener(url: str) -> Listener:
    with _pools_lock:
        return _listeners.setdefault((os.getpid(), url), Listener(url))


class PostgresStore(Store):
    """The live store of one exercise in a PostgreSQL database (``postgresql://USER@HOST/DB``)."""

    backend = "postgresql"

    def __init__(self, opened: OpenExercise, url: str | None = None, busy_timeout: float = BUSY_TIMEOUT):
        url = url or chosen(opened)
        if url is None:
            raise StoreError(f"{opened.folder}: this class has no PostgreSQL store (see `parley store init`)")
        super().__init__(opened, redact(url), busy_timeout)
        self.url = url
        self.pool = shared_pool(url, busy_timeout)
        self.listener = shared_listener(url)
        self._conn: psycopg.Connection[Any] | None = None  # the write transaction's, while one runs
        self._touched: set[int] | None = None  # the tables the write locked (None: the whole class)
        self._run(lambda conn: prepare(conn, opened, self.label))

    def close(self) -> None:
        """Nothing to free: the process's pool and listener serve its other stores too (closed at exit)."""

    def data_version(self, table: int | None = None) -> int:
        return self.listener.version(table)

    # -- running statements ----------------------------------------------------------------------

    def _run(self, call: Callable[[psycopg.Connection[Any]], T]) -> T:
        """``call`` on a pooled connection, again on a fresh one while the server cannot be reached."""
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.05
        while True:
            try:
                with self.pool.connection() as conn:
                    return call(conn)
            except (pgerrors.OperationalError, PoolTimeout) as exc:
                if isinstance(exc, pgerrors.QueryCanceled | pgerrors.LockNotAvailable) or \
                        time.monotonic() > deadline:
                    raise StoreError(f"{self.label}: cannot reach the game store ({_first_line(exc)})") from None
            except psycopg.Error as exc:
                raise StoreError(f"{self.label}: {_first_line(exc)}") from None
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 1.0)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        statement = sql.replace("?", "%s")
        if self._conn is not None:
            cursor = self._conn.execute(statement, tuple(params))
            return cursor.fetchall() if cursor.description else []
        return self._run(lambda conn: _fetch(conn, statement, params))

    def _insert_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        assert self._conn is not None, "rows are inserted inside a write"
        with self._conn.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)

    def _lock(self, tables: Sequence[int], control: ControlLock = None) -> None:
        if self._touched is not None and control != "update":
            self._touched.update(tables)
        else:
            self._touched = None
        if control is not None:
            self._query(f"SELECT 1 FROM control WHERE id = 1 FOR {control.upper()}")
        if tables:
            wanted = sorted(set(tables))
            found = self._query("SELECT table_no FROM tables WHERE table_no = ANY(?) ORDER BY table_no FOR UPDATE",
                                (wanted,))
            if len(found) < len(wanted):  # a table the exercise did not have when the store was claimed
                self._query("INSERT INTO tables (table_no) SELECT unnest(CAST(? AS INTEGER[])) ON CONFLICT DO NOTHING",
                            (wanted,))
                self._query("SELECT 1 FROM tables WHERE table_no = ANY(?) ORDER BY table_no FOR UPDATE", (wanted,))

    def _write(self, work: Callable[[], T]) -> T:
        """``work`` in one transaction; run again on a fresh connection if the old one broke before COMMIT."""
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.05
        while True:
            committing = False
            self._touched = set()
            try:
                with self.pool.connection() as conn, self._transaction(conn):
                    result = work()
                    committing = True
                self.listener.committed(self._touched or None)
                return result
            except LiveError:
                raise
            except pgerrors.UniqueViolation:
                raise MoveRefused("another move took that place first; look at the table and choose again") from None
            except (pgerrors.LockNotAvailable, pgerrors.QueryCanceled):
                raise MoveRefused("the game store is busy (many moves at once); make the move again") from None
            except pgerrors.RaiseException as exc:  # the append-only trigger
                raise StoreError(f"{self.label}: {_first_line(exc)}") from None
            except (pgerrors.OperationalError, PoolTimeout) as exc:
                if committing:
                    raise MoveRefused("the game store did not confirm the move (its connection dropped); look at "
                                      "the table before moving again") from None
                if time.monotonic() > deadline:
                    raise MoveRefused(f"the game store cannot be reached ({_first_line(exc)}); make the move "
                                      "again") from None
            except psycopg.Error as exc:
                raise StoreError(f"{self.label}: {_first_line(exc)}") from None
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 1.0)

    @contextmanager
    def _transaction(self, conn: psycopg.Connection[Any]) -> Iterator[None]:
        """BEGIN ... COMMIT on ``conn``, which :meth:`_query` uses meanwhile; any exception rolls back."""
        conn.execute("BEGIN")
        self._conn = conn
        try:
            yield
            self._conn = None
            conn.execute("COMMIT")
        except BaseException:
            self._conn = None
            if not conn.closed and conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                try:
                    conn.execute("ROLLBACK")
                except psycopg.Error:
                    conn.close()
            raise


def _fetch(conn: psycopg.Connection[Any], statement: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    cursor = conn.execute(statement, tuple(params))
    return cursor.fetchall() if cursor.description else []


def schema_version(conn: psycopg.Connection[Any], label: str) -> int:
    """The version of the layout in the database (0: none); :class:`StoreError` if it is newer than this Parley's."""
    if conn.execute("SELECT to_regclass('meta')").fetchone() == (None,):
        return 0
    found = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return check_version(None if found is None else str(found[0]), label)


def ensure_schema(conn: psycopg.Connection[Any], label: str) -> int:
    """Create the layout, or bring an older one up to date, inside the caller's transaction; the version found."""
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
    version = schema_version(conn, label)
    if version == 0:
        for statement in PG_SCHEMA:
            conn.execute(statement)
        conn.execute("INSERT INTO meta (key, value) VALUES ('schema', %s)", (SCHEMA_VERSION,))
    for step in range(max(version, 1), int(SCHEMA_VERSION)):
        for statement in MIGRATIONS[step]:
            conn.execute(statement)
    if 0 < version < int(SCHEMA_VERSION):
        conn.execute("UPDATE meta SET value = %s WHERE key = 'schema'", (SCHEMA_VERSION,))
    return version


def prepare(conn: psycopg.Connection[Any], opened: OpenExercise | None, label: str) -> int:
    """Create or update the layout and, with an exercise, claim the store for it; the version found."""
    with conn.transaction():
        version = ensure_schema(conn, label)
        if opened is not None:
            found = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
            check_exercise(found, opened, label)
            if "exercise" not in found:
                conn.cursor().executemany("INSERT INTO meta (key, value) VALUES (%s, %s)",
                                          [row for row in meta_rows(opened) if row[0] != "schema"])
            conn.execute("INSERT INTO tables (table_no) SELECT unnest(CAST(%s AS INTEGER[])) ON CONFLICT DO NOTHING",
                         ([plan.number for plan in opened.exercise.tables],))
    return version
