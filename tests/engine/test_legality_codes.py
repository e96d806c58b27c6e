"""The legality rule on arrays of games, as simulation calls it: each code for its own reason, the
first reason found wins, and indices the one-game API never sends (out of range) are refused."""

from __future__ import annotations

import numpy as np

from game.engine.batch import Batch, draw_tapes
from game.engine.kinds import Kind, Status
from game.engine.legality import Illegal
from game.engine.rules import Rules

from .builders import cite, scenario

SHARES = ["s0", "s1", "s2", "s3"]
CRISIS = {"side": "b", "prompt": "How does B answer?", "responses": [
    {"id": "condemn", "label": "Condemn", "description": "Loudly.", "effects": {"trust": -0.1}},
    {"id": "quiet", "label": "Quiet word", "description": "Softly.", "effects": {"trust": 0.05}},
]}
OTHER = {"side": "a", "prompt": "How does A answer?", "responses": [
    {"id": "deny", "label": "Deny", "description": "No.", "effects": {"trust": -0.05}},
    {"id": "admit", "label": "Admit", "description": "Yes.", "effects": {"trust": 0.05}},
]}


def event(eid: str, crisis: dict) -> dict:
    return {"id": eid, "headline": eid, "text": "It happens.", "probability": 0.5, "effects": {},
            "citations": [cite()], "crisis": crisis}


def rules() -> Rules:
    tactics = {"a": [{"id": "press", "kind": "pressure", "label": "Press", "description": "Press.",
                      "effects": {"trust": -0.05}, "max_uses": 2, "citation": cite()}],
               "b": [{"id": "smile", "kind": "gesture", "label": "Smile", "description": "Smile.",
                      "effects": {"trust": 0.05}, "max_uses": 1, "citation": cite()}]}
    lines = {"a": [{"issue": "share", "options": ["s0"], "rationale": "Never.", "citation": cite()}]}
    return Rules(scenario({"share": SHARES, "flag": ["blue", "red"]},
                          {"a": {"share": [0.0, 0.3, 0.6, 1.0], "flag": [1.0, 0.0]},
                           "b": {"share": [1.0, 0.6, 0.3, 0.0], "flag": [0.0, 1.0]}},
                          {"a": {"share": 1.0, "flag": 1.0}, "b": {"share": 1.0, "flag": 1.0}},
                          {"a": 0.1, "b": 0.1},
                          actor_extra={a: {"tactics": t} for a, t in tactics.items()}, red_lines=lines,
                          events=[event("storm", CRISIS), event("leak", OTHER)]))


def games(n: int, mover: int = 0) -> tuple[Rules, Batch, np.ndarray]:
    r = rules()
    batch = Batch(r, np.full((n, r.round_cap, len(r.event_ids) + 2), 0.999))  # no news breaks
    batch.turn[:] = mover
    return r, batch, np.arange(n)


def package(r: Rules, share: str, flag: str = "blue") -> int:
    return r.package_of({"share": share, "flag": flag})


def codes(out: np.ndarray) -> list[Illegal]:
    return [Illegal(int(c)) for c in out]


def test_proposals_out_of_range_across_one_s_own_line_or_after_the_end() -> None:
    r, batch, g = games(5)
    batch.status[4] = Status.DEAL
    packages = np.array([package(r, "s2"), -1, r.space.size, package(r, "s0"), package(r, "s2")])
    assert codes(batch.illegal(g, Kind.PROPOSE, package=packages)) == [
        Illegal.OK, Illegal.UNKNOWN, Illegal.UNKNOWN, Illegal.OWN_RED_LINE, Illegal.OVER]
    # Side B has no red line: the same package is its to propose.
    batch.turn[:] = 1
    assert codes(batch.illegal(g[:4], Kind.PROPOSE, package=np.full(4, package(r, "s0")))) == [Illegal.OK] * 4


