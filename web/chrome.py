"""The served index page's chrome: `<title>`, meta description, Open Graph and Twitter card tags.

Dash renders such tags from `register_page(title=, description=)` itself (`include_pages_meta`), but
without the reader's language, with an empty `og:image`/`twitter:image` and a large-image card when
there is no image, and with `twitter:*` as `property` where the card format reads `name`. So app.py
turns that off, and `page_chrome` builds the tags from the same registry entries
(components/chrome.py's PageTitle and PageDescription) for the language the page is rendered in.
`og:url` is the page's public address (PUBLIC_URL, web/hosts.py) with its language and validated
view; without PUBLIC_URL (development) there is no public address to give, and no `og:url`.
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple

import dash
import flask

from components.chrome import PRODUCT, PageDescription, PageTitle, document_title
from components.i18n import LANGUAGES, gettext
from data_access.settings import load_settings

from .delivery import canonical_search, page_for
from .hosts import public_origin

# Open Graph locales (language_TERRITORY) of the site's languages.
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}
NOT_FOUND_MODULE = "pages.not_found_404"


class Chrome(NamedTuple):
    """What the index page carries about the page: its `<title>` text and its meta tags, formatted."""

    title: str
    metas: str


def _meta(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}">'


def _page(path: str) -> dict | None:
    page = page_for(dash.get_app().strip_relative_path(path) or "")
    if page is None:  # Dash's router shows the not-found page at any unknown address
        page = next((p for p in dash.page_registry.values() if p["module"] == NOT_FOUND_MODULE), None)
    return page


def _text(value: object, lang: str) -> str:
    """A registry title or description in `lang` (components/chrome.py's callables take the language)."""
    if isinstance(value, PageTitle | PageDescription):
        return value(lang=lang)
    if callable(value):  # a plain Dash callable, which takes no language
        return str(value())
    return gettext(lang, str(value or ""))


def page_url(page: dict, lang: str) -> str | None:
    """The page's public address in `lang` with the request's validated view; None without PUBLIC_URL."""
    if not load_settings().public_url:
        return None
    search = canonical_search(page, "?" + flask.request.query_string.decode("utf-8", "replace"))
    if search is None:  # the view cannot be validated now: the page in its language alone
        search = ""
    query = [part for part in search.lstrip("?").split("&") if part and not part.startswith("lang=")]
    return f"{public_origin()}{page['path']}?{'&'.join([f'lang={lang}', *query])}"


def page_chrome(path: str, lang: str, fallback_title: str) -> Chrome:
    """The `<title>` text and the meta tags of the page at `path`, in `lang`."""
    page = _page(path)
    if page is None:
        return Chrome(fallback_title, "")
    title_entry = page.get("title")
    title = _text(title_entry, lang) or document_title(gettext(lang, fallback_title), lang)
    heading = title_entry.heading_in(lang) if isinstance(title_entry, PageTitle) else title
    description = _text(page.get("description"), lang)
    site = gettext(lang, PRODUCT)
    tags = [
        _meta("name", "description", description),
        _meta("property", "og:type", "website"),
        _meta("property", "og:site_name", site),
        _meta("property", "og:title", heading),
        _meta("property", "og:description", description),
        _meta("property", "og:locale", OG_LOCALES[lang]),
        *(_meta("property", "og:locale:alternate", OG_LOCALES[other]) for other in LANGUAGES if other != lang),
    ]
    url = page_url(page, lang)
    if url is not None:
        tags.append(_meta("property", "og:url", url))
    tags += [
        _meta("name", "twitter:card", "summary"),
        _meta("name", "twitter:title", heading),
        _meta("name", "twitter:description", description),
    ]
    return Chrome(title, "\n      ".join(tags))
