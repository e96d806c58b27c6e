"""Pydantic models of a Parley scenario file.

The models are the single reference for the format: every field carries a description,
so the JSON Schema generated from them (``parley schema``) documents the format for
authors and drives editor completion. Structure is checked here; cross-references
(unknown ids, red lines that forbid everything, citations not in their seed) are checked
in :mod:`game.scenario.checks`, so that each problem gets its own located message.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=48),
    Field(
        description=(
            "An identifier: lower-case letters, digits, '-' or '_', starting with a letter "
            "(e.g. `drone-strikes`)."
        )
    ),
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Delta = Annotated[float, Field(ge=-1.0, le=1.0)]

#: One difficulty scale for scenarios (how hard for a new player) and computer opponents.
Difficulty = Literal["easy", "normal", "hard"]
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)
#: Computer strategies a scenario may name as a side's style (the engine plays each of them).
StrategyName = Literal["boulware", "linear", "conceder", "tit-for-tat", "adaptive", "hardliner", "bully"]
STRATEGY_NAMES: tuple[str, ...] = get_args(StrategyName)
TacticKind = Literal["gesture", "pressure"]


def _difficulty(value: object) -> object:
    """Format 1 called the middle level ``medium``; it is ``normal`` now, like the opponents'."""
    return "normal" if value == "medium" else value


def _year_text(value: object) -> object:
    """Let an author write ``when: 2012`` unquoted: a bare year is still text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


class Strict(BaseModel):
    """Base of every model: unknown keys are errors and no value is coerced in disguise.

    Numbers must be finite: ``1.0e+999`` reads as infinity, and an infinite weight that
    has no upper bound (a constituency's) would turn the renormalised weights into NaN.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


#: Who speaks in a citation (``said_by``), with the meaning the validator and the docs use.
Speaker = Literal["official", "analyst", "author", "report", "game"]
SPEAKERS: dict[str, str] = {
    "official": (
        "an official or the government of one side (named or not), including the reporter's account "
        "of what that side says, wants or refuses ('U.S. officials strongly disagree'); give the `side`"
    ),
    "analyst": "a named outside expert the article quotes or cites (a think-tank analyst, a scholar)",
    "author": "the article's own writer or editorial voice: a judgment, reading, forecast or advice",
    "report": "the reporter's account of events and facts (what happened, who met whom)",
    "game": "a game assumption that no source states: no quote, but a one-line `reason`",
}
SeedName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+\.txt$")]
#: JSON Schema rules the per-field schema cannot say: a `game` citation gives a reason and
#: quotes nothing, every other citation quotes a seed, and an `official` one names its side.
#: The validator checks the same rules with located messages (game.scenario.attribution).
_CITATION_RULES: dict[str, Any] = {
    "allOf": [
        {
            "if": {"properties": {"said_by": {"const": "game"}}, "required": ["said_by"]},
            "then": {"required": ["reason"], "not": {"anyOf": [{"required": ["quote"]}, {"required": ["seed"]}]}},
            "else": {"required": ["seed", "quote"], "not": {"required": ["reason"]}},
        },
        {
            "if": {"properties": {"said_by": {"const": "official"}}, "required": ["said_by"]},
            "then": {"required": ["side"]},
            "else": {"not": {"required": ["side"]}},
        },
    ]
}


class Citation(Strict):
    """Where a claim comes from and who makes it: a verbatim excerpt of one seed article, or a
    declared game assumption (`said_by: game`, with a reason instead of a quote)."""

    model_config = ConfigDict(**Strict.model_config, json_schema_extra=_CITATION_RULES)

    seed: SeedName | None = Field(
        default=None,
        description=(
            "File name of the source article in the `seeds/` folder, e.g. `000_563488b2d8a233a7.txt`. "
            "Required, except for `said_by: game`, which cites no article."
        ),
    )
    quote: Annotated[str, StringConstraints(min_length=8)] | None = Field(
        default=None,
        description=(
            "A verbatim excerpt of that article (whitespace may differ; punctuation and "
            "curly quotes must match). Keep it short: one clause or sentence. Required, except for "
            "`said_by: game`, which quotes nothing."
        ),
    )
    said_by: Speaker | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description=(
            "Who is speaking in the quote: `official` (an official or the government of one side, also "
            "when the reporter gives that side's position: name it in `side`), `analyst` (a named outside "
            "expert), `author` (the article's writer or editorial voice: judgments, forecasts, advice), "
            "`report` (the reporter's account of events) or `game` (a game assumption no source states: "
            "no quote, a `reason` instead). The validator warns when it is missing."
        ),
    )
    side: str | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description="For `said_by: official` (and only then): the actor id of the side whose official speaks.",
    )
    speaker: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description=(
            "Optional: who exactly, as the article names them, e.g. 'Information Minister Qamar Zaman "
            "Kaira' or 'Ahmad Majidyar, American Enterprise Institute'."
        ),
    )
    reason: Annotated[str, StringConstraints(min_length=8, max_length=300)] | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description=(
            "For `said_by: game` (and only then): one line saying what the game assumes and why, since "
            "no source states it."
        ),
    )

    @property
    def is_game(self) -> bool:
        """A game assumption: it quotes nothing, so there is no seed to look the quote up in."""
        return self.said_by == "game"

    def source_text(self) -> str:
        """One line for screens listing a claim's sources: who says it and where, or the game's reason.

        Front ends should show this rather than ``seed``/``quote`` directly: a `game` citation
        has neither.
        """
        if self.is_game:
            return f"Game assumption: {' '.join((self.reason or '').split())}"
        who = {"official": "official", "analyst": "analyst", "author": "the article's author",
               "report": "report"}.get(self.said_by or "", "")
        if who and self.speaker:
            who = f"{who}, {self.speaker}"
        head = f"{self.seed} ({who})" if who else f"{self.seed}"
        return f"{head}: “{' '.join((self.quote or '').split())}”"


