"""web/delivery.py: the page in the layout, cached callback answers, the small plotly.js bundle.

Runs the full app in-process on the bundled release of each backend.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import brotli
import flask
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def client(bundled):
    import app  # builds the Dash app with its pages
    from data_access.cache import cache

    cache.clear()  # the release (and so every key) is the same on both backends: start each cold
    return app.server.test_client()


def components_by_id(tree: object) -> dict[str, dict]:
    """Every component with a (string) id in a layout's JSON: {id: props}."""
    found: dict[str, dict] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict):
                if isinstance(props.get("id"), str):
                    found[props["id"]] = props
                walk(props.get("children"))
            else:
                for value in node.values():
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return found


def test_layout_carries_the_page_named_by_the_referer(client, monkeypatch):
    import dash

    from components.page import Param, ParamSpec

    # Only the parameters a page declares reach its routed layout (and the cache key).
    page = next(p for p in dash.page_registry.values() if p["path"] == "/regions")
    monkeypatch.setitem(page, "params", ParamSpec((Param("metric", {"complaints", "visits"}),)))
    response = client.get("/_dash-layout", headers={"Referer": "http://localhost/regions?lang=en&metric=complaints"})
    assert response.status_code == 200
    components = components_by_id(response.get_json())
    assert components["_pages_content"]["children"], "the page is in the layout"
    assert components["regions-metric"]["value"] == "complaints", "the URL's filter is applied"
    location = components["_pages_location"]
    # dcc.Location finds nothing to change on mount, so the routing callback does not fire.
    assert (location["pathname"], location["search"]) == ("/regions", "?lang=en&metric=complaints")
    assert components["delivery-routed-for"]["data"] == "/regions?lang=en&metric=complaints"
    assert components["_pages_store"]["data"]["title"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Referer": "https://elsewhere.example/regions?lang=en"}, {"Referer": "http://localhost/no-such-page"}],
    ids=["no referer", "another site", "unknown page"],
)
def test_layout_without_a_known_page_is_dashs_plain_layout(client, headers):
    components = components_by_id(client.get("/_dash-layout", headers=headers).get_json())
    assert components["_pages_content"].get("children") is None
    assert "pathname" not in components["_pages_location"], "the routing callback fills the page, as before"
    assert components["delivery-routed-for"].get("data") is None


