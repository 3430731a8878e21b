"""The one chart card every chart of every page uses.

Title; the figure in <figure> with a one-sentence finding in <figcaption>;
the same numbers as a real table; CSV and XLSX downloads of exactly those
numbers; the source; the data notes.
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import dcc, html

from .datasets import CardData, download_href
from .formatting import format_value
from .i18n import translator
from .sources import Source, linked_line_mentions, source_link, source_links

# plotly.js's default layout height: a chart's box is this tall unless its figure says otherwise
# (web/prerender.py draws the same box before any script runs).
DEFAULT_GRAPH_HEIGHT = 450
# The box around each chart; web/deferred.py mounts the chart in it only when it is near the screen.
CHART_BOX_CLASS = "chart-box"
# A chart with a tool bar gets a strip of its own above the drawing for it (assets/dashboard.css), so the
# bar never covers a legend, a label or a reference line's words, at any width.
TOOLBAR_BOX_CLASS = "chart-box-toolbar"
TOOLBAR_STRIP_PX = 28

GRAPH_CONFIG = {
    "displaylogo": False,
    # dcc.Graph turns plotly's "Share chart..." on; it offers to upload the chart to Plotly's cloud.
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "responsive": True,
    # The one tool a reader uses: save the chart as an image. Zoom and pan buttons covered legends and
    # reference labels on a phone (the bar sits over the chart's top right corner) for no reader's gain.
    "modeBarButtons": [["toImage"]],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def data_table(data: CardData, lang: str, table_id: str | None = None) -> html.Table:
    """The card's numbers as an HTML table with a caption and header cells."""
    header = html.Thead(html.Tr([html.Th(c.header, scope="col") for c in data.columns]))
    rows = []
    for record in data.frame.to_dict("records"):
        cells = []
        for index, column in enumerate(data.columns):
            value = record.get(column.key)
            if isinstance(value, Source):  # a row's own source: a link to its sentence on /report
                text = source_link(value, lang)
            elif column.unit == "text":
                text = str(value if value is not None else "")
            else:
                text = format_value(value, column.unit, lang)
            numeric = column.unit != "text"
            if index == 0:
                cells.append(html.Th(text, scope="row"))
            else:
                cells.append(html.Td(text, className="num" if numeric else None))
        rows.append(html.Tr(cells))
    table = html.Table([html.Caption(data.caption), header, html.Tbody(rows)], className="table table-sm data-table")
    if table_id:
        table.id = table_id
    return table


def scrollable_table(table: html.Table, label: str) -> html.Div:
    """A table that may scroll sideways on a phone, reachable and named for keyboard users."""
    # A named group, not a region: the card is already a region named by its title.
    return html.Div(table, className="table-responsive", tabIndex="0", role="group", **{"aria-label": label})


def download_links(name: str, params: dict, lang: str, label: str | None = None) -> html.P:
    """'Download these numbers: CSV XLSX' for a registered dataset with its parameters."""
    _ = translator(lang)
    return html.P(
        [
            (label or _("Download these numbers")) + ": ",
            html.A("CSV", href=download_href(name, "csv", lang, params), download="", className="me-2"),
            html.A("XLSX", href=download_href(name, "xlsx", lang, params), download=""),
        ],
        className="card-downloads d-print-none",
    )


def source_line(data: CardData, lang: str) -> html.P | None:
    """'Source: …' for a card, or None when it has none."""
    if not data.sources:
        return None
    _ = translator(lang)
    return html.P(
        [html.Span(_("Source") + ": ", className="fw-semibold"), *source_links(data.sources, lang)],
        className="card-source",
    )


def notes_list(notes: list[str], lang: str) -> html.Div | None:
    """The data notes of a card, each marked as such."""
    if not notes:
        return None
    _ = translator(lang)
    return html.Div(
        [
            html.P(_("Data notes"), className="fw-semibold mb-1"),
            html.Ul([html.Li(linked_line_mentions(note, lang)) for note in dict.fromkeys(notes)]),
        ],
        className="card-notes",
    )


