"""About: the Ombudsman, the National Preventive Mechanism, and how to complain."""

from __future__ import annotations

import dash
from dash import dcc, html

from components.chrome import PageTitle, page_description
from components.i18n import N_, translator
from components.page import page_view
from components.shell import page_href

dash.register_page(
    __name__,
    path="/about",
    name=N_("About"),
    nav_order=90,
    title=PageTitle(N_("About")),
    description=page_description("/about"),
)


def about_content(lang: str, params: object) -> list:
    """The Ombudsman, the NPM, how to complain, and what the dashboard shows."""
    _ = translator(lang)
    return [
        html.H2(_("The Human Rights Commissioner"), className="h4 mt-4"),
        html.P(
            _(
                "The Human Rights Commissioner (Ombudsman) receives complaints about violations of human rights, visits closed institutions, and issues recommendations to state bodies. The Ombudsman's representatives in the regions handle most complaints about torture and visit institutions across the country."
            )
        ),
        html.H2(_("The National Preventive Mechanism"), className="h4 mt-4"),
        html.P(
            _(
                "Since the law of 2 July 2013, Kazakhstan has a National Preventive Mechanism against torture (NPM), coordinated by the Ombudsman. Its regional groups of members of civil society visit places where people are deprived of their liberty: police temporary detention facilities, pre-trial detention centres, prisons, special reception centres, psychiatric and social institutions, children's institutions and military guardhouses. Every facility in its mandate is to be visited at least once every four years; after each visit the NPM sends recommendations to the responsible state body."
            )
        ),
        html.H2(_("How to complain"), className="h4 mt-4"),
        html.P(
            _(
                "Anyone who has been tortured or ill-treated, or knows of such a case, can write to the Human Rights Commissioner or to the Commissioner's representative in their region, in person, by post or through the official government portal. People held in penitentiary institutions can also use the complaint terminals installed there. Complaints are checked and, where there are signs of a crime, sent to the prosecutor's office, which since 1 January 2023 alone investigates torture cases."
            )
        ),
        html.H2(_("What this dashboard shows"), className="h4 mt-4"),
        html.Ul(
            [
                html.Li(dcc.Link(_("Regional complaint rates"), href=page_href("/regions", lang))),
                html.Li(dcc.Link(_("Facility visits against the mandate"), href=page_href("/visits", lang))),
                html.Li(dcc.Link(_("Recommendation fulfilment"), href=page_href("/recommendations", lang))),
                html.Li(dcc.Link(_("What happens to torture complaints"), href=page_href("/cases", lang))),
                html.Li(dcc.Link(_("UPR briefing"), href=page_href("/upr", lang))),
                html.Li(dcc.Link(_("Data and methods"), href=page_href("/data", lang))),
            ]
        ),
        html.P(
            _(
                "The dashboard shows anonymised aggregates only: no person can be identified from it. Every figure links to the sentence of the report it comes from; where the report is inconsistent, a data note says so."
            )
        ),
    ]


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The About page in the requested language."""
    return page_view(
        "about",
        "/about",
        lang,
        query,
        N_("About"),
        N_(
            "This dashboard publishes, in Kazakh, Russian and English, the figures of the special report of the Human Rights Commissioner of the Republic of Kazakhstan on counteracting torture and other cruel, inhuman or degrading treatment or punishment (Astana, 2026)."
        ),
        about_content,
    )
