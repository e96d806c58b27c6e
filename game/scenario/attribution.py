"""Who said it: the attribution checks of a scenario's citations.

Every claim a player reads (a tactic, an event, a red line, a demand's rationale, a
constituency) rests on citations, and each citation says who is speaking in its quote
(``said_by``): an ``official`` of one side, an outside ``analyst``, the article's
``author``, the ``report`` of events, or the ``game`` itself. These checks keep the claim's
words honest about that:

1. **Official claims** (:data:`OFFICIAL_CLAIM_PATTERNS`). Text that presents a position as a
   side's official one, "officials say", "Washington signals", "Islamabad insists",
   "officials report", must cite an ``official`` of that side (any side when the text names
   none).
2. **Opinions said as such.** A claim that rests on an analyst's or the author's words must
   say so in its text ("An analyst in Washington writes...", "The article's author argues
   ..."); see :data:`ANALYST_MARKERS` and :data:`AUTHOR_MARKERS`.
3. **Hedges kept.** A quote that hedges ("apparently", "it appears", "may") makes a claim
   that hedges too (:data:`QUOTE_HEDGES`, :data:`TEXT_HEDGES`).
4. **Events from the article.** An event needs at least one citation that quotes the
   article: news the game invents outright is not news.

All four are warnings located at the claim's text. The structure of a citation (a ``game``
citation gives a reason and quotes nothing, an ``official`` one names its side) is checked
by :func:`citation_structure`, as errors. ``parley validate --explain`` prints every claim
beside its quotes (:func:`claims`, :func:`explain_lines`) so an author can check that each
quote really supports its claim, which no pattern can.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .diagnostics import PathKey, Severity
from .models import Actor, Citation, Intelligence, Scenario

Finding = tuple[Severity, PathKey, str]

# -- the patterns --------------------------------------------------------------------------------

#: Verbs that, with a side, its government or its officials as subject, present a statement
#: or a position as official: "Washington signals", "officials say", "Islamabad insists".
#: A side's bare name is singular, so after it only these forms count ("Washington signals");
#: that keeps nouns out ("a U.S. ask", "the US press").
CLAIM_VERBS: tuple[str, ...] = (
    "says", "said", "signals", "signalled", "signaled", "insists", "insisted", "reports", "reported",
    "warns", "warned", "announces", "announced", "declares", "declared", "confirms", "confirmed",
    "states", "stated", "stresses", "stressed", "claims", "claimed", "tells", "told", "denies", "denied",
    "repeats", "repeated", "maintains", "maintained", "promises", "promised", "pledges", "pledged",
    "threatens", "threatened", "demanded", "refuses", "refused", "vows", "vowed", "voices", "voiced",
    "asks", "asked", "urges", "urged", "presses", "pressed", "expresses", "expressed", "makes clear",
    "made clear", "makes it clear", "made it clear", "lets it be known",
)
#: The same verbs after a plural subject ("officials say", "US officials report").
CLAIM_VERBS_PLURAL: tuple[str, ...] = (
    "say", "signal", "insist", "report", "warn", "announce", "declare", "confirm", "state", "stress",
    "claim", "tell", "deny", "repeat", "maintain", "promise", "pledge", "threaten", "demand", "refuse",
    "vow", "voice", "ask", "urge", "press", "express", "make clear", "make it clear", "let it be known",
)
#: Who speaks for a side when named with it: "US officials", "Pakistan's government".
OFFICIAL_NOUNS: tuple[str, ...] = (
    "officials", "official", "government", "administration", "authorities", "ministry", "ministers",
    "spokesman", "spokeswoman", "spokesperson", "delegation", "diplomats", "leaders", "side",
)
#: Words allowed between a subject and its verb: "Washington once again signals", "officials have said".
_FILLERS = (
    r"(?:\w+ly|again|also|still|now|once|then|already|not|never|too|has|have|had|is|are|was|were|"
    r"will|would|can|could|may|might|must|should|does|do|did)"
)

#: Words that tell the reader a claim is an outside expert's view.
ANALYST_MARKERS = re.compile(r"(?i)\b(?:analysts?|experts?|scholars?|think[- ]tank)\b")
#: Words that tell the reader a claim is the article's own judgment, reading or advice.
AUTHOR_MARKERS = re.compile(
    r"(?i)\b(?:author|authors|writer|editorial|columnist|commentary|op-?ed|opinion piece|"
    r"the article|the piece|the analysis)\b"
)
#: Hedges in a quote that the claim must keep in some form.
QUOTE_HEDGE_WORDS: tuple[str, ...] = (
    "apparently", "appear", "appears", "appeared", "seem", "seems", "seemed", "seemingly", "reportedly",
    "allegedly", "hint", "hints", "hinted", "may", "might", "perhaps", "possibly", "probably", "likely",
    "believed", "rumored", "rumoured", "unconfirmed", "expected",
)
#: Words that keep a claim hedged: the quote hedges, conditionals, and doubt said outright.
TEXT_HEDGE_WORDS: tuple[str, ...] = (
    *QUOTE_HEDGE_WORDS, "could", "would", "if", "unless", "expect", "expects", "according to",
    "unverified", "not been independently verified",
)
QUOTE_HEDGES = re.compile(r"(?i)\b(?:" + "|".join(w.replace(" ", r"\s+") for w in QUOTE_HEDGE_WORDS) + r")\b")
TEXT_HEDGES = re.compile(r"(?i)\b(?:" + "|".join(w.replace(" ", r"\s+") for w in TEXT_HEDGE_WORDS) + r")\b")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


_VERB = rf"(?i:{_alternation(CLAIM_VERBS)})(?!\w)"
_ANY_VERB = rf"(?i:{_alternation(CLAIM_VERBS + CLAIM_VERBS_PLURAL)})(?!\w)"
_GAP = rf"(?:\s+(?i:{_FILLERS}))" + "{0,2}"
_NOUN = rf"(?i:{_alternation(OFFICIAL_NOUNS)})"
_ANONYMOUS = re.compile(
    rf"(?<!\w)(?i:officials|the\s+government|the\s+authorities){_GAP}\s+{_ANY_VERB}"
    rf"|(?i:according\s+to\s+(?:unnamed\s+)?officials)(?!\w)"
)

#: What the official-claim check looks for, in words (the docs and ``--explain`` quote it).
OFFICIAL_CLAIM_PATTERNS: tuple[str, ...] = (
    "SIDE VERB: 'Washington signals', 'Islamabad insists', 'Pakistan refuses'",
    "SIDE NOUN VERB: 'US officials say', \"Pakistan's government insists\"",
    "officials of/from/in SIDE VERB: 'officials in Washington report'",
    "officials VERB, the government VERB, according to officials: any side",
    "SIDE is the side's name, short name or one of its `aliases`; up to two words such as "
    "'again' or 'has' may come between subject and verb",
)


def _names(actor: Actor) -> list[str]:
    names = {actor.name, actor.short_name, *actor.aliases} - {""}
    return sorted(names, key=len, reverse=True)


def _name_pattern(name: str) -> str:
    """A side's name as written, except that a leading 'the' may start a sentence ('The Americans')."""
    words = [re.escape(w) for w in name.split()]
    if len(words) > 1 and words[0] in ("the", "The"):
        words[0] = "[Tt]he"
    return r"\s+".join(words)


