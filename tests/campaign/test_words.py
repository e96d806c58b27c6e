"""The campaign debrief's trust chart: every summit's opening and close drawn, within its width."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.campaign.words import BLOCK, NARROW_BLOCK, sparkline, trust_chart

unit = st.floats(0, 1, allow_nan=False)
points = st.lists(st.tuples(st.sampled_from(["2011", "2012", "after 2022"]), unit, unit), min_size=1, max_size=5)


@settings(max_examples=80, deadline=None)
@given(points=points, block=st.sampled_from([BLOCK, NARROW_BLOCK]))
def test_the_chart_draws_each_summit_once_and_fits(points: list[tuple[str, float, float]], block: int) -> None:
    lines = trust_chart(points, block)
    plot = "".join(lines[:-3])
    assert plot.count("○") == len(points) and plot.count("●") == len(points)
    assert all(len(line) <= 5 + block * len(points) for line in lines)
    assert len(lines) == 9  # six levels, the axis, the years, the numbers


def test_a_fall_is_drawn_down_and_a_rise_up() -> None:
    fall, rise = trust_chart([("2011", 1.0, 0.0)]), trust_chart([("2011", 0.0, 1.0)])
    assert "○───┐" in fall[0] and "└───●" in fall[5]
    assert "┌───●" in rise[0] and "○───┘" in rise[5]
    assert sparkline([0.0, 0.5, 1.0]) == "▁▅█"
