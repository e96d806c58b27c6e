"""``parley analyze`` and ``parley simulate``: the documented output, checked against the engine.

Most runs go through ``game.cli.main`` in-process (fast); the exit-code and no-traceback
checks run the real command in a subprocess.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from game import cli
from game.engine import Rules, analyze_rules, simulate
from game.scenario import bundled_paths, load_or_raise

from .builders import scenario

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = bundled_paths()
PM_VISIT = next(p for p in BUNDLED if p.name.startswith("004-"))
SIMULATE = ["simulate", str(PM_VISIT), "--games", "200", "--strategy", "us=boulware",
            "--strategy", "pk=conceder", "--seed", "3", "--json"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def parley(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def check_package(entry: Any, rules: Rules) -> tuple[float, float]:
    """A ``{"package": {issue: option}, "utility": {actor: float}}`` entry in scenario ids."""
    assert isinstance(entry, dict) and {"package", "utility"} <= set(entry)
    package, utility = entry["package"], entry["utility"]
    assert list(package) == rules.issue_ids
    for i, issue in enumerate(rules.issue_ids):
        assert package[issue] in rules.option_ids[i]
    assert list(utility) == list(rules.actor_ids)
    assert all(type(v) is float and 0.0 <= v <= 1.0 for v in utility.values())
    p = rules.package_of(package)
    assert [utility[a] for a in rules.actor_ids] == pytest.approx(list(rules.base_utilities[:, p]), abs=1e-6)
    return utility[rules.actor_ids[0]], utility[rules.actor_ids[1]]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_analyze_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    code, out, err = run(capsys, "analyze", str(path), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert {"outcomes", "agreement_zone", "reservation", "pareto", "nash", "kalai_smorodinsky"} <= set(data)
    rules = Rules(load_or_raise(path))
    analysis = analyze_rules(rules)
    assert type(data["outcomes"]) is int and data["outcomes"] == rules.space.size
    assert type(data["agreement_zone"]) is int and data["agreement_zone"] == len(analysis.zone) > 0
    assert data["reservation"] == {a.id: a.reservation for a in rules.scenario.actors}
    assert isinstance(data["pareto"], list) and len(data["pareto"]) == len(analysis.pareto)
    points = [check_package(entry, rules) for entry in data["pareto"]]
    assert [rules.package_of(e["package"]) for e in data["pareto"]] == [int(p) for p in analysis.pareto]
    assert points == sorted(points, key=lambda u: u[0])
    for key, package in (("nash", analysis.nash), ("kalai_smorodinsky", analysis.kalai_smorodinsky)):
        check_package(data[key], rules)
        assert rules.package_of(data[key]["package"]) == package
        assert data[key] in data["pareto"], f"{key} is not on the frontier"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_analyze_text_is_readable(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    code, out, err = run(capsys, "analyze", str(path))
    assert code == 0 and err == ""
    s = load_or_raise(path)
    rules = Rules(s)
    analysis = analyze_rules(rules)
    assert out.startswith(s.title)
    assert f"Outcome space: {rules.space.size:,} packages over {len(s.issues)} issues." in out
    assert f"Agreement zone: {len(analysis.zone):,} packages" in out
    assert f"Pareto frontier ({len(analysis.pareto)} packages" in out
    assert "Nash bargaining solution" in out and "Kalai-Smorodinsky solution" in out
    assert analysis.nash is not None
    for issue, option in rules.choice_of(analysis.nash).items():
        label = next(o.label for o in s.issue(issue).options if o.id == option)
        assert f"{s.issue(issue).name}: {label}" in out
    assert not re.search(r"np\.|array\(|\bnan\b|None|Traceback|\{", out)
    assert not re.search(r"\d\.\d{4,}", out), "unrounded numbers"


def test_analyze_refuses_a_space_too_large(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    issues = {f"issue-{i}": [f"o{k}" for k in range(10)] for i in range(7)}
    values = {a: {i: [k / 9 for k in range(10)] for i in issues} for a in ("a", "b")}
    weights = {a: {i: 1.0 for i in issues} for a in ("a", "b")}
    big = scenario(issues, values, weights, {"a": 0.1, "b": 0.1})
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump(big.model_dump(mode="json", exclude_defaults=True), allow_unicode=True),
                    encoding="utf-8")
    code, out, err = run(capsys, "analyze", str(path), "--json")
    assert code == 1 and out == ""
    assert err.strip() == (f"{path}: error: issues: 10,000,000 packages is more than the 5,000,000 the engine "
                           "handles exactly; merge options or split the scenario")


# -- simulate ---------------------------------------------------------------------------------

def test_simulate_json_is_deterministic_and_matches_the_engine(capsys: pytest.CaptureFixture[str]) -> None:
    code, first, err = run(capsys, *SIMULATE)
    assert code == 0 and err == ""
    code, second, _ = run(capsys, *SIMULATE)
    assert code == 0 and first == second
    data = json.loads(first)
    rules = Rules(load_or_raise(PM_VISIT))
    result = simulate(rules, 200, (("boulware", "normal"), ("conceder", "normal")), seed=3)
    summary = result.summary()
    assert data["games"] == 200 and data["seed"] == 3
    assert data["strategies"] == {"us": "boulware/normal", "pk": "conceder/normal"}
    assert data["agreement_rate"] == pytest.approx(summary["agreement_rate"], abs=1e-6)
    assert data["walkaway_rate"] == pytest.approx(summary["walkaway_rate"], abs=1e-6)
    assert data["mean_rounds"] == pytest.approx(summary["mean_rounds"], abs=1e-4)
    assert data["mean_utility"] == pytest.approx({"us": summary["mean_utility_0"], "pk": summary["mean_utility_1"]},
                                                 abs=1e-6)
    gains = result.gains
    assert data["mean_gain"] == pytest.approx({"us": float(gains[:, 0].mean()), "pk": float(gains[:, 1].mean())},
                                              abs=1e-6)
    assert data["walked_out"] == pytest.approx({"us": float((result.walked_by == 0).mean()),
                                                "pk": float((result.walked_by == 1).mean())}, abs=1e-6)
    assert sum(data["walked_out"].values()) == pytest.approx(data["walkaway_rate"], abs=2e-6)
    assert 0.0 < data["agreement_rate"] < 1.0, "a degenerate run checks little"
    other = simulate(rules, 200, (("boulware", "normal"), ("conceder", "normal")), seed=4).summary()
    assert other != summary, "the seed makes no difference"


def test_simulate_text_reports_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *SIMULATE[:-1])
    assert code == 0 and err == ""
    assert out.startswith('200 computer games of "') and "(seed 3, " in out
    names = [a.name for a in load_or_raise(PM_VISIT).actors]
    assert f"Strategies: {names[0]} = boulware/normal, {names[1]} = conceder/normal" in out
    assert "Deals: " in out and "Nash point: " in out


@pytest.mark.parametrize(("spec", "fragment"), [
    ("us=bogus", "unknown strategy 'bogus'"),
    ("us=boulware/expert", "unknown difficulty 'expert'"),
    ("xx=boulware", "with ACTOR one of us, pk"),
    ("boulware", "write ACTOR=STRATEGY[/DIFFICULTY]"),
    ("us=human", "simulations are computer against computer"),
])
def test_bad_strategy_is_a_usage_error(capsys: pytest.CaptureFixture[str], spec: str, fragment: str) -> None:
    code, out, err = run(capsys, "simulate", str(PM_VISIT), "--games", "5", "--strategy", spec)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"--strategy {spec}: ") and fragment in err


def test_bad_strategy_for_real() -> None:
    proc = parley("simulate", str(PM_VISIT), "--strategy", "us=bogus")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("--strategy us=bogus: unknown strategy 'bogus'; choose human or one of")


def test_simulate_needs_at_least_one_game(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "simulate", str(PM_VISIT), "--games", "0")
    assert code == 2 and out == "" and err.strip() == "--games must be at least 1"


def test_negative_seed_is_a_usage_error() -> None:
    proc = parley("simulate", str(PM_VISIT), "--games", "5", "--seed", "-1")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "--seed" in proc.stderr


def test_a_side_gets_one_strategy(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "simulate", str(PM_VISIT), "--games", "5",
                         "--strategy", "us=linear", "--strategy", "us=boulware")
    assert code == 2 and out == ""
    assert err.strip() == "--strategy us=boulware: us already has a strategy; give one per side"
