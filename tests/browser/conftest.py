"""Browser fixtures: the app under gunicorn in a subprocess, one headless Chromium per session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.chromium import start_chromium

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by gunicorn (2 workers) on an embedded SQLite default in a fresh instance folder."""
    port = _free_port()
    instance = tmp_path_factory.mktemp("instance")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_REDIS_URL")}
    env["INSTANCE_DIR"] = str(instance)
    log = open(instance / "server.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "--no-control-socket", "--graceful-timeout", "5",
         "-b", f"127.0.0.1:{port}", "app:server"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            log.close()
            raise RuntimeError("the app did not start:\n" + (instance / "server.log").read_text()[-3000:])
        time.sleep(0.3)
    yield url
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


@pytest.fixture(scope="session")
def browser():  # noqa: ANN201 - a selenium WebDriver
    """One headless Chromium for the whole session."""
    driver = start_chromium(1280, 1024)
    yield driver
    driver.quit()


def open_page(driver, url: str, width: int = 1280, ready_selector: str = "#main-content h1", timeout: float = 20):  # noqa: ANN001, ANN201
    """Load `url` at `width` px and wait until Dash has rendered the page (and any pending callbacks)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver.set_window_size(width, 1024)
    driver.get("about:blank")
    driver.get_log("browser")  # drop what an earlier page logged
    driver.get(url)
    WebDriverWait(driver, timeout).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ready_selector)))
    wait_for_dash(driver, timeout)
    return driver


def wait_for_dash(driver, timeout: float = 20) -> None:  # noqa: ANN001
    """Wait until no Dash callback is pending (the renderer marks pending ones with data-dash-is-loading)."""
    deadline = time.monotonic() + timeout
    time.sleep(0.2)
    while time.monotonic() < deadline:
        busy = driver.execute_script("return document.querySelectorAll('[data-dash-is-loading=\"true\"]').length")
        if not busy:
            time.sleep(0.3)
            return
        time.sleep(0.1)


def axe_violations(driver) -> list[dict]:  # noqa: ANN001
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


def console_errors(driver) -> list[str]:  # noqa: ANN001
    """Browser console messages at level SEVERE since the page was opened."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def foreign_requests(driver, base_url: str) -> list[str]:  # noqa: ANN001
    """Every resource the page requested from an origin other than the app's own."""
    names = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [name for name in names if not name.startswith(base_url) and not name.startswith("data:")]


def tab_through(driver, presses: int = 60) -> list[dict]:  # noqa: ANN001
    """Press Tab `presses` times; return, for each focused element, its tag and whether its outline is visible."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver.find_element("tag name", "body").click()
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
