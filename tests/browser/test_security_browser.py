"""The Content-Security-Policy in a real browser: every page renders its charts, and nothing is blocked or
fetched from another origin. This is what proves the policy is no looser than Dash needs and no stricter."""

from __future__ import annotations

import pytest

from tests.browser.conftest import foreign_requests, open_page

pytestmark = pytest.mark.browser

PAGES = ("/", "/regions", "/visits", "/recommendations", "/cases", "/upr", "/data", "/about", "/no-such-page")
CHARTED = {"/regions", "/visits", "/recommendations", "/cases", "/upr"}


def test_no_page_trips_the_content_security_policy(live_server: str, browser) -> None:
    for path in PAGES:
        open_page(browser, f"{live_server}{path}?lang=en")
        messages = [entry["message"] for entry in browser.get_log("browser")]
        blocked = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
        assert blocked == [], (path, blocked[:3])
        assert foreign_requests(browser, live_server) == [], path
        if path in CHARTED:
            drawn = browser.execute_script("return document.querySelectorAll('.js-plotly-plot .main-svg').length")
            assert drawn > 0, f"{path}: plotly drew no chart under the policy"
