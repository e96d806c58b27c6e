"""A scatter chart of the outcome space drawn with Unicode braille, 2x4 dots per cell.

Every package is a dot at (its utility to you, its utility to the other side). Dots are
drawn in layers (all packages, then the no-deal lines, the agreement zone and the Pareto
frontier); a cell takes the colour of the highest layer it holds. Single points that
matter (the deal, the Nash point, the offers) are drawn as letters on top.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

#: Bit of the braille dot at (row within the cell, column within the cell).
_BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]], dtype=np.int64)
_AXIS_W = 4  # "1.0┤"

#: Layer -> style; a higher layer wins a shared cell.
LAYER_STYLES = {1: "$foreground 35%", 2: "$foreground-muted", 3: "$primary", 4: "$success bold"}
OUTSIDE, RESERVATION, ZONE, FRONTIER = 1, 2, 3, 4


@dataclass
class Marker:
    x: float
    y: float
    char: str
    style: str
    rank: int  # a higher rank wins a shared cell


@dataclass
class ChartData:
    """What to plot: every package's utilities, which are in the zone and on the frontier."""

    x: np.ndarray
    y: np.ndarray
    zone: np.ndarray  # indices
    frontier: np.ndarray  # indices
    reservation: tuple[float, float]
    x_label: str
    y_label: str
    markers: list[Marker] = field(default_factory=list)


LEGEND_ITEMS = [
    ("⣿", LAYER_STYLES[OUTSIDE], "outside the zone"),
    ("⣿", LAYER_STYLES[ZONE], "agreement zone"),
    ("⣿", LAYER_STYLES[FRONTIER], "Pareto frontier"),
    ("┆", LAYER_STYLES[RESERVATION], "no-deal values"),
    ("N", "$warning bold", "Nash point"),
    ("★", "$success bold reverse", "the deal"),
    ("o", "$accent bold", "your offers"),
    ("x", "$error bold", "theirs"),
]


def legend_lines(width: int) -> list[Content]:
    """The key to the chart's colours and letters, wrapped between items, never inside one."""
    lines: list[Content] = []
    line = Content("")
    for mark, style, text in LEGEND_ITEMS:
        item = Content.assemble((mark, style), " ", text)
        if line.cell_length and line.cell_length + 2 + item.cell_length > width:
            lines.append(line)
            line = Content("")
        line = Content.assemble(line, "  ", item) if line.cell_length else item
    lines.append(line)
    return lines


class ChartLegend(Widget):
    """The chart's key, as many lines as the width needs."""

    DEFAULT_CSS = """
    ChartLegend {
        height: auto;
    }
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(legend_lines(max(10, width)))

    def render(self) -> Content:
        return Content("\n").join(legend_lines(max(10, self.size.width)))


class OutcomeChart(Widget):
    """Braille scatter of the outcome space with the deal, the Nash point and the offers."""

    DEFAULT_CSS = """
    OutcomeChart {
        height: 16;
        min-width: 24;
    }
    """

    def __init__(self, data: ChartData | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = data

    def show(self, data: ChartData) -> None:
        self.data = data
        self.refresh()

    def render(self) -> Content:
        data = self.data
        width, height = self.size.width, self.size.height
        if data is None or width < _AXIS_W + 6 or height < 5:
            return Content("")
        pw, ph = width - _AXIS_W - 1, height - 3
        cells = np.zeros((ph, pw), dtype=np.int64)
        layer = np.zeros((ph, pw), dtype=np.int64)

        def to_dots(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            cols = np.clip(np.round(np.asarray(x) * (pw * 2 - 1)).astype(np.int64), 0, pw * 2 - 1)
            rows = np.clip(np.round((1.0 - np.asarray(y)) * (ph * 4 - 1)).astype(np.int64), 0, ph * 4 - 1)
            return rows, cols

        def plot(x: np.ndarray, y: np.ndarray, level: int) -> None:
            if len(x) == 0:
                return
            rows, cols = to_dots(x, y)
            np.bitwise_or.at(cells, (rows // 4, cols // 2), _BITS[rows % 4, cols % 2])
            np.maximum.at(layer, (rows // 4, cols // 2), level)

        plot(data.x, data.y, OUTSIDE)
        rx, ry = data.reservation
        steps = np.linspace(0.0, 1.0, ph * 2)
        plot(np.full_like(steps, rx), steps, RESERVATION)
        steps = np.linspace(0.0, 1.0, pw)
        plot(steps, np.full_like(steps, ry), RESERVATION)
        plot(data.x[data.zone], data.y[data.zone], ZONE)
        if len(data.frontier):
            order = data.frontier[np.argsort(data.x[data.frontier], kind="stable")]
            fx, fy = data.x[order], data.y[order]
            if len(order) > 1:  # join the frontier's points into a line
                seg = np.linspace(0.0, 1.0, 2 * max(pw, ph))
                fx = np.concatenate([fx[:-1, None] + (fx[1:, None] - fx[:-1, None]) * seg]).ravel()
                fy = np.concatenate([fy[:-1, None] + (fy[1:, None] - fy[:-1, None]) * seg]).ravel()
            plot(fx, fy, FRONTIER)

        chars: dict[tuple[int, int], tuple[str, str, int]] = {}
        for marker in data.markers:
            rows, cols = to_dots(np.array([marker.x]), np.array([marker.y]))
            key = (int(rows[0]) // 4, int(cols[0]) // 2)
            if key not in chars or chars[key][2] < marker.rank:
                chars[key] = (marker.char, marker.style, marker.rank)

        lines = [Content.assemble(("↑ ", "$foreground-muted"), (data.y_label, "bold"))]
        for r in range(ph):
            if r == 0:
                tick = "1.0┤"
            elif r == ph - 1:
                tick = "0.0┤"
            elif r == (ph - 1) // 2:
                tick = "0.5┤"
            else:
                tick = "   │"
            parts: list[tuple[str, str] | str] = [(tick, "$foreground-muted")]
            for c in range(pw):
                if (r, c) in chars:
                    char, style, _ = chars[(r, c)]
                    parts.append((char, style))
                elif cells[r, c]:
                    parts.append((chr(0x2800 + int(cells[r, c])), LAYER_STYLES[int(layer[r, c])]))
                else:
                    parts.append(" ")
            lines.append(Content.assemble(*parts))
        lines.append(Content.styled("   └" + "─" * pw, "$foreground-muted"))
        mid = pw // 2
        ticks = ("0" + " " * (mid - 1) + "0.5").ljust(pw - 1) + "1"
        label = f"→ {data.x_label}"
        axis = Content.assemble(("    ", ""), (ticks, "$foreground-muted"))
        if len(ticks) + 4 + len(label) + 2 <= width:
            axis = Content.assemble(axis, "  ", (label, "bold"))
        else:
            lines[0] = Content.assemble(lines[0], ("   → ", "$foreground-muted"), (data.x_label, "bold"))
        lines.append(axis)
        return Content("\n").join(lines[:height])
