"""Load a campaign file and check it against its scenarios, every problem with its file position.

A campaign is checked like a scenario (the same bounded YAML reader, pydantic errors in
plain words at ``FILE:LINE:COL``), then against the files it names: every summit's
scenario loads and is valid, all summits have the same two sides, summits run in the
order of their years, a promise names an issue and options of its summit, and each
interlude quotes the next summit's own article verbatim, with ``said_by`` as every
citation of the format, its words keeping the quotes' hedges and attributions.
:func:`load_campaign` never raises for bad input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import attribution
from .campaign import Campaign, Summit, campaign_hash
from .checks import SeedLibrary, check_citation
from .diagnostics import Diagnostic, PathKey, ScenarioError, Severity, field_path
from .errors import translate
from .hashing import scenario_hash
from .loader import BUNDLED_SCENARIOS, load, seed_folders
from .models import Citation, Scenario
from .yamlsafe import Document, Position, YamlProblem, parse, read_text

Finding = tuple[Severity, PathKey, str]

#: Where the bundled campaigns are (a folder of its own, so the scenario list never shows them).
BUNDLED_CAMPAIGNS = BUNDLED_SCENARIOS / "campaigns"


@dataclass
class LoadedCampaign:
    """A campaign file, its summits' scenarios (in order) and every problem found."""

    name: str
    campaign: Campaign | None = None
    scenarios: list[tuple[Scenario, Path]] = field(default_factory=list)
    document: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.campaign is not None and not self.errors

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def scenario(self) -> None:
        """A campaign is no scenario: ``parley validate`` runs the scenario-only checks when this is set."""
        return None

    @property
    def hash(self) -> str:
        assert self.campaign is not None
        return campaign_hash(self.campaign, [scenario_hash(s) for s, _ in self.scenarios])

    def add(self, severity: Severity, path: PathKey, message: str, position: Position | None = None) -> None:
        if position is None:
            position = self.document.position(path) if self.document else Position(1, 1)
        self.diagnostics.append(Diagnostic(self.name, position.line, position.col, severity, field_path(path),
                                           message))


def is_campaign_file(path: Path) -> bool:
    """Whether a YAML file is a campaign rather than a scenario (a top-level ``summits:`` key), so
    ``parley validate`` checks each kind as what it is; unreadable files are left to the scenario loader."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return any(line.startswith("summits:") for line in handle)
    except OSError:
        return False


def bundled_campaigns() -> list[Path]:
    return sorted(BUNDLED_CAMPAIGNS.glob("*.yaml")) if BUNDLED_CAMPAIGNS.is_dir() else []


def load_campaign(path: str | Path) -> LoadedCampaign:
    """Load and fully check the campaign file at ``path`` (and the scenarios it names)."""
    path = Path(path)
    result = LoadedCampaign(str(path))
    try:
        try:
            result.document = document = parse(read_text(path))
        except YamlProblem as problem:
            result.add("error", (), problem.message, problem.position)
            return result
        if not isinstance(document.data, dict):
            result.add("error", (), "a campaign is a YAML mapping of fields (`id:`, `summits:`, ...) at the top level")
            return result
        try:
            campaign = Campaign.model_validate(document.data)
        except ValidationError as exc:
            for where, message in translate(exc, Campaign):
                result.add("error", where, message)
            result.diagnostics.sort(key=lambda d: (d.line, d.col))
            return result
        scenarios = _scenarios(campaign, path, result)
        if scenarios is not None:
            for severity, where, message in check_campaign(campaign, scenarios, SeedLibrary(seed_folders(path))):
                result.add(severity, where, message)
            result.scenarios = scenarios
        result.diagnostics.sort(key=lambda d: (d.line, d.col, d.severity))
        if not result.errors:
            result.campaign = campaign
    except RecursionError:
        result.add("error", (), "the document is nested too deeply to check")
    return result


def load_campaign_or_raise(path: str | Path) -> LoadedCampaign:
    loaded = load_campaign(path)
    if not loaded.ok:
        raise ScenarioError(loaded.errors or loaded.diagnostics)
    return loaded


def _scenarios(campaign: Campaign, path: Path, result: LoadedCampaign) -> list[tuple[Scenario, Path]] | None:
    """Each summit's scenario, loaded from its path relative to the campaign file; None (with
    errors at the summit's ``scenario`` field) when any is missing or invalid."""
    out: list[tuple[Scenario, Path]] = []
    for i, summit in enumerate(campaign.summits):
        where: PathKey = ("summits", i, "scenario")
        target = (path.parent / summit.scenario).resolve()
        if not target.is_file():
            result.add("error", where, f"scenario file `{summit.scenario}` not found (looked at {target})")
            continue
        loaded = load(target)
        if not loaded.ok or loaded.scenario is None:
            result.add("error", where, f"scenario `{summit.scenario}` is not valid ({len(loaded.errors)} error(s)); "
                                       f"run `parley validate {target}`")
            continue
        out.append((loaded.scenario, target))
    return out if len(out) == len(campaign.summits) else None


