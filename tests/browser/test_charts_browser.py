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


# Every drawn chart: the tool bar's buttons; text boxes under the tool bar; value labels sticking out of the
# chart; reference lines drawn over the bars (rather than under them), and whether value labels carry a halo.
MEASURE_CHARTS = """
const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const found = {buttons: [], under_toolbar: [], clipped_values: [], lines_over_bars: [], labels_without_halo: []};
document.querySelectorAll('.chart-card .js-plotly-plot').forEach(plot => {
  const card = plot.closest('.chart-card').id;
  if (!plot.querySelector('.main-svg')) { return; }
  const frame = plot.getBoundingClientRect();
  const texts = Array.from(plot.querySelectorAll('svg text')).filter(t => t.textContent.trim());
  const bar = plot.querySelector('.modebar');
  if (bar) {
    found.buttons.push(Array.from(bar.querySelectorAll('.modebar-btn')).map(b => b.getAttribute('data-title')).join(' | '));
    const barRect = bar.getBoundingClientRect();
    texts.filter(t => intersects(t.getBoundingClientRect(), barRect)).forEach(t => found.under_toolbar.push(card + ': ' + t.textContent));
  }
  plot.querySelectorAll('.bartext-outside').forEach(label => {
    const rect = label.getBoundingClientRect();
    if (rect.left < frame.left - 1 || rect.right > frame.right + 1) { found.clipped_values.push(card + ': ' + label.textContent); }
    const style = getComputedStyle(label);
    if (style.stroke !== 'rgb(255, 255, 255)' || !style.paintOrder.startsWith('stroke')) { found.labels_without_halo.push(card); }
  });
  if (plot.querySelector('.bars') && plot.querySelector('.layer-above .shapelayer path')) { found.lines_over_bars.push(card); }
});
return found;
"""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("path", ["/regions", "/visits", "/recommendations", "/cases", "/upr"])
def test_a_charts_tool_bar_only_saves_it_and_covers_no_text_and_no_value_label_is_cut_or_struck(
    browser, live_server, path, lang, width
):
    open_page(browser, f"{live_server}{path}?lang={lang}", width=width)
    browser.execute_script("document.querySelectorAll('.modebar').forEach(bar => { bar.style.opacity = 1; });")
    found = browser.execute_script(MEASURE_CHARTS)
    # One button, saving the chart as an image (its title in the page's language).
    assert all(buttons and " | " not in buttons for buttons in found["buttons"]), found
    assert found["buttons"] or path == "/upr"  # the briefing's small multiples have no tool bar
    assert found["under_toolbar"] == []
    assert found["lines_over_bars"] == []
    assert found["labels_without_halo"] == []
    # Even at 320 px: "What followed the visits" writes its long step names above the bars.
    assert found["clipped_values"] == []
