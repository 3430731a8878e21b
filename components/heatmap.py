"""A heat map of shares over two breakdowns, where a cell without a figure is grey and says so."""

from __future__ import annotations

import plotly.graph_objects as go

from .charts.theme import FONT, NO_DATA_COLOUR, SEQUENTIAL, axis_title, base_layout, colour, separators

# Characters per line of a column's header: a heat map that scrolls on a phone gives a column about 60 px,
# eight characters of 11 px text; a longer word is split where two consonants meet ("государ-ственные").
HEADER_CHARS = 8
HEADER_FONT_PX = 11
VOWELS = set("aeiouyаәеёиіоөуұүыэюяAEIOUYАӘЕЁИІОӨУҰҮЫЭЮЯ")


def _consonant(letter: str) -> bool:
    """Whether a letter is a consonant (a soft or hard sign is not: a word is never split before one)."""
    return letter.isalpha() and letter not in VOWELS and letter not in "ьъЬЪ"


def _split_word(word: str, width: int) -> list[str]:
    """A word longer than `width` as pieces of at most `width` characters (hyphen included), each split
    between two consonants as near the middle of what is left as fits; a word without such a place stays whole."""
    pieces = []
    while len(word) > width:
        places = [
            index
            for index in range(2, min(width - 1, len(word) - 2) + 1)
            if _consonant(word[index - 1]) and _consonant(word[index]) and word[index] not in "йЙ"
        ]
        if not places:
            break
        place = min(places, key=lambda index: abs(index - len(word) / 2))
        pieces.append(word[:place] + "-")
        word = word[place:]
    return [*pieces, word]


def header_label(label: str, width: int = HEADER_CHARS) -> str:
    """A column's header over lines of at most `width` characters (`<br>`), long words split (see `_split_word`)."""
    lines: list[str] = []
    for word in label.replace("<br>", " ").split():
        for piece in _split_word(word, width):
            if lines and not lines[-1].endswith("-") and len(lines[-1]) + 1 + len(piece) <= width:
                lines[-1] += " " + piece
            else:
                lines.append(piece)
    return "<br>".join(lines)


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
    # The headers as written, narrow enough that neighbouring columns' never meet (`highlight` names one as given).
    given, columns = columns, [header_label(column) for column in columns]
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
    figure.update_xaxes(
        side="top", categoryorder="array", categoryarray=columns, showgrid=False, tickangle=0,
        tickfont={"size": HEADER_FONT_PX},
    )  # fmt: skip
    if highlight in given:
        _highlight_column(figure, columns, rows, given.index(highlight))
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
