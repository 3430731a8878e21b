"""Facility visit coverage against the NPM's four-year mandate: is it met, where, and at what pace?

Every facility in the mandate must be visited at least once every four years.
The page compares the facilities covered each year with the mandated totals
(the report gives two), the visits to each ministry's facilities with the
number it has, the NPM's visits by facility type, who visits, and what
followed. Where a release carries facility-level visit logs, it computes
coverage within the last four years for a chosen date and lists the
facilities overdue.
"""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, callback, ctx, html

from components.chart_card import print_notes_once
from components.chrome import PageTitle, page_description
from components.i18n import N_, translator
from components.notices import data_unavailable, empty_state
from components.page import Params, callback_language, notices, page_view, register_url_sync
from data_access.queries.base import DataUnavailable
from data_access.queries.overview import headline_figure
from data_access.queries.visits import visit_years
from pages.visits.controls import control_id, filters_panel
from pages.visits.lead import kpi_row, verdict
from pages.visits.log_cards import logs_section
from pages.visits.mandate_cards import coverage_card, pace_cards
from pages.visits.params import PARAMS, View, read_view
from pages.visits.visit_cards import bodies_card, npm_size_card, outcomes_card, persons_card, reps_card, types_card

PATH = "/visits"
dash.register_page(
    __name__,
    path=PATH,
    name=N_("Visits"),
    nav_order=20,
    title=PageTitle(N_("Visits against the four-year mandate")),
    description=page_description(PATH, lambda lang: headline_figure("npm_visits", lang)),
    params=PARAMS,
)


def content(lang: str, view: View) -> list:
    """Every card of one view, from the verdict to the visit logs."""
    _ = translator(lang)
    if not visit_years(lang):
        return [empty_state(_("This release holds no visit figures."))]
    return [
        verdict(lang, view),
        html.H2(_("Headline figures"), className="visually-hidden"),
        kpi_row(lang, view),
        coverage_card(lang, view),
        *pace_cards(lang, view),
        types_card(lang, view),
        html.H2(_("Who visits, and what followed"), className="h4 mt-4"),
        bodies_card(lang, view),
        persons_card(lang, view),
        reps_card(lang, view),
        outcomes_card(lang, view),
        npm_size_card(lang, view),
        *logs_section(lang, view),
    ]


def _page(lang: str, params: Params) -> list:
    view = View.of(params)
    # The notices of the address are in the page's notice area; the content is what the callback replaces.
    return [filters_panel(lang, view), html.Div(content(lang, view), id="visits-content")]


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The visits page for the view in the URL."""
    return page_view(
        "visits",
        PATH,
        lang,
        query,
        N_("Visits against the four-year mandate"),
        N_(
            "Every facility in the National Preventive Mechanism's mandate must be visited at least once every four years: a quarter of them a year. Is the mandate being met, in which ministries' facilities, and at what pace?"
        ),
        _page,
        spec=PARAMS,
    )


@callback(
    Output("visits-content", "children"),
    Output("visits-filters", "data"),
    Input(control_id(ALL), "value"),
    State("visits-lang", "data"),
    prevent_initial_call=True,
)
def update_view(values: list, lang: object) -> tuple[list, dict]:
    """Rebuild the cards for the controls' values; bad values fall back to the default with a notice."""
    lang = callback_language(lang)
    names = [item.get("id", {}).get("name") for item in (ctx.inputs_list[0] if ctx.inputs_list else [])]
    raw = {name: value for name, value in zip(names, values or [], strict=False) if isinstance(name, str)}
    try:
        view, params = read_view(raw, lang)
        # All cards together, as on the page: each data note printed once, at the first card with it.
        cards = print_notes_once(content(lang, view), lang)
    except DataUnavailable:
        return [data_unavailable(lang)], dash.no_update
    # An empty value (all ministries, all regions) leaves the address.
    return [*notices(params.problems), *cards], dict(params.values)


@callback(
    Output("visits-notice", "children"),
    Input("visits-filters", "data"),
    prevent_initial_call=True,
)
def clear_address_notices(view: object) -> list:
    """Once the controls change the view, the address's notices no longer apply (the content has its own)."""
    return []


register_url_sync("visits")
