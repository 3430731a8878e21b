"""Dimensions and metadata: the release, regions, agencies, indicators, notes."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from .. import schema
from ..cache import cached
from .base import lang_or_default, read_frame


@cached
def release_info(lang: str) -> dict:
    """The current release: version, published date, title, source and licence."""
    lang = lang_or_default(lang)
    r = schema.release
    frame = read_frame(
        select(
            r.c.version,
            r.c.published,
            r.c[f"title_{lang}"].label("title"),
            r.c[f"source_{lang}"].label("source"),
            r.c.licence,
            r.c.checksum,
            r.c.source_sha256,
            r.c.imported_at,
        ).where(r.c.is_current)
    )
    return frame.iloc[0].to_dict() if len(frame) else {}


@cached
def releases() -> pd.DataFrame:
    """Every release imported into this database, newest first."""
    r = schema.release
    return read_frame(
        select(r.c.version, r.c.published, r.c.licence, r.c.checksum, r.c.imported_at, r.c.is_current).order_by(
            r.c.imported_at.desc()
        )
    )


def _dimension(table, lang: str, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    lang = lang_or_default(lang)
    columns = [table.c.code, *(table.c[name] for name in extra), table.c[f"name_{lang}"].label("name")]
    if f"short_{lang}" in table.c:
        columns.append(table.c[f"short_{lang}"].label("short"))
    return read_frame(select(*columns).order_by(table.c.code))


@cached
def regions(lang: str) -> pd.DataFrame:
    """The 20 regions: code (ISO 3166-2:KZ), kind, map key, name and short name in `lang`."""
    return _dimension(schema.region, lang, ("kind", "geo_pcode"))


@cached
def agencies(lang: str) -> pd.DataFrame:
    """State bodies named in the report, with name and short name in `lang`."""
    return _dimension(schema.agency, lang)


@cached
def facility_types(lang: str) -> pd.DataFrame:
    """Facility types with the agency responsible for them."""
    return _dimension(schema.facility_type, lang, ("agency",))


@cached
def categories(lang: str) -> pd.DataFrame:
    """Other breakdowns (sector, issuing body, complaint origin) with their group."""
    return _dimension(schema.category, lang, ("group",))


@cached
def indicators(lang: str) -> pd.DataFrame:
    """Every indicator with topic, unit, name and definition in `lang`."""
    lang = lang_or_default(lang)
    i = schema.indicator
    return read_frame(
        select(
            i.c.code,
            i.c.topic,
            i.c.unit,
            i.c[f"name_{lang}"].label("name"),
            i.c[f"definition_{lang}"].label("definition"),
        ).order_by(i.c.topic, i.c.code)
    )


@cached
def data_notes(lang: str) -> pd.DataFrame:
    """Every data note (what the report gets wrong or leaves open) in `lang`."""
    lang = lang_or_default(lang)
    n = schema.data_note
    return read_frame(select(n.c.code, n.c.source_line, n.c[f"text_{lang}"].label("text")).order_by(n.c.code))
