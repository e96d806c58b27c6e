"""Plain mode: the whole game as numbered choices on standard input and output.

For screen readers, pipes and scripted games. Same engine, same saves and logs as the
TUI. Output depends only on the scenario, seed, seats and the lines read, so a game
scripted in a text file gives the same transcript every time.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from game.classroom import TIMEOUT_REASON, ClassroomError, TableGame, TurnTimer, finish_table, start_table
from game.classroom import timeout_move as clock_move
from game.engine import Move, Seat, State
from game.engine.outcome import outcome
from game.scenario import bundled_paths, load
from game.scenario.models import Scenario
from game.session import Session, SessionError, exports_dir, list_saves, write_atomic
from game.session.launch import LaunchOptions
from game.session.transcript import mid_sentence, outcome_lines, package_text, record_lines, transcript_markdown

RULE = "-" * 72
_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")


def plain_text(markdown: str) -> str:
    """Briefings are Markdown; a screen reader should not read out the asterisks."""
    return _EMPHASIS.sub("", markdown.strip())


class Quit(Exception):
    """The player asked to stop (or input ran out); the game is saved."""


class Console:
    """Numbered questions over a pair of text streams (or a script of answers)."""

    def __init__(self, out: TextIO, lines: Iterator[str], echo: bool):
        self.out = out
        self.lines = lines
        self.echo = echo  # scripted answers are echoed so the transcript reads like a session

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def ask(self, prompt: str) -> str:
        self.out.write(f"{prompt} ")
        try:
            line = next(self.lines)
        except StopIteration:
            self.out.write("\n")
            raise Quit from None
        answer = line.rstrip("\n").strip()
        if self.echo:
            self.out.write(answer + "\n")
        self.out.flush()
        return answer

    def choose(self, title: str, options: list[str], allow_back: bool = False) -> int | None:
        """Ask for a number from a list; None for 'back' (0) when allowed. Re-asks on bad input."""
        self.say(title)
        for n, text in enumerate(options, start=1):
            self.say(f"  {n}. {text}")
        if allow_back:
            self.say("  0. Back")
        while True:
            answer = self.ask(">")
            if answer.lower() in ("q", "quit"):
                raise Quit
            if allow_back and answer == "0":
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return int(answer) - 1
            self.say(f"Please type a number from {'0' if allow_back else '1'} to {len(options)}.")

    def confirm(self, question: str) -> bool:
        while True:
            answer = self.ask(f"{question} [y/n]").lower()
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            if answer in ("q", "quit"):
                raise Quit
            self.say("Please answer y or n.")


def _script_lines(path: Path) -> Iterator[str]:
    """The answers in a script file (read at once, so a missing file fails up front)."""
    text = path.read_text(encoding="utf-8")
    return iter([raw for raw in text.splitlines() if not raw.strip().startswith("#")])


class PlainGame:
    """One game driven from a console; the player may hold one side or both (hot-seat).

    With a time ``limit`` (seconds per move, from a classroom exercise) each human turn is
    timed on ``clock``: a move chosen after the limit is not played, and the turn passes.
    Input cannot be interrupted portably, so the time is measured when the answer comes.
    """

    def __init__(self, session: Session, console: Console, limit: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.session = session
        self.c = console
        self.timer = TurnTimer(limit, clock)

    @property
    def state(self) -> State:
        return self.session.state

    @property
    def scenario(self) -> Scenario:
        return self.state.scenario

    # -- screens -------------------------------------------------------------------------

    def briefing(self, actor_id: str) -> None:
        s, c = self.scenario, self.c
        actor = s.actor(actor_id)
        c.say(RULE)
        c.say(f"{s.title} — {s.when}")
        c.say(f"You are {actor.name}, led by {actor.leader}.")
        c.say(RULE)
        c.say(plain_text(s.briefings.public))
        c.say("")
        c.say("CONFIDENTIAL — for " + actor.name + " only:")
        c.say(plain_text(s.briefings.confidential[actor_id]))
        c.say("")
        c.say("Your priorities (weight of each issue):")
        weights = self.state.weights(actor_id)
        for issue, w in sorted(zip(s.issues, weights, strict=True), key=lambda p: -p[1]):
            c.say(f"  {issue.name:<26} {w:.0%}")
        lines = s.red_lines.get(actor_id, [])
        if lines:
            c.say("Your red lines:")
            for line in lines:
                labels = ", ".join(self._label(line.issue, o) for o in line.options)
                c.say(f"  {s.issue(line.issue).name}: never {labels} — {line.rationale.strip()}")
        other = s.other(actor_id)
        theirs = s.red_lines.get(other.id, [])
        if theirs:
            c.say(f"{other.name}'s declared red lines:")
            for line in theirs:
                labels = ", ".join(self._label(line.issue, o) for o in line.options)
                c.say(f"  {s.issue(line.issue).name}: never {labels}")
        c.say(f"No deal is worth {self.state.reservation(actor_id):.2f} to you: {actor.batna.strip()}")
        c.say(f"The talks last {self.state.deadline} rounds. A deal must be ratified by "
              f"{mid_sentence(actor.constituency.name)} and by {mid_sentence(other.constituency.name)}.")

    def _label(self, issue_id: str, option_id: str) -> str:
        return next(o.label for o in self.scenario.issue(issue_id).options if o.id == option_id)

    def status(self, me: str) -> None:
        s, st, c = self.scenario, self.state, self.c
        other = s.other(me).id
        c.say(RULE)
        left = self.timer.remaining()
        c.say(f"Round {st.round} of {st.deadline} · {s.actor(me).name} to move · trust {st.trust:.2f} · "
              f"your no-deal value {st.reservation(me):.2f} · pressure at home {st.pressure(me):.2f}"
              + (f" · time left {left:.0f} s" if left is not None else ""))
        theirs = st.standing_offer(other)
        mine = st.standing_offer(me)
        if theirs:
            c.say(f"{s.actor(other).name}'s offer (worth {st.utility(me, theirs):.2f} to you, "
                  f"{st.ratify_chance(me, theirs):.0%} chance {mid_sentence(s.actor(me).constituency.name)} ratifies):")
            c.say("  " + package_text(s, theirs, "\n  "))
        else:
            c.say(f"{s.actor(other).name} has no offer on the table.")
        if mine:
            c.say(f"Your offer on the table is worth {st.utility(me, mine):.2f} to you.")

    def show_issues(self, me: str) -> None:
        s, st, c = self.scenario, self.state, self.c
        weights = st.weights(me)
        barred = {(ln.issue, o) for ln in s.red_lines.get(me, []) for o in ln.options}
        other_barred = {(ln.issue, o) for ln in s.red_lines.get(s.other(me).id, []) for o in ln.options}
        for i, issue in enumerate(s.issues):
            c.say(f"{issue.name} (weight {weights[i] / weights.sum():.0%}): {issue.description.strip()}")
            for option in issue.options:
                value = s.preferences[me][issue.id].values[option.id]
                marks = (" [your red line]" if (issue.id, option.id) in barred else "") + (
                    " [their red line]" if (issue.id, option.id) in other_barred else "")
                c.say(f"    {option.label:<30} value {value:.2f}{marks}")

    # -- moves -----------------------------------------------------------------------------

    def compose(self, me: str) -> dict[str, str] | None:
        s, st, c = self.scenario, self.state, self.c
        current = st.standing_offer(me) or st.rules.choice_of(self._best(me))
        barred = {(ln.issue, o) for ln in s.red_lines.get(me, []) for o in ln.options}
        theirs = {(ln.issue, o) for ln in s.red_lines.get(s.other(me).id, []) for o in ln.options}
        for issue in s.issues:
            labels = []
            for option in issue.options:
                value = s.preferences[me][issue.id].values[option.id]
                mark = " (your red line)" if (issue.id, option.id) in barred else ""
                mark += " (their red line)" if (issue.id, option.id) in theirs else ""
                now = " <- current" if current[issue.id] == option.id else ""
                labels.append(f"{option.label} — value {value:.2f}{mark}{now}")
            pick = c.choose(f"{issue.name}:", labels, allow_back=True)
            if pick is None:
                return None
            current[issue.id] = issue.options[pick].id
        c.say("Your proposal: " + package_text(s, current))
        c.say(f"  Worth {st.utility(me, current):.2f} to you (no deal: {st.reservation(me):.2f}); "
              f"{st.ratify_chance(me, current):.0%} chance {mid_sentence(s.actor(me).constituency.name)} ratifies; "
              f"analysts put the chance {s.other(me).name} accepts at {st.accept_estimate(me, current):.0%}.")
        return current if c.confirm("Send this proposal?") else None

    def _best(self, me: str) -> int:
        a = self.state.index(me)
        rules = self.state.rules
        u = rules.utility_table(a, self.state.weights(me))
        u[rules.forbidden[a]] = -1
        return int(u.argmax())

    def signal(self, me: str) -> tuple[str, ...] | None:
        s, c = self.scenario, self.c
        chosen: list[str] = []
        names = [i.name for i in s.issues]
        while len(chosen) < 3:
            left = [i for i in range(len(names)) if s.issues[i].id not in chosen]
            labels = [names[i] for i in left] + (["Done"] if chosen else [])
            pick = c.choose(f"Priority {len(chosen) + 1} you will claim (cheap talk; it may be a bluff):",
                            labels, allow_back=True)
            if pick is None:
                return None
            if pick == len(left):
                break
            chosen.append(s.issues[left[pick]].id)
        return tuple(chosen)

    def turn(self, me: str) -> None:
        """One menu for the side to move; returns after a move that ends the turn."""
        s, st, c = self.scenario, self.state, self.c
        self.timer.start()
        while not st.is_terminal and st.current_actor == me:
            if self._time_up(me):
                return
            self.status(me)
            actions: list[tuple[str, Callable[[], Move | None]]] = [
                ("Propose a package", lambda: self._propose(me)),
            ]
            other = s.other(me)
            if st.standing_offer(other.id):
                actions.append(("Accept their offer", lambda: self._accept(me)))
                actions.append(("Reject their offer", lambda: Move(me, "reject")))
            if st.why_illegal(Move(me, "signal", signal=(s.issues[0].id,))) is None:
                actions.append(("Signal your priorities", lambda: self._signal(me)))
            for tactic_id in st.available_tactics(me):
                tactic = next(t for t in s.actor(me).tactics if t.id == tactic_id)
                kind = "gesture" if tactic.kind == "gesture" else "pressure"
                actions.append((f"Play ({kind}): {tactic.label}", lambda t=tactic_id: Move(me, "tactic", tactic=t)))
            actions.append(("Walk away", lambda: self._walk(me)))
            actions.append(("Show issues and your values", lambda: self._info(self.show_issues, me)))
            actions.append(("Show the transcript", lambda: self._info(self.transcript, me)))
            actions.append(("Show your briefing", lambda: self._info(self.briefing, me)))
            pick = c.choose("Your move:", [a[0] for a in actions])
            assert pick is not None
            move = actions[pick][1]()
            if self._time_up(me):
                return
            if move is None:
                continue
            problem = st.why_illegal(move)
            if problem:
                c.say(f"Not possible: {problem}.")
                continue
            for record in self.session.play(move):
                self.report(record, me)

    def _info(self, show: Callable[[str], None], me: str) -> None:
        show(me)

    def _time_up(self, me: str) -> bool:
        """When the turn's time has run out, let the turn pass (reject, or pass with no offer)."""
        if not self.timer.expired():
            return False
        move = clock_move(self.state, me)
        what = "their offer is rejected" if move.kind == "reject" else "you make no proposal this round"
        self.c.say(f"Time is up ({self.timer.used():.0f} s of {self.timer.limit:g} s): your turn passes and {what}.")
        for record in self.session.play(move, TIMEOUT_REASON):
            self.report(record, me)
        return True

    def _propose(self, me: str) -> Move | None:
        package = self.compose(me)
        return Move(me, "propose", package=package) if package else None

    def _accept(self, me: str) -> Move | None:
        return Move(me, "accept") if self.c.confirm("Accept their offer? This cannot be undone.") else None

    def _walk(self, me: str) -> Move | None:
        return Move(me, "walk") if self.c.confirm("Walk away and end the talks with no deal?") else None

    def _signal(self, me: str) -> Move | None:
        claim = self.signal(me)
        return Move(me, "signal", signal=claim) if claim else None

    def report(self, record, viewer: str | None) -> None:
        for line in record_lines(self.scenario, record, viewer):
            self.c.say(line)

    def transcript(self, viewer: str) -> None:
        for item in self.state.news:
            if item.round == 1 and all(item not in r.news for r in self.state.history):
                self.c.say(f"  NEWS (round 1): {item.headline} — {item.text.strip()}")
        for record in self.state.history:
            self.report(record, viewer)

    def debrief(self) -> None:
        c = self.c
        c.say(RULE)
        c.say("RESULT AND DEBRIEF")
        for line in outcome_lines(self.scenario, outcome(self.state)):
            c.say(line)
        if self.scenario.debrief_questions:
            c.say("Questions for discussion:")
            for n, q in enumerate(self.scenario.debrief_questions, start=1):
                c.say(f"  {n}. {q.strip()}")

    # -- the loop ----------------------------------------------------------------------

    def play(self) -> int:
        st, c = self.state, self.c
        humans = [a for a, seat in st.seats.items() if seat.human]
        hot_seat = len(humans) == 2
        for actor_id in humans[:1] if not hot_seat else []:
            self.briefing(actor_id)
        for item in st.news:
            if not st.history:
                c.say(f"NEWS: {item.headline} — {item.text.strip()}")
        for record in self.session.advance():
            self.report(record, humans[0] if len(humans) == 1 else None)
        briefed: set[str] = set()
        while not st.is_terminal:
            me = st.current_actor or ""
            if hot_seat:
                c.say(RULE)
                c.say(f"Pass the keyboard to {self.scenario.actor(me).name}; the other side should look away.")
                c.ask("Press Enter when ready.")
                if me not in briefed:
                    self.briefing(me)
                    briefed.add(me)
            self.turn(me)
        self.debrief()
        return 0


