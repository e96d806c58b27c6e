"""The balance report: its numbers are simulate's, its structural findings are right, analyze shows it."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import product
from pathlib import Path

import numpy as np
import pytest

from game import cli
from game.authoring.balance import balance, balance_json, idle_red_lines, play_pairings, shared_issues
from game.engine import STRATEGIES, Rules, analyze_rules, simulate
from game.scenario import load_or_raise
from game.scenario.models import RedLine

ROOT = Path(__file__).resolve().parents[2]
SPY_CHIEFS = ROOT / "scenarios" / "000-spy-chiefs-2012.yaml"


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules(load_or_raise(SPY_CHIEFS))


def test_numbers_match_simulate_run_directly(rules: Rules) -> None:
    games, seed = 40, 11
    report = balance(rules, games=games, seed=seed)
    assert len(report.pairings) == len(STRATEGIES) ** 2
    agreed, better = [], []
    for pairing, (a, b) in zip(report.pairings, product(STRATEGIES, STRATEGIES), strict=True):
        assert pairing.strategies == (a, b)
        direct = simulate(rules, games, ((a, "normal"), (b, "normal")), seed).summary()
        assert pairing.agreement_rate == direct["agreement_rate"]
        assert pairing.better == (direct["better_0"], direct["better_1"])
        assert pairing.mean_utility == (direct["mean_utility_0"], direct["mean_utility_1"])
        agreed.append(direct["agreement_rate"])
        better.append((direct["better_0"], direct["better_1"]))
    assert report.no_deal_rate == pytest.approx(1 - np.mean(agreed))
    assert report.better == pytest.approx(tuple(np.mean(better, axis=0)))


def test_threads_change_nothing(rules: Rules) -> None:
    assert play_pairings(rules, 20, 3, workers=1) == play_pairings(rules, 20, 3, workers=2)


def test_nash_gain_and_zone(rules: Rules) -> None:
    analysis = analyze_rules(rules)
    report = balance(rules, analysis, simulated=False)
    assert report.pairings == () and report.better is None and report.no_deal_rate is None
    assert report.zone == len(analysis.zone) and report.outcomes == analysis.outcomes
    assert report.nash == analysis.nash and report.kalai_smorodinsky == analysis.kalai_smorodinsky
    assert report.nash_gain == pytest.approx(tuple(analysis.utilities[:, analysis.nash] - analysis.reservation))
    data = balance_json(rules, analysis, report)
    assert data["simulation"] is None
    assert data["nash"]["words"][0].startswith("Drone strikes: ")


def test_an_idle_red_line_is_found(rules: Rules) -> None:
    s = rules.scenario
    assert idle_red_lines(rules, analyze_rules(rules)) == []
    # Barring what the other side already bars: each line alone now excludes nothing.
    (pk_line,) = s.red_lines["pk"]
    copy = RedLine(issue=pk_line.issue, options=pk_line.options, rationale="me too", citation=pk_line.citation)
    changed = Rules(s.model_copy(update={"red_lines": {**s.red_lines, "us": [*s.red_lines["us"], copy]}}))
    found = idle_red_lines(changed, analyze_rules(changed))
    assert sorted((x.actor, x.index, x.issue) for x in found) == [("pk", 0, "border"), ("us", 3, "border")]
    report = balance(changed, simulated=False)
    assert any(a.startswith("Pakistan's red line on Border security (No new US commitment) never binds")
               for a in report.advice)


def test_a_red_line_below_the_reservation_value_never_binds(tmp_path: Path) -> None:
    """Two issues and demanding sides: whatever a red line bars is below a no-deal value anyway."""
    path = tmp_path / "two.yaml"
    assert cli.main(["new", str(path), "--issues", "2"]) == 0
    s = load_or_raise(path)
    strict = Rules(s.model_copy(update={"actors": [a.model_copy(update={"reservation": 0.4}) for a in s.actors]}))
    found = idle_red_lines(strict, analyze_rules(strict))
    assert [(x.actor, x.issue, x.options) for x in found] == [
        ("north", "water-share", ("south-60",)), ("south", "dam-filling", ("fast",))
    ]


def test_an_issue_without_trade_off_is_found(rules: Rules) -> None:
    s = rules.scenario
    assert shared_issues(rules) == []
    prefs = {a: dict(p) for a, p in s.preferences.items()}
    same = dict(prefs["us"]["border"].values)
    prefs["pk"]["border"] = prefs["pk"]["border"].model_copy(update={"values": same})
    changed = Rules(s.model_copy(update={"preferences": prefs}))
    (found,) = shared_issues(changed)
    assert found.issue == "border" and found.best == "none" and found.indifferent == ()
    report = balance(changed, simulated=False)
    assert any(a.startswith("Border security has no trade-off") for a in report.advice)


def test_lopsided_scenarios_get_named_advice() -> None:
    """Tilt a bundled scenario on purpose (a strong US alternative, a weak Pakistani one)."""
    s = load_or_raise(SPY_CHIEFS)
    tilted = s.model_copy(update={"actors": [
        s.actors[0].model_copy(update={"reservation": 0.55}),
        s.actors[1].model_copy(update={"reservation": 0.38}),
    ]})
    report = balance(Rules(tilted), games=60)
    assert report.better is not None and report.better[0] > 0.65
    assert any(a.startswith("United States does better than Pakistan in") and "reservation value" in a
               for a in report.advice)


def parley(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_analyze_keeps_its_output_and_adds_balance() -> None:
    proc = parley("analyze", str(SPY_CHIEFS), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    for key in ("scenario", "outcomes", "agreement_zone", "reservation", "pareto", "nash",
                "kalai_smorodinsky", "best", "worst"):
        assert key in data
    balance_data = data["balance"]
    assert set(balance_data) == {"zone", "nash", "kalai_smorodinsky", "simulation", "idle_red_lines",
                                 "no_tradeoff_issues", "advice"}
    sim = balance_data["simulation"]
    assert sim["games"] == 25 * sim["games_per_pairing"] and len(sim["pairings"]) == 25
    assert 0 <= sim["no_deal_rate"] <= 1 and set(sim["better_off"]) == {"us", "pk"}

    text = parley("analyze", str(SPY_CHIEFS))
    assert text.returncode == 0
    assert text.stdout.startswith("Spy Chiefs in Washington (spy-chiefs-2012), 2012\nOutcome space: 576 packages")
    assert "\nBalance\n" in text.stdout and "Computer against computer: 25 strategy pairings" in text.stdout

    quick = parley("analyze", str(SPY_CHIEFS), "--no-simulate")
    assert quick.returncode == 0 and "Computer games skipped (--no-simulate)." in quick.stdout
