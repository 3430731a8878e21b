"""Data and methods: every dataset for download, indicator definitions, data notes, how figures are
computed, the disclosure rule, the release, the map's licence, the API and how to cite."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import flask
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from components.data_catalog import (
    API_PREFIX,
    FORMATS,
    citation,
    dataset_description,
    dataset_links,
    dataset_title,
    package_link,
    table_schema,
    topic_name,
)
from components.datasets import sources_from
from components.formatting import format_date, format_number, format_percent, format_value
from components.i18n import N_, is_language, resolve_language, translator
from components.map import MAP_ATTRIBUTION
from components.notices import data_unavailable, empty_state, notice
from components.shell import page_href, page_shell
from components.units import unit_label
from data_access.queries import meta
from data_access.queries.base import DataUnavailable
from data_access.queries.catalog import (
    change_example,
    dataset_summaries,
    disclosure_summary,
    rate_example,
    release_changes,
    share_example,
    topic_summaries,
)

PATH = "/data"
ALL_TOPICS = "all"
dash.register_page(__name__, path=PATH, name=N_("Data"), nav_order=60, title="Data and methods")

# Section names of the report that appear as a source reference (translated through the catalogues).
SOURCE_SECTIONS = (N_("Conclusions and recommendations"),)
STATUS_TEXT = {
    "proposed": N_("proposed"),
    "in_progress": N_("in progress"),
    "fulfilled": N_("fulfilled"),
    "not_fulfilled": N_("not fulfilled"),
}
FORMAT_LABELS = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}

# (section heading id, heading text): the page's sections, in order, for the table of contents.
SECTIONS = (
    ("data-datasets-title", N_("Datasets")),
    ("data-definitions-title", N_("Indicator definitions")),
    ("data-notes-title", N_("Data notes")),
    ("data-methods-title", N_("How the figures are computed")),
    ("data-disclosure-title", N_("Disclosure rule")),
    ("data-release-title", N_("Release")),
    ("data-map-title", N_("Map boundaries")),
    ("data-api-title", N_("JSON API")),
    ("data-cite-title", N_("How to cite")),
)
SECTION_TITLES = dict(SECTIONS)


def section_heading(anchor: str, lang: str) -> html.H2:
    """A section's heading, with the id the table of contents links to."""
    return html.H2(translator(lang)(SECTION_TITLES[anchor]), className="h4 mt-4", id=anchor)


# ---------------------------------------------------------------------------------------------- pieces


def _years(first: object, last: object) -> str:
    """'2019–2025' from two years or ISO dates; '2025' when they are the same year; '' when unknown."""
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return ""
    a, b = str(first)[:4], str(last)[:4]
    return a if a == b else f"{a}\u2013{b}"


def sources_text(pairs: pd.DataFrame, lang: str) -> str:
    """'Special report 2026, Table 2, lines 1191–1210; text, line 1171': the report named once."""
    _ = translator(lang)
    items = sources_from(pairs, lang)
    report = _("Special report 2026") + ", "
    return "; ".join([items[0], *(item.removeprefix(report) for item in items[1:])]) if items else ""


def _units(units: tuple[str, ...], lang: str) -> str:
    return ", ".join(unit_label(unit, lang) for unit in units)


def download_links(links: dict[str, str], label: str, lang: str) -> html.Span:
    """CSV · XLSX · JSON links, each named for screen readers with what it downloads."""
    _ = translator(lang)
    items = []
    for index, fmt in enumerate(FORMATS):
        if index:
            items.append(" · ")
        items.append(
            html.A(
                FORMAT_LABELS[fmt],
                href=links[fmt],
                download="",
                **{"aria-label": _("{what}, {format} file").format(what=label, format=FORMAT_LABELS[fmt])},
            )
        )
    return html.Span(items, className="data-downloads")


def _definition_item(term: str, value: object) -> list:
    return [html.Dt(term, className="col-sm-3"), html.Dd(value, className="col-sm-9 mb-1")]


