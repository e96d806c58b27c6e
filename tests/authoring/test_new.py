"""`parley new`: the starter validates cleanly, plays to the end and teaches every field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from game import cli
from game.authoring import starter
from game.authoring.balance import balance
from game.commands.authoring import schema_reference
from game.engine import Game, Rules, analyze_rules
from game.engine.lint import space_findings
from game.scenario import load, models
from game.scenario.attribution import claims
from game.scenario.loader import PROJECT_ROOT


def new(tmp_path: Path, *args: str, name: str = "demo.yaml") -> tuple[int, Path]:
    path = tmp_path / "talks" / name
    return cli.main(["new", str(path), *args]), path


def problems(path: Path) -> list[str]:
    """Everything `parley validate` would print for ``path``."""
    loaded = load(path)
    found = [d.format() for d in loaded.diagnostics]
    if loaded.scenario is not None:
        found += [f"{severity}: {message}" for severity, _, message in space_findings(loaded.scenario)]
    return found


@pytest.mark.parametrize("issues", range(starter.MIN_ISSUES, starter.MAX_ISSUES + 1))
def test_starter_validates_cleanly_and_plays(tmp_path: Path, issues: int, capsys: pytest.CaptureFixture[str]) -> None:
    code, path = new(tmp_path, "--issues", str(issues), "--title", "River talks")
    assert code == 0, capsys.readouterr()
    assert problems(path) == []
    scenario = load(path).scenario
    assert scenario is not None and len(scenario.issues) == issues
    assert all(len(issue.options) == 3 for issue in scenario.issues)
    assert scenario.title == "River talks"

    state = Game(scenario).new_state(7)
    state.advance()
    assert state.is_terminal

    # A real agreement zone, red lines that bind and a trade-off on every issue.
    rules = Rules(scenario)
    report = balance(rules, analyze_rules(rules), simulated=False)
    assert 0.05 <= report.zone / report.outcomes <= 0.3
    assert report.idle_red_lines == () and report.shared_issues == ()


def test_default_starter_is_balanced(tmp_path: Path) -> None:
    code, path = new(tmp_path)
    assert code == 0
    scenario = load(path).scenario
    assert scenario is not None and len(scenario.issues) == starter.DEFAULT_ISSUES
    report = balance(Rules(scenario), games=60)
    assert report.better is not None and max(report.better) < 0.65
    assert report.advice[0].startswith("No balance problems found")


def test_game_reaches_a_terminal_state(tmp_path: Path) -> None:
    code, path = new(tmp_path, "--issues", "3")
    scenario = load(path).scenario
    assert code == 0 and scenario is not None
    for seed in range(5):
        state = Game(scenario).new_state(seed)
        state.advance()
        assert state.is_terminal, seed


def test_starter_shows_every_field_of_the_format(tmp_path: Path) -> None:
    """Every section and field appears, so the starter doubles as a reference by example."""
    code, path = new(tmp_path)
    assert code == 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    used: set[tuple[str, str]] = set()

    def walk(node: Any, model: type[BaseModel]) -> None:
        if not isinstance(node, dict):
            return
        for key, value in node.items():
            used.add((model.__name__, key))
            child = CHILDREN.get((model.__name__, key))
            if child is None:
                continue
            kind, sub = child
            if kind == "one":
                walk(value, sub)
            elif kind == "list":
                for item in value:
                    walk(item, sub)
            elif kind == "map":
                for item in value.values():
                    walk(item, sub)
            elif kind == "map-map":
                for inner in value.values():
                    for item in inner.values():
                        walk(item, sub)
            elif kind == "map-list":
                for inner in value:
                    for item in value[inner]:
                        walk(item, sub)

    walk(data, models.Scenario)
    everything = {
        (m.__name__, f)
        for m in (models.Scenario, models.Actor, models.Constituency, models.Tactic, models.Effects,
                  models.Citation, models.Issue, models.Option, models.Preference, models.RedLine,
                  models.Event, models.EventConditions, models.Briefings, models.SeedNote, models.Crisis,
                  models.CrisisResponse, models.Intelligence)
        for f in m.model_fields
    }
    missing = everything - used - {("Scenario", "source")}
    assert not missing, sorted(missing)
    assert "`source:` is for imported models only" in path.read_text(encoding="utf-8")


CHILDREN: dict[tuple[str, str], tuple[str, type[BaseModel]]] = {
    ("Scenario", "actors"): ("list", models.Actor),
    ("Scenario", "issues"): ("list", models.Issue),
    ("Scenario", "preferences"): ("map-map", models.Preference),
    ("Scenario", "red_lines"): ("map-list", models.RedLine),
    ("Scenario", "events"): ("list", models.Event),
    ("Scenario", "briefings"): ("one", models.Briefings),
    ("Scenario", "seed_notes"): ("list", models.SeedNote),
    ("Scenario", "intelligence"): ("map", models.Intelligence),
    ("Intelligence", "citation"): ("one", models.Citation),
    ("Event", "crisis"): ("one", models.Crisis),
    ("Crisis", "responses"): ("list", models.CrisisResponse),
    ("CrisisResponse", "effects"): ("one", models.Effects),
    ("CrisisResponse", "citation"): ("one", models.Citation),
    ("Actor", "constituency"): ("one", models.Constituency),
    ("Actor", "tactics"): ("list", models.Tactic),
    ("Constituency", "citation"): ("one", models.Citation),
    ("Tactic", "effects"): ("one", models.Effects),
    ("Tactic", "citation"): ("one", models.Citation),
    ("Issue", "options"): ("list", models.Option),
    ("Preference", "citation"): ("one", models.Citation),
    ("RedLine", "citation"): ("one", models.Citation),
    ("Event", "conditions"): ("one", models.EventConditions),
    ("Event", "effects"): ("one", models.Effects),
    ("Event", "citations"): ("list", models.Citation),
}


def test_starter_teaches_every_speaker(tmp_path: Path) -> None:
    """Every citation says who speaks, officials name their side, and a game assumption gives a reason."""
    code, path = new(tmp_path)
    assert code == 0
    scenario = load(path).scenario
    assert scenario is not None
    cites = [cite for claim in claims(scenario) for _, cite in claim.citations]
    assert cites and all(cite.said_by is not None for cite in cites)
    assert {"official", "report", "game"} <= {cite.said_by for cite in cites}
    assert all(cite.side in ("north", "south") for cite in cites if cite.said_by == "official")
    game = [cite for cite in cites if cite.is_game]
    assert all(cite.reason and cite.quote is None and cite.seed is None for cite in game)
    assert scenario.hypothetical and [note.seed for note in scenario.seed_notes] == ["demo-notes.txt"]
    text = path.read_text(encoding="utf-8")
    for word in ("official", "analyst", "author", "report", "game"):
        assert f"#   {word}" in text  # the comment that explains the five speakers


def test_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, path = new(tmp_path)
    assert code == 0
    before = path.read_text(encoding="utf-8")
    capsys.readouterr()
    code, _ = new(tmp_path)
    out, err = capsys.readouterr()
    assert code == 1
    assert out == "" and len(err.splitlines()) == 1 and "already exists" in err
    assert path.read_text(encoding="utf-8") == before


def test_issue_count_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, path = new(tmp_path, "--issues", "9")
    assert code == 2 and not path.exists()
    assert "--issues must be between 2 and 8" in capsys.readouterr().err


def test_seed_notes_are_written_once_and_quoted(tmp_path: Path) -> None:
    code, path = new(tmp_path, name="005-river-talks.yaml")
    assert code == 0
    notes = path.parent / "seeds" / "river-talks-notes.txt"
    assert notes.is_file() and "PLACEHOLDER" in notes.read_text(encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert "id: river-talks" in text and "seed: river-talks-notes.txt" in text
    assert "Replace it with the real article" in text
    # A second starter in the same folder with the same slug keeps the existing notes.
    notes.write_text(notes.read_text(encoding="utf-8") + "\nmy own notes\n", encoding="utf-8")
    code, _ = new(tmp_path, name="006-river-talks.yaml")
    assert code == 0 and "my own notes" in notes.read_text(encoding="utf-8")


def test_schema_comment_outside_the_project_writes_a_schema(tmp_path: Path) -> None:
    code, path = new(tmp_path)
    assert code == 0
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=scenario.schema.json"
    schema = json.loads((path.parent / "scenario.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Scenario" and "source" in schema["properties"]


def test_schema_comment_inside_the_project_points_at_the_committed_schema() -> None:
    assert schema_reference(PROJECT_ROOT / "scenarios" / "new.yaml") == ("scenario.schema.json", None)
    deeper = schema_reference(PROJECT_ROOT / "drafts" / "x" / "new.yaml")
    assert deeper == ("../../scenarios/scenario.schema.json", None)
