"""GENIUS import/export: the same bargaining problem as GENIUS sees it, round trips, located errors.

The reference numbers are computed here, independently of the importer: a few lines of
ElementTree over the (trusted) sample files and a brute-force loop over every outcome,
scoring each as GENIUS does (normalised weight times evaluation over the issue's largest).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from game import cli
from game.authoring.genius import GeniusError, actor_names, export_genius, import_genius, scenario_yaml
from game.engine import Game, Rules, analyze_rules
from game.scenario import load, load_or_raise, load_text
from game.scenario.checks import DEMAND_CITATION_SHARE

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "genius"
DOMAINS = {
    "Laptop": ("laptop_domain.xml", "laptop_buyer_utility.xml", "laptop_seller_utility.xml"),
    "ItexvsCypress": ("ItexvsCypress_domain.xml", "ItexvsCypress_Itex.xml", "ItexvsCypress_Cypress.xml"),
    "Grocery": ("Grocery_domain.xml", "Grocery_domain_mary.xml", "Grocery_domain_sam.xml"),
}


def files(name: str) -> tuple[Path, list[Path]]:
    domain, a, b = DOMAINS[name]
    return DATA / name / domain, [DATA / name / a, DATA / name / b]


# -- the independent reference ---------------------------------------------------------------


def genius_outcomes(name: str) -> tuple[list[tuple[str, ...]], list[tuple[float, float]], tuple[float, float]]:
    """Every outcome (value names), its two utilities and the reservation values, from the XML."""
    domain, profiles = files(name)
    issues = [
        (issue.get("name"), [item.get("value") for item in issue.iter("item")])
        for issue in ET.parse(domain).getroot().iter("issue")
    ]
    scorers, reservations = [], []
    for path in profiles:
        root = ET.parse(path).getroot()
        weights = {w.get("index"): float(w.get("value")) for w in root.iter("weight")}
        total = sum(weights.values())
        table = {}
        for issue in root.iter("issue"):
            evals = {item.get("value"): float(item.get("evaluation")) for item in issue.iter("item")}
            top = max(evals.values())
            table[issue.get("name")] = (weights[issue.get("index")] / total, {v: e / top for v, e in evals.items()})
        scorers.append(table)
        found = root.find("reservation")
        reservations.append(float(found.get("value")) if found is not None else 0.0)
    outcomes = list(itertools.product(*(values for _, values in issues)))
    names = [n for n, _ in issues]
    utilities = [
        tuple(sum(s[n][0] * s[n][1][v] for n, v in zip(names, outcome, strict=True)) for s in scorers)
        for outcome in outcomes
    ]
    return outcomes, utilities, (reservations[0], reservations[1])


def reference(name: str) -> tuple[set[tuple[float, float]], float, set[tuple[str, ...]]]:
    """Pareto frontier (utility pairs), the Nash product's maximum and the outcomes reaching it."""
    outcomes, utilities, (r0, r1) = genius_outcomes(name)
    eps = 1e-9
    front = {
        (round(u0, 9), round(u1, 9))
        for (u0, u1) in utilities
        if u0 > r0 and u1 > r1
        and not any(v0 >= u0 - eps and v1 >= u1 - eps and (v0 > u0 + eps or v1 > u1 + eps) for v0, v1 in utilities)
    }
    products = [(u0 - r0) * (u1 - r1) if u0 > r0 and u1 > r1 else -1.0 for u0, u1 in utilities]
    best = max(products)
    nash = {o for o, p in zip(outcomes, products, strict=True) if p >= best - 1e-9}
    return front, best, nash


# -- tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DOMAINS))
def test_analyze_matches_genius(name: str) -> None:
    domain, profiles = files(name)
    scenario = import_genius(domain, profiles)
    rules = Rules(scenario)
    analysis = analyze_rules(rules)
    front, best, nash_outcomes = reference(name)

    assert {(round(float(u0), 9), round(float(u1), 9)) for u0, u1 in analysis.utilities[:, analysis.pareto].T} == front
    assert analysis.nash is not None
    assert analysis.nash_product(analysis.nash) == pytest.approx(best, abs=1e-9)
    labels = tuple(
        next(o.label for o in scenario.issue(issue).options if o.id == option)
        for issue, option in rules.choice_of(analysis.nash).items()
    )
    assert labels in nash_outcomes


