"""The UPR briefing in a real browser: languages, accessibility, the timeline filter, the A4 PDFs the app
builds by itself on a first start, and the build command."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
import unicodedata
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from components.formatting import format_date
from scripts.serve import app_environment, running_app
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
# A figure's source as section and figure, as each language cites it.
SOURCE_CITED = {
    "en": "Special report 2026, Section 4, Figure 3",
    "ru": "Специальный доклад 2026 года, Раздел 4, рисунок 3",
    "kk": "2026 жылғы арнайы баяндама, 4-бөлім, 3-сурет",
}
PREPARING = {"en": "is being prepared", "ru": "готовится", "kk": "дайындалып жатыр"}
PUBLISHED = dt.date(2026, 12, 7)  # release 2026.2
PUBLIC = "https://ombudsman.example"
BUILD_SECONDS = 120  # the "a minute later", with room for a busy 2-core machine


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
def autobuilt_app(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A first start on a fresh instance folder with the background PDF build on, as `./run.sh` and
    production run (two workers, each of which tries to start the build); yields its URL and folder."""
    instance = tmp_path_factory.mktemp("autobuild")
    env = app_environment(instance, UPR_PDF_AUTOBUILD="1", PUBLIC_URL=PUBLIC)
    with running_app(env, workers=2, log_path=instance / "server.log") as url:
        yield url, instance


@pytest.fixture(scope="module")
def built_pdfs(autobuilt_app, browser) -> dict[str, Path]:
    """The PDFs the app built by itself: /upr opened in each language until it links its PDF, saying
    meanwhile that the PDF is being prepared."""
    url, instance = autobuilt_app
    deadline = time.monotonic() + BUILD_SECONDS
    links: dict[str, str] = {}
    for lang in LANGS:
        while lang not in links:
            open_page(browser, f"{url}/upr?lang={lang}", draw_charts=False, timeout=60)  # the build shares 2 cores
            found = browser.find_elements("id", "upr-pdf-link")
            if found:
                links[lang] = found[0].get_attribute("href")
                continue
            log = (instance / "pdf" / "build.log").read_text() if (instance / "pdf" / "build.log").exists() else ""
            assert PREPARING[lang] in browser.find_element("id", "upr-pdf-state").text, log
            assert time.monotonic() < deadline, f"no PDF linked within {BUILD_SECONDS} s:\n{log}"
            time.sleep(2)
    assert links == {lang: f"{url}/pdf/upr-2026.2-{lang}.pdf" for lang in LANGS}
    return {lang: instance / "pdf" / f"upr-2026.2-{lang}.pdf" for lang in LANGS}


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


def test_a_first_start_builds_the_pdfs_once_in_the_background_and_serves_them(built_pdfs, autobuilt_app):
    from web.upr_pdf import build_running

    url, instance = autobuilt_app
    deadline = time.monotonic() + 30
    while build_running(instance / "pdf") and time.monotonic() < deadline:
        time.sleep(0.5)  # the last PDF is written before the build stops its own app
    log = (instance / "pdf" / "build.log").read_text()
    assert log.count("build_upr_pdf: building kk, ru, en") == 1, log  # two workers started, one build ran
    assert "build_upr_pdf: done" in log and not (instance / "pdf" / ".build-failed.json").exists()
    with urllib.request.urlopen(f"{url}/pdf/upr-2026.2-ru.pdf") as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read() == built_pdfs["ru"].read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_briefing_is_at_most_four_a4_pages_with_the_key_figures(built_pdfs, lang):
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
    assert SOURCE_CITED[lang] in text.replace("\n", " ")  # sources as section and figure
    assert f"{PUBLIC}/upr?lang={lang}" in text and "2026.2" in text  # address and release, printed
    assert plain(format_date(PUBLISHED, lang)) in text  # and the release's date
    for number, page_text in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in page_text  # page numbers
    assert TITLES["en"] not in text or lang == "en"  # printed in its own language
    # No navigation on paper.
    assert "Skip to main content" not in text and "Print this briefing" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_names_its_title_and_language_and_is_tagged_with_an_outline(built_pdfs, lang):
    from pypdf import PdfReader

    reader = PdfReader(built_pdfs[lang])
    catalog = reader.trailer["/Root"]
    assert reader.metadata.title == f"{TITLES[lang]} · 2026.2"
    assert catalog["/Lang"] == lang
    assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog  # tagged for screen readers
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]

    def titles(entries) -> list[str]:
        return [t for e in entries for t in (titles(e) if isinstance(e, list) else [e.title])]

    outline = titles(reader.outline)
    assert outline[0] == TITLES[lang] and len(outline) >= 10
    # Each entry spelt as its heading: a title wrapped over two lines keeps its space.
    assert {"en": "Investigations discontinued on exonerating grounds", "ru": "Зарегистрированные факты пыток",
            "kk": "Жәбірленушілерге төленген өтемақы"}[lang] in outline  # fmt: skip


def test_the_build_command_prints_from_a_running_app_into_a_given_folder(live_server, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "out"
    result = run_build("--url", live_server, "--lang", "en", "--out", str(out), instance=tmp_path)
    assert result.returncode == 0, result.stderr
    path = out / "upr-2026.2-en.pdf"
    assert result.stdout.split() == [str(path)]
    assert "en printed in" in result.stderr
    reader = PdfReader(path)
    assert len(reader.pages) <= 4
    assert f"{live_server}/upr?lang=en" in plain(reader.pages[0].extract_text())
    assert sorted(p.name for p in out.iterdir()) == [".build.lock", "upr-2026.2-en.pdf"]  # no failure noted


def test_the_build_command_refuses_an_unknown_language(tmp_path):
    result = run_build("--lang", "en,xx", instance=tmp_path)
    assert result.returncode != 0 and "xx" in result.stderr
    assert not (tmp_path / "pdf").exists()
