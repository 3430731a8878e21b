"""The bar builder: a `BarChart` spec drawn as one plotly figure, text on every bar.

Shared parts live here once: the label wrapper (`wrap_label`), the reference
line (`reference_layout`) and the drawing of a value that is not published (no
bar of any length, only its words at the axis).
"""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go

from .spec import BarChart, BarSeries, Reference
from .theme import axis_title, base_layout, colour, separators

# A missing value's bar is transparent and of length 0: it only carries its words ("not published").
INVISIBLE = "rgba(0,0,0,0)"
# Characters per line of a legend entry: on a 320-390 px phone an entry then ends before the tool bar.
LEGEND_WRAP = 24
# Width of a character of a value label (12-13 px system font, digits and Cyrillic), for the room kept beside bars.
LABEL_PX_PER_CHAR = 7.5
# Characters per line of a name written above its bar (`BarChart.names_above`): a line fits a 320 px phone's
# plot (about 240 px of 12 px text).
NAME_ABOVE_WRAP = 30
NAME_LINE_PX = 15  # px per line of a name above its bar
BAR_PX = 22  # px of a bar's thickness (one series) in a chart whose names are above the bars
# At most this many ticks on a value axis: plotly keeps at least four whatever the axis's length, and on a
# phone they collide; every bar carries its value, so the axis only gives the scale.
VALUE_TICKS = 3
# Characters per line of a value axis's title: it is centred under a phone's narrow plot, long row names beside it.
AXIS_TITLE_WRAP = 16
REFERENCE_WRAP = 16  # characters per line of a reference line's label beside the line


def wrap_label(text: str, width: int | None = 16) -> str:
    """Break a long category name over lines (`<br>`), so the chart keeps its width on a phone; None: whole."""
    if width is None:
        return str(text)
    return "<br>".join(wrap_lines(str(text), width, break_words=True)) or str(text)


def wrap_lines(text: str, width: int, break_words: bool = False) -> list[str]:
    """`text` as lines of at most `width` characters (Plotly does not wrap text); long words split if asked."""
    return textwrap.wrap(text, width=width, break_long_words=break_words)


def bar_figure(spec: BarChart, lang: str) -> go.Figure:
    """Bars with their values written on them, an optional reference line, a legend when there are several series."""
    horizontal, series = spec.horizontal, spec.series
    names_above = spec.names_above and horizontal
    value_key, category_key = ("x", "y") if horizontal else ("y", "x")
    traces = [
        go.Bar(
            # plotly clips a legend entry wider than the chart: long series names go over lines.
            name=wrap_label(item.name, LEGEND_WRAP),
            **{
                value_key: [value if value is not None else 0 for value in item.values],
                category_key: [
                    category if names_above else wrap_label(category, spec.wrap) for category in item.categories
                ],
            },
            orientation="h" if horizontal else "v",
            text=item.labels,
            textposition="inside" if item.inside_text_colour else "outside",
            insidetextanchor="end",
            insidetextfont={"color": colour(item.inside_text_colour), "size": 12} if item.inside_text_colour else None,
            textangle=0,
            cliponaxis=False,
            hovertext=item.hover,
            hoverinfo="text",
            customdata=item.keys,
            marker={"color": bar_colours(item), "line": _outline(item)},
        )
        for item in series
    ]
    figure = go.Figure(traces)
    # Series may name different categories (stacked sectors of different ministries): one row each.
    rows = len({category for item in series for category in item.categories}) or 1
    lines = max((wrap_label(c, spec.wrap).count("<br>") + 1 for item in series for c in item.categories), default=1)
    per_row = 22 * max(len(series), 1) if spec.barmode == "group" else 26
    legend = len(series) > 1
    # Room for the legend above the plot as a phone shows it: one entry under another.
    legend_height = sum(18 * (wrap_label(item.name, LEGEND_WRAP).count("<br>") + 1) for item in series) if legend else 0
    if names_above:
        names = _names_above(series)
        name_lines = max((name.count("<br>") + 1 for name in names.values()), default=1)
        bars_px = BAR_PX * (1 if spec.barmode == "stack" else max(len(series), 1))  # a row's bars, side by side
        row_px = bars_px + NAME_LINE_PX * name_lines + 10
        default_height = max(200, rows * row_px + 80 + legend_height)
    else:
        default_height = max(260, rows * (per_row + 14 * (lines - 1)) + 90 + legend_height) if horizontal else 380
    base_layout(figure, spec.height or default_height, legend=legend)
    value_range = _value_range(series, spec.reference, spec.horizontal)
    reference = reference_layout(spec.reference, horizontal, value_range[1]) if spec.reference is not None else {}
    value_axis = {
        # Under horizontal bars the title goes over lines rather than out of a phone's narrow plot (an upright
        # axis's title runs along the chart's height, and lines there would only narrow the plot).
        "title": {
            "text": wrap_label(axis_title(spec.axis_title), AXIS_TITLE_WRAP)
            if horizontal and spec.axis_title
            else axis_title(spec.axis_title)
        },
        "nticks": VALUE_TICKS if horizontal else None,
        "rangemode": "tozero",
        "tickformat": ".0%" if spec.percent_axis else None,
        "range": value_range,
        "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1.0] if spec.percent_axis else _long_ticks(value_range[1], horizontal),
        "tickangle": 0,
    }
    category_axis = {"title": {"text": None}, "autorange": "reversed" if horizontal else None, "type": "category"}
    annotations = []
    if names_above:
        category_axis["showticklabels"] = False
        # In each category's slot (1 on the category axis) the bars sit at the bottom, the name fills the rest
        # above them: the name's room is inside its own row, so the first name is never cut at the top.
        bar_width, total = BAR_PX / row_px, bars_px / row_px
        for index, trace in enumerate(figure.data):
            trace.update(width=bar_width, offset=0.5 - total + (0 if spec.barmode == "stack" else index * bar_width))
        annotations = [
            {
                "x": 0, "y": position + 0.5 - total, "xref": "x", "yref": "y", "text": name, "showarrow": False,
                "xanchor": "left", "yanchor": "bottom", "align": "left", "font": {"size": 12},
            }
            for position, name in enumerate(names.values())
        ]  # fmt: skip
    # One layout update (each one costs plotly a validation pass; a page draws a dozen of these charts).
    figure.update_layout(
        separators=separators(lang),
        barmode=spec.barmode,
        bargap=0.25,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        **{f"{value_key}axis": value_axis, f"{category_key}axis": category_axis},
        **{**reference, "annotations": annotations + reference.get("annotations", [])},
    )
    if horizontal:
        # plotly's automargin ignores text outside the bars: keep room at the right for the longest value
        # label, so "337 persons" is never cut off at a phone's edge, whatever the bar's length.
        outside = [label for item in series if not item.inside_text_colour for label in item.labels]
        if outside:
            figure.update_layout(margin={"r": 8 + round(LABEL_PX_PER_CHAR * max(len(label) for label in outside))})
    return figure


