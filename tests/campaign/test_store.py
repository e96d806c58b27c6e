"""A campaign saves after every move, resumes where it was left and replays byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.campaign import CampaignSaveError, CampaignSession, list_campaign_saves
from game.engine import Seat
from game.scenario.campaign_checks import BUNDLED_CAMPAIGNS, load_campaign

from .bot import play_summits

BUNDLED = BUNDLED_CAMPAIGNS / "pakistan-us.yaml"


@pytest.fixture(scope="module")
def loaded():  # -> LoadedCampaign
    return load_campaign(BUNDLED)


def new(loaded, path: Path, seed: int = 7, side: str = "pk") -> CampaignSession:  # loaded: LoadedCampaign
    return CampaignSession.new(loaded, seed, side, Seat.parse("adaptive/normal"), timestamps=False, save_path=path)


def test_a_campaign_saved_midway_resumes_to_the_same_file_as_one_played_straight(loaded, tmp_path: Path) -> None:
    straight = new(loaded, tmp_path / "straight.json")
    play_summits(straight, 5)
    assert straight.run.finished
    halfway = new(loaded, tmp_path / "halfway.json")
    play_summits(halfway, 3, stop_after_moves=2)
    saved = json.loads((tmp_path / "halfway.json").read_text(encoding="utf-8"))
    assert len(saved["summits"]) == 3 and saved["status"] == "in a summit"
    assert set(saved) == {"format", "engine", "campaign", "seed", "side", "opponent", "summits", "status", "check"}
    resumed = CampaignSession.open(tmp_path / "halfway.json")
    assert len(resumed.run.plays[-1].state.history) == len(halfway.run.plays[-1].state.history)
    play_summits(resumed, 3)
    assert resumed.run.finished
    assert (tmp_path / "halfway.json").read_bytes() == (tmp_path / "straight.json").read_bytes()
    # Replaying the save writes it again byte for byte; the opponent remembers (the openings come from history).
    replayed = CampaignSession.open(tmp_path / "straight.json", autosave=False)
    assert replayed.text().encode("utf-8") == (tmp_path / "straight.json").read_bytes()
    later = [p.state.opening for p in replayed.run.plays[1:]]
    assert all(o.trust is not None and o.credibility for o in later)
    assert replayed.run.plays[0].state.opening.empty


def test_a_different_seed_is_another_campaign(loaded, tmp_path: Path) -> None:
    one, two = new(loaded, tmp_path / "a.json", seed=7), new(loaded, tmp_path / "b.json", seed=8)
    play_summits(one, 1)
    play_summits(two, 1)
    assert one.run.plays[0].state.seed != two.run.plays[0].state.seed


def test_an_edited_save_is_refused_and_left_alone(loaded, tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    play_summits(new(loaded, path), 1, stop_after_moves=3)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["seed"] = 8
    text = json.dumps(data)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CampaignSaveError, match="check does not match"):
        CampaignSession.open(path)
    assert path.read_text(encoding="utf-8") == text
    data["campaign"]["hash"] = "0" * 64
    data.pop("check")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CampaignSaveError, match="has changed since"):
        CampaignSession.open(path)


def test_the_resume_list_shows_campaigns_in_progress_and_damaged_ones(loaded, parley_home: Path) -> None:
    session = CampaignSession.new(loaded, 3, "us", Seat.parse("boulware/easy"), timestamps=False)
    assert session.save_path is not None and session.save_path.parent == parley_home / "saves" / "campaigns"
    (session.save_path.parent / "junk.json").write_text("{", encoding="utf-8")
    saves = {s.path.name: s for s in list_campaign_saves()}
    assert saves[session.save_path.name].status == "in progress" and saves[session.save_path.name].side == "us"
    assert saves["junk.json"].problem is not None
