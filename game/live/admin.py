"""``parley store init`` and ``parley store status``: a live store looked after without a class running.

``init`` creates the layout in a PostgreSQL database (or brings an older one up to date,
refusing a newer one) and, given the exercise, claims the database for that class and
records it in the exercise folder. ``status`` says what a store holds and whether this
Parley can use it, for either backend, before the class starts or while it plays.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from game.classroom.exercise import OpenExercise

from .errors import StoreError
from .locate import STORE_RECORD, check_url, chosen, record, recorded, redact
from .schema import SCHEMA_VERSION, check_version
from .tables import STORE_FILE

_COUNTS = (("tables opened", "SELECT COUNT(*) FROM tables WHERE opened_at IS NOT NULL"),
           ("moves", "SELECT COUNT(*) FROM moves"),
           ("games with moves", "SELECT COUNT(DISTINCT table_no) FROM moves"),
           ("sittings", "SELECT COUNT(*) FROM sittings"))


def init_store(url: str, opened: OpenExercise | None = None) -> list[str]:
    """Create or update the layout at ``url`` (and claim it for ``opened``); what was done, in lines."""
    import psycopg

    from .postgres import prepare

    check_url(url)
    label = redact(url)
    out = []
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            found = prepare(conn, opened, label)
    except psycopg.Error as exc:
        raise StoreError(f"{label}: {str(exc).strip().splitlines()[0]}") from None
    out.append(f"{label}: schema {SCHEMA_VERSION} " + ("created" if found == 0 else
               "already there" if str(found) == SCHEMA_VERSION else f"updated from {found}"))
    if opened is not None:
        path = record(opened, url) if recorded(opened) is None else opened.folder / STORE_RECORD
        out.append(f"claimed for exercise {opened.exercise.id} ({len(opened.exercise.tables)} tables); "
                   f"{path} records it")
    return out


def store_status(url: str | None, opened: OpenExercise | None = None) -> list[str]:
    """What the store at ``url`` (else the class's own) holds, in ``name: value`` lines."""
    if url is None and opened is not None:
        url = chosen(opened)
    if url is None:
        if opened is None:
            raise StoreError("which store? give a postgresql:// URL or an exercise folder")
        return _sqlite_status(opened.folder / STORE_FILE)
    return _postgres_status(check_url(url))


def _lines(backend: str, where: str, meta: dict[str, str], counts: list[tuple[str, Any]],
           extra: list[str]) -> list[str]:
    version = meta.get("schema")
    check_version(version, where)  # a newer schema is refused here as everywhere
    out = [f"store: {backend} {where}",
           f"schema: {version or 'none yet (created when the class first opens it)'} (this Parley reads up to "
           f"{SCHEMA_VERSION})",
           f"exercise: {meta.get('exercise', 'none yet (claimed when a class first opens it)')}"]
    out += [f"{name}: {value}" for name, value in counts] + extra
    return out


def _sqlite_status(path: Path) -> list[str]:
    if not path.is_file():
        return [f"store: sqlite {path}", "nothing yet: the file is created when the class first opens it"]
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            counts = [(name, db.execute(sql).fetchone()[0]) for name, sql in _COUNTS]
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: not a usable live store ({exc})") from None
    return _lines("sqlite", str(path), meta, counts, [])


def _postgres_status(url: str) -> list[str]:
    import psycopg

    from .postgres import schema_version

    label = redact(url)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            server = conn.execute("SHOW server_version").fetchone()
            limit = conn.execute("SHOW max_connections").fetchone()
            used = conn.execute("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()").fetchone()
            extra = [f"server: PostgreSQL {server[0] if server else '?'}; connections to this database now "
                     f"{used[0] if used else '?'}, server limit {limit[0] if limit else '?'} (each student's "
                     "process uses two)"]
            if schema_version(conn, label) == 0:
                return [f"store: postgresql {label}", "schema: none (run `parley store init URL`)", *extra]
            meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
            counts = [(name, (conn.execute(sql).fetchone() or (0,))[0]) for name, sql in _COUNTS]
    except psycopg.Error as exc:
        raise StoreError(f"{label}: {str(exc).strip().splitlines()[0]}") from None
    return _lines("postgresql", label, meta, counts, extra)
