"""Headline figures for the overview: the latest year's value and the change on the year before."""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from .observations import latest_with_previous, observations

# (key, indicator, category): the national series the overview leads with.
HEADLINE_SERIES = (
    ("complaints", "complaints_received", None),
    ("registered", "registered_torture_offences", None),
    ("npm_visits", "visits", "body_npm"),
    ("covered", "mandated_facilities_covered", None),
    ("recs_issued", "recs_issued", "body_npm"),
    ("recs_fulfilled", "recs_fulfilled", "body_npm"),
    ("convicted", "persons_convicted", None),
    ("compensation", "compensation_paid_tenge", None),
)


def _series(frame: pd.DataFrame, category: str | None) -> pd.DataFrame:
    mask = frame[["region", "agency", "facility_type"]].isna().all(axis=1)
    mask &= frame["category"].isna() if category is None else frame["category"].eq(category)
    return frame[mask]


@cached
def headline_figures(lang: str) -> pd.DataFrame:
    """One row per headline series: latest period and value, previous comparable period and value, change.

    Also `fulfilled_share` on the NPM fulfilment row (fulfilled / issued of the same period).
    """
    codes = tuple(sorted({indicator for _, indicator, _ in HEADLINE_SERIES}))
    frame = observations(lang, indicator=codes, whole_country=True)
    rows = []
    for key, indicator, category in HEADLINE_SERIES:
        latest = latest_with_previous(_series(frame[frame["indicator"] == indicator], category))
        if latest is not None:
            rows.append({"key": key, **latest})
    result = pd.DataFrame(rows)
    if {"recs_issued", "recs_fulfilled"} <= set(result.get("key", [])):
        issued = result.loc[result["key"] == "recs_issued"].iloc[0]
        fulfilled_index = result.index[result["key"] == "recs_fulfilled"][0]
        if result.at[fulfilled_index, "period"] == issued["period"] and issued["value"]:
            result.loc[fulfilled_index, "fulfilled_share"] = float(result.at[fulfilled_index, "value"]) / float(
                issued["value"]
            )
    return result


def headline_figure(key: str, lang: str) -> dict | None:
    """The latest published figure of one headline series (a `key` of HEADLINE_SERIES) as a row of
    `headline_figures` (value, unit, period, ...), or None if the release publishes none."""
    figures = headline_figures(lang)
    if not len(figures) or "key" not in figures:
        return None
    rows = figures[figures["key"] == key]
    return rows.iloc[0].to_dict() if len(rows) else None
