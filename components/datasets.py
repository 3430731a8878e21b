"""Card data and the download registry: the numbers a card shows, and the same numbers as a file.

A page registers each dataset it shows under a name. The chart card renders the
table from that dataset and links to `/download/<name>.<csv|xlsx>?...`, which
calls the same function with the same parameters: what is downloaded is
exactly what is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pandas as pd

from .sources import Source, make_sources

if TYPE_CHECKING:
    from .page import ParamSpec


@dataclass
class Column:
    """One column of a card's table: its key in the frame, header text and unit for formatting."""

    key: str
    header: str
    unit: str = "text"  # text, or an indicator unit (count units, per_1000, percent, share, years)


@dataclass
class CardData:
    """The numbers behind a chart: a frame and how to show its columns."""

    frame: pd.DataFrame
    columns: list[Column]
    caption: str = ""
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def download_frame(self) -> pd.DataFrame:
        """The table as downloaded: the shown columns, their headers, the raw (unformatted) values."""
        frame = self.frame[[c.key for c in self.columns]].copy()
        frame.columns = [c.header for c in self.columns]
        return frame


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


def notes_from(frame: pd.DataFrame) -> list[str]:
    """The distinct data-note texts attached to the observations in `frame`."""
    if frame.empty or "note_text" not in frame:
        return []
    return [str(text) for text in dict.fromkeys(frame["note_text"].dropna())]
