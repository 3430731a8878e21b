"""Visit coverage against the NPM's four-year mandate: the report's aggregates and, where a release has them, visit logs.

Every facility in the mandate must be visited at least once every four years,
so the mandate needs a quarter of the facilities a year. The report gives
aggregates (facilities covered a year, visits by body, ministry and facility
type, mandated facilities by ministry); a release may also carry facility-level
visit logs (pseudonymous facility ids), from which coverage within the last
four years is computed for any date.

Shares, paces, sums and gaps are computed here, never typed into a release.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import and_, func, select

from .. import schema
from ..cache import cached
from ..settings import load_settings
from .base import lang_or_default, read_frame, read_scalar
from .observations import observations
from .recommendations import notes_for_lines, ombudsman_visits

MANDATE_YEARS = 4
MANDATE_ANNUAL_SHARE = 1 / MANDATE_YEARS

# The bodies whose visits the report breaks down by ministry; "all" adds them up.
PACE_BODIES = ("npm", "regional_reps", "all")
BODY_CATEGORY = {
    "npm": "body_npm",
    "ombudsman": "body_ombudsman",
    "regional_reps": "body_regional_reps",
    "all": "body_all",
}
# Visit-log bodies a user may filter on ("all" = any body).
LOG_BODIES = ("all", "npm", "ombudsman", "regional_reps")
LOG_BREAKDOWNS = ("region", "agency", "facility_type")

# The report groups the representatives' visits into sectors and names the
# ministries inside each (line 1445); the release has no table linking them.
REPS_SECTOR_AGENCIES = {
    "regional_reps_criminal_justice": ("MVD", "KUIS", "MO", "KNB"),
    "regional_reps_social": ("MP", "MZ", "MTSZN"),
    "regional_reps_other": (),
}
OUTCOME_INDICATORS = ("disciplinary_liability", "administrative_liability", "pretrial_investigations_after_visits")


@dataclass
class QueryResult:
    """A computed table, the observations it was computed from (for sources and notes), and any totals."""

    frame: pd.DataFrame
    inputs: pd.DataFrame
    totals: dict = field(default_factory=dict)


def _no_breakdown(frame: pd.DataFrame) -> pd.Series:
    return frame[["region", "agency", "facility_type"]].isna().all(axis=1)


def _published(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["status"] == "published"]


def _value(frame: pd.DataFrame) -> float | None:
    """The single published value of `frame`, or None if there is none."""
    published = _published(frame)
    return float(published["value"].iloc[0]) if len(published) else None


def _nearest_period(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Rows of the single-year period closest to `year` (the same year first, then the later one on a tie)."""
    if frame.empty:
        return frame
    distance = (frame["period_end"] - year).abs() * 2 - (frame["period_end"] > year).astype(int)
    return frame[distance == distance.min()]


@cached
def visit_years(lang: str) -> list[int]:
    """Years with national visit figures (facilities covered or visits by a body), oldest first."""
    frame = observations(lang, indicator=("mandated_facilities_covered", "visits"))
    frame = _published(frame[_no_breakdown(frame) & (frame["period_start"] == frame["period_end"])])
    return sorted({int(year) for year in frame["period_end"]})


