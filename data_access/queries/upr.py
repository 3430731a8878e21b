"""The UPR briefing: milestones, key indicators with their trend, the report's open recommendations.

The key indicators are the overview's headline series (same selection, same
latest-and-previous rule), so the briefing quotes exactly the numbers the
other pages show; this module only adds the series behind each trend and the
shares a briefing needs (mandate coverage, NPM fulfilment as printed).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from .. import schema
from ..cache import cached
from ..vocabulary import STATUS_GROUPS
from .base import lang_or_default, read_frame
from .observations import latest_with_previous, observations
from .overview import HEADLINE_SERIES, headline_figures
from .recommendations import recommendation_tracker
from .visits import QueryResult, coverage_against_mandate

# The briefing's indicators, in the order they are shown. Keys shared with the
# overview take their series from HEADLINE_SERIES; the rest are defined here.
KEY_INDICATORS = (
    "complaints", "registered", "discontinued", "convicted",
    "npm_visits", "covered", "recs_fulfilled", "compensation",
)  # fmt: skip
COVERED_INDICATOR = "mandated_facilities_covered"
EXTRA_SERIES = {"discontinued": ("investigations_discontinued_exonerating", None)}
SERIES = {**{key: (indicator, category) for key, indicator, category in HEADLINE_SERIES}, **EXTRA_SERIES}

# The NPM's fulfilment is fulfilled / issued (the overview's share); the report also prints its own rounding.
FULFILMENT_ISSUED_KEY = "recs_issued"
FULFILMENT_PRINTED_INDICATOR = "npm_recs_fulfilled_share_printed"

MILESTONE_KINDS = ("international", "law", "institution", "cat", "upr")
# A data note about dates the timeline leaves out: no milestone row points at
# it (the dates are not in the table), so it is linked here by its code.
MILESTONE_NOTE_CODES = ("opcat_footnote_dates",)
# For a briefing every recommendation that is not fulfilled is open, including one declared not fulfilled.


def _national_series(frame: pd.DataFrame, indicator: str, category: str | None) -> pd.DataFrame:
    """One indicator with no region / agency / facility-type breakdown and the given category."""
    rows = frame[frame["indicator"] == indicator]
    mask = rows[["region", "agency", "facility_type"]].isna().all(axis=1)
    mask &= rows["category"].isna() if category is None else rows["category"].eq(category)
    return rows[mask]


@cached
def indicator_trends(lang: str) -> pd.DataFrame:
    """Every observation (published or not) of each key indicator's series, with its `key`, oldest first."""
    codes = tuple(sorted({SERIES[key][0] for key in KEY_INDICATORS}))
    frame = observations(lang, indicator=codes, whole_country=True)
    parts = []
    for key in KEY_INDICATORS:
        indicator, category = SERIES[key]
        series = _national_series(frame, indicator, category).sort_values(["period_end", "period_start"])
        parts.append(series.assign(key=key))
    return pd.concat(parts, ignore_index=True)


@cached
def key_indicators(lang: str) -> pd.DataFrame:
    """One row per key indicator: latest period and value, previous comparable period and value, change.

    Shared keys are the overview's `headline_figures` rows as they are. Adds
    `earlier_periods` (how many earlier published periods the series has, to
    tell "no earlier figure" from "none comparable"), and on the fulfilment
    row `issued_value` (the NPM recommendations sent that period),
    `fulfilled_share` (computed) and `printed_share` (as the report prints it).
    """
    headline = headline_figures(lang)
    by_key = {row["key"]: row for row in headline.to_dict("records")} if len(headline) else {}
    trends = indicator_trends(lang)
    rows = []
    for key in KEY_INDICATORS:
        series = trends[trends["key"] == key]
        latest = by_key.get(key) if key in by_key else latest_with_previous(series)
        if latest is None:
            continue
        row = {**latest, "key": key}
        published = series[series["status"] == "published"]
        row["earlier_periods"] = int((published["period_end"] < row["period_start"]).sum())
        rows.append(row)
    result = pd.DataFrame(rows)
    if result.empty:
        return result
    for column in ("fulfilled_share", "issued_value", "printed_share"):
        if column not in result:
            result[column] = float("nan")
    fulfilment = npm_fulfilment(lang).set_index("period")
    for index in result.index[result["key"] == "recs_fulfilled"]:
        period = result.at[index, "period"]
        if period in fulfilment.index:
            result.at[index, "issued_value"] = fulfilment.at[period, "issued"]
            result.at[index, "printed_share"] = fulfilment.at[period, "printed_share"]
    return result


