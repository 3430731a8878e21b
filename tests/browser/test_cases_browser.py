"""The case-outcome page in a real browser: languages, accessibility, the period selector, bad input, small screens, print."""

from __future__ import annotations

import pytest

from tests.browser.conftest import (
    axe_violations,
    console_errors,
    foreign_requests,
    open_page,
    tab_through,
    wait_for_dash,
)

pytestmark = pytest.mark.browser

LANGS = ("kk", "ru", "en")
TITLES = {
    "kk": "Азаптау туралы шағымдар қалай қаралады",
    "ru": "Что происходит с жалобами о пытках",
    "en": "What happens to torture complaints",
}
CARDS = ("cases-stages", "cases-trends", "cases-totals", "cases-compensation", "cases-origins")


def main_text(browser) -> str:
    return browser.find_element("id", "main-content").text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("lang", LANGS)
def test_page_renders_in_each_language_without_errors_or_third_party_requests(browser, live_server, lang):
    open_page(browser, f"{live_server}/cases?lang={lang}")
    assert browser.find_element("css selector", "h1").text == TITLES[lang]
    assert browser.execute_script("return document.documentElement.lang") == lang
    for card in CARDS:
        assert browser.find_element("id", card).is_displayed()
    assert console_errors(browser) == []
    assert foreign_requests(browser, live_server) == []


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGS)
def test_page_has_no_axe_violations(browser, live_server, lang, width):
    open_page(browser, f"{live_server}/cases?lang={lang}&period=2024", width=width)
    assert axe_violations(browser) == []


def test_english_page_shows_the_reports_figures_with_units_and_sources(browser, live_server):
    open_page(browser, f"{live_server}/cases?lang=en")
    text = main_text(browser)
    assert "Torture complaints received by the Ombudsman: 240" in text  # line 1171
    assert "Persons convicted of torture: 19" in text  # line 960
    assert "Special report 2026, Section 4, Figure 7" in text
    assert "2,789" in text and "The report prints 789" in text  # computed total beside the printed one
    assert "102,790 tenge per victim" in text  # 1,541,850 / 15, computed
    assert "30 MCI" in text  # the rule, line 920


def test_kazakh_page_formats_numbers_the_kazakh_way(browser, live_server):
    open_page(browser, f"{live_server}/cases?lang=kk")
    text = main_text(browser)
    assert "1 541 850" in text and "2 789" in text


def test_choosing_a_span_rebuilds_the_stages_and_keeps_it_in_the_url(browser, live_server):
    open_page(browser, f"{live_server}/cases?lang=en")
    browser.find_element("css selector", "label[for$='2023-2024']").click()
    wait_for_dash(browser)
    assert browser.current_url.endswith("period=2023-2024")
    stages = browser.find_element("id", "cases-stages").text
    assert "Complaints, registrations, court cases and convictions, 2023–2024" in stages
    assert "not published for 2023–2024 as a whole; 2024 alone: 111" in stages
    assert "/download/cases.stages.csv?lang=en&period=2023-2024" in browser.find_element(
        "css selector", "#cases-stages .card-downloads a"
    ).get_attribute("href")
    # the permalink reproduces the view
    open_page(browser, browser.current_url)
    assert browser.find_element("css selector", "input[value='2023-2024']").is_selected()
    assert "2023–2024" in browser.find_element("id", "cases-stages-title").text


def test_unknown_period_in_the_url_shows_the_default_view_and_a_notice(browser, live_server):
    open_page(browser, f"{live_server}/cases?lang=ru&period=1999")
    assert (
        browser.find_element("id", "cases-notice").text
        == "Для периода, указанного в адресе, данных нет; вместо него показан 2025."
    )
    assert browser.find_element("css selector", "input[value='2025']").is_selected()
    assert console_errors(browser) == []


def test_period_can_be_chosen_with_the_keyboard(browser, live_server):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(browser, f"{live_server}/cases?lang=en&period=2024")
    focused = tab_through(browser, 40)
    assert any(f["tag"] == "INPUT" for f in focused)
    assert all(f["outline"] for f in focused if f["tag"] in ("A", "BUTTON", "INPUT", "SUMMARY")), focused
    choice = browser.find_element("css selector", "input[value='2024']")
    # Bootstrap scrolls smoothly: bring the control into view at once, or the click lands mid-scroll.
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", choice)
    choice.click()
    wait_for_dash(browser)
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()
    wait_for_dash(browser)
    assert browser.find_element("css selector", "input[value='2025']").is_selected()
    assert browser.current_url.endswith("period=2025")
    assert "2025" in browser.find_element("id", "cases-stages-title").text


def test_page_fits_a_320_px_screen_without_sideways_scrolling(browser, live_server):
    open_page(browser, f"{live_server}/cases?lang=kk", width=320)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    for card in CARDS:
        assert browser.find_element("id", card).size["width"] <= 320


def test_print_view_hides_the_controls_and_keeps_every_card(browser, live_server):
    open_page(browser, f"{live_server}/cases?lang=en")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element("css selector", ".filters fieldset").is_displayed()
        assert not browser.find_element("css selector", "#cases-stages .card-downloads").is_displayed()
        for card in CARDS:
            assert browser.find_element("id", card).is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
