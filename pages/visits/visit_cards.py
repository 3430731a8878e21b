"""The visits page's cards on what was visited and by whom: facility types, bodies, sectors, outcomes, the NPM's size."""

from __future__ import annotations

from dash import html

from components.chart_card import chart_card
from components.charts.bars import bars_figure
from components.charts.spec import BarSeries
from components.formatting import format_number
from components.i18n import N_, translator
from components.notices import empty_state
from components.units import count_with_unit, counted, n_, unit_label
from data_access.queries.visits import (
    npm_visits_by_type,
    persons_received_by_visit,
    regional_reps_by_sector,
    visits_by_body,
)
from pages.visits.datasets import (
    bodies_data,
    chart_values,
    download_link,
    npm_size_data,
    outcomes_data,
    persons_data,
    reps_sectors_data,
    types_data,
)
from pages.visits.params import View


def types_card(lang: str, view: View) -> html.Section | html.P:
    """NPM visits by facility type, the report's total and the gap between them."""
    _ = translator(lang)
    data = types_data(lang, **view.query())
    frame = data.frame
    if frame.empty:
        return empty_state(_("The report gives no NPM visits by facility type for {year}.").format(year=view.year))
    names = list(frame["facility_type_name"])
    figure = bars_figure(
        [
            BarSeries(
                _("NPM visits"),
                names,
                chart_values(frame["visits"]),
                [format_number(v, lang) for v in frame["visits"]],
                [
                    counted(
                        lang,
                        n_("{name} ({agency}): {n} visit", "{name} ({agency}): {n} visits"),
                        r["visits"],
                        name=r["facility_type_name"],
                        agency=r["agency_name"],
                    )
                    for r in frame.to_dict("records")
                ],
            )
        ],
        lang,
        axis_title=_("Visits"),
    )
    totals = npm_visits_by_type(lang, view.year, view.sector).totals
    summary = _(
        "NPM visits in {year} by facility type: they add up to {sum}, against the report's total of {total}."
    ).format(
        year=view.year, sum=format_number(totals["type_sum"], lang), total=format_number(totals["stated_total"], lang)
    )
    return chart_card(
        "visits-types",
        _("NPM visits by facility type"),
        summary,
        data,
        lang,
        figure,
        download=download_link("visits.types", view, "year", "sector"),
    )


def bodies_card(lang: str, view: View) -> html.Section | html.P:
    """Who visits: the NPM, the Ombudsman in person, the regional representatives."""
    _ = translator(lang)
    data = bodies_data(lang, **view.query())
    frame = data.frame
    if frame.empty:
        return empty_state(_("The report gives no visits by visiting body for {year}.").format(year=view.year))
    names = list(frame["body_name"])
    figure = bars_figure(
        [
            BarSeries(
                _("Visits"),
                names,
                chart_values(frame["visits"]),
                [format_number(v, lang) for v in frame["visits"]],
                [f"{n}: {format_number(v, lang)}" for n, v in zip(names, frame["visits"], strict=True)],
            )
        ],
        lang,
        axis_title=_("Visits"),
    )
    totals = visits_by_body(lang, view.year).totals
    summary = counted(
        lang,
        n_(
            "In {year} the three bodies made {n} visit; the report's total for all bodies is {total}.",
            "In {year} the three bodies made {n} visits; the report's total for all bodies is {total}.",
        ),
        totals["body_sum"],
        year=view.year,
        total=format_number(totals["stated_total"], lang),
    )
    return chart_card(
        "visits-bodies",
        _("Who visits"),
        summary,
        data,
        lang,
        figure,
        download=download_link("visits.bodies", view, "year"),
    )


def persons_card(lang: str, view: View) -> html.Section | html.P:
    """The people the Ombudsman received in person at each visit; those met abroad in their own colour, never added."""
    _ = translator(lang)
    data = persons_data(lang, **view.query())
    frame = data.frame
    totals = persons_received_by_visit(lang, view.year).totals
    if frame.empty or totals["in_country"] is None:
        return empty_state(
            _("The report gives no number of people the Ombudsman received in person for {year}.").format(
                year=view.year
            )
        )
    names = [f"{row['institution']} ({row['month']})" for row in frame.to_dict("records")]
    labels = [format_number(value, lang) for value in frame["persons_received"]]
    figure = bars_figure(
        [
            BarSeries(
                _("People"),
                names,
                chart_values(frame["persons_received"]),
                labels,
                [
                    f"{name}: {count_with_unit(value, 'persons', lang)}, {kind}"
                    for name, value, kind in zip(names, frame["persons_received"], frame["kind"], strict=True)
                ],
                colour=["orange" if abroad else "blue" for abroad in frame["abroad"]],
            )
        ],
        lang,
        axis_title=_("People"),
        names_above=True,  # institutions' names with the month are long: above the bars they fit a phone
    )
    message = (
        N_(
            "In {year} the Ombudsman held personal receptions for {people} at {counted} of {visits} in Kazakhstan; abroad he met {abroad} of Kazakhstan, who are not added to them. The report prints no total."
        )
        if totals["abroad"] is not None
        else N_(
            "In {year} the Ombudsman held personal receptions for {people} at {counted} of {visits} in Kazakhstan. The report prints no total."
        )
    )
    summary = _(message).format(
        year=view.year,
        people=count_with_unit(totals["in_country"], "persons", lang),
        counted=format_number(totals["in_country_visits"], lang),
        visits=count_with_unit(totals["in_country_all"], "visits", lang),
        abroad=count_with_unit(totals["abroad"], "citizens", lang),
    )
    return chart_card(
        "visits-persons",
        _("People the Ombudsman received in person"),
        summary,
        data,
        lang,
        figure,
        download=download_link("visits.persons", view, "year"),
    )


