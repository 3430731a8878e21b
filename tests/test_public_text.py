"""What a reader sees is public text: no internal codes, working notes, bare line numbers or another language's letters.

Every page is rendered in Kazakh, Russian and English from its `layout()` on the
bundled release (the report page's body is the report itself and is left out;
its frame is read). The visible text of a tree is what a reader gets: string
children, `title` and `aria-label`, the labels of options, and the words of a
figure (trace names, labels, hover text, titles, annotations); never ids,
class names or addresses. The API's words and the translation catalogues are
read too. A failure lists every leak with its page, language and text.

Two things are allowed on purpose, and only these:
- text inside `html.Code`: the documented names of the downloads' columns and codes (the data dictionary
  on /data and the API's example addresses), which a reader of the files needs verbatim;
- text inside an element whose `lang` names another language (the language switch reads "Қазақша"
  in every language), which is then checked as that language;
plus the short allowlist `QUOTED_KAZAKH` below.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

import pytest

from components.i18n import LANGUAGES, catalogue
from tests.layout import load_page
from tests.sqlite_only import sqlite_database_url as database_url  # noqa: F401 - the words do not depend on the backend

# page path -> page module (the report page is its own text: its frame only)
PAGES = {
    "/": "overview",
    "/regions": "regions",
    "/visits": "visits",
    "/recommendations": "recommendations",
    "/cases": "cases",
    "/upr": "upr",
    "/data": "data",
    "/about": "about",
    "/report": "report",
}
# Views other than the default that show other words (another body, another tab of the tracker).
VIEWS = {
    "/visits": [{"body": "all"}, {"body": "regional_reps"}, {"year": "2024"}],
    "/regions": [{"region": "KZ-33"}, {"metric": "complaints"}],
    "/recommendations": [{"rec": "R-08"}, {"status": "fulfilled"}, {"agency": "MVD"}, {"agency": "MF"}],
    "/upr": [{"kind": "upr"}],
    "/data": [{"topic": "cases"}],
    "/report": [{"line": "946"}],
}

KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]+")
SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
WORKING_WORDS = re.compile(r"\b(?:grep|todo|fixme|xxx|variants?|flagged)\b", re.IGNORECASE)
# A line of the report named by its number, or a column of bare line numbers ("Report line").
LINE_NUMBER = re.compile(
    r"\b(?:lines?|строк[аеиу]?|строкам|строках)\s+\d{1,5}|\b\d{1,5}(?:\s*[–-]\s*\d{1,5})?-жол"
    r"|\breport line\b|\bстрока доклада\b|\bбаяндама жолы\b",
    re.IGNORECASE,
)
FILE_NAME = re.compile(r"\b[\w-]+\.(?:csv|py|txt|po|sqlite3?)\b")
# Markup and placeholders in figure hover text and in catalogues: not words a reader reads.
MARKUP = re.compile(r"<[^>]*>|%\{[^}]*\}|\{[a-z_0-9]*(?::[^}]*)?\}")
# A file's codes in a column description are Markdown code spans (`in_progress`), shown as code on /data.
CODE_SPAN = re.compile(r"`[^`]*`")

# Kazakh words quoted on purpose in English or Russian text: (text fragment, why). Keep it short.
QUOTED_KAZAKH: dict[str, str] = {
    "Жетісу": "the region's official name in Russian keeps its Kazakh spelling (область Жетісу, decree of 3 May 2022)",
}

# Props whose value a reader sees or hears (everything else is an id, a class, an address or a style).
VISIBLE_PROPS = ("children", "title", "aria-label", "placeholder", "alt", "label")
# Keys of a figure whose strings are words on screen (a legend, a label, hover text, a title).
FIGURE_WORDS = {"name", "text", "hovertemplate", "hovertext", "texttemplate", "ticktext"}


class Piece(NamedTuple):
    """One visible string, the language it is in, and whether it sits in a link to the report's text."""

    text: str
    lang: str
    in_report_link: bool


class Leak(NamedTuple):
    where: str
    lang: str
    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.kind:<14} {self.where} [{self.lang}]: {self.text}"


def _figure_words(figure: object, lang: str) -> Iterator[Piece]:
    """The words of a plotly figure: trace names and labels, hover text, titles, annotations."""

    def walk(value: object, key: str = "") -> Iterator[str]:
        if isinstance(value, str):
            if key in FIGURE_WORDS:
                yield value
        elif isinstance(value, dict):
            for name, inner in value.items():
                if name == "title" and isinstance(inner, (str, dict)):
                    yield from walk(inner if isinstance(inner, str) else inner.get("text"), "text")
                elif name != "geojson":
                    yield from walk(inner, name)
        elif isinstance(value, (list, tuple)):
            for inner in value:
                yield from walk(inner, key)

    plain = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure
    for text in walk(plain):
        yield Piece(MARKUP.sub(" ", text), lang, False)