def table_box(
    label: str,
    headers: list[str],
    rows: list,
    caption: str | None = None,
    table_id: str | None = None,
    labelledby: str | None = None,
    min_width: str | None = None,
) -> html.Div:
    """A table in a box that scrolls sideways on a narrow screen; the box takes focus, so a keyboard can scroll it.

    `min_width` keeps a wide table readable on a phone: it scrolls instead of squeezing its columns to a word each.
    """
    parts = [
        *([html.Caption(caption)] if caption else []),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
    ]
    table = html.Table(
        [*parts, html.Tbody(rows)],
        className="table table-sm data-table",
        **({"style": {"minWidth": min_width}} if min_width else {}),
        **({"id": table_id} if table_id else {}),
        **({"aria-labelledby": labelledby} if labelledby else {}),
    )
    return html.Div(table, className="table-responsive mb-3", tabIndex="0", role="region", **{"aria-label": label})


def fields_table(name: str, lang: str) -> html.Details:
    """The columns of a dataset (name, type, meaning), folded away under the dataset."""
    _ = translator(lang)
    fields = table_schema(name, lang)["fields"]
    rows = [
        html.Tr([html.Th(html.Code(f["name"]), scope="row"), html.Td(f["type"]), html.Td(f["description"])])
        for f in fields
    ]
    return html.Details(
        [
            html.Summary(_("Columns ({n})").format(n=len(fields))),
            table_box(
                _("Columns of {dataset}").format(dataset=dataset_title(name, lang)),
                [_("Column"), _("Type"), _("Meaning")],
                rows,
                caption=_("Columns of {dataset}").format(dataset=dataset_title(name, lang)),
            ),
        ],
        className="chart-table",
    )


def topics_table(topics: pd.DataFrame, lang: str) -> html.Div:
    """The figures by topic: how many, which years, units, sources and a download of each topic."""
    _ = translator(lang)
    rows = []
    for row in topics.to_dict("records"):
        name = topic_name(row["topic"], lang)
        rows.append(
            html.Tr(
                [
                    html.Th(name, scope="row"),
                    html.Td(format_number(row["indicators"], lang), className="num"),
                    html.Td(format_number(row["figures"], lang), className="num"),
                    html.Td(format_number(row["not_published"], lang), className="num"),
                    html.Td(_years(row["period_from"], row["period_to"])),
                    html.Td(_units(row["units"], lang)),
                    html.Td(sources_text(row["sources"], lang)),
                    html.Td(download_links(dataset_links("observations", lang, row["topic"]), name, lang)),
                ]
            )
        )
    header = [
        _("Topic"),
        _("Indicators"),
        _("Figures"),
        _("Not published"),
        _("Years"),
        _("Units"),
        _("Source"),
        _("Download"),
    ]
    title = _("The figures by topic")
    return table_box(title, header, rows, caption=title, table_id="data-topics-table", min_width="60rem")


def dataset_card(summary: dict, lang: str, extra: list | None = None) -> html.Article:
    """One dataset: what it holds, period, unit, source, rows, its columns and its downloads."""
    _ = translator(lang)
    name = summary["name"]
    title = dataset_title(name, lang)
    sources = sources_text(summary["sources"], lang)
    details = []
    period = _years(summary["period_from"], summary["period_to"])
    if period:
        details += _definition_item(_("Period"), period)
    if summary["units"]:
        details += _definition_item(_("Unit"), _units(summary["units"], lang))
    if name == "observations":
        details += _definition_item(
            _("Source"),
            _("Special report 2026: the table, figure or line of each figure is in its row; by topic below."),
        )
    elif sources:
        details += _definition_item(_("Source"), sources)
    details += _definition_item(_("Rows"), format_number(summary["rows"], lang))
    details += _definition_item(_("Download"), download_links(dataset_links(name, lang), title, lang))
    return html.Article(
        [
            html.H3(title, className="h5", id=f"data-dataset-{name}"),
            html.P(dataset_description(name, lang)),
            html.Dl(details, className="row mb-2"),
            *(extra or []),
            fields_table(name, lang),
        ],
        className="card card-body mb-3",
        **{"aria-labelledby": f"data-dataset-{name}"},
    )


