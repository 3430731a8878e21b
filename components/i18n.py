"""The one translation function, and how a request's language is chosen.

Catalogues are gettext `.po` files under `locales/<lang>/`, one per page or
component (so people translating one page do not collide); all files of a
language are merged. Message ids are the English text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po

from data_access.vocabulary import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "LANGUAGE_NAMES", "N_", "gettext", "resolve_language", "translator"]
LOCALES = Path(__file__).resolve().parent.parent / "locales"
LANG_COOKIE = "lang"


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """All translations of a language: message id -> text (untranslated entries left out)."""
    messages: dict[str, str] = {}
    for path in sorted((LOCALES / lang).glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.id and isinstance(message.string, str) and message.string:
                    messages[message.id] = message.string
    return messages


def gettext(lang: str, message: str) -> str:
    """Translate `message` (English text) into `lang`; the English text if a translation is missing."""
    return catalogue(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).get(message, message)


def translator(lang: str) -> Callable[[str], str]:
    """A `_` function bound to `lang`: `_ = translator(lang); _("Regions")`."""
    return functools.partial(gettext, lang)


def is_language(value: object) -> bool:
    """Whether `value` names a supported language."""
    return isinstance(value, str) and value in LANGUAGES


def resolve_language(requested: object, fallback: str | None = None) -> str:
    """The language to show: the URL's `lang` if valid, else the visitor's cookie, else the default."""
    if is_language(requested):
        return requested  # type: ignore[return-value]
    try:
        from flask import has_request_context, request

        if has_request_context():
            remembered = request.cookies.get(LANG_COOKIE)
            if is_language(remembered):
                return remembered  # type: ignore[return-value]
    except ImportError:  # pragma: no cover - flask is a dependency
        pass
    if is_language(fallback):
        return fallback  # type: ignore[return-value]
    from data_access.settings import load_settings

    return load_settings().default_language


def N_(message: str) -> str:
    """Mark a string for the catalogues without translating it here (e.g. page names)."""
    return message
