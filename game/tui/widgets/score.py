"""The numbers a player weighs before moving: what the composed package is worth, whether home
would ratify it, whether the other side is likely to take it, and how the talks stand.

A package that crosses the player's own red line is marked as not allowed at the top of the
meters, with the engine's reason, before the player presses propose; one that crosses the
other side's red line is marked as one they will refuse. The figures about the other side
(*they accept ≈*, *their no deal ≈*) are the player's analysts' estimates, never its secrets.
Narrow panels drop the bars and keep every figure.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from game.tui.view import Perspective, chance_style, gauge, percent

#: Width of the row labels ("Their no deal ≈").
LABEL = 15
#: Below this many cells the meters show their figures without bars.
BARS_FROM = 27


class ScorePanel(Widget):
    """Utility, ratification and acceptance of the composed package; round, trust, pressure."""

    DEFAULT_CSS = """
    ScorePanel {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: Perspective | None = None
        self.package: dict[str, str] = {}
        self.readonly = False
        self.roomy = False

    def show(self, view: Perspective, package: dict[str, str], *, readonly: bool = False,
             roomy: bool = False) -> None:
        """``roomy``: the terminal is tall enough for section titles and the round."""
        self.view, self.package, self.readonly, self.roomy = view, dict(package), readonly, roomy
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.size.width))

    @property
    def problem(self) -> str | None:
        """Why the composed package could not be proposed now (None when it could, or in a replay)."""
        if self.view is None or self.readonly or not self.package:
            return None
        return self.view.why_not(self.package)

    def _lines(self, width: int) -> list[Content]:
        view = self.view
        if view is None or not self.package:
            return [Content("")]
        state, me = view.state, view.me
        width = max(LABEL + 5, width)
        bars = width >= BARS_FROM
        bar_w = max(4, min(20, width - LABEL - 8))
        u = state.utility(me, self.package)
        reservation = state.reservation(me)
        ratify = state.ratify_chance(me, self.package)
        accept = state.accept_estimate(me, self.package)
        problem = self.problem
        u_style = "$error" if problem else "$success" if u > reservation else "$error"

        def row(label: str, value: str, fraction: float, style: str) -> Content:
            parts: list[Content | tuple[str, str] | str] = [
                (label.ljust(LABEL)[:LABEL], "$foreground-muted"),
                (value.rjust(5), f"{style} bold"),
            ]
            if bars:
                parts += [" ", gauge(fraction, bar_w, style)]
            return Content.assemble(*parts)

        lines: list[Content] = []
        if problem:
            lines += [Content.styled(line.plain, "$error bold")
                      for line in Content(f"✗ Not allowed: {problem}.").wrap(width)]
        else:
            theirs = view.crossed(self.package, view.their_red)
            if theirs and not self.readonly:
                lines += [Content.styled(line.plain, "$warning")
                          for line in Content(f"⊘ Crosses their red line on {', '.join(theirs)}: "
                                              "they will refuse it.").wrap(width)]
        if self.roomy:
            lines.append(Content.styled("This package" if not self.readonly else "Package shown", "bold"))
        lines += [
            row("Worth to you", f"{u:.2f}", u, u_style),
            row("No deal", f"{reservation:.2f}", reservation, "$foreground-muted"),
            row("Home ratifies", percent(ratify), ratify, chance_style(ratify)),
            row("They accept ≈", percent(accept), accept, chance_style(accept)),
        ]
        theirs_none = state.estimated_reservation(me)
        lines.append(row("Their no deal ≈", f"{theirs_none:.2f}", theirs_none, "$primary-lighten-2"))
        offer = state.standing_offer(view.other)
        if offer is not None:
            mine = state.utility(me, offer)
            lines.append(Content.assemble(
                ("Their offer".ljust(LABEL), "$foreground-muted"),
                (f"{mine:.2f}".rjust(5), "$success bold" if mine > reservation else "$error bold"),
                (f" at home {percent(state.ratify_chance(me, offer))}" if bars else "", "$foreground-muted"),
            ))
        if self.roomy:
            lines += [
                Content.styled("The talks", "bold"),
                Content.assemble(
                    ("Round".ljust(LABEL), "$foreground-muted"),
                    (f"{state.round}/{state.deadline}".rjust(5), "bold"),
                    (" the last one" if state.round == state.deadline else "", "$warning bold"),
                ),
            ]
        trust = state.trust
        pressure = state.pressure(me)
        lines += [
            row("Trust", f"{trust:.2f}", trust, chance_style(trust)),
            row("Home pressure", f"{pressure:.2f}", pressure, "$warning" if pressure >= 0.5 else "$primary"),
        ]
        return [line.truncate(width) for line in lines]