@cached
def coverage_against_mandate(lang: str) -> QueryResult:
    """Facilities covered each year as a share of each published total of mandated facilities.

    One row per (year, total). The report gives the mandated totals for one
    year only; another year is compared with the nearest published total
    (`mandated_period` says which). `years_to_cover_all` = mandated / covered:
    the shortest time the facilities of one year's pace need to cover every
    mandated facility once (a facility covered in two years counts twice).
    """
    frame = observations(lang, indicator=("mandated_facilities_covered", "mandated_facilities"))
    frame = frame[_no_breakdown(frame)]
    covered = _published(frame[(frame["indicator"] == "mandated_facilities_covered") & frame["category"].isna()])
    totals = _published(frame[frame["indicator"] == "mandated_facilities"])
    rows = []
    for record in covered.sort_values("period_end").to_dict("records"):
        for _, variant in totals.groupby(totals["category"].fillna(""), sort=False):
            total = _nearest_period(variant, int(record["period_end"])).iloc[0]
            mandated = float(total["value"])
            rows.append(
                {
                    "period": record["period"],
                    "covered": float(record["value"]),
                    "mandated": mandated,
                    "mandated_period": total["period"],
                    "mandated_source_line": total["source_line"],
                    "total_variant": total["category"],
                    "total_variant_name": total["category_name"],
                    "note_text": total["note_text"],
                    "share": float(record["value"]) / mandated if mandated else None,
                    "mandate_share": MANDATE_ANNUAL_SHARE,
                    "years_to_cover_all": mandated / float(record["value"]) if record["value"] else None,
                    "status": "derived",
                }
            )
    result = pd.DataFrame(rows)
    if len(result):
        result["within_mandate"] = result["years_to_cover_all"].le(MANDATE_YEARS)
        # The report's main total (no variant category) first.
        result = result.sort_values(["period", "total_variant"], na_position="first", kind="stable").reset_index(
            drop=True
        )
    return QueryResult(result, pd.concat([covered, totals]))


def _ombudsman_visits_by_agency(year: int) -> pd.DataFrame:
    """The Ombudsman's own visits in the country in `year`, counted by the visited institution's ministry."""
    visit = schema.ombudsman_visit
    return read_frame(
        select(visit.c.agency, func.count().label("visits"))
        .where(visit.c.visit_month.like(f"{year}-%"), visit.c.region.is_not(None), visit.c.agency.is_not(None))
        .group_by(visit.c.agency)
    )


@cached
def mandate_pace(lang: str, year: int, body: str = "npm") -> QueryResult:
    """Mandated facilities per ministry, the visits `body` made to them in `year`, and the years to visit all.

    `years_to_visit_all` = mandated / visits a year. One facility can be visited
    more than once a year, so the visits are an upper bound on the facilities
    reached, and the years are the shortest time at this pace. `body` "all" adds
    the NPM's, the regional representatives' and the Ombudsman's own visits.
    Ministries without a published visit count get None, never 0.
    """
    body = body if body in PACE_BODIES else "npm"
    frame = observations(lang, indicator=("mandated_facilities", "visits"))
    frame = frame[frame["region"].isna() & frame["facility_type"].isna()]
    mandated_rows = _published(
        frame[(frame["indicator"] == "mandated_facilities") & frame["agency"].notna() & frame["category"].isna()]
    )
    mandated_rows = _nearest_period(mandated_rows, year)
    visit_rows = frame[(frame["indicator"] == "visits") & (frame["period"] == str(year))]
    bodies = ("npm", "regional_reps") if body == "all" else (body,)
    by_body = {
        name: _published(
            visit_rows[(visit_rows["category"] == BODY_CATEGORY[name]) & visit_rows["agency"].notna()]
        ).set_index("agency")["value"]
        for name in bodies
    }
    ombudsman = (
        _ombudsman_visits_by_agency(year).set_index("agency")["visits"] if body == "all" else pd.Series(dtype=float)
    )
    rows = []
    for record in mandated_rows.sort_values("value", ascending=False).to_dict("records"):
        agency = record["agency"]
        parts = [by_body[name].get(agency) for name in bodies]
        known = all(part is not None and not pd.isna(part) for part in parts)
        visits = float(sum(parts) + ombudsman.get(agency, 0)) if known else None
        rows.append(
            {
                "agency": agency,
                "agency_name": record["agency_name"],
                "mandated": float(record["value"]),
                "mandated_period": record["period"],
                "visits": visits,
                "status": ("derived" if body == "all" else "published") if known else "not_published",
                "years_to_visit_all": record["value"] / visits if visits else None,
            }
        )
    result = pd.DataFrame(
        rows, columns=["agency", "agency_name", "mandated", "mandated_period", "visits", "status", "years_to_visit_all"]
    )
    result["beyond_mandate"] = (
        result["years_to_visit_all"].astype("Float64").gt(MANDATE_YEARS).fillna(False).astype(bool)
    )
    used_visits = visit_rows[
        visit_rows["category"].isin([BODY_CATEGORY[name] for name in bodies]) & visit_rows["agency"].notna()
    ]
    totals: dict = {"body": body, "year": year}
    if body == "all":
        stated = _value(visit_rows[(visit_rows["category"] == "body_all") & visit_rows["agency"].isna()])
        attributed = result["visits"].sum() if result["visits"].notna().all() and len(result) else None
        totals.update(
            stated_total=stated,
            ombudsman_visits=float(ombudsman.sum()),
            attributed=attributed,
            unattributed=stated - attributed if stated is not None and attributed is not None else None,
        )
        used_visits = pd.concat(
            [used_visits, visit_rows[(visit_rows["category"] == "body_all") & visit_rows["agency"].isna()]]
        )
    return QueryResult(result, pd.concat([mandated_rows, used_visits]), totals)


