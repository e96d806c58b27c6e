"""The campaign's carry-over rules, one at a time, and as properties over any summit's facts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.campaign.carry import SummitResult, carry, computer_keeps, promises_made
from game.scenario.campaign import Carry, Promise, PromiseWhen, Rule, SideEffect, Summit

NAMES = {"us": "United States", "pk": "Pakistan"}
FULL = {"us": 1.0, "pk": 1.0}
RULES = Carry(
    neutral_trust=0.5, trust_kept=0.6,
    held_public=Rule(side=SideEffect(credibility=0.1)),
    backed_down=Rule(trust=-0.02, side=SideEffect(credibility=-0.15)),
    walked_out=Rule(trust=-0.1, side=SideEffect(credibility=0.1), other=SideEffect(pressure=0.04, grievances=1)),
    kept=Rule(trust=0.1, side=SideEffect(credibility=0.1)),
    broken=Rule(trust=-0.15, side=SideEffect(credibility=-0.2), other=SideEffect(reservation=0.04, grievances=1)),
    computer_keeps_at=0.3,
)
PROMISE = Promise(id="space", by="pk", text="Pakistan constrains the space.",
                  when=PromiseWhen(issue="waziristan", options=["constrain", "sustained"]),
                  cost=SideEffect(pressure=0.05))


def result(trust_end: float = 0.5, status: str = "deal", deal: dict[str, str] | None = None,
           walked_by: str | None = None, public: dict[str, int] | None = None,
           backdowns: dict[str, int] | None = None) -> SummitResult:
    return SummitResult("s", status, 0.5, trust_end, deal, walked_by, public or {}, backdowns or {})


def test_trust_fades_partly_toward_neutral() -> None:
    high = carry(RULES, result(0.9), FULL, {}, [], NAMES)
    low = carry(RULES, result(0.1), FULL, {}, [], NAMES)
    assert high.opening.trust == 0.74  # 0.5 + 0.6 * 0.4
    assert low.opening.trust == 0.26
    assert "fade it toward 0.50" in high.lines[0]


def test_a_kept_promise_raises_trust_and_credibility_and_costs_its_keeper() -> None:
    kept = carry(RULES, result(0.5), {"us": 1.0, "pk": 0.7}, {"space": True}, [PROMISE], NAMES)
    assert kept.opening.trust == 0.6
    assert kept.credibility["pk"] == 0.8
    assert kept.opening.pressure == {"pk": 0.05}
    assert not kept.opening.grievances


def test_a_broken_promise_lowers_both_and_hardens_the_other_side() -> None:
    broken = carry(RULES, result(0.5), FULL, {"space": False}, [PROMISE], NAMES)
    assert broken.opening.trust == 0.35
    assert broken.credibility["pk"] == 0.8
    assert broken.opening.grievances == {"us": 1}
    assert broken.opening.reservation == {"us": 0.04}
    assert "opens with harder demands" in broken.lines[1]


def test_walking_out_and_backing_down_are_reputations() -> None:
    walked = carry(RULES, result(0.5, status="walked", walked_by="us"), {"us": 0.5, "pk": 1.0}, {}, [], NAMES)
    assert walked.opening.trust == 0.4
    assert walked.credibility["us"] == 0.6
    assert walked.opening.pressure == {"pk": 0.04}
    assert walked.opening.grievances == {"pk": 1}
    down = carry(RULES, result(0.5, backdowns={"pk": 5}, public={"pk": 6, "us": 2}), FULL, {}, [], NAMES)
    assert down.credibility["pk"] == 0.55  # charged three times at most
    assert down.credibility["us"] == 1.0  # held its public words (already at the top)


def test_promises_are_made_by_a_deal_on_their_options_only() -> None:
    summit = Summit(scenario="x.yaml", promises=[PROMISE])
    assert promises_made(summit, result(deal={"waziristan": "constrain"})) == [PROMISE]
    assert promises_made(summit, result(deal={"waziristan": "none"})) == []
    assert promises_made(summit, result(status="walked")) == []
    assert computer_keeps(RULES, result(0.3)) and not computer_keeps(RULES, result(0.29))


sides = st.sampled_from(["us", "pk"])
unit = st.floats(0, 1, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(end=unit, cred_us=unit, cred_pk=unit, walked=st.none() | sides, downs=st.integers(0, 6),
       public=st.integers(0, 4), keep=st.booleans())
def test_the_opening_is_always_a_valid_one(end: float, cred_us: float, cred_pk: float, walked: str | None,
                                           downs: int, public: int, keep: bool) -> None:
    """Whatever happened, the next summit opens with trust and credibility in 0..1, and keeping a
    promise never leaves trust or the promiser's credibility lower than breaking it."""
    facts = result(end, status="walked" if walked else "deal", walked_by=walked,
                   backdowns={"pk": downs}, public={"pk": public, "us": public})
    kept = carry(RULES, facts, {"us": cred_us, "pk": cred_pk}, {"space": True}, [PROMISE], NAMES)
    broken = carry(RULES, facts, {"us": cred_us, "pk": cred_pk}, {"space": False}, [PROMISE], NAMES)
    for carried in (kept, broken):
        assert carried.opening.trust is not None and 0 <= carried.opening.trust <= 1
        assert all(0 <= v <= 1 for v in carried.credibility.values())
        assert carried.lines[-1].startswith("This summit opens with trust at")
    assert (kept.opening.trust or 0) >= (broken.opening.trust or 0)
    assert kept.credibility["pk"] >= broken.credibility["pk"]
    assert broken.opening.grievances.get("us", 0) > kept.opening.grievances.get("us", 0)
