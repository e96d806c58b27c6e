"""A game in progress on disk: autosave after every move, resume a saved game.

A save file is the engine's game log (scenario id and hash, seed, seats, moves) plus
where the scenario file was, so it can be found again, and a check: a hash over the
content a replay trusts (scenario, seed, seats, moves). A save whose check does not match
was changed after it was written (an edited seed replays another game) and is refused,
never read as something else. Writes are atomic (temporary file, fsync, rename): killing
Parley at any moment leaves the previous save intact, and a new game never takes the
name of an existing file, so a damaged save is never overwritten either.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.engine import Game, ReplayError, Seat, State
from game.scenario import bundled_paths, load
from game.scenario.models import Scenario

from .paths import saves_dir
from .protocol import SavedEachMove

#: The key of a save's check: the hash of what a replay trusts (see :func:`save_check`).
CHECK = "check"


class SessionError(Exception):
    """A save or log that cannot be opened: where it is, and why (what to do, where it helps)."""

    def __init__(self, path: Path | str, reason: str, *, where: str | None = None):
        super().__init__(f"{where or path}: {reason}")
        self.path = Path(path)
        self.reason = reason


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` so that readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fresh_path(folder: Path, stem: str, suffix: str = ".json") -> Path:
    """``folder/stem.suffix``, or ``stem-2``, ``stem-3``... when that name is taken: a new file
    never replaces an old one (which may be a damaged save kept for its owner to look at)."""
    path = folder / f"{stem}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def find_scenario(scenario_id: str, hint: str | None, path: Path | str = "") -> tuple[Scenario, Path]:
    """The scenario a log was played on: at its recorded path, else a bundled one with its id."""
    candidates: list[Path] = []
    if hint:
        candidates.append(Path(hint))
    candidates += bundled_paths()
    for candidate in candidates:
        if not candidate.is_file():
            continue
        loaded = load(candidate)
        if loaded.scenario is not None and loaded.scenario.id == scenario_id:
            return loaded.scenario, candidate
    raise SessionError(path, f"scenario '{scenario_id}' not found (looked at {hint or 'no recorded path'} and the "
                             "bundled scenarios); pass the scenario file explicitly")


def save_check(data: dict[str, Any]) -> str:
    """The hash of what a replay trusts in a log: scenario id and hash, engine version, seed, seats
    and moves (the engine version decides whether the computer's moves are checked on replay).

    Canonical JSON (sorted keys, no spaces), so the check does not depend on how the file
    is laid out; timestamps, titles and derived records are outside it.
    """
    meta = data.get("scenario") if isinstance(data.get("scenario"), dict) else {}
    core = {
        "scenario": {"id": meta.get("id"), "hash": meta.get("hash")},
        "engine": data.get("engine"),
        "seed": data.get("seed"),
        "seats": data.get("seats"),
        "moves": data.get("moves"),
    }
    text = json.dumps(core, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def game_log(state: State, scenario_path: Path | None, created: str | None, *,
             timestamps: bool = True) -> dict[str, Any]:
    """The engine's log plus where the scenario file is, the round and (with ``timestamps``)
    when: what saves and exports hold. The check comes last, over the replayed content."""
    data = state.to_log()
    data["scenario"]["path"] = str(scenario_path.resolve()) if scenario_path else None
    data["scenario"]["title"] = state.scenario.title
    data["round"] = state.round
    if timestamps:
        data["created"] = created
        data["updated"] = datetime.now(UTC).isoformat(timespec="seconds")
    data[CHECK] = save_check(data)
    return data


def checked_state(path: Path, data: dict[str, Any], scenario: Scenario, game: Game | None = None) -> State:
    """Replay a log read from ``path``; :class:`SessionError` (with the reason) when it fails its
    check or does not replay. A log without a check (written before checks, or by hand) is
    trusted as far as its replay goes."""
    if not isinstance(data.get("moves"), list):  # said before the check, which it would fail too
        raise SessionError(path, "damaged: the log has no list of moves; the file is left as it is")
    recorded = data.get(CHECK)
    if recorded is not None and recorded != save_check(data):
        raise SessionError(path, "damaged: its scenario, seed, seats or moves were changed after it was saved "
                                 "(the check does not match); the file is left as it is")
    try:
        return State.from_log(game or Game(scenario), data)
    except ReplayError as exc:
        raise SessionError(path, f"damaged: {exc}; the file is left as it is") from None
    except (ValueError, KeyError, TypeError, IndexError) as exc:  # a hand-edited file can hold anything
        raise SessionError(path, f"damaged: it does not replay ({exc!r}); the file is left as it is") from None


class Session(SavedEachMove):
    """A game being played, bound to its scenario file and its autosave file.

    ``timestamps=False`` keeps clock times out of the save and of exports (``--no-timestamps``),
    so two identical games write identical files.
    """

    def __init__(self, state: State, scenario_path: Path | None, save_path: Path | None, *,
                 timestamps: bool = True):
        self.state = state
        self.scenario_path = scenario_path
        self.save_path = save_path
        self.timestamps = timestamps
        self.created: str | None = datetime.now(UTC).isoformat(timespec="seconds") if timestamps else None

    @classmethod
    def new(cls, scenario: Scenario, scenario_path: Path | None, seed: int,
            seats: dict[str, Seat], autosave: bool = True, *, timestamps: bool = True) -> Session:
        state = Game(scenario).new_state(seed, seats)
        save = None
        if autosave:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") if timestamps else ""
            save = fresh_path(saves_dir(), f"{stamp}{scenario.id}-{seed}")
        session = cls(state, scenario_path, save, timestamps=timestamps)
        session.save()
        return session

    # -- playing ---------------------------------------------------------------------------


    # -- files -------------------------------------------------------------------------------

    def log(self) -> dict[str, Any]:
        return game_log(self.state, self.scenario_path, self.created, timestamps=self.timestamps)

    def save(self) -> None:
        if self.save_path is not None:
            write_atomic(self.save_path, json.dumps(self.log(), indent=1, ensure_ascii=False) + "\n")

    @classmethod
    def open(cls, path: Path, *, autosave: bool = True, timestamps: bool | None = None) -> Session:
        """Reopen a save or game log, replaying its moves on its scenario.

        Raises :class:`SessionError` with the path and the reason when the file cannot be
        read, fails its check or does not replay; the file is never written then.
        ``timestamps`` defaults to what the file has (a game saved without them stays so).
        """
        data = read_log(path)
        meta = data.get("scenario") if isinstance(data.get("scenario"), dict) else {}
        hint = meta.get("path") if isinstance(meta.get("path"), str) else None
        scenario, scenario_path = find_scenario(str(meta.get("id")), hint, path)
        state = checked_state(path, data, scenario)
        stamped = "updated" in data or "created" in data if timestamps is None else timestamps
        session = cls(state, scenario_path, path if autosave else None, timestamps=stamped)
        if stamped and isinstance(data.get("created"), str):
            session.created = data["created"]
        return session


def read_log(path: Path) -> dict[str, Any]:
    """A log file's JSON object; :class:`SessionError` saying why when it is not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SessionError(path, "no such file") from None
    except IsADirectoryError:
        raise SessionError(path, "a folder, not a save file") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SessionError(path, f"cannot read it ({reason})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SessionError(path, f"not valid JSON ({exc.msg})", where=f"{path}:{exc.lineno}:{exc.colno}") from None
    except RecursionError:
        raise SessionError(path, "not a Parley game log (nested too deeply)") from None
    if not isinstance(data, dict):
        raise SessionError(path, "not a Parley game log")
    return data