@cached
def npm_visits_by_type(lang: str, year: int, agency: str | None = None) -> QueryResult:
    """NPM visits in `year` by facility type (of one ministry, or all), with the stated total and the gap.

    `totals`: type_sum (the per-type counts added up), stated_total (the
    report's total for the same scope: the ministry's NPM visits, or all NPM
    visits) and gap = stated_total - type_sum (visits not broken down by type).
    """
    frame = observations(lang, indicator="visits", period=str(year), category="body_npm")
    frame = frame[frame["region"].isna()]
    by_type = frame[frame["facility_type"].notna()]
    stated_rows = frame[frame["facility_type"].isna()]
    if agency is not None:
        by_type = by_type[by_type["agency"] == agency]
        stated_rows = stated_rows[stated_rows["agency"] == agency]
    else:
        stated_rows = stated_rows[stated_rows["agency"].isna()]
    by_type = by_type.sort_values("value", ascending=False, na_position="last")
    result = by_type[["facility_type", "facility_type_name", "agency", "agency_name", "value", "status"]].rename(
        columns={"value": "visits"}
    )
    published = _published(by_type)
    type_sum = float(published["value"].sum()) if len(published) else None
    stated = _value(stated_rows)
    totals = {
        "type_sum": type_sum,
        "stated_total": stated,
        "gap": stated - type_sum if stated is not None and type_sum is not None else None,
    }
    return QueryResult(result.reset_index(drop=True), pd.concat([by_type, stated_rows]), totals)


@cached
def visits_by_body(lang: str, year: int) -> QueryResult:
    """Visits in `year` by the NPM, the Ombudsman in person and the regional representatives, with the stated total.

    `totals`: body_sum (the three added up), stated_total (the report's figure
    for all bodies) and gap = stated_total - body_sum.
    """
    frame = observations(lang, indicator="visits", period=str(year))
    frame = frame[_no_breakdown(frame)]
    rows = []
    for body in ("npm", "ombudsman", "regional_reps"):
        series = frame[frame["category"] == BODY_CATEGORY[body]]
        value = _value(series)
        name = series["category_name"].iloc[0] if len(series) else None
        rows.append(
            {
                "body": body,
                "body_name": name,
                "visits": value,
                "status": "published" if value is not None else "not_published",
            }
        )
    result = pd.DataFrame(rows)
    result = result[result["body_name"].notna()].reset_index(drop=True)
    stated_rows = frame[frame["category"] == BODY_CATEGORY["all"]]
    stated = _value(stated_rows)
    body_sum = float(result["visits"].sum()) if len(result) and result["visits"].notna().all() else None
    totals = {
        "stated_total": stated,
        "body_sum": body_sum,
        "gap": stated - body_sum if stated is not None and body_sum is not None else None,
    }
    inputs = frame[frame["category"].isin(BODY_CATEGORY.values())]
    return QueryResult(result, inputs, totals)


