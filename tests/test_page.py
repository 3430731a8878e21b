"""The one page skeleton and the one URL-parameter reader (components/page.py)."""

from __future__ import annotations

import pytest

from components.page import Param, ParamSpec, page_view, read_params
from data_access.queries.base import DataUnavailable
from tests.layout import find, texts

YEARS = ("2024", "2025")
SPEC = ParamSpec(
    (
        Param(
            "year",
            YEARS,
            default=lambda values: YEARS[-1],
            notice=lambda _, raw, values: _(
                "There are no visit figures for the year asked for; showing {year}."
            ).format(year=YEARS[-1]),
        ),
        # Choices that depend on a parameter read before: only 2025 has regional figures.
        Param("region", lambda values: {"KZ-61"} if values["year"] == "2025" else set()),
    )
)


def test_absent_parameters_take_their_defaults_without_a_notice():
    params = read_params(SPEC, {}, "en")
    assert params.values == {"year": "2025", "region": None}
    assert params.problems == [] and params.ok
    assert params.query == {"year": None, "region": None}


def test_a_known_value_is_kept_and_written_to_the_query():
    params = read_params(SPEC, {"year": " 2024 ", "region": ""}, "en")
    assert params.values == {"year": "2024", "region": None}
    assert params.query == {"year": "2024", "region": None}


def test_an_unknown_value_falls_back_to_the_default_with_the_params_own_notice():
    params = read_params(SPEC, {"year": "1999"}, "en")
    assert params.values["year"] == "2025"
    assert params.refused == ("year",) and not params.ok
    assert params.problems == ["There are no visit figures for the year asked for; showing 2025."]


def test_a_value_that_is_not_text_is_refused_never_raised_on():
    params = read_params(SPEC, {"year": ["2024"], "region": {"drop": "table"}}, "en")
    assert params.values == {"year": "2025", "region": None}
    assert params.refused == ("year", "region")


def test_notices_never_repeat_the_value_given():
    params = read_params(SPEC, {"region": "<script>alert(1)</script>"}, "en")
    assert params.refused == ("region",)
    assert all("<script>" not in problem for problem in params.problems)


def test_choices_may_depend_on_the_parameters_read_before():
    assert read_params(SPEC, {"year": "2025", "region": "KZ-61"}, "en").values["region"] == "KZ-61"
    assert read_params(SPEC, {"year": "2024", "region": "KZ-61"}, "en").refused == ("region",)


def test_unknown_parameter_names_are_listed_but_lang_is_not():
    params = read_params(SPEC, {"lang": "ru", "utm_source": "x", "year": "2024"}, "en")
    assert params.unknown == ("utm_source",)
    assert not params.ok and params.refused == ()


def test_notices_are_translated():
    params = read_params(SPEC, {"year": "1999"}, "ru")
    assert params.problems and "2025" in params.problems[0]
    assert "There are no visit figures" not in params.problems[0]


def _content(lang: str, params) -> list:
    return [f"{lang}:{params.values['year']}"]


def _failing(lang: str, params) -> list:
    raise DataUnavailable("database down")


@pytest.fixture
def app_built(bundled):
    import app  # noqa: F401 - page_view reads the page registry and the release

    return bundled


def test_page_view_adds_the_stores_and_the_notice_area_of_a_page_with_parameters(app_built):
    page = page_view("demo", "/demo", "en", {"year": "1999"}, "Overview", "About", _content, SPEC)
    for suffix in ("lang", "filters", "url-sync"):
        assert find(page, f"demo-{suffix}") is not None
    assert find(page, "demo-lang").data == "en"
    notice_area = find(page, "demo-notice")
    assert "There are no visit figures for the year asked for; showing 2025." in texts(notice_area)
    assert "en:2025" in texts(page)


def test_page_view_shows_the_unavailable_notice_when_the_database_fails(app_built):
    page = page_view("demo", "/demo", "en", {}, "Overview", None, _failing, SPEC)
    assert "Data temporarily unavailable" in texts(page)


def test_page_view_resolves_the_language_and_its_page_default(app_built):
    page = page_view("demo", "/demo", None, {}, "Overview", None, _content, SPEC, default_language="en")
    assert "en:2025" in texts(page)
    russian = page_view("demo", "/demo", "ru", {}, "Overview", None, _content, SPEC, default_language="en")
    assert "ru:2025" in texts(russian)


def test_the_language_links_carry_only_validated_parameters(app_built):
    page = page_view("demo", "/demo", "en", {"year": "2024", "junk": "1"}, "Overview", None, _content, SPEC)
    hrefs = [link.href for link in _links(page) if getattr(link, "hrefLang", None)]
    assert hrefs and all("year=2024" in href and "junk" not in href for href in hrefs)


def _links(component: object) -> list:
    found = []
    if getattr(component, "href", None):
        found.append(component)
    children = component if isinstance(component, (list, tuple)) else getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            found += _links(child)
    elif children is not None and not isinstance(children, str):
        found += _links(children)
    return found