def _pick_scenario(c: Console, options: LaunchOptions) -> tuple[Scenario, Path] | None:
    paths = list(options.scenario_paths)
    if not paths:
        paths = bundled_paths()
        loaded = [(p, load(p)) for p in paths]
        good = [(p, lo.scenario) for p, lo in loaded if lo.scenario is not None]
        pick = c.choose("Choose a scenario:", [
            f"{s.title} ({s.year or 'n.d.'}, {s.difficulty})" for _, s in good])
        assert pick is not None
        return good[pick][1], good[pick][0]
    path = paths[0]
    loaded = load(path)
    if loaded.scenario is None or not loaded.ok:
        for d in loaded.diagnostics:
            c.say(d.format())
        return None
    return loaded.scenario, path


def _new_session(c: Console, options: LaunchOptions) -> Session | None:
    picked = _pick_scenario(c, options)
    if picked is None:
        return None
    scenario, path = picked
    ids = [a.id for a in scenario.actors]
    side = options.side
    if side is None:
        pick = c.choose("Which side do you take?", [f"{a.name} ({a.leader})" for a in scenario.actors])
        assert pick is not None
        side = ids[pick]
    if side not in ids:
        c.say(f"Unknown side '{side}'; sides are {', '.join(ids)}.")
        return None
    other = scenario.other(side)
    try:
        opponent = Seat.parse(options.opponent) if options.opponent else Seat(other.style, "normal")
    except ValueError as exc:
        c.say(f"--opponent: {exc}")
        return None
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(1, 1_000_000)
    c.say(f"Seed {seed} (play the same game again with --seed {seed}). "
          f"{other.name} is played by {'a second person (hot-seat)' if opponent.human else opponent}.")
    return Session.new(scenario, path, seed, {side: Seat(), other.id: opponent})