@pytest.mark.parametrize("name", sorted(DOMAINS))
def test_import_is_a_valid_playable_scenario_with_an_honest_source(name: str, tmp_path: Path) -> None:
    domain, profiles = files(name)
    out = tmp_path / f"{name}.yaml"
    assert cli.main(["import-genius", str(domain), *map(str, profiles), "-o", str(out)]) == 0
    loaded = load(out)
    assert loaded.ok and loaded.scenario is not None, [d.format() for d in loaded.errors]
    s = loaded.scenario
    assert not any("nothing in this scenario is cited" in d.message for d in loaded.diagnostics)
    assert s.source is not None and s.source.kind == "genius"
    assert s.source.files == [domain.name, *(p.name for p in profiles)]
    assert "Imported model, not a news story" in s.briefings.public
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=scenario.schema.json\n")

    state = Game(s).new_state(3)
    state.advance()
    assert state.is_terminal


def test_main_demands_cite_their_profile_as_a_game_assumption() -> None:
    """No article states an imported weight: demands that need a citation get `said_by: game`."""
    domain, profiles = files("Laptop")
    s = import_genius(domain, profiles)
    for actor, profile in zip(s.actors, profiles, strict=True):
        prefs = s.preferences[actor.id]
        total = sum(p.weight for p in prefs.values())
        for pref in prefs.values():
            if pref.weight / total >= DEMAND_CITATION_SHARE:
                assert pref.citation is not None and pref.citation.said_by == "game"
                assert pref.citation.quote is None and profile.name in (pref.citation.reason or "")
            else:
                assert pref.citation is None
    text = scenario_yaml(s, "scenario.schema.json")
    loaded = load_text(text)
    assert loaded.ok and not [d for d in loaded.warnings if "said_by" in d.message or "cite" in d.message]


def test_names_ids_and_values_follow_genius() -> None:
    domain, profiles = files("Laptop")
    s = import_genius(domain, profiles)
    assert [a.name for a in s.actors] == ["Buyer", "Seller"] and [a.id for a in s.actors] == ["buyer", "seller"]
    assert [i.name for i in s.issues] == ["Laptop", "Harddisk", "External Monitor"]
    assert [o.id for o in s.issue("harddisk").options] == ["v-60-gb", "v-80-gb", "v-120-gb"]
    buyer = s.preferences["buyer"]["laptop"]
    assert buyer.weight == 0.4452125771655631
    assert buyer.values == {"dell": 12 / 30, "macintosh": 20 / 30, "hp": 1.0}
    assert [a.reservation for a in s.actors] == [0.0, 0.0]
    assert actor_names(["Grocery_domain_mary", "Grocery_domain_sam"]) == ["Mary", "Sam"]
    assert actor_names(["ItexvsCypress_Itex", "ItexvsCypress_Cypress"]) == ["Itex", "Cypress"]


@pytest.mark.parametrize("name", sorted(DOMAINS))
def test_round_trip_import_export_import(name: str, tmp_path: Path) -> None:
    domain, profiles = files(name)
    first = import_genius(domain, profiles)
    out = tmp_path / "out"
    yaml_file = tmp_path / "first.yaml"
    yaml_file.write_text(scenario_yaml(first, "scenario.schema.json"), encoding="utf-8")
    assert load_or_raise(yaml_file) == first  # the YAML writer loses nothing either
    assert cli.main(["export-genius", str(yaml_file), str(out)]) == 0
    exported = sorted(p.name for p in out.iterdir())
    assert exported == sorted([domain.name, *(p.name for p in profiles)])
    again = import_genius(out / domain.name, [out / p.name for p in profiles])
    assert again == first