@cached
def regional_reps_by_sector(lang: str, year: int) -> QueryResult:
    """The regional representatives' visits in `year` by sector and, inside each sector, by ministry.

    One row per ministry (a sector with no ministries is one row of its own).
    `totals`: per-sector sum checks (`sector_gaps`: sector total minus its
    ministries) and the national total against the sectors' sum (`gap`).
    """
    frame = observations(lang, indicator="visits", period=str(year))
    frame = frame[frame["region"].isna() & frame["facility_type"].isna()]
    sectors = frame[frame["category"].isin(REPS_SECTOR_AGENCIES) & frame["agency"].isna()]
    ministries = frame[(frame["category"] == "body_regional_reps") & frame["agency"].notna()]
    national_rows = frame[(frame["category"] == "body_regional_reps") & frame["agency"].isna()]
    rows = []
    sector_gaps = {}
    for sector, agencies in REPS_SECTOR_AGENCIES.items():
        sector_rows = sectors[sectors["category"] == sector]
        if sector_rows.empty:
            continue
        sector_total = _value(sector_rows)
        sector_name = sector_rows["category_name"].iloc[0]
        members = ministries[ministries["agency"].isin(agencies)]
        if members.empty:
            rows.append(
                {
                    "sector": sector,
                    "sector_name": sector_name,
                    "sector_total": sector_total,
                    "agency": None,
                    "agency_name": None,
                    "visits": sector_total,
                }
            )
            continue
        for record in members.sort_values("value", ascending=False).to_dict("records"):
            rows.append(
                {
                    "sector": sector,
                    "sector_name": sector_name,
                    "sector_total": sector_total,
                    "agency": record["agency"],
                    "agency_name": record["agency_name"],
                    "visits": float(record["value"]) if record["status"] == "published" else None,
                }
            )
        member_sum = _published(members)["value"].sum()
        sector_gaps[sector] = sector_total - float(member_sum) if sector_total is not None else None
    result = pd.DataFrame(rows, columns=["sector", "sector_name", "sector_total", "agency", "agency_name", "visits"])
    stated = _value(national_rows)
    sector_sum = float(_published(sectors)["value"].sum()) if len(sectors) else None
    totals = {
        "stated_total": stated,
        "sector_sum": sector_sum,
        "gap": stated - sector_sum if stated is not None and sector_sum is not None else None,
        "sector_gaps": sector_gaps,
    }
    return QueryResult(result, pd.concat([sectors, ministries, national_rows]), totals)


@cached
def visit_outcomes(lang: str, year: int) -> pd.DataFrame:
    """The liability that followed the visits in `year`: disciplinary, administrative, pre-trial investigations."""
    frame = observations(lang, indicator=OUTCOME_INDICATORS, period=str(year))
    frame = frame[_no_breakdown(frame)]
    order = {code: index for index, code in enumerate(OUTCOME_INDICATORS)}
    return frame.sort_values("indicator", key=lambda codes: codes.map(order)).reset_index(drop=True)


@cached
def npm_size(lang: str, year: int) -> pd.DataFrame:
    """The NPM's regional groups and participants in `year`, each figure the report gives (section 6 first)."""
    frame = observations(lang, indicator=("npm_groups", "npm_participants"), period=str(year))
    frame = frame[_no_breakdown(frame)]
    return frame.sort_values(["category", "indicator"], na_position="first").reset_index(drop=True)


# --- visit logs -------------------------------------------------------------------------------


def mandate_window_start(as_of: dt.date) -> dt.date:
    """The earliest visit date that still counts on `as_of`: the same day four years before (28 Feb for 29 Feb)."""
    try:
        return as_of.replace(year=as_of.year - MANDATE_YEARS)
    except ValueError:
        return as_of.replace(year=as_of.year - MANDATE_YEARS, day=28)


