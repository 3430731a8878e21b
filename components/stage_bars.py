"""Labelled bars, one under the other, each with its own title, unit and source written above it.

For quantities that are NOT one cohort passing from stage to stage (complaints,
offences, cases and persons from different registers): separate bars with
gaps, no connectors, no percentages between them, no shared value axis drawn,
and each bar's value written on it. A bar whose value is not published is not
drawn; its place says so in words.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from .charts import theme
from .charts.bars import wrap_lines
from .charts.theme import base_layout, separators

# Pixel geometry of one bar block; the y axis runs in pixels so labels never collide with bars.
LINE_PX = 17
BAR_PX = 22
GAP_PX = 16
# Characters per label line: what fits the plot at a 320 px wide screen, in bold 13 px type.
TITLE_CHARS = 24
DETAIL_CHARS = 34
# Room above the first label for Plotly's tool bar, so it never covers text.
MODEBAR_PX = 32


@dataclass
class LabelledBar:
    """One bar: a title, a detail line (unit and source), its value and the text written on it."""

    title: str
    detail: str
    value: float | None
    text: str
    hover: str = ""
    heading: str | None = None  # a group heading written above this bar (starts a new group)


def wrap(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` characters, at least one (Plotly does not wrap annotations)."""
    return wrap_lines(text, width) or [""]


@dataclass
class _Block:
    """Where one bar and its labels sit, in pixels from the top of the plot."""

    bar: LabelledBar
    start: float
    heading: list[str]
    label_top: float
    label: list[str]
    missing: list[str]
    centre: float


def _layout_blocks(bars: list[LabelledBar]) -> tuple[list[_Block], float]:
    """Stack the bars top-down: heading, title and detail lines, then the bar (or the words in its place)."""
    blocks = []
    cursor = 0.0
    for bar in bars:
        heading = wrap(bar.heading, TITLE_CHARS) if bar.heading else []
        label = [f"<b>{line}</b>" for line in wrap(bar.title, TITLE_CHARS)]
        if bar.detail:
            label += [
                f'<span style="color:{theme.colour("muted")};font-size:11px">{line}</span>'
                for line in wrap(bar.detail, DETAIL_CHARS)
            ]
        # A bar that is not drawn gets room for every line of the words that stand in for it.
        missing = wrap(bar.text, DETAIL_CHARS) if bar.value is None else []
        row = max(BAR_PX, len(missing) * (LINE_PX - 2))
        label_top = cursor + (len(heading) * LINE_PX + 8 if heading else 0)
        centre = label_top + len(label) * LINE_PX + 4 + row / 2
        blocks.append(_Block(bar, cursor, heading, label_top, label, missing, centre))
        cursor = centre + row / 2 + GAP_PX
    return blocks, cursor


def labelled_bars(bars: list[LabelledBar], lang: str, colour: str = "blue") -> go.Figure:
    """Horizontal bars stacked vertically, each with its wrapped title and detail above it (`colour`: a theme role)."""
    blocks, total = _layout_blocks(bars)
    maximum = max((b.value for b in bars if b.value is not None), default=0) or 1

    def y(offset: float) -> float:  # offsets run down from the top; the axis runs up
        return total - offset

    drawn = [block for block in blocks if block.bar.value is not None]
    figure = go.Figure(
        go.Bar(
            x=[block.bar.value for block in drawn],
            y=[y(block.centre) for block in drawn],
            width=[BAR_PX] * len(drawn),
            orientation="h",
            text=[block.bar.text for block in drawn],
            textposition="outside",
            cliponaxis=False,
            hovertext=[block.bar.hover or block.bar.text for block in drawn],
            hoverinfo="text",
            marker={"color": theme.colour(colour)},
        )
    )
    annotations = []
    for block in blocks:
        if block.heading:
            annotations.append(_label(y(block.start), "<b>" + "<br>".join(block.heading) + "</b>", 14, "top"))
        annotations.append(_label(y(block.label_top), "<br>".join(block.label), 13, "top"))
        if block.missing:
            text = "<i>" + "<br>".join(block.missing) + "</i>"
            annotations.append(_label(y(block.centre), text, 12, "middle", role="muted"))
    base_layout(figure, height=int(total) + MODEBAR_PX + 8)
    figure.update_layout(
        annotations=annotations, separators=separators(lang), bargap=0, margin={"t": MODEBAR_PX, "b": 8, "l": 8, "r": 8}
    )
    figure.update_yaxes(range=[0, total], visible=False, fixedrange=True)
    # Units differ from bar to bar, so no value axis is drawn: each bar carries its own number.
    figure.update_xaxes(range=[0, maximum * 1.25], visible=False, fixedrange=True)
    return figure


def _label(y: float, text: str, size: int, anchor: str, role: str = "text") -> dict:
    """A left-aligned block of text at the plot's left edge, `y` in pixels."""
    return {
        "x": 0, "xref": "paper", "y": y, "yref": "y", "xanchor": "left", "yanchor": anchor, "align": "left",
        "text": text, "showarrow": False, "font": {"size": size, "color": theme.colour(role)},
    }  # fmt: skip
