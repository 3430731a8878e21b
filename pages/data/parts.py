"""Pieces the sections of the data page share: headings, tables, source texts and download links."""

from __future__ import annotations

import re

import pandas as pd
from dash import html

from components.data_catalog import FORMATS
from components.datasets import sources_from
from components.i18n import N_, translator
from components.units import unit_label

# Section names of the report that appear as a source reference (translated through the catalogues).
SOURCE_SECTIONS = (N_("Conclusions and recommendations"),)
FORMAT_LABELS = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}

# (section heading id, heading text): the page's sections, in order, for the table of contents.
SECTIONS = (
    ("data-datasets-title", N_("Datasets")),
    ("data-definitions-title", N_("Indicator definitions")),
    ("data-notes-title", N_("Data notes")),
    ("data-methods-title", N_("How the figures are computed")),
    ("data-disclosure-title", N_("Disclosure rule")),
    ("data-release-title", N_("Release")),
    ("data-map-title", N_("Map boundaries")),
    ("data-api-title", N_("JSON API")),
    ("data-cite-title", N_("How to cite")),
)
SECTION_TITLES = dict(SECTIONS)


def section_heading(anchor: str, lang: str) -> html.H2:
    """A section's heading, with the id the table of contents links to."""
    return html.H2(translator(lang)(SECTION_TITLES[anchor]), className="h4 mt-4", id=anchor)


def years(first: object, last: object) -> str:
    """'2019–2025' from two years or ISO dates; '2025' when they are the same year; '' when unknown."""
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return ""
    a, b = str(first)[:4], str(last)[:4]
    return a if a == b else f"{a}\u2013{b}"


def sources_text(pairs: pd.DataFrame, lang: str) -> str:
    """'Special report 2026, Table 2, lines 1191–1210; text, line 1171': the report named once."""
    _ = translator(lang)
    items = sources_from(pairs, lang)
    report = _("Special report 2026") + ", "
    return "; ".join([items[0], *(item.removeprefix(report) for item in items[1:])]) if items else ""


CODE_SPAN = re.compile(r"`([^`]+)`")


def with_code(text: str) -> list:
    """A description whose file codes are Markdown code spans (`in_progress`), with each code shown as code:
    a value a reader types or filters on in the file, not a word of the sentence."""
    parts: list = []
    for index, piece in enumerate(CODE_SPAN.split(text)):
        if piece:
            parts.append(html.Code(piece) if index % 2 else piece)
    return parts


def units_text(units: tuple[str, ...], lang: str) -> str:
    return ", ".join(unit_label(unit, lang) for unit in units)


def download_links(links: dict[str, str], label: str, lang: str) -> html.Span:
    """CSV · XLSX · JSON links, each named for screen readers with what it downloads."""
    _ = translator(lang)
    items = []
    for index, fmt in enumerate(FORMATS):
        if index:
            items.append(" · ")
        items.append(
            html.A(
                FORMAT_LABELS[fmt],
                href=links[fmt],
                download="",
                **{"aria-label": _("{what}, {format} file").format(what=label, format=FORMAT_LABELS[fmt])},
            )
        )
    return html.Span(items, className="data-downloads")


def definition_item(term: str, value: object) -> list:
    return [html.Dt(term, className="col-sm-3"), html.Dd(value, className="col-sm-9 mb-1")]


def table_box(
    label: str,
    headers: list[str],
    rows: list,
    caption: str | None = None,
    table_id: str | None = None,
    labelledby: str | None = None,
    min_width: str | None = None,
) -> html.Div:
    """A table in a box that scrolls sideways on a narrow screen; the box takes focus, so a keyboard can scroll it.

    `min_width` keeps a wide table readable on a phone: it scrolls instead of squeezing its columns to a word each.
    """
    parts = [
        *([html.Caption(caption)] if caption else []),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
    ]
    table = html.Table(
        [*parts, html.Tbody(rows)],
        className="table table-sm data-table",
        **({"style": {"minWidth": min_width}} if min_width else {}),
        **({"id": table_id} if table_id else {}),
        **({"aria-labelledby": labelledby} if labelledby else {}),
    )
    return html.Div(table, className="table-responsive mb-3", tabIndex="0", role="region", **{"aria-label": label})
