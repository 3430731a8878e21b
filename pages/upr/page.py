"""UPR briefing: one printable page for international partners (English first).

Obligations and milestones, the key indicators with their trend, the report's
open recommendations, and how to cite; prints to at most four A4 pages
(assets/print-upr.css) and is served as a PDF built at release time
(scripts/build_upr_pdf.py, web/upr_pdf.py).
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from components.chrome import PageTitle, page_description
from components.i18n import N_, is_language, resolve_language, translator
from components.notices import data_unavailable, empty_state
from components.page import Params, notices, page_view, read_params, register_url_sync
from data_access.queries.base import DataUnavailable
from data_access.queries.meta import release_info
from data_access.queries.overview import headline_figure
from data_access.queries.upr import milestone_kinds
from data_access.vocabulary import PAGE_DEFAULT_LANGUAGE

from .cards import indicator_card, indicator_cards, milestones_card, recommendations_card
from .params import PARAMS, PATH
from .parts import actions, citation, contents, kind_filter, print_masthead

__all__ = ["indicator_card", "layout", "update_milestones"]

DEFAULT_LANGUAGE = PAGE_DEFAULT_LANGUAGE[PATH]

dash.register_page(
    __name__,
    path=PATH,
    name=N_("UPR briefing"),
    nav_order=50,
    title=PageTitle(N_("UPR briefing")),
    description=page_description(PATH, lambda lang: headline_figure("complaints", lang)),
    params=PARAMS,
)

INTRO = N_(
    "A briefing for the Universal Periodic Review of Kazakhstan, the UN Committee against Torture and its Subcommittee, the OSCE and embassies: Kazakhstan's obligations and the steps taken, the key figures with their trend, and the recommendations of the Human Rights Commissioner's 2026 special report that are still open. Every item names the section and the table or figure of the report it comes from."
)


def briefing(lang: str, params: Params) -> list:
    """The briefing's four parts, framed by the print masthead, the actions and the citation."""
    _ = translator(lang)
    release = release_info(lang)
    kind = params.values["kind"]
    cards = indicator_cards(lang)
    return [
        print_masthead(lang, release, kind),
        html.P(_(INTRO), className="lead-text"),
        actions(lang, release),
        contents(lang),
        html.Section(
            [
                html.H2(_("Obligations and milestones"), className="h4", id="upr-obligations-title"),
                kind_filter(lang, kind, milestone_kinds()),
                # The notice of a refused kind stands beside the timeline it explains.
                html.Div([*notices(params.problems), milestones_card(lang, kind)], id="upr-milestones-container"),
            ],
            id="upr-obligations",
            className="upr-section",
            **{"aria-labelledby": "upr-obligations-title"},
        ),
        html.Section(
            [
                html.H2(_("Key indicators"), className="h4", id="upr-indicators-title"),
                html.P(
                    _(
                        "The latest figure of each series with the change on the comparable period before; the same numbers as on the other pages of this dashboard."
                    ),
                    className="upr-section-intro",
                ),
                html.Div(cards, className="row upr-multiples")
                if cards
                else empty_state(_("No figures have been published yet.")),
            ],
            id="upr-indicators",
            className="upr-section",
            **{"aria-labelledby": "upr-indicators-title"},
        ),
        html.Div(recommendations_card(lang), className="upr-section upr-open-recommendations"),
        citation(lang, release, kind),
        dcc.Store(id="upr-lang", data=lang),
        dcc.Store(id="upr-filters"),
        dcc.Store(id="upr-url-sync"),
        dcc.Store(id="upr-print-done"),
    ]


def _release_version(lang: str) -> str:
    try:
        return str((release_info(lang) or {}).get("version", ""))
    except DataUnavailable:
        return ""


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The UPR briefing in the requested language (English unless the visitor chose one)."""
    view = page_view(
        "upr",
        PATH,
        lang,
        query,
        N_("UPR briefing"),
        # The masthead printed above the introduction is part of the briefing itself.
        None,
        briefing,
        spec=PARAMS,
        default_language=DEFAULT_LANGUAGE,
        # The briefing keeps its stores itself: its notice goes beside the timeline, not above the page.
        filters=False,
    )
    version = _release_version(resolve_language(lang, DEFAULT_LANGUAGE))
    # The print stylesheet is scoped under .upr-page; the release marks which PDF a paper copy matches.
    return html.Div(view, className="upr-page", **({"data-release": version} if version else {}))


@callback(
    Output("upr-milestones-container", "children"),
    Output("upr-filters", "data"),
    Input("upr-milestone-kind", "value"),
    State("upr-lang", "data"),
    prevent_initial_call=True,
)
def update_milestones(kind: object, lang: object) -> tuple:
    """Re-draw the timeline for the chosen kind; put the choice in the address bar."""
    lang = lang if is_language(lang) else DEFAULT_LANGUAGE
    try:
        params = read_params(PARAMS, {"kind": kind}, lang)
        card = milestones_card(lang, params.values["kind"])
    except DataUnavailable:
        return data_unavailable(lang), dash.no_update
    return [*notices(params.problems), card], params.query


register_url_sync("upr")

# The browser's own print dialog: the print stylesheet does the rest.
clientside_callback(
    "function (clicks) { if (clicks) { window.print(); } return window.dash_clientside.no_update; }",
    Output("upr-print-done", "data"),
    Input("upr-print", "n_clicks"),
    prevent_initial_call=True,
)
