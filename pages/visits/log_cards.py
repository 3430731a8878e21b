"""The visits page's section on the visit logs: coverage within four years for a date, and the facilities overdue."""

from __future__ import annotations

from dash import html

from components.chart_card import chart_card
from components.charts.bars import bars_figure
from components.charts.spec import BarSeries, Reference
from components.formatting import format_date, format_number, format_percent, is_missing
from components.i18n import ngettext, translator
from components.notices import notice
from components.units import count_with_unit
from data_access.queries.visits import log_coverage, overdue_facilities, visit_log_summary
from pages.visits.datasets import body_names, chart_values, download_link
from pages.visits.log_datasets import (
    LOG_BREAKDOWN_TITLES,
    OVERDUE_ROWS_SHOWN,
    log_coverage_data,
    log_source,
    overdue_data,
)
from pages.visits.params import View


def logs_section(lang: str, view: View) -> list:
    """Coverage within four years and overdue facilities from the visit logs, or a plain note that there are none."""
    _ = translator(lang)
    heading = html.H2(_("From the visit logs"), className="h4 mt-4", id="visits-logs-heading")
    summary = visit_log_summary()
    if not summary["facilities"]:
        return [
            heading,
            notice(
                _(
                    "This release holds the report's aggregates only: it has no facility-level visit logs, so coverage within the last four years and the list of overdue facilities cannot be computed."
                ),
                "info",
            ),
        ]
    date = view.log_date(summary)
    overall = log_coverage(lang, date, "region", view.region, view.sector, view.body).totals
    withheld = _("suppressed (fewer than {k})").format(k=overall.get("threshold", ""))
    intro = html.P(
        _(
            "{source}. {facilities} ({mandated} in the mandate), {visits} from {first} to {last}; facility ids are pseudonymous. On {date}, counting visits by: {body}."
        ).format(
            source=log_source(lang),
            facilities=count_with_unit(summary["facilities"], "facilities", lang),
            mandated=format_number(summary["mandated"], lang),
            visits=count_with_unit(summary["visits"], "visits", lang),
            first=format_date(summary["first_visit"], lang),
            last=format_date(summary["last_visit"], lang),
            date=format_date(date, lang),
            body=body_names(lang)[view.body],
        )
    )
    headline = html.P(
        _(
            "{share} of the mandated facilities selected were visited in the four years to {date} ({covered} of {mandated}); {overdue} are overdue."
        ).format(
            share=withheld if is_missing(overall.get("share")) else format_percent(overall["share"], lang),
            date=format_date(date, lang),
            covered=withheld if is_missing(overall.get("covered")) else format_number(overall["covered"], lang),
            mandated=withheld if is_missing(overall.get("mandated")) else format_number(overall["mandated"], lang),
            overdue=withheld if is_missing(overall.get("overdue")) else format_number(overall["overdue"], lang),
        ),
        className="fw-semibold",
        id="visits-logs-headline",
    )
    cards = [log_coverage_card(lang, view, by) for by in LOG_BREAKDOWN_TITLES]
    return [heading, intro, headline, *cards, overdue_card(lang, view)]


def log_coverage_card(lang: str, view: View, by: str) -> html.Section:
    """One breakdown of coverage within four years: bars of the share, suppressed groups labelled as such."""
    _ = translator(lang)
    data = log_coverage_data(lang, **view.query(), by=by)
    frame = data.frame
    figure = bars_figure(
        [
            BarSeries(
                _("Share visited within four years"),
                list(frame["name"]),
                chart_values(frame["share"]),
                list(frame["share_text"]),
                [
                    _("{name}: {covered} of {mandated} visited within four years").format(
                        name=r["name"], covered=r["covered_text"], mandated=r["mandated_text"]
                    )
                    for r in frame.to_dict("records")
                ],
            )
        ],
        lang,
        axis_title=_("Share of mandated facilities"),
        percent_axis=True,
        reference=Reference(1.0, _("Mandate: every facility")),
    )
    shown = frame[frame["share"].notna()]
    summary = (
        _("Lowest: {low} ({low_share}); highest: {high} ({high_share}).").format(
            low=shown.iloc[0]["name"],
            low_share=shown.iloc[0]["share_text"],
            high=shown.iloc[-1]["name"],
            high_share=shown.iloc[-1]["share_text"],
        )
        if len(shown)
        else _("Every group is too small to show.")
    )
    withheld = frame.loc[frame["share"].isna(), "share_text"]
    if len(withheld):
        summary += " " + _("Groups marked '{withheld}' are too small to show.").format(withheld=withheld.iloc[0])
    return chart_card(
        f"visits-logs-{by.replace('_', '-')}",
        _(LOG_BREAKDOWN_TITLES[by]),
        summary,
        data,
        lang,
        figure,
        download=download_link("visits.log_coverage", view, "date", "region", "sector", "body", by=by),
    )


def overdue_card(lang: str, view: View) -> html.Section:
    """The facilities overdue for a visit, longest overdue first."""
    _ = translator(lang)
    data = overdue_data(lang, **view.query())
    date = view.log_date(visit_log_summary())
    result = overdue_facilities(lang, date, view.region, view.sector, view.body, limit=OVERDUE_ROWS_SHOWN)
    totals = result.totals
    count = (
        _("suppressed (fewer than {k})").format(k=totals["threshold"])
        if totals["overdue"] is None
        else format_number(totals["overdue"], lang)
    )
    summary = ngettext(
        lang,
        "{n} mandated facility was not visited in the four years to {date}; the {listed} longest overdue that can be shown are listed.",
        "{n} mandated facilities were not visited in the four years to {date}; the {listed} longest overdue that can be shown are listed.",
        0.5 if totals["overdue"] is None else totals["overdue"],  # suppressed: the "other" form
    ).format(n=count, date=format_date(date, lang), listed=format_number(totals["listed"], lang))
    download = None if data.frame.empty else download_link("visits.overdue", view, "date", "region", "sector", "body")
    return chart_card("visits-overdue", _("Facilities overdue for a visit"), summary, data, lang, download=download)
