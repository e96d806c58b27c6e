"""Cross-reference checks of a structurally valid scenario.

Pydantic checks each field on its own; these checks relate fields to each other (every id
used exists, every option is valued, no red line forbids a whole issue, every citation is
really in its seed, every seed note is about a seed the scenario quotes). Who says what,
``said_by`` and the words that attribute a claim, is checked in
:mod:`game.scenario.attribution`. Each finding is ``(severity, path, message)``; the loader
adds the file position of ``path``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from .attribution import check_attribution, citation_structure, claims
from .diagnostics import PathKey, Severity
from .intel_checks import check_intelligence
from .models import Citation, Effects, Scenario
from .models.limits import ISSUE_NAME_ADVISED, OPTIONS_ADVISED_MAX
from .quotes import hint as quote_hint

Finding = tuple[Severity, PathKey, str]

#: Demands weighing at least this share of an actor's weights must cite the article.
DEMAND_CITATION_SHARE = 0.10

_SPACE = re.compile(r"\s+")
_LOOKALIKES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "‑": "-", "–": "-", "—": "-"})


def squash(text: str) -> str:
    """Collapse whitespace so a quote may wrap differently from its seed."""
    return _SPACE.sub(" ", text).strip()


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def _ids(kind: str, items: Sequence[_HasId], path: PathKey) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        item_id = item.id
        if item_id in seen:
            yield ("error", (*path, index, "id"),
                   f"duplicate {kind} id `{item_id}` (also {kind} #{seen[item_id] + 1}); ids must be unique")
        else:
            seen[item_id] = index


def _unknown(kind: str, value: str, known: Sequence[str]) -> str:
    if not known:  # e.g. an event refers to a tactic and no actor has any
        return f"unknown {kind} `{value}`; this scenario defines no {kind}s"
    listed = ", ".join(f"`{k}`" for k in known)
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.75)
    hint = f"did you mean `{close[0]}`? " if close else ""
    return f"unknown {kind} `{value}`; {hint}known {kind}s: {listed}"


class SeedLibrary:
    """Seed articles looked up by file name in a list of folders, read once each."""

    def __init__(self, folders: Sequence[Path]):
        self.folders = [f for f in folders if f.is_dir()]
        self._raw: dict[str, str | None] = {}
        self._texts: dict[str, str | None] = {}

    def raw(self, name: str) -> str | None:
        """The seed's text as written (line breaks kept, so a passage can be given its line)."""
        if name not in self._raw:
            found = None
            for folder in self.folders:
                candidate = folder / name
                try:  # is_file() itself raises for a name too long for the file system
                    if not candidate.is_file():
                        continue
                    found = candidate.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    found = None
                break
            self._raw[name] = found
        return self._raw[name]

    def text(self, name: str) -> str | None:
        """The seed's text with whitespace collapsed, as quotes are matched against it."""
        if name not in self._texts:
            raw = self.raw(name)
            self._texts[name] = None if raw is None else squash(raw)
        return self._texts[name]


def check_citation(cite: Citation, path: PathKey, seeds: SeedLibrary) -> Iterator[Finding]:
    """Errors of one citation's quote: its seed must exist and hold the quote verbatim.

    A ``said_by: game`` citation quotes nothing and one missing its seed or quote is reported
    by :func:`~game.scenario.attribution.citation_structure`, so both are skipped here.
    """
    if cite.seed is None or cite.quote is None:
        return
    yield from _seed_exists(cite.seed, (*path, "seed"), seeds)
    text = seeds.text(cite.seed)
    if text is None:
        return
    quote = squash(cite.quote)
    if quote in text:
        return
    if quote.translate(_LOOKALIKES) in text.translate(_LOOKALIKES):
        yield ("error", (*path, "quote"),
               "quote differs from the seed only in quote marks or dashes; "
               "copy them exactly as the seed has them (e.g. ’ “ ” ‑)")
    else:
        near = quote_hint(seeds.raw(cite.seed) or text, cite.quote)
        advice = f"; {near}" if near else "; no passage of it is close, so check that this is the right seed"
        yield ("error", (*path, "quote"),
               f"quote not found in seeds/{cite.seed}{advice}. Copy a verbatim excerpt (whitespace may differ)")


def _seed_exists(name: str, path: PathKey, seeds: SeedLibrary) -> Iterator[Finding]:
    if seeds.text(name) is None:
        where = ", ".join(str(f) for f in seeds.folders) or "no seeds folder found"
        yield ("error", path, f"seed file `{name}` not found (looked in: {where})")


