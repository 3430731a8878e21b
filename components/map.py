"""The region map: a choropleth of Kazakhstan's 20 regions drawn with plotly's `geo` (no tile server).

The boundaries are the vendored `assets/geo/kz_adm1_2024_web.geojson`; the
browser fetches them from the app itself (plotly.js accepts a URL), so every
figure sent to the page stays small. The server reads the same file once, only
to place the value labels and the city markers. The three cities (Astana,
Almaty, Shymkent) are a few pixels wide on a country map, so each also gets a
marker of its colour that can be seen and clicked.
"""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from .charts.theme import FONT, NO_DATA_COLOUR, SEQUENTIAL, axis_title, base_layout, colour, separators
from .i18n import N_

GEOJSON_FILE = Path(__file__).resolve().parent.parent / "assets" / "geo" / "kz_adm1_2024_web.geojson"
GEOJSON_URL = "/assets/geo/kz_adm1_2024_web.geojson"
FEATURE_ID_KEY = "properties.ADM1_PCODE"
# plotly.js draws the base map from topojson it fetches itself: point it at the vendored copy.
MAP_CONFIG = {"topojsonURL": "/assets/vendor/topojson/", "scrollZoom": False}
MAP_ATTRIBUTION = N_("Boundaries: geokz (A. Rodionov), CC BY 4.0, based on OCHA HDX COD-AB Kazakhstan.")
COLOURSCALE = [[index / (len(SEQUENTIAL) - 1), step] for index, step in enumerate(SEQUENTIAL)]
OUTLINE = colour("muted")
SELECTED_OUTLINE = colour("black")
# Dark text with a light halo ("shadow": "auto") reads on every colour of the scale.
LABEL_FONT = {"family": FONT, "size": 12, "color": colour("text"), "shadow": "auto"}
CITY_MARKER_SIZE = 28


