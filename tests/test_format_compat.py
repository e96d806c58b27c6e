"""Saves written by earlier versions of Parley keep loading.

``tests/data/legacy/`` holds a save written by format-1 Parley (which hashed every field of
a scenario, defaults included) and the scenario file it was played on. The hash is now
taken over what a file says plus a format version, so adding a field to the format no
longer breaks old saves; the old hashes are still accepted.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pydantic import Field

from game.scenario import hash_matches, load_or_raise, scenario_hash
from game.scenario.models import Scenario
from game.session import Session

LEGACY = Path(__file__).resolve().parent / "data" / "legacy"


def test_a_format_1_save_resumes_where_it_stopped(tmp_path: Path) -> None:
    scenario_file = shutil.copy(LEGACY / "spy-chiefs-format1.yaml", tmp_path / "spy-chiefs-format1.yaml")
    data = json.loads((LEGACY / "save-format1.json").read_text(encoding="utf-8"))
    data["scenario"]["path"] = str(scenario_file)
    save = tmp_path / "save.json"
    save.write_text(json.dumps(data), encoding="utf-8")
    session = Session.open(save, autosave=False)
    state = session.state
    assert len(state.history) == len(data["moves"]) == 6
    assert [r.move.to_dict() for r in state.history] == [
        {k: v for k, v in m.items() if k != "reason"} for m in data["moves"]]
    assert state.status == "ongoing" and state.current_actor == "us"


def test_format_1_hashes_are_accepted_but_no_longer_written() -> None:
    scenario = load_or_raise(LEGACY / "spy-chiefs-format1.yaml")
    recorded = json.loads((LEGACY / "save-format1.json").read_text(encoding="utf-8"))["scenario"]["hash"]
    assert hash_matches(scenario, recorded)
    assert scenario_hash(scenario) != recorded


def test_a_new_optional_field_left_at_its_default_changes_no_hash() -> None:
    """What format 1 could not do: the hash ignores fields a file does not set."""
    scenario = load_or_raise(LEGACY / "spy-chiefs-format1.yaml")
    before = scenario_hash(scenario)
    restated = scenario.model_validate(scenario.model_dump(exclude_defaults=True))
    assert scenario_hash(restated) == before
    changed = scenario.model_copy(update={"rounds": scenario.rounds + 1})
    assert scenario_hash(changed) != before


def test_a_field_added_to_the_format_later_changes_no_existing_hash() -> None:
    scenario = load_or_raise(LEGACY / "spy-chiefs-format1.yaml")

    class Later(Scenario):
        """The format with one more optional field, as a future version would add it."""

        mood: str = Field(default="calm", json_schema_extra={"since": 99})

    later = Later.model_validate(scenario.model_dump())
    assert scenario_hash(later) == scenario_hash(scenario)
    assert scenario_hash(later.model_copy(update={"mood": "tense"})) != scenario_hash(scenario)
