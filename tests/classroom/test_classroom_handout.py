"""Hand-out mode that keeps secrets: each student gets a seat file that the game opens but that shows neither
side's values as text (and that `parley analyze` cannot read); the game played from it hands in a log the
instructor's folder verifies; the estimates setting travels in the exercise and the sheets say which."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.classroom import ClassroomError, open_exercise, start_table, verify_logs
from game.classroom.files import read_logs
from game.cli import main
from game.engine import Move
from game.live import LiveSession, open_store

from .classroom_helpers import new_exercise, play_direct


@pytest.fixture()
def handed_out(tmp_path: Path, parley_home: Path) -> Path:
    """Table 1 hot-seat; table 2 Pakistan against adaptive; the seat files copied where students keep them."""
    opened = new_exercise(tmp_path / "class", "--tables", "2", "--seed", "8", "--vs-computer", "adaptive",
                          "--side", "pk", "--computer-tables", "2")
    student = tmp_path / "student"
    student.mkdir()
    for folder, name in (("table-01-us", "table-01.parley-seat"), ("table-02-pk", "table-02-pk.parley-seat")):
        shutil.copyfile(opened.folder / "instructor" / "students" / folder / name, student / name)
    return tmp_path


def values_as_text(opened_folder: Path, actor: str) -> list[str]:
    """Texts that would give ``actor``'s secrets away: its brief's sentences and its values' lines."""
    scenario = open_exercise(opened_folder).scenario
    brief = [s.strip() for s in scenario.briefings.confidential[actor].split(".") if len(s.strip()) > 30]
    yaml = (opened_folder / "scenario.yaml").read_text(encoding="utf-8")
    lines = [line.strip() for line in yaml.splitlines() if line.strip().startswith(("reservation:", "weight:"))]
    return [*brief, scenario.actor(actor).batna.strip(), *lines]


