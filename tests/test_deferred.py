"""web/deferred.py: a served page's sections built one per task, its charts mounted when near the screen."""

from __future__ import annotations

import json
import re

import pytest
from dash import dcc, html
from plotly.io.json import to_json_plotly as to_json

from components.chart_card import CHART_BOX_CLASS
from web.deferred import NEAR_VIEWPORT, TYPE, defer_charts, defer_main_sections
from web.prerender import to_html
from web.static_html import NAMESPACE


def as_json(component: object) -> object:
    return json.loads(to_json(component))


@pytest.fixture
def client_layout(bundled):
    """(the /visits page's routed layout, the same as served) in Dash's JSON form."""
    import app
    from web.delivery import routed_layout, routed_layout_json

    with app.server.test_request_context("/visits?lang=en"):
        layout = as_json(routed_layout(app.app, "/visits", "?lang=en"))
        served = json.loads(routed_layout_json(app.app, "/visits", "?lang=en"))
    return layout, served


def chart_box() -> html.Div:
    return html.Div(dcc.Graph(id="cases-stages-graph", figure={"data": []}), className=CHART_BOX_CLASS)


def page() -> html.Div:
    return html.Div(
        [
            html.Header(html.Section(html.P("In the header: built at once"))),
            html.Main(
                html.Div(
                    [
                        html.H1("Cases"),
                        html.Section([html.H2("Stages", id="cases-stages-title"), chart_box()], id="cases-stages"),
                        html.Div(html.Section(html.Section(html.P("Nested")), className="card")),
                    ],
                    className="container",
                ),
                id="main-content",
            ),
        ]
    )


def test_each_innermost_section_of_the_main_content_is_deferred_with_itself_inside():
    layout = as_json(page())
    deferred = defer_main_sections(layout)
    header, main = deferred["props"]["children"]
    assert header == layout["props"]["children"][0], "only the main content is deferred"
    _, stages, wrapper = main["props"]["children"]["props"]["children"]
    original_stages = layout["props"]["children"][1]["props"]["children"]["props"]["children"][1]
    assert (stages["namespace"], stages["type"]) == (NAMESPACE, TYPE)
    assert stages["props"]["children"] == original_stages, "the section itself, ids and all, replaces the copy"
    assert stages["props"]["tag"] == "section" and stages["props"]["attributes"] == {"id": "cases-stages"}
    assert stages["props"]["html"] == to_html(original_stages["props"]["children"])
    outer = wrapper["props"]["children"]
    assert outer["type"] == "Section", "a section holding sections is built at once, its sections one by one"
    inner = outer["props"]["children"]
    assert inner["type"] == TYPE and inner["props"]["children"]["type"] == "Section"
    assert inner["props"]["children"]["props"]["children"]["props"]["children"] == "Nested"
    assert to_html(deferred) == to_html(layout), "the first copy is what the page looks like"


def test_a_chart_box_becomes_a_near_viewport_box_holding_the_same_graph():
    layout = as_json(page())
    deferred = defer_charts(layout)
    section = deferred["props"]["children"][1]["props"]["children"]["props"]["children"][1]
    box = section["props"]["children"][1]
    assert (box["namespace"], box["type"]) == (NAMESPACE, NEAR_VIEWPORT)
    assert box["props"]["attributes"] == {"className": CHART_BOX_CLASS}
    assert box["props"]["children"]["props"]["id"] == "cases-stages-graph"
    assert to_html(deferred) == to_html(layout)
    assert defer_charts(as_json(html.Div(html.P("no chart"), className="chart-boxes"))) == as_json(
        html.Div(html.P("no chart"), className="chart-boxes")
    ), "the class is matched whole"


def test_a_served_chart_page_defers_every_section_and_chart_and_paints_the_same(client_layout):
    layout, served = client_layout
    text = json.dumps(served)
    classes = re.findall(r'"className": "([^"]*)"', json.dumps(layout))
    chart_boxes = sum(CHART_BOX_CLASS in names.split() for names in classes)
    assert text.count(f'"type": "{NEAR_VIEWPORT}"') == chart_boxes > 0
    assert text.count(f'"type": "{TYPE}"') > 0
    assert to_html(served) == to_html(layout)
