"""The indicator definitions (with their topic filter) and the data notes."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components.data_catalog import topic_name
from components.i18n import translator
from components.notices import empty_state
from components.sources import linked_line_mentions, make_sources, source_links
from components.units import unit_label
from data_access.queries import meta

from .params import ALL_TOPICS
from .parts import section_heading, table_box


def topic_selector(lang: str, topics: list[str], topic: str) -> html.Fieldset:
    """Radio buttons: all topics, or one."""
    _ = translator(lang)
    options = [{"label": _("All topics"), "value": ALL_TOPICS}] + [
        {"label": topic_name(t, lang), "value": t} for t in topics
    ]
    return html.Fieldset(
        [
            html.Legend(_("Show the definitions of"), className="h6"),
            # One name makes the radios one group: one Tab stop, arrow keys move the choice.
            dbc.RadioItems(id="data-topic", options=options, value=topic, inline=True, name="data-topic"),
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
                    html.Td(linked_line_mentions(row["definition"], lang)),  # "line 928" links to its sentence
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
                # A line the note names is a link to it; so is the place the note is about (in words).
                *linked_line_mentions(row["text"], lang),
                " ",
                html.Span(
                    ["(", *source_links(make_sources([("", "", int(row["source_line"]))], lang), lang), ")"]
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
