"""Figure builders every page shares: one look, colour-blind-safe colours, text on every mark."""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Sequential, colour-blind safe (viridis-like, light to dark blue-green).
SEQUENTIAL = ["#f7fcf0", "#ccebc5", "#7bccc4", "#2b8cbe", "#084081"]
NO_DATA_COLOUR = "#d9d9d9"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"


def base_layout(figure: go.Figure, height: int = 360, legend: bool = False) -> go.Figure:
    """Apply the dashboard's look: system font, tight margins, no clutter."""
    figure.update_layout(
        font={"family": FONT, "size": 13, "color": "#212529"},
        colorway=PALETTE,
        height=height,
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        showlegend=legend,
        legend={"orientation": "h", "y": -0.15},
        hoverlabel={"font": {"family": FONT}},
    )
    figure.update_xaxes(automargin=True, gridcolor="#e9ecef", zerolinecolor="#adb5bd")
    figure.update_yaxes(automargin=True, gridcolor="#e9ecef", zerolinecolor="#adb5bd")
    return figure


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for a language."""
    return ".," if lang == "en" else ", "


def bar_chart(
    categories: list[str],
    values: list[float | None],
    labels: list[str],
    hover: list[str],
    lang: str,
    horizontal: bool = True,
    axis_title: str = "",
    height: int | None = None,
    colour: str = PALETTE[0],
) -> go.Figure:
    """A bar chart with each bar's value written on it (meaning never rests on colour)."""
    bar = go.Bar(
        x=values if horizontal else categories,
        y=categories if horizontal else values,
        orientation="h" if horizontal else "v",
        text=labels,
        textposition="outside",
        cliponaxis=False,
        hovertext=hover,
        hoverinfo="text",
        marker={"color": colour},
    )
    figure = go.Figure(bar)
    base_layout(figure, height or (max(260, 26 * len(categories) + 60) if horizontal else 360))
    figure.update_layout(separators=separators(lang))
    if horizontal:
        figure.update_yaxes(autorange="reversed", title=None)
        figure.update_xaxes(title=axis_title, rangemode="tozero")
    else:
        figure.update_yaxes(title=axis_title, rangemode="tozero")
    return figure
