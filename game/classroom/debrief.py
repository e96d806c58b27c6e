"""Debrief questions: the article's themes (from the scenario) and three on the game itself.

The scenario's questions are about the story; these three are about negotiating, with
this scenario's numbers in them: what the no-deal values meant, whether bluffing paid,
and how far the class was from the Nash point. The instructor sheet and the class report
ask the same questions in the same order.
"""

from __future__ import annotations

from game.engine.analysis import Analysis
from game.scenario.models import Scenario


def game_questions(scenario: Scenario, analysis: Analysis) -> list[str]:
    """The questions on no-deal values, bluffing and the Nash point, with this scenario's numbers."""
    a, b = scenario.actors
    reservation = analysis.reservation
    out = [
        f"No deal was worth {reservation[0]:.2f} to {a.label} and {reservation[1]:.2f} to {b.label}. Did you know "
        "when an offer was worse than walking away? What did you guess of the other side's no-deal value, and how "
        "did that guess shape your offers?",
        "Signals are cheap talk: nothing makes them true. Did anyone signal priorities they did not hold? Did the "
        "other side believe it, and did the bluff gain anything, or cost trust?",
    ]
    if analysis.nash is not None:
        u = analysis.utilities[:, analysis.nash]
        out.append(f"The Nash point ({a.label} {u[0]:.2f}, {b.label} {u[1]:.2f}) makes the product of both sides' "
                   "gains over no deal as large as it can be. How far from it did your table end, and what would "
                   "it have taken to get closer: which issue would each side have had to give?")
    else:
        out.append("There is no package both sides prefer to no deal. When did your table see that, and what did "
                   "it do about it?")
    return out


def debrief_questions(scenario: Scenario, analysis: Analysis) -> list[str]:
    """The article's questions first, then :func:`game_questions`; each on one line."""
    return [" ".join(q.split()) for q in scenario.debrief_questions] + game_questions(scenario, analysis)
