"""A small multiple: one series over its periods as small bars, the value written on each bar.

Drawn at a fixed size (not stretched to its container) so that a row of them
looks the same on screen, at 320 px and on an A4 page: Plotly does not redraw
a chart when the browser lays the page out for printing.
"""

from __future__ import annotations

import plotly.graph_objects as go

from .charts.theme import base_layout, colour, separators
from .formatting import format_number, format_period

SMALL_WIDTH = 210
SMALL_HEIGHT = 140
# Static: a small multiple has nothing to zoom, and no mode bar keeps it legible in print.
SMALL_GRAPH_CONFIG = {"responsive": False, "displayModeBar": False, "staticPlot": True}


def period_tick(period: str) -> str:
    """A period as a tick label: a span of years is broken after its dash so it fits under a narrow bar."""
    return format_period(period).replace("\u2013", "\u2013<br>")


def trend_bars(
    periods: list[str],
    values: list[float | None],
    labels: list[str],
    lang: str,
    highlight: int | None = -1,
    width: int = SMALL_WIDTH,
    height: int = SMALL_HEIGHT,
) -> go.Figure:
    """Bars for `values` over `periods` (categories, in order), each labelled with `labels`.

    A missing value (not published) gets no bar, only the words "not published"
    on the axis: it is never drawn as zero. The bar at index `highlight` (the
    latest, by default) is drawn darker; its label says the same, so meaning
    never rests on colour alone.
    """
    ticks = [period_tick(period) for period in periods]
    published = [index for index, value in enumerate(values) if value is not None]
    highlighted = None if highlight is None or not values else range(len(values))[highlight]
    colours = [colour("blue") if index != highlighted else colour("dark_highlight") for index in range(len(values))]
    figure = go.Figure(
        go.Bar(
            x=[ticks[index] for index in published],
            y=[values[index] for index in published],
            text=[labels[index] for index in published],
            textposition="outside",
            cliponaxis=False,
            marker={"color": [colours[index] for index in published]},
            hoverinfo="skip",
            textfont={"size": 11},
        )
    )
    missing = [index for index, value in enumerate(values) if value is None]
    if missing:
        figure.add_trace(
            go.Scatter(
                x=[ticks[index] for index in missing],
                y=[0 for _ in missing],
                mode="text",
                text=[format_number(None, lang) for _ in missing],
                textposition="top center",
                textfont={"size": 9, "color": colour("muted")},
                hoverinfo="skip",
            )
        )
    base_layout(figure, height)
    top = max((value for value in values if value is not None), default=1) or 1
    figure.update_layout(
        width=width,
        separators=separators(lang),
        bargap=0.25,
        margin={"l": 4, "r": 4, "t": 18, "b": 4},
    )
    figure.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=ticks,
        tickfont={"size": 10},
        fixedrange=True,
        showgrid=False,
    )
    # Room above the tallest bar for its label; the value axis itself is not needed (every bar is labelled).
    figure.update_yaxes(visible=False, range=[0, top * 1.25], fixedrange=True)
    return figure
