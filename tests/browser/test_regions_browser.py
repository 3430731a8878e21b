"""The regions page in a real browser: the map, clicking a region, the metric switch, bad input, accessibility."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import (
    axe_violations,
    console_errors,
    draw_every_chart,
    foreign_requests,
    open_page,
    wait_for_dash,
)

pytestmark = pytest.mark.browser

LANGS = ("kk", "ru", "en")
TITLES = {
    "kk": "Өңірлер бойынша азаптау туралы шағымдар",
    "ru": "Жалобы о пытках по регионам",
    "en": "Complaints about torture by region",
}


def wait_until(driver, script: str, timeout: float = 20):
    """Poll a JavaScript expression until it is truthy; return its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(f"return {script}")
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {script}")


# The map's regions are drawn once plotly.js has fetched the boundaries from the app.
DRAWN_REGIONS = "document.querySelectorAll('#regions-map-graph path.choroplethlocation').length"


def trace_values(driver, graph_id: str, trace: int = 0) -> dict:
    """location (or category) -> value of one trace of a graph, as plotly.js drew it."""
    return driver.execute_script(
        "const d = document.querySelector(arguments[0] + ' .js-plotly-plot')._fullData[arguments[1]];"
        "const keys = d.locations || d.y; const values = d.z || d.x; const out = {};"
        "keys.forEach((k, i) => { out[k] = values[i]; }); return out;",
        f"#{graph_id}",
        trace,
    )


def click_inside_region(driver, geo_key: str) -> None:
    """Click a point inside a region's shape on the map, away from the city markers, as a person would."""
    point = driver.execute_script(
        """
        const paths = [...document.querySelectorAll('#regions-map-graph path.choroplethlocation')];
        const path = paths.find(p => p.__data__ && p.__data__.loc === arguments[0]);
        path.scrollIntoView({block: 'center', behavior: 'instant'});  // Bootstrap makes scrolling smooth: do not measure mid-scroll
        const box = path.getBBox(), matrix = path.getScreenCTM();
        const markers = [...document.querySelectorAll('#regions-map-graph .scattergeo path.point')]
            .map(m => m.getBoundingClientRect()).map(r => [r.x + r.width / 2, r.y + r.height / 2]);
        let best = null;
        for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
            const p = new DOMPoint(box.x + box.width * i / 20, box.y + box.height * j / 20);
            if (!path.isPointInFill(p)) continue;
            const s = p.matrixTransform(matrix);
            const clearance = Math.min(...markers.map(([x, y]) => Math.hypot(x - s.x, y - s.y)));
            if (!best || clearance > best[2]) best = [s.x, s.y, clearance];
        }
        return best;
        """,
        geo_key,
    )
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(point[0]), int(point[1]))
    actions.pointer_action.pause(0.3)
    actions.pointer_action.click()
    actions.perform()


def detail_text(driver) -> str:
    return driver.find_element("id", "regions-detail").text


def test_map_draws_the_twenty_regions_and_marks_the_three_cities(browser, live_server):
    open_page(browser, f"{live_server}/regions?lang=en")
    assert wait_until(browser, f"{DRAWN_REGIONS} === 20 && {DRAWN_REGIONS}") == 20
    assert (
        browser.execute_script("return document.querySelectorAll('#regions-map-graph .scattergeo path.point').length")
        >= 3
    )
    values = trace_values(browser, "regions-map-graph")
    assert len(values) == 20
    assert values["KZ61"] == pytest.approx(18 / 831 * 1000)
    assert "Turkistan Region (21.7)" in browser.find_element("id", "regions-map").text
    assert console_errors(browser) == []
    assert foreign_requests(browser, live_server) == []


def test_turkistan_from_the_url_shows_its_convicted_persons_complaints_and_rate(browser, live_server):
    open_page(browser, f"{live_server}/regions?lang=en&region=KZ-61")
    text = detail_text(browser)
    assert "Region detail: Turkistan Region" in text
    assert (
        "18 complaints about torture and 831 convicted persons give 21.7 complaints per 1,000 convicted persons" in text
    )
    assert "(the report prints 21.6), rank 1 of 20" in text


