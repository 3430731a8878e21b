"""The one translation function, and how a request's language is chosen.

Catalogues are gettext `.po` files under `locales/<lang>/`, one per page or
component (so people translating one page do not collide); all files of a
language are merged. Message ids are the English text.
"""

from __future__ import annotations

import functools
import gettext as gnu_gettext
from collections.abc import Callable
from pathlib import Path

from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from data_access.vocabulary import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "N_",
    "gettext",
    "ngettext",
    "plural_translator",
    "resolve_language",
    "translator",
]
LOCALES = Path(__file__).resolve().parent.parent / "locales"
LANG_COOKIE = "lang"


@functools.cache
def _read(lang: str) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    messages: dict[str, str] = {}
    plural_messages: dict[str, tuple[str, ...]] = {}
    for path in sorted((LOCALES / lang).glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if isinstance(message.id, tuple):
                    if all(message.string):
                        plural_messages[message.id[0]] = tuple(message.string)
                elif message.id and isinstance(message.string, str) and message.string:
                    messages[message.id] = message.string
    return messages, plural_messages


def catalogue(lang: str) -> dict[str, str]:
    """All translations of a language: message id -> text (untranslated entries left out)."""
    return _read(lang)[0]


def plurals(lang: str) -> dict[str, tuple[str, ...]]:
    """The translations of counted messages: singular message id -> every plural form of the language."""
    return _read(lang)[1]


@functools.cache
def plural_index(lang: str) -> Callable[[int], int]:
    """The language's gettext plural rule (CLDR, through Babel): a count -> the index of its form."""
    return gnu_gettext.c2py(get_plural(lang).plural_expr)


def ngettext(lang: str, singular: str, plural: str, n: float) -> str:
    """The form of a counted message for `n` in `lang` ("{n} complaint" / "{n} complaints"): ru has three
    (240 жалоб, 2 жалобы, 21 жалоба), kk and en two; the English forms when a translation is missing."""
    count = int(abs(n)) if float(n).is_integer() else 2  # a fraction takes the "other" form in en, ru and kk
    forms = plurals(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).get(singular)
    if forms is None:
        return singular if count == 1 else plural
    return forms[min(plural_index(lang)(count), len(forms) - 1)]


def gettext(lang: str, message: str) -> str:
    """Translate `message` (English text) into `lang`; the English text if a translation is missing."""
    return catalogue(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).get(message, message)


def translator(lang: str) -> Callable[[str], str]:
    """A `_` function bound to `lang`: `_ = translator(lang); _("Regions")`."""
    return functools.partial(gettext, lang)


def plural_translator(lang: str) -> Callable[[str, str, float], str]:
    """An `n_` function bound to `lang`: `n_ = plural_translator(lang); n_("{n} visit", "{n} visits", 425)`."""
    return functools.partial(ngettext, lang)


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