@cached
def visit_log_summary() -> dict:
    """What the release's visit logs hold: facilities, mandated facilities, visits, first and last visit date.

    `facilities` is 0 when the release has no logs (the bundled one has none).
    """
    facility, visit = schema.facility, schema.visit_log
    facilities = int(read_scalar(select(func.count()).select_from(facility)) or 0)
    mandated = int(read_scalar(select(func.count()).select_from(facility).where(facility.c.mandated)) or 0)
    frame = read_frame(
        select(
            func.count().label("visits"),
            func.min(visit.c.visit_date).label("first"),
            func.max(visit.c.visit_date).label("last"),
        )
    )
    row = frame.iloc[0]
    return {
        "facilities": facilities,
        "mandated": mandated,
        "visits": int(row["visits"] or 0),
        "first_visit": _as_date(row["first"]),
        "last_visit": _as_date(row["last"]),
    }


def _as_date(value: object) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _last_visits(lang: str, as_of: dt.date, region: str | None, agency: str | None, body: str) -> pd.DataFrame:
    """Every mandated facility (of the region / ministry asked for) with its last visit on or before `as_of`."""
    lang = lang_or_default(lang)
    facility, visit, ftype, region_table, agency_table = (
        schema.facility,
        schema.visit_log,
        schema.facility_type,
        schema.region,
        schema.agency,
    )
    # A facility row may leave its ministry empty: it is then its type's ministry.
    facility_agency = func.coalesce(facility.c.agency, ftype.c.agency)
    visit_join = and_(visit.c.facility_id == facility.c.facility_id, visit.c.visit_date <= as_of)
    if body != "all":
        visit_join = and_(visit_join, visit.c.body == body)
    statement = (
        select(
            facility.c.facility_id,
            facility.c.facility_type,
            ftype.c[f"name_{lang}"].label("facility_type_name"),
            facility_agency.label("agency"),
            agency_table.c[f"short_{lang}"].label("agency_name"),
            facility.c.region,
            region_table.c[f"name_{lang}"].label("region_name"),
            func.max(visit.c.visit_date).label("last_visit"),
        )
        .join(ftype, ftype.c.code == facility.c.facility_type)
        .join(region_table, region_table.c.code == facility.c.region)
        .outerjoin(agency_table, agency_table.c.code == facility_agency)
        .outerjoin(visit, visit_join)
        .where(facility.c.mandated)
        .group_by(
            facility.c.facility_id,
            facility.c.facility_type,
            ftype.c[f"name_{lang}"],
            facility_agency,
            agency_table.c[f"short_{lang}"],
            facility.c.region,
            region_table.c[f"name_{lang}"],
        )
    )
    if region is not None:
        statement = statement.where(facility.c.region == region)
    if agency is not None:
        statement = statement.where(facility_agency == agency)
    frame = read_frame(statement)
    # Vectorised: SQLite returns dates as text, PostgreSQL as dates; both parse to timestamps.
    last = pd.to_datetime(frame["last_visit"].astype("string"), errors="coerce")
    window_start = pd.Timestamp(mandate_window_start(as_of))
    frame["covered"] = (last >= window_start).fillna(False).astype(bool)
    # Days past the four years: the last visit's distance before the window start; None if never visited.
    frame["days_overdue"] = (window_start - last).dt.days.where(~frame["covered"] & last.notna()).astype("Int64")
    frame["last_visit"] = pd.Series(last.dt.date, index=frame.index, dtype=object).where(last.notna(), None)
    return frame


def _threshold(threshold: int | None) -> int:
    return threshold if threshold is not None else load_settings().suppression_threshold


def _small(count: float, threshold: int) -> bool:
    """Whether a count would point at too few facilities: 1 to threshold - 1 (a zero names no facility)."""
    return 0 < count < threshold


