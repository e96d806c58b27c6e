"""The rules, the scoring and what the estimates are built from: the prose of every help.

The terminal's help screen and plain mode's ``?`` both print these Markdown sections, so a
player reads the same account of the game whichever way they play. (The keys are listed
by each front end from its own key table.)
"""

from __future__ import annotations

RULES = """\
## The rules

- **Utility.** What a package is worth to a side: the weighted sum of that side's values of the
  options in it (weights sum to 1, values run from 0 to 1). The board shows your weight of each
  issue and what the option you chose adds to your utility.
- **Reservation value.** What *no deal* is worth to you (your BATNA). A deal below it is worse
  than walking away.
- **Red lines.** Options a side will never accept (✗ yours, ⊘ theirs). Red lines are public. You
  cannot propose or accept a package across your own red line (the meters say so before you
  try); proposing across the other side's red line costs trust, and a side that sees its red
  lines crossed again and again hardens or walks out.
- **Ratification.** A deal must pass at home on *both* sides: each constituency ratifies with a
  chance that rises with how much it likes the deal. A failed ratification costs trust and may
  end or reopen the talks, as the scenario says.
- **Deadline.** Each side moves once per round; when the last round ends with no deal, both sides
  get their reservation values. Domestic pressure to close grows as the deadline nears.
- **Trust** rises with real concessions and gestures and falls with pressure, insults, concessions
  taken back and failed deals. The more the other side trusts you, the more your signals move its
  estimates.
- **News** breaks between rounds and can shift priorities, alternatives, trust or the deadline.
  Every change (trust, no-deal values, pressure, priorities, the bar at home, the deadline) is
  said when it happens, with its cause, and the debrief picks out the turning points.
- **Crises.** Some news is a crisis for one side: it must pick one of two to four answers, each
  with its effects shown, before the talks go on. The computer answers its crises and says why.
- **Public or private.** A proposal, a signal or a red line you draw (d) is said in private (y)
  or in public (p). Public words are believed more, but backing down from them raises the bar at
  home (your constituency's threshold); private words are cheap and believed less. Both effects
  are shown before you choose.
- **Walking out.** Either side may walk away; the computer does when nothing still possible beats
  its alternative, when talks stall, or after repeated affronts, and it says why.
"""

ESTIMATES = """\
## What your estimates are built from

The figures about the other side — its priorities (*them ≈ 30%*), the chance it accepts a
package (*they accept ≈*) and its no-deal value (*their no deal ≈*) — are your analysts'
estimates. They are built only from what your side could know: the scenario's intelligence
estimate of the other side (or, without one, a prior that favours no issue), its declared red
lines, and its offers, replies and signals so far. They never read its confidential numbers;
they can be wrong, and the debrief shows how far off they were.
"""

SCORING = """\
## Scoring

Your score is your utility at the end: the deal's, or your reservation value without one. The
debrief shows where the deal landed in the space of all packages: the agreement zone (packages
both sides prefer to no deal), the Pareto frontier (packages nobody can improve without hurting
the other), the Nash bargaining point, the value left on the table, and the second level: each
side's win-set (the packages its constituency would likely pass) and the best package both
constituencies would likely pass.
"""


def guide_markdown() -> str:
    """Rules, estimates and scoring, in that order."""
    return "\n".join([RULES, ESTIMATES, SCORING])
