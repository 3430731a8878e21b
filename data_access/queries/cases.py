"""Case outcomes: complaints, registrations, investigations, court, convictions and compensation.

Every figure comes from the observations of the current release. Sums over
years, shares and amounts per victim are computed here and marked `derived`;
a two-year span is never split into years, and a span is summed from years
only when every one of its years is published on its own.
"""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from .meta import categories, indicators
from .observations import national, observations

# The stages of the criminal process the report counts, in the order a complaint could pass them.
# Each counts a different thing (complaints, records, offences, cases, persons) in a different register.
STAGES = (
    ("complaints", "complaints_received"),
    ("info_book", "info_book_entries"),
    ("registered", "registered_torture_offences"),
    ("registered_art146", "registered_offences_art146"),
    ("court", "cases_sent_to_court"),
    ("convicted", "persons_convicted"),
)
# Series over time, with the indicator of the total the report prints for them (if any).
TRENDS = (
    (
        "discontinued",
        "investigations_discontinued_exonerating",
        "investigations_discontinued_exonerating_total_printed",
    ),
    ("suspended", "investigations_suspended", "investigations_suspended_total_printed"),
    ("court", "cases_sent_to_court", None),
    ("convicted", "persons_convicted", "persons_convicted_total_printed"),
)
COMPENSATION = ("compensation_victims", "compensation_paid_tenge", "compensation_amount_mci")
# The 2024 proposal to raise the compensation (line 1141): the amount it starts from and the amount proposed.
COMPENSATION_PROPOSAL = "compensation_proposal_mci"
PROPOSAL_FROM, PROPOSAL_TO = "proposal_amount_from", "proposal_amount_to"
COMPLAINTS = "complaints_received"
COMPLAINT_BREAKDOWNS = ("complaints_received", "complaints_considered")

STAGE_COLUMNS = [
    "stage", "indicator", "indicator_name", "unit", "period", "value", "status",
    "source_ref", "source_lines", "note_texts", "instead_kind", "instead_period", "instead_value",
]  # fmt: skip


def parse_period(period: str) -> tuple[int, int] | None:
    """(first year, last year) of '2025' or '2021-2022'; None for anything else."""
    if not isinstance(period, str):
        return None
    parts = period.split("-")
    if len(parts) not in (1, 2) or not all(part.isdigit() and len(part) == 4 for part in parts):
        return None
    start, end = int(parts[0]), int(parts[-1])
    return (start, end) if start <= end else None


def _published(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["status"] == "published") & frame["value"].notna()]


def _lines(frame: pd.DataFrame) -> list[int]:
    return sorted({int(line) for line in frame["source_line"].dropna()})


def _notes(frame: pd.DataFrame) -> list[str]:
    return [str(text) for text in dict.fromkeys(frame["note_text"].dropna())]


def _all_observations(lang: str) -> pd.DataFrame:
    codes = {code for _, code in STAGES} | {code for _, code, _ in TRENDS} | {p for _, _, p in TRENDS if p}
    return observations(lang, indicator=tuple(sorted(codes)), whole_country=True)


@cached
def case_periods() -> list[str]:
    """Every period the stage view can show: each year the case figures cover, then each span the report gives."""
    frame = national(_all_observations("en"))
    if frame.empty:
        return []
    # Printed totals span the whole range; they are checks, not periods of their own.
    frame = frame[~frame["indicator"].str.endswith("_total_printed")]
    years = [str(year) for year in range(int(frame["period_start"].min()), int(frame["period_end"].max()) + 1)]
    spans = sorted({p for p in frame["period"] if "-" in p})
    return years + spans


