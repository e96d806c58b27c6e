"""The report's chart, drawn by matplotlib (the optional ``classroom`` extra) as a PNG.

matplotlib is imported only here and only when a chart is drawn, through its object API
(no pyplot, no global state, the Agg canvas), so the rest of the classroom works without it.

Table labels never overlap: tables whose results fall on the same spot share one label
("1, 3"), and each label is put at the first of a ring of positions around its point
whose box, measured by the renderer, meets no label placed before it and no table's
marker (a thin line leads from a label set further out back to its point).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from .report import ReportData

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

#: Points this close on the page (in pixels) are one spot: their markers cover each other.
SAME_SPOT_PX = 6.0
LABEL_SIZE = 9
MARKER_RADIUS_PT = 5.5  # a table's marker (s=110 points squared) reaches about this far from its centre


def same_spots(points: list[tuple[float, float, int]], close: float) -> list[tuple[float, float, list[int]]]:
    """Group tables whose points lie within ``close`` of each other (in the units given): one label each."""
    groups: list[tuple[float, float, list[int]]] = []
    for x, y, table in sorted(points, key=lambda p: p[2]):
        for gx, gy, tables in groups:
            if abs(gx - x) <= close and abs(gy - y) <= close:
                tables.append(table)
                break
        else:
            groups.append((x, y, [table]))
    return groups


def _offsets() -> list[tuple[float, float]]:
    """Where a label may go, in points from its point: close in first, then rings further out."""
    out: list[tuple[float, float]] = []
    for ring in range(1, 9):
        r = 7.0 * ring
        out += [(r, r * 0.7), (r, -r - 6), (-r, r * 0.7), (-r, -r - 6), (0, r + 4), (0, -r - 12), (r + 4, -3),
                (-r - 4, -3)]
    return out


def _overlaps(box: Bbox, placed: list[Bbox]) -> bool:
    return any(box.x0 < other.x1 + 1 and other.x0 < box.x1 + 1 and box.y0 < other.y1 + 1 and other.y0 < box.y1 + 1
               for other in placed)


def draw_labels(fig: Figure, renderer: RendererBase, data: ReportData) -> list[Bbox]:
    """Label every spot with its tables, with no two labels overlapping; the labels' boxes on the page."""
    ax = fig.axes[0]
    a, b = data.actors
    pixels = [(*ax.transData.transform((row.utility[a], row.utility[b])), row.table) for row in data.rows]
    frame = ax.get_window_extent(renderer)
    from matplotlib.transforms import Bbox

    radius = MARKER_RADIUS_PT * fig.dpi / 72  # labels keep off every table's marker too, not only off each other
    markers = [Bbox.from_extents(x - radius, y - radius, x + radius, y + radius) for x, y, _ in pixels]
    placed: list[Bbox] = []
    for px, py, tables in same_spots([(float(x), float(y), int(t)) for x, y, t in pixels], SAME_SPOT_PX):
        x, y = ax.transData.inverted().transform((px, py))
        label = ax.annotate(", ".join(map(str, tables)), (x, y), textcoords="offset points", xytext=(6, 5),
                            fontsize=LABEL_SIZE, zorder=8)
        for dx, dy in _offsets():
            label.xyann = (dx, dy)
            box = label.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not _overlaps(box, placed + markers):
                break
        else:  # nowhere free in the rings: stack it above every label placed so far
            top = max((p.y1 for p in placed), default=py)
            label.xyann = (6, (top - py) * 72 / fig.dpi + 4)
            box = label.get_window_extent(renderer)
        if abs(label.xyann[0]) > 10 or abs(label.xyann[1]) > 12:
            ax.annotate("", (x, y), xytext=label.xyann, textcoords="offset points",
                        arrowprops={"arrowstyle": "-", "color": "#7b1d12", "linewidth": 0.6}, zorder=7)
        placed.append(box)
    return placed


def chart_figure(data: ReportData) -> Figure:
    """The chart as a matplotlib figure (ImportError when matplotlib is missing)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    a, b = data.actors
    fig = Figure(figsize=(7.5, 6.2), dpi=110)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.scatter(data.cloud[0], data.cloud[1], s=4, color="#cfcfcf", linewidths=0, label="every package", zorder=1)
    if data.frontier:
        xs, ys = zip(*data.frontier, strict=True)
        ax.plot(xs, ys, color="#1f4e99", linewidth=1.6, marker="o", markersize=2.5,
                label="Pareto frontier (agreement zone)", zorder=2)
    ra, rb = data.reservation
    ax.axvline(ra, color="#888", linestyle=":", linewidth=1)
    ax.axhline(rb, color="#888", linestyle=":", linewidth=1)
    ax.scatter([ra], [rb], marker="P", s=60, color="#555", label="no deal", zorder=6)
    if data.nash:
        ax.scatter([data.nash[0]], [data.nash[1]], marker="*", s=220, color="#d4a017", edgecolors="#5a4500",
                   label="Nash point", zorder=7)
    for row in data.rows:
        x, y = row.utility[a], row.utility[b]
        ax.scatter([x], [y], s=110, color="#c0392b" if row.agreed else "#ffffff", edgecolors="#7b1d12",
                   linewidths=1.2, alpha=0.85, zorder=5)
    ax.scatter([], [], s=90, color="#c0392b", edgecolors="#7b1d12", label="a table's deal")
    ax.scatter([], [], s=90, color="#ffffff", edgecolors="#7b1d12", label="a table with no deal")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(f"utility of {data.labels[a]}")
    ax.set_ylabel(f"utility of {data.labels[b]}")
    ax.set_title(data.title, fontsize=11)
    ax.grid(True, color="#eeeeee", linewidth=0.6)
    ax.legend(loc="lower left", fontsize=8, framealpha=0.9)
    fig.tight_layout()  # before the labels: they are placed in the axes' final position on the page
    draw_labels(fig, canvas.get_renderer(), data)
    return fig


def outcome_chart(data: ReportData) -> tuple[bytes | None, str | None]:
    """(PNG bytes, None), or (None, why not) when matplotlib is missing or cannot draw."""
    try:
        fig = chart_figure(data)
    except ImportError as exc:
        return None, f"matplotlib is not installed: {exc}"
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue(), None
