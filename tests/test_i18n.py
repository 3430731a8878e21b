"""Every user-visible string has a Kazakh, Russian and English translation; formatters follow the language."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from components.formatting import format_date, format_number, format_percent, format_value
from components.i18n import LANGUAGES, catalogue, gettext, ngettext, plural_index, plurals, resolve_language
from components.units import COUNT_FORMS, count_with_unit
from scripts.update_catalogues import extract, source_files

PLACEHOLDER = re.compile(r"{[a-z_]*}")
EXTRACTED = {m for domain in extract(source_files()).values() for m in domain}
MESSAGES = sorted(m for m in EXTRACTED if isinstance(m, str))
COUNTED = sorted(m for m in EXTRACTED if isinstance(m, tuple))  # (singular, plural) of a counted message
FORMS = {"kk": 2, "ru": 3, "en": 2}


def test_the_code_has_translatable_strings():
    assert len(MESSAGES) > 50


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated(lang):
    missing = [m for m in MESSAGES if m not in catalogue(lang)]
    assert missing == [], (
        f"{len(missing)} message(s) lack a {lang} translation; run scripts/update_catalogues.py and fill them"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_counted_message_has_each_plural_form_of_the_language(lang):
    assert len(COUNTED) >= len(COUNT_FORMS)
    incomplete = [m for m in COUNTED if len(plurals(lang).get(m[0], ())) != FORMS[lang]]
    assert incomplete == []
    # Every form counts with {n} once and keeps the sentence's other placeholders ({period}, ...).
    broken = [
        m
        for m in COUNTED
        for form in plurals(lang)[m[0]]
        if PLACEHOLDER.findall(form).count("{n}") != 1
        or sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(m[0]))
        or sorted(PLACEHOLDER.findall(m[0])) != sorted(PLACEHOLDER.findall(m[1]))
    ]
    assert broken == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["1 жалоба", "2 жалобы", "5 жалоб", "21 жалоба", "240 жалоб"]),
        ("kk", ["1 шағым", "2 шағым", "5 шағым", "21 шағым", "240 шағым"]),
        ("en", ["1 complaint", "2 complaints", "5 complaints", "21 complaints", "240 complaints"]),
    ],
)
def test_a_count_takes_the_grammatical_form_its_number_asks_for(lang, expected):
    assert [count_with_unit(n, "complaints", lang) for n in (1, 2, 5, 21, 240)] == expected


def test_russian_counts_of_the_report_read_as_a_russian_reader_expects():
    said = [count_with_unit(n, unit, "ru") for n, unit in [(425, "visits"), (817, "facilities"), (113, "offences"),
            (3188, "recommendations"), (1242, "visits"), (11, "recommendations"), (4.6, "years")]]  # fmt: skip
    assert said == [
        "425 посещений", "817 учреждений", "113 правонарушений", "3\u00a0188 рекомендаций", "1\u00a0242 посещения",
        "11 рекомендаций", "4,6 года",
    ]  # fmt: skip
    assert plural_index("ru")(11) == 2 and plural_index("ru")(22) == 1


def test_a_value_not_published_has_no_unit_and_an_untranslated_count_falls_back_to_english():
    assert count_with_unit(None, "complaints", "en") == "not published"
    assert ngettext("ru", "{n} thing", "{n} things", 5) == "{n} things"


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


# A page sentence that counts (the overview's NPM-visits card, the visits page's types note), as the catalogues give it.
NPM_VISITS = (
    "NPM groups made {n} visit to closed institutions in {period}.",
    "NPM groups made {n} visits to closed institutions in {period}.",
)
NOT_BY_TYPE = (
    "The visits by type add up to {sum}; the report's total for the same facilities is {total}: {n} visit is not broken down by type.",
    "The visits by type add up to {sum}; the report's total for the same facilities is {total}: {n} visits are not broken down by type.",
)  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["1 посещение", "2 посещения", "5 посещений", "21 посещение", "240 посещений"]),
        ("kk", ["1 бару", "2 бару", "5 бару", "21 бару", "240 бару"]),
        ("en", ["1 visit", "2 visits", "5 visits", "21 visits", "240 visits"]),
    ],
)
def test_a_page_sentence_counts_in_the_form_its_number_asks_for(lang, expected):
    from components.units import counted

    said = [counted(lang, NPM_VISITS, n, "visits", period="2025") for n in (1, 2, 5, 21, 240)]
    assert [f" {words} " in f" {sentence} " for sentence, words in zip(said, expected, strict=True)] == [True] * 5
    assert all("2025" in sentence and "{" not in sentence for sentence in said)
    if lang == "ru":  # the verb agrees too: "не распределено" for one, "не распределены" otherwise
        notes = [counted(lang, NOT_BY_TYPE, n, sum="1", total="2") for n in (1, 2, 5, 21, 240)]
        assert [note.rsplit(": ", 1)[1] for note in notes] == [
            "1 посещение не распределено по типам.", "2 посещения не распределены по типам.",
            "5 посещений не распределены по типам.", "21 посещение не распределено по типам.",
            "240 посещений не распределены по типам.",
        ]  # fmt: skip


def test_money_is_shown_in_whole_tenge():
    assert format_value(102957.3, "tenge", "en") == "102,957"
    assert format_value(102957.5, "tenge", "ru") == "102\u00a0958"