def test_clicking_turkistan_on_the_map_shows_its_figures_and_puts_it_in_the_url(browser, live_server):
    open_page(browser, f"{live_server}/regions?lang=en")
    wait_until(browser, f"{DRAWN_REGIONS} === 20")
    click_inside_region(browser, "KZ61")
    wait_until(browser, "document.getElementById('regions-detail').innerText.includes('Turkistan Region')")
    wait_for_dash(browser)
    text = detail_text(browser)
    assert "831 convicted persons" in text and "18 complaints" in text and "21.7" in text
    assert "region=KZ-61" in browser.current_url
    assert console_errors(browser) == []


def test_clicking_a_city_marker_selects_the_city(browser, live_server):
    open_page(browser, f"{live_server}/regions?lang=en")
    wait_until(browser, f"{DRAWN_REGIONS} === 20")
    # The first marker trace carries the cities' codes; its points are in the order Astana, Almaty, Shymkent.
    point = browser.execute_script(
        """
        const graph = document.querySelector('#regions-map-graph .js-plotly-plot');
        const index = graph._fullData.findIndex(t => t.type === 'scattergeo' && t.customdata);
        const marker = graph.querySelectorAll('.scattergeo')[index - graph._fullData.filter(t => t.type === 'choropleth').length]
            .querySelectorAll('path.point')[graph._fullData[index].customdata.indexOf('KZ-75')];
        marker.scrollIntoView({block: 'center', behavior: 'instant'});
        const box = marker.getBoundingClientRect();
        return [box.x + box.width / 2, box.y + box.height / 2];
        """
    )
    actions = ActionBuilder(browser)
    actions.pointer_action.move_to_location(int(point[0]), int(point[1]))
    actions.pointer_action.pause(0.3)
    actions.pointer_action.click()
    actions.perform()
    wait_until(browser, "document.getElementById('regions-detail').innerText.includes('Almaty (city)')")
    assert "29 complaints about torture and 2,108 convicted persons" in detail_text(browser)


def test_clicking_a_bar_selects_its_region(browser, live_server):
    open_page(browser, f"{live_server}/regions?lang=en")
    bar = browser.find_elements("css selector", "#regions-bar-graph g.point")[
        1
    ]  # second highest rate: North Kazakhstan
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", bar)
    ActionChains(browser).move_to_element(bar).pause(0.3).click().perform()
    wait_until(browser, "document.getElementById('regions-detail').innerText.includes('North Kazakhstan Region')")
    assert "33 complaints about torture and 1,761 convicted persons" in detail_text(browser)


def test_switching_the_metric_changes_map_bar_and_table_together(browser, live_server):
    open_page(browser, f"{live_server}/regions?lang=en")
    assert trace_values(browser, "regions-map-graph")["KZ35"] == pytest.approx(17 / 4568 * 1000)
    browser.find_element("xpath", "//label[normalize-space()='Number of convicted persons']").click()
    wait_until(browser, "location.search.includes('metric=prisoners')")
    wait_for_dash(browser)
    draw_every_chart(browser)  # the new bar chart is drawn once scrolled near, as a reader would
    wait_until(
        browser, "document.querySelector('#regions-bar-graph .js-plotly-plot')._fullData[0].y[0] === 'Karaganda'"
    )
    assert trace_values(browser, "regions-map-graph")["KZ35"] == 4568
    assert trace_values(browser, "regions-bar-graph")["Karaganda"] == 4568
    first_row = browser.find_element("css selector", "#regions-table-table tbody tr").text
    assert first_row.startswith("Karaganda Region 1") and "4,568" in first_row
    assert "Highest: Karaganda Region (4,568)" in browser.find_element("id", "regions-map").text
    assert "Rank: Convicted persons" in browser.find_element("id", "regions-table").text


