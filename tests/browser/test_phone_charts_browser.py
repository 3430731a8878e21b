"""Charts on a phone: at 320 and 390 px, in kk, ru and en, no text of a drawn chart overlaps another text,
sticks out of the chart or lies under its tool bar (issue 18, "Phone layout")."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser

PAGES_WITH_CHARTS = ("/regions", "/visits", "/recommendations", "/cases", "/upr")

# For every drawn chart: text boxes (tick labels, value labels, annotations, legend entries, map labels) that
# overlap another text box by more than a pixel, that stick out of the chart at the left or right, and that
# lie under the tool bar. Also how many charts were measured, so an empty page cannot pass.
MEASURE_TEXT = """
const out = [];
const intersects = (a, b, pad) => a.left < b.right - pad && b.left < a.right - pad && a.top < b.bottom - pad && b.top < a.bottom - pad;
let charts = 0;
document.querySelectorAll('.chart-card .js-plotly-plot').forEach(plot => {
  const card = plot.closest('.chart-card').id;
  if (!plot.querySelector('.main-svg')) return;
  charts += 1;
  const frame = plot.getBoundingClientRect();
  const texts = Array.from(plot.querySelectorAll('svg text')).filter(t => t.textContent.trim() && t.getBBox().width > 0)
    .map(t => ({el: t, text: t.textContent.trim().slice(0, 30), rect: t.getBoundingClientRect()}));
  for (let i = 0; i < texts.length; i++) {
    const a = texts[i];
    if (a.rect.left < frame.left - 1 || a.rect.right > frame.right + 1) out.push(card + ': clipped: ' + a.text);
    for (let j = i + 1; j < texts.length; j++) {
      const b = texts[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      if (intersects(a.rect, b.rect, 1)) out.push(card + ': overlap: ' + a.text + ' / ' + b.text);
    }
  }
  const bar = plot.querySelector('.modebar');
  if (bar) {
    const r = bar.getBoundingClientRect();
    if (r.width > 0) texts.forEach(t => { if (intersects(t.rect, r, 0)) out.push(card + ': under the tool bar: ' + t.text); });
  }
});
return {charts: charts, defects: out};
"""


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("path", PAGES_WITH_CHARTS)
def test_no_charts_text_overlaps_other_text_or_is_cut_off_on_a_phone(browser, live_server, path, lang, width):
    open_page(browser, f"{live_server}{path}?lang={lang}", width=width)
    # The tool bar shows on hover; measure it where it is drawn.
    browser.execute_script("document.querySelectorAll('.modebar').forEach(bar => { bar.style.opacity = 1; });")
    found = browser.execute_script(MEASURE_TEXT)
    assert found["charts"] > 0
    assert found["defects"] == []
