"""Security headers on every kind of response, the CSP's inline-script hashes, HSTS, debug off, and error pages
that show a request id and never a traceback."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import logging
import re

import flask
import pytest
from dash import Dash, html

from data_access.settings import load_settings
from tests.dash_callbacks import PAGES_OUTPUT, UPDATE_COMPONENT, pages_request
from tests.sqlite_only import sqlite_database_url as database_url  # noqa: F401 - headers do not depend on the backend
from web.security import HSTS_VALUE, register_security_headers

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+")
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
# Dash's IE warning sits in a conditional comment, which no browser it supports runs.
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


@pytest.fixture(scope="module")
def dash_app(bundled):
    import app

    return app.app


@pytest.fixture
def client(dash_app) -> flask.testing.FlaskClient:
    return dash_app.server.test_client()


def directives(policy: str) -> dict[str, list[str]]:
    """A CSP header as directive -> sources."""
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def script_url(client: flask.testing.FlaskClient) -> str:
    page = client.get("/").get_data(as_text=True)
    return re.search(r'<script src="(/_dash-component-suites/[^"]+)"', page).group(1)


def responses(client: flask.testing.FlaskClient) -> dict[str, flask.Response]:
    """One response of every kind the server gives: pages, assets, Dash endpoints, API, downloads, errors."""
    return {
        "page": client.get("/regions?lang=en"),
        "unknown page": client.get("/no-such-page"),
        "dash script": client.get(script_url(client)),
        "asset": client.get("/assets/dashboard.css"),
        "dash layout": client.get("/_dash-layout"),
        "dash dependencies": client.get("/_dash-dependencies"),
        "callback": client.post(UPDATE_COMPONENT, json=pages_request("/about", "?lang=en")),
        "malformed callback": client.post(UPDATE_COMPONENT, json={"output": "no-such.children"}),
        "api": client.get("/api/v1/regions?lang=en"),
        "api error": client.get("/api/v1/regions?colour=red"),
        "download 404": client.get("/download/no-such.csv"),
        "pdf 404": client.get("/pdf/upr-2026.2-xx.pdf"),
        "health": client.get("/healthz"),
        "method not allowed": client.delete("/regions"),
    }


def test_every_kind_of_response_carries_the_security_headers(client) -> None:
    for kind, response in responses(client).items():
        for name, value in EXPECTED.items():
            assert response.headers.get(name) == value, (kind, name)
        assert "camera=()" in response.headers["Permissions-Policy"], kind
        policy = directives(response.headers["Content-Security-Policy"])
        assert policy["frame-ancestors"] == ["'none'"], kind
        assert re.fullmatch(r"[A-Za-z0-9._-]{8,64}", response.headers["X-Request-Id"]), kind
        # Plain HTTP: no HSTS (the HSTS setting is off, and a browser would ignore it anyway).
        assert "Strict-Transport-Security" not in response.headers, kind
        assert response.status_code < 500, kind


def test_the_policy_names_no_other_origin_and_allows_no_unsafe_script(client) -> None:
    policy = directives(client.get("/").headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    for directive, sources in policy.items():
        for source in sources:
            assert source in ("'self'", "'none'", "'unsafe-inline'", "data:", "blob:") or source.startswith(
                "'sha256-"
            ), (
                directive,
                source,
            )
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    # Inline styles are the one concession to Dash and plotly.js (see web/security.py).
    assert [d for d, sources in policy.items() if "'unsafe-inline'" in sources] == ["style-src"]


@pytest.mark.parametrize("path", ["/", "/regions", "/visits", "/recommendations", "/cases", "/upr", "/data", "/about"])
def test_every_inline_script_of_a_page_is_allowed_by_its_hash(client, path: str) -> None:
    response = client.get(path)
    allowed = set(directives(response.headers["Content-Security-Policy"])["script-src"])
    inline = [
        match["body"]
        for match in INLINE_SCRIPT.finditer(HTML_COMMENT.sub("", response.get_data(as_text=True)))
        if "src=" not in match["attrs"] and "application/json" not in match["attrs"]
    ]
    assert inline, "Dash pages start the renderer with an inline script"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, body[:80]


def _tiny_app(hsts: bool) -> flask.Flask:
    app = Dash(__name__ + f".hsts{hsts}")
    app.layout = html.Div("x")
    register_security_headers(app, dataclasses.replace(load_settings(), hsts=hsts))
    return app.server


def test_hsts_and_upgrade_are_sent_only_over_https_when_the_setting_is_on() -> None:
    secure = _tiny_app(hsts=True).test_client()
    over_https = secure.get("/", base_url="https://dashboard.example")
    assert over_https.headers["Strict-Transport-Security"] == HSTS_VALUE
    assert "upgrade-insecure-requests" in over_https.headers["Content-Security-Policy"]
    over_http = secure.get("/")
    assert "Strict-Transport-Security" not in over_http.headers
    assert "upgrade-insecure-requests" not in over_http.headers["Content-Security-Policy"]
    plain = _tiny_app(hsts=False).test_client().get("/", base_url="https://dashboard.example")
    assert "Strict-Transport-Security" not in plain.headers


def test_debug_mode_is_off_unless_asked_for(dash_app) -> None:
    assert load_settings().debug is False
    assert dash_app.server.debug is False
    assert not dash_app.server.config.get("PROPAGATE_EXCEPTIONS")
    assert not dash_app._dev_tools.get("ui")


def test_a_server_error_shows_the_request_id_and_logs_the_traceback(
    dash_app, client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> flask.Response:
        raise RuntimeError("secret detail: postgresql://user:password@db/dashboard")

    monkeypatch.setitem(dash_app.server.view_functions, "healthz", broken)
    with caplog.at_level(logging.ERROR, logger="web.routes"):
        response = client.get("/healthz?lang=ru")
    body = response.get_data(as_text=True)
    request_id = response.headers["X-Request-Id"]
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    assert request_id in body
    assert "Что-то пошло не так" in body  # in the visitor's language
    assert "secret detail" not in body and "password" not in body
    assert not TRACEBACK.search(body)
    record = next(r for r in caplog.records if request_id in r.getMessage())
    assert record.exc_info is not None and "secret detail" in str(record.exc_info[1])


def test_an_error_inside_a_page_callback_is_a_500_with_request_id(
    dash_app, client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_callback(*_args: object, **_kwargs: object) -> None:
        raise ValueError("a bug in a page's callback")

    entry = dict(dash_app.callback_map[PAGES_OUTPUT], callback=broken_callback)
    monkeypatch.setitem(dash_app.callback_map, PAGES_OUTPUT, entry)
    response = client.post(UPDATE_COMPONENT, json=pages_request("/about"))
    assert response.status_code == 500
    assert response.get_json()["request_id"] == response.headers["X-Request-Id"]
    assert "a bug" not in response.get_data(as_text=True)


def test_a_request_dash_cannot_match_to_a_callback_is_a_400(client) -> None:
    response = client.post(UPDATE_COMPONENT, json={"output": "no-such.children", "inputs": []})
    assert response.status_code == 400
    assert response.get_json()["request_id"] == response.headers["X-Request-Id"]
    assert not TRACEBACK.search(response.get_data(as_text=True))


def test_uncaught_data_unavailable_is_a_503_with_retry_after(dash_app, client, monkeypatch: pytest.MonkeyPatch) -> None:
    from data_access.queries.base import DataUnavailable

    def down() -> flask.Response:
        raise DataUnavailable("connection refused")

    monkeypatch.setitem(dash_app.server.view_functions, "healthz", down)
    response = client.get("/healthz?lang=en")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert "Data temporarily unavailable" in response.get_data(as_text=True)
    assert "connection refused" not in response.get_data(as_text=True)


def test_a_plain_request_id_from_the_proxy_is_kept_and_anything_else_replaced(client) -> None:
    assert (
        client.get("/healthz", headers={"X-Request-Id": "proxy-req-0001"}).headers["X-Request-Id"] == "proxy-req-0001"
    )
    forged = client.get("/healthz", headers={"X-Request-Id": "x <script>alert(1)</script> INFO forged log line"})
    assert re.fullmatch(r"[0-9a-f]{16}", forged.headers["X-Request-Id"])


def test_health_check_reports_database_and_cache(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    report = response.get_json()
    assert report["status"] == "ok"
    assert report["database"] == {"backend": "sqlite", "ok": True, "release": "2026.2"}
    assert report["cache"] == {"backend": "memory", "ok": True, "fallback": None}
    assert "sqlite:///" not in response.get_data(as_text=True)  # the address of the database is never shown