def reps_card(lang: str, view: View) -> html.Section | html.P:
    """The regional representatives' visits by sector, each sector's ministries in its own colour."""
    _ = translator(lang)
    data = reps_sectors_data(lang, **view.query())
    frame = data.frame
    if frame.empty:
        return empty_state(
            _("The report gives no sector breakdown of the regional representatives' visits for {year}.").format(
                year=view.year
            )
        )
    colours = ["blue", "green", "pink"]
    series = []
    for index, (sector, rows) in enumerate(frame.groupby("sector_name", sort=False)):
        names = list(rows["agency_name"])
        series.append(
            BarSeries(
                sector,
                names,
                chart_values(rows["visits"]),
                [format_number(v, lang) for v in rows["visits"]],
                [f"{sector} · {a}: {format_number(v, lang)}" for a, v in zip(names, rows["visits"], strict=True)],
                colour=colours[index % len(colours)],
            )
        )
    figure = bars_figure(series, lang, axis_title=_("Visits"), barmode="stack")
    totals = regional_reps_by_sector(lang, view.year).totals
    parts = "; ".join(
        f"{name}: {format_number(total, lang)}"
        for name, total in frame.drop_duplicates("sector")[["sector_name", "sector_total"]].itertuples(index=False)
    )
    summary = counted(
        lang,
        n_(
            "The regional representatives made {n} visit in {year}: {parts}.",
            "The regional representatives made {n} visits in {year}: {parts}.",
        ),
        totals["stated_total"],
        year=view.year,
        parts=parts,
    )
    return chart_card(
        "visits-reps",
        _("The regional representatives' visits by sector"),
        summary,
        data,
        lang,
        figure,
        download=download_link("visits.reps_sectors", view, "year"),
    )


def outcomes_card(lang: str, view: View) -> html.Section | html.P:
    """What followed the violations found on visits: disciplinary, administrative, criminal."""
    _ = translator(lang)
    data = outcomes_data(lang, **view.query())
    frame = data.frame
    if frame.empty:
        return empty_state(_("The report gives no liability figures for {year}.").format(year=view.year))
    names = list(frame["indicator_name"])
    labels = [f"{format_number(v, lang)} {u}" for v, u in zip(frame["value"], frame["unit_name"], strict=True)]
    figure = bars_figure(
        [
            BarSeries(
                _("Number"),
                names,
                chart_values(frame["value"]),
                labels,
                [f"{n}: {label}" for n, label in zip(names, labels, strict=True)],
                colour="pink",
            )
        ],
        lang,
        axis_title=_("Number"),
        names_above=True,  # the steps' names are long: above the bars they leave them the width of a phone
    )
    summary = "; ".join(f"{n}: {label}" for n, label in zip(names, labels, strict=True)) + "."
    return chart_card(
        "visits-outcomes",
        _("What followed the visits"),
        summary,
        data,
        lang,
        figure,
        download=download_link("visits.outcomes", view, "year"),
    )


def npm_size_card(lang: str, view: View) -> html.Section | html.P:
    """The NPM's groups and participants, with both figures the report gives."""
    _ = translator(lang)
    data = npm_size_data(lang, **view.query())
    frame = data.frame
    if frame.empty:
        return empty_state(_("The report gives no size of the NPM for {year}.").format(year=view.year))
    main = frame[frame["category"].isna()].set_index("indicator")["value"]
    summary = _("In {year} the NPM had {groups} in the regions with {participants} (section 6 of the report).").format(
        year=view.year,
        groups=count_with_unit(main.get("npm_groups"), "groups", lang),
        participants=count_with_unit(main.get("npm_participants"), "participants", lang),
    )
    series = []
    for index, (variant, rows) in enumerate(frame.groupby("variant", sort=False)):
        names = [unit_label(unit, lang) for unit in rows["unit"]]
        series.append(
            BarSeries(
                variant,
                names,
                chart_values(rows["value"]),
                [format_number(v, lang) for v in rows["value"]],
                [f"{variant}: {format_number(v, lang)} {n}" for v, n in zip(rows["value"], names, strict=True)],
                colour=["within", "orange"][index % 2],
            )
        )
    figure = bars_figure(series, lang, axis_title=_("Number"))
    return chart_card(
        "visits-npm-size",
        _("The NPM's groups"),
        summary,
        data,
        lang,
        figure,
        download=download_link("visits.npm_size", view, "year"),
    )
