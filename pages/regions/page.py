"""Regional complaint rates: a map, a ranking and a table of Table 2, and one region's figures in detail.

The page's parameters are in `params.py`, its tables in `datasets.py` and its cards in `cards.py`;
this module lays them out and keeps them in step with the controls and with clicks on the charts.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, html, no_update

from components.chart_card import print_notes_once
from components.chrome import PageTitle, page_description
from components.i18n import N_, translator
from components.notices import data_unavailable
from components.page import Params, callback_language, notices, page_view, read_params, register_url_sync
from data_access.queries.base import DataUnavailable
from data_access.queries.overview import headline_figure
from data_access.queries.regions import region_rates

from .cards import (
    bar_card,
    detail_card,
    detail_finding,
    institutions_card,
    map_card,
    national_block,
    table_card,
)
from .params import METRICS, NO_REGION, PARAMS, PATH, SORTS, region_codes

dash.register_page(
    __name__,
    path=PATH,
    name=N_("Regions"),
    nav_order=10,
    title=PageTitle(N_("Complaints about torture by region")),
    description=page_description(PATH, lambda lang: headline_figure("complaints", lang)),
    params=PARAMS,
)

TITLE = N_("Complaints about torture by region")
INTRO = N_(
    "How many complaints about torture the Ombudsman received from each region, set against the number of convicted persons held there (Table 2 of the 2026 special report). Choose what to compare; select a region for its figures."
)


def slots(lang: str, metric: str, region: str | None, sort: str) -> tuple:
    """The parts of the page that follow the filters: map, detail, ranking, table."""
    return (
        map_card(lang, metric, region),
        # The region's figures, then (where the report names institutions) its figures by institution.
        [card for card in (detail_card(lang, region), institutions_card(lang, region)) if card is not None],
        bar_card(lang, metric, region),
        table_card(lang, metric, sort),
    )


def radio_group(component_id: str, legend: str, options: list[dict], value: str) -> html.Fieldset:
    """Radio buttons in a fieldset with a legend.

    dbc's radios are native inputs with <label for>; one name makes them one
    group (one Tab stop, arrow keys move the choice). Dash 4's dcc.RadioItems
    nests its inputs in role=option, which screen readers cannot use.
    """
    return html.Fieldset(
        [
            html.Legend(legend, className="h6"),
            dbc.RadioItems(id=component_id, options=options, value=value, inline=True, name=component_id),
        ],
        className="mb-0",
    )


def controls(lang: str, metric: str, region: str | None) -> html.Div:
    """The metric switch and the region list."""
    _ = translator(lang)
    names = region_rates(lang).sort_values("name", key=lambda names: names.str.casefold())
    # A native <select>: labelled, keyboard- and touch-friendly; the first choice means no region. Its value is
    # not "": dbc.Select keeps "" for a hidden placeholder, which would then be the one shown, blank.
    options = [{"label": _("No region selected"), "value": NO_REGION}] + [
        {"label": name, "value": code} for code, name in zip(names["region"], names["name"], strict=True)
    ]
    return html.Div(
        [
            radio_group(
                "regions-metric",
                _("Compare the regions by"),
                [{"label": _(m.option), "value": key} for key, m in METRICS.items()],
                metric,
            ),
            html.Div(
                [
                    html.Label(_("Region"), htmlFor="regions-region", className="h6 d-block"),
                    dbc.Select(id="regions-region", options=options, value=region or NO_REGION),
                ]
            ),
        ],
        className="filters d-print-none",
    )


def sort_control(lang: str, sort: str) -> html.Div:
    """How the table is ordered."""
    _ = translator(lang)
    options = [{"label": _(text), "value": key} for key, text in SORTS.items()]
    return html.Div(
        radio_group("regions-sort", _("Order of the table"), options, sort), className="filters d-print-none"
    )


def page_content(lang: str, params: Params) -> list:
    """The controls, the national rate, then the map, the detail, the ranking and the table for the parameters."""
    metric, region, sort = (params.values[name] for name in PARAMS.names)
    parts = slots(lang, metric, region, sort)
    return [
        controls(lang, metric, region),
        national_block(lang),
        html.Div(
            [
                html.Div(parts[0], id="regions-map-slot", className="col-12 col-xl-7"),
                html.Div(parts[1], id="regions-detail-slot", className="col-12 col-xl-5"),
            ],
            className="row",
        ),
        html.Div(parts[2], id="regions-bar-slot"),
        sort_control(lang, sort),
        html.Div(parts[3], id="regions-table-slot"),
        html.P(id="regions-status", className="visually-hidden", role="status", **{"aria-live": "polite"}),
    ]


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The regions page for the URL's metric, region and table order."""
    return page_view("regions", PATH, lang, query, TITLE, INTRO, page_content, PARAMS)


@callback(
    Output("regions-map-slot", "children"),
    Output("regions-detail-slot", "children"),
    Output("regions-bar-slot", "children"),
    Output("regions-table-slot", "children"),
    Output("regions-notice", "children"),
    Output("regions-filters", "data"),
    Output("regions-status", "children"),
    Input("regions-metric", "value"),
    Input("regions-region", "value"),
    Input("regions-sort", "value"),
    State("regions-lang", "data"),
    prevent_initial_call=True,
)
def update_view(metric: object, region: object, sort: object, lang: object) -> tuple:
    """Re-build the map, the detail, the ranking and the table for the chosen filters; keep the URL in step."""
    lang = callback_language(lang)
    _ = translator(lang)
    if region == NO_REGION:
        region = None
    try:
        params = read_params(PARAMS, {"metric": metric, "region": region, "sort": sort}, lang)
        metric, region, sort = (params.values[name] for name in PARAMS.names)
        # The four cards together, as on the page: each data note printed once, at the first card with it.
        parts = print_notes_once(list(slots(lang, metric, region, sort)), lang)
        # What a screen reader announces after the change: the chosen region's figures, or the metric now shown.
        status = (
            detail_finding(lang, region)
            if region is not None
            else _("Showing: {metric}").format(metric=_(METRICS[metric].title))
        )
    except DataUnavailable:
        unavailable = data_unavailable(lang)
        return unavailable, None, None, None, None, no_update, _("Data temporarily unavailable")
    return (*parts, notices(params.problems), params.query, status)


def clicked_region(click: object) -> str | None:
    """The region code a click on the map or a bar carries, or None for anything else."""
    try:
        point = click["points"][0]  # type: ignore[index]
        code = point.get("customdata")
    except (TypeError, KeyError, IndexError, AttributeError):
        return None
    if isinstance(code, list) and code:
        code = code[0]
    return code if isinstance(code, str) else None


@callback(
    Output("regions-region", "value"),
    Input("regions-map-graph", "clickData"),
    Input("regions-bar-graph", "clickData"),
    prevent_initial_call=True,
)
def select_clicked_region(map_click: object, bar_click: object) -> object:
    """A click on a region (or a city marker, or a bar) selects it in the region list."""
    code = clicked_region(map_click if ctx.triggered_id == "regions-map-graph" else bar_click)
    try:
        return code if code in region_codes() else no_update
    except DataUnavailable:
        return no_update


register_url_sync("regions")
