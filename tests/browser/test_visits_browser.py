"""The visits page in a real browser: three languages, axe at 1280 and 320 px, filters in the URL, keyboard, print.

Most tests use the app on the bundled release (aggregates only). The visit-log
view is tested on a second server whose database holds a generated release
(tests/generated_release.py, labelled SYNTHETIC).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from selenium.webdriver.common.by import By

from scripts.serve import app_environment, import_release, running_app
from tests.browser.conftest import (
    axe_violations,
    console_errors,
    foreign_requests,
    open_page,
    tab_through,
    wait_for_dash,
)
from tests.generated_release import Facility, write_generated_release

pytestmark = pytest.mark.browser

LANGS = ("kk", "ru", "en")
TITLES = {
    "kk": "Төрт жылдық мандатқа қатысты барулар",
    "ru": "Посещения в сравнении с четырёхлетним мандатом",
    "en": "Visits against the four-year mandate",
}
# 817 of 3,761 mandated facilities covered in 2025 (report lines 1271, 1788), computed, in each language's format.
SHARE = {"kk": "21,7%", "ru": "21,7 %", "en": "21.7%"}


def main_text(browser) -> str:
    return browser.find_element(By.ID, "main-content").text.replace("\u00a0", " ").replace("\u202f", " ")


def control(browser, name: str):
    """A filter whose Dash id is a dictionary (its DOM id is that dictionary as JSON)."""
    return browser.execute_script(
        "return document.getElementById(arguments[0])", f'{{"name":"{name}","type":"visits-control"}}'
    )


def choose(browser, input_id: str) -> None:
    """Click a radio button's label (what a person clicks) and wait for the page to update."""
    browser.find_element(By.CSS_SELECTOR, f"label[for='{input_id}']").click()
    time.sleep(0.3)
    wait_for_dash(browser)


# ---------------------------------------------------------------- the bundled release


@pytest.mark.parametrize("lang", LANGS)
def test_page_renders_in_each_language_with_its_number_format(browser, live_server, lang):
    open_page(browser, f"{live_server}/visits?lang={lang}")
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == TITLES[lang]
    assert browser.execute_script("return document.documentElement.lang") == lang
    text = main_text(browser)
    assert SHARE[lang] in text and ("3,761" if lang == "en" else "3 761") in text
    assert console_errors(browser) == []
    assert foreign_requests(browser, live_server) == []


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGS)
def test_page_has_no_axe_violations(browser, live_server, lang, width):
    open_page(browser, f"{live_server}/visits?lang={lang}", width=width)
    assert axe_violations(browser) == []


def test_page_fits_a_320_px_screen_without_sideways_scrolling(browser, live_server):
    open_page(browser, f"{live_server}/visits?lang=kk", width=320)
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def test_page_answers_the_question_and_says_it_has_aggregates_only(browser, live_server):
    open_page(browser, f"{live_server}/visits?lang=en")
    text = main_text(browser)
    assert "takes at least 4.6 years: longer than the 4 years of the mandate" in text
    assert "MIA (21.7 years)" in text
    assert "aggregates only" in text
    # every chart sits in the chart card, with its numbers as a table and its source
    cards = browser.find_elements(By.CSS_SELECTOR, "section.chart-card")
    assert len(cards) >= 7
    assert all(card.find_elements(By.CSS_SELECTOR, "table") and "Source:" in card.text for card in cards)


def test_choosing_a_ministry_and_a_body_updates_the_cards_and_the_address(browser, live_server):
    open_page(browser, f"{live_server}/visits?lang=en")
    choose(browser, "visits-sector-MVD")
    choose(browser, "visits-body-all")
    assert "sector=MVD" in browser.current_url and "body=all" in browser.current_url
    text = main_text(browser)
    assert "MIA (7.5 years)" in text and "437 visits" in text
    assert console_errors(browser) == []
    # the address reproduces the view
    open_page(browser, browser.current_url)
    assert "MIA (7.5 years)" in main_text(browser)
    assert browser.find_element(By.ID, "visits-body-all").is_selected()


