"""The first screen of /visits: the plain answer on the mandate, then the key figures behind it."""

from __future__ import annotations

from dash import html

from components.datasets import sources_from
from components.formatting import format_number, format_percent, is_missing
from components.i18n import ngettext, translator
from components.kpi_card import kpi_card
from components.sources import source_links
from components.units import COUNT_FORMS, count_with_unit, counted, n_, unit_label
from data_access.queries.visits import (
    MANDATE_ANNUAL_SHARE,
    MANDATE_YEARS,
    coverage_against_mandate,
    mandate_pace,
    visits_by_body,
)
from pages.visits.datasets import (
    behind_list,
    body_names,
    total_label,
    years_text,
)
from pages.visits.params import View


def kpi_row(lang: str, view: View) -> html.Div:
    """Headline figures of the year: facilities covered, the share of each mandated total, all visits."""
    _ = translator(lang)
    coverage = coverage_against_mandate(lang).frame
    rows = coverage[coverage["period"] == str(view.year)]
    previous = coverage[coverage["period"] == str(view.year - 1)]
    cards = []
    source = sources_from(coverage_against_mandate(lang).inputs, lang)
    if len(rows):
        first = rows.iloc[0]
        cards.append(
            kpi_card(
                "visits-kpi-covered",
                _("Mandated facilities covered"),
                float(first["covered"]),
                "facilities",
                unit_label("facilities", lang),
                str(view.year),
                lang,
                counted(
                    lang,
                    n_(
                        "{n} facility of the mandate had at least one visit in {year}.",
                        "{n} facilities of the mandate had at least one visit in {year}.",
                    ),
                    first["covered"],
                    year=view.year,
                ),
                source,
                previous=float(previous.iloc[0]["covered"]) if len(previous) else None,
                previous_period=str(view.year - 1) if len(previous) else None,
            )
        )
        previous_rows = {_variant(r): r for r in previous.to_dict("records")}
        for index, row in enumerate(rows.to_dict("records")):
            before, change_text, note = _share_change(row, previous_rows.get(_variant(row)), lang)
            # In per cent, so the change on the year before reads in percentage points.
            cards.append(
                kpi_card(
                    f"visits-kpi-share-{index}",
                    _("Share of {label}").format(label=total_label(row, lang)),
                    row["share"] * 100,
                    "percent",
                    _("of mandated facilities"),
                    str(view.year),
                    lang,
                    _(
                        "The mandate needs {share} a year; a full cycle at this pace takes at least {years} years."
                    ).format(
                        share=format_percent(MANDATE_ANNUAL_SHARE, lang, 0),
                        years=years_text(row["years_to_cover_all"], lang),
                    ),
                    source,
                    previous=None if before is None else before * 100,
                    previous_period=str(view.year - 1) if before is not None else None,
                    note=note,
                    change_text=change_text,
                )
            )
    bodies = visits_by_body(lang, view.year)
    if not is_missing(bodies.totals["stated_total"]):
        cards.append(
            kpi_card(
                "visits-kpi-all",
                _("All visits"),
                bodies.totals["stated_total"],
                "visits",
                unit_label("visits", lang),
                str(view.year),
                lang,
                _("Visits by the NPM, the Ombudsman and the regional representatives together."),
                sources_from(bodies.inputs[bodies.inputs["category"] == "body_all"], lang),
            )
        )
    return html.Div([html.Div(card, className="col-12 col-sm-6 col-lg-3 mb-3") for card in cards], className="row")


def _variant(row: dict) -> str:
    """Which of the report's totals of mandated facilities a coverage row is computed against ('' = the main one)."""
    return "" if is_missing(row.get("total_variant")) else str(row["total_variant"])


