"""Cache keys from validated values only, a cache capped by bytes, and nothing kept from an outage.

Junk in a request (query parameters, a `lang` cookie, the Host header, callback values) must
neither make new cache entries nor reach what is served.
"""

from __future__ import annotations

import flask
import pytest

from tests.test_delivery import asking, counting_app


@pytest.fixture(scope="module")
def client(bundled):
    import app  # builds the Dash app with its pages
    from data_access.cache import cache

    cache.clear()
    return app.server.test_client()


def entries() -> int:
    from data_access.cache import cache

    return len(cache.cache)


def test_the_memory_cache_never_holds_more_bytes_than_its_cap():
    from data_access.cache import BytesCache

    store = BytesCache(cap_bytes=100_000)
    for i in range(500):
        store.set(f"k{i}", b"x" * 1000)
    assert store.size_bytes <= 100_000
    assert store.get("k499") == b"x" * 1000, "the newest is kept"
    assert store.get("k0") is None, "the oldest went first"
    assert not store.set("huge", b"x" * 200_000), "a value bigger than the cap is not kept at all"


def test_junk_language_cookies_and_hosts_share_one_answer(client):
    from web.hosts import serve_one_origin

    server, calls = counting_app()
    serve_one_origin(server)
    client = server.test_client()
    for i in range(5):
        client.set_cookie("lang", f"zz{i}")
        client.post("/_dash-update-component", json=asking("a"), headers={"Host": f"h{i}.example"})
    assert calls == ["a"], "an unknown language and a forged host are not part of the key"


def test_extra_fields_in_a_callback_body_do_not_make_new_keys(client):
    server, calls = counting_app()
    client = server.test_client()
    for i in range(3):
        client.post("/_dash-update-component", json={**asking("a"), f"junk{i}": i})
    assert calls == ["a"]


@pytest.mark.parametrize(
    "value", [{"nested": 1}, "x" * 1000, list(range(100))], ids=["object", "long text", "long list"]
)
def test_a_callback_whose_inputs_are_not_plain_is_never_kept(client, value):
    server, calls = counting_app()
    client = server.test_client()
    body = asking("a")
    body["state"] = [{"id": "y", "property": "value", "value": value}]
    client.post("/_dash-update-component", json=body)
    client.post("/_dash-update-component", json=body)
    assert calls == ["a", "a"]


def test_junk_query_parameters_of_a_page_make_no_new_cache_entries(client):
    client.get("/_dash-layout", headers={"Referer": "http://localhost/about?lang=en"})
    client.get("/about?lang=en")
    before = entries()
    for i in range(40):
        client.get("/_dash-layout", headers={"Referer": f"http://localhost/about?lang=en&u{i}=1"})
        client.get(f"/about?lang=en&u{i}=1")
        client.get("/_dash-layout", headers={"Referer": "http://localhost/about?lang=en", "Host": f"h{i}.example"})
        client.get("/_dash-layout", headers={"Referer": "http://localhost/about?lang=en", "Cookie": f"lang=zz{i}"})
    assert entries() == before


def test_a_routed_layout_is_rendered_for_its_canonical_query(client):
    from tests.test_delivery import components_by_id

    response = client.get("/_dash-layout", headers={"Referer": "http://localhost/about?u1=1&lang=en"})
    components = components_by_id(response.get_json())
    assert components["delivery-routed-for"]["data"] == "/about?lang=en", "the browser then routes the rest"


def test_a_forged_host_never_reaches_the_page(client):
    response = client.get("/data?lang=en", headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"})
    assert b"evil.example" not in response.get_data()
    layout = client.get("/_dash-layout", headers={"Host": "evil.example", "Referer": "http://localhost/data?lang=en"})
    assert b"evil.example" not in layout.get_data()
    assert layout.get_json()  # the Referer names the public host, so the page is served


def test_public_url_is_the_one_origin(client, monkeypatch):
    from web.hosts import public_origin

    monkeypatch.setenv("PUBLIC_URL", "https://dashboard.example.kz/")
    with client.application.test_request_context("/", headers={"Host": "evil.example"}):
        assert public_origin() == "https://dashboard.example.kz"
    response = client.get("/data?lang=en", headers={"Host": "evil.example"})
    assert b"evil.example" not in response.get_data()


# --- nothing built while the database failed is kept ----------------------------------------------


def test_a_query_that_meets_the_database_away_marks_the_request(bundled):
    from data_access.cache import cached, data_was_unavailable
    from data_access.queries.base import DataUnavailable

    @cached
    def failing_query(_: str) -> None:
        raise DataUnavailable("down")

    with flask.Flask("outage").test_request_context("/"):
        assert not data_was_unavailable()
        with pytest.raises(DataUnavailable):
            failing_query("x")
        assert data_was_unavailable()


def test_a_layout_showing_the_outage_notice_is_not_kept(client, monkeypatch):
    import dash
    from dash import html

    from components.notices import data_unavailable

    page = next(p for p in dash.page_registry.values() if p["path"] == "/about")
    renders: list[int] = []

    def during_outage(**_: str) -> html.Div:
        renders.append(1)
        return html.Div([html.P("figures"), data_unavailable("en")])

    monkeypatch.setitem(page, "layout", during_outage)
    for _ in range(2):
        client.get("/_dash-layout", headers={"Referer": "http://localhost/about?lang=kk"})
    assert len(renders) == 2, "the answer built during the outage was recomputed"
