"""Regional complaint rates (Table 2 of the report) and what else the report says about each region.

The release holds the two counts of Table 2 (complaints about torture and
prisoners, by region); the rate per 1,000 prisoners, the national rate and the
ranks are computed here. The rate the report printed is kept beside the
computed one, so the page can show where the report rounds differently.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..cache import cached
from .meta import categories, regions
from .observations import observations

COMPLAINTS = "torture_complaints"
PRISONERS = "prisoners"
RATE_PRINTED = "complaints_per_1000_printed"
TABLE2_INDICATORS = (COMPLAINTS, PRISONERS, RATE_PRINTED)
# Metrics a region can be compared by: the computed rate and the two counts behind it.
METRICS = ("rate", "complaints", "prisoners")

# Other figures the report gives region by region: (key, indicator, category or None for none).
# Terminals are counted by who found them; the region-level figures are the representatives'.
REGION_FIGURES = (
    ("terminals", "terminals_not_working", "body_regional_reps"),
    ("payphones", "payphones_not_working", None),
    ("npm_share_printed", "npm_recs_fulfilled_share_printed", None),
)
# A rate (and its rank) built on fewer complaints than this is unreliable: one complaint more or less moves it
# far. The pages mark such rates; the threshold is defined here only.
FEW_COMPLAINTS = 5
# Figures some regions also give by institution (a category of the group "institution").
INSTITUTION_INDICATORS = ("payphones_not_working", "terminals_not_working")
INSTITUTION_GROUP = "institution"

# Region-level figures the report names but does not publish (Table 3 lost its cells).
NOT_PUBLISHED_INDICATORS = ("recs_issued", "recs_fulfilled")

RATE_COLUMNS = [
    "region", "name", "short", "kind", "geo_pcode", "period", "complaints", "prisoners", "rate",
    "rate_printed", "printed_differs", "rank_rate", "rank_complaints", "rank_prisoners",
    "source_line", "source_ref", "few_complaints",
]  # fmt: skip


def _by_region(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows broken down by region only (no agency, facility type or category)."""
    mask = frame["region"].notna() & frame[["agency", "facility_type", "category"]].isna().all(axis=1)
    return frame[mask]


def _latest_period(frame: pd.DataFrame) -> str | None:
    if frame.empty:
        return None
    return str(frame.sort_values(["period_end", "period_start"]).iloc[-1]["period"])


def round_half_up(values: pd.Series, decimals: int = 1) -> pd.Series:
    """Round as a reader does by hand (21.65 -> 21.7), not to even, to compare with a printed figure."""
    factor = 10**decimals
    # The small epsilon absorbs binary representation error (x.x5 stored as x.x4999…).
    return np.floor(values.astype("float64") * factor + 0.5 + 1e-9) / factor


@cached
def table2_observations(lang: str) -> pd.DataFrame:
    """The Table 2 observations by region of the latest period: the rows every rate is computed from."""
    frame = _by_region(observations(lang, indicator=TABLE2_INDICATORS))
    period = _latest_period(frame[frame["indicator"] == COMPLAINTS])
    return frame[frame["period"] == period].reset_index(drop=True)


