"""The ministry view (`?agency=MVD`): what the report asks of one state body, and what is known of its fulfilment.

First a summary a reader sees without scrolling (its closing recommendations by status, its facilities
in the NPM's mandate and the NPM's pace, whether any fulfilment is published, each with its source),
then its recommendations not fulfilled yet and its facilities and visits. The fulfilment chart and
the heat map (cards.py) follow, filtered to it and with its column outlined.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from components.chart_card import chart_card, download_links, source_line
from components.datasets import CardData
from components.formatting import format_number
from components.i18n import ngettext, translator
from components.shell import page_href
from components.sources import source_links
from components.units import COUNT_FORMS, count_with_unit
from data_access.queries.visits import MANDATE_YEARS

from .cards import any_fulfilment_published, empty_card, fulfilment_summary, unpublished_summary
from .datasets import agency_recommendations, fulfilment_data, ministry_open_data, ministry_visits_data
from .params import PATH

VISITS_PATH = "/visits"


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many of `frame`'s recommendations are open, not fulfilled and fulfilled (the one vocabulary's groups)."""
    return {group: int((frame["status_group"] == group).sum()) for group in ("open", "not_fulfilled", "fulfilled")}


def recommendations_sentence(frame: pd.DataFrame, lang: str, agency_name: str) -> str:
    """'The report closes with 11 recommendations addressed to …: open 11, not fulfilled 0, fulfilled 0.'"""
    _ = translator(lang)
    if frame.empty:
        return _("None of the report's closing recommendations is addressed to {agency}.").format(agency=agency_name)
    counts = status_counts(frame)
    return _(
        "The report closes with {recommendations} addressed to {agency}: open (proposed or in progress) {open}, not fulfilled {not_fulfilled}, fulfilled {fulfilled}."
    ).format(
        recommendations=count_with_unit(len(frame), "recommendations", lang),
        agency=agency_name,
        **{group: format_number(count, lang) for group, count in counts.items()},
    )


def mandate_years(lang: str) -> str:
    """'4 years' / '4 года' / '4 жыл': the mandate's period, a whole number, in the form it takes."""
    singular, plural = COUNT_FORMS["years"]
    return ngettext(lang, singular, plural, MANDATE_YEARS).format(n=format_number(MANDATE_YEARS, lang))


def visits_sentence(data: CardData, lang: str, agency_name: str) -> str:
    """Its facilities in the NPM's mandate, the NPM's visits to them in the latest year and the pace."""
    _ = translator(lang)
    if data.frame.empty:
        return _("The report counts no facilities of {agency} among those in the NPM's mandate.").format(
            agency=agency_name
        )
    row = data.frame.iloc[0]
    year = data.period
    facilities = count_with_unit(row["mandated"], "facilities", lang)
    if pd.isna(row["visits"]) or pd.isna(row["years_to_visit_all"]):
        return _(
            "{agency}: {facilities} in the NPM's mandate; the report gives no count of NPM visits to them in {year}."
        ).format(agency=agency_name, facilities=facilities, year=year)
    template = (
        _(
            "{agency}: {facilities} in the NPM's mandate; in {year} NPM participants made {visits} to them. At that pace one visit to each takes at least {years}: longer than the mandate's one visit every {mandate}."
        )
        if row["beyond_mandate"]
        else _(
            "{agency}: {facilities} in the NPM's mandate; in {year} NPM participants made {visits} to them. At that pace one visit to each takes at least {years}: within the mandate's one visit every {mandate}."
        )
    )
    return template.format(
        agency=agency_name,
        facilities=facilities,
        year=year,
        visits=count_with_unit(row["visits"], "visits", lang),
        years=count_with_unit(round(float(row["years_to_visit_all"]), 1), "years", lang),
        mandate=mandate_years(lang),
    )


def fulfilment_sentence(data: CardData, lang: str, agency_name: str) -> str:
    """What the report publishes of the fulfilment of the recommendations issued to it after visits."""
    _ = translator(lang)
    if data.frame.empty:
        return _("The report gives no count of recommendations issued to {agency} after visits.").format(
            agency=agency_name
        )
    if any_fulfilment_published(data.frame):
        return _("Fulfilment after visits: {summary}").format(summary=fulfilment_summary(data.frame, lang))
    return unpublished_summary(data.frame, lang, agency_name)


