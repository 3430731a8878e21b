"""Static HTML of a page's Dash layout, put into the first response so the page paints before any script runs.

Dash ships an empty page ("Loading...") and builds everything in the browser
once its scripts have run and the layout has arrived: on a phone that is
seconds of blank screen. The HTML made here is what the layout will look like
(same tags, classes and text; charts as boxes of their final height); React
replaces it wholesale when Dash starts, so it carries no ids (nothing can find
or use a stale copy) and needs no event handlers.
"""

from __future__ import annotations

from html import escape

from components.chart_card import DEFAULT_GRAPH_HEIGHT

# Dash's component names that are not the tag's name.
TAGS = {"MapEl": "map", "ObjectEl": "object"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ATTRIBUTES = {
    "className": "class", "htmlFor": "for", "tabIndex": "tabindex", "colSpan": "colspan", "rowSpan": "rowspan",
    "hrefLang": "hreflang", "accessKey": "accesskey", "contentEditable": "contenteditable", "dateTime": "datetime",
}  # fmt: skip
# Props of Dash's html components that are not HTML attributes (and `id`: see the module docstring).
SKIPPED = {
    "id",
    "children",
    "n_clicks",
    "n_clicks_timestamp",
    "disable_n_clicks",
    "loading_state",
    "key",
    "style",
    "setProps",
}
UNITLESS = {"opacity", "z-index", "font-weight", "line-height", "flex", "flex-grow", "flex-shrink", "order", "zoom"}
# The app's own components (assets/static_html.js; web/static_html.py, deferred.py): tag, attributes,
# and their inner HTML or children.
STATIC_NAMESPACE = "dashboard_static"


def _css(style: dict) -> str:
    parts = []
    for key, value in style.items():
        name = "".join(f"-{c.lower()}" if c.isupper() else c for c in key)
        if isinstance(value, int | float) and not isinstance(value, bool) and name not in UNITLESS:
            value = f"{value}px"
        parts.append(f"{name}:{value}")
    return ";".join(parts)


def _attributes(props: dict, extra_class: str = "") -> str:
    out = []
    classes = " ".join(part for part in (extra_class, props.get("className") or "") if part)
    if classes:
        out.append(f'class="{escape(classes)}"')
    for key, value in props.items():
        if key in SKIPPED or key == "className" or value is None or value is False:
            continue
        if isinstance(value, dict | list):
            continue
        name = ATTRIBUTES.get(key, key)
        out.append(name if value is True else f'{name}="{escape(str(value))}"')
    if isinstance(props.get("style"), dict) and props["style"]:
        out.append(f'style="{escape(_css(props["style"]))}"')
    return (" " + " ".join(out)) if out else ""


def _options(props: dict) -> list[tuple[str, str]]:
    """(label, value) of a control's options, labels as text."""
    out = []
    for option in props.get("options") or []:
        if isinstance(option, dict):
            label = option.get("label")
            out.append((to_html(label) if not isinstance(label, str) else escape(label), str(option.get("value"))))
        else:
            out.append((escape(str(option)), str(option)))
    return out


def _radio_items(props: dict, bootstrap: bool) -> str:
    value = str(props.get("value"))
    items = []
    for label, option_value in _options(props):
        checked = " checked" if option_value == value else ""
        if bootstrap:
            inline = " form-check-inline" if props.get("inline") else ""
            items.append(
                f'<div class="form-check{inline}"><input class="form-check-input" type="radio"{checked}>'
                f'<label class="form-check-label">{label}</label></div>'
            )
        else:
            items.append(f'<label><input type="radio"{checked}>{label}</label>')
    return f"<div{_attributes(props)}>{''.join(items)}</div>"


def _select(props: dict) -> str:
    value = str(props.get("value"))
    options = "".join(
        f"<option{' selected' if option_value == value else ''}>{label}</option>"
        for label, option_value in _options(props)
    )
    return f"<select{_attributes({'className': props.get('className')}, 'form-select')}>{options}</select>"


def _graph(props: dict) -> str:
    figure = props.get("figure") or {}
    height = (figure.get("layout") or {}).get("height") if isinstance(figure, dict) else None
    style = {**(props.get("style") or {}), "height": height or DEFAULT_GRAPH_HEIGHT}
    return f"<div{_attributes({'className': props.get('className'), 'style': style}, 'dash-graph')}></div>"


def tag_of(node: dict) -> str:
    """The HTML tag of one of Dash's html components (`{"type": "Td", ...}` -> "td")."""
    kind = str(node.get("type"))
    return TAGS.get(kind, kind.lower())


def _component(node: dict) -> str:
    kind, namespace, props = node.get("type"), node.get("namespace"), node.get("props") or {}
    if namespace == STATIC_NAMESPACE:
        tag = props.get("tag") or "div"
        inner = props["html"] if "html" in props else to_html(props.get("children"))
        return f"<{tag}{_attributes(props.get('attributes') or {})}>{inner}</{tag}>"
    children = to_html(props.get("children"))
    if namespace == "dash_html_components":
        tag = tag_of(node)
        if tag in VOID:
            return f"<{tag}{_attributes(props)}>"
        return f"<{tag}{_attributes(props)}>{children}</{tag}>"
    if namespace == "dash_core_components":
        if kind == "Link":
            return f"<a{_attributes({'href': props.get('href'), 'className': props.get('className'), 'title': props.get('title')})}>{children}</a>"
        if kind == "Graph":
            return _graph(props)
        if kind == "RadioItems":
            return _radio_items(props, bootstrap=False)
        if kind == "Markdown":
            text = props.get("children")
            return f"<div{_attributes({'className': props.get('className')})}>{escape(text if isinstance(text, str) else '')}</div>"
        return ""  # Store, Location and other components that draw nothing (or draw once Dash runs)
    if namespace == "dash_bootstrap_components":
        if kind == "RadioItems":
            return _radio_items(props, bootstrap=True)
        if kind == "Select":
            return _select(props)
        if kind == "Input":
            attrs = {"type": props.get("type"), "value": props.get("value"), "placeholder": props.get("placeholder")}
            return f"<input{_attributes(attrs, 'form-control')}>"
    return f"<div{_attributes({'className': props.get('className')})}>{children}</div>" if children else ""


def to_html(node: object) -> str:
    """HTML for a layout as Dash serialises it (`{"type", "namespace", "props"}` dicts, lists, text, numbers)."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, str):
        return escape(node)
    if isinstance(node, int | float):
        return escape(str(node))
    if isinstance(node, list):
        return "".join(to_html(child) for child in node)
    if isinstance(node, dict) and "type" in node and "namespace" in node:
        return _component(node)
    return ""
