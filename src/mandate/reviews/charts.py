"""The year-end review's charts as PNG images (matplotlib, Agg: no display, no pyplot).

Each chart draws a table the review prints beside it, from the very same numbers. A
Figure of its own per chart keeps the module free of pyplot's global state, so two
requests can draw at once. The default font, DejaVu Sans, ships with matplotlib and has
every Vietnamese letter.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mandate.work.selectors import BUCKET_COLOURS  # the screen's colours, so paper agrees

__all__ = ["BUCKET_COLOURS", "Series", "stacked_bars"]
WIDTH_IN = 7.0
DPI = 150
LABEL_CHARACTERS = 38


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    values: Sequence[int]


def stacked_bars(labels: Sequence[str], series: Sequence[Series], *, title: str = "") -> bytes:
    """Horizontal stacked bars, one per label (top to bottom in the given order), as PNG."""
    height = 1.2 + 0.32 * max(len(labels), 3)
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = range(len(labels))
    left = [0] * len(labels)
    for entry in series:
        axes.barh(positions, entry.values, left=left, color=entry.colour, label=entry.label)
        left = [start + value for start, value in zip(left, entry.values, strict=True)]
    axes.set_yticks(list(positions), [_short(label) for label in labels], fontsize=8)
    axes.invert_yaxis()  # the first label on top, as in the table
    axes.tick_params(axis="x", labelsize=8)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="x", linewidth=0.4, alpha=0.5)
    axes.set_axisbelow(True)
    if title:
        axes.set_title(title, fontsize=10, loc="left")
    axes.legend(
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncols=2 if len(series) > 3 else len(series),
        frameon=False,
    )
    return _png(figure)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
