"""Recommendation fulfilment: who issued how many to which state body, how many were fulfilled,
Table 3 (region x agency), the Ombudsman's own visits, and the tracker of the report's recommendations.

Shares are computed here from the counts; a share is only given when both counts are published.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Select, select

from .. import schema
from ..cache import cached
from ..vocabulary import OPEN_STATUSES
from .base import lang_or_default, read_frame

ISSUING_BODIES = ("body_npm", "body_ombudsman", "body_regional_reps")
COUNT_INDICATORS = ("recs_issued", "recs_fulfilled", "recs_in_progress")
PRINTED_SHARE = "npm_recs_fulfilled_share_printed"
SHARE_COLUMNS = ("fulfilled_share", "in_progress_share", "other_share", "unknown_share")
COUNT_COLUMNS = {"recs_issued": "issued", "recs_fulfilled": "fulfilled", "recs_in_progress": "in_progress"}

LONG_COLUMNS = [
    "id",
    "indicator",
    "period",
    "period_end",
    "region",
    "region_name",
    "region_short",
    "agency",
    "agency_name",
    "agency_short",
    "category",
    "category_name",
    "value",
    "status",
    "source_line",
    "source_ref",
    "note",
    "note_text",
]


def _counts_statement(lang: str, indicators: tuple[str, ...]) -> Select:
    o, r, a, c, n = schema.observation, schema.region, schema.agency, schema.category, schema.data_note
    return (
        select(
            o.c.id,
            o.c.indicator,
            o.c.period,
            o.c.period_end,
            o.c.region,
            r.c[f"name_{lang}"],
            r.c[f"short_{lang}"],
            o.c.agency,
            a.c[f"name_{lang}"],
            a.c[f"short_{lang}"],
            o.c.category,
            c.c[f"name_{lang}"],
            o.c.value,
            o.c.status,
            o.c.source_line,
            o.c.source_ref,
            o.c.note,
            n.c[f"text_{lang}"],
        )
        .outerjoin(r, r.c.code == o.c.region)
        .outerjoin(a, a.c.code == o.c.agency)
        .outerjoin(c, c.c.code == o.c.category)
        .outerjoin(n, n.c.code == o.c.note)
        .where(o.c.indicator.in_(indicators), o.c.facility_type.is_(None))
        # The release's own row order keeps the report's order of regions and of Table 3's columns.
        .order_by(o.c.id)
    )


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame["value"] = frame["value"].astype("Float64")
    frame["source_line"] = frame["source_line"].astype("Int64")
    return frame


def latest_period(frame: pd.DataFrame) -> str | None:
    """The period of `frame` that ends last (the report's year), or None if `frame` is empty."""
    if frame.empty:
        return None
    return str(frame.sort_values(["period_end", "id"]).iloc[-1]["period"])


def _latest_counts(
    lang: str,
    indicators: tuple[str, ...],
    bodies: tuple[str, ...],
    national_only: bool = False,
    agency: str | None = None,
) -> pd.DataFrame:
    """The counts of recommendations for `indicators` and issuing `bodies` in their latest period only.

    One row per observation (value missing when not published), in the release's order. The
    filtering is done in SQL: the pages show one period, and reading every period of every region
    to keep one was most of their time.
    `national_only` keeps rows without a region (before the latest period is found); `agency`
    keeps that agency's rows of the latest period (after it is found, as the page filters).
    """
    lang = lang_or_default(lang)
    o = schema.observation
    conditions = [o.c.indicator.in_(indicators), o.c.facility_type.is_(None), o.c.category.in_(bodies)]
    if national_only:
        conditions.append(o.c.region.is_(None))
    # `latest_period` in SQL: the period of the row that ends last, the later row (id) on a tie; NULL if none.
    latest = (
        select(o.c.period).where(*conditions).order_by(o.c.period_end.desc(), o.c.id.desc()).limit(1).scalar_subquery()
    )
    statement = _counts_statement(lang, indicators).where(*conditions, o.c.period == latest)
    if agency is not None:
        statement = statement.where(o.c.agency == agency)
    return _typed(read_frame(statement, LONG_COLUMNS))


def _share(numerator: object, denominator: object) -> float | None:
    if pd.isna(numerator) or pd.isna(denominator) or not float(denominator):  # type: ignore[arg-type]
        return None
    return float(numerator) / float(denominator)  # type: ignore[arg-type]


def _pivot(long: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per `keys` with the three counts side by side and the shares computed from them.

    `long` is in the release's row order (`id`). A count the release does not give, or gives as
    not published, stays missing (never 0).
    """
    names = ("region_name", "region_short", "agency_name", "agency_short", "category_name")
    # One pass over plain values, group by group in order of first appearance: a pandas
    # selection per group and per column cost about a millisecond a cell (Table 3 has hundreds).
    columns = {
        name: long[name].tolist()
        for name in dict.fromkeys([*keys, *names, "id", "indicator", "value", "source_line", "source_ref", "note_text"])
    }
    groups: dict[tuple, dict] = {}
    for position in range(len(long)):
        key = tuple(None if pd.isna(columns[k][position]) else columns[k][position] for k in keys)
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                "names": dict.fromkeys(names),
                "order": columns["id"][position],
                "lines": set(),
                "sources": {},
                "notes": {},
                "published": {},
            }
        for name in names:
            value = columns[name][position]
            if group["names"][name] is None and not pd.isna(value):
                group["names"][name] = value
        group["order"] = min(group["order"], columns["id"][position])
        line = columns["source_line"][position]
        if not pd.isna(line):
            group["lines"].add(int(line))
            group["sources"].setdefault((columns["source_ref"][position], int(line)), None)
        note = columns["note_text"][position]
        if not pd.isna(note):
            group["notes"].setdefault(note, None)
        value = columns["value"][position]
        if not pd.isna(value):
            # The first published value of an indicator counts, as before.
            group["published"].setdefault(columns["indicator"][position], value)
    rows = []
    for key, group in groups.items():
        row = dict(zip(keys, key, strict=True))
        row.update(group["names"])
        row["order"] = int(group["order"])
        row["source_lines"] = tuple(sorted(group["lines"]))
        row["sources"] = tuple(group["sources"])
        row["notes"] = tuple(group["notes"])
        published = group["published"]
        counts = {
            column: (float(published[code]) if code in published else None) for code, column in COUNT_COLUMNS.items()
        }
        row.update(counts)
        row.update(_shares(counts["issued"], counts["fulfilled"], counts["in_progress"]))
        rows.append(row)
    columns_out = [*keys, *names, "order", "source_lines", "sources", "notes", *COUNT_COLUMNS.values(), *SHARE_COLUMNS]
    wide = pd.DataFrame(rows, columns=columns_out)
    for column in (*COUNT_COLUMNS.values(), *SHARE_COLUMNS):
        wide[column] = wide[column].astype("Float64")
    return wide.sort_values("order").reset_index(drop=True)


def _shares(issued: float | None, fulfilled: float | None, in_progress: float | None) -> dict[str, float | None]:
    """Fulfilled, in-progress and other shares of the issued, and the share whose status is not published."""
    fulfilled_share = _share(fulfilled, issued)
    in_progress_share = _share(in_progress, issued)
    other_share = (
        _share(issued - fulfilled - in_progress, issued) if None not in (issued, fulfilled, in_progress) else None
    )
    known = [s for s in (fulfilled_share, in_progress_share, other_share) if s is not None]
    unknown_share = None if not issued else max(0.0, 1.0 - sum(known))
    return {
        "fulfilled_share": fulfilled_share,
        "in_progress_share": in_progress_share,
        "other_share": other_share,
        "unknown_share": unknown_share,
    }


@cached
def fulfilment_by_agency(lang: str, agency: str | None = None) -> pd.DataFrame:
    """Issued, fulfilled, in progress and the fulfilment share per issuing body and agency, nationally.

    One row per (body, agency) of the latest period, with a row per body for all its agencies
    (`agency` missing) where the report gives one. `agency` keeps only that agency's rows.
    Columns: period, category (body), category_name, agency, agency_name, agency_short, issued,
    fulfilled, in_progress, fulfilled_share, in_progress_share, other_share, unknown_share,
    source_lines, sources ((reference, line) pairs), notes.
    """
    long = _latest_counts(lang, COUNT_INDICATORS, ISSUING_BODIES, national_only=True, agency=agency)
    wide = _pivot(long, ["period", "category", "agency"])
    # Bodies in a fixed order (NPM, Ombudsman, representatives); within a body the total first.
    wide["body_order"] = wide["category"].map({code: i for i, code in enumerate(ISSUING_BODIES)})
    wide["is_total"] = wide["agency"].isna()
    wide = wide.sort_values(["body_order", "is_total", "order"], ascending=[True, False, True])
    return wide.drop(columns=["body_order", "is_total"]).reset_index(drop=True)


@cached
def printed_npm_shares(lang: str) -> pd.DataFrame:
    """The NPM fulfilment percentages as printed in the text above Table 3 (national and three regions)."""
    lang = lang_or_default(lang)
    frame = _typed(read_frame(_counts_statement(lang, (PRINTED_SHARE,)), LONG_COLUMNS))
    return frame[frame["status"] == "published"].reset_index(drop=True)


@cached
def region_agency_fulfilment(lang: str) -> pd.DataFrame:
    """Table 3: NPM recommendations sent and fulfilled by region x agency, with the share computed.

    One row per cell of the latest period, including the 'by regions' column (`agency` missing)
    and the 'by ministries' row (`region` missing); cells the release lacks have missing counts.
    `printed_share` (0-1) is the share the report prints for that cell, where it prints one.
    Rows are in the report's order; `row_order` and `column_order` place each cell in the grid.
    """
    long = _latest_counts(lang, ("recs_issued", "recs_fulfilled"), ("body_npm",))
    period = latest_period(long)
    wide = _pivot(long, ["period", "region", "agency"])
    printed = printed_npm_shares(lang)
    printed = printed[(printed["period"] == period) & printed["agency"].isna()]
    by_region = {
        (None if pd.isna(r) else r): (float(v) / 100, int(line))
        for r, v, line in zip(printed["region"], printed["value"], printed["source_line"], strict=True)
    }
    # A printed share belongs to a 'by regions' cell (no agency): a region's, or the national one.
    quoted = [
        by_region.get(None if pd.isna(r) else r) if pd.isna(a) else None
        for r, a in zip(wide["region"], wide["agency"], strict=True)
    ]
    wide["printed_share"] = pd.array([q[0] if q else None for q in quoted], dtype="Float64")
    wide["printed_source_line"] = pd.array([q[1] if q else None for q in quoted], dtype="Int64")
    regions = {
        r: i for i, r in enumerate(r for r in dict.fromkeys(wide.sort_values("order")["region"]) if not pd.isna(r))
    }
    agencies = {
        a: i for i, a in enumerate(a for a in dict.fromkeys(wide.sort_values("order")["agency"]) if not pd.isna(a))
    }
    # The totals come last, as in the report: 'by regions' column, 'by ministries' row.
    wide["row_order"] = [len(regions) if pd.isna(r) else regions[r] for r in wide["region"]]
    wide["column_order"] = [len(agencies) if pd.isna(a) else agencies[a] for a in wide["agency"]]
    return wide.sort_values(["row_order", "column_order"]).reset_index(drop=True)


@cached
def ombudsman_visits(lang: str, agency: str | None = None) -> pd.DataFrame:
    """The Ombudsman's own visits one by one, in order: month, institution, region, agency, recommendations,
    people received in person (`persons_received`, with the report line giving it: `persons_received_line`).

    `recommendations_issued` and `persons_received` are missing where the report gives no number for a visit.
    """
    lang = lang_or_default(lang)
    v, r, a = schema.ombudsman_visit, schema.region, schema.agency
    statement = (
        select(
            v.c.code,
            v.c.visit_month,
            v.c.region,
            r.c[f"name_{lang}"].label("region_name"),
            v.c[f"institution_{lang}"].label("institution"),
            v.c.agency,
            a.c[f"short_{lang}"].label("agency_short"),
            a.c[f"name_{lang}"].label("agency_name"),
            v.c.facility_type,
            v.c.recommendations_issued,
            v.c.source_line,
            v.c.persons_received,
            v.c.persons_received_line,
        )
        .outerjoin(r, r.c.code == v.c.region)
        .outerjoin(a, a.c.code == v.c.agency)
        .order_by(v.c.visit_month, v.c.code)
    )
    if agency is not None:
        statement = statement.where(v.c.agency == agency)
    frame = read_frame(statement)
    frame["recommendations_issued"] = frame["recommendations_issued"].astype("Float64")
    frame["persons_received"] = frame["persons_received"].astype("Float64")
    for column in ("source_line", "persons_received_line"):
        frame[column] = frame[column].astype("Int64")
    return frame


@cached
def ombudsman_totals(lang: str) -> dict:
    """The Ombudsman's visits and recommendations in total: the per-visit sum against the report's totals.

    Keys: visits, visits_with_count, per_visit_sum, issued, fulfilled, in_progress, fulfilled_share,
    in_progress_share, sums_agree (per-visit sum equals the reported total), source_lines, notes.
    """
    visits = ombudsman_visits(lang)
    own = _latest_counts(lang, COUNT_INDICATORS, ("body_ombudsman",), national_only=True)
    totals = {name: own.loc[own["indicator"] == code, "value"].sum(min_count=1) for code, name in COUNT_COLUMNS.items()}
    totals = {k: None if pd.isna(v) else float(v) for k, v in totals.items()}
    per_visit = visits["recommendations_issued"].sum(min_count=1)
    per_visit_sum = None if pd.isna(per_visit) else float(per_visit)
    return {
        "visits": len(visits),
        "visits_abroad": int(visits["region"].isna().sum()),
        "visits_with_count": int(visits["recommendations_issued"].notna().sum()),
        "per_visit_sum": per_visit_sum,
        **totals,
        "fulfilled_share": _share(totals["fulfilled"], totals["issued"]),
        "in_progress_share": _share(totals["in_progress"], totals["issued"]),
        "sums_agree": per_visit_sum is not None and totals["issued"] is not None and per_visit_sum == totals["issued"],
        "source_lines": sorted({int(x) for x in [*visits["source_line"].dropna(), *own["source_line"].dropna()]}),
        "notes": list(dict.fromkeys(own["note_text"].dropna())),
    }


def status_date_precision(status_date: dt.date | None, issued: dt.date | None, issued_precision: str | None) -> str:
    """How precisely a status date is known: a status dated on the issue date is as precise as that
    (the report dates its recommendations by year only); a later status date is a day."""
    if status_date is not None and issued is not None and status_date == issued and issued_precision:
        return issued_precision
    return "day"


@cached
def recommendation_tracker(lang: str, agency: str | None = None, status: str | None = None) -> pd.DataFrame:
    """The report's recommendations, one row each: text in `lang`, addressees, issued, status, status date, source.

    `addressees` is a tuple of agency codes, `addressee_names` / `addressee_shorts` their names in `lang`;
    `issued_precision` (from the release) / `status_date_precision` say how precisely a date is known
    (`day`, `month` or `year`: the report dates its recommendations by year only).
    `agency` keeps recommendations addressed to it; `status` keeps those with that current status.
    """
    lang = lang_or_default(lang)
    rec, ra, a = schema.recommendation, schema.recommendation_addressee, schema.agency
    frame = read_frame(
        select(
            rec.c.code,
            rec.c.issuer,
            rec.c[f"text_{lang}"].label("text"),
            rec.c.issued,
            rec.c.issued_precision,
            rec.c.status,
            rec.c.status_date,
            rec.c.source_line,
            rec.c.source_ref,
        ).order_by(rec.c.source_line, rec.c.code)
    )
    addressees = read_frame(
        select(ra.c.recommendation, ra.c.agency, a.c[f"short_{lang}"].label("short"), a.c[f"name_{lang}"].label("name"))
        .join(a, a.c.code == ra.c.agency)
        .order_by(ra.c.recommendation, ra.c.agency)
    )
    # Each recommendation's addressees gathered in one pass (a pandas selection per recommendation was slow).
    by_code: dict[str, tuple[list, list, list]] = {}
    for code, agency_code, short, name in zip(
        addressees["recommendation"], addressees["agency"], addressees["short"], addressees["name"], strict=True
    ):
        codes, shorts, names = by_code.setdefault(code, ([], [], []))
        codes.append(agency_code)
        shorts.append(short)
        names.append(name)
    none: tuple[list, list, list] = ([], [], [])
    frame["addressees"] = [tuple(by_code.get(c, none)[0]) for c in frame["code"]]
    frame["addressee_shorts"] = [tuple(by_code.get(c, none)[1]) for c in frame["code"]]
    frame["addressee_names"] = [tuple(by_code.get(c, none)[2]) for c in frame["code"]]
    frame["status_date_precision"] = [
        status_date_precision(d, i, p)
        for d, i, p in zip(frame["status_date"], frame["issued"], frame["issued_precision"], strict=True)
    ]
    frame["is_open"] = frame["status"].isin(OPEN_STATUSES)
    frame["source_line"] = frame["source_line"].astype("Int64")
    if agency is not None:
        frame = frame[[agency in codes for codes in frame["addressees"]]]
    if status is not None:
        frame = frame[frame["status"] == status]
    return frame.reset_index(drop=True)


def status_history(code: str | None = None) -> pd.DataFrame:
    """Every status a recommendation has had, release by release (kept across imports), oldest first.

    Not cached: the cache is keyed by the current release, but the history outlives releases
    (going back to an earlier release must not bring back the history as it was then).

    Columns: recommendation, status, status_date, status_date_precision, release_version.
    """
    h, rec = schema.recommendation_status_history, schema.recommendation
    statement = (
        select(
            h.c.recommendation, h.c.status, h.c.status_date, h.c.release_version, rec.c.issued, rec.c.issued_precision
        )
        .outerjoin(rec, rec.c.code == h.c.recommendation)
        .order_by(h.c.recommendation, h.c.status_date, h.c.id)
    )
    if code is not None:
        statement = statement.where(h.c.recommendation == code)
    frame = read_frame(statement)
    frame["status_date_precision"] = [
        status_date_precision(d, i, p)
        for d, i, p in zip(frame["status_date"], frame["issued"], frame["issued_precision"], strict=True)
    ]
    return frame.drop(columns=["issued", "issued_precision"])


@cached
def recommendation_codes() -> tuple[str, ...]:
    """The codes of every recommendation of the current release, for validating `?rec=`."""
    rec = schema.recommendation
    return tuple(read_frame(select(rec.c.code).order_by(rec.c.code))["code"])


@cached
def page_agencies(lang: str) -> pd.DataFrame:
    """The state bodies this page has anything about (counts, visits or addressed recommendations), by name."""
    lang = lang_or_default(lang)
    o, v, ra, a = schema.observation, schema.ombudsman_visit, schema.recommendation_addressee, schema.agency
    used = (
        select(o.c.agency.label("code"))
        .where(o.c.indicator.in_(COUNT_INDICATORS), o.c.category.in_(ISSUING_BODIES), o.c.agency.is_not(None))
        .union(select(v.c.agency).where(v.c.agency.is_not(None)), select(ra.c.agency))
        .subquery()
    )
    return read_frame(
        select(a.c.code, a.c[f"name_{lang}"].label("name"), a.c[f"short_{lang}"].label("short"))
        .join(used, used.c.code == a.c.code)
        .order_by(a.c[f"name_{lang}"])
    )


@cached
def notes_for_lines(lang: str, first: int, last: int) -> pd.DataFrame:
    """Data notes about report lines `first`..`last` (for tables without a note column: visits, recommendations)."""
    lang = lang_or_default(lang)
    n = schema.data_note
    return read_frame(
        select(n.c.code, n.c.source_line, n.c[f"text_{lang}"].label("text"))
        .where(n.c.source_line.between(first, last))
        .order_by(n.c.source_line, n.c.code)
    )
