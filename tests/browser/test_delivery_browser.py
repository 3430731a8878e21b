"""In Chromium: every chart still draws with the app's own small plotly.js, every page arrives with its
layout (no callback on load), nothing is fetched from another origin, and routing still works."""

from __future__ import annotations

import pytest

from tests.browser.conftest import charts_drawn, console_errors, draw_every_chart, foreign_requests, open_page

pytestmark = pytest.mark.browser

PAGES = ["/", "/regions", "/visits", "/recommendations", "/cases", "/upr", "/data", "/about"]


def resources(driver) -> list[dict]:
    return driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => ({name: e.name.replace(location.origin, ''), size: e.encodedBodySize}))"
    )


@pytest.mark.parametrize("path", PAGES)
def test_page_arrives_with_its_layout_and_draws_every_chart_with_the_small_bundle(live_server, browser, path):
    open_page(browser, f"{live_server}{path}?lang=en")
    graphs, drawn = charts_drawn(browser)
    assert drawn == graphs, f"{graphs - drawn} of {graphs} charts not drawn"
    loaded = resources(browser)
    assert not [r for r in loaded if "_dash-update-component" in r["name"]], "no callback fires to fill the page"
    plotly = [r for r in loaded if "plotly" in r["name"]]
    if graphs:
        assert len(plotly) == 1 and plotly[0]["size"] < 700_000, plotly  # the full bundle is ~1.4 MB compressed
        assert browser.execute_script("return Object.keys(Plotly.PlotSchema.get().traces).sort()") == [
            "bar", "choropleth", "heatmap", "scatter", "scattergeo",
        ]  # fmt: skip
    else:
        assert not plotly, "a page without charts does not load plotly.js"
    assert not [r for r in loaded if "polyfill" in r["name"]]
    assert foreign_requests(browser, live_server) == []
    assert console_errors(browser) == []


def test_navigating_inside_the_app_routes_with_the_callback(live_server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, f"{live_server}/?lang=en")
    browser.find_element(By.CSS_SELECTOR, "nav a[href^='/regions']").click()
    WebDriverWait(browser, 20).until(expected_conditions.url_contains("/regions"))
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.ID, "regions-metric"))
    graphs, drawn = draw_every_chart(browser)
    assert graphs and drawn == graphs
    assert console_errors(browser) == []


def test_a_layout_rendered_for_another_page_is_corrected_by_the_router(live_server, browser):
    """A privacy setting that trims the Referer to the site's root must not show the overview at /regions."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Referer": f"{live_server}/"}})
    try:
        open_page(browser, f"{live_server}/regions?lang=en&trimmed=1")
        WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.ID, "regions-metric"))
        assert not browser.find_elements(By.ID, "overview-complaints"), "the overview was replaced"
        assert browser.current_url.endswith("/regions?lang=en&trimmed=1")
    finally:
        browser.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})


def test_charts_far_down_a_page_are_drawn_when_scrolled_near_and_print_their_tables_until_then(live_server, browser):
    import time

    open_page(browser, f"{live_server}/visits?lang=en", draw_charts=False)
    deadline = time.monotonic() + 20
    while charts_drawn(browser)[1] == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    graphs, drawn = charts_drawn(browser)
    assert 0 < drawn < graphs, "the charts near the top are drawn at once, the others not yet"
    page_height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.execute_script(
        "const g = document.querySelectorAll('.chart-box'); g[g.length - 1].scrollIntoView({block: 'center', behavior: 'instant'})"
    )
    deadline = time.monotonic() + 20
    while not browser.execute_script(
        "const g = document.querySelectorAll('.chart-box'); return !!g[g.length - 1].querySelector('.main-svg')"
    ):
        assert time.monotonic() < deadline, "the last chart is drawn once scrolled to"
        time.sleep(0.1)
    # Printing now draws nothing (the snapshot would not wait for it): each chart not drawn prints its table.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        undrawn = browser.execute_script(
            "return Array.from(document.querySelectorAll('.chart-card')).filter(c => c.querySelector('.chart-box')"
            " && !c.querySelector('.main-svg')).map(c => getComputedStyle(c.querySelector('.chart-table table')).display)"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert undrawn and all(display != "none" for display in undrawn), undrawn
    # Each chart's box kept its height before it was drawn: nothing below a chart moved.
    assert browser.execute_script("return document.documentElement.scrollHeight") == page_height
    assert console_errors(browser) == []


def test_a_page_read_only_at_its_top_on_a_phone_loads_no_plotly_until_a_chart_comes_near(live_server, browser):
    import time

    open_page(browser, f"{live_server}/visits?lang=en", width=412, draw_charts=False)
    first_chart_top = browser.execute_script("return document.querySelector('.chart-box').getBoundingClientRect().top")
    assert first_chart_top > 1024 + 600, "the first chart is far below the first screen (else this test needs a page)"
    time.sleep(1)
    assert not [r for r in resources(browser) if "plotly" in r["name"]], "no plotly.js for a reader at the top"
    assert browser.execute_script("return document.querySelectorAll('.dash-graph').length") == 0
    browser.execute_script(
        "document.querySelector('.chart-box').scrollIntoView({block: 'center', behavior: 'instant'})"
    )
    deadline = time.monotonic() + 20
    while not browser.execute_script("return !!document.querySelector('.chart-box .main-svg')"):
        assert time.monotonic() < deadline, "the chart scrolled to is drawn"
        time.sleep(0.1)
    assert len([r for r in resources(browser) if "plotly" in r["name"]]) == 1
    assert console_errors(browser) == []


def test_a_chart_not_yet_drawn_prints_its_numbers_instead(live_server, browser):
    open_page(browser, f"{live_server}/visits?lang=en", width=412, draw_charts=False)
    visible_tables = (
        "return [...document.querySelectorAll('.chart-card')].filter(c => c.querySelector('.chart-box'))"
        ".map(c => c.querySelector('.chart-table table').checkVisibility())"
    )
    assert not any(browser.execute_script(visible_tables)), "on screen the tables stay folded"
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        printed = browser.execute_script(visible_tables)
        assert printed and all(printed), "on paper each undrawn chart's table is printed"
        assert browser.execute_script(
            "return [...document.querySelectorAll('.chart-box')].every(b => !b.checkVisibility())"
        ), "and its empty box is not"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
