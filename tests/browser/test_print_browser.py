"""A print taken straight after the page loads, before any chart was scrolled near, holds every key figure.

Charts are drawn when they come near the screen; a print taken before that (Ctrl+P at the top, the
DevTools printToPDF call a PDF builder uses) must print each undrawn chart's numbers instead.
"""

from __future__ import annotations

import base64
import io
import time

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser


def printed_text(browser) -> str:
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(base64.b64decode(pdf["data"])))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_upr_briefing_printed_at_once_holds_every_indicators_numbers(browser, live_server):
    open_page(browser, f"{live_server}/upr?lang=en", draw_charts=False)
    drawn = browser.execute_script("return document.querySelectorAll('.chart-box .main-svg').length")
    text = printed_text(browser)
    assert drawn < browser.execute_script("return document.querySelectorAll('.chart-box').length")
    # The small multiples' numbers, each year: complaints 111 (2024) and 240 (2025), convictions 84 (2023–2024).
    for figure in ("111", "240", "84", "3,188", "1,046"):
        assert figure in text, figure
    assert "Complaints about torture" in text


def test_a_long_page_printed_at_once_prints_the_numbers_of_charts_never_drawn(browser, live_server):
    open_page(browser, f"{live_server}/visits?lang=en", draw_charts=False)
    boxes = browser.execute_script("return document.querySelectorAll('.chart-box').length")
    tables = browser.execute_script(
        "return Array.from(document.querySelectorAll('.chart-card')).filter(c => !c.querySelector('.main-svg'))"
        ".map(c => c.querySelector('.chart-table caption')?.textContent).filter(Boolean)"
    )
    assert boxes > 3 and tables, "some charts were drawn at once; the rest must print their tables"
    text = printed_text(browser)  # printing starts drawing the rest, too late for the snapshot
    for caption in tables:
        assert " ".join(caption.split())[:40] in text, caption


def test_the_print_button_prints_at_once_and_every_undrawn_chart_prints_its_numbers(browser, live_server):
    # The button's path: it calls the browser's print at once (no drawing first). The print itself is the
    # browser's (a dialog, which headless Chromium does not show), so it is recorded here, and the page is
    # then looked at as the printer sees it.
    open_page(browser, f"{live_server}/upr?lang=en", draw_charts=False)
    browser.execute_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
    button = browser.find_element("id", "upr-print")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", button)
    button.click()
    deadline = time.monotonic() + 5
    while not browser.execute_script("return window.__printed") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert browser.execute_script("return window.__printed") == 1
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        undrawn_tables = browser.execute_script(
            "return Array.from(document.querySelectorAll('.chart-card')).filter(c => c.querySelector('.chart-box')"
            " && !c.querySelector('.main-svg')).map(c => getComputedStyle(c.querySelector('.chart-table table')).display)"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert undrawn_tables and all(display != "none" for display in undrawn_tables), undrawn_tables
    text = printed_text(browser)
    for figure in ("111", "240", "84", "3,188", "1,046"):
        assert figure in text, figure
