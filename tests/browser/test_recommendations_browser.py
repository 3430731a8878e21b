"""The recommendations page in a real browser: languages, accessibility at 1280 and 320 px, filters in the
URL, permalinks, bad input, and the heat map on a release whose Table 3 is complete."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest

from scripts.serve import ROOT, app_environment, import_release, running_app
from tests.browser.conftest import (
    axe_violations,
    console_errors,
    foreign_requests,
    open_page,
    tab_through,
    wait_for_dash,
)
from tests.recommendation_releases import write_later_release

pytestmark = pytest.mark.browser

LANGS = ("kk", "ru", "en")
TITLES = {
    "kk": "Ұсынымдар және олардың орындалуы",
    "ru": "Рекомендации и их исполнение",
    "en": "Recommendations and their fulfilment",
}
HEATMAP = "#recommendations-table3-graph .js-plotly-plot"


def click(driver, css: str) -> None:
    """Click an element after scrolling it to the middle at once (Bootstrap's smooth scrolling would move it mid-click)."""
    element = driver.find_element("css selector", css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def query_of(driver) -> dict[str, list[str]]:
    return parse_qs(urlparse(driver.current_url).query)


def heatmap_layers(driver) -> tuple[list, list]:
    """The z values of the heat map's grey ('not published') layer and of its coloured layer, as drawn."""
    return driver.execute_script(
        f"const d = document.querySelector('{HEATMAP}').data; return [d[0].z.flat(), d[1].z.flat()];"
    )


def tracker_codes(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#recommendations-tracker-list article'))"
        ".map(a => a.id.replace('recommendations-tracker-rec-', ''));"
    )


# ---------------------------------------------------------------- a release with a complete Table 3
# These tests come first. Run last, they left a worker of the shared live_server busy past the 20 s
# its teardown waits (an error at teardown in three runs of three); run first, they did not.


@pytest.fixture(scope="module")
def complete_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on its own database holding release 2026.3: Table 3 complete, R-01 in progress."""
    instance = tmp_path_factory.mktemp("complete-instance")
    release = write_later_release(tmp_path_factory.mktemp("complete-release") / "2026.3")
    env = app_environment(instance)
    # The report's release first, then the later one: the status history spans both.
    for path in (ROOT / "data" / "release", release):
        import_release(path, env)
    with running_app(env, workers=1, log_path=instance / "server.log") as url:
        yield url


@pytest.mark.parametrize("width", [1280, 320])
def test_with_a_complete_table3_every_heat_map_cell_is_coloured(browser, complete_server, width):
    open_page(browser, f"{complete_server}/recommendations?lang=en", width=width)
    grey, coloured = heatmap_layers(browser)
    assert len(coloured) == 168 and all(v is not None for v in coloured)
    assert all(v is None for v in grey)
    card = browser.find_element("id", "recommendations-table3").text
    assert "not published" not in card.split("Show the numbers")[0]
    assert "The highest share fulfilled is in" in card
    assert axe_violations(browser) == []


def test_a_changed_status_shows_in_the_tracker_with_its_history(browser, complete_server):
    open_page(browser, f"{complete_server}/recommendations?lang=en&rec=R-01")
    selected = browser.find_element("id", "recommendations-selected").text
    assert "In progress since June 15, 2026" in selected
    assert "Proposed 2026 · release 2026.2" in selected and "In progress June 15, 2026 · release 2026.3" in selected


# ---------------------------------------------------------------- the bundled release


@pytest.mark.parametrize("lang", LANGS)
def test_page_renders_in_each_language_without_errors_or_third_party_requests(browser, live_server, lang):
    open_page(browser, f"{live_server}/recommendations?lang={lang}")
    assert browser.find_element("css selector", "h1").text == TITLES[lang]
    assert browser.execute_script("return document.documentElement.lang") == lang
    assert len(tracker_codes(browser)) == 11
    assert console_errors(browser) == []
    assert foreign_requests(browser, live_server) == []


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGS)
def test_page_has_no_axe_violations(browser, live_server, lang, width):
    open_page(browser, f"{live_server}/recommendations?lang={lang}", width=width)
    assert axe_violations(browser) == []


@pytest.mark.parametrize("width", [1280, 320])
def test_a_state_body_with_a_permalinked_recommendation_has_no_axe_violations(browser, live_server, width):
    open_page(browser, f"{live_server}/recommendations?lang=kk&agency=MVD&status=proposed&rec=R-04", width=width)
    assert browser.find_element("id", "recommendations-selected").is_displayed()
    assert axe_violations(browser) == []


def test_the_ministry_view_on_a_phone_answers_first_and_outlines_its_column(browser, live_server):
    open_page(browser, f"{live_server}/recommendations?lang=ru&agency=MVD", width=390)
    glance = browser.find_element("id", "recommendations-glance")
    assert "адрес «Министерство внутренних дел»: 11 рекомендаций" in glance.text
    assert "3 299 учреждений" in glance.text and "21,7 года" in glance.text
    # The summary comes before every card: the first thing under the filter.
    first = browser.execute_script(
        "return document.querySelector('#recommendations-overview > *, #recommendations-overview section').id"
    )
    assert first == "recommendations-glance"
    # ... and its first sentence starts on the first screen of a 390 x 844 phone.
    browser.set_window_size(390, 844)
    browser.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    assert browser.execute_script(
        "return document.querySelector('#recommendations-glance p').getBoundingClientRect().top < window.innerHeight"
    )
    browser.set_window_size(390, 1024)
    # No bar for a fulfilment nothing of which is published; the heat map outlines the MIA's column.
    assert not browser.find_elements("css selector", "#recommendations-fulfilment .js-plotly-plot")
    shapes = browser.execute_script(f"return document.querySelector('{HEATMAP}').layout.shapes.length")
    assert shapes == 1
    bold = browser.execute_script(
        f"return Array.from(document.querySelectorAll('{HEATMAP} .xtick tspan'))"
        ".filter(t => (t.getAttribute('style') || '').includes('bold')).map(t => t.textContent);"
    )
    assert bold == ["МВД"]  # the column's header, in bold
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    assert console_errors(browser) == []
    assert axe_violations(browser) == []


def test_the_page_fits_a_320px_screen_without_sideways_scrolling(browser, live_server):
    open_page(browser, f"{live_server}/recommendations?lang=ru", width=320)
    # Only the heat map scrolls inside its own box; the page itself never does.
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def test_english_page_shows_the_reports_figures_and_not_published_instead_of_zero(browser, live_server):
    open_page(browser, f"{live_server}/recommendations?lang=en")
    text = browser.find_element("id", "main-content").text
    assert "NPM · all state bodies: 32.8% of 3,188 fulfilled" in text
    assert "Ombudsman · Penal System Committee: 78.8% of 52 fulfilled" in text
    assert "Cells of Table 3 not published: 164 of 168" in text
    assert "This matches the report's total (52)" in text
    grey, coloured = heatmap_layers(browser)
    assert grey.count(1) == 164 and sum(v is not None for v in coloured) == 4
    assert 0 not in coloured


def test_choosing_a_state_body_filters_the_page_and_puts_it_in_the_url(browser, live_server):
    from selenium.webdriver.support.ui import Select

    open_page(browser, f"{live_server}/recommendations?lang=en")
    Select(browser.find_element("id", "recommendations-agency")).select_by_value("MZ")
    wait_for_dash(browser)
    assert query_of(browser)["agency"] == ["MZ"]
    assert tracker_codes(browser) == ["R-09"]
    glance = browser.find_element("id", "recommendations-glance").text
    assert (
        "The report closes with 1 recommendation addressed to Ministry of Health: open (proposed or in progress) 1"
        in glance
    )
    # The address reproduces the view.
    open_page(browser, browser.current_url)
    assert tracker_codes(browser) == ["R-09"]
    assert (
        Select(browser.find_element("id", "recommendations-agency")).first_selected_option.get_attribute("value")
        == "MZ"
    )


def test_the_status_filter_lists_only_that_status(browser, live_server):
    open_page(browser, f"{live_server}/recommendations?lang=en")
    click(browser, "#recommendations-status input[value='fulfilled']")
    wait_for_dash(browser)
    assert query_of(browser)["status"] == ["fulfilled"]
    assert tracker_codes(browser) == []
    assert "No recommendation matches these filters." in browser.find_element("id", "recommendations-tracker").text


def test_a_permalink_opens_its_recommendation_first(browser, live_server):
    open_page(browser, f"{live_server}/recommendations?lang=ru")
    click(browser, "#recommendations-tracker-rec-R-05 .rec-permalink")
    open_page(browser, browser.current_url)
    assert query_of(browser)["rec"] == ["R-05"]
    selected = browser.find_element("id", "recommendations-selected").text
    assert "Рекомендация R-05" in selected and "История статуса" in selected


def test_unknown_values_in_the_url_show_the_default_view_and_notices(browser, live_server):
    with urllib.request.urlopen(f"{live_server}/recommendations?lang=en&agency=NOPE&status=x&rec=R-99") as response:
        assert response.status == 200
    open_page(browser, f"{live_server}/recommendations?lang=en&agency=NOPE&status=x&rec=R-99")
    notices = [n.text for n in browser.find_elements("css selector", ".notice")]
    assert "The state body “NOPE” is not known; showing all state bodies." in notices
    assert "There is no recommendation “R-99”; showing all recommendations." in notices
    assert len(tracker_codes(browser)) == 11
    assert console_errors(browser) == []


def test_every_control_is_reachable_by_keyboard_with_a_visible_focus(browser, live_server):
    open_page(browser, f"{live_server}/recommendations?lang=en")
    focused = tab_through(browser, 90)  # every source is a link: many stops before the tracker's filters
    tags = [f["tag"] for f in focused]
    assert "SELECT" in tags and "INPUT" in tags
    assert all(f["outline"] for f in focused if f["tag"] in ("A", "BUTTON", "INPUT", "SELECT", "SUMMARY")), focused