class Effects(Strict):
    """What a tactic or an event changes in the state of the game. Every field is a change."""

    trust: Delta = Field(
        default=0.0, description="Change of mutual trust (trust is kept in 0..1); e.g. -0.15."
    )
    reservation: dict[str, Delta] = Field(
        default_factory=dict,
        description=(
            "Change of an actor's reservation value (their no-deal utility, kept in 0..1), "
            "by actor id; e.g. `{pk: -0.05}` when Pakistan's alternative to a deal gets worse."
        ),
    )
    pressure: dict[str, Delta] = Field(
        default_factory=dict,
        description=(
            "Change of an actor's domestic pressure to close a deal (kept in 0..1), by actor id."
        ),
    )
    weights: dict[str, dict[str, Annotated[float, Field(ge=-1.0, le=1.0)]]] = Field(
        default_factory=dict,
        description=(
            "Change of how much an actor cares about issues: actor id -> issue id -> change "
            "of the issue's share of the actor's attention (weights sum to 1; e.g. 0.05 moves "
            "five points of weight onto the issue, and the weights are renormalised afterwards)."
        ),
    )
    deadline: int = Field(
        default=0,
        ge=-5,
        le=5,
        description="Rounds added to (positive) or taken from (negative) the deadline.",
    )
    threshold: dict[str, Delta] = Field(
        default_factory=dict,
        json_schema_extra={"since": 2},
        description=(
            "Change of an actor's constituency threshold, by actor id: positive makes ratification "
            "at home harder (e.g. 0.05 after a public humiliation), negative easier."
        ),
    )


class Tactic(Strict):
    """A move of the actor's own that the article describes: a goodwill gesture or a pressure tactic."""

    id: Slug
    kind: TacticKind = Field(
        description="`gesture` (goodwill, builds trust) or `pressure` (coercion, costs trust)."
    )
    label: Text = Field(description="Short label shown on the move button, e.g. 'Reopen supply lines'.")
    description: Text = Field(description="What the move is, in a sentence or two, as news would put it.")
    effects: Effects = Field(description="What playing the move changes.")
    max_uses: int = Field(default=1, ge=1, le=10, description="How many times per game it can be played.")
    citation: Citation = Field(description="Where the article describes this move.")


