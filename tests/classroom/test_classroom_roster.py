"""The class roster: a spreadsheet's CSV read with one clear `file:line` error per problem, students seated
at random from the exercise seed (the same every time) or as listed, handouts and seat files with their
names, and the roster kept in instructor/ only (ids never in exercise.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.classroom import open_exercise
from game.classroom.roster import RosterError, assign, parse_roster, read_roster_csv, same_name
from game.classroom.seatfile import unpack
from game.cli import main

from .classroom_helpers import new_exercise

CLASS = "name,id\nAda Lovelace,s-101\nBo Chen,s-102\nCy Dee,s-103\nDi Eve,s-104\nEd Fox,s-105\nFlo Gee,s-106\n"


def roster_file(tmp_path: Path, text: str, name: str = "students.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_spreadsheet_export_is_read_as_it_comes() -> None:
    text = "\ufeffStudent number;Name;ID;Email\n1;Ada Lovelace;s-1;a@x\n\n2; Bo   Chen ;s-2;b@x\n"
    students = parse_roster(text, "export.csv")
    assert [(s.name, s.id, s.line) for s in students] == [("Ada Lovelace", "s-1", 2), ("Bo Chen", "s-2", 4)]
    only_names = parse_roster("name\nAda\n\"Chen, Bo\"\n", "names.csv")
    assert [(s.name, s.id) for s in only_names] == [("Ada", None), ("Chen, Bo", None)]


@pytest.mark.parametrize("text, where", [
    ("", "roster.csv:1: the file is empty"),
    ("student,email\nAda,a@x\n", "roster.csv:1: no 'name' column (the first line has student, email)"),
    ("name,id\nAda,1\n,2\n", "roster.csv:3: the name is empty"),
    ("name,id\nAda,1\nBo,1\n", "roster.csv:3: id '1' is already on line 2"),
    ("name\nAda\nBo\nada\n", "roster.csv:4: 'ada' is already on line 2; add an id column"),
    ("name,name\nAda,Bo\n", "roster.csv:1: two columns are titled 'name'"),
    ("name\n", "roster.csv: no students listed under the header line"),
    ("name\nAda\x07\n", "roster.csv:2: the name holds a control character"),
    ("id,name\n1\n", "roster.csv:2: no name on this line"),
])
def test_a_bad_roster_is_one_line_naming_the_file_and_line(text: str, where: str) -> None:
    with pytest.raises(RosterError) as caught:
        parse_roster(text, "roster.csv")
    assert str(caught.value).startswith(where), str(caught.value)


def test_unreadable_rosters_say_why(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="no such file"):
        read_roster_csv(tmp_path / "nowhere.csv")
    latin = roster_file(tmp_path, "name\nAda\nZoë\n", encoding="latin-1")
    with pytest.raises(RosterError, match=r"students\.csv:3: not UTF-8 text"):
        read_roster_csv(latin)


def test_the_command_refuses_a_bad_roster_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = roster_file(tmp_path, "name,id\nAda,1\nBo,1\n")
    assert main(["class", "new", "spy-chiefs-2012", "--tables", "2", "--roster", str(bad),
                 "-o", str(tmp_path / "x")]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"{bad}:3: id '1' is already on line 2" and not (tmp_path / "x").exists()
    many = roster_file(tmp_path, CLASS, "many.csv")
    assert main(["class", "new", "spy-chiefs-2012", "--tables", "2", "--vs-computer", "linear", "--roster",
                 str(many), "-o", str(tmp_path / "y")]) == 1
    assert "6 students but the exercise has 2 student seats" in capsys.readouterr().err
    assert main(["class", "new", "spy-chiefs-2012", "--tables", "2", "--roster-order", "listed",
                 "-o", str(tmp_path / "z")]) == 2
    assert "--roster-order only applies with --roster" in capsys.readouterr().err


def test_students_are_seated_at_random_from_the_seed_or_as_listed(tmp_path: Path) -> None:
    csv_path = roster_file(tmp_path, CLASS)
    students = read_roster_csv(csv_path)
    seats = [(1, "us"), (1, "pk"), (2, "us"), (2, "pk"), (3, "us"), (3, "pk")]
    one = assign(students, seats, "random", 11, "x", "e")
    assert [(s.table, s.seat) for s in one.students] == seats
    assert assign(students, seats, "random", 11, "x", "e") == one  # the same seed seats the class the same way
    assert [s.name for s in assign(students, seats, "random", 12, "x", "e").students] != [s.name for s in one.students]
    assert sorted(s.name for s in one.students) == sorted(s.name for s in students)
    listed = assign(students, seats, "listed", 11, "x", "e")
    assert [s.name for s in listed.students] == [s.name for s in students]
    fewer = assign(students[:4], seats, "listed", 11, "x", "e")
    assert fewer.at(3, "us") is None and fewer.at(2, "pk") is not None
    assert same_name("ada  LOVELACE", "Ada Lovelace") and not same_name("Ada", "Ada Lovelace")


def test_the_roster_seats_the_class_names_the_handouts_and_stays_in_instructor(tmp_path: Path,
                                                                                capsys: pytest.CaptureFixture[str]
                                                                                ) -> None:
    csv_path = roster_file(tmp_path, CLASS)
    opened = new_exercise(tmp_path / "ex", "--tables", "3", "--seed", "4", "--roster", str(csv_path))
    shown = capsys.readouterr().out
    roster = opened.roster()
    assert roster is not None and roster.order == "random" and roster.has_ids
    assert {(s.table, s.seat) for s in roster.students} == {(t, a) for t in (1, 2, 3) for a in ("us", "pk")}
    for student in roster.students:
        assert f"{student.seat}: {student.name}" in shown
    exercise = (opened.folder / "exercise.json").read_text(encoding="utf-8")
    for student in roster.students:
        assert student.name not in exercise and (student.id or "") not in exercise
    stored = json.loads((opened.folder / "instructor" / "roster.json").read_text(encoding="utf-8"))
    assert stored["exercise"] == opened.exercise.id and len(stored["students"]) == 6
    handouts = (opened.folder / "instructor" / "handouts" / "us.md").read_text(encoding="utf-8")
    instructor = (opened.folder / "instructor" / "instructor.md").read_text(encoding="utf-8")
    for table in (1, 2, 3):
        student = roster.at(table, "us")
        assert student is not None
        assert f"**Table {table}** · table code `{opened.exercise.table(table).code}` · **{student.name}**" in handouts
        assert student.name in instructor
    # The hot-seat table's seat file carries both names (scrambled); the game takes them from it.
    seat_file = opened.folder / "instructor" / "students" / "table-02-pk" / "table-02.parley-seat"
    content = unpack(seat_file.read_text(encoding="utf-8"), "seat file")
    names = {s.seat: s.name for s in roster.students if s.table == 2}
    assert content["students"] == names
    assert open_exercise(seat_file).assigned(2, "pk") == names["pk"]
