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
    highlight: str | None = None,
) -> go.Figure:
    """Rows x columns of shares (0-1); `None` cells are drawn grey with `missing_text` on hover, never as 0.

    Two layers: the grey layer holds only the cells without a figure, the coloured layer only
    those with one, so a missing cell can never take the colour of a low share. `highlight` names
    a column (one of `columns`) to outline and head in bold: the one a reader chose.
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
    if highlight in columns:
        _highlight_column(figure, columns, rows, columns.index(highlight))
    return figure


def bold(label: str) -> str:
    """An axis label in bold, line by line (a wrapped label's lines each get the tag)."""
    return "<br>".join(f"<b>{line}</b>" for line in label.split("<br>"))


def _highlight_column(figure: go.Figure, columns: list[str], rows: list[str], index: int) -> None:
    """Outline column `index` from its first row to its last, and write its header in bold.

    An outline, not a colour: the cells keep the colours of their shares (and grey where none is published).
    """
    # On a category axis the columns sit at 0, 1, 2 ...: the column's box runs half a step either side.
    figure.add_shape(
        type="rect",
        xref="x",
        yref="y",
        x0=index - 0.5,
        x1=index + 0.5,
        y0=-0.5,
        y1=len(rows) - 0.5,
        line={"color": colour("text"), "width": 3},
        fillcolor="rgba(0,0,0,0)",
        layer="above",
    )
    figure.update_xaxes(
        tickmode="array",
        tickvals=columns,
        ticktext=[bold(label) if i == index else label for i, label in enumerate(columns)],
    )