def _text(component: object) -> str:
    """The text a component shows (its strings, in order)."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return "".join(_text(child) for child in component)
    return _text(getattr(component, "children", None))


def _children(component: object) -> list:
    children = getattr(component, "children", None)
    if children is None or isinstance(children, (str, int, float)):
        return []
    return list(children) if isinstance(children, (list, tuple)) else [children]


def _is_notes(component: object) -> bool:
    return "card-notes" in (getattr(component, "className", None) or "").split()


def print_notes_once(parts: list, lang: str) -> list:
    """Each data note printed once on a page: at the first card that has it.

    A later card with the same note refers to it instead ("See the data notes of “Map title” above", a link to
    them), so a page whose cards share their observations does not print the same notes three times.
    `parts` are the page's components in reading order (a layout, or a callback's outputs together); they
    are changed in place and returned.
    """
    _ = translator(lang)
    first: dict[str, tuple[str, str]] = {}  # note text -> (anchor id, title of the card that prints it)

    def walk(component: object, card: tuple[str, str] | None) -> None:
        if isinstance(component, (list, tuple)):  # a callback output that is several cards
            for part in component:
                walk(part, card)
            return
        if isinstance(component, html.Section) and getattr(component, "id", None):
            titles = [c for c in _all(component) if getattr(c, "id", None) == f"{component.id}-title"]
            card = (component.id, _text(titles[0]) if titles else "")
        if _is_notes(component):
            _print_once(component, card)
            return
        for child in _children(component):
            walk(child, card)

    def _print_once(block: html.Div | html.P | html.Details, card: tuple[str, str] | None) -> None:
        anchor = getattr(block, "id", None) or (f"{card[0]}-notes" if card else None)
        referred: dict[str, str] = {}  # anchor -> title, for the notes printed earlier
        if isinstance(block, html.Details):  # a key-figure card's one note, folded under its point
            _summary, body = _children(block)
            text = _text(body)
            if text in first:
                target, title = first[text]
                body.children = [_reference(target, title)]
            elif anchor:
                first[text] = (anchor, card[1] if card else "")
                block.id = anchor
            return
        if isinstance(block, html.P):  # a note of one paragraph: "Data note: …"
            label, *note = _children(block)
            text = _text(note)
            if text in first:
                target, title = first[text]
                block.children = [label, _reference(target, title)]
            elif anchor:
                first[text] = (anchor, card[1] if card else "")
                block.id = anchor
            return
        lists = [child for child in _children(block) if isinstance(child, html.Ul)]
        for items in lists:
            kept = []
            for item in _children(items):
                text = _text(item)
                if text in first:
                    referred.setdefault(*first[text])
                    continue
                if anchor:
                    first[text] = (anchor, card[1] if card else "")
                kept.append(item)
            kept += [html.Li(_reference(target, title)) for target, title in referred.items()]
            items.children = kept
        if anchor and any(first_anchor == anchor for first_anchor, _title in first.values()):
            block.id = anchor

    def _reference(target: str, title: str) -> html.A:
        return html.A(
            _("See the data notes of “{card}” above").format(card=title), href=f"#{target}", className="source-link"
        )

    for part in parts:
        walk(part, None)
    return parts


def _all(component: object) -> list:
    """A component and everything inside it."""
    out = [component]
    for child in _children(component):
        out += _all(child)
    return out


def chart_card(
    card_id: str,
    title: str,
    summary: str,
    data: CardData,
    lang: str,
    figure: go.Figure | None = None,
    download: tuple[str, dict] | None = None,
    graph_config: dict | None = None,
    extra: list | None = None,
    min_width: int | None = None,
) -> html.Section:
    """A card: title, figure with its finding, table, downloads, source, notes.

    `card_id` prefixes every id inside (use the page's name first);
    `download` is (dataset name, parameters) of the registered dataset that
    produced `data`; `min_width` keeps a chart that cannot be read squeezed
    (a large grid) at that width, scrolling sideways on a phone.
    """
    _ = translator(lang)
    body: list = [html.H2(title, id=f"{card_id}-title", className="h5 card-title")]
    if figure is not None:
        graph = dcc.Graph(
            id=f"{card_id}-graph",
            figure=figure,
            # plotly.js's own words (tool-bar tooltips) in the page's language: frontend/plotly/ registers ru and kk.
            config={**GRAPH_CONFIG, "locale": lang, **(graph_config or {})},
            className="chart",
        )
        if min_width:
            graph.style = {"minWidth": f"{min_width}px"}
        # The box keeps the chart's height while plotly.js loads and draws it (a chart far down the page
        # is drawn when scrolled near: frontend/plotly/entry.js), so the text below never jumps.
        toolbar = graph.config.get("displayModeBar", True) is not False
        height = (figure.layout.height or DEFAULT_GRAPH_HEIGHT) + (TOOLBAR_STRIP_PX if toolbar else 0)
        graph = html.Div(
            graph,
            className=f"{CHART_BOX_CLASS} {TOOLBAR_BOX_CLASS}" if toolbar else CHART_BOX_CLASS,
            style={"minHeight": f"{height}px"},
        )
        if min_width:
            # Only the chart scrolls, not its caption; a scrolling box must be reachable by keyboard.
            graph = html.Div(graph, style={"overflowX": "auto"}, className="chart-scroll", tabIndex="0")
        body.append(
            html.Figure(
                [
                    graph,
                    html.Figcaption(summary, className="chart-summary"),
                ],
                className="mb-2",
            )
        )
        body.append(
            html.Details(
                [
                    html.Summary(_("Show the numbers as a table")),
                    scrollable_table(data_table(data, lang), data.caption or title),
                ],
                className="chart-table",
            )
        )
    else:
        body.append(html.P(summary, className="chart-summary"))
        body.append(scrollable_table(data_table(data, lang, f"{card_id}-table"), data.caption or title))
    if extra:
        body.extend(extra)
    if download is not None:
        body.append(download_links(*download, lang))
    body.extend(part for part in (source_line(data, lang), notes_list(data.notes, lang)) if part is not None)
    return html.Section(
        html.Div(body, className="card-body"),
        className="card chart-card mb-4",
        id=card_id,
        **{"aria-labelledby": f"{card_id}-title"},
    )
