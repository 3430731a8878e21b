"""The datasets of the visit logs: how many facilities were visited in four years, and which are overdue."""

from __future__ import annotations

import pandas as pd

from components.datasets import CardData, Column, register_dataset
from components.formatting import format_date, format_number, format_percent, is_missing
from components.i18n import N_, translator
from components.page import read_params
from components.units import counted, n_
from data_access.queries.meta import release_info
from data_access.queries.visits import (
    log_coverage,
    overdue_facilities,
    visit_log_summary,
)
from pages.visits.params import LOG_COVERAGE_PARAMS, PARAMS, View, read_view

OVERDUE_ROWS_SHOWN = 100
LOG_BREAKDOWN_TITLES = {
    "region": N_("Facilities visited within four years, by region"),
    "agency": N_("Facilities visited within four years, by ministry"),
    "facility_type": N_("Facilities visited within four years, by facility type"),
}
LOG_BREAKDOWN_HEADERS = {"region": N_("Region"), "agency": N_("Ministry"), "facility_type": N_("Facility type")}


@register_dataset("visits.log_coverage", params=LOG_COVERAGE_PARAMS)
def log_coverage_data(lang: str, **params: str) -> CardData:
    """From the visit logs: share of mandated facilities visited within four years of the date, by region, ministry or type."""
    _ = translator(lang)
    read = read_params(LOG_COVERAGE_PARAMS, params, lang)
    view, by = View.of(read), read.values["by"]
    summary = visit_log_summary()
    if not summary["facilities"]:
        return CardData(pd.DataFrame(columns=["name"]), [Column("name", _(LOG_BREAKDOWN_HEADERS[by]))], "")
    result = log_coverage(lang, view.log_date(summary), by, view.region, view.sector, view.body)
    frame = _coverage_text(result.frame, result.totals["threshold"], lang)
    columns = [
        Column("name", _(LOG_BREAKDOWN_HEADERS[by])),
        Column("mandated_text", _("Mandated facilities")),
        Column("covered_text", _("Visited within four years")),
        Column("overdue_text", _("Overdue")),
        Column("share_text", _("Share visited within four years")),
    ]
    caption = _(LOG_BREAKDOWN_TITLES[by]) + ", " + format_date(result.totals["as_of"], lang)
    return CardData(frame, columns, caption, [log_source(lang)], [_suppression_note(result.totals["threshold"], lang)])


def _coverage_text(frame: pd.DataFrame, threshold: int, lang: str) -> pd.DataFrame:
    """Counts as text, with suppressed cells saying so (a suppressed count is not 'not published')."""
    _ = translator(lang)
    withheld = _("suppressed (fewer than {k})").format(k=threshold)
    frame = frame.copy()
    for column in ("mandated", "covered", "overdue"):
        frame[f"{column}_text"] = [withheld if is_missing(v) else format_number(v, lang) for v in frame[column]]
    frame["share_text"] = [withheld if is_missing(v) else format_percent(v, lang) for v in frame["share"]]
    return frame


def log_source(lang: str) -> str:
    """The visit logs' source: the data release they come with."""
    _ = translator(lang)
    info = release_info(lang)
    return _("Visit logs of data release {version}: {title}").format(
        version=info.get("version", ""), title=info.get("title", "")
    )


def _suppression_note(threshold: int, lang: str) -> str:
    _ = translator(lang)
    return (
        _(
            "Disclosure control: a count of 1 to {k_minus_one} facilities is not shown, and neither is any figure it could be worked out from."
        ).format(k_minus_one=threshold - 1)
        if threshold > 1
        else _("Disclosure control: no threshold is set, every count is shown.")
    )


@register_dataset("visits.overdue", params=PARAMS)
def overdue_data(lang: str, **params: str) -> CardData:
    """From the visit logs: mandated facilities not visited within four years of the date, longest overdue first."""
    _ = translator(lang)
    view = read_view(params, lang)[0]
    summary = visit_log_summary()
    # Four columns, so the table fits a phone's width without scrolling.
    columns = [
        Column("facility_id", _("Facility (pseudonymous id)")),
        Column("facility_type_name", _("Facility type")),
        Column("region_name", _("Region")),
        Column("days_overdue_text", _("Days overdue")),
    ]
    if not summary["facilities"]:
        return CardData(pd.DataFrame(columns=[c.key for c in columns]), columns, "")
    result = overdue_facilities(
        lang, view.log_date(summary), view.region, view.sector, view.body, limit=OVERDUE_ROWS_SHOWN
    )
    frame = result.frame.copy()
    frame["days_overdue_text"] = [
        _("never visited") if is_missing(days) else format_number(days, lang) for days in frame["days_overdue"]
    ]
    notes = [_suppression_note(result.totals["threshold"], lang)]
    if result.totals["withheld"]:
        notes.append(
            counted(
                lang,
                n_(
                    "Facilities whose region holds fewer than {n} mandated facility of their type are not listed.",
                    "Facilities whose region holds fewer than {n} mandated facilities of their type are not listed.",
                ),
                result.totals["threshold"],
            )
        )
    caption = _("Facilities overdue for a visit on {date}").format(date=format_date(view.log_date(summary), lang))
    return CardData(frame, columns, caption, [log_source(lang)], notes)
