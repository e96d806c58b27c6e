"""A campaign on disk: autosave after every move and every choice between summits; resume; replay.

A campaign save holds what a replay trusts and nothing else it needs: the campaign's id and
content hash (which covers its summits' scenarios), the seed, the player's side, the
computer opponent, and for each summit opened so far the player's promise choices before
it and its moves. A check (a hash over exactly that) refuses a save edited after it was
written; a campaign or scenario changed since is refused by the hash. Everything else
(every state, result, reputation, opening) is replayed, so the same seed and moves give
the same file, byte for byte, when clock times are off.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.engine import ReplayError, Seat, State
from game.engine.log import ENGINE_VERSION
from game.scenario.campaign_checks import LoadedCampaign, bundled_campaigns, load_campaign
from game.session.paths import saves_dir
from game.session.protocol import SavedEachMove
from game.session.store import write_atomic

from .run import CampaignError, CampaignRun

CAMPAIGN_LOG = "parley-campaign/1"


def campaigns_dir() -> Path:
    """Campaign saves: a folder of their own, so the list of saved games never mistakes one for a game."""
    return saves_dir() / "campaigns"


def campaign_check(data: dict[str, Any]) -> str:
    """The hash of what a replay trusts in a campaign save (canonical JSON)."""
    meta = data.get("campaign") if isinstance(data.get("campaign"), dict) else {}
    core = {"campaign": {"id": meta.get("id"), "hash": meta.get("hash")}, "engine": data.get("engine"),
            "seed": data.get("seed"), "side": data.get("side"), "opponent": data.get("opponent"),
            "summits": data.get("summits")}
    text = json.dumps(core, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


class CampaignSaveError(CampaignError):
    """A campaign save that cannot be opened: where it is and why; the file is never written then."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


def fresh_path(folder: Path, stem: str) -> Path:
    """``folder/stem.json``, or ``stem-2.json``...: a new campaign never takes an existing file's name."""
    path, n = folder / f"{stem}.json", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.json", n + 1
    return path