def ministry_summary(lang: str, agency: str, agency_name: str) -> html.Section:
    """The first screen of the ministry view: three sentences, their sources and where to read on."""
    _ = translator(lang)
    recommendations = agency_recommendations(lang, agency)
    visits = ministry_visits_data(lang, agency)
    fulfilment = fulfilment_data(lang, agency)
    recommendation_sources = ministry_open_data(lang, agency).sources if len(recommendations) else []
    sources = list(dict.fromkeys([*recommendation_sources, *visits.sources, *fulfilment.sources]))
    links = [html.A(_("Its recommendations"), href="#recommendations-ministry-open")]
    if not visits.frame.empty:
        links += [
            " · ",
            html.A(_("Its facilities and visits on the Visits page"), href=page_href(VISITS_PATH, lang, sector=agency)),
        ]
    links += [" · ", html.A(_("Every recommendation with its history"), href="#recommendations-tracker")]
    return html.Section(
        [
            html.H2(
                _("What the report asks of {agency}").format(agency=agency_name),
                className="h5",
                id="recommendations-glance-title",
            ),
            html.P(recommendations_sentence(recommendations, lang, agency_name), className="mb-1"),
            html.P(visits_sentence(visits, lang, agency_name), className="mb-1"),
            html.P(fulfilment_sentence(fulfilment, lang, agency_name), className="mb-2"),
            html.P(
                [html.Span(_("Source") + ": ", className="fw-semibold"), *source_links(sources, lang)],
                className="card-source small",
            )
            if sources
            else None,
            html.P(links, className="small mb-0"),
        ],
        className="card card-body mb-4",
        id="recommendations-glance",
        **{"aria-labelledby": "recommendations-glance-title"},
    )


def open_recommendations_card(lang: str, agency: str, agency_name: str) -> html.Section:
    """Its closing recommendations not fulfilled yet, each with its status word and a link to it in the tracker."""
    _ = translator(lang)
    card_id = "recommendations-ministry-open"
    title = _("Recommendations to {agency} not fulfilled yet").format(agency=agency_name)
    data = ministry_open_data(lang, agency)
    if data.frame.empty:
        addressed = agency_recommendations(lang, agency)
        message = (
            _("Every recommendation the report addresses to it is fulfilled.")
            if len(addressed)
            else recommendations_sentence(addressed, lang, agency_name)
        )
        return empty_card(card_id, title, message)
    items = [
        html.Li(
            [
                html.A(
                    row["code"], href=page_href(PATH, lang, agency=agency, rec=row["code"]), className="fw-semibold"
                ),
                " · ",
                html.Span(row["status_label"], className="rec-status"),
                " — ",
                row["text"],
            ],
            className="mb-2",
        )
        for row in data.frame.to_dict("records")
    ]
    body = [
        html.H2(title, id=f"{card_id}-title", className="h5 card-title"),
        html.P(
            _(
                "Not fulfilled yet: {recommendations}. A code opens its recommendation in the tracker, with its history."
            ).format(recommendations=count_with_unit(len(data.frame), "recommendations", lang))
        ),
        html.Ol(items, className="ps-3"),
        download_links("recommendations.ministry_open", {"agency": agency}, lang),
        source_line(data, lang),
    ]
    return html.Section(
        html.Div([part for part in body if part is not None], className="card-body"),
        className="card chart-card mb-4",
        id=card_id,
        **{"aria-labelledby": f"{card_id}-title"},
    )


def ministry_visits_card(lang: str, agency: str, agency_name: str) -> html.Section:
    """Its mandated facilities, the NPM's visits in the latest year and the years to visit each once."""
    _ = translator(lang)
    card_id = "recommendations-ministry-visits"
    title = _("Facilities of {agency} in the NPM's mandate and the NPM's visits").format(agency=agency_name)
    data = ministry_visits_data(lang, agency)
    more = html.P(html.A(_("All ministries on the Visits page"), href=page_href(VISITS_PATH, lang)), className="small")
    if data.frame.empty:
        card = empty_card(card_id, title, visits_sentence(data, lang, agency_name))
        card.children.children.append(more)
        return card
    return chart_card(
        card_id,
        title,
        visits_sentence(data, lang, agency_name),
        data,
        lang,
        download=("recommendations.ministry_visits", {"agency": agency}),
        extra=[
            html.P(
                [
                    html.A(
                        _("Its facilities and visits on the Visits page"),
                        href=page_href(VISITS_PATH, lang, sector=agency),
                    ),
                    " · ",
                    html.A(_("All ministries on the Visits page"), href=page_href(VISITS_PATH, lang)),
                ],
                className="small",
            )
        ],
    )


def ministry_cards(lang: str, agency: str, agency_name: str) -> list:
    """The ministry view's own parts, before the fulfilment chart and the heat map."""
    return [
        ministry_summary(lang, agency, agency_name),
        open_recommendations_card(lang, agency, agency_name),
        ministry_visits_card(lang, agency, agency_name),
    ]
