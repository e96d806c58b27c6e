"""``parley store init URL`` and ``parley store status URL|DIR``: the live class's game store.

A class plays on the embedded SQLite file in its folder unless it is given a PostgreSQL
database, which is what lets several ``parley serve`` hosts run one class. ``init`` creates
(or updates) the store's tables in the database and, with ``--exercise DIR``, ties the
database to that class and records it in the folder; ``status`` shows what a store holds.
Registered beside ``serve`` and ``join`` by :mod:`.live`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import EXIT_OK, CommandError


def run_init(args: argparse.Namespace) -> int:
    from game.live import LiveError
    from game.live.admin import init_store

    from .live import _exercise

    opened = _exercise(args.exercise) if args.exercise else None
    try:
        for line in init_store(args.url, opened):
            print(line)
    except LiveError as exc:
        raise CommandError(str(exc)) from None
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    from game.live import LiveError
    from game.live.admin import store_status
    from game.live.locate import is_postgres

    from .live import _exercise

    target: str = args.target
    url, opened = (target, None) if is_postgres(target) else (None, _exercise(target))
    if url is None and not Path(target).is_dir():
        raise CommandError(f"{target}: give a postgresql:// URL or an exercise folder", 2)
    try:
        for line in store_status(url, opened):
            print(line)
    except LiveError as exc:
        raise CommandError(str(exc)) from None
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("store", help="the live classroom's game store: a PostgreSQL database for large classes")
    group = s.add_subparsers(dest="store_command", metavar="COMMAND", required=True)
    i = group.add_parser("init", help="create (or update) the store's tables in a PostgreSQL database")
    i.add_argument("url", metavar="URL", help="postgresql://USER@HOST/DB (the password from PGPASSWORD or ~/.pgpass)")
    i.add_argument("--exercise", metavar="DIR",
                   help="tie the database to this class and record it in the folder (live-store.json)")
    i.set_defaults(func=run_init)
    t = group.add_parser("status", help="what a store holds: schema version, exercise, tables, moves")
    t.add_argument("target", metavar="URL|DIR", help="a postgresql:// URL, or an exercise folder (its own store)")
    t.set_defaults(func=run_status)
