"""The JSON API under /api/v1/: every documented route answers, filters are checked, errors are JSON, and
schemathesis finds no server error and no schema violation. Runs on SQLite and on PostgreSQL.

The API runs in-process on a bare Flask app with only the API registered, so these tests do not depend on
the Dash pages; the browser tests check the same routes inside the full app.
"""

from __future__ import annotations

import flask
import hypothesis
import pandas as pd
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from schemathesis.generation import GenerationMode

from api import MAX_PER_PAGE, register_api
from api.openapi import openapi_document
from data_access.queries.catalog import dataset_frame
from data_access.queries.observations import observations

# Every route the OpenAPI document describes, with a request that must succeed.
ROUTE_EXAMPLES = {
    "/": "/api/v1/",
    "/openapi.json": "/api/v1/openapi.json",
    "/releases": "/api/v1/releases",
    "/regions": "/api/v1/regions?lang=en",
    "/regions/{code}": "/api/v1/regions/KZ-61?lang=en",
    "/agencies": "/api/v1/agencies?lang=ru",
    "/agencies/{code}": "/api/v1/agencies/MVD?lang=ru",
    "/facility-types": "/api/v1/facility-types",
    "/categories": "/api/v1/categories",
    "/data-notes": "/api/v1/data-notes?lang=en",
    "/indicators": "/api/v1/indicators?topic=cases",
    "/indicators/{code}": "/api/v1/indicators/prisoners?lang=en",
    "/observations": "/api/v1/observations?indicator=complaints_received&period=2025",
    "/recommendations": "/api/v1/recommendations?status=proposed",
    "/recommendations/{code}": "/api/v1/recommendations/R-01",
    "/datasets": "/api/v1/datasets?lang=en",
    "/datasets/{name}.{format}": "/api/v1/datasets/regions.csv?lang=en",
    "/datasets/observations/{topic}.{format}": "/api/v1/datasets/observations/cases.json?lang=en",
    "/datapackage.zip": "/api/v1/datapackage.zip?lang=en",
}


@pytest.fixture(scope="module")
def api_app(bundled) -> flask.Flask:
    """A Flask app with only the API, on the bundled release of each backend (with a cold query cache)."""
    from data_access.cache import cache, init_cache

    app = flask.Flask("api-under-test")
    init_cache(app)
    # The cache is keyed by the release, which is the same on both backends: start each backend cold.
    cache.clear()
    register_api(app)
    return app


@pytest.fixture(scope="module")
def client(api_app: flask.Flask):
    return api_app.test_client()


def test_every_documented_route_has_an_example_here(api_app):
    assert set(openapi_document(None)["paths"]) == set(ROUTE_EXAMPLES)


@pytest.mark.parametrize("route", sorted(ROUTE_EXAMPLES))
def test_every_documented_route_answers(client, route):
    response = client.get(ROUTE_EXAMPLES[route])
    assert response.status_code == 200, response.data[:300]
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers
    assert "public" in response.headers["Cache-Control"]


def test_observations_give_the_figures_the_report_prints(client):
    body = client.get("/api/v1/observations?indicator=complaints_received&lang=en").get_json()
    national = {row["period"]: row["value"] for row in body["data"] if row["category"] is None}
    assert national == {"2024": 111, "2025": 240}  # report line 1171
    row = next(r for r in body["data"] if r["period"] == "2025" and r["category"] is None)
    assert row["source_line"] == 1171
    assert row["indicator_name"] == "Torture complaints received by the Ombudsman"


def test_observations_match_the_query_the_pages_read(client):
    body = client.get("/api/v1/observations?region=KZ-61&lang=ru&per_page=1000").get_json()
    frame = observations("ru", region="KZ-61")
    assert body["meta"]["total"] == len(frame)
    by_key = {(r["indicator"], r["period"]): r["value"] for r in body["data"]}
    for row in frame.itertuples():
        expected = None if pd.isna(row.value) else float(row.value)
        assert by_key[(row.indicator, row.period)] == expected
    assert by_key[("prisoners", "2025")] == 831  # Table 2, line 1191
    assert by_key[("torture_complaints", "2025")] == 18


def test_not_published_figures_are_null_never_zero(client):
    body = client.get("/api/v1/observations?status=not_published&per_page=5").get_json()
    assert body["meta"]["total"] > 0
    assert all(row["value"] is None for row in body["data"])


def test_topic_filter_keeps_only_that_topics_indicators(client):
    body = client.get("/api/v1/observations?topic=compensation&per_page=1000&lang=en").get_json()
    codes = {row["indicator"] for row in body["data"]}
    topic_codes = {row["code"] for row in client.get("/api/v1/indicators?topic=compensation").get_json()["data"]}
    assert codes and codes <= topic_codes
    assert {"compensation_paid_tenge", "compensation_victims"} <= codes


def test_names_follow_lang(client):
    kk = client.get("/api/v1/regions/KZ-75?lang=kk").get_json()["data"]["name"]
    ru = client.get("/api/v1/regions/KZ-75?lang=ru").get_json()["data"]["name"]
    en = client.get("/api/v1/regions/KZ-75?lang=en").get_json()["data"]["name"]
    assert len({kk, ru, en}) == 3
    assert en == "Almaty city" or "Almaty" in en
    assert client.get("/api/v1/regions/KZ-75").get_json()["meta"]["lang"] == "kk"


def test_indicators_carry_their_definitions(client):
    row = client.get("/api/v1/indicators/prisoners?lang=en").get_json()["data"]
    assert row["unit"] == "prisoners"
    assert row["definition"]
    assert row["definition"] == dataset_frame("indicators", "en").set_index("code").at["prisoners", "definition"]


