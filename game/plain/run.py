"""``parley play --plain``, ``parley resume --plain`` and ``parley replay --plain``."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from game.classroom import ClassroomError, TableGame, finish_table, start_table
from game.engine import Seat
from game.scenario import bundled_paths, load
from game.scenario.models import Scenario
from game.session import Session, SessionError, export_game, list_saves
from game.session.launch import LaunchOptions

from .console import Console, Quit, open_console
from .game import PlainGame


def _pick_scenario(c: Console, options: LaunchOptions) -> tuple[Scenario, Path] | None:
    paths = list(options.scenario_paths)
    if not paths:
        paths = bundled_paths()
        loaded = [(p, load(p)) for p in paths]
        good = [(p, lo.scenario) for p, lo in loaded if lo.scenario is not None]
        pick = c.choose("Choose a scenario:", [
            f"{s.title} ({s.year or 'n.d.'}, {s.difficulty})" for _, s in good])
        assert pick is not None
        return good[pick][1], good[pick][0]
    path = paths[0]
    loaded = load(path)
    if loaded.scenario is None or not loaded.ok:
        for d in loaded.diagnostics:
            c.say(d.format())
        return None
    return loaded.scenario, path


def _new_session(c: Console, options: LaunchOptions) -> Session | None:
    picked = _pick_scenario(c, options)
    if picked is None:
        return None
    scenario, path = picked
    ids = [a.id for a in scenario.actors]
    side = options.side
    if side is None:
        pick = c.choose("Which side do you take?", [f"{a.name} ({a.leader})" for a in scenario.actors])
        assert pick is not None
        side = ids[pick]
    if side not in ids:
        c.say(f"Unknown side '{side}'; sides are {', '.join(ids)}.")
        return None
    other = scenario.other(side)
    try:
        opponent = Seat.parse(options.opponent) if options.opponent else Seat.style(other.style)
    except ValueError as exc:
        c.say(f"--opponent: {exc}")
        return None
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(1, 1_000_000)
    c.say(f"Seed {seed} (play the same game again with --seed {seed}). "
          f"{other.name} is played by {'a second person (hot-seat)' if opponent.human else opponent}.")
    return Session.new(scenario, path, seed, {side: Seat(), other.id: opponent}, timestamps=options.timestamps)


def run_plain(options: LaunchOptions, stdin: TextIO, stdout: TextIO, script: str | None = None,
              clock: Callable[[], float] = time.monotonic) -> int:
    """Run plain mode; returns the process exit code. ``clock`` times exercise turns (tests fake it)."""
    c = open_console(stdin, stdout, script)
    if c is None:
        return 1
    table: TableGame | None = None
    try:
        if options.replay is not None:
            return _replay(c, options.replay)
        if options.exercise is not None:
            table = _exercise_table(c, options)
            code = PlainGame(table.session, c, table.round_time, clock).play()
            _export(c, table.session)
            c.say(f"Your game log for the instructor: {finish_table(table)}")
            return code
        if options.resume is not None or options.resume_list:
            session = _resume(c, options.resume, options.timestamps)
        else:
            session = _new_session(c, options)
        if session is None:
            return 1
        game = PlainGame(session, c)
        code = game.play()
        _export(c, session)
        return code
    except Quit:
        if table is not None:
            c.say(f"Stopped. The game is saved; continue it with `parley play --exercise {options.exercise} "
                  f"--table {table.table.number}`.")
        else:
            c.say("Stopped. The game is saved; continue it with `parley resume`.")
        return 0
    except (SessionError, ClassroomError) as exc:
        c.say(str(exc))
        return 1
    except OSError as exc:  # the saves folder cannot be written: say so, the moves so far are kept
        c.say(f"Could not save the game: {exc.strerror or exc} ({exc.filename or 'the saves folder'}).")
        return 1


def _exercise_table(c: Console, options: LaunchOptions) -> TableGame:
    """The exercise table's session (the table's seed and seats), resumed when in progress."""
    assert options.exercise is not None
    if options.table is None:
        raise ClassroomError("--exercise needs --table K (your table number)")
    table = start_table(options.exercise, options.table, options.seat, options.log_to)
    s = table.opened.scenario
    plan = table.table
    if plan.hot_seat:
        who = f"{s.actors[0].name} and {s.actors[1].name} are played by two people at this keyboard (hot-seat)"
    else:
        human = plan.humans[0]
        who = f"you play {s.actor(human).name}; {s.other(human).name} is played by the computer " \
              f"({plan.seats[s.other(human).id].player})"
    limit = f"; {table.round_time:g} seconds for each move" if table.round_time else ""
    c.say(f"Exercise table {plan.number} (code {plan.code}): {who}{limit}.")
    if table.over_already:
        c.say("This table's game is over already (a table is played once); here is its debrief again.")
    elif table.resumed:
        c.say(f"Continuing this table's game from round {table.session.state.round}.")
    return table


def _resume(c: Console, path: Path | None, timestamps: bool) -> Session | None:
    """The save to continue: ``path``, or one chosen from the games in progress. Damaged saves are
    listed with their reasons (never hidden, never opened, never written)."""
    if path is None:
        every = list_saves()
        damaged = [s for s in every if s.damaged]
        saves = [s for s in every if s.status == "ongoing"]
        if damaged:
            c.say("Damaged saves (kept as they are; they cannot be opened):")
            for save in damaged:
                c.say(f"  {save.path}: {save.problem}")
        if not saves:
            c.say("No saved games in progress.")
            return None
        pick = c.choose("Resume which game?", [
            f"{s.title} — round {s.round}, {s.moves} moves ({', '.join(f'{k}: {v}' for k, v in s.seats.items())})"
            for s in saves])
        assert pick is not None
        path = saves[pick].path
    return Session.open(path, timestamps=None if timestamps else False)


def _replay(c: Console, path: Path) -> int:
    """Print a saved game or exported log: every move (with both sides' numbers) and, when it is over, the debrief."""
    session = Session.open(path, autosave=False)
    state = session.state
    c.say(f"Replay of {path}: {state.scenario.title}, seed {state.seed}, "
          + ", ".join(f"{state.scenario.actor(a).name}: {seat}" for a, seat in state.seats.items()) + ".")
    game = PlainGame(session, c)
    game.transcript(None)
    if state.is_terminal:
        game.debrief()
    return 0


def _export(c: Console, session: Session) -> None:
    """Write the game log (JSON) and the Markdown transcript with the debrief, and say where."""
    try:
        json_path, md_path = export_game(session)
    except OSError as exc:
        c.say(f"Could not export the game: {exc}")
        return
    c.say(f"Exported the game log to {json_path}")
    c.say(f"Exported the transcript with the debrief to {md_path}")
