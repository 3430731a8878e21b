"""What a page says about itself outside its body: the browser tab's title and the link-preview description.

Both are given to `dash.register_page(title=..., description=...)` as callables, the form Dash documents
for titles and descriptions that depend on the request. Dash calls them without arguments (its router
callback, when a reader follows a link inside the app); the server's index page (web/chrome.py) and the
routed layout (web/delivery.py) pass the language they render in. Without one, `reader_language()`
chooses it as the page itself does: the address's `?lang=`, then the reader's cookie, then the page's
default language.

The description may lead with the page's headline figure (`headline=`): a function the page gives,
which reads the database; this module never does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from urllib.parse import parse_qs

from data_access.vocabulary import PAGE_DEFAULT_LANGUAGE

from .formatting import format_value, is_missing
from .i18n import N_, gettext, is_language, ngettext, resolve_language

log = logging.getLogger(__name__)
PRODUCT = N_("Torture Prevention Dashboard")
# The location input of Dash's page router: in its callback, the page being routed to.
ROUTER_SEARCH = "_pages_location.search"
ROUTER_PATHNAME = "_pages_location.pathname"


def document_title(title: str, lang: str) -> str:
    """A translated page title as the browser tab shows it: "Өңірлер · <product>"."""
    return f"{title} · {gettext(lang, PRODUCT)}"


def _routed_location() -> tuple[str, str] | None:
    """(pathname, search) of the page Dash's router callback is routing to; None outside that callback."""
    import dash

    try:
        inputs = dash.callback_context.inputs
    except Exception:  # not in a callback (an index page, a layout request)
        return None
    if ROUTER_SEARCH not in inputs:
        return None
    return str(inputs.get(ROUTER_PATHNAME) or "/"), str(inputs.get(ROUTER_SEARCH) or "")


def default_language_of(path: str) -> str | None:
    """The language a page is shown in when neither the address nor a cookie names one (None: the site's)."""
    return PAGE_DEFAULT_LANGUAGE.get(path.rstrip("/") or "/")


def reader_language() -> str:
    """The language the current request's page is shown in: `?lang=` (of the index request, or of the page
    Dash's router callback is routing to), then the language cookie, then the page's default language."""
    import flask

    if not flask.has_request_context():
        return resolve_language(None)
    path, requested = flask.request.path, flask.request.args.get("lang")
    routed = _routed_location()
    if routed is not None:
        path, search = routed
        requested = (parse_qs(search.lstrip("?")).get("lang") or [None])[0]
    return resolve_language(requested, default_language_of(path))


class PageTitle:
    """`register_page(title=PageTitle(N_("Complaints about torture by region")))`: the page's heading as the
    tab title, in the reader's language. The heading must be the one the page's shell shows, so that the
    served `<title>` and the in-page `document.title` agree."""

    def __init__(self, heading: str) -> None:
        self.heading = heading

    def heading_in(self, lang: str) -> str:
        """The page's heading alone (for og:title), translated."""
        return gettext(lang, self.heading)

    def __call__(self, lang: str | None = None, **_path_variables: str) -> str:
        lang = lang if is_language(lang) else reader_language()
        return document_title(self.heading_in(lang), lang)


class PageDescription:
    """`register_page(description=PageDescription(N_("What the page is for."), headline))`: the link-preview
    text in the reader's language, led by the page's headline figure where `headline(lang)` gives one."""

    def __init__(self, summary: str, headline: Callable[[str], str | None] | None = None) -> None:
        self.summary = summary
        self.headline = headline

    def headline_in(self, lang: str) -> str | None:
        """The headline sentence, or None (the page has none, or its figure cannot be read now)."""
        if self.headline is None:
            return None
        try:
            return self.headline(lang)
        except Exception:  # the database is away: a preview without its figure, never a failed page
            log.warning("no headline figure for a page description", exc_info=True)
            return None

    def __call__(self, lang: str | None = None, **_path_variables: str) -> str:
        lang = lang if is_language(lang) else reader_language()
        return " ".join(part for part in (self.headline_in(lang), gettext(lang, self.summary)) if part)


def headline_sentence(figure: Mapping[str, object] | None, sentence: tuple[str, str], lang: str) -> str | None:
    """A counted sentence about a headline figure in the form its number takes: `sentence` is
    `n_("In {period} ... {n} complaint ...", "In {period} ... {n} complaints ...")`; None without a figure."""
    if figure is None or is_missing(figure.get("value")):
        return None
    value = float(figure["value"])  # type: ignore[arg-type]
    text = ngettext(lang, sentence[0], sentence[1], value)
    return text.format(n=format_value(value, str(figure.get("unit") or ""), lang), period=figure.get("period", ""))


def n_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a counted message for the catalogues (singular, plural) without translating it here."""
    return singular, plural


# The link-preview text of each page, in one place so that a translator finds them together: what the
# page is for, in a sentence short enough for a preview (about 160 characters).
SUMMARIES = {
    "/": N_(
        "Key figures of the Ombudsman's 2026 special report on counteracting torture, each with the change on the year before."
    ),
    "/regions": N_(
        "Complaints about torture from each region, set against the convicted persons held there: each region's rate and rank."
    ),
    "/visits": N_(
        "Whether the National Preventive Mechanism visits every closed institution of its mandate within four years."
    ),
    "/recommendations": N_(
        "Which recommendations the NPM and the Ombudsman sent to which state body, and how many were fulfilled."
    ),
    "/cases": N_(
        "What happens to complaints about torture: offences registered, investigations discontinued, cases sent to court, persons convicted."
    ),
    "/upr": N_(
        "A printable briefing for the Universal Periodic Review and the UN Committee against Torture: obligations, key figures, open recommendations."
    ),
    "/data": N_(
        "Every figure of the dashboard with its definition, source and data notes, to download as CSV, Excel or JSON or to read through the API."
    ),
    "/about": N_("Who publishes the dashboard, where its figures come from, and how to report torture."),
    "/report": N_(
        "The text of the Ombudsman's 2026 special report on counteracting torture, which every figure of the dashboard cites by line."
    ),
    "/404": N_("There is no page at this address. It may have moved, or the link may be mistyped."),
}

# A headline figure as the first sentence of a preview, by its key in data_access.queries.overview.
HEADLINES = {
    "complaints": n_(
        "In {period} the Ombudsman received {n} complaint about torture.",
        "In {period} the Ombudsman received {n} complaints about torture.",
    ),
    "registered": n_(
        "In {period}, {n} torture offence was registered.",
        "In {period}, {n} torture offences were registered.",
    ),
    "npm_visits": n_(
        "In {period} NPM groups made {n} visit to closed institutions.",
        "In {period} NPM groups made {n} visits to closed institutions.",
    ),
    "recs_issued": n_(
        "In {period} the NPM sent {n} recommendation to state bodies.",
        "In {period} the NPM sent {n} recommendations to state bodies.",
    ),
}


def page_description(
    path: str, headline: Callable[[str], Mapping[str, object] | None] | None = None
) -> PageDescription:
    """The description of the page at `path` (its summary above), led by the figure `headline(lang)` gives
    (a row of data_access.queries.overview.headline_figures, read by the page) where there is one."""
    if headline is None:
        return PageDescription(SUMMARIES[path])

    def sentence(lang: str) -> str | None:
        figure = headline(lang)
        if figure is None or figure.get("key") not in HEADLINES:
            return None
        return headline_sentence(figure, HEADLINES[str(figure["key"])], lang)

    return PageDescription(SUMMARIES[path], sentence)
