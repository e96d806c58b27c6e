"""The balance report: its numbers are simulate's, its findings are right, analyze and --suggest show them."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game import cli
from game.authoring.balance import (
    Balance,
    balance,
    balance_pairs,
    idle_red_lines,
    opponents,
    shared_issues,
)
from game.authoring.balance_output import balance_json
from game.authoring.games import COMPUTER, play_pairings
from game.authoring.genius import scenario_yaml
from game.authoring.home import constituency_utility, home, threshold_for
from game.authoring.suggest import Suggestion, Trial, suggest, suggestion_text, with_values
from game.commands.analyze import locator
from game.engine import Rules, analyze_rules, simulate
from game.engine.batch import Status, draw_tapes
from game.engine.simulate import play_block
from game.engine.strategies import REFERENCE
from game.scenario import load_or_raise
from game.scenario.models import RedLine, Scenario

ROOT = Path(__file__).resolve().parents[2]
SPY_CHIEFS = ROOT / "scenarios" / "000-spy-chiefs-2012.yaml"
GAMES, SEED = 24, 11


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules(load_or_raise(SPY_CHIEFS))


@pytest.fixture(scope="module")
def report(rules: Rules) -> Balance:
    return balance(rules, games=GAMES, seed=SEED)


def starter_scenario(tmp_path: Path) -> Scenario:
    path = tmp_path / "talks.yaml"
    assert cli.main(["new", str(path), "--issues", "4"]) == 0
    return load_or_raise(path)


def tilted(s: Scenario, r0: float, r1: float) -> Scenario:
    """``s`` with other reservation values (its thresholds kept)."""
    return with_values(s, (r0, r1, s.actors[0].constituency.threshold, s.actors[1].constituency.threshold))


# -- the games ----------------------------------------------------------------------------


def test_each_pairing_is_simulate_run_directly(rules: Rules, report: Balance) -> None:
    assert [p.strategies for p in report.pairings] == [(c, c) for c in COMPUTER]
    for pairing in (*report.pairings, *report.reference):
        a, b = pairing.strategies
        direct = simulate(rules, GAMES, ((a, "normal"), (b, "normal")), SEED).summary()
        assert pairing.agreement_rate == direct["agreement_rate"]
        assert pairing.better == (direct["better_0"], direct["better_1"])
        assert pairing.mean_utility == (direct["mean_utility_0"], direct["mean_utility_1"])
        assert pairing.mean_gain == (direct["mean_gain_0"], direct["mean_gain_1"])
        assert pairing.walkaway == (direct["walkaway_rate_0"], direct["walkaway_rate_1"])


def test_totals_weigh_pairings_by_games(report: Balance) -> None:
    agreed = np.mean([p.agreement_rate for p in report.pairings])
    better = np.mean([p.better for p in report.pairings], axis=0)
    assert report.no_deal_rate == pytest.approx(1 - agreed)
    assert report.better == pytest.approx(tuple(better))
    assert report.split == pytest.approx(better[0] / better.sum())
    assert report.games == len(COMPUTER) * GAMES


def test_ratification_counts_come_from_the_games(rules: Rules) -> None:
    """Attempts and failures are the batch's; each side's rejection chance is its curve at the deals."""
    pair = ("conceder", "conceder")
    (pairing,) = play_pairings(rules, [pair], GAMES, SEED)
    batch = play_block(rules, draw_tapes(rules, np.random.default_rng(SEED), GAMES), (
        (pair[0], "normal"), (pair[1], "normal")))
    deals = batch.deal[batch.status == Status.DEAL]
    assert pairing.attempts == int(batch.attempts.sum()) >= len(deals) == pairing.deals
    assert pairing.failed == pairing.attempts - len(deals)
    for side in (0, 1):
        assert pairing.rejection[side] == pytest.approx(float(np.sum(1 - rules.ratification[side, deals])))


def test_threads_change_nothing(rules: Rules) -> None:
    pairs = [("linear", "adaptive"), ("boulware", "boulware")]
    assert play_pairings(rules, pairs, 12, 3, workers=1) == play_pairings(rules, pairs, 12, 3, workers=2)


def test_reference_players_sit_in_both_seats_against_the_other_sides_style(rules: Rules, report: Balance) -> None:
    assert {(s.strategy, s.seat) for s in report.stubbornness} == {(r, seat) for r in REFERENCE for seat in (0, 1)}
    played = {p.strategies: p for p in (*report.pairings, *report.reference)}
    for s in report.stubbornness:
        (other,) = opponents(rules, s.seat, round_robin=False)
        assert other == rules.scenario.actors[1 - s.seat].style
        mine = played[(s.strategy, other) if s.seat == 0 else (other, s.strategy)]
        base = played[("linear", other) if s.seat == 0 else (other, "linear")]
        assert s.gain == mine.mean_gain[s.seat] and s.baseline_gain == base.mean_gain[s.seat]
        assert s.walked_out == mine.walkaway[1 - s.seat]
        assert s.pays == (s.gain >= s.baseline_gain - 1e-9)


def test_the_round_robin_plays_every_pairing(rules: Rules) -> None:
    computer, reference = balance_pairs(rules, round_robin=True)
    assert len(computer) == len(COMPUTER) ** 2 and len(set(computer)) == len(computer)
    assert len(reference) == 2 * len(REFERENCE) * len(COMPUTER)  # linear's pairings are computer ones
    quick, extra = balance_pairs(rules, round_robin=False)
    assert len(quick) == len(COMPUTER) and len(extra) == 6


def test_progress_counts_every_pairing(rules: Rules) -> None:
    seen: list[tuple[int, int]] = []
    balance(rules, games=4, progress=lambda done, total: seen.append((done, total)))
    total = sum(len(x) for x in balance_pairs(rules, round_robin=False))
    assert seen[-1] == (total, total) and sorted(seen) == seen


# -- ratification at home -----------------------------------------------------------------


def test_home_reads_the_logistic_curve(rules: Rules) -> None:
    analysis = analyze_rules(rules)
    for a, side in enumerate(home(rules, analysis)):
        assert set(side.points) == {"nash", "kalai_smorodinsky", "best_for_self", "best_for_other"}
        for verdict in side.points.values():
            u = constituency_utility(rules, a, verdict.package)
            expected = 1 / (1 + math.exp(-(u - side.threshold) / side.sensitivity))
            assert verdict.utility == u and verdict.chance == pytest.approx(expected)
            assert verdict.chance == pytest.approx(float(rules.ratification[a, verdict.package]))
        assert side.points["best_for_self"].package == analysis.best[a]
    for p in (0.2, 0.5, 0.8, 0.95):
        t = threshold_for(0.6, 0.08, p)
        assert 1 / (1 + math.exp(-(0.6 - t) / 0.08)) == pytest.approx(p)


def test_threshold_advice_in_plain_words(rules: Rules) -> None:
    """A constituency that sinks the Nash package is told the threshold that would pass it 80% of the time."""
    s = rules.scenario
    harsh = s.model_copy(update={"actors": [
        s.actors[0].model_copy(update={"constituency": s.actors[0].constituency.model_copy(update={"threshold": 0.8})}),
        s.actors[1],
    ]})
    strict = Rules(harsh)
    report = balance(strict, simulated=False)
    nash = report.home[0].points["nash"]
    line = next(a for a in report.advice if "passes the Nash package only" in a)
    target = threshold_for(nash.utility, report.home[0].sensitivity, 0.8)
    assert line.startswith("United States' constituency (Congress and the public) passes the Nash package only ")
    assert f"Lower the threshold to about {target:.2f} for 80% at the Nash package." in line

    lenient = s.model_copy(update={"actors": [
        s.actors[0].model_copy(update={"constituency": s.actors[0].constituency.model_copy(update={"threshold": 0.1})}),
        s.actors[1],
    ]})
    report = balance(Rules(lenient), simulated=False)
    assert any(a.startswith("United States' constituency (Congress and the public) passes even Pakistan's best "
                            "package") and "never bites" in a for a in report.advice)


# -- structure ------------------------------------------------------------------------------


def test_nash_gain_and_zone(rules: Rules) -> None:
    analysis = analyze_rules(rules)
    report = balance(rules, analysis, simulated=False)
    assert report.pairings == () and report.better is None and report.no_deal_rate is None
    assert report.zone == len(analysis.zone) and report.outcomes == analysis.outcomes
    assert report.nash == analysis.nash and report.kalai_smorodinsky == analysis.kalai_smorodinsky
    assert report.nash_gain == pytest.approx(tuple(analysis.utilities[:, analysis.nash] - analysis.reservation))
    data = balance_json(rules, analysis, report)
    assert data["simulation"] is None and data["ratification_failure_rate"] is None
    assert data["nash"]["words"][0].startswith("Drone strikes: ")


def test_an_idle_red_line_is_found(rules: Rules) -> None:
    s = rules.scenario
    (pk_line,) = s.red_lines["pk"]
    copy = RedLine(issue=pk_line.issue, options=pk_line.options, rationale="me too", citation=pk_line.citation)
    changed = Rules(s.model_copy(update={"red_lines": {**s.red_lines, "us": [*s.red_lines["us"], copy]}}))
    found = {(x.actor, x.index, x.issue) for x in idle_red_lines(changed, analyze_rules(changed))}
    # Barring what the other side already bars: each of the two lines alone now excludes nothing.
    assert {("pk", 0, "border"), ("us", len(s.red_lines["us"]), "border")} <= found
    report = balance(changed, simulated=False)
    assert any(a.startswith("Pakistan's red line on Border security (No new US commitment) never binds")
               for a in report.advice)


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


# -- advice and --suggest on a lopsided scenario -----------------------------------------------


def test_a_lopsided_scenario_gets_named_advice(tmp_path: Path) -> None:
    """A side with a poor alternative gains little over it: the other side wins the split."""
    s = starter_scenario(tmp_path)
    report = balance(Rules(tilted(s, 0.2, 0.55)), games=40)
    assert report.split is not None and report.split > 0.55
    assert any(a.startswith(f"{s.actors[0].name} gains more over its no-deal value than {s.actors[1].name} in")
               and "--suggest" in a for a in report.advice)


def test_suggest_balances_a_lopsided_scenario_and_its_numbers_are_the_reports(tmp_path: Path) -> None:
    s = tilted(starter_scenario(tmp_path), 0.2, 0.55)
    runs: list[int] = []
    found = suggest(s, games=30, budget=8, progress=lambda done, budget: runs.append(done))
    assert found.runs == len(runs) <= 8 and found.best.shortfall < found.start.shortfall
    assert found == suggest(s, games=30, budget=8)  # deterministic
    # What the suggestion promises is what the balance report then says.
    after = balance(Rules(with_values(s, found.best.values)), games=30)
    assert after.split == found.best.split and after.no_deal_rate == found.best.no_deal
    assert found.advice == after.advice
    changed = {(a, field) for a, field, _, _ in found.changes()}
    assert changed and changed <= {(a, f) for a in (0, 1) for f in ("reservation", "threshold")}


# -- the command line ---------------------------------------------------------------------


def parley(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_analyze_json_has_ratification_and_the_balance_games() -> None:
    proc = parley("analyze", str(SPY_CHIEFS), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    for key in ("scenario", "outcomes", "agreement_zone", "reservation", "pareto", "nash",
                "kalai_smorodinsky", "best", "worst", "win_sets", "ratification", "constituencies"):
        assert key in data
    for actor in ("us", "pk"):
        chances = data["ratification"][actor]
        assert set(chances) == {"nash", "kalai_smorodinsky", "best_for_self", "best_for_other"}
        assert all(0 <= p <= 1 for p in chances.values())
        assert set(data["constituencies"][actor]["utility"]) == set(chances)
        assert 0 <= data["balance"]["ratification_failure_rate"][actor] <= 1
    sim = data["balance"]["simulation"]
    assert len(sim["pairings"]) == len(COMPUTER) and sim["games"] == len(COMPUTER) * sim["games_per_pairing"]
    assert 0 <= sim["no_deal_rate"] <= 1 and set(sim["walkaway_rate"]) == {"us", "pk"}
    assert sim["ratification"]["failed"] <= sim["ratification"]["attempts"]
    assert {s["strategy"] for s in sim["reference"]["stubbornness"]} == set(REFERENCE)


def test_analyze_text_shows_home_games_and_stubbornness() -> None:
    text = parley("analyze", str(SPY_CHIEFS))
    assert text.returncode == 0
    assert text.stdout.startswith("Spy Chiefs in Washington (spy-chiefs-2012), 2012\nOutcome space: 576 packages")
    assert "Ratification at home: each constituency ratifies a package of utility u" in text.stdout
    assert "\nBalance\n" in text.stdout and "each of the five computer strategies against itself" in text.stdout
    assert "  Stubbornness (reference players; it must not pay):" in text.stdout
    quick = parley("analyze", str(SPY_CHIEFS), "--no-simulate")
    assert quick.returncode == 0 and "Computer games skipped (--no-simulate)." in quick.stdout


def test_analyze_suggest_runs_within_its_budget(tmp_path: Path) -> None:
    path = tmp_path / "lopsided.yaml"  # beside the starter's seeds/ folder, so its citations resolve
    path.write_text(scenario_yaml(tilted(starter_scenario(tmp_path), 0.2, 0.55), "scenario.schema.json"),
                    encoding="utf-8")
    proc = parley("analyze", str(path), "--suggest", "--suggest-runs", "3", "--json")
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)["suggestion"]
    assert found["runs"] <= 3 and found["budget"] == 3 and found["pairings"] == len(COMPUTER)
    for change in found["changes"]:
        assert change["path"] in {"actors.0.reservation", "actors.1.reservation", "actors.0.constituency.threshold",
                                  "actors.1.constituency.threshold"}


def test_a_suggestion_names_each_change_with_its_file_position(tmp_path: Path) -> None:
    """Each changed number is printed with the FILE:LINE:COL of the value to edit."""
    s = starter_scenario(tmp_path)
    path = tmp_path / "talks.yaml"
    start = Trial((0.2, 0.55, 0.4, 0.4), zone=10, split=0.9, no_deal=0.1)
    best = Trial((0.3, 0.55, 0.4, 0.36), zone=12, split=0.52, no_deal=0.15)
    text = suggestion_text(s, Suggestion(start, best, runs=5, games=100, pairings=5, seed=0, budget=30), locator(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    found = re.findall(r"(\w+'s) (reservation value|constituency threshold): (\d\.\d\d) -> (\d\.\d\d)   "
                       r"\(([^:]+):(\d+):(\d+)\)", text)
    assert [(who, what, old, new) for who, what, old, new, *_ in found] == [
        ("Northland's", "reservation value", "0.20", "0.30"), ("Southland's", "constituency threshold", "0.40", "0.36")]
    for _, what, _, _, file, line, col in found:
        assert file == str(path)
        key = "reservation:" if what == "reservation value" else "threshold:"
        assert lines[int(line) - 1][int(col) - 1 - len(key) - 1:].startswith(key), lines[int(line) - 1]
    assert "  All targets are met with these values." in text
