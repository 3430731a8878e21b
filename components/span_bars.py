"""Bars over years where a figure may cover a span of years: a span is one wide bar, never split.

Each panel is one series on its own scale (the series count different things).
A single year is a narrow bar over its year; a two-year total is one hatched bar
across both years, labelled with its span. A year with no figure at all is
written "not published" on the axis, never drawn as zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .charts.theme import PALETTE, base_layout, colour, separators
from .stage_bars import MODEBAR_PX, wrap

PANEL_PX = 190
TITLE_LINE_PX = 18
TITLE_CHARS = 22  # characters per line of a panel's bold title: fits a 320 px phone
YEAR_WIDTH = 0.7


@dataclass
class SpanBar:
    """One bar from `start` to `end` (years, inclusive) with the text written on it."""

    start: int
    end: int
    value: float
    text: str
    hover: str = ""


@dataclass
class SpanPanel:
    """One series: its title and its bars."""

    title: str
    bars: list[SpanBar] = field(default_factory=list)


def span_panels(panels: list[SpanPanel], lang: str, first: int, last: int, missing_text: str) -> go.Figure:
    """One panel per series, sharing the year axis from `first` to `last`; `missing_text` marks empty years."""
    titles = ["<b>" + "<br>".join(wrap(panel.title, TITLE_CHARS)) + "</b>" for panel in panels]
    title_lines = max((len(wrap(panel.title, TITLE_CHARS)) for panel in panels), default=1)
    gap = title_lines * TITLE_LINE_PX + 30
    height = len(panels) * PANEL_PX + (len(panels) - 1) * gap + title_lines * TITLE_LINE_PX + 30 + MODEBAR_PX
    figure = make_subplots(
        rows=len(panels),
        cols=1,
        shared_xaxes=True,
        subplot_titles=titles,
        vertical_spacing=gap / height if len(panels) > 1 else 0,
    )
    for row, panel in enumerate(panels, start=1):
        series_colour = PALETTE[(row - 1) % len(PALETTE)]
        figure.add_trace(
            go.Bar(
                x=[(bar.start + bar.end) / 2 for bar in panel.bars],
                y=[bar.value for bar in panel.bars],
                width=[bar.end - bar.start + YEAR_WIDTH for bar in panel.bars],
                text=[bar.text for bar in panel.bars],
                textposition="outside",
                cliponaxis=False,
                hovertext=[bar.hover or bar.text for bar in panel.bars],
                hoverinfo="text",
                marker={
                    "color": series_colour,
                    "line": {"color": series_colour, "width": 1},
                    # Hatching marks a span as well as its width, for anyone who cannot judge widths.
                    "pattern": {
                        "shape": ["/" if bar.end > bar.start else "" for bar in panel.bars],
                        "fgcolor": colour("white"),
                        "solidity": 0.25,
                    },
                },
            ),
            row=row,
            col=1,
        )
        covered = {year for bar in panel.bars for year in range(bar.start, bar.end + 1)}
        for year in range(first, last + 1):
            if year not in covered:
                figure.add_annotation(
                    x=year, y=0, xref=f"x{row if row > 1 else ''}", yref=f"y{row if row > 1 else ''}",
                    text=f"<i>{missing_text}</i>", textangle=-90, showarrow=False, yanchor="bottom",
                    font={"size": 11, "color": colour("muted")},
                )  # fmt: skip
        top = max((bar.value for bar in panel.bars), default=1) or 1
        # Headroom for the value written above the tallest bar.
        figure.update_yaxes(range=[0, top * 1.35], showticklabels=False, fixedrange=True, row=row, col=1)
    base_layout(figure, height=height)
    figure.update_layout(
        separators=separators(lang), margin={"l": 8, "r": 8, "t": title_lines * TITLE_LINE_PX + 14 + MODEBAR_PX, "b": 8}
    )
    figure.update_xaxes(
        range=[first - 0.6, last + 0.6], tickvals=list(range(first, last + 1)), ticktext=[str(y) for y in range(first, last + 1)],
        showgrid=False, fixedrange=True, showticklabels=True,
    )  # fmt: skip
    for annotation in figure.layout.annotations[: len(titles)]:
        annotation.update(x=0, xanchor="left", align="left", font={"size": 13})
    return figure