def _stage_value(series: pd.DataFrame, start: int, end: int) -> dict:
    """The value of one series for [start, end]: as published, summed from its years, or not published.

    When there is no value, the figure the report gives instead is named (`instead_*`):
    for a year, the span it belongs to (`instead_kind` 'span'), so nobody reads a
    two-year total as one year's; for a span, the latest of its years published
    alone ('part'), which is never added up into a span total it does not cover.
    """
    published = _published(series)
    exact = published[(published["period_start"] == start) & (published["period_end"] == end)]
    if len(exact):
        return {"value": float(exact["value"].iloc[0]), "status": "published", "rows": exact}
    single_years = published[published["period_start"] == published["period_end"]]
    if end > start:
        years = single_years[single_years["period_start"].between(start, end)]
        if sorted(years["period_start"]) == list(range(start, end + 1)):
            return {"value": float(years["value"].sum()), "status": "derived", "rows": years}
        instead, kind = years.sort_values("period_start").iloc[-1:], "part"
    else:
        spans = published[published["period_end"] > published["period_start"]]
        instead, kind = spans[(spans["period_start"] <= start) & (spans["period_end"] >= end)].iloc[:1], "span"
    if len(instead):
        row = instead.iloc[0]
        return {
            "value": None,
            "status": "not_published",
            "rows": instead,
            "instead_kind": kind,
            "instead_period": row["period"],
            "instead_value": float(row["value"]),
        }
    return {"value": None, "status": "not_published", "rows": series.iloc[0:0]}


