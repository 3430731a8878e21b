"""Labelled bars, one under the other, each with its own title, unit and source written above it.

For quantities that are NOT one cohort passing from stage to stage (complaints,
offences, cases and persons from different registers): separate bars with
gaps, no connectors, no percentages between them, no shared value axis drawn,
and each bar's value written on it. A bar whose value is not published is not
drawn; its place says so in words.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from .figures import PALETTE, base_layout, separators

# Pixel geometry of one bar block; the y axis runs in pixels so labels never collide with bars.
LINE_PX = 17
BAR_PX = 22
GAP_PX = 16
# Characters per label line: what fits the plot at a 320 px wide screen, in bold 13 px type.
TITLE_CHARS = 32
DETAIL_CHARS = 40


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
    """Split `text` into lines of at most `width` characters (Plotly does not wrap annotations)."""
    return textwrap.wrap(text, width=width, break_long_words=False) or [""]


def labelled_bars(bars: list[LabelledBar], lang: str, colour: str = PALETTE[0]) -> go.Figure:
    """Horizontal bars stacked vertically, each with its wrapped title and detail above it."""
    blocks = []
    cursor = 0.0
    for bar in bars:
        heading = wrap(bar.heading, TITLE_CHARS) if bar.heading else []
        title = wrap(bar.title, TITLE_CHARS)
        detail = wrap(bar.detail, DETAIL_CHARS) if bar.detail else []
        top = cursor + (len(heading) * LINE_PX + 8 if heading else 0)
        centre = top + (len(title) + len(detail)) * LINE_PX + 4 + BAR_PX / 2
        blocks.append((bar, cursor, heading, top, title, detail, centre))
        cursor = centre + BAR_PX / 2 + GAP_PX
    total = cursor
    maximum = max((b.value for b in bars if b.value is not None), default=0) or 1

    def y(offset: float) -> float:  # offsets run down from the top; the axis runs up
        return total - offset

    drawn = [block for block in blocks if block[0].value is not None]
    figure = go.Figure(
        go.Bar(
            x=[b[0].value for b in drawn],
            y=[y(b[6]) for b in drawn],
            width=[BAR_PX] * len(drawn),
            orientation="h",
            text=[b[0].text for b in drawn],
            textposition="outside",
            cliponaxis=False,
            hovertext=[b[0].hover or b[0].text for b in drawn],
            hoverinfo="text",
            marker={"color": colour},
        )
    )
    annotations = []
    for bar, start, heading, top, title, detail, centre in blocks:
        if heading:
            annotations.append(_label(y(start), "<b>" + "<br>".join(heading) + "</b>", 14, "#212529"))
        lines = ["<b>" + line + "</b>" for line in title] + [
            f'<span style="color:#495057;font-size:12px">{line}</span>' for line in detail
        ]
        annotations.append(_label(y(top), "<br>".join(lines), 13, "#212529"))
        if bar.value is None:
            annotations.append(
                {
                    "x": 0,
                    "xref": "x",
                    "y": y(centre),
                    "yref": "y",
                    "xanchor": "left",
                    "yanchor": "middle",
                    "text": "<i>" + "<br>".join(wrap(bar.text, DETAIL_CHARS)) + "</i>",
                    "showarrow": False,
                    "font": {"size": 12, "color": "#495057"},
                    "align": "left",
                }
            )
    base_layout(figure, height=int(total) + 16)
    figure.update_layout(annotations=annotations, separators=separators(lang), bargap=0)
    figure.update_yaxes(range=[0, total], visible=False, fixedrange=True)
    # Units differ from bar to bar, so no value axis is drawn: each bar carries its own number.
    figure.update_xaxes(range=[0, maximum * 1.25], visible=False, fixedrange=True)
    return figure


def _label(y: float, text: str, size: int, colour: str) -> dict:
    return {
        "x": 0, "xref": "paper", "y": y, "yref": "y", "xanchor": "left", "yanchor": "top", "align": "left",
        "text": text, "showarrow": False, "font": {"size": size, "color": colour},
    }  # fmt: skip
