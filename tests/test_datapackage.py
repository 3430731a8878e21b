"""Downloads and the Frictionless Data Package: the package validates with `frictionless`, every CSV
round-trips into pandas with the documented types, and the files hold the numbers the pages show.

Runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import flask
import frictionless
import pandas as pd
import pytest

from api import register_api
from components.data_catalog import table_schema
from data_access.queries.catalog import DATASET_NAMES, DATASETS_BY_NAME, dataset_frame, topic_summaries
from data_access.queries.observations import observations

LANGS = ("kk", "ru", "en")
PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


@pytest.fixture(scope="module")
def client(bundled):
    from data_access.cache import cache, init_cache

    app = flask.Flask("downloads-under-test")
    init_cache(app)
    cache.clear()  # the release (and so every cache key) is the same on both backends
    register_api(app)
    return app.test_client()


def _unzip(body: bytes, target: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        archive.extractall(target)
    return target / "datapackage.json"


def read_documented_csv(body: bytes, schema: dict) -> pd.DataFrame:
    """Read a CSV as a researcher would, with the types its table schema documents."""
    types = {f["name"]: f["type"] for f in schema["fields"]}
    dates = [name for name, kind in types.items() if kind == "date"]
    frame = pd.read_csv(
        io.BytesIO(body),
        encoding="utf-8-sig",
        dtype={name: PANDAS_TYPES[kind] for name, kind in types.items() if kind in PANDAS_TYPES},
        keep_default_na=False,
        na_values={name: [""] for name in types},
    )
    for name in dates:
        frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d").dt.date
    return frame


def as_documented(frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """The query's frame with the documented types, to compare with what a download reads back as."""
    out = frame.copy()
    for field in schema["fields"]:
        kind = PANDAS_TYPES.get(field["type"])
        if kind:
            out[field["name"]] = out[field["name"]].astype(kind)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_data_package_validates_with_frictionless(client, tmp_path, lang):
    response = client.get(f"/api/v1/datapackage.zip?lang={lang}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    report = frictionless.validate(str(_unzip(response.data, tmp_path)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    assert report.stats["errors"] == 0
    assert report.stats["tasks"] == len(DATASET_NAMES)


def test_the_validator_catches_a_broken_foreign_key(client, tmp_path):
    """The validation above is not vacuous: a figure pointing at an unknown region fails it."""
    path = _unzip(client.get("/api/v1/datapackage.zip?lang=en").data, tmp_path)
    observations_csv = path.parent / "data" / "observations.csv"
    text = observations_csv.read_text(encoding="utf-8")
    assert ",KZ-61," in text
    observations_csv.write_text(text.replace(",KZ-61,", ",KZ-00,", 1), encoding="utf-8")
    report = frictionless.validate(str(path))
    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_package_describes_every_dataset_with_keys_licence_and_sources(client, tmp_path):
    package = json.loads(_unzip(client.get("/api/v1/datapackage.zip?lang=en").data, tmp_path).read_text())
    assert package["version"] == "2026.2"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "Human Rights Commissioner" in package["sources"][0]["title"]
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(DATASET_NAMES)
    for name, resource in resources.items():
        fields = resource["schema"]["fields"]
        assert all(f["description"] and f["type"] for f in fields), name
        assert resource["schema"]["primaryKey"] == list(DATASETS_BY_NAME[name].primary_key)
    observation_keys = {
        fk["fields"]: fk["reference"]["resource"] for fk in resources["observations"]["schema"]["foreignKeys"]
    }
    assert observation_keys == {
        "indicator": "indicators", "region": "regions", "agency": "agencies",
        "facility_type": "facility_types", "category": "categories", "note": "data_notes",
    }  # fmt: skip
    # Facility-level tables sit below the region level: never published.
    assert not {"facilities", "visit_logs"} & set(resources)


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_every_downloaded_csv_round_trips_into_pandas_with_the_documented_types(client, name):
    schema = table_schema(name, "ru")
    response = client.get(f"/api/v1/datasets/{name}.csv?lang=ru")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}-ru.csv"'
    downloaded = read_documented_csv(response.data, schema)
    expected = as_documented(dataset_frame(name, "ru"), schema)
    assert list(downloaded.columns) == [f["name"] for f in schema["fields"]]
    pd.testing.assert_frame_equal(downloaded, expected, check_dtype=True, check_exact=False)


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_json_and_xlsx_downloads_hold_the_same_rows_as_the_csv(client, name):
    frame = dataset_frame(name, "en")
    body = client.get(f"/api/v1/datasets/{name}.json?lang=en").get_json()
    assert body["dataset"] == name and body["lang"] == "en"
    assert len(body["data"]) == len(frame)
    assert [f["name"] for f in body["schema"]["fields"]] == list(frame.columns)
    workbook = client.get(f"/api/v1/datasets/{name}.xlsx?lang=en")
    sheets = pd.read_excel(io.BytesIO(workbook.data), sheet_name=None)
    data_sheet, fields_sheet = sheets[name[:31]], sheets["fields"]
    assert len(data_sheet) == len(frame)
    assert list(data_sheet.columns) == list(frame.columns)
    assert list(fields_sheet["field"]) == list(frame.columns)


