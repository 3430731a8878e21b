"""The visits page's answer to "is the mandate met?": headline figures, the verdict, coverage and pace by ministry."""

from __future__ import annotations

import pandas as pd
from dash import html

from components.chart_card import chart_card
from components.charts.bars import bars_figure
from components.charts.spec import BarSeries, Reference
from components.datasets import sources_from
from components.formatting import format_number, format_percent, is_missing
from components.i18n import ngettext, translator
from components.kpi_card import kpi_card
from components.notices import empty_state
from components.sources import source_links
from components.units import COUNT_FORMS, count_with_unit, counted, n_, unit_label
from data_access.queries.visits import (
    MANDATE_ANNUAL_SHARE,
    MANDATE_YEARS,
    coverage_against_mandate,
    mandate_pace,
    visit_years,
    visits_by_body,
)
from pages.visits.datasets import (
    behind_list,
    body_names,
    chart_values,
    coverage_data,
    download_link,
    pace_data,
    total_label,
    years_text,
)
from pages.visits.params import DEFAULT_BODY, View


def coverage_card(lang: str, view: View) -> html.Section:
    """Facilities covered each year as a share of the mandated totals, with the mandate's quarter a year."""
    _ = translator(lang)
    data = coverage_data(lang)
    frame = data.frame
    if frame.empty:
        return empty_state(_("The report gives no count of mandated facilities covered."))
    series = []
    # (bar, label) pairs with enough contrast: the labels sit inside the bars, clear of the mandate line.
    colours = [("within", "white"), ("orange", "black")]
    for index, (label, rows) in enumerate(frame.groupby("total_short", sort=False)):
        series.append(
            BarSeries(
                name=label,
                categories=list(rows["period"]),
                values=[float(v) for v in rows["share"]],
                labels=[format_percent(v, lang) for v in rows["share"]],
                hover=[
                    counted(
                        lang,
                        n_(
                            "{year}: {covered} of {n} facility covered ({share})",
                            "{year}: {covered} of {n} facilities covered ({share})",
                        ),
                        r["mandated"],
                        year=r["period"],
                        covered=format_number(r["covered"], lang),
                        share=format_percent(r["share"], lang),
                    )
                    for r in rows.to_dict("records")
                ],
                colour=colours[index % len(colours)][0],
                inside_text_colour=colours[index % len(colours)][1],
            )
        )
    figure = bars_figure(
        series,
        lang,
        horizontal=False,
        axis_title=_("Share of mandated facilities covered"),
        percent_axis=True,
        reference=Reference(
            MANDATE_ANNUAL_SHARE,
            _("Mandate: {share} a year").format(share=format_percent(MANDATE_ANNUAL_SHARE, lang, 0)),
        ),
    )
    return chart_card(
        "visits-coverage",
        _("Coverage against the four-year mandate"),
        _coverage_summary(frame, view.year, lang),
        data,
        lang,
        figure,
        download=("visits.coverage", {}),
    )


def _coverage_summary(frame: pd.DataFrame, year: int, lang: str) -> str:
    """One sentence per mandated total for the year: share covered, and the years a full cycle takes at this pace."""
    _ = translator(lang)
    rows = frame[frame["period"] == str(year)]
    if rows.empty:
        rows = frame[frame["period"] == frame["period"].max()]
    sentences = []
    for row in rows.to_dict("records"):
        forms = (
            n_(
                "In {year}, {n} facility was covered: {share} of {mandated}. At this pace every one of them could be visited within {years} years if no facility were visited twice; the mandate allows {mandate}.",
                "In {year}, {n} facilities were covered: {share} of {mandated}. At this pace every one of them could be visited within {years} years if no facility were visited twice; the mandate allows {mandate}.",
            )
            if row["within_mandate"]
            else n_(
                "In {year}, {n} facility was covered: {share} of {mandated}. At this pace visiting every one of them takes at least {years} years: longer than the {mandate} of the mandate.",
                "In {year}, {n} facilities were covered: {share} of {mandated}. At this pace visiting every one of them takes at least {years} years: longer than the {mandate} of the mandate.",
            )
        )
        sentences.append(
            counted(
                lang,
                forms,
                row["covered"],
                year=row["period"],
                share=format_percent(row["share"], lang),
                mandated=total_label(row, lang),
                years=years_text(row["years_to_cover_all"], lang),
                mandate=counted(lang, n_("{n} year", "{n} years"), MANDATE_YEARS),  # whole years, not 4.0
            )
        )
    return " ".join(sentences)