def test_a_year_without_breakdowns_shows_a_sentence_not_zeros(browser, live_server):
    open_page(browser, f"{live_server}/visits?lang=en")
    choose(browser, "visits-year-2024")
    assert "year=2024" in browser.current_url
    text = main_text(browser)
    assert "The report breaks visits down by ministry only for 2025" in text
    assert "801" in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=1999", "There are no visit figures for the year asked for"),
        ("sector=XYZ", "Unknown ministry"),
        ("body=aliens", "Unknown visiting body"),
        ("date=31.12.2025", "no visit logs"),
        ("region=KZ-75", "visit logs"),
    ],
)
def test_bad_address_values_show_the_default_view_and_a_notice(browser, live_server, query, message):
    open_page(browser, f"{live_server}/visits?lang=en&{query}")
    notices = " ".join(n.text for n in browser.find_elements(By.CSS_SELECTOR, ".notice"))
    assert message in notices
    assert "21.7%" in main_text(browser)
    assert console_errors(browser) == []


def test_filters_work_from_the_keyboard(browser, live_server):
    from selenium.webdriver.common.keys import Keys

    open_page(browser, f"{live_server}/visits?lang=en")
    focused = tab_through(browser, 20)
    radios = [f for f in focused if f["tag"] == "INPUT"]
    assert radios and all(f["outline"] for f in radios), focused
    body = browser.find_element(By.ID, "visits-body-npm")
    body.send_keys(Keys.ARROW_RIGHT)  # radio groups move with the arrow keys
    time.sleep(0.3)
    wait_for_dash(browser)
    assert "body=regional_reps" in browser.current_url
    assert "MIA (11.6 years)" in main_text(browser)


def test_print_hides_the_controls_and_keeps_the_figures(browser, live_server):
    open_page(browser, f"{live_server}/visits?lang=en")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element(By.CSS_SELECTOR, ".filters").is_displayed()
        assert not browser.find_element(By.CSS_SELECTOR, ".card-downloads").is_displayed()
        assert browser.find_element(By.ID, "visits-verdict").is_displayed()
        assert browser.find_element(By.ID, "visits-coverage-graph").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


# ---------------------------------------------------------------- a generated release with visit logs


@pytest.fixture(scope="module")
def logs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a database holding a generated release with visit logs (one worker)."""
    instance = tmp_path_factory.mktemp("visits-logs")
    release = write_generated_release(
        instance / "release",
        facilities=600,
        visits=3000,
        seed=7,
        extra_facilities=[Facility(f"KNOWN-NEVER-{index}", "ivs", "KZ-75") for index in range(5)],
    )
    env = app_environment(instance)
    import_release(release, env)
    with running_app(env, workers=1, log_path=instance / "server.log") as url:
        yield url


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGS)
def test_visit_log_view_has_no_axe_violations(browser, logs_server, lang, width):
    open_page(browser, f"{logs_server}/visits?lang={lang}&date=2025-06-30", width=width)
    assert browser.find_elements(By.ID, "visits-overdue")
    assert axe_violations(browser) == []


def test_visit_log_view_is_labelled_synthetic_and_lists_overdue_facilities(browser, logs_server):
    open_page(browser, f"{logs_server}/visits?lang=en&date=2025-06-30&body=all")
    text = main_text(browser)
    assert "SYNTHETIC" in text and "aggregates only" not in text
    assert "visited in the four years to June 30, 2025" in text
    overdue = browser.find_element(By.ID, "visits-overdue-table").text
    assert "KNOWN-NEVER" in overdue and "never visited" in overdue
    assert console_errors(browser) == []


def test_choosing_a_region_and_a_date_updates_the_logs_view_and_the_address(browser, logs_server):
    from selenium.webdriver.support.ui import Select

    open_page(browser, f"{logs_server}/visits?lang=en&date=2025-06-30&body=all")
    Select(control(browser, "region")).select_by_value("KZ-75")
    time.sleep(0.3)
    wait_for_dash(browser)
    assert "region=KZ-75" in browser.current_url
    assert "Almaty (city)" in browser.find_element(By.ID, "visits-logs-region").text
    date = control(browser, "date")
    # A date picker's typing order depends on the browser's locale: set the value as the picker would, then leave the field.
    browser.execute_script(
        "const input = arguments[0]; input.focus();"
        "Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '2024-01-15');"
        "input.dispatchEvent(new Event('input', {bubbles: true})); input.blur();",
        date,
    )
    time.sleep(0.5)
    wait_for_dash(browser)
    assert "date=2024-01-15" in browser.current_url
    assert "January 15, 2024" in main_text(browser)