def test_recommendations_carry_addressees_and_status_history(client):
    row = client.get("/api/v1/recommendations/R-01?lang=en").get_json()["data"]
    assert set(row["addressees"]) == {"SA", "MYU", "GP", "MVD"}
    assert row["status_history"] and row["status_history"][-1]["status"] == row["status"]
    assert row["source_line"] == 2007
    addressed = client.get("/api/v1/recommendations?agency=GP&per_page=1000").get_json()["data"]
    assert addressed and all("GP" in r["addressees"] for r in addressed)


def test_pagination_pages_through_every_row_once(client):
    first = client.get("/api/v1/observations?per_page=200").get_json()
    total, pages = first["meta"]["total"], first["meta"]["pages"]
    assert total == len(observations("kk"))
    assert pages == -(-total // 200)
    seen = list(first["data"])
    link = first["links"]["next"]
    while link:
        body = client.get(link).get_json()
        seen.extend(body["data"])
        link = body["links"]["next"]
    assert len(seen) == total
    assert (
        len({(r["indicator"], r["period"], r["region"], r["agency"], r["facility_type"], r["category"]) for r in seen})
        == total
    )


def test_a_page_past_the_end_is_empty_not_an_error(client):
    body = client.get("/api/v1/regions?page=99").get_json()
    assert body["data"] == [] and body["meta"]["total"] == 20 and body["links"]["next"] is None


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/v1/observations?indicator=no_such_indicator", 400, "Unknown indicator"),
        ("/api/v1/observations?region=KZ-99", 400, "Unknown region"),
        ("/api/v1/observations?period=1990", 400, "Unknown period"),
        ("/api/v1/observations?colour=red", 400, "Unknown parameter"),
        ("/api/v1/observations?region=KZ-61&region=KZ-75", 400, "more than once"),
        ("/api/v1/observations?status=zero", 400, "Unknown status"),
        ("/api/v1/regions?lang=de", 400, "Unknown language"),
        ("/api/v1/regions?per_page=0", 400, "per_page"),
        (f"/api/v1/regions?per_page={MAX_PER_PAGE + 1}", 400, "per_page"),
        ("/api/v1/regions?page=%EF%BC%91", 400, "page"),  # a full-width digit one
        ("/api/v1/recommendations?status=done", 400, "Unknown status"),
        ("/api/v1/datasets/regions.csv?topic=cases", 400, "Unknown parameter"),
        ("/api/v1/datasets/observations/weather.csv", 404, "No topic"),
        ("/api/v1/observations?indicator=%00", 400, "Unknown indicator"),
        ("/api/v1/regions/KZ-99", 404, "No region"),
        ("/api/v1/recommendations/R-999", 404, "No recommendation"),
        ("/api/v1/datasets/passwords.csv", 404, "No dataset"),
        ("/api/v1/datasets/regions.pdf", 404, "No format"),
        ("/api/v1/no-such-route", 404, "No API route"),
        ("/api/v2/regions", 404, "No API route"),
        ("/api/", 404, "No API route"),
        ("/api/v1/openapi.json?lang=en", 400, "takes no parameters"),
    ],
)
def test_bad_requests_get_a_json_error_with_a_message(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    assert response.is_json
    error = response.get_json()["error"]
    assert error["status"] == status and words in error["message"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, method):
    response = getattr(client, method)("/api/v1/observations")
    assert response.status_code == 405
    assert response.get_json()["error"]["message"]


def test_cors_preflight_allows_get_only(client):
    response = client.options(
        "/api/v1/observations", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}
    )
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_a_repeated_request_with_the_etag_is_not_modified(client):
    first = client.get("/api/v1/indicators?lang=en")
    second = client.get("/api/v1/indicators?lang=en", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 304 and second.data == b""


def test_no_cookie_is_set_by_the_api(client):
    assert "Set-Cookie" not in client.get("/api/v1/regions?lang=en").headers


def test_database_unavailable_gives_503_with_a_message(client, monkeypatch):
    from data_access.cache import invalidate

    # Nothing listens on port 1: every query fails to connect, as when the database is down.
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/none")
    invalidate()
    try:
        response = client.get("/api/v1/regions?lang=en&page=3")
    finally:
        monkeypatch.undo()
        invalidate()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert "temporarily unavailable" in response.get_json()["error"]["message"]
    assert "127.0.0.1" not in response.get_data(as_text=True)
    assert client.get("/api/v1/regions?lang=en&page=3").status_code == 200


def fuzz(operation, mode: GenerationMode, examples: int) -> None:
    """Send `examples` generated requests of one operation; fail on a server error or a schema violation."""

    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis.settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case) -> None:
        response = case.call()
        assert response.status_code < 500, (case.path, case.query, response.text[:300])
        if mode is GenerationMode.POSITIVE:
            case.validate_response(response)
        else:
            # Invalid input is refused with a JSON message (or, if harmless, answered), never a traceback.
            assert response.status_code == 200 or response.json()["error"]["message"]

    run()


def test_schemathesis_finds_no_server_error_and_no_schema_violation(api_app):
    """Every operation of the OpenAPI document, with valid and with invalid input, bounded to run in seconds."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api_app)
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()
        # Files are slow to build and their content is checked elsewhere: fewer examples there.
        examples = 4 if "{format}" in operation.path or operation.path.endswith(".zip") else 12
        fuzz(operation, GenerationMode.POSITIVE, examples)
        # An operation without parameters has no invalid input to send.
        if operation.query or operation.path_parameters:
            fuzz(operation, GenerationMode.NEGATIVE, examples)
        checked.append(operation.label)
    # Schemathesis leaves out the route that serves the document itself; the route test above covers it.
    assert sorted(checked) == sorted(f"GET {path}" for path in ROUTE_EXAMPLES if path != "/openapi.json")
    print(f"schemathesis checked {len(checked)} API routes")