def datasets_section(lang: str) -> html.Section:
    """Every dataset, the whole data package, and the API."""
    _ = translator(lang)
    summaries = dataset_summaries(lang)
    topics = topic_summaries(lang)
    cards = []
    for summary in summaries.to_dict("records"):
        extra = [topics_table(topics, lang)] if summary["name"] == "observations" and len(topics) else None
        cards.append(dataset_card(summary, lang, extra))
    return html.Section(
        [
            section_heading("data-datasets-title", lang),
            html.P(
                [
                    html.A(
                        _("Download all datasets at once (ZIP, Frictionless Data Package)"),
                        href=package_link(lang),
                        download="",
                        className="btn btn-primary me-2 mb-2",
                        id="data-package-link",
                    ),
                ]
            ),
            html.P(
                _(
                    "The package holds every dataset below as a CSV file and a datapackage.json that describes each column: its type, meaning, the primary and foreign keys that link the tables, the licence and the source. Names and texts are in the language of this page. CSV files for spreadsheets are UTF-8 with a byte-order mark."
                )
            ),
            *cards,
        ],
        **{"aria-labelledby": "data-datasets-title"},
    )


def topic_selector(lang: str, topics: list[str], topic: str) -> html.Fieldset:
    """Radio buttons: all topics, or one."""
    _ = translator(lang)
    options = [{"label": _("All topics"), "value": ALL_TOPICS}] + [
        {"label": topic_name(t, lang), "value": t} for t in topics
    ]
    return html.Fieldset(
        [
            html.Legend(_("Show the definitions of"), className="h6"),
            dbc.RadioItems(id="data-topic", options=options, value=topic, inline=True),
        ],
        className="filters d-block d-print-none",
    )


def definitions(lang: str, topic: str) -> list:
    """The indicators' definitions, a table per topic (or only `topic`)."""
    _ = translator(lang)
    frame = meta.indicators(lang)
    if topic != ALL_TOPICS:
        frame = frame[frame["topic"] == topic]
    if frame.empty:
        return [empty_state(_("No indicators have been published yet."))]
    blocks = []
    for code, group in frame.groupby("topic", sort=True):
        name = topic_name(code, lang)
        rows = [
            html.Tr(
                [
                    html.Th(row["name"], scope="row"),
                    html.Td(unit_label(row["unit"], lang)),
                    html.Td(row["definition"]),
                    html.Td(html.Code(row["code"])),
                ]
            )
            for row in group.to_dict("records")
        ]
        heading = f"data-topic-{code}-title"
        blocks.append(html.H3(name, className="h5 mt-4", id=heading))
        headers = [_("Indicator"), _("Unit"), _("Definition"), _("Code")]
        blocks.append(table_box(name, headers, rows, labelledby=heading, min_width="36rem"))
    return blocks


def definitions_section(lang: str, topic: str, topics: list[str]) -> html.Section:
    """Indicator definitions with a topic filter (the filter lives in the URL as ?topic=)."""
    _ = translator(lang)
    return html.Section(
        [
            section_heading("data-definitions-title", lang),
            html.P(
                _(
                    "What each indicator counts. Every definition is given in Kazakh, Russian and English: switch the language at the top of the page, and the downloads follow it."
                )
            ),
            topic_selector(lang, topics, topic),
            html.Div(definitions(lang, topic), id="data-definitions"),
        ],
        **{"aria-labelledby": "data-definitions-title"},
    )


def notes_section(lang: str) -> html.Section:
    """Every data note with the line of the report it is about."""
    _ = translator(lang)
    notes = meta.data_notes(lang)
    items = [
        html.Li(
            [
                row["text"],
                " ",
                html.Span(
                    ("(" + _("report line {n}").format(n=int(row["source_line"])) + ")")
                    if not pd.isna(row["source_line"])
                    else "",
                    className="text-body-secondary",
                ),
            ],
            id=f"data-note-{row['code']}",
            className="mb-2",
        )
        for row in notes.to_dict("records")
    ]
    return html.Section(
        [
            section_heading("data-notes-title", lang),
            html.P(
                _(
                    "Where the report contradicts itself, lost a figure in conversion, or leaves a question open, the dataset keeps what the report prints and says so in a note. Each figure a note applies to carries its code."
                )
            ),
            html.Ul(items) if items else empty_state(_("There are no data notes in this release.")),
        ],
        **{"aria-labelledby": "data-notes-title"},
    )


