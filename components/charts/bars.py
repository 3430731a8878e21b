"""The bar builder: a `BarChart` spec drawn as one plotly figure, text on every bar.

Shared parts live here once: the label wrapper (`wrap_label`), the reference
line (`reference_layout`) and the drawing of a value that is not published (no
bar of any length, only its words at the axis).
"""

from __future__ import annotations

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
    value_key, category_key = ("x", "y") if horizontal else ("y", "x")
    traces = [
        go.Bar(
            # plotly clips a legend entry wider than the chart: long series names go over lines.
            name=wrap_label(item.name, LEGEND_WRAP),
            **{
                value_key: [value if value is not None else 0 for value in item.values],
                category_key: [wrap_label(category, spec.wrap) for category in item.categories],
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
    base_layout(
        figure,
        spec.height or (max(260, rows * (per_row + 14 * (lines - 1)) + 90 + legend_height) if horizontal else 380),
        legend=legend,
    )
    value_axis = {
        "title": {"text": axis_title(spec.axis_title)},
        "rangemode": "tozero",
        "tickformat": ".0%" if spec.percent_axis else None,
        "range": _value_range(series, spec.reference, spec.horizontal),
        "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1.0] if spec.percent_axis else None,
        "tickangle": 0,
        # plotly spaces the ticks by the axis's length: 5 on a desktop, 2-3 on a phone, none colliding.
    }
    category_axis = {"title": {"text": None}, "autorange": "reversed" if horizontal else None, "type": "category"}
    # One layout update (each one costs plotly a validation pass; a page draws a dozen of these charts).
    figure.update_layout(
        separators=separators(lang),
        barmode=spec.barmode,
        bargap=0.25,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        **{f"{value_key}axis": value_axis, f"{category_key}axis": category_axis},
        **(reference_layout(spec.reference, horizontal) if spec.reference is not None else {}),
    )
    if horizontal:
        # plotly's automargin ignores text outside the bars: keep room at the right for the longest value
        # label, so "337 persons" is never cut off at a phone's edge, whatever the bar's length.
        outside = [label for item in series if not item.inside_text_colour for label in item.labels]
        if outside:
            figure.update_layout(margin={"r": 8 + round(LABEL_PX_PER_CHAR * max(len(label) for label in outside))})
    return figure


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


def reference_layout(reference: Reference, horizontal: bool) -> dict:
    """The dashed reference line across the value axis and its label, as layout properties.

    The label sits above the plot (horizontal bars) or on a light box at the left edge (vertical
    bars), so it never lies on a bar's value label.
    """
    line = {"color": colour("reference"), "width": 2, "dash": "dash"}
    if horizontal and reference.at_foot:
        shape = {"type": "line", "x0": reference.value, "x1": reference.value, "yref": "paper", "y0": 0, "y1": 1}
        line["width"] = 1.5
        label = {
            "x": reference.value, "y": 0, "yref": "paper", "xanchor": "left", "yanchor": "bottom", "xshift": 4,
            "bgcolor": "rgba(255,255,255,0.85)",
        }  # fmt: skip
        margin = {}
    elif horizontal:
        shape = {"type": "line", "x0": reference.value, "x1": reference.value, "yref": "paper", "y0": 0, "y1": 1}
        label = {"x": reference.value, "y": 1, "yref": "paper", "xanchor": "left", "yanchor": "bottom"}
        margin = {"l": 8, "r": 8, "t": 30, "b": 8}
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
        "annotations": [{**label, "text": reference.label, "showarrow": False, "font": {"size": 12}}],
        **({"margin": margin} if margin else {}),
    }


def bars_figure(series: list[BarSeries], lang: str, **options: object) -> go.Figure:
    """`bar_figure` for a spec written inline: `options` are the other fields of `BarChart`."""
    return bar_figure(BarChart(series, **options), lang)
