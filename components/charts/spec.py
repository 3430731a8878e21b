"""The one bar-chart spec: series (None = not published), an optional reference line, orientation, barmode."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class BarSeries:
    """One series of bars: its name (legend), categories, values, the text on each bar and its hover text.

    `colour` is a theme role name for the whole series, or a list of role names, one per bar.
    A value of None draws no bar; its label is still written at the axis, so a gap never reads as zero.
    """

    name: str
    categories: list[str]
    values: list[float | None]
    labels: list[str]
    hover: list[str]
    colour: str | list[str] = "blue"
    inside_text_colour: str | None = None  # role name: write the labels inside the bars, in this colour
    outline: list[str | None] | None = None  # role name per bar for a 2 px outline (None: no outline)
    keys: list[str] | None = None  # what a click on each bar reports (plotly's customdata)


@dataclass
class Reference:
    """A dashed reference line across the value axis, with its label."""

    value: float
    label: str


@dataclass
class BarChart:
    """A bar chart: its series and how they are laid out."""

    series: list[BarSeries]
    horizontal: bool = True
    axis_title: str = ""
    reference: Reference | None = None
    barmode: str = "group"  # "group" or "stack"
    percent_axis: bool = False
    height: int | None = None
    wrap: int | None = 16  # characters per line of a category name; None keeps names whole
    # Horizontal bars: each category's name written above its bar (over up to NAME_ABOVE_WRAP characters a
    # line), not beside it, so long names leave the bars the chart's full width on a phone.
    names_above: bool = False
