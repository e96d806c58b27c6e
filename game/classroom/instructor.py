"""The instructor's sheet: the tables and who plays them, what stays secret, the analysis, the questions.

Everything a teacher needs to run and debrief the exercise, on one printable page run:
how students get in (live or hand-out, and what hand-out mode can and cannot keep
secret), the tables with their codes, seeds, students and the computer strategy actually
in use, the rule for a table that hands in more than one game, the scenario's analysis,
what each side really values, and the debrief questions.
"""

from __future__ import annotations

from game.engine import Game
from game.engine.analysis import Analysis, analyze_rules
from game.scenario.models import Scenario
from game.scenario.seednotes import seed_notes_markdown
from game.session.transcript import package_text

from .debrief import debrief_questions
from .exercise import (
    INSTRUCTOR_DIR,
    SEAT_CODES_FILE,
    SECRET_FILE,
    SEED_SECRET_FILE,
    STUDENTS_DIR,
    Exercise,
    OpenExercise,
    TablePlan,
    tables_text,
)
from .roster import ROSTER_FILE, Roster
from .sheets import PLAY_ONCE, Part, cell, inner, play_command, time_rule

PARETO_ROWS = 30
#: The rule for a table with more than one game handed in, as the verifier and the report apply it.
FIRST_GAME_RULE = (
    "When a table hands in more than one game, the first game started counts: the lowest attempt number (a game "
    "restarted on the same computer carries its attempt number and the hashes of the earlier attempts), then the "
    "earliest start. Never the file name. `parley class verify` names the tables concerned and which game counts; "
    "the report counts that game only."
)


def computer_text(exercise: Exercise, actor: str) -> str:
    """Who plays ``actor`` in this exercise: the computer strategies really seated, table by table."""
    by_strategy: dict[str, list[int]] = {}
    for table in exercise.tables:
        plan = table.seats[actor]
        if plan.player != "human":
            by_strategy.setdefault(plan.player, []).append(table.number)
    if not by_strategy:
        return "In this exercise students play it at every table; the computer does not play it."
    parts = [f"`{strategy}` at table{'s' if len(tables) > 1 else ''} {', '.join(map(str, tables))}"
             for strategy, tables in by_strategy.items()]
    return "In this exercise the computer plays it as " + "; ".join(parts) + "."


def secrecy_markdown() -> str:
    return "\n".join([
        "## Live or hand-out: what stays secret",
        "",
        "**Live (`parley serve`, `parley join`) — use it for graded work.** The scenario and both sides' values stay "
        "on your machine; every move is recorded in the class's store as it is made, with every sitting of every "
        "seat; a table is one game; logs are signed with the exercise secret. A student cannot see the other "
        "side's values, play the table twice, or hand in an edited or forged game.",
        "",
        f"**Hand-out.** Give each student only their own folder, `{INSTRUCTOR_DIR}/{STUDENTS_DIR}/table-NN-SIDE/`: "
        "their role sheet (a page at a glance, then in full, with their seat card) and their seat file (a hot-seat "
        "pair shares one). Never the exercise folder itself: `scenario.yaml` holds both sides' values, and "
        "`parley analyze` turns it into the Nash package. (`handouts/` has every student's pages per side, to print.)",
        "",
        "- What hand-out mode keeps: no file a student gets shows the other side's values or brief as text (the "
        "seat file is scrambled, and `parley analyze` cannot read it); a table's seed cannot be worked out from its "
        f"number or the exercise seed (it comes from `{INSTRUCTOR_DIR}/{SEED_SECRET_FILE}`); every game handed in is "
        "replayed, so an edited or copied game is caught; a second game handed in for a table is caught; a game "
        "restarted on the same computer says which attempt it is.",
        "- What it cannot keep: the seat file is scrambled, not encrypted: a student who reads Parley's source can "
        "unscramble it and read both sides' values and the table's seed. A student who deletes the game's local "
        "record can play the table again unseen and hand in only the later game. Hand-out logs are not signed, so "
        "the names in them are what the game was told (the roster fixes them when there is one).",
    ])


