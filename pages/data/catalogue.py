"""The datasets section: every dataset with its columns and downloads, the figures by topic, the package."""

from __future__ import annotations

import pandas as pd
from dash import html

from components.data_catalog import (
    dataset_description,
    dataset_links,
    dataset_title,
    package_link,
    table_schema,
    topic_name,
)
from components.formatting import format_number
from components.i18n import translator
from data_access.queries.catalog import dataset_summaries, topic_summaries

from .parts import (
    definition_item,
    download_links,
    section_heading,
    sources_text,
    table_box,
    units_text,
    with_code,
    years,
)


def fields_table(name: str, lang: str) -> html.Details:
    """The columns of a dataset (name, type, meaning), folded away under the dataset."""
    _ = translator(lang)
    fields = table_schema(name, lang)["fields"]
    rows = [
        html.Tr(
            [
                html.Th(html.Code(f["name"]), scope="row"),
                html.Td(html.Code(f["type"])),
                html.Td(with_code(f["description"])),
            ]
        )
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
                    html.Td(years(row["period_from"], row["period_to"])),
                    html.Td(units_text(row["units"], lang)),
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
    period = years(summary["period_from"], summary["period_to"])
    if period:
        details += definition_item(_("Period"), period)
    if summary["units"]:
        details += definition_item(_("Unit"), units_text(summary["units"], lang))
    if name == "observations":
        details += definition_item(
            _("Source"),
            _("Special report 2026: the table, figure or line of each figure is in its row; by topic below."),
        )
    elif sources:
        details += definition_item(_("Source"), sources)
    details += definition_item(_("Rows"), format_number(summary["rows"], lang))
    details += definition_item(_("Download"), download_links(dataset_links(name, lang), title, lang))
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
