"""What every chart's tool bar offers in the browser."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser


def test_no_tool_bar_offers_to_share_the_chart_with_a_third_party(browser, live_server):
    open_page(browser, f"{live_server}/cases?lang=en")
    titles = browser.execute_script(
        "return Array.from(document.querySelectorAll('.modebar-btn')).map(b => b.getAttribute('data-title'));"
    )
    assert "Download plot as a PNG" in titles
    assert not [title for title in titles if "Share" in (title or "") or "Chart Studio" in (title or "")]


@pytest.mark.parametrize(("lang", "download"), [("kk", "PNG пішімінде жүктеп алу"), ("ru", "Сохранить в формате PNG")])
def test_the_tool_bar_speaks_the_pages_language(browser, live_server, lang, download):
    open_page(browser, f"{live_server}/cases?lang={lang}")
    titles = browser.execute_script(
        "return Array.from(document.querySelectorAll('.modebar-btn')).map(b => b.getAttribute('data-title'));"
    )
    assert download in titles and "Download plot as a PNG" not in titles
