"""The page's tables: fulfilment by issuing body and state body, Table 3 by region, the Ombudsman's visits
and the tracker's recommendations, each as a card shows it and as it is downloaded."""

from __future__ import annotations

import pandas as pd

from components.datasets import CardData, Column, register_dataset, sources_from
from components.formatting import format_date, is_missing
from components.i18n import N_, translator
from data_access.queries.recommendations import (
    fulfilment_by_agency,
    notes_for_lines,
    ombudsman_visits,
    recommendation_tracker,
    region_agency_fulfilment,
)
from data_access.queries.upr import report_recommendations
from data_access.queries.visits import MANDATE_YEARS, mandate_pace, visit_years
from data_access.vocabulary import GROUP_LABELS, STATUS_LABELS

from .params import AGENCY_AND_STATUS, AGENCY_ONLY, download_filters

BODY_LABELS = {
    "body_npm": N_("NPM"),
    "body_ombudsman": N_("Ombudsman"),
    "body_regional_reps": N_("Regional representatives"),
}
# The tracker's recommendations cite this section of the report as their source; the catalogue translates it.
SECTION_NAMES = (N_("Conclusions and recommendations"),)


def lines_frame(lines: list[int] | tuple[int, ...], ref: str = "text") -> pd.DataFrame:
    """A frame `sources_from` can read, for figures that come from given report lines."""
    return pd.DataFrame({"source_ref": [ref] * len(lines), "source_line": list(lines)})


def _sources(frame: pd.DataFrame, lang: str) -> list[str]:
    """Sources of a wide frame whose rows carry `sources`: (reference, line) pairs."""
    pairs = [pair for row_pairs in frame["sources"] for pair in row_pairs]
    if not pairs:
        return []
    return sources_from(pd.DataFrame(pairs, columns=["source_ref", "source_line"]), lang)


def _notes(frame: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(note for notes in frame["notes"] for note in notes))


