"""Where a figure comes from, as a value: the report's section and table/figure, and the line it links to.

A `Source` is a `str` (its words, "Special report 2026, Section 5, Table 2"), so
code that joins sources as text keeps working and prints what paper can show;
it also carries its lines, so `source_link` renders it as a link to the
sentence on `/report`. Section names come from the report's own headings
(`data_access.queries.report.sections`), never from a list kept per figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlencode

from dash import html

from data_access.queries.report import Section, section_of

from .i18n import N_, gettext

# The report's unnumbered sections, named per language (their Kazakh titles are in the text).
SECTION_NAMES = {
    "abbreviations": N_("Abbreviations"),
    "foreword": N_("Foreword"),
    "summary": N_("Summary"),
    "conclusions": N_("Conclusions and recommendations"),
}


def report_href(line: int | None, lang: str | None = None) -> str:
    """`/report?line=N&lang=xx#LN`: the line served, highlighted and scrolled to (with or without scripts)."""
    if line is None:
        return "/report" + (f"?{urlencode({'lang': lang})}" if lang else "")
    query = {"line": int(line), **({"lang": lang} if lang else {})}
    return f"/report?{urlencode(query)}#L{int(line)}"


def section_label(section: Section | None, lang: str) -> str:
    """'Section 5' / 'Foreword' in `lang`, or '' for lines outside every section (title page, contents)."""
    if section is None:
        return ""
    if section.number:
        return gettext(lang, "Section {n}").format(n=section.number)
    return gettext(lang, SECTION_NAMES.get(section.kind, section.title))


def section_of_line(line: int | None, lang: str) -> str:
    """'Section 6' for a line of the report's text, in `lang` ('' for no line): which count a figure is, in words."""
    return section_label(section_of(int(line)), lang) if line is not None else ""


class Source(str):
    """A source in words (the string itself) with its section, table/figure and lines of the report's text."""

    section: str
    ref: str
    first_line: int | None
    last_line: int | None
    lang: str

    def __new__(cls, section: str, ref: str, first_line: int | None, last_line: int | None, lang: str) -> Source:
        """Build the words: 'Special report 2026, Section 5, Table 2' (no line numbers: they mean nothing on paper)."""
        parts = [gettext(lang, "Special report 2026"), *(p for p in (section, ref) if p)]
        value = super().__new__(cls, ", ".join(dict.fromkeys(parts)))
        value.section, value.ref, value.first_line, value.last_line, value.lang = (
            section,
            ref,
            first_line,
            last_line,
            lang,
        )
        return value

    @property
    def href(self) -> str:
        """The link to the first line this source names on `/report`."""
        return report_href(self.first_line, self.lang)

    def as_data(self) -> dict:
        """For downloads and the API: the words, the section, the table/figure, the lines and the URL."""
        return {
            "text": str(self),
            "section": self.section,
            "reference": self.ref,
            "first_line": self.first_line,
            "last_line": self.last_line,
            "url": self.href if self.first_line is not None else None,
        }


def make_sources(pairs: Iterable[tuple[str, str, int | None]], lang: str) -> list[Source]:
    """Sources from (ref key, ref words, line) triples, grouped by section and table/figure, in first-seen order."""
    groups: dict[tuple[str, str], list[int]] = {}
    for _key, ref_words, line in pairs:
        section = section_label(section_of(line), lang) if line is not None else ""
        lines = groups.setdefault((section, ref_words), [])
        if line is not None:
            lines.append(int(line))
    out = []
    for (section, ref_words), lines in groups.items():
        lines = sorted(set(lines))
        out.append(Source(section, ref_words, lines[0] if lines else None, lines[-1] if lines else None, lang))
    return out


def source_link(source: str, lang: str) -> html.A | str:
    """A source on screen: a link to its sentence on `/report`; plain text when it names no line."""
    if not isinstance(source, Source) or source.first_line is None:
        return str(source)
    if source.first_line == source.last_line:
        where = gettext(lang, "line {n}").format(n=source.first_line)
    else:
        where = gettext(lang, "lines {a}–{b}").format(a=source.first_line, b=source.last_line)
    # Two sources can read alike ("Section 4, Figure 7" at two lines): the name a screen reader announces
    # says which lines it opens, so links to different sentences are told apart (it starts with the words shown).
    return html.A(
        str(source),
        href=source.href,
        className="source-link",
        title=gettext(lang, "Read it in the report's text ({where})").format(where=where),
        **{"aria-label": f"{source} ({where})"},
    )


def source_links(sources: Iterable[str], lang: str) -> list:
    """Several sources on screen, separated by '; '."""
    out: list = []
    for index, source in enumerate(dict.fromkeys(sources)):
        if index:
            out.append("; ")
        out.append(source_link(source, lang))
    return out


# Where a note's text names a line of the report, in each language: "line 928", "lines 1801-1803",
# "строка 928", "строки 934 и 1169" (the first number), "в строках 66-68", "928-жол". Group 1 is the first line number.
LINE_MENTION = re.compile(
    r"\b(?:lines?|строк[аеиу]|строка[мх])\s+(\d{1,5})(?:\s*[–-]\s*\d{1,5})?|\b(\d{1,5})(?:\s*[–-]\s*\d{1,5})?-жол\w*",
    re.IGNORECASE,
)


def linked_line_mentions(text: str, lang: str) -> list:
    """`text` with every mention of a report line turned into a link to that sentence on `/report`.

    Data notes explain an inconsistency by pointing at lines of the report; a bare line number means
    nothing to a reader, a link shows the sentence.
    """
    parts: list = []
    position = 0
    for match in LINE_MENTION.finditer(text):
        line = int(match.group(1) or match.group(2))
        if match.start() > position:
            parts.append(text[position : match.start()])
        parts.append(html.A(match.group(0), href=report_href(line, lang), className="source-link"))
        position = match.end()
    if position < len(text):
        parts.append(text[position:])
    return parts or [text]