def _share_change(row: dict, before: dict | None, lang: str) -> tuple[float | None, str | None, str | None]:
    """The earlier share to compare with, or none and why; and the card's data note.

    A change in percentage points is shown only like for like: each year's share over that year's own
    total. The report gives the mandated total for one year only, so an earlier share computed over a
    later total is not compared (it would mix two years' bases).
    """
    _ = translator(lang)
    # The release's own note on the two mandated totals is printed with the coverage card below (each data
    # note once a page); the key figure's note says only why no change is shown.
    if before is None:
        return None, None, None
    if before["mandated_period"] == before["period"] and row["mandated_period"] == row["period"]:
        return float(before["share"]), None, None
    note = _(
        "The report gives the number of mandated facilities for {total_year} only. A {year} share would have to be computed over the {total_year} total, so no change in percentage points on {year} is shown: it would compare shares of two different bases."
    ).format(total_year=before["mandated_period"], year=before["period"])
    change = _("No like-for-like change on {year}: the report gives no {year} total (see the data note)").format(
        year=before["period"]
    )
    return None, change, note


def mandate_years(lang: str) -> str:
    """'4 years' / '4 года' / '4 жыл': the mandate's period, a whole number, in the form it takes."""
    singular, plural = COUNT_FORMS["years"]
    return ngettext(lang, singular, plural, MANDATE_YEARS).format(n=format_number(MANDATE_YEARS, lang))


def mandate_answer(lang: str, view: View) -> list:
    """The one plain answer on the mandate, against the report's main total; then what the other total says.

    The main total (3,761 in the bundled release) is the report's count of the facilities in the mandate
    today, broken down by ministry; the pace by ministry on this page adds up to it.
    """
    _ = translator(lang)
    coverage = coverage_against_mandate(lang)
    frame = coverage.frame
    rows = frame[frame["period"] == str(view.year)].to_dict("records") if len(frame) else []
    if not rows:
        return []
    main, others = rows[0], rows[1:]
    template = (
        _(
            "At the {year} pace ({covered} visited in the year), each of the {mandated} mandated facilities could be visited once within {years}: inside the mandate's one visit every {mandate}."
        )
        if main["within_mandate"]
        else _(
            "At the {year} pace ({covered} visited in the year), visiting each of the {mandated} mandated facilities once would take at least {years}; the mandate asks for one visit every {mandate}."
        )
    )
    parts = [
        html.P(
            template.format(
                year=main["period"],
                covered=count_with_unit(main["covered"], "facilities", lang),
                mandated=format_number(main["mandated"], lang),
                years=count_with_unit(round(main["years_to_cover_all"], 1), "years", lang),
                mandate=mandate_years(lang),
            ),
            className="lead",
            id="visits-answer",
        )
    ]
    explained = [
        _(
            "This answer uses {mandated}: the report's count of the facilities in the mandate today, broken down by ministry (the ministries' figures below add up to it)."
        ).format(mandated=format_number(main["mandated"], lang))
    ]
    for other in others:
        explained.append(
            _(
                "The report also speaks of {other} mandated objects to be covered once every four years, and does not explain the difference: over that total the {covered} facilities visited are {share}, and one visit to each would take at least {years}."
            ).format(
                other=format_number(other["mandated"], lang),
                covered=format_number(other["covered"], lang),
                share=format_percent(other["share"], lang),
                years=count_with_unit(round(other["years_to_cover_all"], 1), "years", lang),
            )
        )
    inputs = coverage.inputs
    used = inputs[(inputs["period"] == main["period"]) | (inputs["indicator"] == "mandated_facilities")]
    parts.append(
        html.P(
            [
                " ".join(explained) + " ",
                html.Span(_("Source") + ": ", className="fw-semibold"),
                *source_links(sources_from(used, lang), lang),
            ],
            id="visits-answer-totals",
        )
    )
    return parts


def verdict(lang: str, view: View) -> html.Div:
    """The answer first (the mandate against the main total), the other total explained, the ministries behind."""
    _ = translator(lang)
    parts = mandate_answer(lang, view)
    behind = behind_list(mandate_pace(lang, view.year, view.body).frame, lang)
    if behind:
        parts.append(
            html.P(
                counted(
                    lang,
                    n_(
                        "At the {year} pace of visits ({body}), these ministries' facilities need more than {n} year for one visit each: {list}.",
                        "At the {year} pace of visits ({body}), these ministries' facilities need more than {n} years for one visit each: {list}.",
                    ),
                    MANDATE_YEARS,
                    year=view.year,
                    body=body_names(lang)[view.body],
                    list=behind,
                )
            )
        )
    return html.Div(parts, className="lead-text", id="visits-verdict")
