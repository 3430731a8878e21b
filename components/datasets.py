"""Card data and the download registry: the numbers a card shows, and the same numbers as a file.

A page registers each dataset it shows under a name. The chart card renders the
table from that dataset and links to `/download/<name>.<csv|xlsx>?...`, which
calls the same function with the same parameters: what is downloaded is
exactly what is shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pandas as pd

from .formatting import PERCENT_UNITS, shown_number
from .sources import Source, make_sources

if TYPE_CHECKING:
    from .page import ParamSpec


@dataclass
class Column:
    """One column of a card's table: its key in the frame, header text and unit for formatting."""

    key: str
    header: str
    unit: str = "text"  # text (a Source is linked on screen), or an indicator unit (count units, per_1000, ...)


# The machine-readable columns every card download ends with, after the columns the card shows (whose headers
# are the page's words). Their names never change with the language; an empty cell means the card has no
# such value. Documented for readers in data/README.md ("Card downloads").
DOWNLOAD_COLUMNS = {
    "region_code": "ISO 3166-2:KZ code of the row's region (KZ-61)",
    "indicator_code": "the release's code of the row's indicator",
    "agency_code": "the release's code of the row's state body",
    "period": "the year or span of years the row's figures are for (2025, 2020-2025)",
    "unit": "unit code of the row's figure (per_1000, percent, complaints...); for a card with several number columns,"
    " each one's unit in column order (ranks have none)",
    "source": "the report's section and table or figure, in words",
    "report_lines": "the report lines the figures are read from (served at /report?line=N)",
    "release": "the data release's version",
}
# Frame columns that carry a code, by the download column they fill.
_CODE_COLUMNS = {"region_code": "region", "indicator_code": "indicator", "agency_code": "agency"}


@dataclass
class CardData:
    """The numbers behind a chart: a frame and how to show its columns.

    `period` is the year the card is for when its frame has no `period` column; `file_name` the readable
    start of its download's file name (`regions-complaint-rate-2025`; the language and format are added).
    """

    frame: pd.DataFrame
    columns: list[Column]
    caption: str = ""
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    period: str = ""
    file_name: str = ""

    def shown_frame(self) -> pd.DataFrame:
        """The shown columns as the table shows them: their headers, numbers rounded as on the page, whole
        numbers as integers, shares as per cent (the header then says '%')."""
        out = pd.DataFrame(index=self.frame.index)
        for column in self.columns:
            values = self.frame[column.key]
            header = column.header
            if column.unit == "text":
                # A Source cell (a link on screen) is downloaded as its words: a file holds text.
                values = values.map(lambda v: str(v) if isinstance(v, Source) else v)
            else:
                values = pd.Series([shown_number(v, column.unit) for v in values], index=values.index, dtype=object)
                if column.unit in PERCENT_UNITS:
                    header = f"{header}, %"
            out[header] = values
        return out.reset_index(drop=True)

    def download_frame(self, lang: str = "en", release: str = "") -> pd.DataFrame:
        """The table as downloaded: the shown columns as shown, then the machine-readable `DOWNLOAD_COLUMNS`."""
        frame = self.shown_frame()
        rows = self.frame.reset_index(drop=True)
        for name, key in _CODE_COLUMNS.items():
            frame[name] = rows[key].astype(object).where(rows[key].notna(), None) if key in rows else None
        if "period" in rows:
            frame["period"] = rows["period"].astype(object).where(rows["period"].notna(), None).map(_text)
        else:
            frame["period"] = self.period or None
        frame["unit"] = self._units(rows)
        words, lines = self._row_sources(rows, lang)
        frame["source"], frame["report_lines"] = words, lines
        frame["release"] = release or None
        return frame

    def _units(self, rows: pd.DataFrame) -> list[str | None] | str | None:
        # A share is downloaded as per cent; a rank is a position, not a quantity with a unit.
        numeric = ["percent" if c.unit == "share" else c.unit for c in self.columns if c.unit not in ("text", "rank")]
        if "unit" in rows and len(set(numeric)) <= 1:
            return rows["unit"].astype(object).where(rows["unit"].notna(), None).tolist()
        return "; ".join(numeric) or None

    def _row_sources(self, rows: pd.DataFrame, lang: str) -> tuple[list[str | None], list[str | None]]:
        """Each row's source in words and its report lines; the card's sources for rows that carry none."""
        card = (
            "; ".join(str(s) for s in self.sources) or None,
            "; ".join(_lines_text(s) for s in self.sources if isinstance(s, Source) and s.first_line) or None,
        )
        if "source_ref" not in rows or not ({"source_line", "source_lines"} & set(rows.columns)):
            return [card[0]] * len(rows), [card[1]] * len(rows)
        words, lines = [], []
        for record in rows.to_dict("records"):
            found = record.get("source_line", record.get("source_lines"))
            found = list(found) if isinstance(found, (list, tuple)) else [found]
            found = [int(line) for line in found if line is not None and not pd.isna(line)]
            if not found:
                words.append(card[0])
                lines.append(card[1])
                continue
            frame = pd.DataFrame({"source_ref": [record["source_ref"]] * len(found), "source_line": found})
            sources = sources_from(frame, lang)
            words.append("; ".join(str(s) for s in sources))
            lines.append("; ".join(_lines_text(s) for s in sources))
        return words, lines


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _lines_text(source: Source) -> str:
    if source.first_line == source.last_line:
        return str(source.first_line)
    return f"{source.first_line}-{source.last_line}"


