"""web/static_html.py: static parts of a served layout collapsed into one component each, losing nothing."""

from __future__ import annotations

import json

import pytest
from dash import dcc, html
from plotly.io.json import to_json_plotly as to_json

from web.prerender import to_html
from web.static_html import NAMESPACE, TYPE, collapse


def as_json(component: object) -> object:
    return json.loads(to_json(component))


def count(node: object, kind: str | None = None) -> int:
    """How many components (of type `kind`, or of any type) a layout's JSON holds."""
    if isinstance(node, list):
        return sum(count(child, kind) for child in node)
    if isinstance(node, dict) and "namespace" in node:
        own = 1 if kind in (None, node["type"]) else 0
        return own + sum(count(value, kind) for value in (node.get("props") or {}).values())
    return 0


def table(rows: int) -> html.Table:
    return html.Table(
        [
            html.Caption("Complaints by region"),
            html.Tbody([html.Tr([html.Th(f"Region {i}", scope="row"), html.Td(i * 10)]) for i in range(rows)]),
        ],
        className="table",
    )


def test_a_table_without_ids_becomes_one_component_holding_the_same_html():
    layout = as_json(html.Div([html.H2("Title"), table(50)], className="card"))
    collapsed = collapse(layout)
    assert count(layout) == 155
    assert count(collapsed) == 1, "the whole static card is one component"
    assert collapsed["namespace"] == NAMESPACE and collapsed["type"] == TYPE
    assert collapsed["props"]["tag"] == "div" and collapsed["props"]["attributes"] == {"className": "card"}
    assert to_html(collapsed) == to_html(layout), "the same tags, attributes and text"


def test_components_with_an_id_and_everything_around_them_stay_dash_components():
    layout = as_json(
        html.Section(
            [
                html.H2("Coverage", id="visits-title"),
                html.Div([html.P("Chosen year"), dcc.Graph(id="visits-graph", figure={"data": [{"type": "bar"}]})]),
                html.Div(table(3), className="chart-table"),
            ]
        )
    )
    collapsed = collapse(layout)
    section = collapsed["props"]["children"]
    assert section[0]["props"]["id"] == "visits-title", "a component a callback may address is kept"
    graph_box = section[1]
    assert graph_box["type"] == "Div" and graph_box["props"]["children"][1]["type"] == "Graph"
    assert graph_box["props"]["children"][1]["props"]["figure"] == {"data": [{"type": "bar"}]}, "figures untouched"
    assert section[2]["type"] == TYPE and count(section[2]) == 1
    assert count(collapsed, "Td") == 0 and to_html(collapsed) == to_html(layout)


def test_a_lone_element_is_not_wrapped_and_text_and_numbers_pass_unchanged():
    layout = as_json(html.Div([html.P("One sentence."), "text", 3, None, dcc.Store(id="store", data={"a": [1]})]))
    collapsed = collapse(layout)
    assert collapsed == layout


def test_components_in_props_other_than_children_are_collapsed_too():
    label = html.Span([html.Strong("Fulfilled"), html.Small(" (share)")])
    layout = as_json(dcc.Tabs([dcc.Tab(label="x", children=html.Div([html.P("a"), html.P("b")]))], id="tabs"))
    collapsed = collapse(layout)
    tab = collapsed["props"]["children"][0]
    assert tab["props"]["children"]["type"] == TYPE
    assert collapse(as_json(dcc.Loading(label, id="loading")))["props"]["children"]["type"] == TYPE


@pytest.mark.parametrize("path", ["/recommendations", "/data", "/visits", "/upr"])
def test_a_served_page_is_a_fraction_of_the_components_and_paints_the_same(bundled, path):
    import app
    from web.delivery import routed_layout

    with app.server.test_request_context(path + "?lang=en"):
        layout = as_json(routed_layout(app.app, path, "?lang=en"))
    collapsed = collapse(layout)
    assert count(collapsed) < count(layout) / 2
    assert to_html(collapsed) == to_html(layout)
