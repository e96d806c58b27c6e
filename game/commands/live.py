"""``parley serve``, ``parley join`` and ``parley class dashboard``: the live classroom.

- ``parley serve --exercise DIR`` serves the class to web browsers (textual-serve); a
  student opens the address and types the table and seat codes from the handout.
- ``parley join CODE`` takes the same seat from a terminal (for example over ssh to the
  instructor's machine): CODE is the seat code alone (seat codes are unique in an
  exercise), or the table code and seat code together (``TABLECODE-SEATCODE``). Without
  CODE the login screen asks for them. ``--plain`` plays it line by line. ``--name NAME``
  records the student's name for the seat (the class roster's name, when there is one,
  is used without asking); it is sealed into the table's log.
- ``parley class dashboard DIR`` is the instructor's view of every table.

The exercise is ``--exercise DIR``, else ``$PARLEY_EXERCISE``, else the current folder.
Its store is ``--store postgresql://USER@HOST/DB``, else ``$PARLEY_STORE``, else the one the
folder records, else ``DIR/live.sqlite`` (:mod:`game.live.locate`). ``parley store``
(:mod:`.store`, registered here beside them) sets up a PostgreSQL store.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import store
from .common import EXIT_OK, CommandError

STORE_HELP = ("the class's PostgreSQL store, postgresql://USER@HOST/DB (default: $PARLEY_STORE, else the store the "
              "folder records, else DIR/live.sqlite); recorded in the folder the first time")


def _exercise(folder: str | None):  # -> OpenExercise
    from game.classroom.exercise import EXERCISE_FILE, ClassroomError, open_exercise

    chosen = folder or os.environ.get("PARLEY_EXERCISE")
    if chosen is None:
        if not Path(EXERCISE_FILE).is_file():
            raise CommandError("which exercise? pass --exercise DIR (or set PARLEY_EXERCISE, or run this in the "
                               "exercise folder)")
        chosen = "."
    try:
        return open_exercise(Path(chosen))
    except ClassroomError as exc:
        raise CommandError(str(exc)) from None


def _check_store(opened, replay: bool = False, given: str | None = None) -> None:  # opened: OpenExercise
    """Choose the store (``--store``, recorded in the folder when new), then open (or create) it
    once, so a bad store is one line here, not a screen later.

    With ``replay``, every table's moves are replayed and checked too (what the dashboard does
    first); a seat checks only its own table, when it opens it.
    """
    from game.live import LiveError, open_store
    from game.live.locate import use_store

    try:
        use_store(opened, given)
        store = open_store(opened)
        try:
            for plan in opened.exercise.tables if replay else []:
                store.replica(plan)
        finally:
            store.close()
    except LiveError as exc:
        raise CommandError(str(exc)) from None


def _check_port(host: str, port: int) -> None:
    """Fail in one line, before anything is printed, when the address cannot be served."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except OSError as exc:
        raise CommandError(f"cannot serve on {host}:{port} ({exc.strerror or exc})") from None


def run_serve(args: argparse.Namespace) -> int:
    from game.live.codes import instructor_digest, new_instructor_code
    from game.live.server import serve

    opened = _exercise(args.exercise)
    if not 0 < args.port < 65536:
        raise CommandError(f"--port {args.port}: choose a port between 1 and 65535", 2)
    if opened.secret() is None:
        raise CommandError(f"{opened.secret_path}: missing; serve the class from the instructor's copy of the "
                           "exercise folder (the server signs the games' logs with it)")
    _check_store(opened, given=args.store)
    _check_port(args.host, args.port)
    if args.new_instructor_code or instructor_digest(opened) is None:
        try:
            code = new_instructor_code(opened)
        except OSError as exc:
            raise CommandError(f"{opened.folder / 'instructor'}: cannot keep the instructor code ({exc})") from None
        print(f"Instructor code (shown once; only its digest is kept): {code}")
        print("  Type it in the seat code field, table code empty, to open the dashboard in a browser; "
              "`parley serve --new-instructor-code` makes another.")
    try:
        serve(opened.folder, args.host, args.port, f"Parley · {opened.scenario.title}")
    except OSError as exc:
        raise CommandError(f"cannot serve on {args.host}:{args.port} ({exc.strerror or exc})") from None
    return EXIT_OK


def run_join(args: argparse.Namespace) -> int:
    from game.live import LiveError
    from game.live.codes import resolve

    opened = _exercise(args.exercise)
    _check_store(opened, given=args.store)
    if args.served:
        from game.tui.live.app import run_live

        return run_live(opened, None, served=True)
    key = None
    if args.name is not None and args.code is None:
        raise CommandError("--name goes with your seat code: parley join CODE --name NAME", 2)
    if args.code is not None:
        try:
            key = resolve(opened, args.code)
            if args.name is not None:
                _sign_in(opened, key, args.name)
        except LiveError as exc:
            raise CommandError(str(exc)) from None
    if args.plain:
        from game.plain import run_plain_join

        try:
            return run_plain_join(opened, key, sys.stdin, sys.stdout, script=args.script)
        except LiveError as exc:
            raise CommandError(str(exc)) from None
    if args.script:
        raise CommandError("--script needs --plain", 2)
    from game.tui.live.app import run_live

    return run_live(opened, args.code)


def _sign_in(opened, key, name: str) -> None:  # opened: OpenExercise, key: SeatKey
    """Record the student's name for the seat before the screens open (they then find it in the store)."""
    from game.live import open_store

    store = open_store(opened)
    try:
        store.sit(key.table, key.actor, name)
    finally:
        store.close()


def run_dashboard(args: argparse.Namespace) -> int:
    opened = _exercise(args.folder)
    _check_store(opened, replay=True, given=args.store)
    from game.tui.live.app import run_dashboard as run

    return run(opened)


# -- the parser ---------------------------------------------------------------------------------------


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve a classroom exercise to web browsers: students play each other live")
    p.add_argument("--exercise", metavar="DIR", help="the exercise folder (default: $PARLEY_EXERCISE or .)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 for the classroom network)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--store", metavar="URL", help=STORE_HELP)
    p.add_argument("--new-instructor-code", action="store_true",
                   help="make a new instructor code for the dashboard in the browser (the old one stops working)")
    p.set_defaults(func=run_serve)

    j = sub.add_parser("join", help="take your seat at a live table from a terminal (the code on your handout)")
    j.add_argument("code", nargs="?", metavar="CODE",
                   help="your seat code, alone or after your table code (TABLECODE-SEATCODE); asked if left out")
    j.add_argument("--exercise", metavar="DIR", help="the exercise folder (default: $PARLEY_EXERCISE or .)")
    j.add_argument("--name", metavar="NAME",
                   help="your name, for the class's results (not needed when your instructor has a roster)")
    j.add_argument("--plain", action="store_true", help="line-by-line text interface (screen readers, scripts)")
    j.add_argument("--script", metavar="FILE", help="with --plain: read the answers from FILE")
    j.add_argument("--store", metavar="URL", help=STORE_HELP)
    j.add_argument("--served", action="store_true", help=argparse.SUPPRESS)  # one browser tab of `parley serve`
    j.set_defaults(func=run_join)
    store.register(sub)


def register_dashboard(group: argparse._SubParsersAction) -> None:
    """``parley class dashboard``: added to the ``class`` command by :mod:`.classroom`."""
    d = group.add_parser("dashboard", help="watch every table of a live class: pause, send news, end the session")
    d.add_argument("folder", metavar="DIR", help="the exercise folder")
    d.add_argument("--store", metavar="URL", help=STORE_HELP)
    d.set_defaults(func=run_dashboard)