def cell_names(frame: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    """The names of Table 3's rows and columns: a region or all regions, a state body or all of them."""
    _ = translator(lang)
    regions = [_("All regions") if is_missing(r) else r for r in frame["region_short"]]
    agencies = [_("All state bodies") if is_missing(a) else a for a in frame["agency_short"]]
    return regions, agencies


def date_text(value: object, precision: str, lang: str) -> str:
    """A date as precise as the report gives it, or 'not given'."""
    return format_date(value, lang, precision) if not is_missing(value) else translator(lang)("not given")


@register_dataset("recommendations.fulfilment", params=AGENCY_ONLY)
def fulfilment_data(lang: str, agency: str | None = None) -> CardData:
    """Issued, fulfilled, in progress and the shares, per issuing body and state body."""
    _ = translator(lang)
    frame = fulfilment_by_agency(lang, download_filters(AGENCY_ONLY, lang, agency=agency).agency).copy()
    frame["body"] = [_(BODY_LABELS[code]) for code in frame["category"]]
    frame["agency_label"] = [_("all state bodies") if is_missing(name) else name for name in frame["agency_name"]]
    columns = [
        Column("body", _("Issuing body")),
        Column("agency_label", _("State body")),
        Column("period", _("Year")),
        Column("issued", _("Issued"), "recommendations"),
        Column("fulfilled", _("Fulfilled"), "recommendations"),
        Column("in_progress", _("In progress"), "recommendations"),
        Column("fulfilled_share", _("Fulfilled share"), "share"),
        Column("in_progress_share", _("In-progress share"), "share"),
    ]
    return CardData(
        frame,
        columns,
        caption=_("Recommendations issued after visits and how many were fulfilled, by issuing body and state body"),
        sources=_sources(frame, lang),
        notes=_notes(frame),
    )


@register_dataset("recommendations.table3")
def table3_data(lang: str) -> CardData:
    """Table 3 cell by cell: NPM recommendations sent and fulfilled, the share computed and the share printed."""
    _ = translator(lang)
    frame = region_agency_fulfilment(lang).copy()
    frame["region_label"], frame["agency_label"] = cell_names(frame, lang)
    columns = [
        Column("region_label", _("Region")),
        Column("agency_label", _("State body")),
        Column("issued", _("Sent"), "recommendations"),
        Column("fulfilled", _("Fulfilled"), "recommendations"),
        Column("fulfilled_share", _("Fulfilled share"), "share"),
        Column("printed_share", _("Share as printed in the report"), "share"),
    ]
    printed = frame.dropna(subset=["printed_source_line"])
    sources = _sources(frame, lang) + sources_from(lines_frame(sorted(set(printed["printed_source_line"]))), lang)
    return CardData(
        frame,
        columns,
        caption=_("NPM recommendations sent and fulfilled, by region and state body (Table 3)"),
        sources=list(dict.fromkeys(sources)),
        notes=_notes(frame),
    )


@register_dataset("recommendations.visits", params=AGENCY_ONLY)
def visits_data(lang: str, agency: str | None = None) -> CardData:
    """The Ombudsman's 2025 visits one by one: month, institution, region, state body, recommendations issued."""
    _ = translator(lang)
    frame = ombudsman_visits(lang, download_filters(AGENCY_ONLY, lang, agency=agency).agency).copy()
    frame["month"] = [format_date(m, lang, "month") for m in frame["visit_month"]]
    frame["region_label"] = [_("outside Kazakhstan") if is_missing(r) else r for r in frame["region_name"]]
    frame["agency_label"] = [("" if is_missing(a) else a) for a in frame["agency_short"]]
    columns = [
        Column("month", _("Month")),
        Column("institution", _("Institution")),
        Column("region_label", _("Region")),
        Column("agency_label", _("State body")),
        Column("recommendations_issued", _("Recommendations issued"), "recommendations"),
        # Abroad the Ombudsman met citizens rather than receiving them: the data note on line 1398 says so.
        Column("persons_received", _("People received in person (abroad: met)"), "persons"),
    ]
    lines = [int(x) for x in frame["source_line"].dropna()]
    notes = notes_for_lines(lang, min(lines), max(lines)) if lines else pd.DataFrame(columns=["text"])
    return CardData(
        frame,
        columns,
        caption=_("The Ombudsman's visits in 2025, by month"),
        sources=sources_from(lines_frame(lines), lang),
        notes=list(notes["text"]),
    )


@register_dataset("recommendations.tracker", params=AGENCY_AND_STATUS)
def tracker_data(lang: str, agency: str | None = None, status: str | None = None) -> CardData:
    """The report's recommendations with addressees, dates, status and source, as listed in the tracker."""
    _ = translator(lang)
    filters = download_filters(AGENCY_AND_STATUS, lang, agency=agency, status=status)
    frame = recommendation_tracker(lang, filters.agency, filters.status).copy()
    frame["addressees_text"] = [", ".join(names) for names in frame["addressee_names"]]
    frame["issued_text"] = [
        date_text(d, p, lang) for d, p in zip(frame["issued"], frame["issued_precision"], strict=True)
    ]
    frame["status_label"] = [_(STATUS_LABELS[s]) for s in frame["status"]]
    frame["status_date_text"] = [
        date_text(d, p, lang) for d, p in zip(frame["status_date"], frame["status_date_precision"], strict=True)
    ]
    frame["source_text"] = [  # one line each: its `Source`, which the tracker shows as a link
        sources_from(lines_frame([line], ref), lang)[0] if not is_missing(line) else ""
        for line, ref in zip(frame["source_line"], frame["source_ref"], strict=True)
    ]
    columns = [
        Column("code", _("Code")),
        Column("text", _("Recommendation")),
        Column("addressees_text", _("Addressed to")),
        Column("issued_text", _("Issued")),
        Column("status_label", _("Status")),
        Column("status_date_text", _("Status date")),
        Column("source_text", _("Source")),
    ]
    lines = [int(x) for x in frame["source_line"].dropna()]
    notes = notes_for_lines(lang, min(lines), max(lines)) if lines else pd.DataFrame(columns=["text"])
    return CardData(
        frame,
        columns,
        caption=_("The report's recommendations to state bodies"),
        sources=sources_from(frame, lang),
        notes=list(notes["text"]),
    )


def agency_recommendations(lang: str, agency: str | None) -> pd.DataFrame:
    """The report's closing recommendations addressed to `agency` (all of them for None), with `status_group`."""
    frame = report_recommendations(lang)
    if agency is not None:
        frame = frame[[agency in codes for codes in frame["addressees"]]]
    return frame.reset_index(drop=True)


@register_dataset("recommendations.ministry_open", params=AGENCY_ONLY)
def ministry_open_data(lang: str, agency: str | None = None) -> CardData:
    """The report's closing recommendations to a state body not fulfilled yet: open or assessed as not fulfilled."""
    _ = translator(lang)
    frame = agency_recommendations(lang, download_filters(AGENCY_ONLY, lang, agency=agency).agency)
    frame = frame[frame["status_group"] != "fulfilled"].copy()
    frame["status_label"] = [_(GROUP_LABELS[group]) for group in frame["status_group"]]
    columns = [
        Column("code", _("Code")),
        Column("text", _("Recommendation")),
        Column("status_label", _("Status")),
        Column("addressees_text", _("Addressed to")),
    ]
    return CardData(
        frame,
        columns,
        caption=_("The report's recommendations to this state body that are not fulfilled yet"),
        sources=sources_from(frame, lang),
        notes=list(dict.fromkeys(frame["note_text"].dropna())),
    )


def latest_visit_year(lang: str) -> int | None:
    """The latest year with national visit figures (the /visits page's default year)."""
    years = visit_years(lang)
    return years[-1] if years else None


@register_dataset("recommendations.ministry_visits", params=AGENCY_ONLY)
def ministry_visits_data(lang: str, agency: str | None = None) -> CardData:
    """A ministry's mandated facilities, the NPM's visits to them in the latest year and the years to visit each once."""
    _ = translator(lang)
    agency = download_filters(AGENCY_ONLY, lang, agency=agency).agency
    year = latest_visit_year(lang)
    columns = [
        Column("agency_name", _("Ministry")),
        Column("mandated", _("Mandated facilities"), "facilities"),
        Column("visits", _("NPM visits in {year}").format(year=year), "visits"),
        Column("years_to_visit_all", _("Years to visit every facility once (at least)"), "years"),
        Column("beyond_text", _("Against the four-year mandate")),
    ]
    caption = _("Mandated facilities and NPM visits, {year}").format(year=year)
    if year is None:
        return CardData(pd.DataFrame(columns=[c.key for c in columns]), columns, caption)
    pace = mandate_pace(lang, year, "npm")
    frame, inputs = pace.frame, pace.inputs
    if agency is not None:
        frame, inputs = frame[frame["agency"] == agency], inputs[inputs["agency"] == agency]
    frame = frame.copy()
    frame["beyond_text"] = [
        _("more than {n} years").format(n=MANDATE_YEARS)
        if beyond
        else (_("within {n} years").format(n=MANDATE_YEARS) if not is_missing(years) else "")
        for beyond, years in zip(frame["beyond_mandate"], frame["years_to_visit_all"], strict=True)
    ]
    pace_note = _(
        "Years at this pace = mandated facilities ÷ NPM visits a year. A facility can be visited more than once a year, so this is the shortest possible time."
    )
    notes = list(dict.fromkeys(inputs["note_text"].dropna())) if "note_text" in inputs else []
    return CardData(
        frame.reset_index(drop=True),
        columns,
        caption,
        sources=sources_from(inputs, lang),
        notes=[pace_note, *notes],
        period=str(year),
    )
