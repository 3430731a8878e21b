"""The tidy observation table with every dimension's name in the requested language."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from .. import schema
from ..cache import cached
from .base import lang_or_default, read_frame

OBSERVATION_COLUMNS = [
    "indicator", "indicator_name", "unit", "period", "period_start", "period_end",
    "region", "region_name", "agency", "agency_name", "facility_type", "facility_type_name",
    "category", "category_name", "value", "status", "source_line", "source_ref", "note", "note_text",
]  # fmt: skip


def observation_order() -> list:
    """The order `observations` returns rows in (indicator, period, breakdowns), for queries that must follow it."""
    o = schema.observation
    return [o.c.indicator, o.c.period_start, o.c.period_end, o.c.region, o.c.agency, o.c.facility_type, o.c.category]


@cached
def observations(
    lang: str,
    indicator: str | tuple[str, ...] | None = None,
    period: str | None = None,
    region: str | None = None,
    agency: str | None = None,
    facility_type: str | None = None,
    category: str | None = None,
    whole_country: bool = False,
) -> pd.DataFrame:
    """Observations matching the filters (None = any), one row each, names in `lang`.

    `indicator` may be one code or a tuple of codes. `whole_country=True` keeps
    only rows with no region, agency or facility-type breakdown (a category may
    be set): the national series' filter, done in SQL so that a release with
    many regional rows is not read whole to keep a few. Rows are ordered by
    indicator, period and the breakdowns, so output is stable for downloads.
    """
    lang = lang_or_default(lang)
    o, i, r, a, f, c, n = (
        schema.observation, schema.indicator, schema.region, schema.agency,
        schema.facility_type, schema.category, schema.data_note,
    )  # fmt: skip
    statement = (
        select(
            o.c.indicator,
            i.c[f"name_{lang}"],
            i.c.unit,
            o.c.period,
            o.c.period_start,
            o.c.period_end,
            o.c.region,
            r.c[f"name_{lang}"],
            o.c.agency,
            a.c[f"short_{lang}"],
            o.c.facility_type,
            f.c[f"name_{lang}"],
            o.c.category,
            c.c[f"name_{lang}"],
            o.c.value,
            o.c.status,
            o.c.source_line,
            o.c.source_ref,
            o.c.note,
            n.c[f"text_{lang}"],
        )
        .join(i, i.c.code == o.c.indicator)
        .outerjoin(r, r.c.code == o.c.region)
        .outerjoin(a, a.c.code == o.c.agency)
        .outerjoin(f, f.c.code == o.c.facility_type)
        .outerjoin(c, c.c.code == o.c.category)
        .outerjoin(n, n.c.code == o.c.note)
    )
    if isinstance(indicator, tuple):
        statement = statement.where(o.c.indicator.in_(indicator))
    elif indicator is not None:
        statement = statement.where(o.c.indicator == indicator)
    for column, value in (
        (o.c.period, period), (o.c.region, region), (o.c.agency, agency),
        (o.c.facility_type, facility_type), (o.c.category, category),
    ):  # fmt: skip
        if value is not None:
            statement = statement.where(column == value)
    if whole_country:
        statement = statement.where(o.c.region.is_(None), o.c.agency.is_(None), o.c.facility_type.is_(None))
    statement = statement.order_by(*observation_order())
    frame = read_frame(statement, OBSERVATION_COLUMNS)
    frame["value"] = frame["value"].astype("Float64")
    frame["source_line"] = frame["source_line"].astype("Int64")
    return frame


def national(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of `frame` with no region, agency, facility type or category breakdown."""
    mask = frame[["region", "agency", "facility_type", "category"]].isna().all(axis=1)
    return frame[mask]


def latest_with_previous(series: pd.DataFrame) -> dict | None:
    """The latest published figure of one series and the comparable one before it.

    `series` holds one indicator with one breakdown, over periods. The previous
    figure is the one for the period of the same length that ends the year
    before the latest starts (2024 for 2025; 2021-2022 for 2023-2024); a span is
    never compared with a single year. Returns None if nothing is published.
    """
    published = series[series["status"] == "published"].sort_values(["period_end", "period_start"])
    if published.empty:
        return None
    latest = published.iloc[-1]
    length = latest["period_end"] - latest["period_start"]
    before = published[
        (published["period_end"] == latest["period_start"] - 1)
        & (published["period_end"] - published["period_start"] == length)
    ]
    previous = before.iloc[-1] if len(before) else None
    result = latest.to_dict()
    result["previous_period"] = previous["period"] if previous is not None else None
    result["previous_value"] = float(previous["value"]) if previous is not None else None
    if previous is not None:
        result["change"] = float(latest["value"]) - float(previous["value"])
        result["change_share"] = result["change"] / float(previous["value"]) if previous["value"] else None
    else:
        result["change"] = result["change_share"] = None
    return result