def _check_effects(fx: Effects, path: PathKey, s: Scenario) -> Iterator[Finding]:
    actors = [a.id for a in s.actors]
    issues = [i.id for i in s.issues]
    for section in ("reservation", "pressure", "weights", "threshold"):
        for actor_id in getattr(fx, section):
            if actor_id not in actors:
                yield ("error", (*path, section, actor_id), _unknown("actor", actor_id, actors))
    for actor_id, changes in fx.weights.items():
        for issue_id in changes:
            if issue_id not in issues:
                yield ("error", (*path, "weights", actor_id, issue_id), _unknown("issue", issue_id, issues))


def _cites_anything(s: Scenario) -> bool:
    """Whether any claim of ``s`` quotes an article (a game assumption quotes none)."""
    return any(not cite.is_game for claim in claims(s) for _, cite in claim.citations)


def check_scenario(s: Scenario, seeds: SeedLibrary) -> list[Finding]:
    """Every cross-reference problem of ``s`` (errors) and authoring smells (warnings)."""
    return [*_check(s, seeds), *_check_sources(s, seeds), *check_intelligence(s)]


def _check_sources(s: Scenario, seeds: SeedLibrary) -> Iterator[Finding]:
    """Who said what (citations' structure and attribution) and the notes on the seeds."""
    actors = [a.id for a in s.actors]
    for claim in claims(s):
        for path, cite in claim.citations:
            yield from citation_structure(cite, path, actors)
    for observer, intel in s.intelligence.items():
        if intel.citation is not None:  # a claim (above) whose quote the section checks below do not reach
            yield from check_citation(intel.citation, ("intelligence", observer, "citation"), seeds)
    yield from check_attribution(s)
    cited = {cite.seed for claim in claims(s) for _, cite in claim.citations if cite.seed}
    noted: set[str] = set()
    for n, note in enumerate(s.seed_notes):
        path: PathKey = ("seed_notes", n)
        missing = list(_seed_exists(note.seed, (*path, "seed"), seeds))
        yield from missing
        if note.seed in noted:
            yield ("warning", (*path, "seed"), f"a second note on `{note.seed}`; say it all in one note")
        elif note.seed not in cited and not missing:
            yield ("warning", (*path, "seed"), f"a note on `{note.seed}`, which no citation of this scenario quotes")
        noted.add(note.seed)
    if s.hypothetical and not s.seed_notes:
        yield ("warning", ("hypothetical",),
               "a hypothetical scenario says why in `seed_notes` (what the article gets wrong, what the "
               "public record says)")


