"""Recommendation fulfilment: by issuing body and state body, by region (Table 3), the Ombudsman's
own visits, and a tracker of the report's recommendations with a permalink for each.

The page's parameters are in `params.py`, its tables in `datasets.py`, its chart cards in `cards.py`,
the ministry view's own parts (`?agency=`) in `ministry.py` and the tracker in `tracker.py`; this module
lays them out and keeps them in step with the filters.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, html, no_update
from dash.exceptions import MissingCallbackContextException

from components.chart_card import print_notes_once
from components.chrome import PageTitle, page_description
from components.i18n import N_, translator
from components.notices import data_unavailable
from components.page import Params, callback_language, notices, page_view, register_url_sync
from components.rec_tracker import tracker_card
from data_access.queries.base import DataUnavailable
from data_access.queries.overview import headline_figure
from data_access.queries.recommendations import page_agencies
from data_access.vocabulary import DEFAULT_LANGUAGE

from .cards import fulfilment_card, table3_card
from .ministry import ministry_cards
from .ombudsman_visits import visits_card
from .params import AGENCY_AND_STATUS, ALL, PARAMS, PATH, canonical, filters_of, read
from .tracker import selected_recommendation, status_control, tracker_parts

dash.register_page(
    __name__,
    path=PATH,
    name=N_("Recommendations"),
    nav_order=30,
    title=PageTitle(N_("Recommendations and their fulfilment")),
    description=page_description(PATH, lambda lang: headline_figure("recs_issued", lang)),
    params=PARAMS,
)

TITLE = N_("Recommendations and their fulfilment")
INTRO = N_(
    "Who issued how many recommendations to which state body, and how many were fulfilled: after the visits of the National Preventive Mechanism (NPM), of the Ombudsman and of the Ombudsman's regional representatives in 2025; by region (Table 3 of the report); and the recommendations with which the report closes, with their status. Choose a state body to see what concerns it."
)


def overview_content(lang: str, agency: str | None) -> list:
    """Everything above the tracker that follows the state body: the ministry view's own parts, then the
    fulfilment chart, the heat map (its column outlined) and the Ombudsman's visits."""
    agency_name = _agency_name(lang, agency)
    ministry = ministry_cards(lang, agency, agency_name) if agency and agency_name else []
    return [
        *ministry,
        fulfilment_card(lang, agency, agency_name),
        table3_card(lang, agency, agency_name),
        visits_card(lang, agency, agency_name),
    ]


def _agency_name(lang: str, agency: str | None) -> str | None:
    if agency is None:
        return None
    names = page_agencies(lang).set_index("code")["name"]
    return str(names.get(agency, agency))


def agency_label(name: str, short: str) -> str:
    """A state body's name with its short form, unless the name already says it: "Ministry of Internal Affairs
    (MIA)", but "Local executive bodies (akimats)", never "... (akimats) (Akimats)"."""
    if not short or short.casefold() in name.casefold():
        return name
    return f"{name} ({short})"


def agency_control(lang: str, agency: str | None) -> html.Div:
    """The page-wide state-body filter."""
    _ = translator(lang)
    agencies = page_agencies(lang)
    options = [{"label": _("All state bodies"), "value": ALL}] + [
        {
            "label": agency_label(row["name"], row["short"]),
            "value": row["code"],
        }
        for row in agencies.to_dict("records")
    ]
    return html.Div(
        html.Div(
            [
                html.Label(_("State body"), htmlFor="recommendations-agency"),
                # A native <select>: labelled by its <label for>, usable with keyboard and screen readers.
                dbc.Select(id="recommendations-agency", options=options, value=agency or ALL),
            ],
            style={"minWidth": "min(100%, 24rem)"},
        ),
        className="filters d-print-none",
        id="recommendations-agency-filter",  # "recommendations-filters" is the store of the filters (page_view)
    )


def page_content(lang: str, params: Params) -> list:
    """The state-body filter, the recommendation a permalink names, the overview cards and the tracker."""
    _ = translator(lang)
    filters = filters_of(params)
    summary, body = tracker_parts(lang, filters.agency, filters.status, _agency_name(lang, filters.agency))
    content = [
        agency_control(lang, filters.agency),
        selected_recommendation(lang, filters.rec) if filters.rec else None,
        html.Div(overview_content(lang, filters.agency), id="recommendations-overview"),
        tracker_card(
            "recommendations-tracker",
            _("The report's recommendations"),
            [status_control(lang, filters.status)],
            summary,
            body,
        ),
    ]
    return [part for part in content if part is not None]


# The ministry view's introduction is short, so its own summary is on a phone's first screen.
AGENCY_INTRO = N_(
    "What the report asks of one state body, and what is known of its fulfilment. Choose all state bodies for the whole picture."
)


def _names_a_state_body(query: dict[str, object]) -> bool:
    """Whether the address asks for a state body the page knows (the ministry view)."""
    agency = query.get("agency")
    if not isinstance(agency, str):
        return False
    try:
        return agency in set(page_agencies(DEFAULT_LANGUAGE)["code"])
    except DataUnavailable:
        return False  # the page shows the data-unavailable notice


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The recommendations page for the URL's filters."""
    query = canonical(query)
    intro = AGENCY_INTRO if _names_a_state_body(query) else INTRO
    return page_view("recommendations", PATH, lang, query, TITLE, intro, page_content, PARAMS)


def _triggered_by() -> str | None:
    """The id of the control that fired the callback (None when called outside one, e.g. in a test)."""
    try:
        return ctx.triggered_id
    except MissingCallbackContextException:
        return None


@callback(
    Output("recommendations-overview", "children"),
    Output("recommendations-tracker-summary", "children"),
    Output("recommendations-tracker-body", "children"),
    Output("recommendations-notice", "children"),
    Output("recommendations-filters", "data"),
    Input("recommendations-agency", "value"),
    Input("recommendations-status", "value"),
    State("recommendations-lang", "data"),
    prevent_initial_call=True,
)
def update_filters(agency: object, status: object, lang: object) -> tuple:
    """Re-build the cards for new filters (the overview only when the state body changed) and sync the URL."""
    lang = callback_language(lang)
    try:
        params = read({"agency": agency, "status": status}, lang, AGENCY_AND_STATUS)
        filters = filters_of(params)
        summary, body = tracker_parts(lang, filters.agency, filters.status, _agency_name(lang, filters.agency))
        if _triggered_by() == "recommendations-status" and "agency" not in params.refused:
            overview = no_update  # the status filter only concerns the tracker
        else:
            # Its cards together, as on the page: each data note printed once, at the first card with it.
            overview = print_notes_once(overview_content(lang, filters.agency), lang)
    except DataUnavailable:
        return [data_unavailable(lang)], "", [], [], no_update
    return overview, summary, body, notices(params.problems), params.query


register_url_sync("recommendations")
