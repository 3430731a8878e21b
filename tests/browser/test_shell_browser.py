"""The shell, overview, About and 404 pages in a real browser: content, languages, accessibility, privacy."""

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
    "/": {"kk": "Шолу", "ru": "Обзор", "en": "Overview"},
    "/about": {"kk": "Жоба туралы", "ru": "О проекте", "en": "About"},
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["/", "/about"])
def test_page_renders_in_each_language_without_errors_or_third_party_requests(browser, live_server, path, lang):
    open_page(browser, f"{live_server}{path}?lang={lang}")
    assert browser.find_element("css selector", "h1").text == TITLES[path][lang]
    assert browser.execute_script("return document.documentElement.lang") == lang
    assert console_errors(browser) == []
    assert foreign_requests(browser, live_server) == []


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["/", "/about", "/no-such-page"])
def test_page_has_no_axe_violations(browser, live_server, path, lang, width):
    open_page(browser, f"{live_server}{path}?lang={lang}", width=width)
    assert axe_violations(browser) == []


def test_overview_shows_the_reports_headline_figures_in_english(browser, live_server):
    open_page(browser, f"{live_server}/?lang=en")
    text = browser.find_element("id", "main-content").text
    assert "240" in text  # complaints to the Ombudsman in 2025 (report line 1171)
    assert "3,188" in text  # NPM recommendations sent in 2025 (line 1809)
    assert "Up 129" in text  # 240 against 111 in 2024
    assert "32.8%" in text  # 1,046 of 3,188 fulfilled, computed


def test_overview_uses_kazakh_number_formatting(browser, live_server):
    open_page(browser, f"{live_server}/?lang=kk")
    text = browser.find_element("id", "main-content").text
    assert "3 188" in text.replace("\u00a0", " ")


def test_language_is_remembered_when_moving_between_pages(browser, live_server):
    open_page(browser, f"{live_server}/?lang=ru")
    browser.find_element("link text", "О проекте").click()
    open_page(browser, browser.current_url)
    assert browser.find_element("css selector", "h1").text == "О проекте"
    assert "lang=ru" in browser.current_url
    # a link without ?lang falls back to the remembered language (cookie)
    open_page(browser, f"{live_server}/about")
    assert browser.find_element("css selector", "h1").text == "О проекте"


def test_every_control_is_reachable_by_keyboard_with_a_visible_focus(browser, live_server):
    open_page(browser, f"{live_server}/?lang=en")
    focused = tab_through(browser, 25)
    assert any(f["text"].startswith("Skip to main content") for f in focused)
    assert any(f["text"] == "About" for f in focused)
    assert all(f["outline"] for f in focused if f["tag"] in ("A", "BUTTON", "INPUT", "SUMMARY")), focused


@pytest.mark.parametrize("lang", LANGS)
def test_the_tab_title_is_the_served_title_in_the_readers_language_also_after_following_a_link(
    browser, live_server, lang
):
    import re
    import urllib.request
    from html import unescape

    from selenium.webdriver.support.ui import WebDriverWait

    def served(path: str) -> str:
        with urllib.request.urlopen(f"{live_server}{path}?lang={lang}") as response:
            return unescape(re.search(r"<title>(.*?)</title>", response.read().decode("utf-8")).group(1))

    open_page(browser, f"{live_server}/?lang={lang}")
    assert browser.title == served("/")
    assert browser.title.startswith(TITLES["/"][lang] + " · ")
    # A link inside the app is routed by Dash's router callback, not by a page load.
    browser.find_element("css selector", f"a.nav-link[href='/about?lang={lang}']").click()
    heading = "var h = document.querySelector('#main-content h1'); return h ? h.textContent : null;"
    WebDriverWait(browser, 20).until(lambda driver: driver.execute_script(heading) == TITLES["/about"][lang])
    wait_for_dash(browser)
    WebDriverWait(browser, 5).until(lambda driver: driver.title == served("/about"))
    assert browser.title.startswith(TITLES["/about"][lang] + " · ")
