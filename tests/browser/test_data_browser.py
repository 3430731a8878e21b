"""The data and methods page, its downloads and the API inside the full app, in a real browser."""

from __future__ import annotations

import io
import json
import time
import urllib.error
import urllib.request
import zipfile

import pytest

from components.formatting import format_number
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
TITLES = {"kk": "Деректер және әдістеме", "ru": "Данные и методология", "en": "Data and methods"}


def fetch(url: str) -> tuple[int, dict, bytes]:
    """GET `url` as curl would: status, headers, body (errors included)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def main_text(browser) -> str:
    return browser.find_element("id", "main-content").text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("lang", LANGS)
def test_data_page_renders_in_each_language_without_errors_or_third_party_requests(browser, live_server, lang):
    open_page(browser, f"{live_server}/data?lang={lang}")
    assert browser.find_element("css selector", "h1").text == TITLES[lang]
    assert browser.execute_script("return document.documentElement.lang") == lang
    assert console_errors(browser) == []
    assert foreign_requests(browser, live_server) == []
    # Every dataset has its three downloads, and the whole package its link.
    links = [a.get_attribute("href") for a in browser.find_elements("css selector", ".data-downloads a")]
    assert len(links) == 3 * (14 + 7)  # 14 datasets (release 2026.2 adds its list of changes), 7 topics
    assert all(f"lang={lang}" in link for link in links)
    assert (
        browser.find_element("id", "data-package-link")
        .get_attribute("href")
        .endswith(f"/api/v1/datapackage.zip?lang={lang}")
    )


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGS)
def test_data_page_has_no_axe_violations(browser, live_server, lang, width):
    open_page(browser, f"{live_server}/data?lang={lang}", width=width)
    assert axe_violations(browser) == []


def test_data_page_fits_a_320_pixel_screen(browser, live_server):
    open_page(browser, f"{live_server}/data?lang=kk", width=320)
    # Wide tables scroll inside their own box; the page itself never scrolls sideways.
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 320


def test_methods_show_rates_and_shares_computed_from_the_counts(browser, live_server):
    open_page(browser, f"{live_server}/data?lang=en")
    rate = browser.find_element("id", "data-rate-example").text
    assert "18 ÷ 831 × 1,000 = 21.7" in rate  # Turkistan Region, Table 2 line 1191: computed 21.66
    assert "The report prints 21.6" in rate
    share = browser.find_element("id", "data-share-example").text
    assert "1,046 fulfilled ÷ 3,188 issued = 32.8%" in share  # line 1809
    change = browser.find_element("id", "data-change-example").text
    assert "240 in 2025 against 111 in 2024" in change and "+129" in change  # line 1171


def test_release_disclosure_map_licence_and_citation_are_stated(browser, live_server):
    open_page(browser, f"{live_server}/data?lang=en")
    text = main_text(browser)
    assert "2026.2" in browser.find_element("id", "data-release-details").text
    assert "first release" in browser.find_element("id", "data-release-changes").text
    # The release's own record of what it changed against 2026.1, each change linked to the line that settles it.
    own = browser.find_element("id", "data-release-own")
    assert len(own.find_elements("tag name", "li")) == 7
    assert "Corrected: The definition of registered torture offences" in own.text
    hrefs = {a.get_attribute("href").split("/", 3)[-1] for a in own.find_elements("css selector", "a.source-link")}
    assert "report?line=1143&lang=en#L1143" in hrefs and "report?line=928&lang=en#L928" in hrefs
    assert "geokz (A. Rodionov), CC BY 4.0" in text
    assert "fewer than 5" in text
    counts = browser.find_element("id", "data-disclosure-counts").text
    assert "not published by the report" in counts
    citation = browser.find_element("id", "data-citation").text
    assert "release 2026.2" in citation and citation.endswith("/data?lang=en")


def test_unknown_topic_shows_all_definitions_and_a_notice(browser, live_server):
    open_page(browser, f"{live_server}/data?lang=en&topic=weather")
    assert "no such topic" in browser.find_element("id", "data-notice").text
    headings = browser.find_elements("css selector", "#data-definitions h3")
    assert len(headings) == 7


def test_choosing_a_topic_filters_the_definitions_and_keeps_it_in_the_address(browser, live_server):
    open_page(browser, f"{live_server}/data?lang=en")
    radio = browser.find_element("css selector", "#data-topic input[value='compensation']")
    label = browser.find_element("css selector", f"label[for='{radio.get_attribute('id')}']")
    assert label.text == "Compensation to victims"
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", radio)
    radio.click()
    wait_for_dash(browser)
    deadline = time.monotonic() + 10
    while "topic=compensation" not in browser.current_url and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "topic=compensation" in browser.current_url
    headings = [h.text for h in browser.find_elements("css selector", "#data-definitions h3")]
    assert headings == ["Compensation to victims"]
    assert "compensation_paid_tenge" in browser.find_element("id", "data-definitions").text
    # The address reproduces the view.
    open_page(browser, browser.current_url)
    assert [h.text for h in browser.find_elements("css selector", "#data-definitions h3")] == [
        "Compensation to victims"
    ]


def test_every_control_is_reachable_by_keyboard_with_a_visible_focus(browser, live_server):
    open_page(browser, f"{live_server}/data?lang=en")
    focused = tab_through(browser, 40)
    assert any(f["text"].startswith("Download all datasets at once") for f in focused)
    assert any(f["tag"] == "A" and f["text"] == "Indicator definitions" for f in focused)
    assert all(f["outline"] for f in focused if f["tag"] in ("A", "BUTTON", "INPUT", "SUMMARY")), focused


def test_print_hides_the_controls_and_keeps_the_content(browser, live_server):
    open_page(browser, f"{live_server}/data?lang=en")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element("id", "data-contents").is_displayed()
        assert not browser.find_element("id", "data-topic").is_displayed()
        assert browser.find_element("id", "data-definitions").is_displayed()
        assert browser.find_element("id", "data-citation").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_page_links_download_the_files_it_describes(browser, live_server):
    open_page(browser, f"{live_server}/data?lang=ru")
    package = browser.find_element("id", "data-package-link").get_attribute("href")
    status, headers, body = fetch(package)
    assert status == 200 and headers["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
        assert descriptor["language"] == "ru"
        assert {f"data/{r['name']}.csv" for r in descriptor["resources"]} <= set(archive.namelist())
    csv_link = browser.find_element("css selector", "#data-topics-table .data-downloads a").get_attribute("href")
    status, headers, body = fetch(csv_link)
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body.startswith(b"\xef\xbb\xbfindicator,")


def test_the_api_gives_the_figures_the_pages_show(browser, live_server):
    status, _, body = fetch(f"{live_server}/api/v1/observations?indicator=complaints_received&period=2025&lang=en")
    assert status == 200
    national = [r for r in json.loads(body)["data"] if r["category"] is None]
    assert len(national) == 1
    open_page(browser, f"{live_server}/?lang=en")
    # The overview's complaints card shows the same figure the API gives.
    assert format_number(national[0]["value"], "en") in browser.find_element("id", "overview-complaints").text


def test_api_addresses_answer_json_inside_the_full_app(live_server):
    for address in ("/api/v1/no-such-route", "/api/", "/api/v2/regions"):
        status, headers, body = fetch(live_server + address)
        assert status == 404 and headers["Content-Type"] == "application/json", address
        assert json.loads(body)["error"]["message"]
    status, headers, _ = fetch(f"{live_server}/api/v1/regions?lang=en")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in headers  # the app remembers ?lang in a cookie, but not for the API
    status, _, body = fetch(f"{live_server}/api/v1/openapi.json")
    assert status == 200 and json.loads(body)["openapi"].startswith("3.")
