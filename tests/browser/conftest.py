"""Browser fixtures: the app under gunicorn in a subprocess, one headless Chromium per session."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.chromium import start_chromium
from scripts.serve import app_environment, running_app

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by gunicorn (2 workers) on an embedded SQLite default in a fresh instance folder."""
    instance = tmp_path_factory.mktemp("instance")
    with running_app(app_environment(instance), workers=2, log_path=instance / "server.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    driver = start_chromium(1280, 1024)
    yield driver
    driver.quit()


def open_page(
    driver,
    url: str,
    width: int = 1280,
    ready_selector: str = "#main-content h1",
    timeout: float = 20,
    draw_charts: bool = True,
):
    """Load `url` at `width` px and wait until Dash has rendered the page (and any pending callbacks);
    with `draw_charts`, scroll through it until every chart is drawn, then back to the top."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver.set_window_size(width, 1024)
    driver.get("about:blank")
    driver.get_log("browser")  # drop what an earlier page logged
    driver.get(url)
    WebDriverWait(driver, timeout).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ready_selector))
    )
    wait_for_dash(driver, timeout)
    if draw_charts:
        draw_every_chart(driver, timeout)
    return driver


def wait_for_dash(driver, timeout: float = 20) -> None:
    """Wait until no Dash callback is pending (the renderer marks pending ones with data-dash-is-loading)
    and every section of the page is built."""
    deadline = time.monotonic() + timeout
    time.sleep(0.2)
    while time.monotonic() < deadline:
        # Pending callbacks, and sections still shown as their first copy (web/deferred.py).
        busy = driver.execute_script(
            "return document.querySelectorAll('[data-dash-is-loading=\"true\"], [data-deferred]').length"
        )
        if not busy:
            time.sleep(0.3)
            return
        time.sleep(0.1)


def charts_drawn(driver) -> tuple[int, int]:
    """(charts on the page, charts plotly.js has drawn)."""
    return tuple(
        driver.execute_script(
            "const g = document.querySelectorAll('.chart-box');"
            "return [g.length, Array.from(g).filter(e => e.querySelector('.main-svg')).length];"
        )
    )


def draw_every_chart(driver, timeout: float = 20) -> tuple[int, int]:
    """Scroll each chart into view, as a reader would, until plotly.js has drawn it (charts are mounted
    and drawn only when scrolled near: web/deferred.py); back to the top; (charts, drawn)."""
    deadline = time.monotonic() + timeout
    for index in range(charts_drawn(driver)[0]):
        driver.execute_script(
            "document.querySelectorAll('.chart-box')[arguments[0]].scrollIntoView({block: 'center', behavior: 'instant'})",
            index,
        )
        while time.monotonic() < deadline and not driver.execute_script(
            "return !!document.querySelectorAll('.chart-box')[arguments[0]].querySelector('.main-svg')", index
        ):
            time.sleep(0.1)
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    return charts_drawn(driver)


def axe_violations(driver) -> list[dict]:
    """Run axe-core (vendored from npm) on the current page; return its violations, summarised."""
    driver.execute_script(AXE.read_text())
    driver.set_script_timeout(60)
    violations = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));"
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n.get("target") for n in v.get("nodes", [])][:5]}
        for v in violations
    ]


def console_errors(driver) -> list[str]:
    """Browser console messages at level SEVERE since the page was opened."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def foreign_requests(driver, base_url: str) -> list[str]:
    """Every resource the page requested from an origin other than the app's own."""
    names = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [name for name in names if not name.startswith(base_url) and not name.startswith("data:")]


def tab_through(driver, presses: int = 60) -> list[dict]:
    """Press Tab `presses` times; return, for each focused element, its tag and whether its outline is visible."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    # Start before the first control (the skip link) wherever the page is scrolled: focus a stand-in at the
    # top of the body and remove it, which leaves the browser's focus starting point there.
    driver.execute_script(
        "window.scrollTo({top: 0, behavior: 'instant'}); const start = document.createElement('span');"
        "start.tabIndex = -1; document.body.prepend(start); start.focus(); start.remove();"
    )
    seen = []
    for _ in range(presses):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        seen.append(
            driver.execute_script(
                "const e = document.activeElement; const s = getComputedStyle(e);"
                "return {tag: e.tagName, text: (e.innerText || e.value || e.getAttribute('aria-label') || '').slice(0, 40),"
                " outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none'};"
            )
        )
    return seen
