"""`parley class verify`: genuine logs pass; edited, relabelled, copied, forged and garbage logs
are caught with the right verdict and the first bad entry named."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests_support import crisis_answer

from game.classroom import chain, start_table
from game.classroom.exercise import OpenExercise
from game.classroom.files import read_logs, write_result
from game.classroom.logs import build_log, replay
from game.classroom.standing import verify_logs
from game.classroom.verify import Check, verify_log
from game.cli import main
from game.engine import Move, ReplayError
from game.engine.analysis import analyze_rules

from .classroom_helpers import ROOT, new_exercise, play_direct


@pytest.fixture(scope="module")
def exercise(tmp_path_factory: pytest.TempPathFactory) -> OpenExercise:
    """Tables 1-2 hot-seat; 3-4 the US against boulware/hard. Table 3 is a long, stubborn game."""
    mp = pytest.MonkeyPatch()
    mp.setenv("PARLEY_HOME", str(tmp_path_factory.mktemp("home")))
    folder = tmp_path_factory.mktemp("verify") / "ex"
    try:
        opened = new_exercise(folder, "--tables", "4", "--seed", "3", "--vs-computer", "boulware/hard",
                              "--side", "us", "--computer-tables", "3,4")
        rules = opened.game.rules
        analysis = analyze_rules(rules)
        nash, ks = rules.choice_of(analysis.nash), rules.choice_of(analysis.kalai_smorodinsky)
        best_us, best_pk = rules.choice_of(analysis.best[0]), rules.choice_of(analysis.best[1])
        play_direct(opened, 1, None, [Move("pk", "propose", package=best_pk), Move("us", "propose", package=best_us),
                                      Move("pk", "propose", package=ks), Move("us", "propose", package=nash)],
                    us="Ada Lovelace", pk="Bo Chen")
        play_direct(opened, 2, None, [Move("pk", "propose", package=nash), Move("us", "reject"),
                                      Move("pk", "walk")], us="Cy Dee", pk="Di Eve")
        table = start_table(folder, 3, "us", student="Ed Fox")
        session = table.session
        session.advance()
        turn = 0
        while not session.state.is_terminal:
            if (answer := crisis_answer(session.state)) is not None:  # news the US must answer first
                session.play(answer)
                continue
            session.play(Move("us", "propose", package=best_us if turn % 2 == 0 else ks))
            turn += 1
        write_result(opened, table.table, "us", session.state, students={"us": "Ed Fox"})
        play_direct(opened, 4, "us", us="Flo Gee")
    finally:
        mp.undo()
    return opened


def load(opened: OpenExercise, number: int) -> dict[str, Any]:
    path = opened.folder / "results" / f"table-{number:02d}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def verdict(opened: OpenExercise, log: Any, secret: bytes | None = None) -> Check:
    return verify_log(opened, "log.json", log, secret)


def rechain(log: dict[str, Any]) -> dict[str, Any]:
    """What a careful cheat does after an edit: recompute every hash and the head."""
    hashes = chain.chain(log["header"], log["entries"])
    for entry, digest in zip(log["entries"], hashes, strict=True):
        entry["hash"] = digest
    log["head"] = hashes[-1]
    return log


def test_every_untouched_log_is_genuine(exercise: OpenExercise) -> None:
    checks = verify_logs(exercise, read_logs(exercise), exercise.secret())
    assert [c.verdict for c in checks] == ["genuine"] * 4, [c.line() for c in checks]
    assert len(load(exercise, 3)["entries"]) >= 12  # the long game


def test_the_chain_is_sha256_of_previous_hash_and_canonical_entry(exercise: OpenExercise) -> None:
    log = load(exercise, 1)
    previous = hashlib.sha256(("parley-exercise-log/1\n" + chain.canonical(log["header"])).encode()).hexdigest()
    for entry in log["entries"]:
        body = {k: v for k, v in entry.items() if k != "hash"}
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        previous = hashlib.sha256((previous + text).encode()).hexdigest()
        assert entry["hash"] == previous
    assert log["head"] == previous


def test_an_edited_move_is_named_by_its_entry(exercise: OpenExercise) -> None:
    for recompute in (False, True):
        log = load(exercise, 1)
        log["entries"][2]["move"]["package"]["supply-lines"] = "discretion"
        log = rechain(log) if recompute else log
        check = verdict(exercise, log)
        assert check.verdict == "edited", check.line()
        assert check.reason.startswith("entry 3 (Pakistan proposes"), check.reason


def test_an_edited_computer_move_is_not_what_the_computer_played(exercise: OpenExercise) -> None:
    log = load(exercise, 3)
    index = next(i for i, e in enumerate(log["entries"]) if e["move"]["actor"] == "pk"
                 and e["move"]["kind"] == "propose")
    log["entries"][index]["move"]["package"]["border"] = "coordination"
    check = verdict(exercise, rechain(log))
    assert check.verdict == "edited"
    assert check.reason.startswith(f"entry {index + 1} ") and "computer" in check.reason


def test_an_edited_utility_is_caught_even_with_a_recomputed_chain(exercise: OpenExercise) -> None:
    for recompute in (False, True):
        log = load(exercise, 1)
        log["entries"][1]["state"]["utility"]["us"] = 0.99
        check = verdict(exercise, rechain(log) if recompute else log)
        assert check.verdict == "edited"
        assert check.reason.startswith("entry 2 (United States proposes"), check.reason
        assert "utility for us is 0.990" in check.reason
    log = load(exercise, 2)
    log["outcome"]["utility"]["pk"] = 0.9
    check = verdict(exercise, log)
    assert check.verdict == "edited" and "outcome's utility.pk" in check.reason


def test_reordered_moves_are_caught_as_reordered(exercise: OpenExercise) -> None:
    log = load(exercise, 1)
    entries = log["entries"]
    entries[1], entries[2] = entries[2], entries[1]
    check = verdict(exercise, log)
    assert check.verdict == "edited"
    assert "reordered" in check.reason and "entry 2" in check.reason and "written as entry 3" in check.reason


def test_cut_off_moves_are_caught(exercise: OpenExercise) -> None:
    log = load(exercise, 2)
    log["entries"] = log["entries"][:-1]  # drop the walk-out, keep the chain valid
    check = verdict(exercise, rechain(log))
    assert check.verdict == "edited" and "stops before the game ends" in check.reason


def test_a_log_relabelled_as_another_table_is_a_copy(exercise: OpenExercise) -> None:
    table1 = exercise.exercise.table(1)
    log = load(exercise, 2)
    log["header"].update(table=1, table_code=table1.code, seed=table1.seed)  # chain left as written
    check = verdict(exercise, log)
    assert check.verdict == "copy" and check.table == 2 and "a copy of table 2's game" in check.reason


def test_a_relabelled_game_that_replays_anywhere_is_caught_by_its_chain(exercise: OpenExercise) -> None:
    """A walk-out in the first turn replays the same under every seed; the chain still names its table."""
    table1, table2 = exercise.exercise.table(1), exercise.exercise.table(2)
    session = start_table(exercise.folder, 2, None).session
    session.play(Move("pk", "walk"))
    log = build_log(exercise, table2, None, session.state)
    moves = [e["move"] for e in log["entries"]]
    assert replay(exercise.game, table1.seed, table1.engine_seats(), moves)[1] == [
        {k: v for k, v in e.items() if k != "hash"} for e in log["entries"]]  # the premise
    log["header"].update(table=1, table_code=table1.code, seed=table1.seed)
    check = verdict(exercise, log)
    assert check.verdict == "copy" and check.table == 2
    assert "written at table 2" in check.reason and "changed to table 1" in check.reason


def test_a_regenerated_copy_only_replays_under_the_other_tables_seed(exercise: OpenExercise) -> None:
    table3, table4 = exercise.exercise.table(3), exercise.exercise.table(4)
    log = load(exercise, 3)
    moves = [e["move"] for e in log["entries"]]
    with pytest.raises(ReplayError):  # the premise: these moves are not a game of table 4
        replay(exercise.game, table4.seed, table4.engine_seats(), moves)
    log["header"].update(table=4, table_code=table4.code, seed=table4.seed)
    check = verdict(exercise, rechain(log))
    assert check.verdict == "copy" and check.table == 3, check.line()
    assert f"only replay under table {table3.number}'s seed" in check.reason


def test_the_same_moves_at_two_tables_are_flagged_as_copies(exercise: OpenExercise, tmp_path: Path) -> None:
    """A cheat who replays table 1's moves on table 2's seed gets a log that replays: same moves give it away."""
    table1, table2 = exercise.exercise.table(1), exercise.exercise.table(2)
    rules = exercise.game.rules
    analysis = analyze_rules(rules)
    session = start_table(exercise.folder, 1, None).session
    session.play(Move("pk", "propose", package=rules.choice_of(analysis.best[1])))
    session.play(Move("us", "propose", package=rules.choice_of(analysis.best[0])))
    session.play(Move("pk", "walk"))
    genuine = build_log(exercise, table1, None, session.state)
    moves = [e["move"] for e in genuine["entries"]]
    state, _ = replay(exercise.game, table2.seed, table2.engine_seats(), moves)
    forged = build_log(exercise, table2, None, state)
    checks = verify_logs(exercise, [("results/table-01.json", genuine), ("forged-table-02.json", forged)])
    assert [c.verdict for c in checks] == ["copy", "copy"]
    assert "same moves as forged-table-02.json (table 2)" in checks[0].reason
    # The same game handed in twice: the second file is the copy.
    checks = verify_logs(exercise, [("a.json", genuine), ("b.json", copy.deepcopy(genuine))])
    assert [c.verdict for c in checks] == ["genuine", "duplicate"] and "handed in twice" in checks[1].reason
    # The same game under other names is a copy, not a harmless duplicate.
    renamed = build_log(exercise, table1, None, session.state, students={"us": "Someone Else"})
    checks = verify_logs(exercise, [("a.json", genuine), ("b.json", renamed)])
    assert [c.verdict for c in checks] == ["genuine", "copy"] and "under other names" in checks[1].reason


def test_a_table_or_seed_the_exercise_does_not_have_is_a_false_claim(exercise: OpenExercise) -> None:
    log = load(exercise, 1)
    log["header"]["table"] = 9
    check = verdict(exercise, rechain(log))
    assert check.verdict == "claims" and "claims table 9" in check.reason
    log = load(exercise, 1)
    log["header"]["seed"] = 12345
    check = verdict(exercise, rechain(log))
    assert check.verdict == "claims" and "seed 12345" in check.reason
    log = load(exercise, 1)
    log["header"]["exercise"] = "0123456789abcdef"
    assert verdict(exercise, rechain(log)).verdict == "claims"


def test_signatures_are_checked_with_the_exercise_secret(exercise: OpenExercise) -> None:
    secret = exercise.secret()
    assert secret is not None
    session = start_table(exercise.folder, 2, None).session  # a hosted game, played out quickly
    session.play(Move("pk", "walk"))
    signed = build_log(exercise, exercise.exercise.table(2), None, session.state, secret)
    assert verdict(exercise, signed, secret).verdict == "genuine"
    bad = copy.deepcopy(signed)
    bad["signature"] = "0" * 64
    assert verdict(exercise, bad, secret).verdict == "forged"
    edited = copy.deepcopy(signed)
    edited["entries"][0]["move"]["reason"] = "we were never here"
    check = verdict(exercise, rechain(edited), secret)
    assert check.verdict == "forged" and "signature does not match" in check.reason
    assert verdict(exercise, signed, None).verdict == "unverified"
    assert verdict(exercise, bad, b"another secret").verdict == "forged"


@pytest.mark.parametrize("content, words", [
    ("not json at all", "not valid JSON"),
    ("[1, 2, 3]", "not a Parley exercise log"),
    ('{"format": "parley-exercise-log/1", "header": {}, "entries": [{"move": 3}]}', "entry 1 is not a log entry"),
    ('{"format": "parley-game/1", "moves": []}', "not a Parley exercise log"),
])
def test_garbage_is_unreadable_with_a_reason(exercise: OpenExercise, tmp_path: Path, content: str,
                                             words: str) -> None:
    path = tmp_path / "garbage.json"
    path.write_text(content, encoding="utf-8")
    [(name, data)] = read_logs(exercise, [path])
    check = verify_log(exercise, name, data, None)
    assert check.verdict == "unreadable" and words in check.reason


def test_verify_command_exits_1_and_names_the_bad_log(exercise: OpenExercise, tmp_path: Path) -> None:
    bad = tmp_path / "edited.json"
    log = load(exercise, 1)
    log["entries"][0]["state"]["trust"] = 0.9
    bad.write_text(json.dumps(log), encoding="utf-8")
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\xff\xfe not text")
    good = exercise.folder / "results" / "table-02.json"
    done = subprocess.run([sys.executable, "-m", "game", "class", "verify", str(exercise.folder), str(good),
                           str(bad), str(garbage)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == ("results/table-02.json: genuine — table 2 (hot-seat), no deal: pk walked away in round 2 · "
                        "Cy Dee (us), Di Eve (pk)")
    assert lines[1].startswith(f"{bad}: EDITED — entry 1 (Pakistan proposes") and "recorded trust" in lines[1]
    assert lines[2] == f"{garbage}: UNREADABLE — not UTF-8 text"
    assert "Traceback" not in done.stdout + done.stderr
    assert main(["class", "verify", str(exercise.folder)]) == 0


def test_logs_written_before_names_were_sealed_still_verify(exercise: OpenExercise) -> None:
    """Older logs have no names, no seal and no attempt; a hosted one is signed over its chain head."""
    secret = exercise.secret()
    assert secret is not None
    session = start_table(exercise.folder, 2, None).session  # a game played out quickly
    session.play(Move("pk", "walk"))
    old = build_log(exercise, exercise.exercise.table(2), None, session.state)
    for key in ("students", "seal"):
        del old[key]
    for key in ("attempt", "started", "nonce", "earlier_attempts"):
        old["header"].pop(key, None)
    old = rechain(old)
    check = verdict(exercise, old)
    assert check.genuine and check.attempt == 1 and check.students == {}, check.line()
    signed = dict(copy.deepcopy(old), signature=chain.sign(secret, old["head"]))
    assert verdict(exercise, signed, secret).genuine
    signed["seal"] = chain.seal(signed["head"], {})  # a seal added afterwards: the signature no longer matches
    assert verdict(exercise, signed, secret).verdict == "forged"
