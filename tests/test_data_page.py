"""Data and methods page: the topic filter of the definitions, in the address and on the page."""

from __future__ import annotations

import pytest

from tests.layout import find, load_page, texts

NOTICE = "There is no such topic; showing the definitions of all topics."


@pytest.fixture(scope="module")
def page(bundled):
    """The pages.data page module, with the app built on the test database."""
    return load_page("data")


def test_a_topic_in_the_address_limits_the_definitions(page):
    layout = page.layout(lang="en", topic="compensation")
    assert find(layout, "data-topic").value == "compensation"
    assert find(layout, "data-topic-compensation-title") is not None
    assert find(layout, "data-topic-complaints-title") is None
    assert not texts(find(layout, "data-notice"))


@pytest.mark.parametrize("topic", ["bogus", "<script>", "Compensation"])
def test_an_unknown_topic_in_the_address_shows_every_topic_and_a_notice(page, topic):
    layout = page.layout(lang="en", topic=topic)
    assert find(layout, "data-topic").value == "all"
    assert texts(find(layout, "data-notice")) == [NOTICE]
    assert find(layout, "data-topic-compensation-title") is not None


@pytest.mark.parametrize("requested", [7, ["compensation"], {"a": 1}, "bogus"])
def test_malformed_callback_input_gives_every_topic_and_a_translated_notice(page, requested):
    from components.i18n import translator

    blocks, notices, filters = page.change_topic(requested, "ru")
    assert filters == {"topic": None}
    expected = translator("ru")(NOTICE)
    assert expected != NOTICE and texts(notices) == [expected]
    assert len(blocks) > 2


def test_the_callback_puts_a_known_topic_in_the_address(page):
    blocks, notices, filters = page.change_topic("compensation", "not-a-language")
    assert filters == {"topic": "compensation"} and notices == []
    assert "data-topic-compensation-title" in [getattr(block, "id", None) for block in blocks]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_topic_spec_refuses_an_unknown_topic_with_a_translated_notice(page, lang):
    import dash

    from components.i18n import translator
    from components.page import read_params
    from pages.data.params import PARAMS

    params = read_params(PARAMS, {"topic": "bogus"}, lang)
    assert params.values == {"topic": "all"} and params.problems == [translator(lang)(NOTICE)]
    assert read_params(PARAMS, {"topic": "compensation"}, lang).query == {"topic": "compensation"}
    assert dash.page_registry["pages.data.page"]["params"] is PARAMS


def test_each_method_has_a_worked_example_with_its_report_lines(page):
    layout = page.layout(lang="en")
    for element_id in ("data-rate-example", "data-share-example", "data-change-example"):
        text = " ".join(texts(find(layout, element_id)))
        assert text.startswith("Example: ") and "(Special report 2026, " in text, element_id


def test_the_data_page_lists_what_this_release_changed_with_the_lines_that_settle_it(page):
    from tests.layout import source_links

    layout = page.layout(lang="en")
    own = find(layout, "data-release-own")
    assert own is not None and len(own.children) == 7
    text = " ".join(" ".join(texts(own)).split())
    assert "Corrected: The definition of registered torture offences: it no longer says" in text
    assert "Added: The people the Ombudsman received in person at each 2025 visit" in text
    hrefs = {href for _, href in source_links(own)}
    assert {
        "/report?line=928&lang=en#L928",
        "/report?line=1271&lang=en#L1271",
        "/report?line=1143&lang=en#L1143",
    } <= hrefs
    summary = " ".join(texts(layout))
    assert (
        "Changes release 2026.2 records against the release before it: 7 (corrected: 2, added: 3, clarified: 2)."
        in summary
    )


@pytest.mark.parametrize(("lang", "word"), [("ru", "Исправлено"), ("kk", "Түзетілді")])
def test_the_changes_are_listed_in_each_language(page, lang, word):
    text = " ".join(texts(find(page.layout(lang=lang), "data-release-own")))
    assert word in text and "wider" not in text
