"""Integrity a teacher can rely on: names sealed onto the chain, every game a seat starts counted as an
attempt, and `class verify` giving each table's standing (genuine, edited, copy, wrong seed, forged, more
than one game, missing) with exit 1 and the tables named unless each has exactly one genuine game."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from game.classroom import chain, open_exercise, sign_in, start_table, table_standings, verify_logs
from game.classroom.attempts import attempts_path, save_path
from game.classroom.exercise import ClassroomError, OpenExercise
from game.classroom.files import read_logs
from game.classroom.logs import build_log
from game.cli import main
from game.engine import Move

from .classroom_helpers import new_exercise, play_direct


@pytest.fixture()
def two_tables(tmp_path: Path, parley_home: Path) -> OpenExercise:
    """Table 1 hot-seat, table 2 the US against conceder/easy."""
    return new_exercise(tmp_path / "ex", "--tables", "2", "--seed", "6", "--vs-computer", "conceder/easy",
                        "--side", "us", "--computer-tables", "2")


def log_of(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_names_are_sealed_onto_the_chain(two_tables: OpenExercise) -> None:
    path = play_direct(two_tables, 2, "us", [Move("us", "walk")], us="Ada Lovelace")
    log = log_of(path)
    assert log["students"] == {"us": "Ada Lovelace"}
    assert log["seal"] == chain.seal(log["head"], {"us": "Ada Lovelace"}) and "signature" not in log
    [check] = verify_logs(two_tables, read_logs(two_tables))
    assert check.genuine and check.students == {"us": "Ada Lovelace"} and "Ada Lovelace (us)" in check.line()
    edited = copy.deepcopy(log)
    edited["students"]["us"] = "Mallory"
    [check] = verify_logs(two_tables, [("edited.json", edited)])
    assert check.verdict == "edited" and "names were changed after the game was sealed" in check.reason
    signed = build_log(two_tables, two_tables.exercise.table(2), "us", start_table(two_tables.folder, 2, "us").session
                       .state, b"k" * 32, students={"us": "Ada Lovelace"})
    assert chain.signature_ok(b"k" * 32, signed["seal"], signed["signature"])
    signed["students"]["us"] = "Mallory"
    signed["seal"] = chain.seal(signed["head"], signed["students"])
    [check] = verify_logs(two_tables, [("signed.json", signed)], b"k" * 32)
    assert check.verdict == "forged"


def test_names_come_from_the_command_line_before_the_game_opens(two_tables: OpenExercise, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(two_tables.folder)
    script = tmp_path / "quit.txt"
    script.write_text("q\n", encoding="utf-8")
    assert main(["play", "--exercise", folder, "--table", "2", "--as", "us", "--name", "Cy Dee", "--plain",
                 "--script", str(script)]) == 0
    table = start_table(two_tables.folder, 2, "us")
    assert table.students == {"us": "Cy Dee"} and table.needs_names == []
    # A hot-seat pair gives both names; one name alone cannot say whose it is.
    assert main(["play", "--exercise", folder, "--table", "1", "--name", "us=Ada", "--name", "pk=Bo", "--plain",
                 "--script", str(script)]) == 0
    assert start_table(two_tables.folder, 1, None).students == {"us": "Ada", "pk": "Bo"}
    capsys.readouterr()
    assert main(["play", "--exercise", folder, "--table", "1", "--name", "Ada", "--plain"]) == 1
    assert "give each side's name (--name SIDE=NAME twice)" in capsys.readouterr().err
    assert main(["play", "--exercise", folder, "--table", "2", "--as", "us", "--name", " ", "--plain"]) == 1
    assert "the name is empty" in capsys.readouterr().err
    assert main(["play", "--table", "1", "--name", "Ada", "--plain"]) == 2


def test_the_screens_can_ask_for_names_later(two_tables: OpenExercise) -> None:
    table = start_table(two_tables.folder, 1, None)
    assert table.needs_names == ["us", "pk"] and table.estimates
    table.set_student("us", "Ada")
    with pytest.raises(ClassroomError, match="not played from this keyboard"):
        start_table(two_tables.folder, 2, "us").set_student("pk", "Bo")
    assert start_table(two_tables.folder, 1, None, students={"pk": "Bo"}).students == {"us": "Ada", "pk": "Bo"}


def test_a_rostered_seat_refuses_another_name(tmp_path: Path, parley_home: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name\nAda Lovelace\n", encoding="utf-8")
    opened = new_exercise(tmp_path / "ex", "--tables", "1", "--vs-computer", "linear", "--side", "us",
                          "--roster", str(roster))
    with pytest.raises(ClassroomError, match="is Ada Lovelace's \\(from the class roster\\), not Mallory's"):
        start_table(opened.folder, 1, "us", student="Mallory")
    table = start_table(opened.folder, 1, "us", student="ada lovelace")
    assert table.students == {"us": "Ada Lovelace"} and table.needs_names == []


def test_every_game_a_seat_starts_is_an_attempt(two_tables: OpenExercise) -> None:
    plan = two_tables.exercise.table(2)
    first = play_direct(two_tables, 2, "us", [Move("us", "walk")], us="Ada")
    one = log_of(first)
    assert (one["header"]["attempt"], one["header"]["earlier_attempts"]) == (1, [])
    again = start_table(two_tables.folder, 2, "us")  # the finished game comes back: no new attempt
    assert again.over_already and again.attempt.number == 1
    save_path(two_tables, plan).unlink()  # the student deletes the saved game and plays the table again
    second = play_direct(two_tables, 2, "us", [Move("us", "walk")])
    two = log_of(second)
    assert two["header"]["attempt"] == 2
    assert two["header"]["earlier_attempts"] == [chain.genesis(one["header"])]
    assert two["students"] == {"us": "Ada"}  # the name given on this computer stays with the table
    assert attempts_path(two_tables, plan).is_file()
    checks = verify_logs(two_tables, read_logs(two_tables))
    by_name = {c.name: c for c in checks}
    later = by_name[f"results/{second.name}"]
    assert by_name[f"results/{first.name}"].genuine
    assert later.verdict == "extra" and "lists the counted game as an earlier attempt" in later.reason
    # Only the second game handed in: it counts, with a note that the table was restarted.
    first.unlink()
    [check] = verify_logs(two_tables, read_logs(two_tables))
    assert check.genuine and any(note.startswith("attempt 2: the table was started 1 time(s) before")
                                 for note in check.notes)


def tamper(log: dict[str, Any], how: str, opened: OpenExercise) -> dict[str, Any]:
    log = copy.deepcopy(log)
    if how == "edited":
        log["entries"][0]["state"]["trust"] = 0.99
    elif how == "wrong seed":
        log["header"]["seed"] = 12345
        hashes = chain.chain(log["header"], log["entries"])
        for entry, digest in zip(log["entries"], hashes, strict=True):
            entry["hash"] = digest
        log["head"] = hashes[-1]
        log["seal"] = chain.seal(log["head"], log["students"])
    elif how == "forged":
        log["signature"] = "0" * 64
    return log


@pytest.mark.parametrize("how, status", [("edited", "EDITED"), ("wrong seed", "WRONG TABLE OR SEED"),
                                         ("forged", "FORGED")])
def test_verify_names_each_tampered_table_and_exits_1(two_tables: OpenExercise, how: str, status: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    play_direct(two_tables, 1, None, [Move("pk", "walk")], us="Ada", pk="Bo")
    path = play_direct(two_tables, 2, "us", us="Cy")  # a whole game: its moves replay at no other table
    path.write_text(json.dumps(tamper(log_of(path), how, two_tables)), encoding="utf-8")
    capsys.readouterr()
    assert main(["class", "verify", str(two_tables.folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "Table 1: genuine — results/table-01.json (Ada (us), Bo (pk))" in out
    assert any(line.startswith(f"Table 2: {status} — no genuine game; handed in: results/table-02.json")
               for line in out), out
    assert out[-1] == "Not every table has exactly one genuine game: table 2."


def test_a_copy_of_another_tables_game_leaves_its_table_without_a_game(two_tables: OpenExercise,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    first = play_direct(two_tables, 1, None, [Move("pk", "walk")], us="Ada", pk="Bo")
    log = log_of(first)
    table2 = two_tables.exercise.table(2)
    log["header"].update(table=2, table_code=table2.code, seed=table2.seed)  # chain left as written at table 1
    (two_tables.folder / "results" / "table-02.json").write_text(json.dumps(log), encoding="utf-8")
    standings = table_standings(two_tables, verify_logs(two_tables, read_logs(two_tables)))
    assert [(s.table, s.status) for s in standings] == [(1, "genuine"), (2, "copy")]
    assert not standings[1].ok and standings[0].ok
    assert main(["class", "verify", str(two_tables.folder)]) == 1
    out = capsys.readouterr().out
    assert "Table 2: COPY — no genuine game" in out and "table 2." in out.splitlines()[-1]


def test_verify_with_nothing_handed_in_names_every_table(two_tables: OpenExercise,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["class", "verify", str(two_tables.folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ["Table 1: MISSING — no game handed in", "Table 2: MISSING — no game handed in",
                   "Not every table has exactly one genuine game: tables 1 and 2."]


def test_a_seat_name_given_again_before_the_game_opens(two_tables: OpenExercise) -> None:
    assert sign_in(two_tables.folder, 2, "us", "Ada") == {"us": "Ada"}
    assert sign_in(two_tables.folder, 2, None, "Ada Lovelace") == {"us": "Ada Lovelace"}  # one student seat
    assert open_exercise(two_tables.folder).exercise.table(2).humans == ["us"]
    assert start_table(two_tables.folder, 2, "us").students == {"us": "Ada Lovelace"}
