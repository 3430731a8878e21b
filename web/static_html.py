"""The static parts of a served layout as one component each, so React builds a page in a fraction of the time.

Dash makes every `html.*` element a React component of its own, wrapped in
Dash's renderer: a chart page with its tables holds well over a thousand
(`/recommendations`: 1,845, of them 1,417 table cells), and building them
was most of the main-thread time on a throttled phone (bench/notes.md).
Yet most of a page is text no callback ever reads or writes.

`collapse(layout)` replaces each largest subtree made only of `html.*`
elements without an `id` by one `StaticHtml` component (assets/static_html.js)
that holds the subtree's outer element and its inner HTML: the same tags,
attributes and text (written by web/prerender.py), parsed natively
by the browser. Anything with an `id` (what callbacks address), any
`dcc`/`dbc` component and everything around them stay Dash components.
Pages and tests keep building and reading ordinary Dash components; only
what is served (web/delivery.py) is collapsed.
"""

from __future__ import annotations

from collections.abc import Callable

from .prerender import STATIC_NAMESPACE, VOID, tag_of, to_html

NAMESPACE = STATIC_NAMESPACE  # assets/static_html.js defines window.dashboard_static
TYPE = "StaticHtml"
HTML_NAMESPACE = "dash_html_components"
# Props of Dash's html components that React must not get as attributes.
NOT_ATTRIBUTES = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "key"}


def is_component(node: object) -> bool:
    """Whether `node` is a component in Dash's JSON form (`{"type", "namespace", "props"}`)."""
    return isinstance(node, dict) and "type" in node and "namespace" in node


def attributes_of(props: dict) -> dict:
    """The props of one of Dash's html components that React takes as the element's attributes."""
    return {key: value for key, value in props.items() if key not in NOT_ATTRIBUTES and value is not None}


def standing_for(kind: str, node: dict, **props: object) -> dict:
    """A component of assets/static_html.js (`kind`) standing for the html component `node`: its tag, its
    attributes, and `props`."""
    attributes = attributes_of(node.get("props") or {})
    return {"type": kind, "namespace": NAMESPACE, "props": {"tag": tag_of(node), "attributes": attributes, **props}}


def rewrite(node: object, replace: Callable[[dict], dict | None]) -> object:
    """`node` (Dash's JSON form) with each component that `replace` returns a stand-in for replaced by it,
    and not looked into; `replace` returns None to have a component's props looked into instead."""
    if isinstance(node, list):
        return [rewrite(child, replace) for child in node]
    if not isinstance(node, dict) or not is_component(node):
        return node
    replaced = replace(node)
    if replaced is not None:
        return replaced
    props = node.get("props") or {}
    return {
        **node,
        "props": {
            key: rewrite(value, replace) if is_component(value) or isinstance(value, list) else value
            for key, value in props.items()
        },
    }


def _walk(node: object) -> tuple[object, int | None]:
    """(node with its static subtrees collapsed, how many html elements it holds if it is static as a whole, else None).

    A static node is left as it is for its parent to take in; it is collapsed only
    where its parent is not static, so that each collapsed subtree is a largest one.
    """
    if isinstance(node, list):
        walked = [_walk(child) for child in node]
        if all(size is not None for _, size in walked):
            return node, sum(size for _, size in walked)  # type: ignore[misc]
        return [_collapsed(child, size) for child, size in walked], None
    if not is_component(node):
        # Text and numbers are static; a plain dict (a figure, a store's data) is left alone.
        return node, 0 if node is None or isinstance(node, str | int | float) else None
    props = dict(node.get("props") or {})
    if node["namespace"] == HTML_NAMESPACE:
        children, size = _walk(props.get("children"))
        if size is not None and props.get("id") is None:
            return node, size + 1
        props["children"] = _collapsed(children, size)
        return {**node, "props": props}, None
    for key, value in props.items():
        if is_component(value) or isinstance(value, list):
            walked, size = _walk(value)
            props[key] = _collapsed(walked, size)
    return {**node, "props": props}, None


def _collapsed(node: object, size: int | None) -> object:
    """`node`, collapsed if it is a static html subtree worth it (one element alone gains nothing)."""
    if size is None or size < 2:
        return node
    if isinstance(node, list):
        return [_collapsed(*_walk(child)) for child in node]
    if not is_component(node) or tag_of(node) in VOID:  # type: ignore[arg-type]
        return node
    return standing_for(TYPE, node, html=to_html((node.get("props") or {}).get("children")))  # type: ignore[union-attr,arg-type]


def collapse(layout: object) -> object:
    """`layout` (Dash's JSON form: `{"type", "namespace", "props"}` dicts, lists, text) with its static parts collapsed."""
    walked, size = _walk(layout)
    return _collapsed(walked, size)
