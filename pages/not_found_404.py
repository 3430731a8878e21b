"""The page shown for an address that does not exist."""

from __future__ import annotations

import dash
from dash import dcc, html

from components.chrome import PageTitle, page_description
from components.i18n import N_, translator
from components.page import page_view
from components.shell import page_href

dash.register_page(
    __name__,
    path="/404",
    title=PageTitle(N_("Page not found")),
    description=page_description("/404"),
)


def way_back(lang: str, params: object) -> list:
    """A link to the overview in the visitor's language."""
    _ = translator(lang)
    return [html.P(dcc.Link(_("Go to the overview"), href=page_href("/", lang)))]


def layout(lang: str | None = None, **query: str) -> html.Div:
    """A short explanation and a way back."""
    return page_view(
        "not-found",
        "/404",
        lang,
        query,
        N_("Page not found"),
        N_("There is no page at this address. It may have moved, or the link may be mistyped."),
        way_back,
    )
