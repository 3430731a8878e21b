"""A 100 % stacked bar per row: how the whole of something splits into parts, with a part that is not published.

A row with nothing to split (its whole, or every part of it, not published) gets no bar at
all, only the words for it: nothing unknown is ever drawn as zero, nor as a full bar.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from .charts.bars import wrap_label
from .charts.theme import NO_DATA_COLOUR, base_layout, colour, separators

ROW_HEIGHT = 52  # px per row: the row's name (one line) above a bar
LINE_HEIGHT = 15  # px more per row for each further line of the longest name
BAR_SHARE = 0.45  # of a row's height taken by the bar
NAME_WRAP = 30  # characters per line of a row's name: fits a 320 px phone (about 240 px of 12 px text)


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
    row_notes: list[str | None],
    lang: str,
) -> go.Figure:
    """Horizontal 100 % bars, one per row, one trace per segment; a row with a note shows the note instead of a bar."""
    figure = go.Figure()
    for segment in segments:
        figure.add_trace(
            go.Bar(
                name=segment.name,
                y=rows,
                x=[
                    None if share is None or note else share
                    for share, note in zip(segment.shares, row_notes, strict=True)
                ],
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
    noted = [(row, note) for row, note in zip(rows, row_notes, strict=True) if note]
    if noted:
        figure.add_trace(
            go.Scatter(
                y=[row for row, _ in noted],
                x=[0.0] * len(noted),
                mode="text",
                text=[note for _, note in noted],
                textposition="middle right",
                textfont={"color": colour("muted")},
                hovertext=[note for _, note in noted],
                hoverinfo="text",
                showlegend=False,
            )
        )
    names = [wrap_label(row, NAME_WRAP) for row in rows]
    row_height = ROW_HEIGHT + LINE_HEIGHT * max(name.count("<br>") for name in names)
    bar_share = BAR_SHARE * ROW_HEIGHT / row_height  # the bar keeps its thickness when names take more lines
    # Each row's name sits above its bar, not beside it, so the bars keep the full width on a phone.
    figure.update_layout(
        annotations=[
            {
                "x": 0,
                "y": row,
                "xref": "x",
                "yref": "y",
                "text": name,
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": row_height * bar_share / 2,
                "font": {"size": 12},
                "align": "left",
            }
            for row, name in zip(rows, names, strict=True)
        ]
    )
    base_layout(figure, height=max(260, row_height * len(rows) + 110), legend=True)
    figure.update_layout(
        barmode="stack",
        bargap=1 - bar_share,
        separators=separators(lang),
        uniformtext={"minsize": 10, "mode": "hide"},
        # The legend goes below the bars, where a reader has seen what the colours stand for.
        legend={"orientation": "h", "y": 0, "yanchor": "top", "x": 0, "traceorder": "normal"},
        margin={"l": 8, "r": 24, "t": 8, "b": 8},
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
