"""Campaign files are checked like scenarios: every problem at FILE:LINE:COL, in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import cli
from game.scenario.campaign import campaign_schema_text
from game.scenario.campaign_checks import BUNDLED_CAMPAIGNS, bundled_campaigns, load_campaign
from game.scenario.loader import BUNDLED_SCENARIOS, bundled_paths

BUNDLED = BUNDLED_CAMPAIGNS / "pakistan-us.yaml"


def test_the_bundled_campaign_is_valid_and_plays_the_five_summits_in_year_order() -> None:
    loaded = load_campaign(BUNDLED)
    assert loaded.ok and not loaded.diagnostics, [d.format() for d in loaded.diagnostics]
    assert [s.id for s, _ in loaded.scenarios] == [
        "ninety-percent-2011", "spy-chiefs-2012", "after-the-tweet-2018", "blinken-burns-2021",
        "prime-minister-in-washington"]
    assert bundled_campaigns() == [BUNDLED]
    assert not any("campaigns" in str(p) for p in bundled_paths())  # never listed as a scenario


def test_the_committed_schema_is_the_models_schema() -> None:
    assert (BUNDLED_CAMPAIGNS / "campaign.schema.json").read_text(encoding="utf-8") == campaign_schema_text()
    assert json.loads(campaign_schema_text())["properties"]["summits"]["maxItems"] >= 5


def broken(tmp_path: Path, old: str, new: str, count: int = 1) -> tuple[Path, int]:
    """The bundled campaign in ``tmp_path`` with ``old`` replaced by ``new``; the line of the change."""
    text = BUNDLED.read_text(encoding="utf-8").replace("scenario: ../", f"scenario: {BUNDLED_SCENARIOS}/")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path, line


CASES = [
    ("  trust_kept: 0.6", "  trust_kept: 1.5", "carry.trust_kept", "must be at most 1.0"),
    ("quote: \"But analysts expect this progress to be short-lived\"",
     "quote: \"But analysts expect this progress to be long-lived\"", "quote", "quote not found in seeds/000_"),
    ("options: [offensive, sustained, constrain]", "options: [offensive, sustained, contain]", "when.options[2]",
     "unknown option `contain`"),
    ("by: us\n        text: >-\n          Washington coordinates", "by: uk\n        text: >-\n          Washington "
     "coordinates", "promises[1].by", "unknown actor `uk`"),
    ("001-ninety-percent-2011.yaml", "001-ninety-percent-2012.yaml", "summits[0].scenario", "not found"),
]


@pytest.mark.parametrize(("old", "new", "where", "words"), CASES)
def test_a_broken_campaign_says_where_and_what(tmp_path: Path, old: str, new: str, where: str, words: str) -> None:
    path, line = broken(tmp_path, old, new)
    loaded = load_campaign(path)
    assert not loaded.ok
    found = [d for d in loaded.errors if where in d.field and words in d.message]
    assert found, [d.format() for d in loaded.diagnostics]
    assert found[0].line in (line, line + 1), found[0].format()
    assert found[0].format().startswith(f"{path}:{found[0].line}:{found[0].col}: error: ")


def test_summits_out_of_year_order_and_a_missing_interlude(tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace("scenario: ../", f"scenario: {BUNDLED_SCENARIOS}/")
    text = text.replace("001-ninety-percent-2011.yaml", "@@").replace("000-spy-chiefs-2012.yaml",
                                                                      "001-ninety-percent-2011.yaml")
    path = tmp_path / "order.yaml"
    path.write_text(text.replace("@@", "000-spy-chiefs-2012.yaml"), encoding="utf-8")
    messages = [d.format() for d in load_campaign(path).errors]
    assert any("summits[1].scenario" in m and "order of their years" in m for m in messages), messages
    assert any("interlude quotes the article of the summit it leads to" in m for m in messages), messages


def test_an_interlude_that_drops_a_hedge_is_warned(tmp_path: Path) -> None:
    path, _ = broken(tmp_path, "Analysts, it says, expect this progress to be short-lived.",
                        "This progress will be short-lived.")
    loaded = load_campaign(path)
    warnings = [d for d in loaded.warnings if "analyst" in d.message]
    assert loaded.ok and warnings, [d.format() for d in loaded.diagnostics]


def test_parley_validate_checks_campaign_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(BUNDLED)]) == 0
    path, line = broken(tmp_path, "  trust_kept: 0.6", "  trust_kept: 1.5")
    assert cli.main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line}:" in out and "carry.trust_kept" in out