def test_a_page_that_fails_to_render_falls_back_to_the_routing_callback(client, monkeypatch):
    import dash

    page = next(p for p in dash.page_registry.values() if p["path"] == "/about")

    def broken(**_: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(page, "layout", broken)
    response = client.get("/_dash-layout", headers={"Referer": "http://localhost/about?lang=en&fresh=1"})
    assert response.status_code == 200
    assert components_by_id(response.get_json())["_pages_content"].get("children") is None


def asking(answer: str) -> dict:
    """A callback request (as dash-renderer sends it) whose one input value names the answer wanted."""
    return {"output": "x.children", "inputs": [{"id": "x", "property": "value", "value": answer}]}


def counting_app() -> tuple[flask.Flask, list[str]]:
    """A bare Flask app whose one JSON view is wrapped by cached_json_view and counts its calls."""
    from data_access.cache import init_cache
    from web.delivery import _callback_key, cached_json_view

    server = flask.Flask("delivery-under-test")
    init_cache(server)
    calls: list[str] = []

    def view() -> flask.Response:
        answer = flask.request.get_json()["inputs"][0]["value"]
        calls.append(answer)
        if answer == "nothing":
            return flask.Response("", status=204)
        if answer == "outage":
            from plotly.io.json import to_json_plotly

            from components.notices import data_unavailable

            # The notice as a static-HTML fold would carry it: no "role" key left to spot in the bytes.
            notice = {"response": {"x": {"children": str(data_unavailable("en").to_plotly_json()["props"])}}}
            return flask.Response(to_json_plotly(notice), mimetype="application/json")
        return flask.Response(json.dumps({"answer": answer}), mimetype="application/json")

    server.add_url_rule("/_dash-update-component", "update", cached_json_view(view, _callback_key), methods=["POST"])
    return server, calls


def test_a_callback_answer_is_computed_once_per_request_language_cookie_and_release(bundled):
    server, calls = counting_app()
    client = server.test_client()
    first = client.post("/_dash-update-component", json=asking("a"))
    again = client.post("/_dash-update-component", json=asking("a"))
    assert first.get_json() == again.get_json() == {"answer": "a"}
    assert calls == ["a"]
    client.post("/_dash-update-component", json=asking("b"))
    client.set_cookie("lang", "ru")
    client.post("/_dash-update-component", json=asking("a"))
    assert calls == ["a", "b", "a"], "another body or another language cookie is another answer"


def test_no_update_and_the_outage_notice_are_never_kept(bundled):
    server, calls = counting_app()
    client = server.test_client()
    for _ in range(2):
        assert client.post("/_dash-update-component", json=asking("nothing")).status_code == 204
        assert client.post("/_dash-update-component", json=asking("outage")).status_code == 200
    assert calls == ["nothing", "outage", "nothing", "outage"]


@pytest.mark.parametrize(("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_kept_answers_are_compressed_for_the_browser(bundled, encoding, decompress):
    server, _ = counting_app()
    client = server.test_client()
    for _ in range(2):  # computed, then from the cache
        response = client.post(
            "/_dash-update-component", json=asking(encoding), headers={"Accept-Encoding": f"{encoding}, deflate"}
        )
        assert response.headers["Content-Encoding"] == encoding
        assert json.loads(decompress(response.get_data())) == {"answer": encoding}


@pytest.mark.parametrize(
    ("encoding", "decompress"), [("", bytes), ("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_dcc_graph_gets_the_apps_own_plotly_bundle_compressed_ahead(client, encoding, decompress):
    response = client.get(
        "/_dash-component-suites/plotly/package_data/plotly.min.js", headers={"Accept-Encoding": encoding}
    )
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding", "") == encoding
    body = decompress(response.get_data())
    response.close()
    assert b"custom bundle" in body[:300]
    assert len(body) < 2_000_000, "far smaller than plotly's full 4.8 MB bundle"
    assert body == (ROOT / "assets" / "vendor" / "plotly" / "plotly-custom.min.js").read_bytes()


def test_pages_load_no_polyfill_and_not_the_plotly_bundle_itself(client):
    index = client.get("/regions?lang=en").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', index)
    assert not [src for src in scripts if "polyfill" in src]
    assert [src for src in scripts if "regenerator-runtime" in src], "the one part of the polyfill Dash calls"
    assert not [src for src in scripts if "plotly" in src], "plotly.js is fetched by dcc.Graph when a chart mounts"


def trace_types_drawn() -> set[str]:
    """The plotly trace types the app's figure code creates (`go.Bar(` -> 'bar')."""
    used = set()
    for path in [*ROOT.glob("components/*.py"), *ROOT.glob("pages/**/*.py")]:
        used |= {name.lower() for name in re.findall(r"\bgo\.([A-Z][a-z0-9]+)\(", path.read_text()) if name != "Figure"}
    return used


def test_the_bundle_registers_every_trace_type_the_figures_use():
    entry = (ROOT / "frontend" / "plotly" / "entry.js").read_text()
    registered = set(re.findall(r"require\('plotly\.js/lib/([a-z0-9]+)'\)", entry)) | {"scatter"}  # scatter is in core
    assert trace_types_drawn(), "the figure code was found"
    assert trace_types_drawn() <= registered, (
        "add the trace to frontend/plotly/entry.js and run node frontend/plotly/build.js"
    )


def test_the_first_response_paints_the_page_without_scripts(client):
    page = client.get("/regions?lang=en&metric=complaints").get_data(as_text=True)
    entry = page[page.index('<div id="react-entry-point">') :]
    static = entry[: entry.index("<script")]
    assert "Loading..." not in static
    assert "<h1" in static and "<main" in static and 'class="site-footer"' in static
    assert 'class="dash-graph chart" style="height:' in static, "charts keep their final height"
    assert re.search(
        r'<input class="form-check-input" type="radio" checked><label class="form-check-label">[^<]+</label>', static
    )
    ids = re.findall(r'\bid="([^"]+)"', static)
    assert ids == ["react-entry-point"], "no stale copy of a Dash component can be found by id"


def test_a_url_with_no_page_keeps_dashs_loading_entry(client):
    page = client.get("/no-such-page?lang=en").get_data(as_text=True)
    assert "Loading..." in page


def test_static_html_escapes_text_and_attributes_and_writes_styles():
    from web.prerender import to_html

    tree = {
        "type": "Div",
        "namespace": "dash_html_components",
        "props": {
            "id": "x",
            "className": "a b",
            "style": {"marginTop": 4, "fontWeight": 700},
            "aria-label": 'say "hi"',
            "children": ["<b>", {"type": "Br", "namespace": "dash_html_components", "props": {}}, 3, None,
                         {"type": "Store", "namespace": "dash_core_components", "props": {"data": "secret"}}],
        },
    }  # fmt: skip
    assert (
        to_html(tree)
        == '<div class="a b" aria-label="say &quot;hi&quot;" style="margin-top:4px;font-weight:700">&lt;b&gt;<br>3</div>'
    )
