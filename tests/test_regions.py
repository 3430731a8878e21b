"""Regional complaint rates: Table 2 read from the database, rates and ranks computed, the map and bar builders, bad input."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.map import (
    CITY_MARKER_SIZE,
    GEOJSON_FILE,
    MAP_CONFIG,
    label_box,
    label_points,
    map_key,
    map_keys,
    phone_px,
    region_map,
    written_labels,
)
from data_access.queries import regions as queries
from tests.layout import find, load_page, texts

# Report lines 1191-1210 (Table 2): region -> (prisoners, complaints, printed rate).
TABLE_2 = {
    "KZ-61": (831, 18, 21.6), "KZ-59": (1761, 33, 18.7), "KZ-62": (249, 4, 16), "KZ-75": (2108, 29, 13.7),
    "KZ-47": (348, 4, 11.5), "KZ-71": (1627, 17, 10.4), "KZ-33": (333, 3, 9), "KZ-27": (1418, 10, 7),
    "KZ-11": (2950, 18, 6.1), "KZ-19": (2612, 16, 6.1), "KZ-79": (2916, 17, 5.8), "KZ-39": (1980, 9, 4.5),
    "KZ-55": (2576, 11, 4.3), "KZ-35": (4568, 17, 3.7), "KZ-63": (3253, 11, 3.4), "KZ-15": (1319, 4, 3),
    "KZ-31": (3103, 7, 2.2), "KZ-43": (1424, 3, 2.1), "KZ-10": (2227, 4, 1.8), "KZ-23": (1377, 1, 0.7),
}  # fmt: skip


@pytest.fixture(scope="module")
def page(bundled):
    """The pages.regions module, with the app built on the test database."""
    return load_page("regions")


@pytest.fixture(scope="module")
def client(page):
    """A Flask test client of the app."""
    import app

    return app.server.test_client()


def by_region(frame: pd.DataFrame) -> dict[str, dict]:
    return {row["region"]: row for row in frame.to_dict("records")}


# ---------------------------------------------------------------- queries


def test_every_region_has_the_reports_two_counts_and_its_printed_rate(bundled):
    rates = by_region(queries.region_rates("en"))
    assert set(rates) == set(TABLE_2)
    for code, (prisoners, complaints, printed) in TABLE_2.items():
        assert (rates[code]["prisoners"], rates[code]["complaints"], rates[code]["rate_printed"]) == (
            prisoners,
            complaints,
            printed,
        )
        assert rates[code]["period"] == "2025"
        assert rates[code]["source_ref"] == "Table 2"


def test_rate_is_computed_from_the_counts_not_read_from_the_print(bundled):
    rates = by_region(queries.region_rates("en"))
    assert rates["KZ-61"]["rate"] == pytest.approx(18 / 831 * 1000)  # 21.66, printed 21.6
    for code, (prisoners, complaints, _printed) in TABLE_2.items():
        assert rates[code]["rate"] == pytest.approx(complaints / prisoners * 1000)


def test_the_five_regions_whose_printed_rate_is_cut_off_are_flagged(bundled):
    frame = queries.region_rates("en")
    differs = set(frame.loc[frame["printed_differs"].eq(True), "region"])
    # Turkistan 21.66 -> 21.6, Ulytau 16.06 -> 16, Almaty city 13.76 -> 13.7, West Kazakhstan 7.05 -> 7, Jambyl 2.26 -> 2.2
    assert differs == {"KZ-61", "KZ-62", "KZ-75", "KZ-27", "KZ-31"}


def test_ranks_put_the_highest_first_and_share_ties(bundled):
    rates = by_region(queries.region_rates("en"))
    assert rates["KZ-61"]["rank_rate"] == 1 and rates["KZ-23"]["rank_rate"] == 20
    assert rates["KZ-59"]["rank_complaints"] == 1  # 33 complaints
    assert rates["KZ-35"]["rank_prisoners"] == 1  # 4,568 prisoners
    # Astana, Karaganda and Shymkent all had 17 complaints: one shared rank, the next region two places lower.
    assert (
        rates["KZ-71"]["rank_complaints"] == rates["KZ-35"]["rank_complaints"] == rates["KZ-79"]["rank_complaints"] == 5
    )
    assert rates["KZ-47"]["rank_complaints"] == 14  # 4 complaints, shared by four regions


def test_national_rate_is_the_ratio_of_the_sums_not_the_mean_of_the_rates(bundled):
    frame = queries.region_rates("en")
    national = queries.national_rate("en")
    assert national["complaints"] == 236 == sum(c for _, c, _ in TABLE_2.values())
    assert national["prisoners"] == 38980 == sum(p for p, _, _ in TABLE_2.values())
    assert national["rate"] == pytest.approx(frame["complaints"].sum() / frame["prisoners"].sum() * 1000)
    assert national["rate"] != pytest.approx(frame["rate"].mean())
    assert (national["regions_counted"], national["printed_compared"], national["printed_differs"]) == (20, 20, 5)


def test_a_region_missing_from_table_2_has_no_rate_and_no_rank_never_zero(bundled, monkeypatch):
    table2 = queries.table2_observations("en")
    monkeypatch.setattr(queries, "table2_observations", lambda lang: table2[table2["region"] != "KZ-23"])
    frame = by_region(queries.region_rates.uncached("en"))
    assert len(frame) == 20
    assert pd.isna(frame["KZ-23"]["rate"]) and pd.isna(frame["KZ-23"]["complaints"])
    assert pd.isna(frame["KZ-23"]["rank_rate"])
    assert frame["KZ-10"]["rank_rate"] == 19  # the others are still ranked 1-19


def test_region_detail_of_turkistan_reads_the_report(bundled):
    detail = queries.region_detail("en", "KZ-61").set_index("key")
    assert detail.at["complaints", "value"] == 18 and detail.at["prisoners", "value"] == 831
    assert detail.at["rate", "value"] == pytest.approx(18 / 831 * 1000)
    assert detail.at["rate_printed", "value"] == 21.6
    assert detail.at["rank", "value"] == 1
    assert detail.at["terminals", "value"] == 7 and detail.at["terminals", "national"] == 40  # line 1568
    assert detail.at["terminals", "source_line"] == 1568
    # Turkistan is not among the regions with payphones found broken (line 1570) or a fulfilment share (line 1809).
    assert pd.isna(detail.at["payphones", "value"]) and detail.at["payphones", "national"] == 12
    assert detail.at["payphones", "status"] == "not_published"
    assert pd.isna(detail.at["npm_share_printed", "value"]) and detail.at["npm_share_printed", "national"] == 33


def test_region_detail_gives_the_printed_npm_share_and_payphones_where_the_report_has_them(bundled):
    almaty = queries.region_detail("en", "KZ-75").set_index("key")
    assert almaty.at["npm_share_printed", "value"] == 67
    karaganda = queries.region_detail("en", "KZ-35").set_index("key")
    assert (karaganda.at["payphones", "value"], karaganda.at["terminals", "value"]) == (8, 13)


def test_table_3_cells_of_a_region_are_listed_as_not_published(bundled):
    lost = queries.region_not_published("en", "KZ-61").set_index("indicator")
    assert set(lost.index) == {"recs_issued", "recs_fulfilled"}
    assert lost.at["recs_issued", "cells"] == 8  # seven ministries and the region's total
    assert lost.at["recs_issued", "source_ref"] == "Table 3" and lost.at["recs_issued", "source_line"] == 1828
    assert "NSC" in lost.at["recs_issued", "agencies"]


def test_unknown_region_has_no_detail(bundled):
    assert queries.region_detail("en", "KZ-99").empty
    assert queries.region_not_published("en", "KZ-99").empty


def test_region_names_come_from_the_database_in_each_language(bundled):
    assert by_region(queries.region_rates("kk"))["KZ-61"]["name"] == "Түркістан облысы"
    assert by_region(queries.region_rates("ru"))["KZ-61"]["name"] == "Туркестанская область"


# ---------------------------------------------------------------- figure builders


def map_frame(values: dict[str, float | None] | None = None) -> pd.DataFrame:
    """A frame for the map builder: the 20 regions from the release file, with the given values."""
    regions = pd.read_csv(GEOJSON_FILE.parent.parent.parent / "data" / "release" / "regions.csv")
    values = values or {code: complaints for code, (_, complaints, _) in TABLE_2.items()}
    return pd.DataFrame(
        {
            "region": regions["code"],
            "geo_pcode": regions["geo_pcode"],
            "kind": regions["kind"],
            "short": regions["short_en"],
            "value": [values.get(code) for code in regions["code"]],
            "label": [str(values.get(code)) for code in regions["code"]],
            "hover": regions["name_en"],
        }
    )


def choropleths(figure: go.Figure) -> list:
    return [trace for trace in figure.data if trace.type == "choropleth"]


def test_map_has_one_location_per_region_and_every_location_has_a_boundary():
    figure = region_map(map_frame(), "en", "complaints", "No data")
    locations = [location for trace in choropleths(figure) for location in trace.locations]
    assert len(locations) == len(set(locations)) == 20
    assert set(locations) == map_keys()
    with GEOJSON_FILE.open(encoding="utf-8") as handle:
        assert len(json.load(handle)["features"]) == 20
    trace = choropleths(figure)[0]
    assert trace.featureidkey == "properties.ADM1_PCODE"
    assert trace.geojson == "/assets/geo/kz_adm1_2024_web.geojson"


def test_map_colours_follow_the_values_on_a_scale_from_zero_with_the_unit_as_legend():
    figure = region_map(map_frame(), "en", "per 1,000 convicted persons", "No data")
    trace = choropleths(figure)[0]
    assert dict(zip(trace.locations, trace.z, strict=True))["KZ61"] == 18
    assert figure.layout.coloraxis.cmin == 0 and figure.layout.coloraxis.cmax == 33
    assert figure.layout.coloraxis.colorbar.title.text == "Per 1,000 convicted persons"  # a title: capital first
    assert figure.layout.geo.projection.type == "conic equal area"


def test_region_without_a_value_is_grey_and_off_the_scale_not_drawn_as_zero():
    values = {code: float(complaints) for code, (_, complaints, _) in TABLE_2.items()}
    values["KZ-23"] = None
    figure = region_map(map_frame(values), "en", "complaints", "No data published")
    coloured, grey = choropleths(figure)
    assert "KZ23" not in coloured.locations
    assert list(grey.locations) == ["KZ23"]
    assert grey.showscale is False and {colour for _, colour in grey.colorscale} == {"#d9d9d9"}
    assert any("No data published" in annotation.text for annotation in figure.layout.annotations)


def test_cities_get_clickable_markers_carrying_their_region_code():
    figure = region_map(map_frame(), "en", "complaints", "No data", selected="KZ-75")
    markers = [t for t in figure.data if t.type == "scattergeo" and t.customdata is not None]
    assert len(markers) == 1
    assert set(markers[0].customdata) == {"KZ-71", "KZ-75", "KZ-79"}
    assert markers[0].hoverinfo == "text"
    # the chosen city is outlined more strongly than the others
    widths = dict(zip(markers[0].customdata, markers[0].marker.line.width, strict=True))
    assert widths["KZ-75"] > widths["KZ-71"]


def test_city_circles_carry_a_number_and_the_key_under_the_map_gives_each_its_name_and_value():
    frame = map_frame()
    figure = region_map(frame, "en", "complaints", "No data")
    (circles,) = [t for t in figure.data if t.type == "scattergeo" and t.customdata is not None]
    assert list(circles.text) == ["1", "2", "3"]
    # Numbered north to south, whatever the order of the rows: Astana, Almaty, Shymkent.
    assert list(circles.customdata) == ["KZ-71", "KZ-75", "KZ-79"]
    shuffled = region_map(frame.iloc[::-1], "en", "complaints", "No data")
    numbered = next(t for t in shuffled.data if t.type == "scattergeo" and t.customdata is not None)
    assert list(numbered.customdata) == ["KZ-71", "KZ-75", "KZ-79"]
    # No city's name or value is written on the map, where they collided with the regions around them: the
    # only other text is the regions' values, at their regions.
    (values,) = [t for t in figure.data if t.type == "scattergeo" and t.customdata is None]
    assert values.mode == "text" and len(values.text) == len(written_labels(frame))
    cities = frame[frame["kind"] == "city"].set_index("region").loc[["KZ-71", "KZ-75", "KZ-79"]]
    key = " ".join(" ".join(texts(map_key(frame, "en"))).split())
    for number, (name, label) in enumerate(zip(cities["short"], cities["label"], strict=True), start=1):
        assert f"{number} {name}: {label}" in key


def test_every_regions_value_is_written_on_the_map_or_in_the_key_and_none_collide_on_a_phone():
    frame = map_frame()
    figure = region_map(frame, "en", "complaints", "No data")
    (values,) = [t for t in figure.data if t.type == "scattergeo" and t.mode == "text"]
    written = written_labels(frame)
    oblasts = frame[frame["kind"] != "city"]
    assert len(values.text) == len(written) >= 10  # most regions keep their value on the map
    key = " ".join(" ".join(texts(map_key(frame, "en"))).split())
    for code, name, label in zip(oblasts["geo_pcode"], oblasts["short"], oblasts["label"], strict=True):
        assert (code in written) != (f"{name}: {label}" in key)  # on the map, or else in the key
    # On the narrowest drawing no written value touches another or a city's circle.
    boxes = [
        label_box(*written[code], str(label))
        for code, label in zip(oblasts["geo_pcode"], oblasts["label"], strict=True)
        if code in written
    ]
    for key_code in frame.loc[frame["kind"] == "city", "geo_pcode"]:
        x, y = phone_px(*label_points()[key_code])
        half = CITY_MARKER_SIZE / 2
        boxes.append((x - half, y - half, x + half, y + half))
    for index, a in enumerate(boxes):
        for b in boxes[index + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_city_markers_sit_inside_their_city():
    astana_lon, astana_lat = label_points()["KZ71"]
    assert 71 < astana_lon < 72 and 50.9 < astana_lat < 51.4
    almaty_lon, almaty_lat = label_points()["KZ75"]
    assert 76.6 < almaty_lon < 77.3 and 43.0 < almaty_lat < 43.5


def test_map_config_points_plotly_at_the_vendored_topojson():
    assert MAP_CONFIG["topojsonURL"] == "/assets/vendor/topojson/"


def test_bar_ranking_draws_the_national_rate_at_the_computed_ratio_of_sums(page):
    card = page.bar_card("en", "rate", None)
    figure = find(card, "regions-bar-graph").figure
    lines = [shape for shape in figure.layout.shapes if shape.type == "line"]
    assert len(lines) == 1
    assert lines[0].x0 == pytest.approx(236 / 38980 * 1000)
    assert list(figure.data[0].y[:3]) == ["Turkistan", "North Kazakhstan", "Ulytau"]
    assert list(figure.data[0].customdata[:3]) == ["KZ-61", "KZ-59", "KZ-62"]
    assert figure.data[0].text[0] == "21.7"


def test_count_ranking_has_no_reference_line(page):
    figure = find(page.bar_card("en", "complaints", None), "regions-bar-graph").figure
    assert not [shape for shape in figure.layout.shapes if shape.type == "line"]
    assert figure.data[0].y[0] == "North Kazakhstan"


# ---------------------------------------------------------------- page, datasets and bad input


def test_page_shows_the_national_rate_and_where_the_report_rounds_differently(page):
    text = " ".join(texts(page.layout(lang="en")))
    assert (
        "Kazakhstan, 2025: 6.1 complaints about torture per 1,000 convicted persons (236 complaints, 38,980 convicted persons in 20 regions)."
        in text
    )
    assert "In 5 of 20 regions the printed rate differs" in text
    assert "Turkistan Region: computed 21.66, printed 21.6" in text
    assert "Boundaries: geokz (A. Rodionov), CC BY 4.0" in text


def test_region_in_the_url_shows_its_detail(page):
    layout = page.layout(lang="en", region="KZ-61")
    detail = " ".join(texts(find(layout, "regions-detail")))
    assert (
        "Turkistan Region: 18 complaints about torture and 831 convicted persons give 21.7 complaints per 1,000 convicted persons"
        in detail
    )
    assert "rank 1 of 20" in detail
    assert "not published" in detail


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"region": "KZ-99"}, "The region asked for is not known"),
        ({"metric": "torture"}, "The comparison asked for is not known"),
        ({"sort": "sideways"}, "The table order asked for is not known"),
    ],
)
def test_unknown_url_values_show_the_default_view_and_a_notice(page, query, message):
    layout = page.layout(lang="en", **query)
    notices = " ".join(texts(find(layout, "regions-notice")))
    assert message in notices
    assert find(layout, "regions-metric").value == "rate"
    assert find(layout, "regions-region").value == "none"  # the choice "No region selected"
    assert "Select a region on the map" in " ".join(texts(find(layout, "regions-detail")))


def test_metric_in_the_url_changes_map_bar_and_table_together(page):
    layout = page.layout(lang="en", metric="prisoners")
    bar = find(layout, "regions-bar-graph").figure
    assert bar.data[0].y[0] == "Karaganda"
    map_figure = find(layout, "regions-map-graph").figure
    assert dict(zip(map_figure.data[0].locations, map_figure.data[0].z, strict=True))["KZ35"] == 4568
    table = find(layout, "regions-table-table")
    assert texts(table.children[2])[0] == "Karaganda Region"


@pytest.mark.parametrize(
    "inputs",
    [
        ("bogus", "KZ-99", "sideways", "en"),
        ({"a": 1}, ["KZ-61"], 7, None),
        (None, None, None, "xx"),
    ],
)
def test_malformed_callback_values_fall_back_to_the_default_view(page, inputs):
    map_card, detail, bar, table, notices, filters, _status = page.update_view(*inputs)
    assert filters == {"metric": None, "region": None, "sort": None}
    assert find(map_card, "regions-map-graph") is not None and find(bar, "regions-bar-graph") is not None
    assert find(table, "regions-table-table") is not None
    assert find(detail, "regions-detail-table") is None  # no region chosen: the prompt, not a region's figures
    assert (len(notices) > 0) == (inputs[0] is not None)


def test_callback_keeps_the_url_in_step_with_the_chosen_view(page):
    *_, notices, filters, status = page.update_view("complaints", "KZ-61", "asc", "en")
    assert filters == {"metric": "complaints", "region": "KZ-61", "sort": "asc"}
    assert notices == []
    assert status.startswith("Turkistan Region: 18 complaints")


@pytest.mark.parametrize(
    "click",
    [None, {}, {"points": []}, {"points": [{"customdata": 5}]}, "nonsense", {"points": [{"customdata": ["KZ-61"]}]}],
)
def test_clicked_region_reads_only_well_formed_clicks(page, click):
    expected = "KZ-61" if click == {"points": [{"customdata": ["KZ-61"]}]} else None
    assert page.clicked_region(click) == expected


UPDATE_OUTPUT = (
    "..regions-map-slot.children...regions-detail-slot.children...regions-bar-slot.children..."
    "regions-table-slot.children...regions-notice.children...regions-filters.data...regions-status.children.."
)


def update_outputs() -> list[dict]:
    ids = [
        "regions-map-slot",
        "regions-detail-slot",
        "regions-bar-slot",
        "regions-table-slot",
        "regions-notice",
        "regions-filters",
        "regions-status",
    ]
    props = ["children"] * 5 + ["data", "children"]
    return [{"id": i, "property": p} for i, p in zip(ids, props, strict=True)]


def test_server_answers_a_malformed_filter_request_with_the_default_view_not_an_error(client):
    body = {
        "output": UPDATE_OUTPUT,
        "outputs": update_outputs(),
        "inputs": [
            {"id": "regions-metric", "property": "value", "value": {"drop": "table"}},
            {"id": "regions-region", "property": "value", "value": "<script>"},
            {"id": "regions-sort", "property": "value", "value": 12},
        ],
        "state": [{"id": "regions-lang", "property": "data", "value": "en"}],
        "changedPropIds": ["regions-metric.value"],
    }
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    payload = response.get_json()["response"]
    assert payload["regions-filters"]["data"] == {"metric": None, "region": None, "sort": None}
    assert "The region asked for is not known" in json.dumps(payload["regions-notice"])
    assert "<script>" not in response.get_data(as_text=True)


def test_server_ignores_a_click_that_carries_no_region(client):
    body = {
        "output": "regions-region.value",
        "outputs": {"id": "regions-region", "property": "value"},
        "inputs": [
            {"id": "regions-map-graph", "property": "clickData", "value": {"points": [{"customdata": "DROP TABLE"}]}},
            {"id": "regions-bar-graph", "property": "clickData", "value": None},
        ],
        "state": [],
        "changedPropIds": ["regions-map-graph.clickData"],
    }
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 204)  # Dash answers "no update" with an empty response
    assert "regions-region" not in ((response.get_json(silent=True) or {}).get("response") or {})
    body["inputs"][0]["value"] = {"points": [{"customdata": "KZ-61", "location": "KZ61"}]}
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    assert response.get_json()["response"]["regions-region"]["value"] == "KZ-61"


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("metric", {"metric": "rate"}),
        ("table", {"metric": "complaints", "sort": "name"}),
        ("detail", {"region": "KZ-61"}),
    ],
)
def test_downloads_serve_the_numbers_the_cards_show(client, name, params):
    from urllib.parse import urlencode

    response = client.get(f"/download/regions.{name}.csv?{urlencode({'lang': 'en', **params})}")
    assert response.status_code == 200
    text = response.get_data().decode("utf-8-sig")
    if name == "detail":
        assert "Complaints about torture,18,236," in text
        assert '"Complaints per 1,000 convicted persons (computed)",21.7,6.1,KZ-61,' in text  # as the table shows them
    elif name == "table":
        assert text.splitlines()[1].startswith("Abai Region,")
    else:
        # Rounded as the page shows it (21.7, not 21.660649819494584), the rank whole.
        assert text.splitlines()[1].startswith("Turkistan Region,21.7,1,")


# Where each download is saved: page, what, view, period, language.
@pytest.mark.parametrize(
    ("query", "filename"),
    [
        ("regions.metric.csv?lang=en&metric=rate", "regions-complaint-rate-2025-en.csv"),
        ("regions.metric.xlsx?lang=kk&metric=complaints", "regions-complaints-2025-kk.xlsx"),
        ("regions.metric.csv?lang=ru", "regions-complaint-rate-2025-ru.csv"),
        (
            "regions.table.csv?lang=en&metric=prisoners&sort=name",
            "regions-all-figures-by-prisoners-by-name-2025-en.csv",
        ),
        ("regions.detail.csv?lang=en&region=KZ-61", "regions-kz-61-2025-en.csv"),
    ],
)
def test_a_download_is_saved_under_a_name_that_says_page_figure_period_and_language(client, query, filename):
    response = client.get(f"/download/{query}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_a_regions_download_holds_the_shown_rows_with_codes_period_unit_source_and_release(client):
    import io

    response = client.get("/download/regions.table.csv?lang=en&metric=rate&sort=desc")
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig", dtype={"report_lines": str, "release": str})
    first = frame.iloc[0].to_dict()
    assert first["Region"] == "Turkistan Region"
    assert first["Rank: Complaints about torture per 1,000 convicted persons"] == 1
    assert (first["Complaints about torture"], first["Convicted persons"]) == (18, 831)
    assert first["Complaints per 1,000 convicted persons (computed)"] == 21.7
    assert first["As printed in the report"] == 21.6
    extra = {key: first[key] for key in ("region_code", "period", "unit", "source", "report_lines", "release")}
    assert extra == {
        "region_code": "KZ-61",
        "period": 2025,
        "unit": "complaints; prisoners; per_1000; number",
        "source": "Special report 2026, Section 5, Table 2",
        "report_lines": "1191",
        "release": "2026.2",
    }
    # Every rate with one decimal as on the page, every count whole: the CSV has no longer figure.
    assert frame["Complaints per 1,000 convicted persons (computed)"].map(lambda v: round(v, 1) == v).all()
    assert str(frame["Complaints about torture"].dtype) == "int64"
    assert set(frame["region_code"]) == set(TABLE_2)


# ---------------------------------------------------------------- rates on few complaints

FEW = {"KZ-62": "Ulytau", "KZ-47": "Mangystau", "KZ-33": "Jetisu"}  # 4, 4 and 3 complaints
MANY = {"KZ-61": "Turkistan", "KZ-75": "Almaty city", "KZ-35": "Karaganda"}  # 18, 29 and 17


def test_rates_on_fewer_than_five_complaints_are_flagged_once_by_the_threshold(bundled):
    rates = by_region(queries.region_rates("en"))
    assert queries.FEW_COMPLAINTS == 5
    assert all(rates[code]["few_complaints"] is True for code in FEW)
    assert all(rates[code]["few_complaints"] is False for code in MANY)
    flagged = {code for code, row in rates.items() if row["few_complaints"] is True}
    assert flagged == {code for code, (_p, complaints, _r) in TABLE_2.items() if complaints < 5}


def _rows_of(table) -> dict[str, list[str]]:
    rows = [texts(row) for row in find_all(table, "Tr")[1:]]
    return {row[0]: row for row in rows}


def find_all(component, type_name: str) -> list:
    found = [component] if type(component).__name__ == type_name else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children] if children is not None else []:
        if not isinstance(child, str):
            found += find_all(child, type_name)
    return found


def test_the_table_cautions_the_rates_of_ulytau_mangystau_and_jetisu_and_not_of_large_regions(page):
    layout = page.layout(lang="en")
    rows = _rows_of(find(layout, "regions-table-table"))
    caution = "Fewer than 5 complaints: unreliable"
    for name in ("Ulytau Region", "Mangystau Region", "Jetisu Region"):
        assert caution in rows[name], name
    for name in ("Turkistan Region", "Almaty (city)", "Karaganda Region"):
        assert caution not in rows[name], name


def test_the_ranking_marks_the_unreliable_rates_in_labels_and_hover_and_says_why_under_the_chart(page):
    layout = page.layout(lang="en")
    bar = find(layout, "regions-bar-graph").figure.data[0]
    labels = dict(zip(bar.y, bar.text, strict=True))
    hovers = dict(zip(bar.y, bar.hovertext, strict=True))
    for short in ("Ulytau", "Mangystau", "Jetisu"):
        assert labels[short].endswith("*"), short
        assert "Fewer than 5 complaints: unreliable" in hovers[short]
    assert labels["Turkistan"] == "21.7" and "unreliable" not in hovers["Turkistan"]
    for card in ("regions-bar", "regions-map"):
        assert texts(find(layout, f"{card}-caution")) == [
            "Rates based on fewer than 5 complaints are unreliable; they are marked *."
        ]
    map_labels = [label for trace in find(layout, "regions-map-graph").figure.data for label in (trace.text or ())]
    assert "16.1*" in map_labels and "21.7" in map_labels


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ru", "Показатели, рассчитанные менее чем по 5 жалобам, ненадёжны; они отмечены знаком *."),
        ("kk", "Шағымдар саны 5 шағымнан аз болғанда есептелген көрсеткіштер сенімсіз; олар * белгісімен белгіленген."),
    ],
)
def test_the_caution_under_the_chart_is_in_the_readers_language(page, lang, sentence):
    assert texts(find(page.layout(lang=lang), "regions-bar-caution")) == [sentence]


def test_counts_carry_no_caution_a_count_of_four_is_exact(page):
    layout = page.layout(lang="en", metric="complaints")
    assert find(layout, "regions-bar-caution") is None
    assert not any(label.endswith("*") for label in find(layout, "regions-bar-graph").figure.data[0].text)


def test_the_detail_of_a_region_with_few_complaints_says_its_rate_is_unreliable(page):
    assert page.detail_finding("en", "KZ-62").endswith("rank 3 of 20. Fewer than 5 complaints: unreliable.")
    assert "unreliable" not in page.detail_finding("en", "KZ-61")
    detail = page.layout(lang="en", region="KZ-62")
    assert "Fewer than 5 complaints: unreliable." in " ".join(texts(find(detail, "regions-detail")))


def test_a_download_carries_the_caution_of_the_rates_it_holds(client):
    text = client.get("/download/regions.metric.csv?lang=en&metric=rate").get_data().decode("utf-8-sig")
    assert "Ulytau Region,16.1,3,Fewer than 5 complaints: unreliable,KZ-62," in text
    assert "Turkistan Region,21.7,1,,KZ-61," in text


# ---------------------------------------------------------------- the region list


def test_the_region_list_has_no_blank_option_and_no_region_is_a_choice_of_its_own(page):
    select = find(page.layout(lang="en"), "regions-region")
    labels = [option["label"] for option in select.options]
    values = [option["value"] for option in select.options]
    assert labels[0] == "No region selected" and select.value == values[0]
    assert all(label.strip() for label in labels) and all(values)  # "" is dbc.Select's hidden placeholder
    assert len(labels) == 1 + len(TABLE_2) == len(set(values))


def test_choosing_no_region_in_the_list_clears_the_detail_without_a_notice(page):
    detail, *_rest, notices, filters, _status = page.update_view("rate", "none", "desc", "en")
    assert filters["region"] is None
    assert not texts(notices)
    assert "Select a region on the map" in " ".join(texts(detail))


def test_download_with_an_unknown_region_is_a_client_error(client):
    assert client.get("/download/regions.detail.csv?lang=en&region=KZ-99").status_code == 400
    assert client.get("/download/regions.metric.csv?lang=en&metric=nope").status_code == 400


# ---------------------------------------------------------------- the parameter spec (params.py)


def test_a_bad_sort_in_the_url_orders_highest_first_with_a_translated_notice(page):
    layout = page.layout(lang="kk", sort="sideways")
    assert texts(find(layout, "regions-notice")) == [
        "Сұралған кесте реті белгісіз; алдымен ең жоғары мәндер көрсетілді."
    ]
    assert find(layout, "regions-sort").value == "desc"
    assert getattr(find(layout, "regions-filters"), "data", None) is None  # nothing to write to the address


def test_a_bad_region_in_a_callback_selects_none_with_a_translated_notice_and_keeps_the_rest(page):
    *_, notices, filters, _status = page.update_view("prisoners", "KZ-99", "name", "ru")
    assert filters == {"metric": "prisoners", "region": None, "sort": "name"}
    assert " ".join(texts(notices)) == "Запрошенный регион неизвестен; регион не выбран."


@pytest.mark.parametrize(
    "query",
    [
        "regions.metric.csv?lang=en&metric=RATE",
        "regions.table.csv?lang=en&metric=rate&sort=sideways",
        "regions.detail.csv?lang=en",  # the detail of which region?
        "regions.detail.xlsx?lang=kk&region=%3Cscript%3E",
    ],
)
def test_a_download_with_a_value_the_page_does_not_know_is_refused(client, query):
    assert client.get(f"/download/{query}").status_code == 400


def test_karaganda_shows_its_payphones_and_terminals_by_institution_with_their_lines(page):
    layout = page.layout(lang="en", region="KZ-35")
    card = find(layout, "regions-institutions")
    assert card is not None
    text = " ".join(texts(card))
    assert "Institution No. 30 (Dolinka settlement) – 5" in text
    assert "Institution No. 35 (Karabas settlement) – 12" in text
    from pages.regions.datasets import institutions_data

    frame = institutions_data("en", "KZ-35").frame
    assert frame.groupby("indicator")["value"].sum().to_dict() == {
        "payphones_not_working": 8,
        "terminals_not_working": 13,
    }
    assert set(frame["source_line"]) == {1578, 1580}
    # each row's source is in words, linked to its sentence of the report
    assert {source.href for source in frame["source"]} == {
        "/report?line=1578&lang=en#L1578",
        "/report?line=1580&lang=en#L1580",
    }


def test_a_region_the_report_names_no_institutions_for_has_no_such_card(page):
    assert find(page.layout(lang="en", region="KZ-61"), "regions-institutions") is None


def test_karagandas_region_figures_still_count_the_region_once(bundled):
    detail = queries.region_detail("en", "KZ-35").set_index("key")
    assert detail.at["payphones", "value"] == 8 and detail.at["terminals", "value"] == 13


def test_the_institution_download_holds_the_cards_numbers(client):
    response = client.get("/download/regions.institutions.csv?lang=ru&region=KZ-35")
    assert response.status_code == 200
    text = response.get_data().decode("utf-8-sig")
    assert "Учреждение № 35 (посёлок Карабас)" in text and ",12," in text


@pytest.mark.parametrize(
    ("lang", "rate_title", "complaints_title"),
    [
        ("en", "Per 1,000 convicted persons", "Complaints"),
        ("ru", "На 1\u00a0000 осуждённых", "Жалобы"),
        ("kk", "1 мың сотталғанға шаққанда", "Шағым"),
    ],
)
def test_chart_axis_and_legend_titles_begin_with_a_capital_in_each_language(page, lang, rate_title, complaints_title):
    for metric, title in (("rate", rate_title), ("complaints", complaints_title)):
        layout = page.layout(lang=lang, metric=metric)
        bar = find(layout, "regions-bar-graph").figure
        # (the ranking's axis title goes over lines on a phone: read as one line)
        written = (bar.layout.xaxis.title.text, bar.layout.yaxis.title.text)
        assert title in [text.replace("<br>", " ") for text in written if text]
        assert find(layout, "regions-map-graph").figure.layout.coloraxis.colorbar.title.text == title
