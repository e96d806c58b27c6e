"""The classroom command line: reproducible seeds, unguessable codes, and one clear line (never a
traceback) for every kind of bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.classroom import open_exercise
from game.classroom.planning import CODE_ALPHABET, table_seed, table_seeds
from game.cli import main
from game.plain import run_plain
from game.session.launch import LaunchOptions

from .classroom_helpers import ROOT, ScriptedInput, new_exercise, settle


def fails(args: list[str], capsys: pytest.CaptureFixture[str], code: int = 1) -> str:
    """Run the CLI expecting ``code``; the one line it printed on stderr."""
    assert main(args) == code
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err, err
    return err


def seed_secret(folder: Path) -> bytes:
    return bytes.fromhex((folder / "instructor" / "seed-secret.key").read_text(encoding="ascii").strip())


def test_table_seeds_come_from_a_secret_the_students_do_not_have(tmp_path: Path) -> None:
    for name in ("one", "two"):  # the real command: each exercise draws its own seed secret
        folder = str(tmp_path / name)
        assert main(["class", "new", "spy-chiefs-2012", "--tables", "5", "--seed", "42", "-o", folder]) == 0
    one, two = open_exercise(tmp_path / "one").exercise, open_exercise(tmp_path / "two").exercise
    secret = seed_secret(tmp_path / "one")
    assert len(secret) == 32 and secret.hex() not in (tmp_path / "one" / "exercise.json").read_text(encoding="utf-8")
    assert [t.seed for t in one.tables] == table_seeds(42, 5, secret)
    # The exercise seed and a table's number no longer give its seed: the secret is needed.
    assert [t.seed for t in one.tables] != [t.seed for t in two.tables]
    assert [t.seed for t in one.tables] != table_seeds(42, 5)
    assert all(t.seed != table_seed(42, t.number) for t in one.tables)
    assert len(set(table_seeds(42, 5, secret))) == 5 and table_seeds(43, 5, secret) != table_seeds(42, 5, secret)
    assert [t.code for t in one.tables] != [t.code for t in two.tables]
    assert one.id != two.id
    codes = json.loads((tmp_path / "one" / "instructor" / "seat-codes.json").read_text())["seat_codes"]
    for seats in codes.values():
        for code in seats.values():
            raw = code.replace("-", "")
            assert len(raw) == 12 and set(raw) <= set(CODE_ALPHABET)


def test_the_same_seed_and_seed_secret_give_the_same_tables(tmp_path: Path) -> None:
    one = new_exercise(tmp_path / "one", "--tables", "3", "--seed", "7").exercise
    key = tmp_path / "one" / "instructor" / "seed-secret.key"
    two = new_exercise(tmp_path / "two", "--tables", "3", "--seed", "7", "--seed-secret", str(key)).exercise
    assert [t.seed for t in one.tables] == [t.seed for t in two.tables]
    assert seed_secret(tmp_path / "two") == seed_secret(tmp_path / "one")


def test_an_old_exercise_keeps_the_seeds_its_file_lists(tmp_path: Path) -> None:
    """Exercises made before the seed secret: their exercise.json names the seeds, and they still play."""
    opened = new_exercise(tmp_path / "old", "--tables", "2", "--seed", "9")
    path = opened.folder / "exercise.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    old_seeds = table_seeds(9, 2)  # how exercises were seeded before
    for table, seed in zip(data["tables"], old_seeds, strict=True):
        table["seed"] = seed
    del data["estimates"]  # an older file has no such setting: estimates stay on
    path.write_text(json.dumps(data), encoding="utf-8")
    (opened.folder / "instructor" / "seed-secret.key").unlink()
    again = open_exercise(opened.folder)
    assert [t.seed for t in again.exercise.tables] == old_seeds and again.exercise.estimates


def test_vs_computer_alternates_sides_unless_a_side_is_given(tmp_path: Path) -> None:
    ex = new_exercise(tmp_path / "alt", "--tables", "4", "--vs-computer", "tit-for-tat/hard").exercise
    assert [t.humans for t in ex.tables] == [["us"], ["pk"], ["us"], ["pk"]]
    assert {t.seats["pk"].player for t in ex.tables[::2]} == {"tit-for-tat/hard"}
    ex = new_exercise(tmp_path / "side", "--tables", "3", "--vs-computer", "linear", "--side", "pk").exercise
    assert [t.humans for t in ex.tables] == [["pk"]] * 3
    assert ex.mode_text() == "students against the computer (linear/normal)"


def test_new_refuses_a_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert "not empty" in fails(["class", "new", "spy-chiefs-2012", "--tables", "2", "-o", str(folder)], capsys)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".busy")]  # no half-built exercise left
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["class", "new", "spy-chiefs-2012", "--tables", "2", "-o", str(empty)]) == 0


@pytest.mark.parametrize("extra, words", [
    (["--tables", "0"], "--tables must be between 1 and"),
    (["--tables", "2", "--vs-computer", "grandmaster"], "unknown strategy 'grandmaster'"),
    (["--tables", "2", "--vs-computer", "human"], "names a computer strategy"),
    (["--tables", "2", "--side", "us"], "--side only applies with --vs-computer"),
    (["--tables", "2", "--vs-computer", "linear", "--side", "fr"], "unknown side 'fr'"),
    (["--tables", "2", "--vs-computer", "linear", "--computer-tables", "3"], "no table 3"),
    (["--tables", "2", "--round-time", "-5"], "--round-time must be"),
    (["--tables", "2", "--seed", "-1"], "--seed must be"),
])
def test_new_rejects_bad_options_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str],
                                             words: str) -> None:
    assert words in fails(["class", "new", "spy-chiefs-2012", *extra, "-o", str(tmp_path / "x")], capsys)
    assert not (tmp_path / "x").exists()


def test_bad_exercise_folders_give_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "no such exercise folder" in fails(["class", "verify", str(tmp_path / "nowhere")], capsys)
    (tmp_path / "empty").mkdir()
    assert "no exercise.json here" in fails(["class", "report", str(tmp_path / "empty")], capsys)
    opened = new_exercise(tmp_path / "ex", "--tables", "2")
    path = opened.folder / "exercise.json"
    good = path.read_text(encoding="utf-8")
    path.write_text(good[:40], encoding="utf-8")
    assert "not valid JSON" in fails(["class", "verify", str(opened.folder)], capsys)
    data = json.loads(good)
    data["tables"][1]["number"] = 7
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "numbered 1, 2, 3" in fails(["class", "report", str(opened.folder)], capsys)
    data = json.loads(good)
    data["tables"][0]["seed"] = "many"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "tables.0.seed" in fails(["play", "--exercise", str(opened.folder), "--table", "1", "--plain"], capsys)
    path.write_text(good, encoding="utf-8")
    (opened.folder / "scenario.yaml").unlink()
    assert "scenario file is missing" in fails(["class", "verify", str(opened.folder)], capsys)


def test_play_checks_the_table_and_side_before_starting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opened = new_exercise(tmp_path / "ex", "--tables", "2", "--vs-computer", "conceder", "--side", "us")
    folder = str(opened.folder)
    assert "there is no table 9" in fails(["play", "--exercise", folder, "--table", "9", "--plain"], capsys)
    assert "unknown side 'fr'" in fails(["play", "--exercise", folder, "--table", "1", "--as", "fr", "--plain"], capsys)
    err = fails(["play", "--exercise", folder, "--table", "1", "--as", "pk", "--plain"], capsys)
    assert "pk is played by the computer (conceder/normal); students play us" in err
    taken = tmp_path / "taken.json"
    taken.write_text("{}", encoding="utf-8")
    assert "the file exists" in fails(["play", "--exercise", folder, "--table", "1", "--log-to", str(taken),
                                       "--plain"], capsys)
    assert "only apply with --exercise" in fails(["play", "--table", "1", "--plain"], capsys, code=2)
    assert "needs --table" in fails(["play", "--exercise", folder, "--plain"], capsys, code=2)
    assert "drop --seed" in fails(["play", "--exercise", folder, "--table", "1", "--seed", "3"], capsys, code=2)


def test_log_to_a_folder_writes_the_log_there(tmp_path: Path) -> None:
    opened = new_exercise(tmp_path / "ex", "--tables", "1", "--vs-computer", "conceder/easy", "--side", "us")
    target = tmp_path / "handed-in"
    target.mkdir()
    out = io.StringIO()
    code = run_plain(LaunchOptions(exercise=opened.folder, table=1, seat="us", log_to=target),
                     ScriptedInput([settle] * 80, out), out)
    assert code == 0, out.getvalue()
    assert [p.name for p in target.iterdir()] == ["table-01.json"]
    assert not list((opened.folder / "results").iterdir())
    assert main(["class", "verify", str(opened.folder), str(target / "table-01.json")]) == 0


def test_report_lists_garbage_as_excluded_and_still_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opened = new_exercise(tmp_path / "ex", "--tables", "2")
    (opened.folder / "results" / "junk.json").write_text("{{{", encoding="utf-8")
    capsys.readouterr()
    assert main(["class", "report", str(opened.folder)]) == 0
    out = capsys.readouterr().out
    assert "Tables with a verified result: 0 of 2" in out and "junk.json: UNREADABLE" in out
    report = (opened.folder / "report" / "report.md").read_text(encoding="utf-8")
    assert "## Excluded logs" in report and "not valid JSON" in report
    assert main(["class", "verify", str(opened.folder)]) == 1


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    runs = [
        ["class", "verify", str(tmp_path / "missing")],
        ["class", "new", "no-such-scenario", "--tables", "2", "-o", str(tmp_path / "x")],
        ["play", "--exercise", str(tmp_path / "missing"), "--table", "1", "--plain"],
    ]
    for args in runs:
        done = subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 1, args
        assert "Traceback" not in done.stdout + done.stderr, done.stderr
        assert done.stderr.strip(), args
