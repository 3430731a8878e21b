"""A 100 % stacked bar per row: how the whole of something splits into parts, with a part that is not published.

Rows whose whole is not published get no bar at all, only the words for it, so nothing
that is unknown is ever drawn as zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from .charts.theme import NO_DATA_COLOUR, base_layout, colour, separators

ROW_HEIGHT = 52  # px per row: the row's name above a bar
BAR_SHARE = 0.45  # of a row's height taken by the bar


@dataclass
class Segment:
    """One part of every bar: its name, each row's share (0-1, None when not known), colour role, texts."""

    name: str
    shares: list[float | None]
    colour: str
    texts: list[str]
    hovers: list[str]
    hatched: bool = False


def stacked_share_bars(
    rows: list[str],
    segments: list[Segment],
    missing_rows: list[bool],
    missing_text: str,
    lang: str,
) -> go.Figure:
    """Horizontal 100 % bars, one per row, one trace per segment; `missing_rows` rows show `missing_text` instead."""
    figure = go.Figure()
    for segment in segments:
        figure.add_trace(
            go.Bar(
                name=segment.name,
                y=rows,
                x=[None if share is None else share for share in segment.shares],
                orientation="h",
                text=segment.texts,
                textposition="inside",
                insidetextanchor="middle",
                hovertext=segment.hovers,
                hoverinfo="text",
                marker={
                    "color": NO_DATA_COLOUR if segment.hatched else colour(segment.colour),
                    "line": {"color": colour("white"), "width": 1},
                    # Hatching tells "not published" apart from a real share without relying on colour.
                    "pattern": {
                        "shape": "/" if segment.hatched else "",
                        "fgcolor": colour("outline"),
                        "solidity": 0.25,
                    },
                },
            )
        )
    if any(missing_rows):
        missing = [row for row, is_missing in zip(rows, missing_rows, strict=True) if is_missing]
        figure.add_trace(
            go.Scatter(
                y=missing,
                x=[0.0] * len(missing),
                mode="text",
                text=[missing_text] * len(missing),
                textposition="middle right",
                textfont={"color": colour("muted")},
                hovertext=[missing_text] * len(missing),
                hoverinfo="text",
                showlegend=False,
            )
        )
    # Each row's name sits above its bar, not beside it, so the bars keep the full width on a phone.
    figure.update_layout(
        annotations=[
            {
                "x": 0,
                "y": row,
                "xref": "x",
                "yref": "y",
                "text": row,
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": ROW_HEIGHT * BAR_SHARE / 2,
                "font": {"size": 12},
            }
            for row in rows
        ]
    )
    base_layout(figure, height=max(260, ROW_HEIGHT * len(rows) + 110), legend=True)
    figure.update_layout(
        barmode="stack",
        bargap=1 - BAR_SHARE,
        separators=separators(lang),
        uniformtext={"minsize": 10, "mode": "hide"},
        # The legend goes below the bars: the space above is left to Plotly's tool bar.
        legend={"orientation": "h", "y": 0, "yanchor": "top", "x": 0, "traceorder": "normal"},
        margin={"l": 8, "r": 24, "t": 36, "b": 8},
    )
    figure.update_yaxes(
        autorange="reversed",
        title=None,
        categoryorder="array",
        categoryarray=rows,
        showticklabels=False,
        showgrid=False,
    )
    # Every bar is a whole, with each part's share written on it: a value axis would add nothing.
    figure.update_xaxes(range=[0, 1], visible=False, fixedrange=True)
    return figure
