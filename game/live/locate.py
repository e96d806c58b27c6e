"""Which store a live class uses, and opening it: the exercise folder says, the command line may choose.

A class uses the embedded SQLite file (``DIR/live.sqlite``) unless it has been given a
PostgreSQL database: ``--store postgresql://USER@HOST/DB`` on the live commands, or
``PARLEY_STORE``, or ``parley store init URL --exercise DIR``. The first time a class is
given one, the folder records it in ``DIR/live-store.json`` (without any password: give
that through ``PGPASSWORD``, ``~/.pgpass`` or ``PARLEY_STORE``), so every later command in
that folder, and each copy of the folder on another serving host, finds the same database
without being told again. A class recorded on one database is never quietly opened on
another: the moves of a class live in exactly one store.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from game.classroom.exercise import OpenExercise

from .errors import LiveError, StoreError
from .store import Store
from .tables import STORE_FILE

STORE_RECORD = "live-store.json"
ENVIRONMENT = "PARLEY_STORE"
SCHEMES = ("postgresql://", "postgres://")


def is_postgres(url: str) -> bool:
    return url.startswith(SCHEMES)


def redact(url: str) -> str:
    """``url`` without its password (the PostgreSQL backend's rule, without importing the driver)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}@{parts.netloc.rsplit('@', 1)[-1]}"))


def check_url(url: str) -> str:
    if not is_postgres(url):
        raise LiveError(f"--store {url}: give a PostgreSQL URL (postgresql://USER@HOST/DB); without --store the "
                        f"class uses {STORE_FILE} in its folder")
    return url


def recorded(opened: OpenExercise) -> str | None:
    """The store the exercise folder records, or None (the embedded SQLite file)."""
    path = opened.folder / STORE_RECORD
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: unreadable ({exc}); it names the class's store") from None
    url = data.get("store") if isinstance(data, dict) else None
    if not isinstance(url, str) or not is_postgres(url):
        raise StoreError(f"{path}: names no PostgreSQL store; fix or remove it")
    return url


def chosen(opened: OpenExercise, given: str | None = None) -> str | None:
    """The PostgreSQL URL the class uses (None: SQLite): ``given``, else ``$PARLEY_STORE``, else the record.

    :class:`StoreError` when what was given names another database than the one recorded.
    """
    url = given or os.environ.get(ENVIRONMENT) or None
    mine = recorded(opened)
    if url is None:
        return mine
    check_url(url)
    if mine is not None and redact(url) != mine:
        raise StoreError(f"{opened.folder / STORE_RECORD}: this class's store is {mine}, not {redact(url)}; use "
                         "that one (or remove the file if the class really moved)")
    return url


def record(opened: OpenExercise, url: str) -> Path:
    """Write down in the exercise folder that the class uses ``url`` (its password left out)."""
    chosen(opened, url)
    if (opened.folder / STORE_FILE).is_file():
        raise StoreError(f"{opened.folder / STORE_FILE}: this class has already played on its own SQLite store; "
                         "move that file away to give it a PostgreSQL one")
    path = opened.folder / STORE_RECORD
    try:
        path.write_text(json.dumps({"store": redact(url), "backend": "postgresql"}, indent=2) + "\n",
                        encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"{path}: cannot record the class's store ({exc})") from None
    return path


def use_store(opened: OpenExercise, given: str | None) -> str | None:
    """For a command's ``--store``: check it, record it in the folder if new, and make it this process's
    choice (and its children's: ``parley serve`` starts a process per browser tab). The URL, or None."""
    url = chosen(opened, given)
    if url is not None:
        if recorded(opened) is None:
            record(opened, url)
        os.environ[ENVIRONMENT] = url
    return url


def backend_class(opened: OpenExercise) -> type[Store]:
    """The backend class of the store the class uses."""
    if chosen(opened) is None:
        from .sqlite import SQLiteStore

        return SQLiteStore
    from .postgres import PostgresStore

    return PostgresStore


def open_store(opened: OpenExercise, url: str | None = None) -> Store:
    """A new connection to the class's store: PostgreSQL when one is chosen (:func:`chosen`), else SQLite."""
    target = chosen(opened, url)
    if target is None:
        from .sqlite import SQLiteStore

        return SQLiteStore(opened)
    from .postgres import PostgresStore

    return PostgresStore(opened, target)


def has_store(opened: OpenExercise) -> bool:
    """Whether the class has a live store to export from."""
    return (opened.folder / STORE_FILE).is_file() or chosen(opened) is not None