def _side_pattern(actor: Actor) -> re.Pattern[str]:
    side = "|".join(_name_pattern(n) for n in _names(actor))
    subject = rf"(?<![\w.])(?:{side})(?!\w)(?:['’]s)?"
    return re.compile(
        rf"{subject}\s+{_NOUN}{_GAP}\s+{_ANY_VERB}"
        rf"|{subject}{_GAP}\s+{_VERB}"
        rf"|(?<!\w)(?i:officials|diplomats|ministers)\s+(?i:of|from|in)\s+(?:the\s+)?(?:{side})(?!\w){_GAP}"
        rf"\s+{_ANY_VERB}"
        rf"|(?i:according\s+to)\s+{subject}\s+{_NOUN}(?!\w)"
    )


@dataclass(frozen=True)
class OfficialClaim:
    """A phrase presenting a position as official, and the side it names (None: any side)."""

    phrase: str
    side: str | None


def official_claims(text: str, actors: Sequence[Actor]) -> list[OfficialClaim]:
    """Every phrase of ``text`` that presents a position as a side's (or officials') official one."""
    found: list[OfficialClaim] = []
    named: list[tuple[int, int]] = []
    for actor in actors:
        for match in _side_pattern(actor).finditer(text):
            found.append(OfficialClaim(" ".join(match.group().split()), actor.id))
            named.append(match.span())
    for match in _ANONYMOUS.finditer(text):
        start, end = match.span()
        if not any(a <= start and end <= b for a, b in named):  # "US officials say" names its side
            found.append(OfficialClaim(" ".join(match.group().split()), None))
    return found


# -- claims ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """Player-facing text and the citations it rests on."""

    path: PathKey  # the text's own field, where warnings about it point
    what: str  # e.g. "tactic `warn-unilateral` of `us`"
    text: str  # the text as players read it, whitespace collapsed
    citations: tuple[tuple[PathKey, Citation], ...]
    kind: str  # tactic | event | red line | demand | constituency | crisis answer | intelligence


def _squash(*parts: str) -> str:
    return " ".join(" ".join(p.split()) for p in parts if p and p.strip())