class Constituency(Strict):
    """The domestic audience that must ratify a deal (the second level of a two-level game)."""

    name: Text = Field(description="Who ratifies, e.g. 'Congress' or 'the army and the public'.")
    description: Text = Field(description="What this constituency wants and fears, in a sentence or two.")
    weights: dict[str, Annotated[float, Field(ge=0.0)]] = Field(
        description=(
            "The constituency's own salience of each issue, by issue id (need not equal the "
            "negotiator's; renormalised to sum 1)."
        )
    )
    values: dict[str, dict[str, Unit]] = Field(
        default_factory=dict,
        description=(
            "Optional: where the constituency values an issue's options differently from the "
            "negotiator, issue id -> option id -> value in 0..1. Issues not listed use the "
            "negotiator's values."
        ),
    )
    threshold: Unit = Field(
        description=(
            "Utility (in the constituency's view) at which ratification is a coin flip; "
            "packages above it pass more often, below it fail more often."
        )
    )
    sensitivity: float = Field(
        default=0.08,
        gt=0.0,
        le=1.0,
        description=(
            "How sharply the chance of ratification rises around the threshold (the scale of a "
            "logistic curve); small values make ratification nearly certain above the threshold."
        ),
    )
    citation: Citation | None = Field(default=None, description="Where the article shows this domestic pressure.")


class Actor(Strict):
    """One side at the table."""

    id: Slug
    name: Text = Field(description="Full name of the government, e.g. 'United States'.")
    short_name: str = Field(
        default="", max_length=16, description="Short name for narrow screens, e.g. 'US'. Defaults to the name."
    )
    leader: Text = Field(description="Who leads the delegation, e.g. 'CIA Director David Petraeus'.")
    description: Text = Field(description="Who this side is at this table, in a sentence or two.")
    reservation: Unit = Field(
        description=(
            "Utility of no deal in 0..1 (the BATNA). A deal worth less than this is worse than "
            "walking away. Typical: 0.3-0.5."
        )
    )
    batna: Text = Field(description="One sentence: what this side does if there is no deal.")
    patience: Unit = Field(
        description=(
            "How well this side bears delay: 1 = no pressure grows while talks drag on, "
            "0 = domestic pressure to close reaches its maximum by the deadline."
        )
    )
    initial_pressure: Unit = Field(default=0.0, description="Domestic pressure to close a deal at the start, 0..1.")
    style: StrategyName = Field(
        default="adaptive",
        description="How the computer plays this side unless the player picks otherwise.",
    )
    constituency: Constituency
    tactics: list[Tactic] = Field(
        default_factory=list,
        description="This side's own goodwill gestures and pressure tactics from the article.",
    )
    aliases: list[Annotated[str, StringConstraints(min_length=2, max_length=40)]] = Field(
        default_factory=list,
        json_schema_extra={"since": 2},
        description=(
            "Other names the scenario's texts use for this side besides `name` and `short_name`: its "
            "capital, its people, its adjective (e.g. `[Washington, the Americans, American, U.S.]`). The "
            "validator uses them to find texts that present a position as this side's official one "
            "('Washington signals ...') and checks that they cite an official of this side."
        ),
    )

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Option(Strict):
    """One possible settlement of an issue."""

    id: Slug
    label: Text = Field(description="Short label, e.g. 'Halt strikes'.")
    description: Text = Field(description="What this option means in practice.")


class Issue(Strict):
    """One item on the agenda; a package settles every issue with one of its options."""

    id: Slug
    name: Text = Field(description="Short name, e.g. 'Drone strikes'.")
    description: Text = Field(description="What is at stake on this issue.")
    options: list[Option] = Field(
        min_length=2,
        max_length=12,
        description="The possible settlements, in a meaningful order (e.g. from one side's ask to the other's).",
    )

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