def read_save(path: Path) -> dict[str, Any]:
    """A save file's JSON object; :class:`CampaignSaveError` saying why when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CampaignSaveError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CampaignSaveError(path, f"cannot read it ({getattr(exc, 'strerror', None) or exc})") from None
    except (json.JSONDecodeError, RecursionError):
        raise CampaignSaveError(path, "not valid JSON") from None
    if not isinstance(data, dict):
        raise CampaignSaveError(path, "not a Parley campaign save")
    return data


class CampaignSession:
    """A campaign being played, bound to its save file (None: not saved, e.g. a replay)."""

    def __init__(self, run: CampaignRun, save_path: Path | None, *, timestamps: bool = True):
        self.run = run
        self.save_path = save_path
        self.timestamps = timestamps
        self.created: str | None = datetime.now(UTC).isoformat(timespec="seconds") if timestamps else None

    @classmethod
    def new(cls, loaded: LoadedCampaign, seed: int, side: str, opponent: Seat, *, autosave: bool = True,
            timestamps: bool = True, save_path: Path | None = None) -> CampaignSession:
        run = CampaignRun(loaded, seed, side, opponent)
        if autosave and save_path is None:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") if timestamps else ""
            save_path = fresh_path(campaigns_dir(), f"{stamp}{run.campaign.id}-{side}-{seed}")
        session = cls(run, save_path if autosave else None, timestamps=timestamps)
        session.save()
        return session

    # -- playing -----------------------------------------------------------------------------------

    def open_next(self, kept: dict[str, bool] | None = None) -> SummitSession:
        """Open the next summit (with the player's promise choices) and save."""
        self.run.open_next(kept)
        self.save()
        return self.summit()

    def summit(self) -> SummitSession:
        """The current summit as a game session the front ends play like any game."""
        if self.run.current is None:
            raise CampaignError("no summit has opened yet")
        return SummitSession(self, self.run.current.state, self.run.scenario_path(self.run.current.index))

    # -- files -------------------------------------------------------------------------------------

    def log(self) -> dict[str, Any]:
        run = self.run
        data: dict[str, Any] = {
            "format": CAMPAIGN_LOG,
            "engine": ENGINE_VERSION,
            "campaign": {"id": run.campaign.id, "hash": run.loaded.hash, "title": run.campaign.title,
                         "path": str(run.path.resolve())},
            "seed": run.seed,
            "side": run.side,
            "opponent": str(run.opponent),
            "summits": [{"scenario": p.state.scenario.id, "kept": dict(p.kept),
                         "moves": [dict(r.move.to_dict(), reason=r.reason) for r in p.state.history]}
                        for p in run.plays],
            "status": "finished" if run.finished else "between summits" if run.between else "in a summit",
        }
        if self.timestamps:
            data["created"] = self.created
            data["updated"] = datetime.now(UTC).isoformat(timespec="seconds")
        data["check"] = campaign_check(data)
        return data

    def text(self) -> str:
        return json.dumps(self.log(), indent=1, ensure_ascii=False) + "\n"

    def save(self) -> None:
        if self.save_path is not None:
            write_atomic(self.save_path, self.text())

    @classmethod
    def open(cls, path: Path, *, autosave: bool = True, timestamps: bool | None = None) -> CampaignSession:
        """Reopen a campaign save by replaying it; :class:`CampaignSaveError` with the reason when it cannot be."""
        data = read_save(path)
        if data.get("format") != CAMPAIGN_LOG:
            raise CampaignSaveError(path, f"not a Parley campaign save (expected format {CAMPAIGN_LOG})")
        if data.get("check") is not None and data.get("check") != campaign_check(data):
            raise CampaignSaveError(path, "damaged: its campaign, seed, side, opponent or moves were changed after it "
                                     "was saved (the check does not match); the file is left as it is")
        meta = data.get("campaign") if isinstance(data.get("campaign"), dict) else {}
        loaded = find_campaign(str(meta.get("id")), meta.get("path") if isinstance(meta.get("path"), str) else None,
                               path)
        if loaded.hash != meta.get("hash"):
            raise CampaignSaveError(path, f"campaign '{meta.get('id')}' or one of its scenarios has changed since this "
                                     "campaign was played (content hash differs)")
        stamped = ("updated" in data or "created" in data) if timestamps is None else timestamps
        try:
            opponent = Seat.parse(str(data.get("opponent")))
            run = CampaignRun(loaded, data.get("seed"), str(data.get("side")), opponent)  # type-checked inside
            _replay(run, data.get("summits"))
        except (CampaignError, ReplayError, ValueError) as exc:
            raise CampaignSaveError(path, f"damaged: {exc}; the file is left as it is") from None
        session = cls(run, path if autosave else None, timestamps=stamped)
        if stamped and isinstance(data.get("created"), str):
            session.created = data["created"]
        return session


def _replay(run: CampaignRun, summits: Any) -> None:
    if not isinstance(summits, list) or len(summits) > len(run.summits):
        raise CampaignError("its summits are not a list of at most one per summit of the campaign")
    for index, entry in enumerate(summits):
        if not isinstance(entry, dict) or not isinstance(entry.get("moves"), list):
            raise CampaignError(f"summit {index + 1} is not readable")
        if entry.get("scenario") != run.scenario(index).id:
            raise CampaignError(f"summit {index + 1} is '{entry.get('scenario')}', not '{run.scenario(index).id}'")
        kept = entry.get("kept") or {}
        if not isinstance(kept, dict) or not all(isinstance(v, bool) for v in kept.values()):
            raise CampaignError(f"summit {index + 1}: the promises kept are not readable")
        if index and not run.plays[-1].over:
            raise CampaignError(f"summit {index + 1} opened before summit {index} ended")
        play = run.open_next({str(k): v for k, v in kept.items()})
        play.state.replay(entry["moves"])


def find_campaign(campaign_id: str, hint: str | None, path: Path | str = "") -> LoadedCampaign:
    """The campaign a save was played on: at its recorded path, else a bundled one with its id."""
    candidates = ([Path(hint)] if hint else []) + bundled_campaigns()
    for candidate in candidates:
        if candidate.is_file():
            loaded = load_campaign(candidate)
            if loaded.ok and loaded.campaign is not None and loaded.campaign.id == campaign_id:
                return loaded
    raise CampaignSaveError(path, f"campaign '{campaign_id}' not found (looked at {hint or 'no recorded path'} and the "
                             "bundled campaigns)")


@dataclass
class SavedCampaign:
    """One campaign save, for the resume list (``problem`` says why a damaged one cannot open)."""

    path: Path
    title: str
    side: str
    summit: int
    status: str
    problem: str | None = None


def list_campaign_saves(folder: Path | None = None) -> list[SavedCampaign]:
    """Every campaign save, newest file first; the damaged ones listed with their reasons."""
    folder = folder or campaigns_dir()
    paths = sorted(folder.glob("*.json"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True) \
        if folder.is_dir() else []
    out = []
    for path in paths:
        try:
            session = CampaignSession.open(path, autosave=False)
        except CampaignSaveError as exc:
            out.append(SavedCampaign(path, path.name, "?", 0, "damaged", exc.reason))
            continue
        run = session.run
        status = "finished" if run.finished else "in progress"
        out.append(SavedCampaign(path, run.campaign.title, run.side, len(run.plays), status))
    return out


class SummitSession(SavedEachMove):
    """One summit of a campaign as a :class:`~game.session.GameSession`: the TUI and plain mode play
    it like any game, and every move saves the whole campaign."""

    def __init__(self, campaign: CampaignSession, state: State, scenario_path: Path):
        self.campaign = campaign
        self.state = state
        self.scenario_path: Path | None = scenario_path
        #: None: the campaign's save keeps the game (and exports are named after the summit, not the campaign).
        self.save_path: Path | None = None


    def log(self) -> dict[str, Any]:
        """The summit as a game log (what exports hold): the engine's log, with its opening, and its scenario file."""
        data = self.state.to_log()
        data["scenario"]["path"] = str(self.scenario_path.resolve()) if self.scenario_path else None
        data["scenario"]["title"] = self.state.scenario.title
        data["round"] = self.state.round
        return data

    def save(self) -> None:
        self.campaign.save()
