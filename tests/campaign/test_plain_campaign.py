"""``parley campaign --plain``: a scripted campaign prints the same transcript every time (a golden
file), ends with the campaign debrief, and ``--json-summary`` writes the summary's exact shape.

To regenerate after a change to the campaign, a bundled scenario or plain mode's prompts:

    .venv/bin/python -m tests.campaign.bot pk 7 adaptive/normal tests/data/campaign/pk-adaptive-7.txt
    PARLEY_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/campaign/test_plain_campaign.py

(the first line rewrites the script the bot plays, the second the expected transcript;
tests/data/campaign/README.md says the same).
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from game import cli
from game.campaign.options import CampaignOptions
from game.plain.campaign import run_campaign_plain
from game.scenario.campaign_checks import BUNDLED_CAMPAIGNS

DATA = Path(__file__).resolve().parents[1] / "data" / "campaign"
SCRIPT = DATA / "pk-adaptive-7.txt"
GOLDEN = DATA / "pk-adaptive-7.expected"
YEAR_ORDER = ["ninety-percent-2011", "spy-chiefs-2012", "after-the-tweet-2018", "blinken-burns-2021",
              "prime-minister-in-washington"]


def transcript() -> tuple[int, str]:
    out = io.StringIO()
    options = CampaignOptions(path=BUNDLED_CAMPAIGNS / "pakistan-us.yaml", side="pk", opponent="adaptive/normal",
                              seed=7, timestamps=False)
    code = run_campaign_plain(options, io.StringIO(""), out, script=str(SCRIPT))
    return code, out.getvalue()


def test_the_scripted_campaign_matches_its_golden_transcript() -> None:
    code, text = transcript()
    assert code == 0
    assert "Summit 5 of 5, after 2022" in text and "Campaign debrief:" in text
    assert text.count("What the past brings to the table:") == 4
    assert "Traceback" not in text and "Stopped." not in text
    debrief = text[text.index("Campaign debrief:"):]
    assert all(len(line) <= 80 for line in debrief.splitlines())
    if os.environ.get("PARLEY_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_the_json_summary_has_exactly_its_shape(tmp_path: Path, parley_home: Path, capsys) -> None:
    out = tmp_path / "summary.json"
    code = cli.main(["campaign", "--plain", "--side", "pk", "--opponent", "adaptive/normal", "--seed", "7",
                     "--script", str(SCRIPT), "--no-timestamps", "--json-summary", str(out)])
    assert code == 0
    assert "Campaign debrief:" in capsys.readouterr().out
    summary = json.loads(out.read_text(encoding="utf-8"))
    assert set(summary) == {"summits", "trust"}
    assert [s["scenario"] for s in summary["summits"]] == YEAR_ORDER
    for summit in summary["summits"]:
        assert set(summit) == {"scenario", "result", "trust_end", "gain"}
        assert summit["result"] in ("deal", "no deal")
        assert isinstance(summit["trust_end"], float) and 0 <= summit["trust_end"] <= 1
        assert set(summit["gain"]) == {"us", "pk"} and all(isinstance(g, float) for g in summit["gain"].values())
    assert len(summary["trust"]) == 10 and all(isinstance(t, float) for t in summary["trust"])
    assert summary["trust"][1::2] == [s["trust_end"] for s in summary["summits"]]
    # The save replays: every interlude, every summit's moves and the same campaign debrief.
    save = next((parley_home / "saves" / "campaigns").glob("*.json"))
    assert cli.main(["campaign", "--plain", "--replay", str(save)]) == 0
    replay = capsys.readouterr().out
    assert replay.count("Summit ") >= 5 and "Campaign debrief:" in replay


def test_bad_arguments_are_refused_in_one_line(capsys) -> None:  # capsys: CaptureFixture[str]
    assert cli.main(["campaign", "--plain", "--opponent", "human"]) == 2
    assert cli.main(["campaign", "--json-summary", "x.json"]) == 2
    assert cli.main(["campaign", "--plain", "--seed", "x7"]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 3 and "against the computer" in errors[0] and "--plain" in errors[1]