def pace_cards(lang: str, view: View) -> list:
    """Mandated facilities beside the visits, by ministry; and the years a full cycle takes at that pace."""
    _ = translator(lang)
    data = pace_data(lang, **view.query())
    frame = data.frame
    if frame["visits"].isna().all():
        return [
            empty_state(
                _("The report breaks visits down by ministry only for {years}.").format(
                    years=", ".join(str(y) for y in _years_with_breakdown(lang))
                )
            )
        ]
    body = body_names(lang)[view.body]
    names = list(frame["agency_name"])
    paired = bars_figure(
        [
            BarSeries(
                _("Mandated facilities"),
                names,
                [float(v) for v in frame["mandated"]],
                [format_number(v, lang) for v in frame["mandated"]],
                [
                    counted(lang, n_("{name}: {n} mandated facility", "{name}: {n} mandated facilities"), v, name=n)
                    for n, v in zip(names, frame["mandated"], strict=True)
                ],
                colour="sky",
            ),
            BarSeries(
                _("Visits in {year}").format(year=view.year),
                names,
                chart_values(frame["visits"]),
                [format_number(v, lang) for v in frame["visits"]],
                [
                    counted(lang, n_("{name}: {n} visit", "{name}: {n} visits"), v, name=n)
                    for n, v in zip(names, frame["visits"], strict=True)
                ],
                colour="blue",
            ),
        ],
        lang,
        axis_title=_("Facilities, visits"),
    )
    years = chart_values(frame["years_to_visit_all"])
    beyond = list(frame["beyond_mandate"])
    pace = bars_figure(
        [
            BarSeries(
                _("Years to visit every facility once"),
                names,
                years,
                [
                    (years_text(v, lang) + (" ▲" if b else "")) if v is not None else format_number(None, lang)
                    for v, b in zip(years, beyond, strict=True)
                ],
                [
                    _("{name}: {mandated}, {visits} a year: at least {years} years").format(
                        name=r["agency_name"],
                        mandated=count_with_unit(r["mandated"], "facilities", lang),
                        visits=count_with_unit(r["visits"], "visits", lang),
                        years=years_text(r["years_to_visit_all"], lang),
                    )
                    for r in frame.to_dict("records")
                ],
                colour=["beyond" if b else "within" for b in beyond],
            )
        ],
        lang,
        axis_title=_("Years"),
        reference=Reference(MANDATE_YEARS, counted(lang, n_("Mandate: {n} year", "Mandate: {n} years"), MANDATE_YEARS)),
    )
    behind = behind_list(frame, lang)
    behind_text = (
        _("Behind the mandate: {list}.").format(list=behind)
        if behind
        else counted(
            lang,
            n_(
                "Every ministry's facilities can be visited within {n} year at this pace.",
                "Every ministry's facilities can be visited within {n} years at this pace.",
            ),
            MANDATE_YEARS,
        )
    )
    selected = _sector_sentence(frame, view, lang)
    download = download_link("visits.pace", view, "year", "body")
    return [
        chart_card(
            "visits-mandated",
            _("Mandated facilities and visits by ministry"),
            _(
                "{body}, {year}: visits to each ministry's facilities beside the number of facilities in the mandate."
            ).format(body=body, year=view.year)
            + selected,
            data,
            lang,
            paired,
            download=download,
        ),
        chart_card(
            "visits-pace",
            _("Years to visit every facility once, by ministry"),
            counted(
                lang,
                n_(
                    "At the {year} pace of visits ({body}), the time it takes to visit every mandated facility of each ministry once; ▲ marks more than {n} year.",
                    "At the {year} pace of visits ({body}), the time it takes to visit every mandated facility of each ministry once; ▲ marks more than {n} years.",
                ),
                MANDATE_YEARS,
                year=view.year,
                body=body,
            )
            + " "
            + behind_text,
            data,
            lang,
            pace,
            download=download,
        ),
    ]


def _sector_sentence(frame: pd.DataFrame, view: View, lang: str) -> str:
    _ = translator(lang)
    rows = frame[frame["agency"] == view.sector]
    if rows.empty:
        return ""
    row = rows.iloc[0]
    return " " + counted(
        lang,
        n_(
            "{name}: {n} mandated facility, {visits}: at least {years} years for a full cycle.",
            "{name}: {n} mandated facilities, {visits}: at least {years} years for a full cycle.",
        ),
        row["mandated"],
        name=row["agency_name"],
        visits=count_with_unit(row["visits"], "visits", lang),
        years=years_text(row["years_to_visit_all"], lang),
    )


def _years_with_breakdown(lang: str) -> list[int]:
    return [year for year in visit_years(lang) if mandate_pace(lang, year, DEFAULT_BODY).frame["visits"].notna().any()]


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