def _check(s: Scenario, seeds: SeedLibrary) -> Iterator[Finding]:
    actors = [a.id for a in s.actors]
    issues = {i.id: i for i in s.issues}
    issue_ids = list(issues)

    yield from _ids("actor", s.actors, ("actors",))
    yield from _ids("issue", s.issues, ("issues",))
    yield from _ids("event", s.events, ("events",))
    for i, issue in enumerate(s.issues):
        yield from _ids("option", issue.options, ("issues", i, "options"))
    tactic_owner: dict[str, str] = {}
    for a, actor in enumerate(s.actors):
        for t, tactic in enumerate(actor.tactics):
            if tactic.id in tactic_owner:
                yield ("error", ("actors", a, "tactics", t, "id"),
                       f"duplicate tactic id `{tactic.id}` (also a tactic of `{tactic_owner[tactic.id]}`); "
                       "tactic ids must be unique across both actors")
            tactic_owner.setdefault(tactic.id, actor.id)
    if len(set(actors)) < len(actors):
        return  # everything below is keyed by actor id

    if s.first_mover is not None and s.first_mover not in actors:
        yield ("error", ("first_mover",), _unknown("actor", s.first_mover, actors))

    # Preferences: every actor rates every issue and values every option.
    for actor_id in s.preferences:
        if actor_id not in actors:
            yield ("error", ("preferences", actor_id), _unknown("actor", actor_id, actors))
    for actor_id in actors:
        prefs = s.preferences.get(actor_id)
        if prefs is None:
            yield ("error", ("preferences",),
                   f"no preferences for actor `{actor_id}`; add `{actor_id}:` with a weight and values for every issue")
            continue
        for issue_id in prefs:
            if issue_id not in issues:
                yield ("error", ("preferences", actor_id, issue_id), _unknown("issue", issue_id, issue_ids))
        for issue_id, issue in issues.items():
            pref = prefs.get(issue_id)
            if pref is None:
                yield ("error", ("preferences", actor_id),
                       f"no preference for issue `{issue_id}`; add `{issue_id}:` with `weight` and `values`")
                continue
            option_ids = [o.id for o in issue.options]
            for option_id in pref.values:
                if option_id not in option_ids:
                    yield ("error", ("preferences", actor_id, issue_id, "values", option_id),
                           _unknown("option", option_id, option_ids))
            missing = [o for o in option_ids if o not in pref.values]
            if missing:
                yield ("error", ("preferences", actor_id, issue_id, "values"),
                       f"no value for option(s) {', '.join(f'`{m}`' for m in missing)}; value every option in 0..1")
        known = [prefs[i].weight for i in issue_ids if i in prefs]
        if known and sum(known) <= 0:
            yield ("error", ("preferences", actor_id),
                   "all issue weights are zero; give at least one issue a positive weight")

    # Red lines.
    for actor_id, lines in s.red_lines.items():
        if actor_id not in actors:
            yield ("error", ("red_lines", actor_id), _unknown("actor", actor_id, actors))
            continue
        forbidden: dict[str, set[str]] = {}
        for r, line in enumerate(lines):
            path: PathKey = ("red_lines", actor_id, r)
            issue = issues.get(line.issue)
            if issue is None:
                yield ("error", (*path, "issue"), _unknown("issue", line.issue, issue_ids))
                continue
            option_ids = [o.id for o in issue.options]
            for o, option_id in enumerate(line.options):
                if option_id not in option_ids:
                    yield ("error", (*path, "options", o), _unknown("option", option_id, option_ids))
            forbidden.setdefault(line.issue, set()).update(line.options)
            if set(option_ids) <= forbidden[line.issue]:
                yield ("error", (*path, "options"),
                       f"red lines of `{actor_id}` forbid every option of issue `{line.issue}`; "
                       "no package could ever be agreed: leave at least one option open")
            yield from check_citation(line.citation, (*path, "citation"), seeds)

    # Actors: constituency views, tactics.
    for a, actor in enumerate(s.actors):
        base: PathKey = ("actors", a, "constituency")
        view = actor.constituency
        for issue_id in view.weights:
            if issue_id not in issues:
                yield ("error", (*base, "weights", issue_id), _unknown("issue", issue_id, issue_ids))
        missing = [i for i in issue_ids if i not in view.weights]
        if missing:
            yield ("error", (*base, "weights"),
                   f"no weight for issue(s) {', '.join(f'`{m}`' for m in missing)}; "
                   "give the constituency's weight of every issue (0 if it does not care)")
        elif sum(view.weights.values()) <= 0:
            yield ("error", (*base, "weights"), "all weights are zero; the constituency must care about something")
        for issue_id, values in view.values.items():
            issue = issues.get(issue_id)
            if issue is None:
                yield ("error", (*base, "values", issue_id), _unknown("issue", issue_id, issue_ids))
                continue
            option_ids = [o.id for o in issue.options]
            for option_id in values:
                if option_id not in option_ids:
                    yield ("error", (*base, "values", issue_id, option_id), _unknown("option", option_id, option_ids))
            missing_opts = [o for o in option_ids if o not in values]
            if missing_opts:
                yield ("error", (*base, "values", issue_id),
                       f"no value for option(s) {', '.join(f'`{m}`' for m in missing_opts)}; "
                       "value every option or drop the issue from `values`")
        if view.citation is not None:
            yield from check_citation(view.citation, (*base, "citation"), seeds)
        for t, tactic in enumerate(actor.tactics):
            tpath: PathKey = ("actors", a, "tactics", t)
            yield from _check_effects(tactic.effects, (*tpath, "effects"), s)
            yield from check_citation(tactic.citation, (*tpath, "citation"), seeds)

    # Citations of demands: every demand that matters should say where the article states it.
    for actor_id, prefs in s.preferences.items():
        total = sum(p.weight for p in prefs.values())
        for issue_id, pref in prefs.items():
            if pref.citation is not None:
                yield from check_citation(pref.citation, ("preferences", actor_id, issue_id, "citation"), seeds)
            elif s.source is None and total > 0 and pref.weight / total >= DEMAND_CITATION_SHARE:
                yield ("warning", ("preferences", actor_id, issue_id),
                       f"this demand carries {pref.weight / total:.0%} of `{actor_id}`'s weight but cites nothing; "
                       "add `citation: {seed: ..., quote: ...}` from the article")

    # Events.
    event_ids = [e.id for e in s.events]
    for e, event in enumerate(s.events):
        path = ("events", e)
        if event.earliest_round and event.latest_round and event.earliest_round > event.latest_round:
            yield ("error", (*path, "latest_round"),
                   f"latest_round {event.latest_round} is before earliest_round {event.earliest_round}; swap them")
        if event.earliest_round and event.earliest_round > s.rounds:
            yield ("warning", (*path, "earliest_round"),
                   f"earliest_round {event.earliest_round} is after the deadline (round {s.rounds}); "
                   "the event can only happen if the deadline is extended")
        cond = event.conditions
        if cond.min_trust is not None and cond.max_trust is not None and cond.min_trust > cond.max_trust:
            yield ("error", (*path, "conditions", "max_trust"),
                   "max_trust is below min_trust; the event could never happen")
        if cond.after_tactic is not None and cond.after_tactic not in tactic_owner:
            yield ("error", (*path, "conditions", "after_tactic"),
                   _unknown("tactic", cond.after_tactic, list(tactic_owner)))
        for key in ("after_event", "not_after_event"):
            ref = getattr(cond, key)
            if ref is not None and ref not in event_ids:
                yield ("error", (*path, "conditions", key), _unknown("event", ref, event_ids))
        yield from _check_effects(event.effects, (*path, "effects"), s)
        for c, cite in enumerate(event.citations):
            yield from check_citation(cite, (*path, "citations", c), seeds)
        if event.crisis is not None:
            crisis = event.crisis
            cpath: PathKey = (*path, "crisis")
            if crisis.side not in actors:
                yield ("error", (*cpath, "side"), _unknown("actor", crisis.side, actors))
            yield from _ids("response", crisis.responses, (*cpath, "responses"))
            for r, response in enumerate(crisis.responses):
                rpath: PathKey = (*cpath, "responses", r)
                yield from _check_effects(response.effects, (*rpath, "effects"), s)
                if response.citation is not None:
                    yield from check_citation(response.citation, (*rpath, "citation"), seeds)

    # Briefings.
    for actor_id in s.briefings.confidential:
        if actor_id not in actors:
            yield ("error", ("briefings", "confidential", actor_id), _unknown("actor", actor_id, actors))
    for actor_id in actors:
        if actor_id not in s.briefings.confidential:
            yield ("error", ("briefings", "confidential"),
                   f"no confidential brief for `{actor_id}`; every side needs its role sheet")

    # Provenance: a scenario from an article quotes it; an imported model names its files.
    if s.source is None and not _cites_anything(s):
        yield ("warning", (),
               "nothing in this scenario is cited: quote the article it is built from (citations into "
               "seeds/), or, for an imported model, name its files in `source:`")

    yield from _advised_limits(s)

    # Authoring smells that need no outcome space.
    for issue_id, issue in issues.items():
        weights = [s.preferences.get(a, {}).get(issue_id) for a in actors]
        if all(p is not None and p.weight == 0 for p in weights):
            yield ("warning", ("issues", issue_ids.index(issue_id)),
                   f"no side cares about issue `{issue_id}` (weight 0 for both); drop it or give it a weight")
        found = [s.preferences.get(a, {}).get(issue_id) for a in actors]
        prefs = [p for p in found if p is not None]
        if len(prefs) < len(found) or any(set(p.values) != {o.id for o in issue.options} for p in prefs):
            continue
        barred = {
            option_id
            for lines in s.red_lines.values()
            for line in lines
            if line.issue == issue_id
            for option_id in line.options
        }
        for o, option in enumerate(issue.options):
            for other in issue.options:
                if other.id == option.id or other.id in barred:
                    continue
                mine = [p.values[option.id] for p in prefs]
                theirs = [p.values[other.id] for p in prefs]
                if all(t >= m for t, m in zip(theirs, mine, strict=True)) and any(
                    t > m for t, m in zip(theirs, mine, strict=True)
                ):
                    yield ("warning", ("issues", issue_ids.index(issue_id), "options", o),
                           f"option `{option.id}` is worse for both sides than `{other.id}`; "
                           "nobody would choose it: revalue or drop it")
                    break


def _advised_limits(s: Scenario) -> Iterator[Finding]:
    """Warnings outside the advised ranges of :mod:`game.scenario.models.limits` (the hard limits
    are model constraints, reported as errors before these checks run)."""
    for i, issue in enumerate(s.issues):
        if len(issue.name) > ISSUE_NAME_ADVISED:
            yield ("warning", ("issues", i, "name"),
                   f"issue name is {len(issue.name)} characters; the issue board gives names about a fifth of "
                   f"the screen, so more than {ISSUE_NAME_ADVISED} are cut short at 120 columns: shorten it")
        if len(issue.options) > OPTIONS_ADVISED_MAX:
            yield ("warning", ("issues", i, "options"),
                   f"{len(issue.options)} options; more than {OPTIONS_ADVISED_MAX} crowd the board and multiply "
                   "the outcome space (3-5 make the best ladder): merge neighbouring options")
