"""Overview: the latest year's headline figures, each with the change on the year before."""

from __future__ import annotations

import dash
import pandas as pd
from dash import html

from components.chrome import PageTitle, page_description
from components.datasets import sources_from
from components.formatting import format_number, format_percent, is_missing
from components.i18n import N_, translator
from components.kpi_card import kpi_card
from components.notices import empty_state
from components.page import page_view
from components.shell import page_href
from components.units import counted, n_, unit_label
from data_access.queries.overview import headline_figure, headline_figures
from data_access.queries.visits import npm_visits_by_type

dash.register_page(
    __name__,
    path="/",
    name=N_("Overview"),
    nav_order=0,
    title=PageTitle(N_("Overview")),
    description=page_description("/", lambda lang: headline_figure("complaints", lang)),
)

# key -> (title, counted sentence with {n} and {period}, page that explains it)
KPI_TEXT = {
    "complaints": (
        N_("Complaints about torture"),
        n_(
            "The Ombudsman received {n} complaint about torture in {period}.",
            "The Ombudsman received {n} complaints about torture in {period}.",
        ),
        "/cases",
    ),
    "registered": (
        N_("Registered torture offences"),
        n_("{n} torture offence was registered in {period}.", "{n} torture offences were registered in {period}."),
        "/cases",
    ),
    "npm_visits": (
        N_("NPM visits"),
        n_(
            "NPM groups made {n} visit to closed institutions in {period}.",
            "NPM groups made {n} visits to closed institutions in {period}.",
        ),
        "/visits",
    ),
    "covered": (
        N_("Mandated facilities covered"),
        n_(
            "{n} facility of the NPM's mandate was covered by visits in {period}.",
            "{n} facilities of the NPM's mandate were covered by visits in {period}.",
        ),
        "/visits",
    ),
    "recs_issued": (
        N_("NPM recommendations sent"),
        n_(
            "The NPM sent {n} recommendation to state bodies in {period}.",
            "The NPM sent {n} recommendations to state bodies in {period}.",
        ),
        "/recommendations",
    ),
    "recs_fulfilled": (
        N_("NPM recommendations fulfilled"),
        n_(
            "{n} NPM recommendation was fulfilled in {period}: {share} of those sent.",
            "{n} NPM recommendations were fulfilled in {period}: {share} of those sent.",
        ),
        "/recommendations",
    ),
    "convicted": (
        N_("Persons convicted"),
        n_("{n} person was convicted of torture in {period}.", "{n} persons were convicted of torture in {period}."),
        "/cases",
    ),
    "compensation": (
        N_("Compensation paid to victims"),
        n_(
            "Victims of torture were paid {n} tenge from the victims' fund in {period}.",
            "Victims of torture were paid {n} tenge from the victims' fund in {period}.",
        ),
        "/cases",
    ),
}
PAGE_LINK_TEXT = {
    "/cases": N_("What happens to complaints"),
    "/visits": N_("Visits against the mandate"),
    "/recommendations": N_("Recommendation fulfilment"),
}


def note_summary(row: dict, lang: str) -> str | None:
    """What a card's data note comes to, in one line (the note itself is folded away): for the NPM visits,
    how many of them the report does not break down by facility type."""
    if row["key"] != "npm_visits" or pd.isna(row.get("note_text")):
        return None
    totals = npm_visits_by_type(lang, int(row["period"])).totals
    if is_missing(totals["gap"]) or not totals["gap"]:
        return None
    return counted(
        lang,
        n_(
            "Data note: {gap} of the {n} visit are not broken down by facility type.",
            "Data note: {gap} of the {n} visits are not broken down by facility type.",
        ),
        totals["stated_total"],
        gap=format_number(totals["gap"], lang),
    )


def kpi_cards(figures: pd.DataFrame, lang: str) -> list[html.Div]:
    """One KPI card per headline figure, in the order of the overview."""
    _ = translator(lang)
    cards = []
    for row in figures.to_dict("records"):
        title, sentence, href = KPI_TEXT[row["key"]]
        share = row.get("fulfilled_share")
        text = counted(
            lang,
            sentence,
            row["value"],
            row["unit"],
            period=row["period"],
            share=format_percent(share, lang) if share is not None and not pd.isna(share) else "",
        )
        cards.append(
            html.Div(
                kpi_card(
                    card_id=f"overview-{row['key']}",
                    title=_(title),
                    value=row["value"],
                    unit=row["unit"],
                    unit_label=unit_label(row["unit"], lang),
                    period=row["period"],
                    lang=lang,
                    sentence=text,
                    source=sources_from(pd.DataFrame([row]), lang),
                    previous=row["previous_value"],
                    previous_period=row["previous_period"],
                    href=page_href(href, lang),
                    link_text=_(PAGE_LINK_TEXT[href]),
                    note=None if pd.isna(row.get("note_text")) else row.get("note_text"),
                    note_summary=note_summary(row, lang),
                ),
                className="col-12 col-sm-6 col-lg-3 mb-3",
            )
        )
    return cards


def headline_cards(lang: str, params: object) -> list:
    """The headline figures as KPI cards, or a clear empty state."""
    _ = translator(lang)
    figures = headline_figures(lang)
    if not len(figures):
        return [empty_state(_("No figures have been published yet."))]
    return [
        html.H2(_("Headline figures"), className="visually-hidden"),
        html.Div(kpi_cards(figures, lang), className="row"),
    ]


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The overview page in the requested language."""
    return page_view(
        "overview",
        "/",
        lang,
        query,
        N_("Overview"),
        N_(
            "Figures from the Ombudsman's 2026 special report on counteracting torture: complaints, investigations, visits to closed institutions and recommendations to state bodies. Each card shows the latest year with the change on the year before and links to the page that explains it."
        ),
        headline_cards,
    )