def visible_pieces(component: object, lang: str, in_report_link: bool = False) -> Iterator[Piece]:
    """Every string a reader of `component` sees, with its language; `html.Code` is skipped (see the docstring)."""
    if isinstance(component, str):
        yield Piece(component, lang, in_report_link)
        return
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from visible_pieces(child, lang, in_report_link)
        return
    if not hasattr(component, "to_plotly_json"):
        return
    kind = type(component).__name__
    if kind in ("Code", "Store"):
        return
    props = component.to_plotly_json().get("props", {})
    lang = props.get("lang") or lang
    href = props.get("href")
    in_report_link = in_report_link or (isinstance(href, str) and href.startswith("/report"))
    for name in VISIBLE_PROPS:
        if name in props:
            yield from visible_pieces(props[name], lang, in_report_link)
    for option in props.get("options") or ():
        label = option.get("label") if isinstance(option, dict) else option
        yield from visible_pieces(label, lang, in_report_link)
    if kind == "Graph" and props.get("figure") is not None:
        yield from _figure_words(props["figure"], lang)


def _without_quoted_kazakh(text: str) -> str:
    for quoted in QUOTED_KAZAKH:
        text = text.replace(quoted, "")
    return text


def _agency_codes() -> re.Pattern | None:
    """The release's codes of state bodies (MVD, MF, MP, ...) that are no short form a reader is shown: a code."""
    from data_access.queries.meta import agencies

    frames = [agencies(lang) for lang in LANGUAGES]
    shown = {str(short) for frame in frames for short in frame["short"]}
    codes = sorted(set(frames[0]["code"]) - shown, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, codes)) + r")\b") if codes else None


def leaks_in(where: str, pieces: list[Piece]) -> list[Leak]:
    """The leaks in the pieces of text of one page (or one API answer, one catalogue)."""
    found = []
    agency_code = _agency_codes()
    checks = [("code", SNAKE_CASE), ("working note", WORKING_WORDS), ("file name", FILE_NAME)]
    checks += [("code", agency_code)] if agency_code else []
    for text, lang, in_link in pieces:
        text = " ".join(text.split())
        if not text:
            continue
        for kind, pattern in checks:
            if pattern.search(text):
                found.append(Leak(where, lang, kind, text))
        if not in_link and LINE_NUMBER.search(text):
            found.append(Leak(where, lang, "bare line", text))
        if lang != "kk" and KAZAKH_ONLY.search(_without_quoted_kazakh(text)):
            found.append(Leak(where, lang, "kazakh in " + lang, text))
    return found


def report(leaks: list[Leak]) -> str:
    """Leaks one a line, grouped by kind, with a count per kind: readable in a failure."""
    counts = defaultdict(int)
    for leak in leaks:
        counts[leak.kind] += 1
    summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items()))
    return f"{len(leaks)} leak(s) ({summary}):\n" + "\n".join(str(leak) for leak in sorted(set(leaks)))


def page_layouts(path: str, lang: str) -> Iterator[tuple[str, object]]:
    """(where, layout) of every view of a page that is read, in one language."""
    module = load_page(PAGES[path])
    for query in [{}, *VIEWS.get(path, [])]:
        where = path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
        layout = module.layout(lang=lang, **query)
        if path == "/report":
            layout = _without_report_body(layout)
        yield where, layout


def _without_report_body(component: object) -> object:
    """The report page without the report: its numbered lines and the line an address asks for ("Line 946,
    Section 4" above that sentence) are the report quoted with its own numbering, not text the site writes."""
    from tests.layout import find

    for part in ("report-text", "report-addressed"):
        body = find(component, part)
        if body is not None:
            body.children = []
    return component


@pytest.fixture(scope="module")
def bundled_sqlite(database_url):  # noqa: F811 - the module's one database
    """The bundled release in one SQLite database."""
    from data_access.engine import ensure_database, get_engine

    engine = get_engine()
    ensure_database(engine)
    return engine


@pytest.mark.parametrize("path", list(PAGES))
def test_a_page_shows_no_codes_working_notes_or_bare_line_numbers_in_any_language(bundled_sqlite, path):
    leaks = [
        leak
        for lang in LANGUAGES
        for where, layout in page_layouts(path, lang)
        for leak in leaks_in(where, list(visible_pieces(layout, lang)))
    ]
    assert leaks == [], report(leaks)