def _package_row(scenario: Scenario, game: Game, analysis: Analysis, package: int) -> str:
    u = analysis.utilities[:, package]
    return f"{u[0]:.3f} | {u[1]:.3f} | {cell(package_text(scenario, game.rules.choice_of(package)))}"


def _table_cells(table: TablePlan, scenario: Scenario, codes: dict[int, dict[str, str]],
                 roster: Roster | None) -> list[str]:
    out = []
    for actor in scenario.actors:
        plan = table.seats[actor.id]
        code = codes.get(table.number, {}).get(actor.id)
        student = roster.at(table.number, actor.id) if roster is not None else None
        who = f"{cell(student.name)}, " if student is not None else "student, "
        out.append(f"{who}seat code `{code}`" if code else f"computer (`{plan.player}`)")
    return out


def instructor_sheet(opened: OpenExercise, folder_name: str, codes: dict[int, dict[str, str]],
                     roster: Roster | None = None) -> list[Part]:
    """The instructor's sheet: tables and commands, what stays secret, the full analysis, values, questions."""
    scenario, game, exercise = opened.scenario, opened.game, opened.exercise
    analysis = analyze_rules(game.rules)
    labels = [a.label for a in scenario.actors]
    estimates = ("on: the game shows its estimates of the other side's priorities and of the chance it accepts"
                 if exercise.estimates else "off: the game shows no estimate of the other side")
    parts: list[Part] = [("", "\n".join([
        f"# Instructor sheet: {scenario.title}",
        "",
        f"Exercise `{exercise.id}` · created {exercise.created} · scenario `{scenario.id}` "
        f"(content hash `{exercise.scenario.hash[:12]}…`) · {tables_text(len(exercise.tables))} · "
        f"{exercise.mode_text()} · exercise seed {exercise.seed}.",
        "",
        time_rule(exercise),
        "",
        f"In-game estimates are {estimates} (the role sheets say so). {PLAY_ONCE}",
    ]))]
    parts.append(("secret", "\n".join([
        "## Keep this folder to yourself",
        "",
        f"`{INSTRUCTOR_DIR}/` holds what students must not see: this sheet (it shows both sides' priorities), "
        f"the seat codes (`{SEAT_CODES_FILE}`), the handouts that carry them (`handouts/`), each student's sheet "
        f"and seat file (`{STUDENTS_DIR}/`), the class roster (`{ROSTER_FILE}`, when there is one), the secret "
        f"the table seeds come from (`{SEED_SECRET_FILE}`) and the secret that signs hosted game logs "
        f"(`{SECRET_FILE}`). A student who has the signing secret can sign a forged log, and without it signed logs "
        "cannot be checked.",
    ])))
    parts.append(("", secrecy_markdown()))
    parts.append(("", _tables_markdown(opened, folder_name, codes, roster)))
    parts.append(("", _analysis_markdown(scenario, game, analysis, labels)))
    parts.append(("", _values_markdown(scenario, game, exercise)))
    sources = seed_notes_markdown(scenario)
    if sources:  # the debrief discusses how far the article can be trusted
        parts.append(("note", sources))
    parts.append(("", "## Debrief questions\n\n" + "\n".join(
        f"{n}. {q}" for n, q in enumerate(debrief_questions(scenario, analysis), start=1))))
    return parts


def _tables_markdown(opened: OpenExercise, folder_name: str, codes: dict[int, dict[str, str]],
                     roster: Roster | None) -> str:
    scenario, exercise = opened.scenario, opened.exercise
    head = "| Table | Table code | Seed | " + " | ".join(cell(a.name) for a in scenario.actors) + " | Hand-out |"
    rows = ["## Tables", "", head, "|---|---|---|" + "---|" * len(scenario.actors) + "---|"]
    for table in exercise.tables:
        named = roster is not None and all(roster.at(table.number, a) for a in table.humans)
        rows.append(f"| {table.number} | `{table.code}` | {table.seed} | "
                    + " | ".join(_table_cells(table, scenario, codes, roster))
                    + f" | `{cell(play_command(table, named=named))}` |")
    unseated = [f"table {t.number} {a}" for t in exercise.tables for a in t.humans
                if roster is not None and roster.at(t.number, a) is None]
    rows += [
        "",
        "Live: students type the table and seat codes on the class page (or `parley join SEATCODE`). Hand-out: "
        "each student runs the command beside their table with their seat file; the game writes its log to "
        "`results/` beside the seat file. Without a roster, students give their name when they sit down "
        "(`--name`), and it is sealed into the log. Collect the logs into this folder's `results/`, then:",
        "",
        f"- `parley class verify {folder_name}` checks every log by replaying its moves on its table's seed, and "
        "says for every table whether it has exactly one genuine game;",
        f"- `parley class report {folder_name}` compares the tables and writes the grades "
        f"(`{folder_name}/report/grades.csv`; `--grade gain|nash-share|rank` chooses what counts).",
        "",
        FIRST_GAME_RULE,
    ]
    if unseated:
        rows += ["", "Seats the roster leaves empty (those students give their name when they sit down): "
                 + ", ".join(unseated) + "."]
    return "\n".join(rows)


