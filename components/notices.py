"""Short notices: bad input in a URL, data temporarily unavailable, empty states."""

from __future__ import annotations

from dash import html

from data_access.cache import mark_data_unavailable

from .i18n import translator


def notice(message: str, kind: str = "info") -> html.Div:
    """A notice read out by screen readers (role=status); kind is info, warning or danger."""
    return html.Div(message, className=f"alert alert-{kind} notice", role="status")


def data_unavailable(lang: str) -> html.Div:
    """What a page shows while the database cannot be reached (the request is marked: nothing built in it
    is cached, so the notice never outlives the outage)."""
    mark_data_unavailable()
    _ = translator(lang)
    return html.Div(
        [
            html.H2(_("Data temporarily unavailable"), className="h4"),
            html.P(
                _(
                    "The database cannot be reached at the moment. The page will work again as soon as it is back; please try again in a minute."
                )
            ),
        ],
        className="alert alert-warning",
        role="alert",
    )


def empty_state(message: str) -> html.P:
    """A clear sentence where a chart or table has nothing to show."""
    return html.P(message, className="empty-state text-body-secondary")
