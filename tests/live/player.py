"""A student's process in the tests: joins a live table with a seat code and plays it to the end.

``python player.py DIR CODE [--pause S] [--moves N]``: plays with :func:`helpers.choose`
through a :class:`LiveSession`, polling the store between turns, and prints one line per
move it made (``MOVE seq``) so a test can watch it; ``--moves`` stops it after N moves.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import choose

from game.classroom import open_exercise
from game.live import LiveSession, MoveRefused, open_store
from game.live.codes import resolve


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("code")
    parser.add_argument("--pause", type=float, default=0.0)
    parser.add_argument("--moves", type=int, default=10_000)
    parser.add_argument("--deadline", type=float, default=60.0)
    args = parser.parse_args()
    opened = open_exercise(Path(args.folder))
    key = resolve(opened, args.code)
    session = LiveSession(open_store(opened), key.table, key.actor)
    rng = random.Random(f"{key.table.number}-{key.actor}")
    print(f"JOINED {key.table.number} {key.actor} at {len(session.state.history)}", flush=True)
    session.advance()
    made, stop = 0, time.monotonic() + args.deadline
    while not session.state.is_terminal and made < args.moves and time.monotonic() < stop:
        session.poll()
        if session.ended or session.state.is_terminal:
            break
        if session.waiting:
            time.sleep(0.02)
            continue
        if args.pause:
            time.sleep(args.pause)
        try:
            session.play(choose(session.state, key.actor, rng))
        except MoveRefused as exc:
            print(f"REFUSED {exc}", flush=True)
            continue
        made += 1
        print(f"MOVE {len(session.state.history)}", flush=True)
    print(f"DONE {session.state.status} {len(session.state.history)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