def claims(s: Scenario) -> list[Claim]:
    """Every claim of ``s`` that carries citations, in the order of a scenario file's sections."""
    out: list[Claim] = []
    for a, actor in enumerate(s.actors):
        base: PathKey = ("actors", a)
        view = actor.constituency
        if view.citation is not None:
            out.append(Claim((*base, "constituency", "description"), f"constituency of `{actor.id}`",
                             _squash(view.description),
                             (((*base, "constituency", "citation"), view.citation),), "constituency"))
        for t, tactic in enumerate(actor.tactics):
            tactic_path: PathKey = (*base, "tactics", t)
            out.append(Claim((*tactic_path, "description"), f"{tactic.kind} `{tactic.id}` of `{actor.id}`",
                             _squash(tactic.label + ".", tactic.description),
                             (((*tactic_path, "citation"), tactic.citation),), "tactic"))
    for actor_id, prefs in s.preferences.items():
        for issue_id, pref in prefs.items():
            if pref.citation is None:
                continue
            path: PathKey = ("preferences", actor_id, issue_id)
            where: PathKey = (*path, "rationale") if pref.rationale.strip() else path
            out.append(Claim(where, f"demand of `{actor_id}` on `{issue_id}`", _squash(pref.rationale),
                             (((*path, "citation"), pref.citation),), "demand"))
    for actor_id, lines in s.red_lines.items():
        for r, line in enumerate(lines):
            path = ("red_lines", actor_id, r)
            out.append(Claim((*path, "rationale"), f"red line of `{actor_id}` on `{line.issue}`",
                             _squash(line.rationale), (((*path, "citation"), line.citation),), "red line"))
    for e, event in enumerate(s.events):
        path = ("events", e)
        cites = tuple(((*path, "citations", c), cite) for c, cite in enumerate(event.citations))
        out.append(Claim((*path, "text"), f"event `{event.id}`", _squash(event.headline + ".", event.text),
                         cites, "event"))
        for r, response in enumerate(event.crisis.responses if event.crisis else []):
            if response.citation is not None:
                rpath = (*path, "crisis", "responses", r)
                out.append(Claim((*rpath, "description"), f"answer `{response.id}` to crisis `{event.id}`",
                                 _squash(response.description), (((*rpath, "citation"), response.citation),),
                                 "crisis answer"))
    for actor_id, intel in s.intelligence.items():
        if intel.citation is not None:
            path = ("intelligence", actor_id)
            out.append(Claim((*path, "citation"), f"intelligence estimate of `{actor_id}`",
                             _intelligence_text(s, intel), (((*path, "citation"), intel.citation),), "intelligence"))
    return out


def _issue_name(s: Scenario, issue_id: str) -> str:
    return next((i.name for i in s.issues if i.id == issue_id), issue_id)


def _intelligence_text(s: Scenario, intel: Intelligence) -> str:
    """What an estimate says, in words, so an author can read it beside its quote (``--explain``)."""
    total = sum(intel.weights.values()) or 1.0
    parts = [f"{_issue_name(s, i)} {w / total:.0%}" for i, w in intel.weights.items()]
    text = "Believed priorities of the other side: " + ", ".join(parts) + "." if parts else ""
    if intel.reservation is not None:
        text = _squash(text, f"Believed no-deal value: {intel.reservation:.2f}.")
    return text or "An estimate of the other side's values."


# -- checks ---------------------------------------------------------------------------------------


def citation_structure(cite: Citation, path: PathKey, actor_ids: Sequence[str]) -> Iterator[Finding]:
    """Errors in the shape of one citation: what ``said_by`` requires and forbids."""
    if cite.is_game:
        if cite.quote is not None:
            yield ("error", (*path, "quote"),
                   "a `said_by: game` citation quotes nothing (no source states a game assumption): "
                   "drop `quote`, or say who in the article said it")
        if cite.seed is not None:
            yield ("error", (*path, "seed"), "a `said_by: game` citation cites no article: drop `seed`")
        if cite.reason is None:
            yield ("error", path, "a `said_by: game` citation needs `reason:`, one line saying what the game "
                                  "assumes and why")
    else:
        for name in ("seed", "quote"):
            if getattr(cite, name) is None:
                yield ("error", path, f"required field `{name}` is missing; add it (or, for a game assumption "
                                      "no source states, write `said_by: game` and a `reason`)")
        if cite.reason is not None:
            yield ("error", (*path, "reason"),
                   "only a `said_by: game` citation gives a `reason`; a quote speaks for itself")
    if cite.said_by == "official":
        if cite.side is None:
            known = ", ".join(f"`{a}`" for a in actor_ids)
            yield ("error", path, f"an `official` citation names the side that speaks: add `side:` ({known})")
        elif cite.side not in actor_ids:
            listed = ", ".join(f"`{a}`" for a in actor_ids)
            yield ("error", (*path, "side"), f"unknown actor `{cite.side}`; known actors: {listed}")
    elif cite.side is not None:
        yield ("error", (*path, "side"),
               "`side` is only for `said_by: official` (the side whose official speaks); drop it")