def _names_above(series: list[BarSeries]) -> dict[str, str]:
    """Each category's name as written above its bar (over lines), in the order the bars come."""
    names: dict[str, str] = {}
    for item in series:
        for category in item.categories:
            names.setdefault(category, wrap_label(category, NAME_ABOVE_WRAP))
    return names


def _long_ticks(top: float, horizontal: bool) -> list[float] | None:
    """Two ticks, 0 and the round number below `top` (4 000 up to 4 999), when the ticks' labels are long
    (1 000 and more) on a value axis beside horizontal bars: three of them collide on a phone. None: plotly's."""
    if not horizontal or top < 1000:
        return None
    power = 10 ** math.floor(math.log10(top))
    return [0, math.floor(top / power) * power]


def bar_colours(item: BarSeries) -> list[str]:
    """Each bar's colour from its role name; a value that is not published gets no visible bar."""
    roles = list(item.colour) if isinstance(item.colour, list) else [item.colour] * len(item.values)
    return [colour(role) if value is not None else INVISIBLE for role, value in zip(roles, item.values, strict=True)]


def _outline(item: BarSeries) -> dict:
    """The bars' outlines: none, or a 2 px line in each bar's outline role (transparent where None)."""
    if item.outline is None:
        return {"width": 0}
    roles = zip(item.outline, item.values, strict=True)
    return {"color": [colour(role) if role and value is not None else INVISIBLE for role, value in roles], "width": 2}


def _value_range(series: list[BarSeries], reference: Reference | None, horizontal: bool) -> list[float]:
    """Room on the value axis for the longest bar and the reference line (and, above upright bars, a label;
    beside horizontal bars the labels get a margin of their own)."""
    values = [value for item in series for value in item.values if value is not None]
    if reference is not None:
        values.append(reference.value)
    top = max(values, default=1) or 1
    return [0, top * (1.05 if horizontal else 1.3)]


def reference_layout(reference: Reference, horizontal: bool, top: float | None = None) -> dict:
    """The dashed reference line across the value axis and its label, as layout properties.

    The label sits above the plot (horizontal bars: beside the line, on the side where the axis has room
    up to `top`, its end) or on a light box at the left edge (vertical bars), so it never lies on a bar's
    value label.
    """
    line = {"color": colour("reference"), "width": 2, "dash": "dash"}
    if horizontal:
        shape = {"type": "line", "x0": reference.value, "x1": reference.value, "yref": "paper", "y0": 0, "y1": 1}
        # Past the middle of the axis the label ends at the line, so it never runs off the chart's right edge;
        # it goes over lines that fit beside the line on a phone's narrow plot, the top margin holding them.
        anchor = "right" if top and reference.value > top / 2 else "left"
        text = wrap_label(reference.label, REFERENCE_WRAP)
        label = {"x": reference.value, "y": 1, "yref": "paper", "xanchor": anchor, "yanchor": "bottom"}
        label.update(align=anchor, text=text)
        margin = {"l": 8, "r": 8, "t": 30 + NAME_LINE_PX * text.count("<br>"), "b": 8}
    else:
        shape = {"type": "line", "y0": reference.value, "y1": reference.value, "xref": "paper", "x0": 0, "x1": 1}
        label = {
            "y": reference.value,
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0.85)",
        }
        margin = {}
    return {
        # Under the bars and their value labels, which carry a white halo (assets/dashboard.css): the dashed
        # line never strikes through a number.
        "shapes": [{**shape, "line": line, "layer": "below"}],
        "annotations": [{"text": reference.label, **label, "showarrow": False, "font": {"size": 12}}],
        **({"margin": margin} if margin else {}),
    }


def bars_figure(series: list[BarSeries], lang: str, **options: object) -> go.Figure:
    """`bar_figure` for a spec written inline: `options` are the other fields of `BarChart`."""
    return bar_figure(BarChart(series, **options), lang)
