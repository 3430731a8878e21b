"""Every user-visible string has a Kazakh, Russian and English translation; formatters follow the language."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from components.formatting import format_date, format_number, format_percent, format_value
from components.i18n import LANGUAGES, catalogue, gettext, resolve_language
from scripts.update_catalogues import extract, source_files

PLACEHOLDER = re.compile(r"{[a-z_]*}")
MESSAGES = sorted({m for domain in extract(source_files()).values() for m in domain})


def test_the_code_has_translatable_strings():
    assert len(MESSAGES) > 50


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated(lang):
    missing = [m for m in MESSAGES if m not in catalogue(lang)]
    assert missing == [], (
        f"{len(missing)} message(s) lack a {lang} translation; run scripts/update_catalogues.py and fill them"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_every_placeholder(lang):
    broken = [
        m
        for m in MESSAGES
        if m in catalogue(lang) and sorted(PLACEHOLDER.findall(m)) != sorted(PLACEHOLDER.findall(catalogue(lang)[m]))
    ]
    assert broken == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_kazakh_and_russian_are_not_english_copies(lang):
    copied = [m for m in MESSAGES if catalogue(lang).get(m) == m and re.search(r"[a-z]{4,}", m)]
    # Codes and names like "CSV" or "XLSX" may stay; sentences may not.
    assert [m for m in copied if " " in m] == []


def test_unknown_language_falls_back_to_the_default():
    assert resolve_language("xx") == "kk"
    assert resolve_language(None, "en") == "en"
    assert gettext("xx", "Source") == gettext("kk", "Source")


@pytest.mark.parametrize(
    ("lang", "number", "rate", "share"),
    [
        ("en", "3,188", "21.7", "32.8%"),
        ("ru", "3\u00a0188", "21,7", "32,8\u00a0%"),
        ("kk", "3\u00a0188", "21,7", "32,8%"),
    ],
)
def test_numbers_are_formatted_for_the_language(lang, number, rate, share):
    assert format_number(3188, lang) == number
    assert format_value(21.66, "per_1000", lang) == rate
    assert format_percent(1046 / 3188, lang).replace("\u202f", "\u00a0") == share


def test_missing_numbers_read_not_published_in_each_language():
    assert format_number(None, "en") == "not published"
    assert format_number(float("nan"), "ru") == gettext("ru", "not published")
    assert gettext("ru", "not published") != "not published"


def test_dates_are_formatted_for_the_language():
    day = dt.date(2023, 6, 8)
    assert format_date(day, "en") == "June 8, 2023"
    assert "июня 2023" in format_date(day, "ru")
    assert "маусым" in format_date(day, "kk").lower()
    assert format_date("2025-01", "en", "month") == "January 2025"