def _speaker_words(cite: Citation) -> list[str]:
    """Names in ``speaker`` a text may use instead of 'analyst' ('Majidyar says ...')."""
    return [w for w in re.findall(r"[A-Z][\w’'-]{3,}", cite.speaker or "") if w not in {"American", "Institute"}]


def _marks_analyst(text: str, cite: Citation) -> bool:
    if ANALYST_MARKERS.search(text):
        return True
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in _speaker_words(cite))


def check_attribution(s: Scenario) -> Iterator[Finding]:
    """Warnings where a claim's words misstate who said it (see the module docstring)."""
    names = {a.id: a.name for a in s.actors}
    for claim in claims(s):
        for path, cite in claim.citations:
            if cite.said_by is None:
                yield ("warning", path,
                       "citation does not say who is speaking: add `said_by:` (official, analyst, author, "
                       "report or game)")
        if any(cite.said_by is None for _, cite in claim.citations):
            continue  # the checks below need to know who speaks
        cites = [cite for _, cite in claim.citations]
        if claim.text and claim.kind != "intelligence":  # an estimate's words are the game's summary of numbers
            if not any(c.said_by == "official" and c.side not in names for c in cites):  # else an error says it
                yield from _official(claim, cites, s, names)
            yield from _opinions(claim, cites)
            yield from _hedges(claim, cites)
        if claim.kind == "event" and all(c.is_game for c in cites):
            yield ("warning", claim.path,
                   "this event cites only game assumptions: news must be something the article reports or "
                   "anticipates; quote it")


def _official(claim: Claim, cites: list[Citation], s: Scenario, names: dict[str, str]) -> Iterator[Finding]:
    seen: set[str | None] = set()
    for found in official_claims(claim.text, s.actors):
        if found.side in seen:
            continue
        seen.add(found.side)
        if any(c.said_by == "official" and (found.side is None or c.side == found.side) for c in cites):
            continue
        whose = f"`official` source of `{found.side}` ({names[found.side]})" if found.side else "`official` source"
        yield ("warning", claim.path,
               f"the text presents a position as official (“{found.phrase}”) but cites no {whose}: quote what "
               "that side's officials said, or say who does say it (an analyst, the article's author, a report)")


def _opinions(claim: Claim, cites: list[Citation]) -> Iterator[Finding]:
    if any(c.said_by == "analyst" for c in cites) and not any(
        _marks_analyst(claim.text, c) for c in cites if c.said_by == "analyst"
    ):
        yield ("warning", claim.path,
               f"this {claim.kind} rests on an analyst's words but the text does not say so: attribute it, e.g. "
               "'An analyst in Washington writes ...' (or name the analyst)")
    if any(c.said_by == "author" for c in cites) and not AUTHOR_MARKERS.search(claim.text):
        yield ("warning", claim.path,
               f"this {claim.kind} rests on the article's author (an opinion, reading or forecast) but the text "
               "presents it as fact: say so, e.g. 'The article's author argues ...'")


def _hedges(claim: Claim, cites: list[Citation]) -> Iterator[Finding]:
    for cite in cites:
        hedge = QUOTE_HEDGES.search(cite.quote or "")
        if hedge and not TEXT_HEDGES.search(claim.text):
            yield ("warning", claim.path,
                   f"the quote hedges (“{hedge.group()}”) but the text states it as fact: keep the hedge "
                   "('apparently', 'it appears', 'may', 'reportedly', ...)")
            return


# -- parley validate --explain --------------------------------------------------------------------


def speaker_text(cite: Citation, names: dict[str, str]) -> str:
    """``official (Pakistan: Information Minister Qamar Zaman Kaira)``, ``analyst``, ``said_by missing``."""
    if cite.said_by is None:
        return "said_by missing"
    detail = [names.get(cite.side, cite.side)] if cite.said_by == "official" and cite.side else []
    if cite.speaker:
        detail.append(cite.speaker)
    return f"{cite.said_by} ({': '.join(detail)})" if detail else cite.said_by


def explain_lines(claim: Claim, names: dict[str, str]) -> list[str]:
    """A claim and, below it, each of its quotes with who said it: for reading side by side."""
    lines = [f"  claim: {claim.text or '(no text)'}"]
    for _, cite in claim.citations:
        who = speaker_text(cite, names)
        if cite.is_game:
            lines.append(f"  {who}: {' '.join((cite.reason or '').split())}")
        else:
            lines.append(f"  {who}, {cite.seed}: “{' '.join((cite.quote or '').split())}”")
    return lines
