"""``parley join CODE --plain``: the line-by-line seat at a live table, against another process."""

from __future__ import annotations

import subprocess
from pathlib import Path

from game.live import open_store

from .helpers import PLAYER, PYTHON, ROOT, new_exercise, seat_codes


def test_a_plain_seat_waits_for_the_other_side_and_answers(tmp_path: Path) -> None:
    opened = new_exercise(tmp_path / "ex", "--tables", "1", "--seed", "61")
    codes = seat_codes(opened)[1]
    store = open_store(opened)
    opener = store.replica(opened.exercise.tables[0]).state.current_actor or ""
    other = opened.scenario.other(opener).id
    script = tmp_path / "answers.txt"
    script.write_text("# reject their first offer (and confirm), then stop\nr\ny\n", encoding="utf-8")
    plain = subprocess.Popen([PYTHON, "-m", "game", "join", codes[other], "--exercise", str(opened.folder),
                              "--plain", "--script", str(script)], cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    driver = subprocess.Popen([PYTHON, str(PLAYER), str(opened.folder), codes[opener], "--moves", "2",
                               "--pause", "0.3"], cwd=ROOT, text=True, stdout=subprocess.PIPE)
    out, err = plain.communicate(timeout=180)
    driver.communicate(timeout=180)
    assert plain.returncode == 0, err
    name = opened.scenario.actor(opener).name
    assert f"Waiting for {name} to move" in out
    assert f"{name} proposes" in out and "Reject their offer" in out
    assert "Every move you made is kept" in out
    assert [(r.seat, r.kind) for r in store.rows(1)] == [(opener, "propose"), (other, "reject"), (opener, "propose")]