def _analysis_markdown(scenario: Scenario, game: Game, analysis: Analysis, labels: list[str]) -> str:
    zone = len(analysis.zone)
    out = [
        "## The analysis",
        "",
        f"Outcome space: {analysis.outcomes:,} packages over {len(scenario.issues)} issues. Agreement zone: "
        f"{zone:,} packages respect both sides' red lines and beat both no-deal values "
        f"({', '.join(f'{labels[i]} {analysis.reservation[i]:.2f}' for i in (0, 1))}).",
        "",
    ]
    if zone == 0:
        out.append("There is no agreement zone: every game ends without a deal.")
        return "\n".join(out)
    out += [f"| Solution | {cell(labels[0])} | {cell(labels[1])} | Package |", "|---|---|---|---|"]
    named = [("Nash (largest product of gains)", analysis.nash),
             ("Kalai-Smorodinsky (equal share of each best gain)", analysis.kalai_smorodinsky),
             (f"Best for {labels[0]}", analysis.best[0]), (f"Best for {labels[1]}", analysis.best[1])]
    for title, package in named:
        if package is not None:
            out.append(f"| {cell(title)} | " + _package_row(scenario, game, analysis, package) + " |")
    front = list(analysis.pareto)
    out += ["", f"### Pareto frontier ({len(front)} packages, by {labels[0]}'s utility)", "",
            f"| {cell(labels[0])} | {cell(labels[1])} | Package |", "|---|---|---|"]
    step = max(1, -(-len(front) // PARETO_ROWS))
    for p in front[::step]:
        out.append("| " + _package_row(scenario, game, analysis, int(p)) + " |")
    if step > 1:
        out.append(f"\n(every {step}th package of the frontier shown; `parley analyze {scenario.id}` lists all)")
    return "\n".join(out)


def _values_markdown(scenario: Scenario, game: Game, exercise: Exercise) -> str:
    rules = game.rules
    actors = scenario.actors
    out = ["## What each side really values", "",
           "| Issue | " + " | ".join(f"{cell(a.label)} weight" for a in actors) + " | Options ("
           + " / ".join(cell(a.label) for a in actors) + " value) |",
           "|---|" + "---|" * len(actors) + "---|"]
    for i, issue in enumerate(scenario.issues):
        weights = " | ".join(f"{rules.base_weights[a][i]:.0%}" for a in range(len(actors)))
        options = "; ".join(
            f"{o.label} " + "/".join(f"{scenario.preferences[a.id][issue.id].values[o.id]:.2f}" for a in actors)
            for o in issue.options
        )
        out.append(f"| {cell(issue.name)} | {weights} | {cell(options)} |")
    for actor in actors:
        lines = scenario.red_lines.get(actor.id, [])
        out += ["", f"**{actor.name}**: no deal is worth {actor.reservation:.2f} ({' '.join(actor.batna.split())}) "
                f"Patience {actor.patience:.2f}. {computer_text(exercise, actor.id)} Ratified by "
                f"{inner(actor.constituency.name)}.", ""]
        for line in lines:
            labels = ", ".join(scenario.option_label(line.issue, o) for o in line.options)
            out.append(f"- Red line on {scenario.issue(line.issue).name}: never {labels}.")
    return "\n".join(out)
