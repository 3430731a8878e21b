"""Tables on a phone: a table wider than the screen scrolls inside its box with the row names held in
view, its caption readable within the screen, and a visible cue that there is more to the right."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser

PAGES_WITH_TABLES = ("/regions", "/visits", "/recommendations", "/cases", "/data")

# For each table box that scrolls sideways: where its caption ends, and where each row's first cell is once
# the box has been scrolled to its right end; plus what draws the cue.
MEASURE_SCROLLING_TABLES = """
document.querySelectorAll('details').forEach(details => { details.open = true; });
return Array.from(document.querySelectorAll('.table-responsive')).filter(box => box.scrollWidth > box.clientWidth + 1)
  .map(box => {
    const table = box.querySelector('table');
    const caption = table.querySelector('caption');
    box.scrollLeft = box.scrollWidth;
    const boxRect = box.getBoundingClientRect();
    const firstCells = Array.from(table.rows).map(row => row.cells[0].getBoundingClientRect());
    const firstCell = table.tBodies[0].rows[0].cells[0];
    const otherCell = table.tBodies[0].rows[0].cells[1];
    const out = {
      table: (caption ? caption.textContent : table.id).slice(0, 60),
      box_left: boxRect.left, box_right: boxRect.right,
      caption_right: caption ? caption.getBoundingClientRect().right : null,
      first_cells_left: Math.min(...firstCells.map(rect => rect.left)),
      cue: getComputedStyle(box).backgroundImage,
      other_cell_background: getComputedStyle(otherCell).backgroundColor,
      first_cell_background: getComputedStyle(firstCell).backgroundColor,
    };
    box.scrollLeft = 0;
    return out;
  });
"""


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("path", PAGES_WITH_TABLES)
def test_a_wide_table_on_a_phone_keeps_its_row_names_and_caption_in_view_and_shows_it_scrolls(
    browser, live_server, path, lang, width
):
    open_page(browser, f"{live_server}{path}?lang={lang}", width=width, draw_charts=False)
    scrolling = browser.execute_script(MEASURE_SCROLLING_TABLES)
    for table in scrolling:
        # Scrolled to its end, the column that names each row is still at the box's left edge ...
        assert table["first_cells_left"] >= table["box_left"] - 1, table
        # ... over the scrolled cells (opaque), which let the box's shadow show through (transparent).
        assert table["first_cell_background"] == "rgb(255, 255, 255)", table
        assert table["other_cell_background"] == "rgba(0, 0, 0, 0)", table
        assert "radial-gradient" in table["cue"], table
        if table["caption_right"] is not None:
            assert table["caption_right"] <= table["box_right"] + 1, table


def test_a_phone_has_wide_tables_to_check(browser, live_server):
    # The test above checks the tables that scroll: at 320 px the regional ranking is one of them.
    open_page(browser, f"{live_server}/regions?lang=ru", width=320, draw_charts=False)
    tables = [table["table"] for table in browser.execute_script(MEASURE_SCROLLING_TABLES)]
    assert any(name.startswith("Таблица 2 доклада") for name in tables), tables


def test_a_printed_table_has_no_scroll_shadow_and_no_held_column(browser, live_server):
    open_page(browser, f"{live_server}/regions?lang=en", width=390, draw_charts=False)
    measure = (
        "const box = document.querySelector('.table-responsive');"
        "const cell = box.querySelector('tbody tr > :first-child');"
        "return [getComputedStyle(box).backgroundImage.startsWith('linear-gradient'), getComputedStyle(cell).position];"
    )
    assert browser.execute_script(measure) == [True, "sticky"]  # on screen
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        on_paper = browser.execute_script(measure)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert on_paper == [False, "static"]