def run_plain(options: LaunchOptions, stdin: TextIO, stdout: TextIO, script: str | None = None,
              clock: Callable[[], float] = time.monotonic) -> int:
    """Run plain mode; returns the process exit code. ``clock`` times exercise turns (tests fake it)."""
    try:
        lines: Iterator[str] = _script_lines(Path(script)) if script else iter(stdin)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        stdout.write(f"{script}: cannot read the script ({reason})\n")
        return 1
    c = Console(stdout, lines, echo=script is not None or not stdin.isatty())
    table: TableGame | None = None
    try:
        if options.replay is not None:
            return _replay(c, options.replay)
        if options.exercise is not None:
            table = _exercise_table(c, options)
            code = PlainGame(table.session, c, table.round_time, clock).play()
            _export(c, table.session)
            c.say(f"Your game log for the instructor: {finish_table(table)}")
            return code
        if options.resume is not None or options.resume_list:
            session = _resume(c, options.resume)
        else:
            session = _new_session(c, options)
        if session is None:
            return 1
        game = PlainGame(session, c)
        code = game.play()
        _export(c, session)
        return code
    except Quit:
        if table is not None:
            c.say(f"Stopped. The game is saved; continue it with `parley play --exercise {options.exercise} "
                  f"--table {table.table.number}`.")
        else:
            c.say("Stopped. The game is saved; continue it with `parley resume`.")
        return 0
    except (SessionError, ClassroomError) as exc:
        c.say(str(exc))
        return 1


