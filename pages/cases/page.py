"""Case outcomes: what happens to torture complaints in the criminal process, year by year."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html

from components.charts.theme import colour
from components.chrome import PageTitle, page_description
from components.formatting import format_period
from components.i18n import N_, translator
from components.notices import data_unavailable, empty_state
from components.page import Params, callback_language, notices, page_view, read_params, register_url_sync
from data_access.queries.base import DataUnavailable
from data_access.queries.cases import case_periods
from data_access.queries.overview import headline_figure

from .cards import compensation_card, origins_card, stages_card, totals_card, trends_card
from .params import PARAMS, PATH, period_label

__all__ = ["change_period", "layout", "totals_card"]

dash.register_page(
    __name__,
    path=PATH,
    name=N_("Cases"),
    nav_order=40,
    title=PageTitle(N_("What happens to torture complaints")),
    description=page_description(PATH, lambda lang: headline_figure("registered", lang)),
    params=PARAMS,
)


def period_selector(lang: str, periods: list[str], period: str) -> html.Div:
    """Radio buttons for each year and two-year span, in a fieldset with a legend (hidden in print)."""
    _ = translator(lang)
    fieldset = html.Fieldset(
        [
            html.Legend(_("Year or two-year span"), className="h6"),
            # dbc's radios are native inputs with <label for>; dcc.RadioItems (Dash 4) nests inputs in role=option.
            dbc.RadioItems(
                id="cases-period",
                options=[{"label": period_label(p, lang), "value": p} for p in periods],
                value=period,
                inline=True,
                # One name makes the radios one group: one Tab stop, arrow keys move the choice.
                name="cases-period",
                class_name="period-options",
                # Bootstrap's pale radio outline falls short of the 3:1 contrast a control needs.
                input_style={"borderColor": colour("outline")},
            ),
        ],
        className="mb-0",
    )
    return html.Div(fieldset, className="filters")


def case_cards(lang: str, params: Params) -> list:
    """The period selector and the stages of the chosen period, then the cards over all years."""
    _ = translator(lang)
    periods = case_periods()
    if not periods:
        return [empty_state(_("No case figures have been published yet."))]
    period = params.values["period"] or ""
    return [
        period_selector(lang, periods, period),
        html.Div(stages_card(lang, period), id="cases-stages-slot"),
        trends_card(lang),
        totals_card(lang),
        compensation_card(lang),
        origins_card(lang),
    ]


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The case-outcome page for the URL's year or span (default: the latest year)."""
    return page_view(
        "cases",
        PATH,
        lang,
        query,
        N_("What happens to torture complaints"),
        N_(
            "What happens to complaints about torture in the criminal process, as far as the Ombudsman's report gives it: complaints to the Ombudsman, offences registered, investigations discontinued or suspended, criminal cases sent to court, persons convicted, and compensation paid to victims. Every number carries its unit and the place in the report it comes from."
        ),
        case_cards,
        spec=PARAMS,
    )


@callback(
    Output("cases-stages-slot", "children"),
    Output("cases-notice", "children"),
    Output("cases-filters", "data"),
    Input("cases-period", "value"),
    State("cases-lang", "data"),
    prevent_initial_call=True,
)
def change_period(requested: object, lang: object) -> tuple:
    """Re-build the stages card for the chosen period; anything malformed gives the default and a notice."""
    lang = callback_language(lang)
    _ = translator(lang)
    try:
        params = read_params(PARAMS, {"period": requested}, lang)
        period = params.values["period"] or ""
        card = stages_card(lang, period)
    except DataUnavailable:
        return data_unavailable(lang), [], dash.no_update
    # The same rule as the address, in words for a choice made on the page.
    problems = (
        [_("There is no figure for the period chosen; showing {period} instead.").format(period=format_period(period))]
        if params.refused
        else []
    )
    # The address always names the period shown, so a shared link keeps it when a later release adds a year.
    return card, notices(problems), {"period": period}


register_url_sync("cases")