def methods_section(lang: str) -> html.Section:
    """How rates, shares, changes and coverage are computed, each with an example computed from the data."""
    _ = translator(lang)
    parts: list = [
        section_heading("data-methods-title", lang),
        html.P(
            _(
                "The release holds the counts the report prints. Rates, shares and changes are never typed in: the dashboard computes them from the counts when a page is shown, and only from figures that are published for the same period. Where the report prints its own rounding of a rate or share, that printed value is kept as a separate indicator (its code ends in _printed) so that the two can be compared."
            )
        ),
        html.H3(_("Rates per 1,000 prisoners"), className="h6"),
        html.P(_("Rate = complaints about torture ÷ prisoners × 1,000, for the same region and year.")),
    ]
    rate = rate_example(lang)
    if rate:
        text = _("Example: {region}, {period}: {complaints} ÷ {prisoners} × 1,000 = {rate}.").format(
            region=rate["region_name"],
            period=rate["period"],
            complaints=format_number(rate["complaints"], lang),
            prisoners=format_number(rate["prisoners"], lang),
            rate=format_value(rate["rate"], "per_1000", lang),
        )
        if rate["printed_rate"] is not None:
            text += " " + _("The report prints {printed}.").format(
                printed=format_value(rate["printed_rate"], "per_1000", lang)
            )
        parts.append(
            html.P(
                [
                    text,
                    " ",
                    html.Span("(" + sources_text(rate["sources"], lang) + ")", className="text-body-secondary"),
                ],
                id="data-rate-example",
            )
        )
    parts += [
        html.H3(_("Shares"), className="h6"),
        html.P(
            _(
                "Share = part ÷ whole of the same period and breakdown, for example recommendations fulfilled ÷ recommendations issued. A share is shown only when both counts are published."
            )
        ),
    ]
    share = share_example(lang)
    if share:
        parts.append(
            html.P(
                [
                    _(
                        "Example: NPM recommendations, {period}: {fulfilled} fulfilled ÷ {issued} issued = {share}."
                    ).format(
                        period=share["period"],
                        fulfilled=format_number(share["fulfilled"], lang),
                        issued=format_number(share["issued"], lang),
                        share=format_percent(share["share"], lang),
                    ),
                    " ",
                    html.Span("(" + sources_text(share["sources"], lang) + ")", className="text-body-secondary"),
                ],
                id="data-share-example",
            )
        )
    parts += [
        html.H3(_("Changes on the period before"), className="h6"),
        html.P(
            _(
                "A change compares the latest published figure with the figure for the period of the same length that ends just before it: 2025 with 2024, a span 2023–2024 with 2021–2022. A span of years is never split into single years, and never compared with a single year."
            )
        ),
    ]
    change = change_example(lang)
    if change:
        parts.append(
            html.P(
                [
                    _(
                        "Example: {indicator}: {value} in {period} against {previous} in {previous_period}, a change of {change} ({share})."
                    ).format(
                        indicator=change["indicator_name"],
                        value=format_number(change["value"], lang),
                        period=change["period"],
                        previous=format_number(change["previous_value"], lang),
                        previous_period=change["previous_period"],
                        change=("+" if change["change"] > 0 else "") + format_number(change["change"], lang),
                        share=("+" if change["change"] > 0 else "") + format_percent(change["change_share"], lang),
                    ),
                    " ",
                    html.Span("(" + sources_text(change["sources"], lang) + ")", className="text-body-secondary"),
                ],
                id="data-change-example",
            )
        )
    parts += [
        html.H3(_("Coverage of the visit mandate"), className="h6"),
        html.P(
            _(
                "Coverage = facilities under the NPM's mandate visited at least once in the period ÷ facilities under the mandate. The mandate asks for every facility to be visited at least once in four years. Where facility-level visit logs exist, coverage is counted over that four-year window from the logs; the bundled release has none, so coverage uses the counts the report prints. The report gives two different numbers of mandated facilities; see the data notes."
            )
        ),
        html.H3(_("Figures that are not published"), className="h6"),
        html.P(
            _(
                'Where the report names a figure but does not give it (for example the lost cells of Table 3), the figure is kept with the status not published and no value. It is shown as "not published", never as zero, and it is left out of every total, rate and share.'
            )
        ),
    ]
    return html.Section(parts, **{"aria-labelledby": "data-methods-title"})