def test_a_seat_file_shows_no_values_as_text_and_analyze_cannot_read_it(handed_out: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = handed_out / "class"
    for name in ("table-01.parley-seat", "table-02-pk.parley-seat"):
        text = (handed_out / "student" / name).read_text(encoding="utf-8")
        for actor in ("us", "pk"):
            for secret in values_as_text(folder, actor):
                assert secret not in text, (name, secret)
        assert "Spy Chiefs" in text and '"open_with": "parley play --exercise ' in text  # what it is, in plain words
        capsys.readouterr()
        assert main(["analyze", str(handed_out / "student" / name)]) == 1
        out = capsys.readouterr()
        assert "Nash" not in out.out and "Traceback" not in out.err


def test_the_game_opens_a_seat_file_and_its_log_verifies_at_the_instructors(handed_out: Path) -> None:
    seat_file = handed_out / "student" / "table-02-pk.parley-seat"
    opened = open_exercise(seat_file)
    assert opened.scenario_path is None and opened.secret() is None and opened.seat_file is not None
    assert (opened.seat_file.table, opened.seat_file.seat) == (2, "pk")
    table = start_table(seat_file, 2, "pk", student="Ada Lovelace")
    assert table.table.seed == open_exercise(handed_out / "class").exercise.table(2).seed
    path = play_direct(opened, 2, "pk", [Move("pk", "walk")])
    assert path == handed_out / "student" / "results" / "table-02.json"
    assert json.loads(path.read_text(encoding="utf-8"))["students"] == {"pk": "Ada Lovelace"}
    instructor = open_exercise(handed_out / "class")
    shutil.copyfile(path, instructor.folder / "results" / "table-02.json")
    [check] = verify_logs(instructor, read_logs(instructor), instructor.secret())
    assert check.genuine and check.table == 2, check.line()


def test_a_seat_file_opens_its_own_seat_only(handed_out: Path) -> None:
    seat_file = handed_out / "student" / "table-02-pk.parley-seat"
    with pytest.raises(ClassroomError, match="this seat file is for table 2 \\(pk\\); use --table 2 --as pk"):
        start_table(seat_file, 1, None)
    with pytest.raises(ClassroomError, match="this seat file is for table 2"):
        start_table(seat_file, 2, "us")
    hot = start_table(handed_out / "student" / "table-01.parley-seat", 1, None)  # a hot-seat pair: both sides
    assert hot.seat is None and hot.keyboard == ["us", "pk"]
    damaged = handed_out / "student" / "damaged.parley-seat"
    text = seat_file.read_text(encoding="utf-8")
    payload = json.loads(text)["payload"]
    damaged.write_text(text.replace(payload, payload[:-8] + "AAAAAAAA"), encoding="utf-8")
    with pytest.raises(ClassroomError, match="the seat file is damaged"):
        open_exercise(damaged)
    stray = handed_out / "student" / "notes.txt"
    stray.write_text("hello", encoding="utf-8")
    with pytest.raises(ClassroomError, match="not an exercise folder or a Parley seat file"):
        open_exercise(stray)


def test_the_command_line_plays_from_a_seat_file(handed_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seat_file = str(handed_out / "student" / "table-02-pk.parley-seat")
    assert main(["play", "--exercise", seat_file, "--table", "1", "--plain"]) == 1
    assert "this seat file is for table 2 (pk)" in capsys.readouterr().err
    script = handed_out / "quit.txt"
    script.write_text("q\n", encoding="utf-8")
    assert main(["play", "--exercise", seat_file, "--table", "2", "--as", "pk", "--name", "Bo Chen", "--plain",
                 "--script", str(script)]) == 0
    assert start_table(Path(seat_file), 2, "pk").students == {"pk": "Bo Chen"}


def test_the_estimates_setting_travels_and_the_sheets_say_which(tmp_path: Path, parley_home: Path) -> None:
    off = new_exercise(tmp_path / "off", "--tables", "1", "--estimates", "off")
    on = new_exercise(tmp_path / "on", "--tables", "1")
    assert json.loads((off.folder / "exercise.json").read_text(encoding="utf-8"))["estimates"] is False
    assert off.exercise.estimates is False and on.exercise.estimates is True
    assert start_table(off.folder, 1, None).estimates is False and start_table(on.folder, 1, None).estimates
    seat_file = off.folder / "instructor" / "students" / "table-01-pk" / "table-01.parley-seat"
    assert open_exercise(seat_file).exercise.estimates is False
    assert LiveSession(open_store(off), off.exercise.table(1), "us").estimates is False
    for folder, word in ((off.folder, "off"), (on.folder, "on")):
        for sheet in ("us.md", "pk.md", "us-glance.md", "pk-glance.md"):
            text = (folder / "roles" / sheet).read_text(encoding="utf-8")
            assert f"estimates are {word}" in text.replace("**", "").replace("In-game", "in-game").lower(), sheet
        assert f"In-game estimates are {word}" in (folder / "instructor" / "instructor.md").read_text(encoding="utf-8")


def test_the_instructor_sheet_says_what_hand_out_mode_keeps_and_cannot_keep(handed_out: Path) -> None:
    text = (handed_out / "class" / "instructor" / "instructor.md").read_text(encoding="utf-8")
    section = text.split("## Live or hand-out: what stays secret")[1].split("\n## ")[0]
    assert "use it for graded work" in section
    assert "What hand-out mode keeps:" in section and "What it cannot keep:" in section
    assert "scrambled, not encrypted" in section and "Never the exercise folder itself" in section
    assert "table-01.parley-seat" in text and "table-02-pk.parley-seat" in text
    assert "Give students the rest of the folder" not in text


def test_each_student_gets_a_folder_with_their_own_sheet_and_seat_file(handed_out: Path) -> None:
    folder = handed_out / "class"
    opened = open_exercise(folder)
    codes = json.loads((folder / "instructor" / "seat-codes.json").read_text(encoding="utf-8"))["seat_codes"]
    students = folder / "instructor" / "students"
    assert sorted(p.name for p in students.iterdir()) == ["table-01-pk", "table-01-us", "table-02-pk"]
    for path in students.iterdir():
        table, actor = int(path.name[6:8]), path.name[9:]
        seat_file = f"table-{table:02d}" + ("" if opened.exercise.table(table).hot_seat else f"-{actor}") \
            + ".parley-seat"
        assert sorted(p.name for p in path.iterdir()) == sorted(["role-sheet.html", "role-sheet.md", seat_file])
        sheet = (path / "role-sheet.md").read_text(encoding="utf-8")
        other = opened.scenario.other(actor).id
        assert opened.scenario.briefings.confidential[actor].strip()[:60] in sheet
        assert opened.scenario.briefings.confidential[other].strip()[:60] not in sheet
        mine = codes[str(table)][actor]
        theirs = [c for n, seats in codes.items() for a, c in seats.items() if (int(n), a) != (table, actor)]
        assert mine in sheet and not any(code in sheet for code in theirs)
        assert f"`parley play --exercise {seat_file} --table {table}" in sheet
        opened_seat = open_exercise(path / seat_file)
        assert opened_seat.seat_file is not None and opened_seat.seat_file.table == table
    # The hot-seat pair's two copies are one file.
    assert (students / "table-01-us" / "table-01.parley-seat").read_bytes() == \
        (students / "table-01-pk" / "table-01.parley-seat").read_bytes()