def check_campaign(c: Campaign, scenarios: list[tuple[Scenario, Path]], seeds: SeedLibrary) -> Iterator[Finding]:
    """Cross-file findings of a structurally valid campaign whose scenarios all load."""
    sides = sorted(a.id for a in scenarios[0][0].actors)
    last_year, last_index = None, 0
    for i, (summit, (s, _)) in enumerate(zip(c.summits, scenarios, strict=True)):
        base: PathKey = ("summits", i)
        if sorted(a.id for a in s.actors) != sides:
            yield ("error", (*base, "scenario"), f"scenario `{s.id}` has sides {', '.join(a.id for a in s.actors)}; "
                                                 f"every summit of a campaign has the same two ({', '.join(sides)})")
        yield from _year(summit, s, base)
        year = s.year if s.year is not None else summit.not_before
        if year is not None and last_year is not None and year < last_year:
            yield ("error", (*base, "scenario"), f"summits run in the order of their years: `{s.id}` ({year}) comes "
                                                 f"after summit {last_index + 1} ({last_year})")
        if year is not None:
            last_year, last_index = year, i
        if summit.interlude is None and i > 0:
            yield ("error", base, "every summit after the first needs an `interlude:` telling what happened since "
                                  "the last one, quoting this summit's article")
        if summit.interlude is not None:
            yield from _interlude(summit, s, (*base, "interlude"), seeds)
        yield from _promises(summit, s, base, last=i == len(c.summits) - 1, seeds=seeds)
    ids = [s.id for s, _ in scenarios]
    for i, sid in enumerate(ids):
        if sid in ids[:i]:
            yield ("error", ("summits", i, "scenario"), f"scenario `{sid}` is already summit {ids.index(sid) + 1}")


def _year(summit: Summit, s: Scenario, base: PathKey) -> Iterator[Finding]:
    if s.year is None and (summit.not_before is None or summit.when is None):
        yield ("error", base, f"scenario `{s.id}` gives no year: give `not_before:` (the earliest year it can be "
                              "set in) and `when:` (what dates it), so the summits can be put in order")
    if s.year is not None and summit.not_before is not None:
        yield ("error", (*base, "not_before"), f"scenario `{s.id}` is set in {s.year}; `not_before` is only for a "
                                               "scenario that gives no year")


def scenario_seeds(s: Scenario) -> set[str]:
    """The seed articles a scenario quotes."""
    return {cite.seed for claim in attribution.claims(s) for _, cite in claim.citations if cite.seed}


def _citation(cite: Citation, path: PathKey, s: Scenario, seeds: SeedLibrary) -> Iterator[Finding]:
    yield from attribution.citation_structure(cite, path, [a.id for a in s.actors])
    yield from check_citation(cite, path, seeds)
    if cite.said_by is None:
        yield ("warning", path, "citation does not say who is speaking: add `said_by:` (official, analyst, author, "
                                "report or game)")


def _claim_findings(claim: attribution.Claim, s: Scenario) -> Iterator[Finding]:
    """The attribution checks every scenario claim gets: official words, opinions said as such, hedges kept."""
    cites = [cite for _, cite in claim.citations]
    if any(c.said_by is None for c in cites):
        return
    names = {a.id: a.name for a in s.actors}
    yield from attribution._official(claim, cites, s, names)
    yield from attribution._opinions(claim, cites)
    yield from attribution._hedges(claim, cites)


def _interlude(summit: Summit, s: Scenario, path: PathKey, seeds: SeedLibrary) -> Iterator[Finding]:
    interlude = summit.interlude
    assert interlude is not None
    own = scenario_seeds(s)
    cites = tuple(((*path, "citations", k), cite) for k, cite in enumerate(interlude.citations))
    for where, cite in cites:
        yield from _citation(cite, where, s, seeds)
    quoted = {cite.seed for _, cite in cites if cite.seed}
    if own and not quoted & own:
        yield ("error", (*path, "citations"), f"an interlude quotes the article of the summit it leads to "
                                              f"(`{s.id}` quotes {', '.join(sorted(own))})")
    text = " ".join(f"{interlude.title}. {interlude.text}".split())
    yield from _claim_findings(attribution.Claim((*path, "text"), "interlude", text, cites, "interlude"), s)


def _promises(summit: Summit, s: Scenario, base: PathKey, *, last: bool, seeds: SeedLibrary) -> Iterator[Finding]:
    actors = [a.id for a in s.actors]
    seen: set[str] = set()
    for p, promise in enumerate(summit.promises):
        path: PathKey = (*base, "promises", p)
        if promise.id in seen:
            yield ("error", (*path, "id"), f"duplicate promise id `{promise.id}` in this summit")
        seen.add(promise.id)
        if promise.by not in actors:
            yield ("error", (*path, "by"), f"unknown actor `{promise.by}`; known actors: {', '.join(actors)}")
        issue = next((x for x in s.issues if x.id == promise.when.issue), None)
        if issue is None:
            yield ("error", (*path, "when", "issue"), f"unknown issue `{promise.when.issue}` of `{s.id}`; its issues: "
                                                      f"{', '.join(x.id for x in s.issues)}")
        else:
            known = [o.id for o in issue.options]
            for k, option in enumerate(promise.when.options):
                if option not in known:
                    yield ("error", (*path, "when", "options", k),
                           f"unknown option `{option}` of issue `{issue.id}`; its options: {', '.join(known)}")
        if promise.citation is not None:
            where: PathKey = (*path, "citation")
            yield from _citation(promise.citation, where, s, seeds)
            claim = attribution.Claim((*path, "text"), f"promise `{promise.id}`", " ".join(promise.text.split()),
                                      ((where, promise.citation),), "promise")
            yield from _claim_findings(claim, s)
        if last:
            yield ("warning", path, "a promise of the last summit is never checked (no summit follows it)")
