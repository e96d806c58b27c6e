"""docs/authoring.md's field reference is generated from the models and must stay current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.authoring.reference import BEGIN, END, markdown, section, splice
from game.scenario import models

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "authoring.md"


def test_guide_reference_is_up_to_date() -> None:
    assert section(GUIDE.read_text(encoding="utf-8")) == markdown(), (
        "docs/authoring.md's field reference is stale: run `.venv/bin/python -m game.authoring.reference --write`"
    )


def test_reference_covers_every_field_of_every_model() -> None:
    text = markdown()
    for model in (models.Scenario, models.Actor, models.Constituency, models.Citation, models.Tactic,
                  models.Effects, models.Issue, models.Option, models.Preference, models.RedLine,
                  models.Event, models.EventConditions, models.Briefings, models.Source, models.SeedNote,
                  models.Crisis, models.CrisisResponse, models.Intelligence):
        assert f"\n### {model.__name__}\n" in text
        for field in model.model_fields:
            assert f"| `{field}` |" in text, (model.__name__, field)


def test_schema_markdown_prints_the_reference() -> None:
    proc = subprocess.run([sys.executable, "-m", "game", "schema", "--markdown"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60)
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout == markdown()


def test_splice_replaces_only_the_generated_section() -> None:
    document = f"# Guide\n\nprose\n\n{BEGIN}\nold\n{END}\n\nmore prose\n"
    fresh = splice(document, "new\n")
    assert fresh == f"# Guide\n\nprose\n\n{BEGIN}\nnew\n{END}\n\nmore prose\n"
    assert section(fresh) == "new\n"
