"""Draw the plot data graders record (CaseResult.plots) as PNG images, with matplotlib's Agg backend."""

from __future__ import annotations

import functools
import io
import json
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

STYLES = {"you": {"color": "#d62728", "lw": 2.2}, "reference": {"color": "#1f77b4", "lw": 1.6, "ls": "--"}}


def _style(name: str) -> dict[str, Any]:
    return STYLES.get(name, {"lw": 1.5})


def _lines(ax, plot: dict[str, Any]) -> None:
    points = plot.get("points")
    if points:
        colours = {"c": points["labels"], "cmap": "coolwarm"} if "labels" in points else {"c": "#555"}
        ax.scatter(points["x"], points["y"], s=12, alpha=0.6, **colours)
        xs = [min(points["x"]), max(points["x"])]
    else:
        xs = plot.get("x_range", [-1, 1])
    for name, (slope, intercept) in plot["lines"].items():
        ax.plot(xs, [slope * x + intercept for x in xs], label=name, **_style(name))
    if points:
        ax.set_ylim(min(points["y"]) - 0.5, max(points["y"]) + 0.5)


def _curves(ax, plot: dict[str, Any]) -> None:
    points = plot.get("points")
    if points:
        ax.scatter(points["x"], points["y"], s=8, c="#555", alpha=0.5, label="data")
    for name, values in plot["series"].items():
        ax.plot(plot.get("x", range(1, len(values) + 1)), values, label=name, **_style(name))
    ax.set_xlabel(plot.get("xlabel", "step"))
    ax.set_ylabel(plot.get("ylabel", "loss"))


def _field(ax, plot: dict[str, Any]) -> None:
    extent = plot.get("extent", [-0.5, 1.5, -0.5, 1.5])
    image = ax.imshow(plot["values"], origin="lower", extent=extent, cmap="coolwarm", vmin=0, vmax=1, aspect="auto")
    ax.figure.colorbar(image, ax=ax, fraction=0.046)
    points = plot.get("points")
    if points:
        ax.scatter(points["x"], points["y"], c=points["labels"], cmap="coolwarm", edgecolors="k", s=60, vmin=0, vmax=1)


DRAW = {"lines": _lines, "boundary": _lines, "curves": _curves, "field": _field}


def plot_png(plot: dict[str, Any]) -> bytes:
    """One recorded plot as PNG bytes (the same plot is drawn once per process: the reference's curves, and
    those of every student who matches them, recur across a class)."""
    return _plot_png(json.dumps(plot, sort_keys=True))


@functools.lru_cache(maxsize=512)
def _plot_png(plot_json: str) -> bytes:
    plot = json.loads(plot_json)
    figure, ax = plt.subplots(figsize=(4.2, 3.2), dpi=90)
    try:
        DRAW[plot["kind"]](ax, plot)
        ax.set_title(plot.get("title", ""), fontsize=9)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
        return _png(figure)
    finally:
        plt.close(figure)


def _png(figure) -> bytes:
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def histogram_png(values: list[float], bins: int, title: str, xlabel: str) -> bytes:
    """A histogram as PNG bytes (the class's score distribution)."""
    figure, ax = plt.subplots(figsize=(5, 3), dpi=90)
    try:
        ax.hist(values, bins=bins, color="#1f77b4", edgecolor="white")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("students")
        return _png(figure)
    finally:
        plt.close(figure)
