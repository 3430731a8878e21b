"""Work a served page does not do at once: its sections built one per task, its charts mounted when near.

Sections. Dash builds a whole page in one go: on a throttled phone that is one task of
half a second or more, during which the page cannot answer a tap (Lighthouse's
Total Blocking Time). The page's static HTML is already on screen
(web/prerender.py), so the sections of its main content need not be
built at once: each is served inside a `Deferred` component (assets/static_html.js)
that first shows a copy of it (same tag, attributes and inner HTML) and then,
one section per task, in page order, puts the section itself in its place.
Nothing on screen moves; the section is in Dash's layout from the start, with
its ids, so callbacks see it as before.

Charts. A chart's box (components/chart_card.py) is served as a `NearViewport`
component that mounts the chart only once a chart of the page comes within
600 px of the screen: a page read only at its top never loads plotly.js (about
400 KB and a long task to start it). Then every chart of the page is mounted;
each draws when scrolled near (frontend/plotly/entry.js), and all of them before
printing.
"""

from __future__ import annotations

from components.chart_card import CHART_BOX_CLASS

from .prerender import to_html
from .static_html import HTML_NAMESPACE, is_component, rewrite, standing_for

TYPE = "Deferred"
NEAR_VIEWPORT = "NearViewport"
MAIN_ID = "main-content"  # components/shell.py's <main>
SECTION_TAGS = {"Section", "Article", "Aside"}


def _deferred(section: dict) -> dict:
    # First a copy (the section's own tag and attributes, its id too, and its inner HTML); then the
    # section itself, unchanged, ids and all.
    return standing_for(TYPE, section, html=to_html((section.get("props") or {}).get("children")), children=section)


def _holds_section(node: object) -> bool:
    """Whether `node` is, or holds, an html section (or article, aside)."""
    if isinstance(node, list):
        return any(_holds_section(child) for child in node)
    if not is_component(node) or node["namespace"] != HTML_NAMESPACE:
        return False
    return _is_section(node) or _holds_section((node.get("props") or {}).get("children"))


def _is_section(node: object) -> bool:
    return is_component(node) and node["namespace"] == HTML_NAMESPACE and node["type"] in SECTION_TAGS


def _defer_sections(node: object) -> object:
    """`node` with each innermost html section (or article, aside) wrapped in a Deferred.

    Innermost, so that a section made of many (the tracker's recommendations, the catalogue's
    datasets) is built a part per task, and what it holds around them at once.
    """
    if isinstance(node, list):
        return [_defer_sections(child) for child in node]
    if not is_component(node) or node["namespace"] != HTML_NAMESPACE:
        return node  # text, or a dcc/dbc component (its children are its own business)
    props = node.get("props") or {}
    if _is_section(node) and not isinstance(props.get("id"), dict) and not _holds_section(props.get("children")):
        return _deferred(node)
    return {**node, "props": {**props, "children": _defer_sections(props.get("children"))}}


def defer_main_sections(layout: object) -> object:
    """`layout` (Dash's JSON form) with the innermost sections inside `<main id="main-content">` deferred."""

    def main_deferred(node: dict) -> dict | None:
        props = node.get("props") or {}
        if props.get("id") != MAIN_ID:
            return None
        return {**node, "props": {**props, "children": _defer_sections(props.get("children"))}}

    return rewrite(layout, main_deferred)


def _near_viewport(node: dict) -> dict | None:
    props = node.get("props") or {}
    if node["namespace"] != HTML_NAMESPACE or CHART_BOX_CLASS not in str(props.get("className") or "").split():
        return None
    return standing_for(NEAR_VIEWPORT, node, children=props.get("children"))


def defer_charts(layout: object) -> object:
    """`layout` (Dash's JSON form, or any JSON holding components) with each chart box made a NearViewport."""
    return rewrite(layout, _near_viewport)