def disclosure_section(lang: str) -> html.Section:
    """The disclosure rule and how the current release's cells stand against it."""
    _ = translator(lang)
    summary = disclosure_summary()
    return html.Section(
        [
            section_heading("data-disclosure-title", lang),
            html.P(
                _(
                    "The database holds aggregates only: no names, no personal identification numbers, nothing about a person. An import refuses any column that looks like personal data. Figures below the region level (a single facility) are suppressed when they count fewer than {threshold}: such a cell keeps the status suppressed and no value, and is shown as such."
                ).format(threshold=format_number(summary["threshold"], lang))
            ),
            html.P(
                _(
                    "In the current release: {published} figures published, {not_published} not published by the report, {suppressed} suppressed."
                ).format(
                    published=format_number(summary["published"], lang),
                    not_published=format_number(summary["not_published"], lang),
                    suppressed=format_number(summary["suppressed"], lang),
                ),
                id="data-disclosure-counts",
            ),
        ],
        **{"aria-labelledby": "data-disclosure-title"},
    )


def release_section(lang: str) -> html.Section:
    """The release: version, date, licence, checksum; what changed since the release before it."""
    _ = translator(lang)
    release = meta.release_info(lang)
    changes = release_changes()
    parts: list = [section_heading("data-release-title", lang)]
    if not release:
        parts.append(empty_state(_("No release has been imported yet.")))
        return html.Section(parts, **{"aria-labelledby": "data-release-title"})
    details = (
        _definition_item(_("Version"), release["version"])
        + _definition_item(_("Published"), format_date(release["published"], lang))
        + _definition_item(_("Title"), release["title"])
        + _definition_item(_("Source"), release["source"])
        + _definition_item(_("Licence"), release["licence"])
        + _definition_item(_("Checksum (SHA-256)"), html.Code(release["checksum"], className="text-break"))
    )
    parts.append(html.Dl(details, className="row", id="data-release-details"))
    parts.append(html.H3(_("What changed from the previous release"), className="h6"))
    if changes["previous"] is None:
        parts.append(
            html.P(
                _(
                    "This is the first release imported into this database: there is no earlier release to compare it with."
                ),
                id="data-release-changes",
            )
        )
    else:
        status_changes = changes["status_changes"]
        parts.append(
            html.P(
                _("Compared with release {previous}: {n} recommendations changed status.").format(
                    previous=changes["previous"], n=format_number(len(status_changes), lang)
                ),
                id="data-release-changes",
            )
        )
        if len(status_changes):
            parts.append(
                html.Ul(
                    [
                        html.Li(
                            # Codes, words already translated and a date: nothing here to translate.
                            "{code}: {old} → {new} ({date})".format(
                                code=row["recommendation"],
                                old=_(STATUS_TEXT.get(row["old_status"], row["old_status"])),
                                new=_(STATUS_TEXT.get(row["new_status"], row["new_status"])),
                                date=format_date(row["status_date"], lang),
                            )
                        )
                        for row in status_changes.to_dict("records")
                    ]
                )
            )
    return html.Section(parts, **{"aria-labelledby": "data-release-title"})


def map_section(lang: str) -> html.Section:
    """The licence and attribution of the region boundaries."""
    _ = translator(lang)
    return html.Section(
        [
            section_heading("data-map-title", lang),
            html.P(_(MAP_ATTRIBUTION)),
            html.P(
                _(
                    "The region boundaries (20 first-level units, 2024) come from the geokz package by Alexander Rodionov, licensed under Creative Commons Attribution 4.0 International, which derives them from the OCHA Humanitarian Data Exchange administrative boundaries of Kazakhstan (COD-AB). They were converted to GeoJSON and simplified for the web, without other change. Regions join the map by the map key in the Regions dataset."
                )
            ),
        ],
        **{"aria-labelledby": "data-map-title"},
    )


def api_section(lang: str) -> html.Section:
    """The JSON API in two sentences and an example."""
    _ = translator(lang)
    example = f"{API_PREFIX}/observations?indicator=complaints_received&lang={lang}"
    return html.Section(
        [
            section_heading("data-api-title", lang),
            html.P(
                _(
                    "The same data is available to programs as a read-only JSON API: regions, state bodies, indicators with their definitions, figures filtered by indicator, topic, period, region, state body, facility type, category or status, recommendations with their status history, and releases. Lists come in pages; ?lang= chooses the language of names. The OpenAPI document describes every route."
                )
            ),
            html.Ul(
                [
                    html.Li(html.A(_("OpenAPI document"), href=f"{API_PREFIX}/openapi.json", id="data-openapi-link")),
                    html.Li([_("Example") + ": ", html.A(html.Code(example), href=example)]),
                ]
            ),
        ],
        **{"aria-labelledby": "data-api-title"},
    )