@cached
def npm_fulfilment(lang: str) -> pd.DataFrame:
    """NPM recommendations sent and fulfilled per period, the computed share and the share the report prints.

    Columns: period, period_start, period_end, issued, fulfilled, share
    (fulfilled / issued; missing if either is not published), printed_share
    (as a fraction), source_line, source_ref, note_text (one row per period).
    """
    issued_indicator, category = SERIES[FULFILMENT_ISSUED_KEY]
    fulfilled_indicator, _ = SERIES["recs_fulfilled"]
    # Only national rows are used: filtered in SQL, not after reading every region's and agency's rows.
    frame = observations(
        lang, indicator=(issued_indicator, fulfilled_indicator, FULFILMENT_PRINTED_INDICATOR), whole_country=True
    )
    issued = _national_series(frame, issued_indicator, category)
    fulfilled = _national_series(frame, fulfilled_indicator, category)
    printed = _national_series(frame, FULFILMENT_PRINTED_INDICATOR, None)
    keys = ["period", "period_start", "period_end"]
    result = issued[[*keys, "value", "source_line", "source_ref", "note_text"]].rename(columns={"value": "issued"})
    result = result.merge(fulfilled[[*keys, "value"]].rename(columns={"value": "fulfilled"}), on=keys, how="outer")
    result = result.merge(printed[[*keys, "value"]].rename(columns={"value": "printed_share"}), on=keys, how="left")
    result["share"] = (result["fulfilled"] / result["issued"]).where(result["issued"] > 0)
    result["printed_share"] = result["printed_share"] / 100
    return result.sort_values(["period_end", "period_start"]).reset_index(drop=True)


@cached
def mandate_coverage(lang: str) -> QueryResult:
    """The visits page's coverage against the mandate (`coverage_against_mandate`), latest year only.

    One row per total of mandated facilities the report gives (964 in the
    section 5 text, 3,761 in section 6): each gets its share, none is chosen
    silently. `inputs` holds the observations the rows use (sources, notes).
    """
    coverage = coverage_against_mandate(lang)
    inputs = coverage.inputs
    covered = inputs[inputs["indicator"] == COVERED_INDICATOR] if len(inputs) else inputs
    if coverage.frame.empty or covered.empty:
        return QueryResult(coverage.frame.head(0), inputs.head(0))
    latest = covered.sort_values(["period_end", "period_start"])["period"].iloc[-1]
    rows = coverage.frame[coverage.frame["period"] == latest].reset_index(drop=True)
    used = ((inputs["indicator"] == COVERED_INDICATOR) & (inputs["period"] == latest)) | (
        (inputs["indicator"] != COVERED_INDICATOR) & inputs["period"].isin(set(rows["mandated_period"]))
    )
    return QueryResult(rows, inputs[used].reset_index(drop=True))


@cached
def milestones(lang: str, kind: str | None = None) -> pd.DataFrame:
    """The dated milestones (all, or one `kind`), oldest first: code, date, precision, kind, title, source_line."""
    lang = lang_or_default(lang)
    m = schema.milestone
    statement = select(
        m.c.code, m.c.date, m.c.precision, m.c.kind, m.c[f"title_{lang}"].label("title"), m.c.source_line
    ).order_by(m.c.date, m.c.code)
    if kind is not None:
        statement = statement.where(m.c.kind == kind)
    frame = read_frame(statement)
    frame["source_line"] = frame["source_line"].astype("Int64")
    frame["source_ref"] = "text"
    return frame


@cached
def milestone_kinds() -> tuple[str, ...]:
    """The kinds of milestone present in the current release, in the order of MILESTONE_KINDS."""
    m = schema.milestone
    present = set(read_frame(select(m.c.kind).distinct())["kind"])
    return tuple(kind for kind in MILESTONE_KINDS if kind in present) + tuple(sorted(present - set(MILESTONE_KINDS)))


def _notes(lang: str, lines: set[int], codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Data notes that sit on one of `lines` of the report, or have one of `codes`."""
    n = schema.data_note
    condition = n.c.source_line.in_(sorted(lines))
    if codes:
        condition = condition | n.c.code.in_(codes)
    return read_frame(
        select(n.c.code, n.c.source_line, n.c[f"text_{lang}"].label("text")).where(condition).order_by(n.c.code)
    )


@cached
def milestone_notes(lang: str) -> list[str]:
    """The data notes that concern the timeline (on a milestone's line, or about dates it leaves out)."""
    lang = lang_or_default(lang)
    lines = {int(line) for line in milestones(lang)["source_line"].dropna()}
    return list(_notes(lang, lines, MILESTONE_NOTE_CODES)["text"])


@cached
def report_recommendations(lang: str) -> pd.DataFrame:
    """The report's own closing recommendations, from the tracker's query, with what a briefing table needs.

    Adds `addressees_text` (the addressees' names in `lang`, '; '-separated),
    `status_group` ("open", "not_fulfilled" or "fulfilled": `vocabulary.STATUS_GROUPS`) and `note_text` (the data notes on the
    recommendation's report line).
    """
    lang = lang_or_default(lang)
    tracker = recommendation_tracker(lang)
    frame = tracker[tracker["issuer"] == "report"].reset_index(drop=True)
    frame["addressees_text"] = ["; ".join(names) for names in frame["addressee_names"]]
    frame["status_group"] = frame["status"].map(STATUS_GROUPS)  # the site's one vocabulary
    notes = _notes(lang, {int(line) for line in frame["source_line"].dropna()})
    note_by_line = notes.groupby("source_line")["text"].agg(" ".join)
    frame["note_text"] = [note_by_line.get(line) if pd.notna(line) else None for line in frame["source_line"]]
    return frame


def outstanding_recommendations(lang: str) -> pd.DataFrame:
    """The report's recommendations not fulfilled yet: open (proposed, in progress) or assessed as not fulfilled."""
    frame = report_recommendations(lang)
    return frame[frame["status_group"] != "fulfilled"].reset_index(drop=True)
