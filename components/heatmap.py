"""A heat map of shares over two breakdowns, where a cell without a figure is grey and says so."""

from __future__ import annotations

import plotly.graph_objects as go

from .charts.theme import FONT, NO_DATA_COLOUR, SEQUENTIAL, axis_title, base_layout, colour, separators


def share_heatmap(
    columns: list[str],
    rows: list[str],
    shares: list[list[float | None]],
    texts: list[list[str]],
    hovers: list[list[str]],
    missing_text: str,
    lang: str,
    colour_title: str = "",
) -> go.Figure:
    """Rows x columns of shares (0-1); `None` cells are drawn grey with `missing_text` on hover, never as 0.

    Two layers: the grey layer holds only the cells without a figure, the coloured layer only
    those with one, so a missing cell can never take the colour of a low share.
    """
    missing = [[1 if share is None else None for share in row] for row in shares]
    figure = go.Figure()
    figure.add_trace(
        go.Heatmap(
            x=columns,
            y=rows,
            z=missing,
            colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]],
            showscale=False,
            text=[
                [text if share is None else "" for text, share in zip(text_row, row, strict=True)]
                for text_row, row in zip(texts, shares, strict=True)
            ],
            texttemplate="%{text}",
            textfont={"color": colour("text"), "size": 11},
            hovertext=[[missing_text if share is None else "" for share in row] for row in shares],
            hoverinfo="text",
            xgap=2,
            ygap=2,
        )
    )
    figure.add_trace(
        go.Heatmap(
            x=columns,
            y=rows,
            z=shares,
            zmin=0,
            zmax=1,
            colorscale=[[i / (len(SEQUENTIAL) - 1), colour] for i, colour in enumerate(SEQUENTIAL)],
            colorbar={
                "title": {"text": axis_title(colour_title), "side": "right"},
                "tickformat": ".0%",
                "thickness": 12,
                "len": 0.6,
            },
            # Each cell's words are written once: the grey layer writes those of the cells without a figure.
            text=[
                [text if share is not None else "" for text, share in zip(text_row, row, strict=True)]
                for text_row, row in zip(texts, shares, strict=True)
            ],
            texttemplate="%{text}",
            textfont={"size": 11, "family": FONT},
            hovertext=hovers,
            hoverinfo="text",
            xgap=2,
            ygap=2,
        )
    )
    base_layout(figure, height=max(300, 24 * len(rows) + 110))
    figure.update_layout(separators=separators(lang), margin={"l": 8, "r": 8, "t": 64, "b": 8})
    figure.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=rows, showgrid=False)
    figure.update_xaxes(side="top", categoryorder="array", categoryarray=columns, showgrid=False, tickangle=0)
    return figure