def test_accepting_rejecting_and_passing_follow_the_standing_offer() -> None:
    r, batch, g = games(3)
    batch.offer[:, 1] = [-1, package(r, "s2"), package(r, "s0")]  # B's offers; A to move
    assert codes(batch.illegal(g, Kind.ACCEPT)) == [Illegal.NO_OFFER, Illegal.OK, Illegal.OWN_RED_LINE]
    assert codes(batch.illegal(g, Kind.REJECT)) == [Illegal.NO_OFFER, Illegal.OK, Illegal.OK]
    assert codes(batch.illegal(g, Kind.PASS)) == [Illegal.OK, Illegal.OFFER_STANDING, Illegal.OFFER_STANDING]
    # A's own offer is not one it can accept.
    batch.offer[:, 1], batch.offer[:, 0] = -1, package(r, "s2")
    assert codes(batch.illegal(g, Kind.ACCEPT)) == [Illegal.NO_OFFER] * 3


def test_one_signal_per_turn() -> None:
    _, batch, g = games(2)
    batch.signal_this_turn[1] = True
    assert codes(batch.illegal(g, Kind.SIGNAL)) == [Illegal.OK, Illegal.SIGNALLED]


def test_tactics_unknown_not_yours_twice_or_used_up() -> None:
    r, batch, g = games(6)
    press, smile = r.tactic_ids.index("press"), r.tactic_ids.index("smile")
    batch.tactic_this_turn[3] = True
    batch.tactic_uses[4, press] = 2
    batch.tactic_uses[5, press] = 1
    tactic = np.array([-1, len(r.tactic_ids), smile, press, press, press])
    assert codes(batch.illegal(g, Kind.TACTIC, tactic=tactic)) == [
        Illegal.UNKNOWN, Illegal.UNKNOWN, Illegal.NOT_YOURS, Illegal.TACTIC_THIS_TURN, Illegal.USED_UP, Illegal.OK]


def test_a_side_without_tactics_in_a_scenario_without_any() -> None:
    r = Rules(scenario({"share": SHARES}, {"a": {"share": [0, 0.3, 0.6, 1]}, "b": {"share": [1, 0.6, 0.3, 0]}},
                       {"a": {"share": 1.0}, "b": {"share": 1.0}}, {"a": 0.1, "b": 0.1}))
    batch = Batch(r, draw_tapes(r, np.random.default_rng(0), 2))
    assert codes(batch.illegal(np.arange(2), Kind.TACTIC, tactic=np.array([0, -1]))) == [Illegal.UNKNOWN] * 2
    assert codes(batch.illegal(np.arange(2), Kind.ANSWER, response=np.array([0, 0]))) == [Illegal.NO_CRISIS] * 2


def test_a_waiting_crisis_blocks_everything_but_its_answer_a_walk_and_news() -> None:
    r, batch, g = games(2)
    batch.crisis[1] = r.event_ids.index("storm")  # it hits B, who moves there whatever the turn
    assert list(batch.mover(g)) == [0, 1]
    for kind in (Kind.SIGNAL, Kind.REJECT, Kind.PASS):
        assert batch.illegal(g, kind)[1] == Illegal.CRISIS, kind
    assert codes(batch.illegal(g, Kind.PROPOSE, package=np.full(2, package(r, "s2")))) == [Illegal.OK, Illegal.CRISIS]
    assert codes(batch.illegal(g, Kind.WALK)) == [Illegal.OK, Illegal.OK]
    assert codes(batch.illegal(g, Kind.EVENT, event=np.array([0, 1]))) == [Illegal.OK, Illegal.OK]


def test_answers_only_to_the_waiting_crisis() -> None:
    r, batch, g = games(5)
    storm, leak = r.event_ids.index("storm"), r.event_ids.index("leak")
    batch.crisis[1:] = [storm, storm, storm, leak]
    condemn = next(n for n, (k, resp) in enumerate(r.responses) if k == storm and resp.id == "condemn")
    deny = next(n for n, (k, resp) in enumerate(r.responses) if k == leak)
    response = np.array([condemn, condemn, -1, deny, deny])
    assert codes(batch.illegal(g, Kind.ANSWER, response=response)) == [
        Illegal.NO_CRISIS, Illegal.OK, Illegal.UNKNOWN, Illegal.WRONG_ANSWER, Illegal.OK]
    assert batch.illegal(g[1:2], Kind.ANSWER, response=np.array([len(r.responses)]))[0] == Illegal.UNKNOWN


