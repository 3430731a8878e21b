"""The Ombudsman's own visits of the year, month by month, and what they add up to."""

from __future__ import annotations

from dash import html

from components.chart_card import chart_card
from components.datasets import CardData, sources_from
from components.formatting import format_number, format_percent
from components.i18n import translator
from data_access.queries.recommendations import ombudsman_totals

from .cards import empty_card
from .datasets import lines_frame, visits_data


def visits_summary(data: CardData, totals: dict, lang: str, agency_name: str | None) -> str:
    """The visits in numbers: how many, the recommendations, and whether the per-visit counts add up."""
    _ = translator(lang)
    frame = data.frame
    if agency_name:
        return _(
            "Visits to institutions of {agency}: {n} of {total}; recommendations issued after them: {recs}."
        ).format(
            n=len(frame),
            total=totals["visits"],
            agency=agency_name,
            recs=format_number(frame["recommendations_issued"].sum(min_count=1), lang),
        )
    text = _(
        "Visits by the Ombudsman: {visits} ({domestic} in Kazakhstan, {abroad} abroad). Recommendations issued after {counted} of them: {recs}."
    ).format(
        visits=totals["visits"],
        domestic=totals["visits"] - totals["visits_abroad"],
        abroad=totals["visits_abroad"],
        recs=format_number(totals["per_visit_sum"], lang),
        counted=totals["visits_with_count"],
    )
    if totals["sums_agree"]:
        text += " " + _(
            "This matches the report's total ({issued}); fulfilled: {fulfilled} ({fulfilled_share}), in progress: {in_progress} ({in_progress_share})."
        ).format(
            issued=format_number(totals["issued"], lang),
            fulfilled=format_number(totals["fulfilled"], lang),
            fulfilled_share=format_percent(totals["fulfilled_share"], lang),
            in_progress=format_number(totals["in_progress"], lang),
            in_progress_share=format_percent(totals["in_progress_share"], lang),
        )
    else:
        text += " " + _("The report's total is {issued}, which the per-visit numbers do not add up to.").format(
            issued=format_number(totals["issued"], lang)
        )
    return text


def visits_card(lang: str, agency: str | None, agency_name: str | None) -> html.Section:
    """The Ombudsman's visits as a list by month, with the totals."""
    _ = translator(lang)
    title = _("The Ombudsman's own visits in 2025")
    data = visits_data(lang, agency)
    if data.frame.empty:
        return empty_card(
            "recommendations-visits",
            title,
            _("None of the Ombudsman's visits in 2025 was to an institution of this state body."),
        )
    totals = ombudsman_totals(lang)
    if agency is None:
        # The totals line (after the last visit) is a source too: its lines include every visit's.
        data.sources = sources_from(lines_frame(totals["source_lines"]), lang)
        data.notes = list(dict.fromkeys(data.notes + totals["notes"]))
    return chart_card(
        "recommendations-visits",
        title,
        visits_summary(data, totals, lang, agency_name),
        data,
        lang,
        download=("recommendations.visits", {"agency": agency}),
    )