def _exercise_table(c: Console, options: LaunchOptions) -> TableGame:
    """The exercise table's session (the table's seed and seats), resumed when in progress."""
    assert options.exercise is not None
    if options.table is None:
        raise ClassroomError("--exercise needs --table K (your table number)")
    table = start_table(options.exercise, options.table, options.seat, options.log_to)
    s = table.opened.scenario
    plan = table.table
    if plan.hot_seat:
        who = f"{s.actors[0].name} and {s.actors[1].name} are played by two people at this keyboard (hot-seat)"
    else:
        human = plan.humans[0]
        who = f"you play {s.actor(human).name}; {s.other(human).name} is played by the computer " \
              f"({plan.seats[s.other(human).id].player})"
    limit = f"; {table.round_time:g} seconds for each move" if table.round_time else ""
    c.say(f"Exercise table {plan.number} (code {plan.code}): {who}{limit}.")
    if table.over_already:
        c.say("This table's game is over already (a table is played once); here is its debrief again.")
    elif table.resumed:
        c.say(f"Continuing this table's game from round {table.session.state.round}.")
    return table


def _resume(c: Console, path: Path | None) -> Session | None:
    if path is None:
        saves = [s for s in list_saves() if s.status == "ongoing"]
        if not saves:
            c.say("No saved games in progress.")
            return None
        pick = c.choose("Resume which game?", [
            f"{s.title} — round {s.round}, {s.moves} moves ({', '.join(f'{k}: {v}' for k, v in s.seats.items())})"
            for s in saves])
        assert pick is not None
        path = saves[pick].path
    return Session.open(path)


def _replay(c: Console, path: Path) -> int:
    session = Session.open(path, autosave=False)
    game = PlainGame(session, c)
    game.transcript("")
    if session.state.is_terminal:
        game.debrief()
    return 0


def _export(c: Console, session: Session) -> None:
    """Write the game log (JSON) and the Markdown transcript with the debrief."""
    state = session.state
    result = outcome(state)
    stem = session.save_path.stem if session.save_path else f"{state.scenario.id}-{state.seed}"
    folder = exports_dir()
    log = session.log()
    log["outcome"] = result.to_dict()
    write_atomic(folder / f"{stem}.json", json.dumps(log, indent=1, ensure_ascii=False) + "\n")
    write_atomic(folder / f"{stem}.md", transcript_markdown(state, result))
    c.say("The game log and a Markdown transcript with the debrief are in your Parley exports folder.")

