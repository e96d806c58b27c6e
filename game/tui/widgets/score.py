"""The numbers a player weighs before moving: what the composed package is worth, whether home
would ratify it, whether the other side is likely to take it, and how the talks stand."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from game.tui.view import Perspective, chance_style, gauge, percent


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

    def _lines(self, width: int) -> list[Content]:
        view = self.view
        if view is None or not self.package:
            return [Content("")]
        state, me = view.state, view.me
        width = max(28, width)
        label_w = 14
        bar_w = max(4, min(20, width - label_w - 8))
        u = state.utility(me, self.package)
        reservation = state.reservation(me)
        ratify = state.ratify_chance(me, self.package)
        accept = state.accept_estimate(me, self.package)
        u_style = "$success" if u > reservation else "$error"

        def row(label: str, value: str, fraction: float, style: str) -> Content:
            return Content.assemble(
                (label.ljust(label_w)[:label_w], "$foreground-muted"),
                (value.rjust(5), f"{style} bold"),
                " ",
                gauge(fraction, bar_w, style),
            )

        title = "This package" if not self.readonly else "Package shown"
        lines = [Content.styled(title, "bold")] if self.roomy else []
        lines += [
            row("Worth to you", f"{u:.2f}", u, u_style),
            row("No deal", f"{reservation:.2f}", reservation, "$foreground-muted"),
            row("Home ratifies", percent(ratify), ratify, chance_style(ratify)),
            row("They accept ≈", percent(accept), accept, chance_style(accept)),
        ]
        offer = state.standing_offer(view.other)
        if offer is not None:
            mine = state.utility(me, offer)
            lines.append(
                Content.assemble(
                    ("Their offer".ljust(label_w), "$foreground-muted"),
                    (f"{mine:.2f}".rjust(5), "$success bold" if mine > reservation else "$error bold"),
                    (f" at home {percent(state.ratify_chance(me, offer))}", "$foreground-muted"),
                )
            )
        trust = state.trust
        pressure = state.pressure(me)
        if self.roomy:
            lines += [
                Content.styled("The talks", "bold"),
                Content.assemble(
                    ("Round".ljust(label_w), "$foreground-muted"),
                    (f"{state.round}/{state.deadline}".rjust(5), "bold"),
                    (" the last one" if state.round == state.deadline else "", "$warning bold"),
                ),
            ]
        lines += [
            row("Trust", f"{trust:.2f}", trust, chance_style(trust)),
            row("Home pressure", f"{pressure:.2f}", pressure, "$warning" if pressure >= 0.5 else "$primary"),
        ]
        return lines
