"""The briefing's frame: print and PDF actions, contents, the milestone filter, citation and print masthead."""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
import flask
from dash import dcc, html

from components.formatting import format_date
from components.i18n import N_, translator
from components.shell import page_href
from data_access.settings import load_settings
from data_access.vocabulary import LANGUAGE_NAMES
from web.upr_pdf import available_pdfs, pdf_build_state

from .cards import KIND_LABELS
from .params import ALL_KINDS, PATH

# Why the reader's PDF is not linked (web/upr_pdf.py pdf_build_state); Print works in every case.
PDF_STATE_TEXTS = {
    "building": N_(
        "The PDF of this release is being prepared and will be linked here in a few minutes; meanwhile, use Print."
    ),
    "no-chromium": N_(
        "This server cannot make the PDF (it has no Chromium browser installed); use Print instead, it works in any browser."
    ),
    "failed": N_("Making the PDF of this release failed; use Print instead."),
    "not-built": N_("The PDF of this release has not been built yet; use Print instead."),
}


def public_url(path_and_query: str) -> str:
    """The absolute address of a page, as a reader would type it (PUBLIC_URL, else the address requested)."""
    base = load_settings().public_url or (flask.request.host_url if flask.has_request_context() else "")
    return base.rstrip("/") + path_and_query


def actions(lang: str, release: dict) -> html.Div:
    """Print button and the release's PDF downloads (where built)."""
    _ = translator(lang)
    pdfs = available_pdfs(str(release.get("version", ""))) if release else {}
    items: list = [
        html.Button(
            _("Print this briefing"), id="upr-print", className="btn btn-outline-primary btn-sm me-3", type="button"
        )
    ]
    if lang in pdfs:
        items.append(
            html.A(
                _("Download PDF"),
                href=pdfs[lang],
                className="btn btn-primary btn-sm me-3",
                id="upr-pdf-link",
                hrefLang=lang,
            )
        )
        others = [
            html.A(LANGUAGE_NAMES[code], href=href, hrefLang=code, lang=code, className="me-2")
            for code, href in pdfs.items()
            if code != lang
        ]
        if others:
            items.append(html.Span([_("PDF in other languages") + ": ", *others], className="upr-pdf-others"))
    else:
        state = pdf_build_state(str(release.get("version", "")) if release else "")
        items.append(html.Span(_(PDF_STATE_TEXTS[state]), className="text-body-secondary", id="upr-pdf-state"))
    return html.Div(items, className="upr-actions d-print-none mb-3")


def contents(lang: str) -> html.Nav:
    """Links to the four parts of the briefing."""
    _ = translator(lang)
    parts = [
        ("#upr-obligations", _("Obligations and milestones")),
        ("#upr-indicators", _("Key indicators")),
        ("#upr-recommendations", _("Open recommendations")),
        ("#upr-cite", _("How to cite")),
    ]
    return html.Nav(
        html.Ul([html.Li(html.A(text, href=href)) for href, text in parts], className="upr-contents-list"),
        className="upr-contents d-print-none",
        **{"aria-label": _("On this page")},
    )


def kind_filter(lang: str, kind: str, kinds: tuple[str, ...]) -> html.Fieldset:
    """Radio buttons choosing which milestones the timeline shows."""
    _ = translator(lang)
    options = [{"label": _("All"), "value": ALL_KINDS}] + [
        {"label": _(KIND_LABELS.get(k, k)), "value": k} for k in kinds
    ]
    return html.Fieldset(
        [
            html.Legend(_("Show milestones"), className="fs-6 fw-semibold mb-1"),
            # dbc's radios are native inputs with <label for>; dcc.RadioItems (Dash 4) nests inputs in role=option.
            dbc.RadioItems(
                id="upr-milestone-kind", options=options, value=kind, inline=True, name="upr-milestone-kind"
            ),
        ],
        className="filters upr-filters",
    )


def citation(lang: str, release: dict, kind: str) -> html.Section:
    """How to cite this briefing and the data, and the sources."""
    _ = translator(lang)
    version = release.get("version", "")
    published = format_date(release["published"], lang) if release.get("published") else ""
    page_url = public_url(page_href(PATH, lang, kind=None if kind == ALL_KINDS else kind))
    data_url = public_url(page_href("/data", lang))
    today = format_date(dt.date.today(), lang)
    briefing = _(
        "Torture Prevention Dashboard, “UPR briefing”, data release {version} of {date}. Based on: {source} {url} (accessed {today})."
    ).format(version=version, date=published, source=release.get("source", ""), url=page_url, today=today)
    data = _("“{title}”, data release {version} of {date}, licence {licence}. {url}").format(
        title=release.get("title", ""),
        version=version,
        date=published,
        licence=release.get("licence", ""),
        url=data_url,
    )
    return html.Section(
        [
            html.H2(_("How to cite"), className="h4", id="upr-cite-title"),
            html.P([html.Span(_("This briefing") + ": ", className="fw-semibold"), html.Cite(briefing)]),
            html.P([html.Span(_("The data") + ": ", className="fw-semibold"), html.Cite(data)]),
            html.H3(_("Sources"), className="h6"),
            html.Ul(
                [
                    html.Li(release.get("source", "")),
                    html.Li(
                        _(
                            "Every figure, milestone and recommendation above names the section and the table or figure of the report it comes from (on screen, a link to the sentence); where the report is inconsistent, a data note says so."
                        )
                    ),
                    html.Li(
                        [
                            _("Definitions, every dataset and the data notes") + ": ",
                            dcc.Link(_("Data and methods"), href=page_href("/data", lang)),
                        ]
                    ),
                ]
            ),
        ],
        id="upr-cite",
        className="upr-cite mb-4",
        **{"aria-labelledby": "upr-cite-title"},
    )


def print_masthead(lang: str, release: dict, kind: str) -> html.P:
    """Printed only: the page's address and the release, so a paper copy can be traced back."""
    _ = translator(lang)
    text = _("{url} · data release {version} of {date}").format(
        url=public_url(page_href(PATH, lang, kind=None if kind == ALL_KINDS else kind)),
        version=release.get("version", ""),
        date=format_date(release["published"], lang) if release.get("published") else "",
    )
    return html.P(text, className="upr-print-only upr-masthead")
