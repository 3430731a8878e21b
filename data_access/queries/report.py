"""The report's text, bundled with the release: its lines, its section headings, the sentence around a line.

The text is `data/report/000_6b6fcefe8b5aa915.txt`, a conversion of the report's
PDF, kept byte-identical so that a release's `source_line` always names the
same line. A release records the text's SHA-256 (`source_sha256`); the
validator refuses a release whose checksum does not match the bundled text.

Sections come from the text itself: the contents list at the top ("МАЗМҰНЫ")
names every section, and each is found again as a heading in the body (the
conversion dropped some section numbers and, once, a first letter, so a body
heading is matched by its words, not by its number).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REPORT_DIR = Path(__file__).resolve().parents[2] / "data" / "report"
REPORT_FILE = REPORT_DIR / "000_6b6fcefe8b5aa915.txt"

CONTENTS_HEADING = "МАЗМҰНЫ"
_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+")
_PAGE = re.compile(r"\s*\t\s*\d+\s*$")
# The unnumbered sections, by the words of their heading; they are named per language in the UI.
UNNUMBERED_KINDS = {
    "БЕЛГІЛЕР МЕН ҚЫСҚАРТУЛАР": "abbreviations",
    "АЛҒЫСӨЗ": "foreword",
    "ТҮЙІН": "summary",
    "ҚОРЫТЫНДЫЛАР ЖӘНЕ ҰСЫНЫМДАР": "conclusions",
}


@dataclass(frozen=True)
class Section:
    """One section of the report: its number ('5', '1.2' or '' when unnumbered), title and lines."""

    number: str
    kind: str  # 'numbered' or one of UNNUMBERED_KINDS' values
    title: str  # the Kazakh title as the contents list gives it
    first_line: int
    last_line: int

    @property
    def level(self) -> int:
        """1 for a section, 2 for a subsection ('1.2')."""
        return self.number.count(".") + 1 if self.number else 1


def _words(text: str) -> str:
    """Upper-case letters and spaces only, for matching a body heading with its contents entry."""
    text = re.sub(r"[^\w\s]", " ", text.upper().replace("*", ""))
    return " ".join(w for w in text.split() if not w.isdigit())


@lru_cache(maxsize=1)
def report_bytes() -> bytes:
    """The bundled text, as stored."""
    return REPORT_FILE.read_bytes()


def report_sha256() -> str:
    """The SHA-256 of the bundled text (what a release's `source_sha256` must be)."""
    return hashlib.sha256(report_bytes()).hexdigest()


@lru_cache(maxsize=1)
def report_lines() -> tuple[str, ...]:
    """Every line of the text; line n is `report_lines()[n - 1]`."""
    return tuple(report_bytes().decode("utf-8").split("\n"))


def line_count() -> int:
    """How many lines the text has (a final newline does not start a line)."""
    lines = report_lines()
    return len(lines) - 1 if lines and lines[-1] == "" else len(lines)


def _contents() -> tuple[list[tuple[str, str]], int]:
    """The contents list's (number, title) entries and the line after it."""
    lines = report_lines()
    start = next(i for i, line in enumerate(lines) if line.strip() == CONTENTS_HEADING)
    entries, index = [], start + 1
    while index < len(lines) and (not lines[index].strip() or "\t" in lines[index]):
        line = lines[index].strip()
        if line:
            title = _PAGE.sub("", line)
            match = _NUMBER.match(title)
            number = match.group(1) if match else ""
            entries.append((number, title[match.end() :] if match else title))
        index += 1
    return entries, index


def _heading_matches(lines: tuple[str, ...], index: int, wanted: str) -> bool:
    """Whether line `index` (0-based) is a heading standing alone whose words are (nearly) `wanted`.

    The conversion changed headings a little: numbers and a first letter lost,
    a letter mistyped, "МЕН" for "ЖӘНЕ"; so most of the words must agree, or
    one heading must hold the other.
    """
    text = lines[index].strip()
    alone = index == 0 or not lines[index - 1].strip()
    if not text or not alone or len(text) > 300 or text.endswith((".", ";", ",")):
        return False
    words = _words(_NUMBER.sub("", text))
    if words == wanted:
        return True
    if len(words.split()) >= 5 and (words in wanted or wanted in words):
        return True
    mine, theirs = words.split(), wanted.split()
    common = len(set(mine) & set(theirs))
    return bool(mine) and mine[0] == theirs[0] and common / max(len(mine), len(theirs)) >= 0.6


@lru_cache(maxsize=1)
def sections() -> tuple[Section, ...]:
    """The report's sections in order, each with the lines it spans (subsections inside their section)."""
    entries, after = _contents()
    lines = report_lines()
    found: list[tuple[str, str, int]] = []
    cursor = after
    for number, title in entries:
        wanted = _words(title)
        for index in range(cursor, len(lines)):
            if _heading_matches(lines, index, wanted):
                found.append((number, title, index + 1))
                cursor = index + 1
                break
    total = line_count()
    out = []
    for position, (number, title, first) in enumerate(found):
        level = number.count(".") + 1 if number else 1
        last = total
        for later_number, _title, later_first in found[position + 1 :]:
            if (later_number.count(".") + 1 if later_number else 1) <= level:
                last = later_first - 1
                break
        kind = "numbered" if number else UNNUMBERED_KINDS.get(_words(title), "unnumbered")
        out.append(Section(number, kind, title, first, last))
    return tuple(out)


def section_of(line: int) -> Section | None:
    """The innermost section holding `line`, or None before the first section (title page, contents)."""
    holding = [s for s in sections() if s.first_line <= line <= s.last_line]
    return max(holding, key=lambda s: s.first_line) if holding else None


def top_section_of(line: int) -> Section | None:
    """The top-level section holding `line` (a subsection's section)."""
    holding = [s for s in sections() if s.level == 1 and s.first_line <= line <= s.last_line]
    return holding[0] if holding else None


def valid_line(value: object) -> int | None:
    """`value` as a line number of the text, or None when it is not one."""
    text = str(value).strip() if value is not None else ""
    if not text.isdigit() or len(text) > 6:
        return None
    number = int(text)
    return number if 1 <= number <= line_count() else None


def sentence_around(line: int) -> str:
    """The sentence (or sentences) holding `line`, joined from its paragraph, as one string.

    The conversion breaks sentences over lines and paragraphs are separated by
    blank lines, so the paragraph around the line is read and the sentences
    overlapping the line are returned.
    """
    lines = report_lines()
    if valid_line(line) is None or not lines[line - 1].strip():
        return ""
    start = line - 1
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = line - 1
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    before = " ".join(s.strip() for s in lines[start : line - 1])
    own = lines[line - 1].strip()
    after = " ".join(s.strip() for s in lines[line : end + 1])
    boundary = re.compile(r"(?<=[.!?])\s+(?=[«\"(A-ZА-ЯӘҒҚҢӨҰҮҺІЁ0-9])")
    head = boundary.split(before)[-1] if before else ""
    tail = boundary.split(after)[0] if after and not re.search(r"[.!?]$", own) else ""
    return " ".join(part for part in (head, own, tail) if part)


def _section_starts() -> list[int]:
    return [s.first_line for s in sections()]


def section_index(line: int) -> int:
    """Position of the top-level section holding `line` among the sections (-1 before the first)."""
    return bisect_right(_section_starts(), line) - 1