def test_the_package_gives_the_figures_the_pages_show(client, tmp_path):
    path = _unzip(client.get("/api/v1/datapackage.zip?lang=en").data, tmp_path)
    resource = frictionless.Package(str(path)).get_resource("observations")
    rows = [row.to_dict() for row in resource.read_rows()]
    national = {
        (r["indicator"], r["period"]): r["value"]
        for r in rows
        if r["region"] is None and r["agency"] is None and r["facility_type"] is None and r["category"] is None
    }
    assert national[("complaints_received", "2025")] == 240  # report line 1171
    assert national[("registered_torture_offences", "2024")] == 289  # line 934
    assert national[("compensation_paid_tenge", "2024")] == 2_856_510  # line 922
    by_region = {r["region"]: r["value"] for r in rows if r["indicator"] == "prisoners" and r["period"] == "2025"}
    assert by_region["KZ-35"] == 4568  # Table 2, line 1204
    # Every figure equals the query the pages read; "not published" stays empty, never 0.
    query = observations("en")
    assert len(rows) == len(query)
    for row, expected in zip(rows, query.itertuples(), strict=True):
        assert (row["indicator"], row["period"], row["status"]) == (
            expected.indicator,
            expected.period,
            expected.status,
        )
        if expected.status == "not_published":
            assert row["value"] is None
        else:
            assert float(row["value"]) == pytest.approx(float(expected.value))


@pytest.mark.parametrize("lang", LANGS)
def test_topic_downloads_hold_exactly_the_figures_of_that_topic(client, lang):
    for topic in topic_summaries(lang).itertuples():
        response = client.get(f"/api/v1/datasets/observations/{topic.topic}.csv?lang={lang}")
        frame = read_documented_csv(response.data, table_schema("observations", lang))
        assert len(frame) == topic.figures
        assert frame["indicator"].nunique() == topic.indicators
        assert (
            response.headers["Content-Disposition"] == f'attachment; filename="observations-{topic.topic}-{lang}.csv"'
        )


def test_csv_for_spreadsheets_starts_with_a_byte_order_mark_and_package_files_do_not(client):
    assert client.get("/api/v1/datasets/regions.csv?lang=kk").data.startswith(b"\xef\xbb\xbf")
    with zipfile.ZipFile(io.BytesIO(client.get("/api/v1/datapackage.zip?lang=kk").data)) as archive:
        assert archive.read("data/regions.csv").startswith(b"code,")
        assert "Ақмола облысы" in archive.read("data/regions.csv").decode("utf-8")


def test_whole_numbers_are_written_without_a_decimal_point(client):
    text = client.get("/api/v1/datasets/observations.csv?lang=en").data.decode("utf-8-sig")
    assert ",3188," in text and ",3188.0," not in text  # NPM recommendations sent in 2025 (line 1809)
    assert ",21.6," in text  # the rate Table 2 prints for Turkistan Region (line 1191)


def test_a_new_release_reports_the_status_changes_and_keeps_the_package_valid(client, tmp_path, monkeypatch):
    """Release 2026.3 moves R-01 to in progress: the page's change list, the API and the package all show it."""
    import csv

    from data_access import engine as engine_module
    from data_access.cache import invalidate
    from data_access.importer import import_release
    from data_access.queries.catalog import release_changes
    from tests.conftest import copy_release

    release = copy_release(tmp_path)
    for name, change in (("release.csv", {"version": "2026.3"}), ("recommendations.csv", None)):
        with (release / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            if change:
                row.update(change)
            elif row["code"] == "R-01":
                row.update(status="in_progress", status_date="2026-12-01")
        with (release / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'two-releases.sqlite3'}")
    invalidate()
    try:
        engine = engine_module.get_engine()
        engine_module.ensure_database(engine)
        assert import_release(engine, release).ok
        invalidate()
        changes = release_changes()
        assert (changes["current"], changes["previous"]) == ("2026.3", "2026.2")
        assert changes["status_changes"].to_dict("records") == [
            {
                "recommendation": "R-01",
                "old_status": "proposed",
                "new_status": "in_progress",
                "status_date": dt.date(2026, 12, 1),
            }
        ]
        history = client.get("/api/v1/recommendations/R-01").get_json()["data"]["status_history"]
        assert [(h["status"], h["release_version"]) for h in history] == [
            ("proposed", "2026.2"),
            ("in_progress", "2026.3"),
        ]
        assert [r["version"] for r in client.get("/api/v1/releases").get_json()["data"]] == ["2026.3", "2026.2"]
        report = frictionless.validate(
            str(_unzip(client.get("/api/v1/datapackage.zip?lang=en").data, tmp_path / "package"))
        )
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    finally:
        monkeypatch.undo()
        invalidate()
