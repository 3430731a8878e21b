"""The report's text served on /report, its checksum in the release, and every source a link to it."""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path

import plotly
import pytest

from data_access.queries import report
from tests.layout import find, load_page, texts

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_6b6fcefe8b5aa915.txt"


@pytest.fixture(scope="module")
def page(bundled):
    return load_page("report")


def test_bundled_text_is_the_seed_byte_for_byte_and_the_release_names_its_checksum(bundled):
    if SEED.exists():
        assert report.report_bytes() == SEED.read_bytes()
    digest = hashlib.sha256((ROOT / "data" / "report" / "000_6b6fcefe8b5aa915.txt").read_bytes()).hexdigest()
    assert report.report_sha256() == digest
    header, row = (ROOT / "data" / "release" / "release.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert "source_sha256" in header.split(",") and digest in row
    from data_access.queries.meta import release_info

    assert release_info("en")["source_sha256"] == digest


def test_a_release_for_another_text_is_refused(tmp_path):
    from data_access.release_reader import read_release
    from data_access.validate import validate_release
    from tests.conftest import copy_release

    release = copy_release(tmp_path)
    csv = release / "release.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(report.report_sha256(), "0" * 64), encoding="utf-8")
    _typed, problems = validate_release(read_release(release))
    assert any(p.column == "source_sha256" and "does not match" in p.reason for p in problems)


def test_sections_come_from_the_texts_own_headings():
    by_number = {s.number: s for s in report.sections() if s.number}
    assert [n for n in by_number if "." not in n] == ["1", "2", "3", "4", "5", "6", "7"]
    assert by_number["5"].first_line == 1153 and by_number["4"].last_line == 1152
    assert by_number["6"].first_line == 1762 and by_number["1.2"].first_line == 357
    kinds = [s.kind for s in report.sections() if not s.number]
    assert kinds == ["abbreviations", "foreword", "summary", "conclusions"]
    assert report.section_of(1171).number == "5" and report.section_of(960).number == "4"
    assert report.section_of(10) is None


def test_the_sentence_around_a_line_is_read_across_the_line_breaks():
    # Line 1398: the Ombudsman met 7 citizens of Kazakhstan abroad.
    assert "7 азаматымен кездесу" in report.sentence_around(1398)
    assert report.sentence_around(0) == "" and report.sentence_around(99999) == ""


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_line_is_addressable_and_the_contents_link_to_section_headings(page, lang):
    tree = page.layout(lang=lang)
    for number in (1, 1171, report.line_count()):
        item = find(tree, f"L{number}")
        assert item is not None and item.value == number
    assert find(tree, "L1171").children == report.report_lines()[1170]
    contents = find(tree, "report-contents")
    hrefs = [a.href for a in _links(contents)]
    assert (
        f"#L{report.sections()[0].first_line}" in hrefs and "#L1153" in hrefs and len(hrefs) == len(report.sections())
    )
    text = find(tree, "report-text")
    assert all(block.lang == "kk" for block in text.children)
    assert find(tree, "report-addressed") is None


def test_line_query_highlights_the_line_and_shows_its_sentence(page):
    tree = page.layout(lang="en", line="1398")
    assert "report-line-target" in find(tree, "L1398").className
    assert "report-line-target" not in find(tree, "L1397").className
    addressed = find(tree, "report-addressed")
    assert "Line 1398, Section 5" in texts(addressed)
    assert any("7 азаматымен" in t for t in texts(addressed))
    assert find(tree, "report-target").data == 1398


@pytest.mark.parametrize(("lang", "bad"), [("en", "0"), ("ru", "99999"), ("kk", "12a"), ("en", "-3"), ("en", "")])
def test_a_bad_line_gives_the_whole_text_and_a_translated_notice(page, lang, bad):
    tree = page.layout(lang=lang, line=bad)
    notices = [c for c in _walk(tree) if "notice" in (getattr(c, "className", "") or "")]
    assert len(notices) == 1 and find(tree, "report-addressed") is None and find(tree, "report-target").data is None
    words = {"en": "There is no line", "ru": "В тексте доклада нет строки", "kk": "Баяндама мәтінінде"}
    assert words[lang] in notices[0].children
    assert find(tree, "L1") is not None


def test_the_page_is_plain_html_and_fast(page):
    started = time.perf_counter()
    tree = page.layout(lang="en", line="1171")
    elapsed = time.perf_counter() - started
    size = len(json.dumps(tree, cls=plotly.utils.PlotlyJSONEncoder))
    kinds = {type(c).__name__ for c in _walk(tree)}
    assert kinds <= {
        "Div",
        "Main",
        "Header",
        "Footer",
        "Nav",
        "Ul",
        "Ol",
        "Li",
        "A",
        "P",
        "H1",
        "H2",
        "Span",
        "Section",
        "Blockquote",
        "Store",
        "Link",
    }
    assert elapsed < 2.0 and size < 1_500_000, (elapsed, size)


def test_sources_are_links_to_their_line_in_words_without_line_numbers():
    import pandas as pd

    from components.chart_card import source_line
    from components.datasets import CardData, sources_from

    frame = pd.DataFrame({"source_ref": ["Table 2", "Table 2", "text"], "source_line": [1210, 1191, 1271]})
    sources = sources_from(frame, "en")
    assert sources == ["Special report 2026, Section 5, Table 2", "Special report 2026, Section 5"]
    assert [s.href for s in sources] == ["/report?line=1191&lang=en#L1191", "/report?line=1271&lang=en#L1271"]
    assert sources_from(frame, "ru")[0] == "Специальный доклад 2026 года, Раздел 5, таблица 2"
    assert sources[0].as_data()["url"] == "/report?line=1191&lang=en#L1191"
    rendered = source_line(CardData(frame, [], sources=sources), "en")
    assert [a.href for a in _links(rendered)] == [s.href for s in sources]
    assert not re.search(r"line \d", " ".join(texts(rendered)))


def _walk(component):
    if isinstance(component, str):
        return  # text, not a component
    yield component
    children = component if isinstance(component, (list, tuple)) else getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            yield from _walk(child)
    elif children is not None and not isinstance(children, str):
        yield from _walk(children)


def _links(component) -> list:
    return [c for c in _walk(component) if type(c).__name__ == "A"]


@pytest.mark.parametrize(
    ("lang", "note", "line"),
    [
        ("en", "Line 920 gives 30 MCI, while line 1141 proposes 300.", 920),
        ("ru", "Год 2023 взят из строки 952 («с 352 в 2023 году»).", 952),
        ("kk", "Баяндама бұл жолды 967-жол деп көрсетеді.", 967),
        ("en", "The types after Figure 14 (lines 1801-1803) add up to 360.", 1801),
    ],
)
def test_a_line_a_data_note_names_is_a_link_to_its_sentence(lang, note, line):
    from components.sources import linked_line_mentions

    parts = linked_line_mentions(note, lang)
    links = [part for part in parts if not isinstance(part, str)]
    assert links[0].href == f"/report?line={line}&lang={lang}#L{line}"
    assert "".join(part if isinstance(part, str) else part.children for part in parts) == note


@pytest.mark.parametrize("bad", ["0", "99999", "12a", "<i>1</i>"])
def test_the_line_spec_refuses_a_bad_line_with_the_whole_text_and_a_notice_that_does_not_repeat_it(page, bad):
    from components.i18n import translator
    from components.page import read_params

    params = read_params(page.PARAMS, {"line": bad}, "ru")
    assert params.values == {"line": None} and params.refused == ("line",) and params.query == {"line": None}
    expected = translator("ru")(
        "There is no line with that number in the report's text: it has lines 1 to {last}. Showing the whole text."
    ).format(last=report.line_count())
    assert params.problems == [expected] and (bad.isdigit() or bad not in expected)
    assert read_params(page.PARAMS, {"line": "1171"}, "ru").query == {"line": "1171"}


def test_a_good_line_stays_in_the_language_links(page):
    tree = page.layout(lang="en", line="1171")
    hrefs = [a.href for a in _walk(tree) if isinstance(getattr(a, "href", None), str) and "lang=ru" in a.href]
    assert any("line=1171" in href for href in hrefs)