def test_choosing_a_region_by_keyboard_shows_its_figures(browser, live_server):
    open_page(browser, f"{live_server}/regions?lang=en")
    select = browser.find_element("id", "regions-region")
    assert browser.find_element("css selector", "label[for=regions-region]").text == "Region"
    browser.execute_script("arguments[0].focus()", select)
    ActionChains(browser).send_keys("Ulytau").pause(0.3).send_keys(Keys.TAB).perform()
    wait_until(browser, "document.getElementById('regions-detail').innerText.includes('Ulytau Region')")
    assert "4 complaints about torture and 249 convicted persons give 16.1" in detail_text(browser)
    assert "region=KZ-62" in browser.current_url


def test_the_region_list_shows_no_region_selected_and_offers_no_blank_choice(browser, live_server):
    open_page(browser, f"{live_server}/regions?lang=en")
    shown = browser.execute_script(
        """const select = document.getElementById('regions-region');
        const choices = [...select.options].filter(o => !o.hidden && !o.disabled).map(o => o.text.trim());
        return {selected: select.selectedOptions[0].text, choices: choices};"""
    )
    assert shown["selected"] == "No region selected"
    assert shown["choices"][0] == "No region selected" and len(shown["choices"]) == 21
    assert all(shown["choices"])  # no blank choice to land on by keyboard or to hear from a screen reader
    # Back to no region by keyboard, after choosing one: the detail asks for a region again.
    select = browser.find_element("id", "regions-region")
    browser.execute_script("arguments[0].focus()", select)
    ActionChains(browser).send_keys("Ulytau").pause(0.3).send_keys(Keys.TAB).perform()
    wait_until(browser, "location.search.includes('region=KZ-62')")
    browser.execute_script("arguments[0].focus()", select)
    ActionChains(browser).send_keys("No region").pause(0.3).send_keys(Keys.TAB).perform()
    wait_until(browser, "!location.search.includes('region=')")
    wait_until(browser, "document.getElementById('regions-detail').innerText.includes('Select a region')")
    assert not browser.find_elements("css selector", "#regions-notice .alert")


def test_metric_radios_are_one_keyboard_group(browser, live_server):
    open_page(browser, f"{live_server}/regions?lang=en")
    first = browser.find_element("css selector", "input[name=regions-metric][value=rate]")
    browser.execute_script("arguments[0].focus()", first)
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()
    wait_until(browser, "location.search.includes('metric=complaints')")
    wait_for_dash(browser)
    assert "Highest: North Kazakhstan Region (33)" in browser.find_element("id", "regions-map").text


def test_bad_url_values_show_the_default_view_and_notices(browser, live_server):
    open_page(browser, f"{live_server}/regions?lang=en&region=KZ-99&metric=torture&sort=up")
    notices = browser.find_element("id", "regions-notice").text
    assert "The region asked for is not known" in notices
    assert "The comparison asked for is not known" in notices
    assert "The table order asked for is not known" in notices
    assert "Select a region on the map" in detail_text(browser)
    assert "Turkistan Region (21.7)" in browser.find_element("id", "regions-map").text
    assert console_errors(browser) == []


@pytest.mark.parametrize("lang", LANGS)
def test_page_renders_in_each_language(browser, live_server, lang):
    open_page(browser, f"{live_server}/regions?lang={lang}&region=KZ-61")
    assert browser.find_element("css selector", "h1").text == TITLES[lang]
    assert browser.execute_script("return document.documentElement.lang") == lang
    assert console_errors(browser) == []


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGS)
def test_page_has_no_axe_violations(browser, live_server, lang, width):
    open_page(browser, f"{live_server}/regions?lang={lang}&region=KZ-61", width=width)
    wait_until(browser, f"{DRAWN_REGIONS} === 20")
    assert axe_violations(browser) == []


@pytest.mark.parametrize("width", [1280, 320])
def test_karagandas_institution_figures_are_drawn_without_axe_violations(browser, live_server, width):
    open_page(browser, f"{live_server}/regions?lang=ru&region=KZ-35", width=width)
    wait_until(browser, f"{DRAWN_REGIONS} === 20")
    card = browser.find_element("id", "regions-institutions").text
    assert "Учреждение № 35 (посёлок Карабас) – 12" in card
    assert axe_violations(browser) == []
    assert console_errors(browser) == []