def test_news_must_be_a_known_event() -> None:
    r, batch, g = games(4)
    assert codes(batch.illegal(g, Kind.EVENT, event=np.array([-1, 0, len(r.event_ids) - 1, len(r.event_ids)]))) == [
        Illegal.UNKNOWN, Illegal.OK, Illegal.OK, Illegal.UNKNOWN]


def lines(r: Rules, *rows: tuple[int, list[int]]) -> tuple[np.ndarray, np.ndarray]:
    issue = np.array([i for i, _ in rows])
    options = np.zeros((len(rows), r.kmax), dtype=bool)
    for k, (_, opts) in enumerate(rows):
        options[k, opts] = True
    return issue, options


def test_lines_need_a_known_issue_real_options_and_an_option_left_open() -> None:
    r, batch, g = games(8)
    share, flag = r.issue_ids.index("share"), r.issue_ids.index("flag")
    batch.line_this_turn[7] = True
    batch.vows[6, 0, flag, 0] = True  # game 6: A already vowed never to accept blue
    issue, options = lines(r, (share, [3]), (-1, [0]), (len(r.issue_ids), [0]), (flag, [2]), (flag, []),
                           (share, [1, 2, 3]), (flag, [1]), (flag, [0]))
    assert codes(batch.illegal(g, Kind.LINE, issue=issue, options=options)) == [
        Illegal.OK,  # one share option barred: three left
        Illegal.UNKNOWN, Illegal.UNKNOWN,  # no such issue
        Illegal.UNKNOWN,  # the flag has no third option
        Illegal.UNKNOWN,  # no option at all
        Illegal.WHOLE_ISSUE,  # s0 is A's red line already, s1..s3 would close the rest
        Illegal.WHOLE_ISSUE,  # red, after blue was vowed
        Illegal.LINE_DRAWN,  # a second line this turn
    ]
    # The same lines for B, who has no red line and no vows: s1..s3 leave s0 open.
    batch.turn[:] = 1
    assert list(batch.illegal(g[5:7], Kind.LINE, issue=issue[5:7], options=options[5:7])) == [Illegal.OK] * 2


def test_the_first_reason_wins() -> None:
    r, batch, g = games(2)
    batch.status[:] = Status.WALKED
    batch.crisis[:] = r.event_ids.index("storm")
    assert codes(batch.illegal(g, Kind.PROPOSE, package=np.array([-1, package(r, "s0")]))) == [Illegal.OVER] * 2
    batch.status[:] = Status.ONGOING
    assert codes(batch.illegal(g, Kind.PROPOSE, package=np.array([-1, package(r, "s0")]))) == [Illegal.CRISIS] * 2


def test_a_line_on_an_unknown_issue_of_a_one_issue_scenario() -> None:
    r = Rules(scenario({"share": SHARES}, {"a": {"share": [0, 0.3, 0.6, 1]}, "b": {"share": [1, 0.6, 0.3, 0]}},
                       {"a": {"share": 1.0}, "b": {"share": 1.0}}, {"a": 0.1, "b": 0.1}))
    batch = Batch(r, np.full((3, r.round_cap, 2), 0.999))
    issue, options = lines(r, (-1, [0]), (1, [0]), (0, [0]))
    assert codes(batch.illegal(np.arange(3), Kind.LINE, issue=issue, options=options)) == [
        Illegal.UNKNOWN, Illegal.UNKNOWN, Illegal.OK]


def test_an_unknown_tactic_where_the_scenario_has_just_one() -> None:
    one = {"a": {"tactics": [{"id": "press", "kind": "pressure", "label": "Press", "description": "Press.",
                              "effects": {"trust": -0.05}, "max_uses": 1, "citation": cite()}]}}
    r = Rules(scenario({"share": SHARES}, {"a": {"share": [0, 0.3, 0.6, 1]}, "b": {"share": [1, 0.6, 0.3, 0]}},
                       {"a": {"share": 1.0}, "b": {"share": 1.0}}, {"a": 0.1, "b": 0.1}, actor_extra=one))
    batch = Batch(r, np.full((3, r.round_cap, 2), 0.999))
    assert codes(batch.illegal(np.arange(3), Kind.TACTIC, tactic=np.array([1, -1, 0]))) == [
        Illegal.UNKNOWN, Illegal.UNKNOWN, Illegal.OK]
