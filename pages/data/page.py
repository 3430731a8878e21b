"""Data and methods: every dataset for download, indicator definitions, data notes, how figures are
computed, the disclosure rule, the release, the map's licence, the API and how to cite."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, html

from components.chrome import PageTitle, page_description
from components.i18n import N_, translator
from components.notices import data_unavailable
from components.page import Params, callback_language, notices, page_view, read_params, register_url_sync
from data_access.queries.base import DataUnavailable

from .catalogue import datasets_section
from .definitions import definitions, definitions_section, notes_section
from .methods import disclosure_section, methods_section
from .params import PARAMS, PATH, topics
from .parts import SECTIONS
from .release import api_section, cite_section, map_section, release_section

__all__ = ["change_topic", "layout"]

dash.register_page(
    __name__,
    path=PATH,
    name=N_("Data"),
    nav_order=60,
    title=PageTitle(N_("Data and methods")),
    description=page_description(PATH),
    params=PARAMS,
)


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


def sections(lang: str, params: Params) -> list:
    """The page's sections, in the order of its table of contents."""
    return [
        contents(lang),
        datasets_section(lang),
        definitions_section(lang, params.values["topic"], topics()),
        notes_section(lang),
        methods_section(lang),
        disclosure_section(lang),
        release_section(lang),
        map_section(lang),
        api_section(lang),
        cite_section(lang),
    ]


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The data and methods page; `?topic=` limits the indicator definitions to one topic."""
    return page_view(
        "data",
        PATH,
        lang,
        query,
        N_("Data and methods"),
        N_(
            "The numbers behind the dashboard, with their definitions and sources, in formats spreadsheets and statistical software read. Every figure comes from the Ombudsman's 2026 special report on counteracting torture and links to the sentence of the report it is printed in."
        ),
        sections,
        spec=PARAMS,
    )


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
    lang = callback_language(lang)
    try:
        params = read_params(PARAMS, {"topic": requested}, lang)
        blocks = definitions(lang, params.values["topic"])
    except DataUnavailable:
        return data_unavailable(lang), [], dash.no_update
    return blocks, notices(params.problems), params.query


register_url_sync("data")
