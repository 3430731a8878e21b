"""The region map: a choropleth of Kazakhstan's 20 regions drawn with plotly's `geo` (no tile server).

The boundaries are the vendored `assets/geo/kz_adm1_2024_web.geojson`; the
browser fetches them from the app itself (plotly.js accepts a URL), so every
figure sent to the page stays small. The server reads the same file once, only
to place the value labels and the city markers. The three cities (Astana,
Almaty, Shymkent) are a few pixels wide on a country map, so each also gets a
numbered circle of its colour that can be seen and clicked; their names and
values are in a key under the map (`map_key`), where they never collide with
the regions around them.

A figure is drawn at whatever width the page has, down to a 320 px phone: a
region's value is written on the map only where it fits at that width
(`written_labels`), the same at every width; the key names the others with
their values.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from dash import html
from plotly.colors import sample_colorscale

from .charts.theme import FONT, NO_DATA_COLOUR, SEQUENTIAL, axis_title, base_layout, colour, separators
from .i18n import N_, translator

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
CITY_MARKER_SIZE = 22
CITY_NUMBER_FONT = {**LABEL_FONT, "size": 11}
# The narrowest drawing the map gets: a 320 px phone's card leaves the plot this many px (its margins taken off).
PHONE_PLOT_PX = 239
# A value label's box at 12 px: the width of a character (digits, comma, caution mark) and the line's height,
# with 2 px of halo on every side.
LABEL_CHAR_PX = 7.0
LABEL_LINE_PX = 15.0
LABEL_HALO_PX = 2.0
# plotly's conic equal area projection, as the layout below sets it.
PARALLELS = (43.0, 53.0)
ROTATION_LON = 67.0


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


@functools.cache
def region_areas() -> dict[str, float]:
    """Each region's area in square degrees (its largest polygon), by map key: big regions keep their label first."""
    areas = {}
    for feature in _boundaries()["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        areas[feature["properties"]["ADM1_PCODE"]] = max(abs(_ring_area_and_centroid(p[0])[0]) for p in polygons)
    return areas


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Albers' conic equal area projection (plotly's "conic equal area"), x east and y north, unscaled."""
    first, second = (math.radians(parallel) for parallel in PARALLELS)
    cone = (math.sin(first) + math.sin(second)) / 2
    constant = math.cos(first) ** 2 + 2 * cone * math.sin(first)
    radius = math.sqrt(constant - 2 * cone * math.sin(math.radians(lat))) / cone
    angle = cone * math.radians(lon - ROTATION_LON)
    return radius * math.sin(angle), -radius * math.cos(angle)


@functools.cache
def _phone_scale() -> tuple[float, float, float]:
    """Pixels per projected unit at the narrowest width, and the projected west and north edges of the view.

    plotly fits the view's lon/lat box (its edges curve in this projection) into the plot's width.
    """
    (west, east), (south, north) = bounds()
    edge = [(west + (east - west) * step / 20, lat) for step in range(21) for lat in (south, north)]
    xs, ys = zip(*(_project(lon, lat) for lon, lat in edge), strict=True)
    return PHONE_PLOT_PX / (max(xs) - min(xs)), min(xs), max(ys)


def phone_px(lon: float, lat: float) -> tuple[float, float]:
    """Where a point lands on the narrowest drawing, in px from the view's west and north edges."""
    scale, west, north = _phone_scale()
    x, y = _project(lon, lat)
    return (x - west) * scale, (north - y) * scale


