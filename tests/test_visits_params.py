"""The visits page's one parameter spec: a bad value gives the default view and a translated notice.

The same spec is read by the layout, the callback and the downloads; these tests
hold it to that rule in each place, on the bundled release (no visit logs).
"""

from __future__ import annotations

import datetime as dt

import pytest

from components.i18n import translator
from components.page import read_params
from tests.layout import find, load_page, texts
from tests.test_visits import callback_request, page_text, post_callback

DEFAULT_VIEW = {"year": "2025", "sector": None, "body": "npm", "region": None, "date": None}
YEAR_NOTICE = "There are no visit figures for the year asked for; showing {year}."
MINISTRY_NOTICE = "Unknown ministry in the address; showing all ministries."


@pytest.fixture(scope="module")
def page(bundled):
    return load_page("visits")


@pytest.fixture(scope="module")
def params(page):
    from pages.visits import params

    return params


def test_good_values_are_kept_and_absent_ones_take_the_default(params):
    read = read_params(params.PARAMS, {"year": "2024", "body": "all"}, "en")
    assert read.values == {**DEFAULT_VIEW, "year": "2024", "body": "all"}
    assert read.problems == [] and read.ok


@pytest.mark.parametrize(
    ("name", "bad"),
    [("year", "1999"), ("year", "2025.0"), ("sector", "<b>NOPE</b>"), ("body", "aliens"), ("region", "KZ-75")],
)
def test_a_bad_value_falls_back_to_the_default_with_a_notice_that_does_not_repeat_it(params, name, bad):
    read = read_params(params.PARAMS, {name: bad}, "en")
    assert read.values == DEFAULT_VIEW
    assert read.refused == (name,) and len(read.problems) == 1
    assert bad not in read.problems[0]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_notice_is_in_the_language_of_the_page(params, lang):
    problems = read_params(params.PARAMS, {"year": "1999", "sector": "NOPE"}, lang).problems
    _ = translator(lang)
    assert problems == [_(YEAR_NOTICE).format(year="2025"), _(MINISTRY_NOTICE)]
    assert _(MINISTRY_NOTICE) != MINISTRY_NOTICE


def test_the_layout_shows_the_default_view_and_the_notice_in_the_notice_area(page):
    layout = page.layout(lang="ru", year="1999")
    _ = translator("ru")
    area = page_text(find(layout, "visits-notice"))
    assert _(YEAR_NOTICE).format(year="2025") in area and "1999" not in area
    assert "1999" not in page_text(layout)
    assert "21,7 % от 3 761" in page_text(find(layout, "visits-content"))  # the default view: 2025, NPM


def test_the_layout_links_the_languages_to_the_validated_view_only(page):
    layout = page.layout(lang="en", year="2024", body="aliens")
    hrefs = [getattr(c, "href", "") or "" for c in _walk(layout)]
    language_links = [href for href in hrefs if "lang=ru" in href]
    assert language_links and all("year=2024" in href and "aliens" not in href for href in language_links)


def _walk(component: object):
    yield component
    children = component if isinstance(component, (list, tuple)) else getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            yield from _walk(child)
    elif children is not None and not isinstance(children, str):
        yield from _walk(children)


def test_the_callback_answers_a_bad_value_with_the_default_view_and_a_translated_notice(page):
    result = post_callback(callback_request({"year": "1999", "sector": "NOPE", "body": "npm"}, lang="kk")).get_json()
    _ = translator("kk")
    content = " ".join(texts(_components(result["response"]["visits-content"]["children"])))
    assert _(YEAR_NOTICE).format(year="2025") in content and _(MINISTRY_NOTICE) in content
    assert "1999" not in content and "NOPE" not in content
    assert result["response"]["visits-filters"]["data"] == DEFAULT_VIEW


def _components(tree: object) -> list[str]:
    """The strings of a callback answer (Dash's JSON form of components)."""
    if isinstance(tree, str):
        return [tree]
    if isinstance(tree, list):
        return [text for child in tree for text in _components(child)]
    if isinstance(tree, dict):
        return _components(tree.get("props", {}).get("children"))
    return []


def test_changing_the_view_clears_the_notices_of_the_address(page):
    payload = {
        "output": "visits-notice.children",
        "outputs": {"id": "visits-notice", "property": "children"},
        "inputs": [{"id": "visits-filters", "property": "data", "value": DEFAULT_VIEW}],
        "changedPropIds": ["visits-filters.data"],
        "state": [],
    }
    response = post_callback(payload)
    assert response.status_code == 200
    assert response.get_json()["response"]["visits-notice"]["children"] == []


def test_downloads_and_the_page_registry_use_the_page_spec(page, params):
    import dash

    from components.datasets import dataset_names, dataset_params

    visits = [name for name in dataset_names() if name.startswith("visits.")]
    assert {dataset_params(name) for name in visits} == {None, params.PARAMS, params.LOG_COVERAGE_PARAMS}
    assert dataset_params("visits.coverage") is None  # one table for every view
    assert params.LOG_COVERAGE_PARAMS.names == (*params.PARAMS.names, "by")
    entry = next(p for p in dash.page_registry.values() if p["path"] == "/visits")
    assert entry["params"] is params.PARAMS


def test_log_dates_are_iso_dates_within_the_logs(params):
    dates = params.DateRange(dt.date(2024, 2, 28), dt.date(2024, 3, 1))
    assert list(dates) == ["2024-02-28", "2024-02-29", "2024-03-01"] and len(dates) == 3
    assert "2024-02-29" in dates
    assert "2024-03-02" not in dates and "2024-2-29" not in dates and "29.02.2024" not in dates
    assert "2023-02-29" not in params.DateRange(dt.date(2023, 1, 1), dt.date(2023, 12, 31))