class Preference(Strict):
    """How much one actor cares about one issue and how it values each option."""

    weight: Annotated[float, Field(ge=0.0, le=100.0)] = Field(
        description="Salience of the issue for this actor (any scale; renormalised to sum 1 over issues)."
    )
    values: dict[str, Unit] = Field(
        description="Value of each option of the issue in 0..1 (option id -> value); every option must be listed."
    )
    rationale: str = Field(default="", description="Why this actor wants what it wants here, in a sentence.")
    citation: Citation | None = Field(default=None, description="Where the article states this demand.")


class RedLine(Strict):
    """Options an actor will never accept, whatever else the package offers."""

    issue: str = Field(description="Issue id.")
    options: list[str] = Field(min_length=1, description="Option ids of that issue the actor refuses.")
    rationale: Text = Field(description="Why this is a red line, as the actor would say it.")
    citation: Citation = Field(description="Where the article shows this red line.")


class EventConditions(Strict):
    """When an event can happen at all (all given conditions must hold)."""

    min_trust: Unit | None = Field(default=None, description="Only when trust is at least this.")
    max_trust: Unit | None = Field(default=None, description="Only when trust is at most this.")
    after_tactic: str | None = Field(
        default=None, description="Only after this tactic id (of either actor) has been played."
    )
    after_event: str | None = Field(default=None, description="Only after this event id has happened.")
    not_after_event: str | None = Field(default=None, description="Never after this event id has happened.")


# Reachable only through ``Event.crisis`` (format 2), like ``SeedNote``.
class CrisisResponse(Strict):
    """One way the side a crisis hits can answer it."""

    id: Slug = Field(json_schema_extra={"since": 2})
    label: Text = Field(json_schema_extra={"since": 2}, description="Short label, e.g. 'Condemn in public'.")
    description: Text = Field(
        json_schema_extra={"since": 2}, description="What the answer is and what it risks, in a sentence or two."
    )
    effects: Effects = Field(
        default_factory=Effects, json_schema_extra={"since": 2},
        description="What answering this way changes (trust, no-deal values, pressure, thresholds, the deadline).",
    )
    citation: Citation | None = Field(
        default=None, json_schema_extra={"since": 2},
        description="Where the article shows this kind of answer (or `said_by: game` with a reason).",
    )


class Crisis(Strict):
    """A crisis: news that one side must answer before the talks go on."""

    side: str = Field(json_schema_extra={"since": 2}, description="Actor id of the side the crisis hits.")
    prompt: Text = Field(
        json_schema_extra={"since": 2}, description="The question put to that side, e.g. 'How does Islamabad answer?'"
    )
    responses: list[CrisisResponse] = Field(
        min_length=2, max_length=4, json_schema_extra={"since": 2},
        description="Two to four answers, each with its own effects.",
    )


class Event(Strict):
    """News that may break between rounds and change the game."""

    id: Slug
    headline: Text = Field(description="Headline shown in the news feed.")
    text: Text = Field(description="The story in two or three sentences.")
    probability: Unit = Field(description="Chance per round that the event happens, when its conditions hold.")
    earliest_round: int | None = Field(default=None, ge=1, description="First round it can happen in.")
    latest_round: int | None = Field(default=None, ge=1, description="Last round it can happen in.")
    once: bool = Field(default=True, description="Whether it can happen at most once per game.")
    conditions: EventConditions = Field(default_factory=EventConditions)
    effects: Effects
    citations: list[Citation] = Field(min_length=1, description="Where the article reports this.")
    crisis: Crisis | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description=(
            "Makes the event a crisis: when it breaks, the side it hits must answer (one of the "
            "responses) before the talks go on. The event's own effects apply first."
        ),
    )