@cached
def region_rates(lang: str) -> pd.DataFrame:
    """One row per region (all 20, also those Table 2 leaves out): the counts, the computed rate, ranks.

    `rate` is complaints / prisoners x 1,000, computed only where both counts are
    published (otherwise missing, never zero); `rate_printed` is the report's own
    figure and `printed_differs` whether it differs from the computed rate rounded
    to one decimal; `few_complaints` whether the rate rests on fewer than `FEW_COMPLAINTS` complaints
    (missing where there is no rate). Ranks are 1 for the highest value; regions with equal values
    share a rank; a region without a value has no rank.
    """
    table2 = table2_observations(lang)
    published = table2[table2["status"] == "published"]
    wide = published.pivot_table(index="region", columns="indicator", values="value", aggfunc="first")
    wide = wide.reindex(columns=list(TABLE2_INDICATORS))
    lines = table2.groupby("region").agg(source_line=("source_line", "min"), source_ref=("source_ref", "first"))
    frame = regions(lang).rename(columns={"code": "region"})
    frame = frame.merge(wide, left_on="region", right_index=True, how="left")
    frame = frame.merge(lines, left_on="region", right_index=True, how="left")
    frame = frame.rename(columns={COMPLAINTS: "complaints", PRISONERS: "prisoners", RATE_PRINTED: "rate_printed"})
    frame["rate_printed"] = frame["rate_printed"].astype("Float64")
    for column in ("complaints", "prisoners"):
        # Counts are whole numbers: kept as integers, so downloads read 831, not 831.0.
        frame[column] = frame[column].astype("Float64").round().astype("Int64")
    usable = frame["complaints"].notna() & frame["prisoners"].notna() & (frame["prisoners"] > 0)
    frame["rate"] = (frame["complaints"].astype("Float64") / frame["prisoners"] * 1000).where(usable).astype("Float64")
    frame["printed_differs"] = (
        round_half_up(frame["rate"].astype("float64")) - frame["rate_printed"].astype("float64")
    ).abs() > 1e-6
    frame["printed_differs"] = frame["printed_differs"].where(frame["rate"].notna() & frame["rate_printed"].notna())
    # Only a computed rate can be unreliable: a region without one has nothing to caution about.
    frame["few_complaints"] = (frame["complaints"] < FEW_COMPLAINTS).astype("boolean").where(frame["rate"].notna())
    for metric in METRICS:
        frame[f"rank_{metric}"] = frame[metric].astype("float64").rank(ascending=False, method="min").astype("Int64")
    frame["period"] = _latest_period(table2[table2["indicator"] == COMPLAINTS])
    frame["source_line"] = frame["source_line"].astype("Int64")
    return frame[RATE_COLUMNS].reset_index(drop=True)


@cached
def national_rate(lang: str) -> dict:
    """All regions' complaints over all regions' prisoners, per 1,000, and how many regions it covers.

    Only regions with both counts published enter either sum, so the ratio never
    mixes a complaint count with a prisoner count of another set of regions.
    Also how many printed regional rates differ from the computed ones.
    """
    frame = region_rates(lang)
    both = frame[frame["complaints"].notna() & frame["prisoners"].notna()]
    complaints = float(both["complaints"].sum()) if len(both) else None
    prisoners = float(both["prisoners"].sum()) if len(both) else None
    compared = frame["printed_differs"].dropna()
    return {
        "period": frame["period"].iloc[0] if len(frame) else None,
        "complaints": complaints,
        "prisoners": prisoners,
        "rate": complaints / prisoners * 1000 if prisoners else None,
        "regions_counted": len(both),
        "regions_total": len(frame),
        "printed_compared": len(compared),
        "printed_differs": int(compared.astype(bool).sum()),
    }


def _figure_rows(frame: pd.DataFrame, region: str) -> list[dict]:
    """The other regional figures of one region, each with the national figure beside it.

    A figure the report gives for other regions but not this one comes back with
    no value (shown as not published, never as zero) and the source of the
    passage that lists the regions.
    """
    rows = []
    for key, indicator, category in REGION_FIGURES:
        series = frame[frame["indicator"] == indicator]
        series = series[series["category"].isna()] if category is None else series[series["category"] == category]
        period = _latest_period(series)
        series = series[series["period"] == period]
        own = series[series["region"] == region]
        country = series[series["region"].isna()]
        source = own.iloc[0] if len(own) else (country.iloc[0] if len(country) else None)
        if source is None:
            continue
        published_own = own[own["status"] == "published"]
        published_country = country[country["status"] == "published"]
        rows.append(
            {
                "key": key,
                "indicator": indicator,
                "indicator_name": source["indicator_name"],
                "unit": source["unit"],
                "period": period,
                "value": float(published_own.iloc[0]["value"]) if len(published_own) else None,
                "national": float(published_country.iloc[0]["value"]) if len(published_country) else None,
                "status": str(own.iloc[0]["status"]) if len(own) else "not_published",
                "source_line": source["source_line"],
                "source_ref": source["source_ref"],
                # The region's own note, else the national figure's (it explains the national value shown beside).
                "note_text": next((n for n in (*own["note_text"], *country["note_text"]) if not pd.isna(n)), None),
            }
        )
    return rows