@functools.cache
def _exteriors() -> dict[str, list[list[list[float]]]]:
    """Each region's exterior rings, by map key (a label must stay inside its region)."""
    rings = {}
    for feature in _boundaries()["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings[feature["properties"]["ADM1_PCODE"]] = [polygon[0] for polygon in polygons]
    return rings


def _inside(key: str, lon: float, lat: float) -> bool:
    """Whether (lon, lat) lies in the region (even-odd rule over its exterior rings)."""
    inside = False
    for ring in _exteriors()[key]:
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def label_box(lon: float, lat: float, text: str) -> tuple[float, float, float, float]:
    """The box a value label centred at (lon, lat) takes on the narrowest drawing (left, top, right, bottom)."""
    x, y = phone_px(lon, lat)
    half_width = len(text) * LABEL_CHAR_PX / 2 + LABEL_HALO_PX
    half_height = LABEL_LINE_PX / 2 + LABEL_HALO_PX
    return x - half_width, y - half_height, x + half_width, y + half_height


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# Where a label may go, in label widths east and label heights north of its region's centre: the centre
# first, then beside it, then diagonally, a whole step away and then half of one.
LABEL_OFFSETS = [
    (step * east, step * north)
    for step in (1.0, 0.5)
    for east, north in ((0, 0), (0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
]


def written_labels(frame: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Where each region's value is written on the map (lon, lat), by map key: only labels that fit on a 320 px phone.

    The cities' circles are placed first. Then, highest value first (the regions a reader looks for), each
    label goes at its region's centre or a step beside it (still inside the region), wherever it is clear
    of the circles and of the labels already placed; a label with no such place is not written. The same
    labels are written at every width (a figure does not know the width it is drawn at); the key under the
    map (`map_key`) names the others with their values, and hovering still gives every one.
    """
    boxes = []
    for key in frame.loc[frame["kind"] == "city", "geo_pcode"]:
        x, y = phone_px(*label_points()[key])
        half = CITY_MARKER_SIZE / 2
        boxes.append((x - half, y - half, x + half, y + half))
    oblasts = frame[(frame["kind"] != "city") & frame["label"].astype(bool)]
    order = sorted(
        zip(oblasts["geo_pcode"], oblasts["label"].astype(str), oblasts["value"], strict=True),
        key=lambda row: (-(row[2] if pd.notna(row[2]) else -1), -region_areas()[row[0]]),
    )
    written = {}
    for key, label, _value in order:
        lon, lat = label_points()[key]
        x, y = phone_px(lon, lat)
        # Degrees per px at this point, east and north (the projection's scale changes across the map).
        per_px_lon = 1 / abs(phone_px(lon + 1, lat)[0] - x)
        per_px_lat = 1 / abs(phone_px(lon, lat + 1)[1] - y)
        for east, north in LABEL_OFFSETS:
            point = (lon + east * len(label) * LABEL_CHAR_PX * per_px_lon, lat + north * LABEL_LINE_PX * per_px_lat)
            box = label_box(*point, label)
            if _inside(key, *point) and not any(_overlap(box, other) for other in boxes):
                boxes.append(box)
                written[key] = point
                break
    return written


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


def _cities(frame: pd.DataFrame) -> pd.DataFrame:
    """The cities' rows, north to south: their circles' numbers are the same in every language and metric."""
    cities = frame[frame["kind"] == "city"]
    return cities.iloc[sorted(range(len(cities)), key=lambda i: -label_points()[cities["geo_pcode"].iloc[i]][1])]


def _cmax(frame: pd.DataFrame) -> float:
    """The top of the colour scale: the largest value (1 when no region has one)."""
    has_value = frame["value"].notna()
    return float(frame.loc[has_value, "value"].max()) if has_value.any() else 1.0


def region_map(
    frame: pd.DataFrame,
    lang: str,
    legend_title: str,
    no_data_text: str,
    selected: str | None = None,
    height: int = 400,
) -> go.Figure:
    """A choropleth of the regions in `frame`, with value labels and clickable, numbered city circles.

    `frame` has one row per region: `region` (code, returned as customdata on
    click), `geo_pcode` (map key), `kind` (`oblast` or `city`), `short` (name in
    the key, `map_key`), `value` (missing = no data: grey, never on the colour
    scale), `label` (the value as text, written on the map where it fits, else
    in the key) and `hover`.
    `legend_title` states the unit; `no_data_text` explains grey when any region
    has no value; `selected` (a region code) is outlined.
    """
    frame = frame.reset_index(drop=True)
    has_value = frame["value"].notna()
    cmax = _cmax(frame)
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
    written = written_labels(frame)
    oblasts = frame[frame["geo_pcode"].isin(written)]
    figure.add_trace(
        go.Scattergeo(
            lon=[written[key][0] for key in oblasts["geo_pcode"]],
            lat=[written[key][1] for key in oblasts["geo_pcode"]],
            text=oblasts["label"].tolist(),
            mode="text",
            textfont=LABEL_FONT,
            hoverinfo="skip",
            showlegend=False,
        )
    )
    cities = _cities(frame)
    if len(cities):
        city_lon = [points[key][0] for key in cities["geo_pcode"]]
        city_lat = [points[key][1] for key in cities["geo_pcode"]]
        # A numbered circle of the city's colour (a target big enough to click or tap); the key under the map
        # gives each number its city and value, which would collide with the regions' values around them.
        figure.add_trace(
            go.Scattergeo(
                lon=city_lon,
                lat=city_lat,
                customdata=cities["region"].tolist(),
                text=[str(number) for number in range(1, len(cities) + 1)],
                hovertext=cities["hover"].tolist(),
                hoverinfo="text",
                mode="markers+text",
                textposition="middle center",
                textfont=CITY_NUMBER_FONT,
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


def map_key(frame: pd.DataFrame, lang: str) -> html.Div:
    """The key under the map: each city's number, circle, name and value; then the regions whose value the map
    does not write (no room for it on a phone), with their values.

    `frame` is the one given to `region_map` (its `short` names and `label` texts).
    """
    _ = translator(lang)
    frame = frame.reset_index(drop=True)
    cities = _cities(frame)
    colours = _colours(cities["value"], _cmax(frame))
    lines = []
    if len(cities):
        entries: list = []
        for number, (name, label, fill) in enumerate(
            zip(cities["short"], cities["label"], colours, strict=True), start=1
        ):
            circle = html.Span(
                str(number), className="map-key-circle", style={"backgroundColor": fill}, **{"aria-hidden": "true"}
            )
            entries.append(html.Span([circle, f" {name}: {label}"], className="map-key-entry"))
        lines.append(
            html.P([html.Span(_("Cities on the map") + ": ", className="fw-semibold"), *entries], className="mb-1")
        )
    written = written_labels(frame)
    unwritten = frame[(frame["kind"] != "city") & ~frame["geo_pcode"].isin(written)]
    if len(unwritten):
        values = "; ".join(
            f"{name}: {label}" for name, label in zip(unwritten["short"], unwritten["label"], strict=True)
        )
        lines.append(
            html.P(
                [html.Span(_("Not written on the map for lack of room") + ": ", className="fw-semibold"), values],
                className="mb-1",
            )
        )
    return html.Div(lines, className="map-key small")