def suppress_coverage(frame: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Apply the disclosure threshold to coverage counts (columns mandated, covered, overdue, share).

    A group with fewer than `threshold` mandated facilities is withheld whole.
    If covered or overdue falls below the threshold (but is not zero), both and
    the share are withheld, since mandated minus the one gives the other.
    Withheld values become None with status `suppressed`.
    """
    frame = frame.copy()
    frame["status"] = "derived"
    for column in ("mandated", "covered", "overdue"):
        frame[column] = frame[column].astype("Float64")
    frame["share"] = frame["share"].astype("Float64")
    whole = frame["mandated"] < threshold
    partial = ~whole & (
        frame["covered"].map(lambda n: _small(n, threshold)) | frame["overdue"].map(lambda n: _small(n, threshold))
    )
    frame.loc[whole, ["mandated", "covered", "overdue", "share"]] = pd.NA
    frame.loc[partial, ["covered", "overdue", "share"]] = pd.NA
    frame.loc[whole | partial, "status"] = "suppressed"
    return frame


def _coverage_counts(facilities: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = facilities.groupby(keys, dropna=False, sort=False) if keys else facilities.assign(_all=1).groupby("_all")
    counts = grouped.agg(mandated=("facility_id", "size"), covered=("covered", "sum")).reset_index()
    counts["overdue"] = counts["mandated"] - counts["covered"]
    counts["share"] = counts["covered"] / counts["mandated"]
    return counts.drop(columns="_all", errors="ignore")


def log_coverage(
    lang: str,
    as_of: str,
    by: str = "region",
    region: str | None = None,
    agency: str | None = None,
    body: str = "all",
    threshold: int | None = None,
) -> QueryResult:
    """Share of mandated facilities visited within the four years before `as_of` (ISO date), by `by`.

    `by` is region, agency or facility_type. Only visits on or before `as_of`
    count; a visit exactly four years before counts, one a day earlier does not;
    a facility never visited is overdue. Counts below the disclosure
    threshold are suppressed (see `suppress_coverage`). `totals` holds the
    same figures for all the facilities selected, suppressed the same way.
    """
    if by not in LOG_BREAKDOWNS:
        by = "region"
    body = body if body in LOG_BODIES else "all"
    # The threshold is resolved before the cache, so a changed setting is never served a stale answer.
    return _log_coverage(lang, as_of, by, region, agency, body, _threshold(threshold))


@cached
def _log_coverage(
    lang: str, as_of: str, by: str, region: str | None, agency: str | None, body: str, k: int
) -> QueryResult:
    day = dt.date.fromisoformat(as_of)
    facilities = _last_visits(lang, day, region, agency, body)
    name = {"region": "region_name", "agency": "agency_name", "facility_type": "facility_type_name"}[by]
    groups = _coverage_counts(facilities, [by, name]).rename(columns={by: "key", name: "name"})
    groups = suppress_coverage(groups, k)
    groups = groups.sort_values(["share", "name"], na_position="last", kind="stable").reset_index(drop=True)
    overall = suppress_coverage(_coverage_counts(facilities, []), k).iloc[0].to_dict() if len(facilities) else {}
    totals = {**overall, "as_of": day, "window_start": mandate_window_start(day), "threshold": k}
    return QueryResult(groups, pd.DataFrame(), totals)


def overdue_facilities(
    lang: str,
    as_of: str,
    region: str | None = None,
    agency: str | None = None,
    body: str = "all",
    threshold: int | None = None,
    limit: int | None = 100,
) -> QueryResult:
    """Mandated facilities not visited within the four years before `as_of`, longest overdue first.

    Never-visited facilities come first. A facility is listed only if its
    region holds at least `threshold` mandated facilities of its type:
    otherwise its id, type and region together would point at too few
    facilities. `totals`: overdue (all overdue facilities, suppressed if
    below the threshold), listed, withheld (whether any were left out).
    """
    body = body if body in LOG_BODIES else "all"
    return _overdue_facilities(lang, as_of, region, agency, body, _threshold(threshold), limit)


@cached
def _overdue_facilities(
    lang: str, as_of: str, region: str | None, agency: str | None, body: str, k: int, limit: int | None
) -> QueryResult:
    facilities = _last_visits(lang, dt.date.fromisoformat(as_of), region, agency, body)
    # The size of each facility's (region, type) group is counted over every mandated facility, not only
    # the filtered ones: a filter must not make a large group look small or a small one look large.
    everywhere = (
        facilities
        if region is None and agency is None
        else _last_visits(lang, dt.date.fromisoformat(as_of), None, None, body)
    )
    group_size = everywhere.groupby(["region", "facility_type"]).size().rename("group_size")
    overdue = facilities[~facilities["covered"]].join(group_size, on=["region", "facility_type"])
    listable = overdue[overdue["group_size"] >= k].copy()
    listable["never_visited"] = listable["last_visit"].isna()
    listable = listable.sort_values(
        ["never_visited", "days_overdue", "facility_id"], ascending=[False, False, True], na_position="first"
    )
    shown = listable.head(limit) if limit else listable
    columns = [
        "facility_id",
        "facility_type",
        "facility_type_name",
        "agency",
        "agency_name",
        "region",
        "region_name",
        "last_visit",
        "days_overdue",
        "never_visited",
    ]
    count = len(overdue)
    totals = {
        "overdue": None if _small(count, k) else count,
        "overdue_status": "suppressed" if _small(count, k) else "derived",
        "listed": len(shown),
        "listable": len(listable),
        "withheld": len(listable) < count,
        "threshold": k,
    }
    return QueryResult(shown[columns].reset_index(drop=True), pd.DataFrame(), totals)


@cached
def persons_received_by_visit(lang: str, year: int) -> QueryResult:
    """The people the Ombudsman received in person at each visit of `year`, one row a visit, in order.

    Frame: code, visit_month, institution, region_name, abroad (a visit outside Kazakhstan),
    persons_received (missing where the report gives no number), persons_received_line.
    The visits abroad are met citizens, not a personal reception, so they are summed apart:
    totals `in_country` (the sum over visits in Kazakhstan), `in_country_visits` (how many of them
    give a number), `in_country_all` (visits in Kazakhstan), `abroad`. `inputs` holds the report
    lines (source_ref, source_line, note_text) for sources and notes.
    """
    visits = ombudsman_visits(lang)
    frame = visits[visits["visit_month"].str.startswith(f"{int(year)}-")].copy()
    frame["abroad"] = frame["region"].isna()
    frame = frame[
        ["code", "visit_month", "institution", "region_name", "abroad", "persons_received", "persons_received_line"]
    ].reset_index(drop=True)
    home, away = frame[~frame["abroad"]], frame[frame["abroad"]]
    lines = [int(line) for line in frame["persons_received_line"].dropna()]
    notes = notes_for_lines(lang, min(lines), max(lines)) if lines else pd.DataFrame(columns=["source_line", "text"])
    # The report lines of the counts, then the data notes on those lines (a note's line is a source too).
    inputs = pd.DataFrame(
        {
            "source_ref": ["text"] * (len(lines) + len(notes)),
            "source_line": pd.array([*lines, *notes["source_line"]], dtype="Int64"),
            "note_text": [None] * len(lines) + list(notes["text"]),
        }
    )
    totals = {
        "in_country": float(home["persons_received"].sum()) if home["persons_received"].notna().any() else None,
        "in_country_visits": int(home["persons_received"].notna().sum()),
        "in_country_all": len(home),
        "abroad": float(away["persons_received"].sum()) if away["persons_received"].notna().any() else None,
    }
    return QueryResult(frame, inputs, totals)