def file_slug(*parts: object) -> str:
    """A file name's words in lower-case ASCII joined by hyphens: ('regions', 'KZ-61', 2025) -> 'regions-kz-61-2025'."""
    words = (re.sub(r"[^a-z0-9]+", "-", str(part).lower()).strip("-") for part in parts if part not in (None, ""))
    return "-".join(word for word in words if word)


def download_filename(name: str, data: CardData, params: dict, lang: str, fmt: str) -> str:
    """The file a card download is saved as: page, what, view, period, language (`regions-complaint-rate-2025-en.csv`).

    A dataset's own `file_name` names page, what and view; otherwise they come from its registered name and
    the parameters asked for; the period is the card's (its rows' first to last year).
    """
    if data.file_name:
        stem = data.file_name
    else:
        page, _, what = name.partition(".")
        stem = file_slug(page, what.replace("_", "-"), *params.values(), period_span(data))
    return f"{stem}-{lang}.{fmt}"


def period_span(data: CardData) -> str:
    """The period a card covers: '2025', or '2020-2025' from its rows' periods; its `period` when they name none."""
    return periods_of(data.frame) or data.period


def periods_of(frame: pd.DataFrame) -> str:
    """The years a frame's `period` column spans: '2025', '2020-2025'; '' when it has none."""
    if "period" not in frame or frame.empty:
        return ""
    years = sorted({int(y) for p in frame["period"].dropna().astype(str) for y in re.findall(r"\d{4}", p)})
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"


DatasetFunction = Callable[..., CardData]
_registry: dict[str, DatasetFunction] = {}
_params: dict[str, ParamSpec | None] = {}


def register_dataset(name: str, params: ParamSpec | None = None) -> Callable[[DatasetFunction], DatasetFunction]:
    """Register a function `(lang, **params) -> CardData` as a downloadable dataset.

    `params` is the page's parameter spec for the parameters the function takes (validated with
    `components.page.read_params` before the call); a dataset without one takes no parameters.
    """

    def decorate(function: DatasetFunction) -> DatasetFunction:
        _registry[name] = function
        _params[name] = params
        return function

    return decorate


def dataset(name: str) -> DatasetFunction | None:
    """The dataset function registered under `name`, or None."""
    return _registry.get(name)


def dataset_params(name: str) -> ParamSpec | None:
    """The parameter spec a registered dataset takes (None: no parameters)."""
    return _params.get(name)


def dataset_names() -> list[str]:
    """Every registered dataset name."""
    return sorted(_registry)


def download_href(name: str, fmt: str, lang: str, params: dict | None = None) -> str:
    """The link that downloads dataset `name` in `fmt` ('csv' or 'xlsx')."""
    query = {"lang": lang, **{k: v for k, v in (params or {}).items() if v is not None}}
    return f"/download/{name}.{fmt}?{urlencode(query)}"


def _describe_ref(ref: str, lang: str) -> str:
    from .i18n import gettext

    ref = (ref or "").strip()
    if ref.startswith("Table "):
        return gettext(lang, "Table {n}").format(n=ref.removeprefix("Table "))
    if ref.startswith("Figure "):
        return gettext(lang, "Figure {n}").format(n=ref.removeprefix("Figure "))
    if ref.lower() in {"", "text"}:
        return gettext(lang, "text")
    # Other references (a section's name) are translated when the catalogue knows them.
    return gettext(lang, ref)


def sources_from(frame: pd.DataFrame, lang: str) -> list[Source]:
    """One `Source` ("Special report 2026, Section 5, Table 2", linking to its first line) per section and
    table/figure of the observations in `frame`."""
    if frame.empty or "source_ref" not in frame:
        return []
    refs = frame["source_ref"].fillna("text").astype(str)
    lines = frame["source_line"] if "source_line" in frame else pd.Series([None] * len(frame), index=frame.index)
    triples = [
        # A figure quoted in the running text is named by its section alone.
        (
            ref,
            "" if ref.strip().lower() in {"", "text"} else _describe_ref(ref, lang),
            None if pd.isna(line) else int(line),
        )
        for ref, line in zip(refs, lines, strict=True)
    ]
    # Lines in order, so a source links to the first line it names.
    triples.sort(key=lambda t: (t[2] is None, t[2] or 0))
    return make_sources(triples, lang)


def row_sources(rows: pd.DataFrame, lang: str) -> list[Source | None]:
    """Each row's own source in words ('Special report 2026, Section 1'), linked on screen to its line of the
    report (a bare line number means nothing to a reader); None for a row without a line. `rows` has
    `source_line` and, optionally, `source_ref`."""
    return [
        sources_from(rows.iloc[[index]], lang)[0] if not pd.isna(line) else None
        for index, line in enumerate(rows["source_line"])
    ]


def notes_from(frame: pd.DataFrame) -> list[str]:
    """The distinct data-note texts attached to the observations in `frame`."""
    if frame.empty or "note_text" not in frame:
        return []
    return [str(text) for text in dict.fromkeys(frame["note_text"].dropna())]