def cite_section(lang: str) -> html.Section:
    """How to cite the data, with a permanent link to this page."""
    _ = translator(lang)
    release = meta.release_info(lang)
    root = flask.request.host_url.rstrip("/") if flask.has_request_context() else ""
    url = root + page_href(PATH, lang)
    return html.Section(
        [
            section_heading("data-cite-title", lang),
            html.P(_("Cite the report the figures come from, and the data release you used:")),
            html.Blockquote(
                html.P(citation(release, lang, url), className="mb-0"),
                className="border-start ps-3",
                id="data-citation",
            ),
            html.P(
                _(
                    "Figures may be reused with attribution under the licence of the release. A link to a page of the dashboard reproduces the view it shows."
                )
            ),
        ],
        **{"aria-labelledby": "data-cite-title"},
    )


# ---------------------------------------------------------------------------------------------- the page


def contents(lang: str) -> html.Nav:
    """Links to the sections of this long page."""
    _ = translator(lang)
    return html.Nav(
        html.Ul(
            [html.Li(html.A(_(text), href=f"#{anchor}"), className="list-inline-item") for anchor, text in SECTIONS],
            className="list-inline mb-3",
        ),
        className="d-print-none",
        id="data-contents",
        **{"aria-label": _("On this page")},
    )


def valid_topic(requested: object, topics: list[str]) -> tuple[str, bool]:
    """The topic to show and whether the request was acceptable (None and 'all' are; anything unknown is not)."""
    if requested is None or requested == ALL_TOPICS:
        return ALL_TOPICS, True
    if isinstance(requested, str) and requested in topics:
        return requested, True
    return ALL_TOPICS, False


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The data and methods page; `?topic=` limits the indicator definitions to one topic."""
    lang = resolve_language(lang)
    _ = translator(lang)
    title = _("Data and methods")
    intro = html.P(
        _(
            "The numbers behind the dashboard, with their definitions and sources, in formats spreadsheets and statistical software read. Every figure comes from the Ombudsman's 2026 special report on counteracting torture and carries the line of the report it is printed on."
        ),
        className="lead-text",
    )
    try:
        topics = sorted(meta.indicators(lang)["topic"].unique())
        topic, accepted = valid_topic(query.get("topic"), topics)
        notices = (
            [] if accepted else [notice(_("There is no such topic; showing the definitions of all topics."), "warning")]
        )
        content = [
            intro,
            dcc.Store(id="data-lang", data=lang),
            dcc.Store(id="data-filters"),
            dcc.Store(id="data-url-sync"),
            html.Div(notices, id="data-notice", **{"aria-live": "polite"}),
            contents(lang),
            datasets_section(lang),
            definitions_section(lang, topic, topics),
            notes_section(lang),
            methods_section(lang),
            disclosure_section(lang),
            release_section(lang),
            map_section(lang),
            api_section(lang),
            cite_section(lang),
        ]
    except DataUnavailable:
        return page_shell(PATH, lang, title, [intro, data_unavailable(lang)], query)
    return page_shell(PATH, lang, title, content, query)


@callback(
    Output("data-definitions", "children"),
    Output("data-notice", "children"),
    Output("data-filters", "data"),
    Input("data-topic", "value"),
    State("data-lang", "data"),
    prevent_initial_call=True,
)
def change_topic(requested: object, lang: object) -> tuple:
    """Show the definitions of the chosen topic; anything malformed gives all topics and a notice."""
    lang = lang if is_language(lang) else resolve_language(None)
    _ = translator(lang)
    try:
        topics = sorted(meta.indicators(lang)["topic"].unique())
        topic, accepted = valid_topic(requested, topics)
        blocks = definitions(lang, topic)
    except DataUnavailable:
        return data_unavailable(lang), [], dash.no_update
    notices = (
        [] if accepted else [notice(_("There is no such topic; showing the definitions of all topics."), "warning")]
    )
    return blocks, notices, {"topic": None if topic == ALL_TOPICS else topic}


clientside_callback(
    ClientsideFunction("url", "replaceQuery"),
    Output("data-url-sync", "data"),
    Input("data-filters", "data"),
)