def _ring_area_and_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of a closed ring, by the shoelace formula in degrees."""
    area = lon = lat = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        lon += (x0 + x1) * cross
        lat += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, lon / (6 * area), lat / (6 * area)


@functools.cache
def _boundaries() -> dict:
    with GEOJSON_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


@functools.cache
def bounds() -> tuple[tuple[float, float], tuple[float, float]]:
    """(west, east), (south, north) of all boundaries, in degrees.

    The view is set from these rather than with plotly's `fitbounds`, which
    runs before the browser has fetched the boundaries from their URL.
    """
    lons, lats = [], []
    for feature in _boundaries()["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            lons.extend(point[0] for point in polygon[0])
            lats.extend(point[1] for point in polygon[0])
    return (min(lons), max(lons)), (min(lats), max(lats))


@functools.cache
def label_points() -> dict[str, tuple[float, float]]:
    """Where to write each region's label: the centroid of its largest polygon, by map key (ADM1_PCODE)."""
    points = {}
    for feature in _boundaries()["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        # The exterior ring of the largest polygon; islands and enclaves do not pull the label off the mainland.
        exterior = max((polygon[0] for polygon in polygons), key=lambda ring: abs(_ring_area_and_centroid(ring)[0]))
        _area, lon, lat = _ring_area_and_centroid(exterior)
        points[feature["properties"]["ADM1_PCODE"]] = (lon, lat)
    return points


def map_keys() -> set[str]:
    """Every region key (ADM1_PCODE) the boundary file holds."""
    return set(label_points())


def _colours(values: pd.Series, cmax: float) -> list[str]:
    """The colour each value has on the map's scale (0 to `cmax`), grey where there is no value."""
    colours = []
    for value in values:
        if pd.isna(value):
            colours.append(NO_DATA_COLOUR)
        else:
            colours.append(sample_colorscale(COLOURSCALE, [min(float(value) / cmax, 1.0) if cmax else 0.0])[0])
    return colours


def region_map(
    frame: pd.DataFrame,
    lang: str,
    legend_title: str,
    no_data_text: str,
    selected: str | None = None,
    height: int = 400,
) -> go.Figure:
    """A choropleth of the regions in `frame`, with value labels and clickable city markers.

    `frame` has one row per region: `region` (code, returned as customdata on
    click), `geo_pcode` (map key), `kind` (`oblast` or `city`), `short` (name on
    the city markers), `value` (missing = no data: grey, never on the colour
    scale), `label` (the value as text, written on the map) and `hover`.
    `legend_title` states the unit; `no_data_text` explains grey when any region
    has no value; `selected` (a region code) is outlined.
    """
    frame = frame.reset_index(drop=True)
    has_value = frame["value"].notna()
    cmax = float(frame.loc[has_value, "value"].max()) if has_value.any() else 1.0
    outline_width = [3.0 if code == selected else 0.7 for code in frame["region"]]
    outline_colour = [SELECTED_OUTLINE if code == selected else OUTLINE for code in frame["region"]]
    points = label_points()
    figure = go.Figure()

    def polygons(rows: pd.Series, **style: object) -> go.Choropleth:
        part = frame[rows]
        return go.Choropleth(
            geojson=GEOJSON_URL,
            featureidkey=FEATURE_ID_KEY,
            locations=part["geo_pcode"].tolist(),
            customdata=part["region"].tolist(),
            hovertext=part["hover"].tolist(),
            hoverinfo="text",
            marker={
                "line": {
                    "width": [outline_width[i] for i in part.index],
                    "color": [outline_colour[i] for i in part.index],
                }
            },
            **style,
        )

    figure.add_trace(
        polygons(
            has_value,
            z=frame.loc[has_value, "value"].astype("float64").tolist(),
            coloraxis="coloraxis",
            name=legend_title,
        )
    )
    if (~has_value).any():
        # A flat grey trace of its own: a region without data never takes a colour of the scale (zero's colour).
        figure.add_trace(
            polygons(
                ~has_value,
                z=[0] * int((~has_value).sum()),
                colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]],
                showscale=False,
                name=no_data_text,
            )
        )
    oblasts = frame[frame["kind"] != "city"]
    figure.add_trace(
        go.Scattergeo(
            lon=[points[key][0] for key in oblasts["geo_pcode"]],
            lat=[points[key][1] for key in oblasts["geo_pcode"]],
            text=oblasts["label"].tolist(),
            mode="text",
            textfont=LABEL_FONT,
            hoverinfo="skip",
            showlegend=False,
        )
    )
    cities = frame[frame["kind"] == "city"]
    if len(cities):
        city_lon = [points[key][0] for key in cities["geo_pcode"]]
        city_lat = [points[key][1] for key in cities["geo_pcode"]]
        # The city's value inside a circle of its colour (a target big enough to click or tap) ...
        figure.add_trace(
            go.Scattergeo(
                lon=city_lon,
                lat=city_lat,
                customdata=cities["region"].tolist(),
                text=cities["label"].tolist(),
                hovertext=cities["hover"].tolist(),
                hoverinfo="text",
                mode="markers+text",
                textposition="middle center",
                textfont=LABEL_FONT,
                marker={
                    "size": CITY_MARKER_SIZE,
                    "color": _colours(cities["value"], cmax),
                    "line": {
                        "width": [3.0 if code == selected else 1.5 for code in cities["region"]],
                        "color": [SELECTED_OUTLINE if code == selected else OUTLINE for code in cities["region"]],
                    },
                },
                showlegend=False,
            )
        )
        # ... and its name beside it; the invisible marker of the same size keeps the name clear of the circle.
        figure.add_trace(
            go.Scattergeo(
                lon=city_lon,
                lat=city_lat,
                text=cities["short"].tolist(),
                mode="markers+text",
                textposition="middle right",
                textfont=LABEL_FONT,
                marker={"size": CITY_MARKER_SIZE, "opacity": 0},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    base_layout(figure, height)
    figure.update_layout(
        separators=separators(lang),
        dragmode=False,
        coloraxis={
            "colorscale": COLOURSCALE,
            "cmin": 0,
            "cmax": cmax,
            "colorbar": {
                "title": {"text": axis_title(legend_title), "side": "top", "font": {"size": 12}},
                "orientation": "h",
                "x": 0.5,
                "xanchor": "center",
                "y": 0,
                "yanchor": "top",
                "len": 0.8,
                "thickness": 12,
                "outlinecolor": OUTLINE,
                "outlinewidth": 1,
            },
        },
        geo={
            "projection": {"type": "conic equal area", "parallels": [43, 53], "rotation": {"lon": 67}},
            "lonaxis": {"range": list(bounds()[0])},
            "lataxis": {"range": list(bounds()[1])},
            "visible": False,
            "bgcolor": "rgba(0,0,0,0)",
        },
        margin={"l": 4, "r": 4, "t": 4, "b": 60},
    )
    if (~has_value).any():
        figure.add_annotation(
            text=f"<span style='color:{NO_DATA_COLOUR}'>■</span> {no_data_text}",
            x=0,
            y=0,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 12},
        )
    return figure
