"""The UPR briefing in a real browser: languages, accessibility, the timeline filter, printing to A4 PDF."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, axe_violations, console_errors, foreign_requests, open_page, tab_through

pytestmark = pytest.mark.browser

LANGS = ("kk", "ru", "en")
TITLES = {"kk": "ӘКШ бойынша анықтама", "ru": "Справка к УПО", "en": "UPR briefing"}
A4_POINTS = (595.3, 841.9)
# Figures of the report every PDF must carry, as each language formats them.
KEY_FIGURES = {
    "en": ["240", "113", "82", "19", "425", "817", "1,046", "3,188", "32.8%", "21.7%", "84.8%", "1,541,850"],
    "ru": ["240", "113", "82", "19", "425", "817", "1 046", "3 188", "32,8 %", "21,7 %", "84,8 %", "1 541 850"],
    "kk": ["240", "113", "82", "19", "425", "817", "1 046", "3 188", "32,8%", "21,7%", "84,8%", "1 541 850"],
}


def plain(text: str) -> str:
    """PDF or page text with ligatures undone and every kind of space made a plain space."""
    return re.sub(r"[\u00a0\u202f\u2009]", " ", unicodedata.normalize("NFKC", text))


def run_build(*args: str, instance: Path) -> subprocess.CompletedProcess:
    """Run the release-time PDF command, as the README gives it, with its own instance folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_REDIS_URL")}
    env["INSTANCE_DIR"] = str(instance)
    return subprocess.run(
        [sys.executable, "-m", "scripts.build_upr_pdf", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def live_instance(live_server, tmp_path_factory) -> Path:
    """The instance folder of the live server (where its /pdf route looks for the PDFs)."""
    # pytest also links the newest folder as "instancecurrent": count each folder once.
    folders = list(
        {p.resolve() for p in tmp_path_factory.getbasetemp().glob("instance*") if (p / "server.log").exists()}
    )
    assert len(folders) == 1, folders
    return folders[0]


@pytest.fixture(scope="module")
def built_pdfs(live_server, live_instance) -> dict[str, Path]:
    """The briefing printed in every language from the live server, into its instance folder."""
    result = run_build("--url", live_server, instance=live_instance)
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.split()]
    return {path.stem.rsplit("-", 1)[1]: path for path in paths}


@pytest.mark.parametrize("lang", LANGS)
def test_page_renders_in_each_language_without_errors_or_third_party_requests(browser, live_server, lang):
    open_page(browser, f"{live_server}/upr?lang={lang}")
    assert browser.find_element("css selector", "h1").text == TITLES[lang]
    assert browser.execute_script("return document.documentElement.lang") == lang
    assert console_errors(browser) == []
    assert foreign_requests(browser, live_server) == []


def test_english_is_the_default_but_a_chosen_language_wins(browser, live_server):
    browser.delete_all_cookies()
    open_page(browser, f"{live_server}/upr")
    assert browser.find_element("css selector", "h1").text == "UPR briefing"
    assert browser.execute_script("return document.documentElement.lang") == "en"
    open_page(browser, f"{live_server}/upr?lang=ru")  # remembered in a cookie
    open_page(browser, f"{live_server}/upr")
    assert browser.find_element("css selector", "h1").text == "Справка к УПО"
    browser.delete_all_cookies()


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGS)
def test_page_has_no_axe_violations(browser, live_server, lang, width):
    open_page(browser, f"{live_server}/upr?lang={lang}", width=width)
    assert axe_violations(browser) == []
    browser.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert axe_violations(browser) == []  # every card's table view too


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_scrolls_sideways_at_320_px_even_with_every_table_open(browser, live_server, lang):
    open_page(browser, f"{live_server}/upr?lang={lang}", width=320)
    browser.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 320
    overflowing = browser.execute_script(
        "return [...document.querySelectorAll('.table-responsive')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.closest('section').id)"
    )
    assert overflowing == []