def _accessible_names(component: object) -> Iterator[tuple[str, str]]:
    """(name a screen reader announces, href) of every link to the report's text in a tree."""
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from _accessible_names(child)
        return
    if not hasattr(component, "to_plotly_json"):
        return
    props = component.to_plotly_json().get("props", {})
    href = props.get("href")
    if isinstance(href, str) and href.startswith("/report?line="):
        words = " ".join(p.text for p in visible_pieces(props.get("children"), "en"))
        yield " ".join((props.get("aria-label") or words).split()), href
    children = props.get("children")
    if children is not None and not isinstance(children, str):
        yield from _accessible_names(children)


@pytest.mark.parametrize("path", [p for p in PAGES if p != "/report"])
def test_links_to_different_lines_of_the_report_are_told_apart(bundled_sqlite, path):
    ambiguous = []
    for lang in LANGUAGES:
        for where, layout in page_layouts(path, lang):
            targets = defaultdict(set)
            for name, href in _accessible_names(layout):
                targets[name].add(href.split("#")[0])
            ambiguous += [
                Leak(where, lang, "same link name", f"{n!r} -> {sorted(h)}") for n, h in targets.items() if len(h) > 1
            ]
    assert ambiguous == [], report(ambiguous)


# The API's words for people: names, definitions, notes and recommendation texts (codes are its keys).
API_ROUTES = (
    "/indicators",
    "/data-notes",
    "/agencies",
    "/regions",
    "/facility-types",
    "/categories",
    "/recommendations",
)
API_TEXT_FIELDS = {"name", "short_name", "full_name", "definition", "text", "note_text", "title", "label", "unit_name"}


def _api_pieces(payload: object, lang: str) -> Iterator[Piece]:
    if isinstance(payload, dict):
        for key, value in payload.items():
            if isinstance(value, str) and key in API_TEXT_FIELDS:
                yield Piece(value, lang, False)
            elif isinstance(value, (dict, list)):
                yield from _api_pieces(value, lang)
    elif isinstance(payload, list):
        for value in payload:
            yield from _api_pieces(value, lang)


def test_the_apis_words_for_people_carry_no_codes_or_working_notes(bundled_sqlite):
    import app

    client = app.server.test_client()
    leaks = []
    for route in API_ROUTES:
        for lang in LANGUAGES:
            answer = client.get(f"/api/v1{route}?lang={lang}&per_page=1000")
            assert answer.status_code == 200, route
            # A line a note names is a number in the API (its link is built from it): only words are checked here.
            pieces = [p._replace(in_report_link=True) for p in _api_pieces(answer.get_json(), lang)]
            leaks += leaks_in("/api/v1" + route, pieces)
    assert leaks == [], report(leaks)


def test_the_translations_carry_no_codes_working_notes_or_another_languages_letters(bundled_sqlite):
    leaks = []
    for lang in LANGUAGES:
        for message, text in catalogue(lang).items():
            # A source link's own words ("line {n}" inside the link) are links on screen: checked on the pages.
            words = MARKUP.sub(" ", CODE_SPAN.sub(" ", text))
            leaks += leaks_in(f"catalogue {message[:40]!r}", [Piece(words, lang, True)])
    assert leaks == [], report(leaks)


def test_the_leak_finder_names_each_kind_of_leak_and_passes_clean_text(bundled_sqlite):
    leaky = [
        Piece("The printed rates are kept as complaints_per_1000_printed.", "en", False),
        Piece("stored as the Ministry of Finance (MF)", "en", False),
        Piece("by grep -n it is 946; 964 is flagged as the 'section 5 text' variant", "en", False),
        Piece("of 3,761 (line 1788)", "en", False),
        Piece("от 3 761 (строка 1788)", "ru", False),
        Piece("3 761 ішінен (1788-жол)", "kk", False),
        Piece("Report line", "en", False),
        Piece("the columns ҰҚК, ЕХӘҚМ", "en", False),
        Piece("адресована также ҚМ", "ru", False),
        Piece("see data_notes_npm.csv", "en", False),
    ]
    kinds = [leak.kind for leak in leaks_in("/x", leaky)]
    assert kinds.count("code") == 3  # the snake_case code, MF, and data_notes_npm
    assert kinds.count("working note") == 1 and kinds.count("file name") == 1
    assert kinds.count("bare line") == 4 and kinds.count("kazakh in en") == 1 and kinds.count("kazakh in ru") == 1
    clean = [
        Piece("of 3,761 (Section 6)", "en", False),
        Piece("line 946", "en", True),  # the words of a link to that line
        Piece("Ministry of Finance (MoF); Комитет национальной безопасности (КНБ)", "en", False),
        Piece("Ұлттық қауіпсіздік комитеті (ҰҚК)", "kk", False),
        Piece("Область Жетісу", "ru", False),  # QUOTED_KAZAKH
    ]
    assert leaks_in("/x", clean) == []
