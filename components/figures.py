"""The regions ranking's bar chart (still its own builder; see components/charts for the shared one)."""

from __future__ import annotations

import plotly.graph_objects as go

from .charts.theme import PALETTE, base_layout, separators


def bar_chart(
    categories: list[str],
    values: list[float | None],
    labels: list[str],
    hover: list[str],
    lang: str,
    horizontal: bool = True,
    axis_title: str = "",
    height: int | None = None,
    colour: str = PALETTE[0],
) -> go.Figure:
    """A bar chart with each bar's value written on it (meaning never rests on colour)."""
    bar = go.Bar(
        x=values if horizontal else categories,
        y=categories if horizontal else values,
        orientation="h" if horizontal else "v",
        text=labels,
        textposition="outside",
        cliponaxis=False,
        hovertext=hover,
        hoverinfo="text",
        marker={"color": colour},
    )
    figure = go.Figure(bar)
    base_layout(figure, height or (max(260, 26 * len(categories) + 60) if horizontal else 360))
    figure.update_layout(separators=separators(lang))
    if horizontal:
        figure.update_yaxes(autorange="reversed", title=None)
        figure.update_xaxes(title=axis_title, rangemode="tozero")
    else:
        figure.update_yaxes(title=axis_title, rangemode="tozero")
    return figure
