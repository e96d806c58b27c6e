"""The report's chart, drawn by matplotlib (the optional ``classroom`` extra) as a PNG.

matplotlib is imported only here and only when a chart is drawn, through its object API
(no pyplot, no global state, the Agg canvas), so the rest of the classroom works without it.
"""

from __future__ import annotations

import io

from .report import ReportData


def outcome_chart(data: ReportData) -> tuple[bytes | None, str | None]:
    """(PNG bytes, None), or (None, why not) when matplotlib is missing or cannot draw."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        return None, f"matplotlib is not installed: {exc}"
    a, b = data.actors
    fig = Figure(figsize=(7.5, 6.2), dpi=110)
    FigureCanvasAgg(fig)
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
        ax.annotate(str(row.table), (x, y), textcoords="offset points",
                    xytext=(6, 5), fontsize=9, zorder=8)
    ax.scatter([], [], s=90, color="#c0392b", edgecolors="#7b1d12", label="a table's deal")
    ax.scatter([], [], s=90, color="#ffffff", edgecolors="#7b1d12", label="a table with no deal")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(f"utility of {data.labels[a]}")
    ax.set_ylabel(f"utility of {data.labels[b]}")
    ax.set_title(data.title, fontsize=11)
    ax.grid(True, color="#eeeeee", linewidth=0.6)
    ax.legend(loc="lower left", fontsize=8, framealpha=0.9)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue(), None
