"""Damaged saves are refused with their path and reason, listed as damaged, never hidden and
never overwritten; the seed is part of the checked content; the list shows the real round."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from game.engine import Move, Seat
from game.plain import run_plain
from game.scenario import load
from game.scenario.models import Scenario
from game.session import Session, SessionError, list_saves
from game.session.launch import LaunchOptions
from game.session.store import fresh_path, save_check

ROOT = Path(__file__).resolve().parents[1]
SPY = ROOT / "scenarios" / "000-spy-chiefs-2012.yaml"


@pytest.fixture(scope="module")
def spy() -> Scenario:
    scenario = load(SPY).scenario
    assert scenario is not None
    return scenario


def a_save(spy: Scenario) -> Path:
    """A game in progress, saved: Pakistan (the computer) opened, the US proposed, Pakistan answered
    (a seed with no crisis in the first two rounds)."""
    session = Session.new(spy, SPY, 1, {"us": Seat(), "pk": Seat("boulware", "hard")})
    session.advance()
    session.play(Move("us", "propose", package=session.state.opening_package("us")))
    assert session.save_path is not None and not session.state.is_terminal
    return session.save_path


def edit(path: Path, change: dict[str, object], drop: tuple[str, ...] = ()) -> bytes:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(change)
    for key in drop:
        data.pop(key)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path.read_bytes()


@pytest.mark.parametrize(("change", "drop", "reason"), [
    ({"moves": None}, (), "no list of moves"),
    ({}, ("moves",), "no list of moves"),
    ({"seed": 6}, (), "the check does not match"),
    ({"seats": {"us": "human", "pk": "conceder/easy"}}, (), "the check does not match"),
])
def test_a_damaged_save_is_refused_listed_and_left_as_it_is(spy: Scenario, change: dict[str, object],
                                                            drop: tuple[str, ...], reason: str) -> None:
    """A save with "moves": null (or none) resumed at round 1 and the next move overwrote the
    recorded ones; an edited seed was accepted. Both are refused now, with the path and reason."""
    path = a_save(spy)
    before = edit(path, change, drop)
    with pytest.raises(SessionError) as refused:
        Session.open(path)
    assert str(path) in str(refused.value) and reason in str(refused.value)
    assert path.read_bytes() == before
    [listed] = list_saves()
    assert listed.damaged and listed.status == "damaged" and reason in (listed.problem or "")
    out = io.StringIO()
    assert run_plain(LaunchOptions(resume_list=True), io.StringIO(""), out) == 1
    assert "Damaged saves" in out.getvalue() and str(path) in out.getvalue()
    assert path.read_bytes() == before


def test_a_save_from_before_checks_still_opens(spy: Scenario) -> None:
    """Saves written before checks existed have none; they open as far as their replay goes."""
    path = a_save(spy)
    edit(path, {}, ("check",))
    assert len(Session.open(path, autosave=False).state.history) == 3


def test_unreadable_saves_are_listed_as_damaged_not_hidden(spy: Scenario) -> None:
    good = a_save(spy)
    folder = good.parent
    (folder / "garbage.json").write_text("{not json", encoding="utf-8")
    (folder / "list.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00")
    saves = {s.path.name: s for s in list_saves()}
    assert set(saves) == {good.name, "garbage.json", "list.json", "binary.json"}
    assert not saves[good.name].damaged
    assert "not valid JSON" in (saves["garbage.json"].problem or "")
    assert "not a Parley game log" in (saves["list.json"].problem or "")
    assert "cannot read it" in (saves["binary.json"].problem or "")


def test_the_list_shows_the_round_the_game_is_in(spy: Scenario) -> None:
    """The list read the round of the last record (the round a move was made in), one behind once
    a round had ended: here Pakistan moved last in round 1 and round 2 has begun (no crisis yet)."""
    session = Session.new(spy, SPY, 1, {"us": Seat("boulware", "hard"), "pk": Seat()})
    session.play(Move("pk", "propose", package=session.state.opening_package("pk")))
    state = session.state
    assert state.history[-1].round == 1 and state.round == 2 and state.current_actor == "pk"
    [listed] = list_saves()
    assert listed.round == 2 and listed.moves == 2


def test_a_new_game_never_takes_the_name_of_an_existing_file(spy: Scenario) -> None:
    first = Session.new(spy, SPY, 5, {"us": Seat(), "pk": Seat("conceder", "easy")}, timestamps=False)
    assert first.save_path is not None
    first.save_path.write_text("{damaged", encoding="utf-8")
    second = Session.new(spy, SPY, 5, {"us": Seat(), "pk": Seat("conceder", "easy")}, timestamps=False)
    assert second.save_path != first.save_path and second.save_path is not None
    assert first.save_path.read_text(encoding="utf-8") == "{damaged"
    assert fresh_path(first.save_path.parent, first.save_path.stem).name == "spy-chiefs-2012-5-3.json"


def test_the_check_covers_what_a_replay_trusts_and_nothing_else(spy: Scenario) -> None:
    data = json.loads(a_save(spy).read_text(encoding="utf-8"))
    assert data["check"] == save_check(data)
    assert save_check(dict(data, updated="2000-01-01", title="x", records=[])) == data["check"]
    for key, value in (("seed", data["seed"] + 1), ("engine", 99), ("moves", []), ("seats", {})):
        assert save_check(dict(data, **{key: value})) != data["check"]