def test_the_page_shows_obligations_progress_and_open_problems(browser, live_server):
    open_page(browser, f"{live_server}/upr?lang=en")
    text = plain(browser.find_element("id", "main-content").text)
    assert "Kazakhstan accedes to the Convention against Torture" in text
    assert "CAT/C/KAZ/CO/4" in text and "48th session of the Universal Periodic Review" in text
    assert "The Ombudsman received 240 complaints about torture in 2025. Up 129 (116.2%) on 2024." in text
    assert (
        "Closing recommendations of the report to state bodies: 11. Open (proposed or in progress): 11; assessed as not fulfilled: 0; fulfilled: 0."
        in text
    )
    tracker = browser.find_element("css selector", ".upr-tracker-links a").get_attribute("href")
    assert tracker.endswith("/recommendations?lang=en&rec=R-01")


def test_choosing_a_kind_redraws_the_timeline_and_keeps_it_in_the_url(browser, live_server):
    open_page(browser, f"{live_server}/upr?lang=en")
    browser.find_element("css selector", "#upr-milestone-kind input[value='upr'] + label").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(lambda d: "kind=upr" in d.current_url)
    WebDriverWait(browser, 20).until(
        lambda d: "Universal Declaration" not in d.find_element("id", "upr-milestones-table").text
    )
    assert "48th session" in browser.find_element("id", "upr-milestones-table").text
    open_page(browser, browser.current_url)  # the link reproduces the view
    assert browser.find_element("css selector", "#upr-milestone-kind input[value='upr']").is_selected()
    assert "Universal Declaration" not in browser.find_element("id", "upr-milestones-table").text


def test_the_controls_are_reachable_by_keyboard_with_a_visible_focus(browser, live_server):
    open_page(browser, f"{live_server}/upr?lang=en")
    focused = tab_through(browser, 30)
    assert any(f["text"].startswith("Print this briefing") for f in focused)
    assert any(f["tag"] == "INPUT" for f in focused)  # the milestone type radios
    assert all(f["outline"] for f in focused if f["tag"] in ("A", "BUTTON", "INPUT", "SUMMARY")), focused


@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_briefing_is_at_most_four_a4_pages_with_the_key_figures(built_pdfs, live_server, lang):
    from pypdf import PdfReader

    reader = PdfReader(built_pdfs[lang])
    assert built_pdfs[lang].name == f"upr-2026.2-{lang}.pdf"
    assert 1 <= len(reader.pages) <= 4
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1)
    pages = [plain(page.extract_text()) for page in reader.pages]
    text = " ".join(pages)
    missing = [figure for figure in KEY_FIGURES[lang] if figure not in text]
    assert missing == []
    assert "CAT/C/KAZ/CO/4" in text and "R-10" in text
    assert f"{live_server}/upr?lang={lang}" in text and "2026.2" in text  # address and release, printed
    for number, page_text in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in page_text  # page numbers
    assert TITLES["en"] not in text or lang == "en"  # printed in its own language
    # No navigation on paper.
    assert "Skip to main content" not in text and "Print this briefing" not in text


def test_the_built_pdf_is_linked_from_the_page_and_served(built_pdfs, browser, live_server):
    import urllib.request

    open_page(browser, f"{live_server}/upr?lang=ru")
    link = browser.find_element("id", "upr-pdf-link")
    assert link.get_attribute("href") == f"{live_server}/pdf/upr-2026.2-ru.pdf"
    with urllib.request.urlopen(link.get_attribute("href")) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read() == built_pdfs["ru"].read_bytes()


def test_the_build_command_starts_the_app_itself_when_given_no_address(tmp_path):
    from pypdf import PdfReader

    result = run_build("--lang", "en", "--public-url", "https://ombudsman.example", instance=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "pdf" / "upr-2026.2-en.pdf"
    assert result.stdout.split() == [str(path)]
    reader = PdfReader(path)
    assert len(reader.pages) <= 4
    assert "https://ombudsman.example/upr?lang=en" in plain(reader.pages[0].extract_text())


def test_the_build_command_refuses_an_unknown_language(tmp_path):
    result = run_build("--lang", "en,xx", instance=tmp_path)
    assert result.returncode != 0 and "xx" in result.stderr
    assert not (tmp_path / "pdf").exists()