class Source(Strict):
    """Where a scenario comes from when it is not built from a news article.

    An imported model (e.g. a GENIUS/ANAC negotiation domain) has no article to quote, so
    instead of pretending with citations it names the files its numbers come from.
    """

    kind: Literal["genius"] = Field(
        description="`genius`: a GENIUS/ANAC negotiation domain and one utility profile per side."
    )
    files: list[Annotated[str, StringConstraints(pattern=r"^[^/\\\x00-\x1f]+$", max_length=200)]] = Field(
        min_length=1,
        description=(
            "File names of the imported files: the domain first, then one profile per actor in "
            "actor order, e.g. `[laptop_domain.xml, laptop_buyer_utility.xml, laptop_seller_utility.xml]`."
        ),
    )


# Reachable only through ``Scenario.seed_notes`` (format 2), so its fields never enter a
# format-1 content hash; they are required because a note without its seed or text says nothing.
class SeedNote(Strict):
    """What a player should know about one seed article before trusting it: an unknown date,
    factual errors, a contradiction with the public record."""

    seed: SeedName = Field(
        json_schema_extra={"since": 2},
        description="File name of the seed article the note is about, e.g. `003_cf3d7c363cfef7dc.txt`.",
    )
    note: Text = Field(
        json_schema_extra={"since": 2},
        description=(
            "One to three sentences for players, shown with the briefing and the debrief: what is "
            "unknown or wrong in the article, and what the public record says instead."
        ),
    )


# Reachable only through ``Scenario.intelligence`` (format 2), like ``SeedNote``.
class Intelligence(Strict):
    """What one side's analysts believe about the other side before the talks open.

    The player's estimates during play (the other side's priorities, the chance it accepts
    a package, its no-deal value) start from this and learn only from what the other side
    does and says; the other side's own numbers stay confidential until the debrief. Make
    it deliberately imperfect, as real intelligence is. Left out, analysts start from an
    uninformative prior: every ordering of priorities equally likely, interests opposed to
    one's own on every issue, and a middling no-deal value.
    """

    weights: dict[str, Annotated[float, Field(ge=0.0, le=100.0)]] = Field(
        default_factory=dict,
        json_schema_extra={"since": 2},
        description=(
            "Believed salience of each issue for the other side, by issue id (any scale, renormalised); "
            "issues left out are believed to matter averagely."
        ),
    )
    values: dict[str, dict[str, Unit]] = Field(
        default_factory=dict,
        json_schema_extra={"since": 2},
        description=(
            "Believed value of each option for the other side, issue id -> option id -> value in 0..1. "
            "An issue left out is read as opposed to one's own values (what you want most, they want least)."
        ),
    )
    reservation: Unit | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description="Believed no-deal value of the other side; left out, analysts assume 0.4 and are unsure of it.",
    )
    confidence: Unit = Field(
        default=0.5,
        json_schema_extra={"since": 2},
        description=(
            "How far the analysts trust this estimate, 0..1: 0 ignores it, 1 treats it as near certain. "
            "It sets how much the other side's actual offers must say before the estimate moves."
        ),
    )
    citation: Citation | None = Field(
        default=None,
        json_schema_extra={"since": 2},
        description="Where the article reports what one side believes or says of the other's aims.",
    )


class Briefings(Strict):
    """Role-sheet texts (Markdown)."""

    public: Text = Field(description="Background both sides read: the situation, the agenda, the stakes.")
    confidential: dict[str, Text] = Field(
        description="Per actor id, the confidential instructions only that side reads."
    )