@cached
def stage_values(lang: str, period: str) -> pd.DataFrame:
    """One row per stage for `period` (a year or a span): value, status, unit, where it comes from.

    `status` is `published`, `derived` (a span summed from its published years)
    or `not_published`; a stage without a value for `period` names what the
    report gives instead in `instead_kind` ('span' or 'part'), `instead_period`
    and `instead_value`.
    `source_lines` and `note_texts` are lists (a derived value has several rows).
    """
    bounds = parse_period(period)
    if bounds is None:
        raise ValueError(f"not a year or span: {period!r}")
    frame = national(_all_observations(lang))
    names = indicators(lang).set_index("code")
    rows = []
    for stage, code in STAGES:
        found = _stage_value(frame[frame["indicator"] == code], *bounds)
        used = found["rows"]
        rows.append({
            "stage": stage,
            "indicator": code,
            "indicator_name": names.at[code, "name"] if code in names.index else code,
            "unit": names.at[code, "unit"] if code in names.index else "",
            "period": period,
            "value": found["value"],
            "status": found["status"],
            "source_ref": used["source_ref"].iloc[0] if len(used) else None,
            "source_lines": _lines(used),
            "note_texts": _notes(used),
            "instead_kind": found.get("instead_kind"),
            "instead_period": found.get("instead_period"),
            "instead_value": found.get("instead_value"),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=STAGE_COLUMNS)


@cached
def trend_series(lang: str) -> pd.DataFrame:
    """The yearly (or two-year) values of discontinued, suspended, sent to court and convicted, as published.

    Columns of `observations` plus `series` (the key in TRENDS) and `is_span`.
    Printed totals are left out (see `period_totals`).
    """
    frame = national(_all_observations(lang))
    out = []
    for key, code, _printed in TRENDS:
        part = frame[frame["indicator"] == code].copy()
        part["series"] = key
        out.append(part)
    result = pd.concat(out, ignore_index=True)
    result["is_span"] = result["period_end"] > result["period_start"]
    return result


class _Rows:
    """What a total needs of each row of a frame, as plain lists (pandas selections per total were the cost)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.values = frame["value"].array
        self.refs = frame["source_ref"].tolist()
        self.lines = [None if pd.isna(line) else int(line) for line in frame["source_line"]]
        self.notes = [None if pd.isna(text) else str(text) for text in frame["note_text"]]


def _sources(parts: list[tuple[_Rows, list[int]]]) -> tuple[str | None, list[int], list[str]]:
    """The first source reference, the source lines and the notes of the rows at `positions`, part after part."""
    refs = [rows.refs[i] for rows, positions in parts for i in positions]
    lines = sorted({rows.lines[i] for rows, positions in parts for i in positions if rows.lines[i] is not None})
    notes = [rows.notes[i] for rows, positions in parts for i in positions if rows.notes[i] is not None]
    return (refs[0] if refs else None), lines, list(dict.fromkeys(notes))


class _Contiguous:
    """Totals of one series over [start, end]: its published rows sorted by first year once, then summed per range.

    Each range used to filter and sort the whole series again; a release with many
    printed totals (one a period) made that quadratic.
    """

    def __init__(self, series: pd.DataFrame) -> None:
        # Stable: when a total is found its periods do not overlap, so no two share a first year and
        # the order is the one any sort gives.
        published = _published(series).sort_values("period_start", kind="stable")
        self.rows = _Rows(published)
        self.starts = [int(year) for year in published["period_start"]]
        self.ends = [int(year) for year in published["period_end"]]

    def total(self, start: int | None = None, end: int | None = None) -> dict | None:
        """Sum of published, non-overlapping periods that cover [start, end] year by year; None if any year is missing.

        Without `start` / `end`, the series' whole published range. `positions` are the rows summed,
        in order of their first year (positions in `rows`).
        """
        if not self.starts:
            return None
        start = min(self.starts) if start is None else start
        end = max(self.ends) if end is None else end
        inside = [i for i, (s, e) in enumerate(zip(self.starts, self.ends, strict=True)) if s >= start and e <= end]
        covered = [year for i in inside for year in range(self.starts[i], self.ends[i] + 1)]
        if covered != list(range(start, end + 1)):
            return None
        # Summed as pandas sums the column (same order, same arithmetic).
        return {"start": start, "end": end, "value": float(self.rows.values[inside].sum()), "positions": inside}


@cached
def period_totals(lang: str) -> pd.DataFrame:
    """Totals over several years computed from the yearly values, beside the total the report prints.

    One row per series over its whole published range, and one per printed total
    (over the printed total's period). `computed` is the sum of the periods
    (a span counted whole, never split); `printed` is the report's own total or
    missing; `agrees` says whether they match. The printed total's data note
    (e.g. a lost leading digit) travels with the row.
    """
    frame = national(_all_observations(lang))
    names = indicators(lang).set_index("code")
    rows = []
    for key, code, printed_code in TRENDS:
        series = frame[frame["indicator"] == code]
        printed = _published(frame[frame["indicator"] == printed_code]) if printed_code else frame.iloc[0:0]
        totals = _Contiguous(series)
        full = totals.total()
        printed_rows = _Rows(printed)
        printed_periods = list(zip(printed["period_start"].astype(int), printed["period_end"].astype(int), strict=True))
        # The printed rows of each period, in their order, found once rather than by a filter a period.
        printed_at: dict[tuple[int, int], list[int]] = {}
        for position, period in enumerate(printed_periods):
            printed_at.setdefault(period, []).append(position)
        wanted = ([(full["start"], full["end"])] if full else []) + printed_periods
        for start, end in dict.fromkeys(wanted):
            total = totals.total(start, end)
            printed_here = printed_at.get((start, end), [])
            computed = total["value"] if total else None
            printed_value = float(printed_rows.values[printed_here[0]]) if printed_here else None
            # The rows used: the summed periods, then the printed total.
            used = [(totals.rows, total["positions"])] if total else []
            source_ref, lines, notes = _sources([*used, (printed_rows, printed_here)])
            _, _, printed_notes = _sources([(printed_rows, printed_here)])
            rows.append({
                "series": key,
                "indicator": code,
                "indicator_name": names.at[code, "name"] if code in names.index else code,
                "unit": names.at[code, "unit"] if code in names.index else "",
                "period": f"{start}-{end}",
                "computed": computed,
                "printed": printed_value,
                "agrees": None if computed is None or printed_value is None else computed == printed_value,
                "status": "derived" if computed is not None else "not_published",
                "source_ref": source_ref,
                "source_lines": lines,
                "note_texts": printed_notes + [t for t in notes if t not in printed_notes],
            })  # fmt: skip
    return pd.DataFrame(rows)


@cached
def compensation_by_year(lang: str) -> pd.DataFrame:
    """Per year: victims paid, tenge paid and tenge per victim (computed), with sources and notes.

    A year with either count not published gets no amount per victim.
    """
    frame = national(observations(lang, indicator=COMPENSATION[:2]))
    if frame.empty:
        return pd.DataFrame(
            columns=["period", "victims", "paid_tenge", "per_victim", "source_ref", "source_lines", "note_texts"]
        )
    rows = []
    for period, group in frame.groupby("period", sort=True):
        published = _published(group).set_index("indicator")
        victims = published["value"].get("compensation_victims")
        paid = published["value"].get("compensation_paid_tenge")
        rows.append({
            "period": period,
            "period_start": int(group["period_start"].iloc[0]),
            "period_end": int(group["period_end"].iloc[0]),
            "victims": None if victims is None else float(victims),
            "paid_tenge": None if paid is None else float(paid),
            # Rounded to the tiyn, the smallest unit of the tenge.
            "per_victim": round(float(paid) / float(victims), 2) if victims and paid is not None else None,
            "source_ref": group["source_ref"].iloc[0],
            "source_lines": _lines(group),
            "note_texts": _notes(group),
        })  # fmt: skip
    return pd.DataFrame(rows).sort_values("period_start", ignore_index=True)


@cached
def compensation_rule(lang: str) -> dict | None:
    """The compensation per victim the law sets, as the report states it (MCI), with source and note; None if absent."""
    frame = _published(national(observations(lang, indicator=COMPENSATION[2])))
    if frame.empty:
        return None
    row = frame.sort_values("period_end").iloc[-1]
    return {
        "value": float(row["value"]),
        "period": row["period"],
        "unit": row["unit"],
        "source_ref": row["source_ref"],
        "source_line": None if pd.isna(row["source_line"]) else int(row["source_line"]),
        "note_text": None if pd.isna(row["note_text"]) else row["note_text"],
    }


@cached
def compensation_proposal(lang: str) -> dict | None:
    """The latest proposal to change the compensation: period, amount from and to (MCI), unit, rows; None if absent.

    `rows` are its observations (for sources and notes: the note says whether it was implemented).
    """
    # Whole-country rows; the category says which amount.
    frame = _published(observations(lang, indicator=COMPENSATION_PROPOSAL, whole_country=True))
    if frame.empty:
        return None
    period = frame.sort_values(["period_end", "period_start"])["period"].iloc[-1]
    rows = frame[frame["period"] == period]
    amounts = rows.set_index("category")["value"]
    if PROPOSAL_FROM not in amounts or PROPOSAL_TO not in amounts:
        return None
    return {
        "period": period,
        "from": float(amounts[PROPOSAL_FROM]),
        "to": float(amounts[PROPOSAL_TO]),
        "unit": rows["unit"].iloc[0],
        "rows": rows.reset_index(drop=True),
    }


@cached
def complaint_breakdown(lang: str, period: str | None = None) -> pd.DataFrame:
    """Complaints received in `period` (default: the latest with a breakdown), whole and by each breakdown.

    One row for the total (`group` 'total'), then one per category with its
    `group` (origin, complaint_kind, body). `share` is the category's value over
    the total of the same period, computed; categories of different groups
    overlap and must never be added together.
    """
    frame = _published(observations(lang, indicator=COMPLAINT_BREAKDOWNS))
    frame = frame[frame[["region", "agency", "facility_type"]].isna().all(axis=1)]
    with_category = frame[frame["category"].notna()]
    if period is None:
        if with_category.empty:
            return pd.DataFrame()
        period = with_category.sort_values("period_end")["period"].iloc[-1]
    frame = frame[frame["period"] == period]
    total_rows = frame[(frame["indicator"] == COMPLAINTS) & frame["category"].isna()]
    total = float(total_rows["value"].iloc[0]) if len(total_rows) else None
    groups = categories(lang).set_index("code")["group"]
    result = frame.copy()
    result["group"] = [("total" if pd.isna(c) else groups.get(c, "other")) for c in result["category"]]
    result = result[(result["indicator"] == COMPLAINTS) | (result["group"] != "total")]
    result["share"] = [
        float(v) / total if total and g != "total" else None
        for v, g in zip(result["value"], result["group"], strict=True)
    ]
    order = {"total": 0, "origin": 1, "complaint_kind": 2, "body": 3}
    result["order"] = result["group"].map(lambda g: order.get(g, 9))
    return result.sort_values(["order", "category"], na_position="first", ignore_index=True).drop(columns="order")
