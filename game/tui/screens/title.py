"""The title screen: choose a scenario, a side, an opponent and a seed.

Lists the bundled scenarios and any file named on the command line. A file that fails
validation stays in the list with the validator's located messages in place of its
summary, so an author sees FILE:LINE:COL problems instead of a traceback. Reading and
validating the files runs in a thread worker, so the screen draws at once however large
or many the files are. The screen knows nothing of sessions: Start posts a
:class:`TitleScreen.Start` message with the choices, and the app opens the game.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from game.engine import DIFFICULTIES, STRATEGIES, Seat
from game.scenario import Loaded, bundled_paths, load
from game.scenario.models import Scenario
from game.scenario.seednotes import seed_note_lines
from game.session.launch import LaunchOptions
from game.tui.keys import Key
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.lists import StopList
from game.tui.widgets.notice import NoticeBar, NoticeScreen

HUMAN = "human"
DIFFICULTY_STYLE = {"easy": "$success", "normal": "$warning", "hard": "$error"}


@dataclass
class Entry:
    """One scenario file on offer, loaded and validated."""

    path: Path
    loaded: Loaded
    named: bool  # named on the command line

    @property
    def scenario(self) -> Scenario | None:
        return self.loaded.scenario if self.loaded.ok else None


def entries(extra: list[Path]) -> list[Entry]:
    """The files named on the command line first, then the bundled scenarios."""
    out = [Entry(p, load(p), True) for p in extra]
    named = {p.resolve() for p in extra}
    out += [Entry(p, load(p), False) for p in bundled_paths() if p.resolve() not in named]
    return out


def entry_prompt(entry: Entry) -> Content:
    s = entry.scenario
    if s is None:
        errors = len(entry.loaded.errors) or len(entry.loaded.diagnostics)
        return Content.assemble(("✗ ", "$error bold"), (entry.path.name, "bold"),
                                (f"  invalid: {errors} problem{'s' if errors != 1 else ''}", "$error"))
    year = f"{s.year} · " if s.year else ""
    return Content.assemble((s.title, "bold"), "\n", (f"{year}{s.rounds} rounds · ", "$foreground-muted"),
                            (s.difficulty, DIFFICULTY_STYLE.get(s.difficulty, "")))


def light_markdown(paragraph: str) -> Content:
    """One Markdown paragraph with its **bold** and *italic* runs, for a preview (the briefing
    screen renders the full Markdown)."""
    parts: list[tuple[str, str] | str] = []
    for k, chunk in enumerate(re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", " ".join(paragraph.split()))):
        if k % 2 and chunk.startswith("**"):
            parts.append((chunk[2:-2], "bold"))
        elif k % 2:
            parts.append((chunk[1:-1], "italic"))
        elif chunk:
            parts.append(chunk)
    return Content.assemble(*parts, end="\n")


class TitleScreen(NoticeScreen):
    """Pick what to play; Enter starts. Below 80 columns the choices take two rows."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-small"), (80, "-normal")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Key("ctrl+s", "start", "Start", priority=True, help="start the highlighted scenario with these choices"),
        Key("r", "resume", "Saved games", help="the saved games, to reopen or replay one"),
    ]

    class Start(Message):
        """The player chose a game; the app opens it (its session, briefing and table)."""

        def __init__(self, scenario: Scenario, path: Path | None, side: str, opponent: Seat, seed: int) -> None:
            super().__init__()
            self.scenario = scenario
            self.path = path
            self.side = side
            self.opponent = opponent
            self.seed = seed

    class Loaded(Message):
        """The scenario files are read and validated (by the worker)."""

        def __init__(self, entries: list[Entry]) -> None:
            super().__init__()
            self.entries = entries

    def __init__(self, options: LaunchOptions | None = None) -> None:
        super().__init__()
        #: The command line's choices: extra scenario files, and the side, opponent and seed to preselect.
        self.options = options or LaunchOptions()
        self.entries: list[Entry] = []
        self.current: Entry | None = None
        self.side: str | None = None
        self.opponent: str | None = None
        #: The opponent was picked (on the command line or by hand): keep it across scenarios.
        self.opponent_chosen = False

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("PARLEY", "bold $accent"), "  ",
                                      ("negotiate the deals of recent history, one package at a time",
                                       "$foreground-muted")),
                     id="banner")
        yield NoticeBar(id="notice")
        with Horizontal(id="setup"):
            with Vertical(classes="field", id="side-field"):
                yield Label("You play")
                yield Select[str]([], id="pick-side", allow_blank=True, prompt="side", compact=True)
            with Vertical(classes="field", id="opponent-field"):
                yield Label("Against")
                yield Select[str](
                    [(name, name) for name in STRATEGIES] + [("person (hot-seat)", HUMAN)],
                    id="opponent", allow_blank=False, compact=True,
                )
            with Vertical(classes="field", id="difficulty-field"):
                yield Label("Difficulty")
                yield Select[str]([(d, d) for d in DIFFICULTIES], id="difficulty", allow_blank=False, value="normal",
                                  compact=True)
            with Vertical(classes="field", id="seed-field"):
                yield Label("Seed")
                yield Input(self._initial_seed(), type="integer", id="seed", max_length=9, compact=True)
            yield Button("Start", id="start", variant="primary", compact=True)
        with Horizontal(id="title-body"):
            yield StopList(marker=True, id="scenarios")
            with VerticalScroll(id="scenario-info"):
                yield Static(Content.styled("Reading the scenarios…", "$foreground-muted"), id="info")
        yield KeyFooter()

    def _initial_seed(self) -> str:
        if self.options.seed is not None:
            return str(self.options.seed)
        return str(secrets.randbelow(1_000_000))

    def on_mount(self) -> None:
        self.query_one("#scenarios", OptionList).focus()
        self.load(list(self.options.scenario_paths))

    @work(thread=True, exclusive=True)
    def load(self, extra: list[Path]) -> None:
        """Read and validate every scenario file off the UI thread (YAML, schema and model checks)."""
        self.post_message(self.Loaded(entries(extra)))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        self.entries = message.entries
        scenarios = self.query_one("#scenarios", OptionList)
        scenarios.add_options([Option(entry_prompt(e), id=str(k)) for k, e in enumerate(self.entries)])
        if self.entries:
            wanted = self.options.highlight
            first = next((k for k, e in enumerate(self.entries) if wanted is not None and e.path == wanted), 0)
            scenarios.highlighted = first
            self.choose(self.entries[first], preselect=True)

    # -- choosing ----------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#scenarios")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self.entries[int(event.option.id or 0)]
        if entry is not self.current:
            self.choose(entry, preselect=self.current is None)

    def choose(self, entry: Entry, preselect: bool = False) -> None:
        """Show one scenario and fit the side and opponent choices to it."""
        self.current = entry
        self.query_one("#info", Static).update(self._info(entry))
        side = self.query_one("#pick-side", Select)
        s = entry.scenario
        if s is None:
            side.set_options([])
            return
        side.set_options([(a.label, a.id) for a in s.actors])
        ids = {a.id for a in s.actors}
        wanted = self.options.side if preselect else self.side
        me = wanted if wanted in ids else s.actors[0].id
        self.side = me
        side.value = me
        if preselect:
            self._fit_opponent(s, me, self.options.opponent)
        elif not self.opponent_chosen:
            self._fit_opponent(s, me, None)

    def _fit_opponent(self, s: Scenario, me: str, spec: str | None) -> None:
        opponent = self.query_one("#opponent", Select)
        difficulty = self.query_one("#difficulty", Select)
        seat = None
        if spec:
            try:
                seat = Seat.parse(spec)
            except ValueError as exc:
                self.notify(str(exc), title="--opponent", severity="warning")
        if seat is None:
            seat = Seat(s.other(me).style, str(difficulty.value))
        else:
            self.opponent_chosen = True
        self.opponent = HUMAN if seat.human else str(seat.strategy)
        opponent.value = self.opponent
        if not seat.human:
            difficulty.value = seat.difficulty
        difficulty.disabled = seat.human

    @on(Select.Changed, "#pick-side")
    def side_changed(self, event: Select.Changed) -> None:
        s = self.current.scenario if self.current else None
        if not isinstance(event.value, str) or event.value == self.side:
            return  # our own preselection coming back
        self.side = event.value
        if s is not None and not self.opponent_chosen:
            self._fit_opponent(s, event.value, None)

    @on(Select.Changed, "#opponent")
    def opponent_changed(self, event: Select.Changed) -> None:
        self.query_one("#difficulty", Select).disabled = event.value == HUMAN
        if event.value != self.opponent:  # a choice by hand, not our own preselection
            self.opponent = str(event.value)
            self.opponent_chosen = True

    def _info(self, entry: Entry) -> Content:
        s = entry.scenario
        if s is None:
            lines = [Content.styled(f"{entry.path} is not a valid scenario", "bold $error"), Content("")]
            lines += [Content.styled(d.format(), "$error" if d.is_error else "$warning")
                      for d in entry.loaded.diagnostics]
            lines += [Content(""),
                      Content.styled(f"Fix these and run: parley validate {entry.path}", "$foreground-muted")]
            return Content("\n").join(lines)
        size = 1
        for issue in s.issues:
            size *= len(issue.options)
        lines = [
            Content.styled(s.title, "bold $accent"),
            Content.styled(s.when, "$foreground-muted"),
            Content(""),
            Content(s.summary.strip()),
            Content(""),
            Content.assemble(("Difficulty ", "$foreground-muted"),
                             (s.difficulty, DIFFICULTY_STYLE.get(s.difficulty, "")),
                             ("  ·  ", "$foreground-muted"), f"{s.rounds} rounds",
                             ("  ·  ", "$foreground-muted"), f"{len(s.issues)} issues, {size} packages"),
        ]
        for actor in s.actors:
            lines.append(Content.assemble(("• ", "$accent"), (actor.name, "bold"), f" — {actor.leader}"))
        lines += [Content(""), Content.styled("The agenda", "bold")]
        for issue in s.issues:
            lines.append(Content.assemble(("• ", "$accent"), (issue.name, "bold"), ": ",
                                          (" / ".join(o.label for o in issue.options), "$foreground-muted")))
        lines += [Content(""), Content.styled("Enter (or Ctrl+S) starts; Tab moves to the choices above.", "$accent"),
                  Content(""), Content.styled("Background", "bold")]
        lines += [light_markdown(p) for p in s.briefings.public.strip().split("\n\n")]
        notes = seed_note_lines(s)
        if notes:
            lines.append(Content.styled("About the sources", "bold $warning"))
            lines += [Content.assemble(("• ", "$warning"), line) for line in notes]
            lines.append(Content(""))
        if entry.named:
            lines.append(Content.styled(f"From {entry.path}", "$foreground-muted"))
        return Content("\n").join(lines)

    # -- starting ----------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#scenarios")
    def selected(self) -> None:
        self.action_start()

    @on(Input.Submitted, "#seed")
    def seed_submitted(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#start")
    def start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        entry = self.current
        if entry is None:
            return  # the scenarios are still being read
        if entry.scenario is None:
            self.notify("This scenario file has errors; choose another or fix it.", severity="error")
            return
        text = self.query_one("#seed", Input).value.strip()
        if not text.isdigit():
            self.notify("The seed is a whole number, 0 or more.", title="Seed", severity="error")
            self.query_one("#seed", Input).focus()
            return
        me = self.query_one("#pick-side", Select).value
        if not isinstance(me, str):
            self.notify("Choose the side you play.", severity="error")
            return
        opponent = self.query_one("#opponent", Select).value
        level = self.query_one("#difficulty", Select).value
        seat = Seat() if opponent == HUMAN else Seat(str(opponent), str(level))
        self.post_message(self.Start(entry.scenario, entry.path, me, seat, int(text)))

    def action_resume(self) -> None:
        from game.tui.screens.saves import SavesScreen

        self.app.push_screen(SavesScreen())