class Scenario(Strict):
    """A negotiation between two actors over a package of issues, built from news articles."""

    id: Slug
    title: Text = Field(description="Title shown on the title screen.")
    year: int | None = Field(
        default=None, ge=1900, le=2100, description="Year of the talks, if the article tells it."
    )
    when: Annotated[Text, BeforeValidator(_year_text)] = Field(
        description="When the talks take place, in words, as far as the article tells it."
    )
    summary: Text = Field(description="Two or three sentences for the scenario list.")
    difficulty: Annotated[Difficulty, BeforeValidator(_difficulty)] = Field(
        description=(
            "How hard the scenario is for a new player: `easy`, `normal` or `hard` (`medium`, format 1's "
            "word, reads as `normal`)."
        )
    )
    tags: list[Slug] = Field(default_factory=list, description="Topics, for filtering.")
    rounds: int = Field(ge=2, le=40, description="The deadline: number of rounds (each side moves once per round).")
    first_mover: str | None = Field(
        default=None, description="Actor id of the side that opens; defaults to the first actor."
    )
    on_failed_ratification: Literal["reopen", "end"] = Field(
        default="reopen",
        description="After a deal fails at home: `reopen` talks (trust suffers) or `end` the game with no deal.",
    )
    actors: list[Actor] = Field(min_length=2, max_length=2, description="Exactly two sides.")
    issues: list[Issue] = Field(min_length=1, max_length=16, description="The agenda.")
    preferences: dict[str, dict[str, Preference]] = Field(
        description="actor id -> issue id -> weight and option values. Every actor rates every issue."
    )
    red_lines: dict[str, list[RedLine]] = Field(
        default_factory=dict, description="actor id -> options that side will never accept."
    )
    events: list[Event] = Field(default_factory=list, description="News that may break during the talks.")
    briefings: Briefings
    debrief_questions: list[Text] = Field(
        default_factory=list, description="Questions for the debrief after a game, drawn from the article."
    )
    seed_notes: list[SeedNote] = Field(
        default_factory=list,
        json_schema_extra={"since": 2},
        description=(
            "Notes on the reliability of the seed articles (date unknown, known factual errors), shown "
            "with the briefing and the debrief and listed in `seeds/README.md`."
        ),
    )
    intelligence: dict[str, Intelligence] = Field(
        default_factory=dict,
        json_schema_extra={"since": 2},
        description=(
            "Per actor id, what that side's analysts believe about the OTHER side at the start (its "
            "priorities, positions and no-deal value). Sides left out start from an uninformative prior."
        ),
    )
    hypothetical: bool = Field(
        default=False,
        json_schema_extra={"since": 2},
        description=(
            "`true` when the scenario departs from the public record (e.g. its article reports a visit "
            "that did not happen): the briefing and the debrief say it is a hypothetical. Explain why "
            "in `seed_notes`."
        ),
    )
    source: Source | None = Field(
        default=None,
        # Left out of dumps when unset, so that adding the field changed no scenario's hash.
        exclude_if=lambda value: value is None,
        description=(
            "Only for imported models (set by `parley import-genius`): the files the numbers come "
            "from. A scenario built from an article leaves it out and cites the article instead."
        ),
    )

    def actor(self, actor_id: str) -> Actor:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)

    def issue(self, issue_id: str) -> Issue:
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise KeyError(issue_id)

    def other(self, actor_id: str) -> Actor:
        return self.actors[1] if self.actors[0].id == actor_id else self.actors[0]

    def option_label(self, issue_id: str, option_id: str) -> str:
        return self.issue(issue_id).option(option_id).label

    def tactic(self, tactic_id: str) -> Tactic:
        """A tactic of either side, by id (tactic ids are unique across the scenario)."""
        for actor in self.actors:
            for tactic in actor.tactics:
                if tactic.id == tactic_id:
                    return tactic
        raise KeyError(tactic_id)

    def tactic_owner(self, tactic_id: str) -> Actor:
        for actor in self.actors:
            if any(t.id == tactic_id for t in actor.tactics):
                return actor
        raise KeyError(tactic_id)

    def event(self, event_id: str) -> Event:
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def red_lines_of(self, actor_id: str) -> list[RedLine]:
        return list(self.red_lines.get(actor_id, []))

    def barred(self, actor_id: str) -> set[tuple[str, str]]:
        """(issue id, option id) pairs that ``actor_id``'s red lines refuse."""
        return {(line.issue, option) for line in self.red_lines_of(actor_id) for option in line.options}

    @property
    def opener(self) -> str:
        return self.first_mover or self.actors[0].id
