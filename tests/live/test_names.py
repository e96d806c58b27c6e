"""Students' names in the live classroom: every sitting is recorded, a seat's name is the roster's or the
one its student gave, it cannot change once the seat has moved, and it is sealed (and signed) into the
table's exported log."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from game.classroom import chain, open_exercise, verify_logs
from game.classroom.files import read_logs
from game.cli import main
from game.engine import Move
from game.live import LiveError, LiveSession, open_store
from game.live.results import export_results

from .conftest import Backend
from .helpers import choose, new_exercise, seat_codes


class Clock:
    def __init__(self) -> None:
        self.now = 2_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def opened(tmp_path: Path, backend: Backend):
    return backend.exercise(tmp_path / "ex", "--tables", "2", "--seed", "5")


def play_out(sessions: dict[str, LiveSession]) -> None:
    """Both students play until the game ends (a plain negotiator each)."""
    rng = random.Random(3)
    state = next(iter(sessions.values())).state
    while not state.is_terminal:
        for session in sessions.values():
            session.poll()
        if state.is_terminal:  # the other seat's move ended it
            break
        mover = next((s for s in sessions.values() if not s.waiting), None)
        if mover is None:  # PostgreSQL's notification of the last move is on its way: poll again
            continue
        mover.play(choose(mover.state, mover.seat or "", rng))


def test_every_sitting_is_recorded_with_the_name_given(opened, backend: Backend) -> None:
    plan = opened.exercise.table(1)
    ada = LiveSession(open_store(opened), plan, "us", clock=Clock(), student="  Ada   Lovelace ")
    assert ada.student == "Ada Lovelace" and not ada.needs_name
    anonymous = LiveSession(open_store(opened), plan, "pk", clock=Clock())
    assert anonymous.student is None and anonymous.needs_name
    assert anonymous.set_student("Bo Chen") == "Bo Chen" and not anonymous.needs_name
    again = LiveSession(open_store(opened), plan, "us", clock=Clock())  # the same student, a second tab, no name
    assert again.student == "Ada Lovelace"
    assert ada.estimates is True
    store = open_store(opened)
    assert [(actor, name) for actor, name, _ in store.sittings(1)] == [
        ("us", "Ada Lovelace"), ("pk", None), ("pk", "Bo Chen"), ("us", None)]
    assert store.students(plan) == {"us": "Ada Lovelace", "pk": "Bo Chen"}
    raw = backend.raw(opened)
    with pytest.raises(raw.errors, match="append-only"):
        raw.execute("UPDATE sittings SET student = 'Mallory'")
    with pytest.raises(raw.errors, match="append-only"):
        raw.execute("DELETE FROM sittings")
    raw.close()


def test_a_name_is_fixed_once_the_seat_has_moved(opened) -> None:
    plan = opened.exercise.table(1)
    at = {actor: LiveSession(open_store(opened), plan, actor, clock=Clock()) for actor in plan.humans}
    mover = next(s for s in at.values() if not s.waiting)
    other = next(s for s in at.values() if s is not mover)
    mover.set_student("Ada")
    mover.set_student("Ada Lovelace")  # a correction before the first move is fine
    other.set_student("Bo Chen")
    mover.play(Move(mover.seat or "", "pass"))
    with pytest.raises(LiveError, match="cannot change once it has moved"):
        LiveSession(open_store(opened), plan, mover.seat, clock=Clock(), student="Mallory")
    again = LiveSession(open_store(opened), plan, mover.seat, clock=Clock(), student="ada lovelace")
    assert again.student == "Ada Lovelace"
    other.set_student("Bo C.")  # the other seat has not moved yet
    assert open_store(opened).students(plan) == {mover.seat: "Ada Lovelace", other.seat: "Bo C."}
    with pytest.raises(LiveError, match="the name is empty"):
        other.set_student("   ")


def test_a_rostered_seat_takes_the_roster_name(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name\nAda Lovelace\nBo Chen\n", encoding="utf-8")
    opened = new_exercise(tmp_path / "ex", "--tables", "1", "--seed", "5", "--roster", str(roster),
                          "--roster-order", "listed")
    plan = opened.exercise.table(1)
    us = LiveSession(open_store(opened), plan, "us", clock=Clock())
    assert us.student == "Ada Lovelace" and not us.needs_name
    assert LiveSession(open_store(opened), plan, "pk", clock=Clock(), student="BO CHEN").student == "Bo Chen"
    with pytest.raises(LiveError, match="Ada Lovelace's \\(from the class roster\\)"):
        LiveSession(open_store(opened), plan, "us", clock=Clock(), student="Mallory")


def test_the_names_are_sealed_and_signed_into_the_exported_log(opened) -> None:
    plan = opened.exercise.table(1)
    at = {"us": LiveSession(open_store(opened), plan, "us", clock=Clock(), student="Ada Lovelace"),
          "pk": LiveSession(open_store(opened), plan, "pk", clock=Clock(), student="Bo Chen")}
    play_out(at)
    exported = export_results(opened)
    [path] = exported.written
    log = json.loads(path.read_text(encoding="utf-8"))
    assert log["students"] == {"pk": "Bo Chen", "us": "Ada Lovelace"}
    assert log["seal"] == chain.seal(log["head"], log["students"])
    secret = opened.secret()
    assert secret is not None and chain.signature_ok(secret, log["seal"], log["signature"])
    [check] = verify_logs(opened, read_logs(opened, [path]), secret)
    assert check.genuine and check.students == {"us": "Ada Lovelace", "pk": "Bo Chen"}, check.line()
    log["students"]["us"] = "Mallory"
    log["seal"] = chain.seal(log["head"], log["students"])  # a careful cheat reseals; the signature gives it away
    [check] = verify_logs(opened, [("edited.json", log)], secret)
    assert check.verdict == "forged"
    # Exporting again writes nothing new: the same game, the same names, the same file.
    assert export_results(opened).written == [path] and len(list((opened.folder / "results").iterdir())) == 1


def test_join_with_a_name_records_it_before_the_game_opens(opened, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    opener = opened.scenario.opener  # its student is asked for a move at once, and quits
    code = seat_codes(opened)[2][opener]
    script = tmp_path / "quit.txt"
    script.write_text("q\n", encoding="utf-8")
    assert main(["join", code, "--exercise", str(opened.folder), "--name", "Cy Dee", "--plain",
                 "--script", str(script)]) == 0
    assert open_store(open_exercise(opened.folder)).students(opened.exercise.table(2)) == {opener: "Cy Dee"}
    capsys.readouterr()
    assert main(["join", "--exercise", str(opened.folder), "--name", "Cy Dee", "--plain"]) == 2
    assert "--name goes with your seat code" in capsys.readouterr().err