@cached
def region_detail(lang: str, region: str) -> pd.DataFrame:
    """Everything the report gives for one region, one row a figure, with the national figure beside it.

    Keys: complaints, prisoners, rate (computed), rate_printed, rank (by rate, of
    `regions_ranked`), then the figures of REGION_FIGURES. Computed rows have
    status `derived`. Empty if `region` is not a region code.
    """
    rates = region_rates(lang)
    own = rates[rates["region"] == region]
    if own.empty:
        return pd.DataFrame()
    row = own.iloc[0]
    national = national_rate(lang)
    table2 = table2_observations(lang)
    notes = table2[table2["region"] == region].set_index("indicator")["note_text"]
    base = {"period": row["period"], "source_line": row["source_line"], "source_ref": row["source_ref"]}

    def value(x: object) -> float | None:
        return None if pd.isna(x) else float(x)

    def table2_status(column: str) -> str:
        return "published" if value(row[column]) is not None else "not_published"

    rows = [
        {**base, "key": "complaints", "indicator": COMPLAINTS, "unit": "complaints", "value": value(row["complaints"]),
         "national": national["complaints"], "status": table2_status("complaints"), "note_text": notes.get(COMPLAINTS)},
        {**base, "key": "prisoners", "indicator": PRISONERS, "unit": "prisoners", "value": value(row["prisoners"]),
         "national": national["prisoners"], "status": table2_status("prisoners"), "note_text": notes.get(PRISONERS)},
        {**base, "key": "rate", "indicator": None, "unit": "per_1000", "value": value(row["rate"]),
         "national": national["rate"], "status": "derived", "note_text": None},
        {**base, "key": "rate_printed", "indicator": RATE_PRINTED, "unit": "per_1000", "value": value(row["rate_printed"]),
         "national": None, "status": table2_status("rate_printed"), "note_text": notes.get(RATE_PRINTED)},
        {**base, "key": "rank", "indicator": None, "unit": "rank", "value": value(row["rank_rate"]),
         "national": None, "status": "derived", "note_text": None},
    ]  # fmt: skip
    others = observations(lang, indicator=tuple(indicator for _, indicator, _ in REGION_FIGURES))
    rows.extend(_figure_rows(others, region))
    frame = pd.DataFrame(rows)
    frame["regions_ranked"] = int(rates["rank_rate"].notna().sum())
    for column in ("value", "national"):
        frame[column] = frame[column].astype("Float64")
    frame["source_line"] = frame["source_line"].astype("Int64")
    return frame


@cached
def region_not_published(lang: str, region: str) -> pd.DataFrame:
    """What the report names for a region but does not publish, one row per indicator.

    `cells` counts the lost cells (by ministry and in total); `agencies` lists the
    ministries' short names in `lang`.
    """
    frame = observations(lang, indicator=NOT_PUBLISHED_INDICATORS, region=region)
    frame = frame[frame["status"] == "not_published"]
    if frame.empty:
        return pd.DataFrame(columns=["indicator", "indicator_name", "unit", "period", "cells", "agencies",
                                     "source_line", "source_ref", "note_text"])  # fmt: skip
    grouped = frame.groupby(["indicator", "period"], sort=True).agg(
        indicator_name=("indicator_name", "first"),
        unit=("unit", "first"),
        cells=("status", "size"),
        agencies=("agency_name", lambda names: ", ".join(sorted(str(n) for n in names.dropna()))),
        source_line=("source_line", "min"),
        source_ref=("source_ref", "first"),
        note_text=("note_text", "first"),
    )
    return grouped.reset_index()


@cached
def region_institution_figures(lang: str, region: str) -> pd.DataFrame:
    """One region's payphones and terminals found not working, by institution, where the report names them.

    Columns of `observations` (indicator, indicator_name, unit, period, category = the institution,
    category_name, value, status, source_line, source_ref, note_text), latest period, in indicator
    and institution order. Empty for a region the report gives no institutions for.
    """
    groups = categories(lang).set_index("code")["group"]
    institutions = tuple(code for code, group in groups.items() if group == INSTITUTION_GROUP)
    frame = observations(lang, indicator=INSTITUTION_INDICATORS, region=region)
    frame = frame[frame["category"].isin(institutions)]
    period = _latest_period(frame)
    order = {indicator: index for index, indicator in enumerate(INSTITUTION_INDICATORS)}
    frame = frame[frame["period"] == period].assign(_order=lambda f: f["indicator"].map(order))
    return frame.sort_values(["_order", "category"]).drop(columns="_order").reset_index(drop=True)
