"""Bar charts of visits against the four-year mandate: series of bars, a reference line, text on every bar.

The visits page draws all its charts with `bars_figure`: grouped or stacked
series, horizontal or vertical, and an optional reference line (the mandate's
pace: a quarter of the facilities a year, four years, every facility). Labels,
hover text and names come translated and formatted from the page.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from .figures import PALETTE, base_layout, separators

WITHIN_COLOUR = PALETTE[0]  # blue
BEYOND_COLOUR = PALETTE[5]  # vermillion: stands out for every common colour-vision deficiency
REFERENCE_COLOUR = "#212529"


@dataclass
class BarSeries:
    """One series of bars: its name (legend), categories, values, the text on each bar and its hover text.

    `colours` colours bars one by one (e.g. beyond the mandate); `colour` colours the whole series.
    A value of None draws no bar; its label is still written at the axis, so a gap never reads as zero.
    """

    name: str
    categories: list[str]
    values: list[float | None]
    labels: list[str]
    hover: list[str]
    colour: str = PALETTE[0]
    colours: list[str] | None = None
    inside_text_colour: str | None = None  # write the labels inside the bars, in this colour


@dataclass
class Reference:
    """A reference line across the value axis, with its label."""

    value: float
    label: str


def wrap_label(text: str, width: int = 16) -> str:
    """Break a long category name over lines (`<br>`), so the chart keeps its width on a phone."""
    return "<br>".join(textwrap.wrap(str(text), width)) or str(text)


def bars_figure(
    series: list[BarSeries],
    lang: str,
    horizontal: bool = True,
    axis_title: str = "",
    reference: Reference | None = None,
    barmode: str = "group",
    percent_axis: bool = False,
    height: int | None = None,
) -> go.Figure:
    """Bars with their values written on them, an optional reference line, a legend when there are several series."""
    value_key, category_key = ("x", "y") if horizontal else ("y", "x")
    traces = [
        go.Bar(
            name=item.name,
            **{
                value_key: [value if value is not None else 0 for value in item.values],
                category_key: [wrap_label(category) for category in item.categories],
            },
            orientation="h" if horizontal else "v",
            text=item.labels,
            textposition="inside" if item.inside_text_colour else "outside",
            insidetextanchor="end",
            insidetextfont={"color": item.inside_text_colour, "size": 12} if item.inside_text_colour else None,
            textangle=0,
            cliponaxis=False,
            hovertext=item.hover,
            hoverinfo="text",
            marker={"color": _colours(item), "line": {"width": 0}},
        )
        for item in series
    ]
    figure = go.Figure(traces)
    rows = max((len(item.categories) for item in series), default=1)
    lines = max((wrap_label(c).count("<br>") + 1 for item in series for c in item.categories), default=1)
    per_row = 22 * max(len(series), 1) if barmode == "group" else 26
    base_layout(
        figure,
        height or (max(260, rows * (per_row + 10 * (lines - 1)) + 90) if horizontal else 380),
        legend=len(series) > 1,
    )
    value_axis = {
        "title": {"text": axis_title},
        "rangemode": "tozero",
        "tickformat": ".0%" if percent_axis else None,
        "range": _value_range(series, reference),
        "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1.0] if percent_axis else None,
        "tickangle": 0,
        "nticks": 5,
    }
    category_axis = {"title": {"text": None}, "autorange": "reversed" if horizontal else None, "type": "category"}
    # One layout update (each one costs plotly a validation pass; a page draws a dozen of these charts).
    figure.update_layout(
        separators=separators(lang),
        barmode=barmode,
        bargap=0.25,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        **{f"{value_key}axis": value_axis, f"{category_key}axis": category_axis},
        **(_reference_layout(reference, horizontal) if reference is not None else {}),
    )
    return figure


def _colours(item: BarSeries) -> list[str]:
    """Each bar's colour; a missing value gets an invisible bar of length 0 that only carries its label
    ("not published", "suppressed"), so a gap never reads as zero."""
    colours = list(item.colours or [item.colour] * len(item.values))
    return [
        colour if value is not None else "rgba(0,0,0,0)" for colour, value in zip(colours, item.values, strict=True)
    ]


def _value_range(series: list[BarSeries], reference: Reference | None) -> list[float]:
    """Room on the value axis for the longest bar, its label and the reference line."""
    values = [value for item in series for value in item.values if value is not None]
    if reference is not None:
        values.append(reference.value)
    top = max(values, default=1) or 1
    return [0, top * 1.3]


def _reference_layout(reference: Reference, horizontal: bool) -> dict:
    """The dashed reference line across the value axis and its label, as layout properties."""
    line = {"color": REFERENCE_COLOUR, "width": 2, "dash": "dash"}
    if horizontal:
        shape = {"type": "line", "x0": reference.value, "x1": reference.value, "yref": "paper", "y0": 0, "y1": 1}
        label = {"x": reference.value, "y": 1, "yref": "paper", "xanchor": "left", "yanchor": "bottom"}
        margin = {"l": 8, "r": 8, "t": 30, "b": 8}
    else:
        shape = {"type": "line", "y0": reference.value, "y1": reference.value, "xref": "paper", "x0": 0, "x1": 1}
        label = {
            "y": reference.value,
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0.85)",
        }
        margin = {}
    return {
        "shapes": [{**shape, "line": line}],
        "annotations": [{**label, "text": reference.label, "showarrow": False, "font": {"size": 12}}],
        **({"margin": margin} if margin else {}),
    }