def test_export_rescales_values_that_stop_short_of_one(tmp_path: Path) -> None:
    """GENIUS divides by each issue's best evaluation; the export keeps the same efficient packages."""
    domain, profiles = files("ItexvsCypress")
    base = import_genius(domain, profiles)
    prefs = {a: dict(p) for a, p in base.preferences.items()}
    first = base.issues[0].id
    halved = {o: v * 0.5 for o, v in prefs["itex"][first].values.items()}
    prefs["itex"][first] = prefs["itex"][first].model_copy(update={"values": halved})
    actors = [base.actors[0].model_copy(update={"reservation": 0.3}), base.actors[1]]
    changed = base.model_copy(update={"preferences": prefs, "actors": actors, "source": None})
    export = export_genius(changed)
    assert any("rescaled" in note for note in export.notes)

    for name, text in export.files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    back = import_genius(tmp_path / export.names[0], [tmp_path / n for n in export.names[1:]])
    rules_a, rules_b = Rules(changed), Rules(back)
    a, b = analyze_rules(rules_a), analyze_rules(rules_b)

    def labels(rules: Rules, package: int) -> tuple[str, ...]:
        return tuple(
            next(o.label for o in rules.scenario.issue(i).options if o.id == opt)
            for i, opt in rules.choice_of(package).items()
        )

    assert {labels(rules_a, int(p)) for p in a.pareto} == {labels(rules_b, int(p)) for p in b.pareto}
    assert a.nash is not None and b.nash is not None
    assert labels(rules_a, a.nash) == labels(rules_b, b.nash)


def test_export_of_an_article_scenario_notes_what_genius_cannot_hold(tmp_path: Path) -> None:
    bundled = ROOT / "scenarios" / "000-spy-chiefs-2012.yaml"
    export = export_genius(load_or_raise(bundled))
    assert export.names == ["spy-chiefs-2012_domain.xml", "spy-chiefs-2012_us.xml", "spy-chiefs-2012_pk.xml"]
    assert any("red lines" in note and "tactics" in note and "events" in note for note in export.notes)
    for name, text in export.files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    back = import_genius(tmp_path / export.names[0], [tmp_path / n for n in export.names[1:]])
    assert [a.id for a in back.actors] == ["us", "pk"]
    assert len(back.issues) == 5


BAD = {
    "unclosed.xml": ("<negotiation_template>\n<utility_space>\n<objective>\n</utility_space>\n", 4, "mismatched tag"),
    "doctype.xml": (
        '<?xml version="1.0"?>\n<!DOCTYPE b [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
        "<negotiation_template>&b;</negotiation_template>\n", 2, "DOCTYPE declarations are not allowed",
    ),
    "external.xml": ('<!DOCTYPE x SYSTEM "file:///etc/passwd">\n<negotiation_template/>\n', 1, "DOCTYPE"),
    "root.xml": ("<html>\n</html>\n", 1, "not a GENIUS domain"),
    "empty.xml": ("", 1, "XML syntax: no element found"),
    "integer.xml": (
        '<negotiation_template><utility_space><objective>\n<issue name="n" type="integer" lowerbound="1" '
        'upperbound="9"/>\n</objective></utility_space></negotiation_template>\n', 2, "only discrete issues",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_domain_is_one_located_line(name: str, tmp_path: Path) -> None:
    text, line, fragment = BAD[name]
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    _, profiles = files("Laptop")
    proc = subprocess.run(
        [sys.executable, "-m", "game", "import-genius", str(bad), *map(str, profiles), "-o", str(tmp_path / "o.yaml")],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    (message,) = proc.stderr.splitlines()
    assert message.startswith(f"{bad}:{line}:") and ": error: " in message and fragment in message, message
    assert not (tmp_path / "o.yaml").exists()


def test_bad_profile_points_at_the_item(tmp_path: Path) -> None:
    domain, (buyer, seller) = files("Laptop")
    text = seller.read_text(encoding="utf-8").replace('evaluation="20" description="gamer laptop"', 'evaluation="x"')
    bad = tmp_path / "seller.xml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(GeniusError) as caught:
        import_genius(domain, [buyer, bad])
    assert caught.value.format().startswith(f"{bad}:9:1: error: `evaluation` of <item> is not a number")
    missing = text.replace('<item index="3" value="HP"  cost="0" evaluation="x">\n</item>', "")
    bad.write_text(missing, encoding="utf-8")
    with pytest.raises(GeniusError, match="no evaluation for value"):
        import_genius(domain, [buyer, bad])


def test_source_replaces_citations_honestly() -> None:
    """Without citations a scenario is warned about; naming its source files is the honest alternative."""
    domain, profiles = files("Laptop")
    text = scenario_yaml(import_genius(domain, profiles), "scenario.schema.json")
    assert load_text(text).ok
    data = yaml.safe_load(text)
    del data["source"]
    loaded = load_text(yaml.safe_dump(data, sort_keys=False))
    assert loaded.ok
    assert any("nothing in this scenario is cited" in d.message for d in loaded.warnings)
