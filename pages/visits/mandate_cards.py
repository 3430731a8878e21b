"""The mandate in charts: coverage of the mandated facilities each year, and the pace by ministry."""

from __future__ import annotations

import pandas as pd
from dash import html

from components.chart_card import chart_card
from components.charts.bars import bars_figure
from components.charts.spec import BarSeries, Reference
from components.formatting import format_number, format_percent
from components.i18n import translator
from components.notices import empty_state
from components.units import count_with_unit, counted, n_
from data_access.queries.visits import (
    MANDATE_ANNUAL_SHARE,
    MANDATE_YEARS,
    mandate_pace,
    visit_years,
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
