"""The page shown for an address that does not exist."""

from __future__ import annotations

import dash
from dash import dcc, html

from components.i18n import resolve_language, translator
from components.shell import page_href, page_shell

dash.register_page(__name__, path="/404", title="Page not found")


def layout(lang: str | None = None, **query: str) -> html.Div:
    """A short explanation and a way back."""
    lang = resolve_language(lang)
    _ = translator(lang)
    content = [
        html.P(_("There is no page at this address. It may have moved, or the link may be mistyped.")),
        html.P(dcc.Link(_("Go to the overview"), href=page_href("/", lang))),
    ]
    return page_shell("/404", lang, _("Page not found"), content, query)
