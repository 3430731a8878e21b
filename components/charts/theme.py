"""The dashboard's one look: palette (by role name), font, locale separators and the base layout."""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Sequential, colour-blind safe (viridis-like, light to dark blue-green).
SEQUENTIAL = ["#f7fcf0", "#ccebc5", "#7bccc4", "#2b8cbe", "#084081"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"

# Every colour a chart may use, by the role it plays; pages name the role, never the colour.
COLOURS: dict[str, str] = {
    "blue": PALETTE[0],
    "orange": PALETTE[1],
    "green": PALETTE[2],
    "pink": PALETTE[3],
    "sky": PALETTE[4],
    "vermillion": PALETTE[5],
    "yellow": PALETTE[6],
    "black": PALETTE[7],
    "within": PALETTE[0],  # within the mandate
    "beyond": PALETTE[5],  # beyond the mandate: vermillion stands out for every colour-vision deficiency
    "highlight": PALETTE[1],
    "dark_highlight": "#083a50",  # the latest bar of a small multiple
    "reference": "#212529",
    "text": "#212529",
    "muted": "#495057",  # secondary text: details, "not published"
    "outline": "#6c757d",
    "no_data": "#d9d9d9",
    "white": "#ffffff",
    "grid": "#e9ecef",
    "zero_line": "#adb5bd",
}
NO_DATA_COLOUR = COLOURS["no_data"]


def colour(role: str) -> str:
    """The colour for a role name (KeyError for a name outside the theme, so no stray colour slips in)."""
    return COLOURS[role]


def axis_title(text: str | None) -> str | None:
    """An axis or colour-bar title as a title reads, its first letter capital in every language: a unit's
    name ("per 1,000 convicted persons", "на 1 000 осуждённых") becomes "Per 1,000 …", "На 1 000 …"."""
    return text[:1].upper() + text[1:] if text else text


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for a language."""
    return ".," if lang == "en" else ", "


def base_layout(figure: go.Figure, height: int = 360, legend: bool = False) -> go.Figure:
    """Apply the dashboard's look: system font, tight margins, no clutter."""
    figure.update_layout(
        font={"family": FONT, "size": 13, "color": COLOURS["text"]},
        colorway=PALETTE,
        height=height,
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        showlegend=legend,
        legend={"orientation": "h", "y": -0.15},
        hoverlabel={"font": {"family": FONT}},
        # No zoom box on drag: a finger dragging over a chart on a phone scrolls the page.
        dragmode=False,
    )
    figure.update_xaxes(automargin=True, gridcolor=COLOURS["grid"], zerolinecolor=COLOURS["zero_line"])
    figure.update_yaxes(automargin=True, gridcolor=COLOURS["grid"], zerolinecolor=COLOURS["zero_line"])
    return figure
