"""The page shell: skip link, header with generated navigation and language switcher, main, footer."""

from __future__ import annotations

from urllib.parse import urlencode

import dash
from dash import dcc, html

from .chrome import document_title
from .formatting import format_date
from .i18n import LANGUAGE_NAMES, LANGUAGES, translator
from .map import MAP_ATTRIBUTION


def page_href(path: str, lang: str, **params: object) -> str:
    """A link to `path` that keeps the language (and any other parameters given)."""
    query = {"lang": lang, **{k: v for k, v in params.items() if v not in (None, "")}}
    return f"{path}?{urlencode(query)}"


def navigation(current_path: str, lang: str) -> html.Nav:
    """The main navigation, generated from Dash's page registry (pages with a `nav_order`)."""
    _ = translator(lang)
    pages = sorted((p for p in dash.page_registry.values() if "nav_order" in p), key=lambda p: p["nav_order"])
    items = []
    for page in pages:
        current = page["path"] == current_path
        href = page_href(page["path"], lang)
        # dcc.Link takes no aria attributes; the current page is a plain link marked as such.
        link = (
            html.A(_(page["name"]), href=href, className="nav-link active", **{"aria-current": "page"})
            if current
            else dcc.Link(_(page["name"]), href=href, className="nav-link")
        )
        items.append(html.Li(link, className="nav-item"))
    return html.Nav(html.Ul(items, className="nav main-nav"), **{"aria-label": _("Main navigation")})


def language_switcher(current_path: str, lang: str, query: dict) -> html.Nav:
    """Links to the same view in each language; a full load, so every word is re-rendered."""
    _ = translator(lang)
    keep = {k: v for k, v in query.items() if k != "lang" and isinstance(v, str)}
    links = []
    for code in LANGUAGES:
        label = LANGUAGE_NAMES[code]
        if code == lang:
            links.append(html.Li(html.Span(label, className="lang-current", **{"aria-current": "true"}, lang=code)))
        else:
            links.append(html.Li(html.A(label, href=page_href(current_path, code, **keep), lang=code, hrefLang=code)))
    return html.Nav(html.Ul(links, className="lang-switch"), **{"aria-label": _("Language")})


def footer(lang: str, release: dict | None = None) -> html.Footer:
    """Release version and date, the source report, the data licence, the map attribution.

    `release` is the current release as `data_access.queries.meta.release_info` gives it (None while the
    database is unavailable): the shell shows data, it never reads the database.
    """
    _ = translator(lang)
    release = release or {}
    parts = []
    if release:
        parts.append(
            html.P(
                _("Data release {version} of {date}.").format(
                    version=release["version"], date=format_date(release["published"], lang)
                )
            )
        )
        parts.append(html.P([_("Source") + ": ", release["source"]]))
        parts.append(
            html.P(
                _("Data licence: {licence}. Figures may be reused with attribution to the source report.").format(
                    licence=release["licence"]
                )
            )
        )
    parts.append(html.P(_(MAP_ATTRIBUTION), className="map-credit"))
    parts.append(
        html.P(
            [
                dcc.Link(_("Data and methods"), href=page_href("/data", lang)),
                " · ",
                dcc.Link(_("About"), href=page_href("/about", lang)),
            ],
            className="footer-links d-print-none",  # links cannot be followed on paper
        )
    )
    return html.Footer(html.Div(parts, className="container"), className="site-footer")


def page_shell(
    path: str, lang: str, title: str, content: list, query: dict | None = None, release: dict | None = None
) -> html.Div:
    """Wrap a page's content in the shell; `title` becomes the <h1> and the document title, `release` the footer."""
    _ = translator(lang)
    product = _("Torture Prevention Dashboard")
    header = html.Header(
        html.Div(
            [
                dcc.Link(product, href=page_href("/", lang), className="brand"),
                navigation(path, lang),
                language_switcher(path, lang, query or {}),
            ],
            className="container header-inner",
        ),
        className="site-header",
    )
    main = html.Main(
        html.Div([html.H1(title, className="page-title"), *content], className="container"),
        id="main-content",
        tabIndex="-1",
    )
    return html.Div(
        [
            html.A(_("Skip to main content"), href="#main-content", className="skip-link"),
            # The same title as the served <title> (register_page's PageTitle of this heading).
            dcc.Store(id="shell-meta", data={"lang": lang, "title": document_title(title, lang)}),
            header,
            main,
            footer(lang, release),
        ],
        lang=lang,
    )
