"""The overview: headline cards whose sentences count in the language's forms, and data notes folded away."""

from __future__ import annotations

import pytest
from dash import html

from tests.layout import find, load_page, texts


@pytest.fixture(scope="module")
def page(bundled):
    return load_page("overview")


@pytest.mark.parametrize(
    ("lang", "sentences"),
    [
        (
            "ru",
            [
                "В 2025 г. Омбудсмену поступило 240 жалоб о пытках.",
                "В 2025 г. группы НПМ совершили 425 посещений закрытых учреждений.",
                "В 2025 г. посещениями охвачено 817 учреждений мандата НПМ.",
                "В 2025 г. НПМ направил государственным органам 3\u00a0188 рекомендаций.",
            ],
        ),
        ("kk", ["2025 ж. Омбудсменге азаптау туралы 240 шағым келіп түсті."]),
        ("en", ["The Ombudsman received 240 complaints about torture in 2025."]),
    ],
)
def test_headline_sentences_count_in_the_languages_forms(page, lang, sentences):
    text = " ".join(texts(page.layout(lang=lang)))
    for sentence in sentences:
        assert sentence in text


@pytest.mark.parametrize(
    ("lang", "summary"),
    [
        ("en", "Data note: 65 of the 425 visits are not broken down by facility type."),
        ("ru", "Примечание к данным: 65 из 425 посещений не распределены по типам учреждений."),
        ("kk", "Деректерге ескертпе: 425 барудың 65 баруы мекеме түрлеріне бөлінбеген."),
    ],
)
def test_the_npm_visits_card_says_what_its_note_comes_to_and_folds_the_arithmetic_away(page, lang, summary):
    card = find(page.layout(lang=lang), "overview-npm_visits")
    details = [c for c in _walk(card) if isinstance(c, html.Details)]
    assert len(details) == 1
    assert " ".join(texts(details[0].children[0])) == summary
    folded = " ".join(texts(details[0].children[1]))
    assert "152+79+73+71+44+4+2" in folded  # the arithmetic is there, under the summary
    outside = " ".join(t for c in card.children.children if c is not details[0] for t in texts(c))
    assert "152+79" not in outside


def _walk(component: object):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and hasattr(child, "to_plotly_json"):
            yield from _walk(child)
