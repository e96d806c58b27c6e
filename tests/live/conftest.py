"""The live store's tests run against both backends: SQLite, and a real PostgreSQL the suite starts.

A test that takes the ``backend`` fixture runs twice, ``[sqlite]`` and ``[postgresql]``; it
makes its exercise with ``backend.exercise(...)``, which for PostgreSQL gives the class a
fresh database of the session's server (recorded in the exercise folder, as ``parley store
init --exercise`` does), so every store the test and its player processes open is that one.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from game.classroom import OpenExercise
from game.live.locate import ENVIRONMENT, STORE_FILE, chosen, record

from .helpers import new_exercise
from .pg import Cluster


@pytest.fixture(autouse=True)
def no_store_in_the_environment() -> Iterator[None]:
    """``parley serve --store`` sets ``PARLEY_STORE`` for its children; a test calling the command
    line in-process must not leave it set for the next test (in this folder or any other)."""
    before = os.environ.pop(ENVIRONMENT, None)
    yield
    os.environ.pop(ENVIRONMENT, None)
    if before is not None:
        os.environ[ENVIRONMENT] = before


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    cluster = Cluster()
    try:
        yield cluster
    finally:
        cluster.close()


@dataclass
class Backend:
    name: str
    cluster: Cluster | None = None

    def exercise(self, folder: Path, *options: str) -> OpenExercise:
        """``parley class new`` with this backend's store (a fresh database for PostgreSQL)."""
        opened = new_exercise(folder, *options)
        if self.cluster is not None:
            record(opened, self.cluster.new_database())
        return opened

    def raw(self, opened: OpenExercise) -> Raw:
        return Raw(opened)


class Raw:
    """The backend's own connection, for what only someone with the database in hand could do."""

    def __init__(self, opened: OpenExercise) -> None:
        import psycopg

        self.url = chosen(opened)
        self.db: Any = (sqlite3.connect(opened.folder / STORE_FILE, isolation_level=None) if self.url is None
                        else psycopg.connect(self.url, autocommit=True))
        self.errors = (sqlite3.IntegrityError, psycopg.Error)

    def execute(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.url is not None:
            sql = sql.replace("?", "%s")
        cursor = self.db.execute(sql, params)
        return list(cursor.fetchall()) if cursor.description else []

    def close(self) -> None:
        self.db.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> Backend:
    if request.param == "sqlite":
        return Backend("sqlite")
    return Backend("postgresql", request.getfixturevalue("postgres"))
