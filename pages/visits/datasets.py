"""The visits page's datasets: the table behind each card, which is also what its download holds."""

from __future__ import annotations

import pandas as pd

from components.datasets import CardData, Column, notes_from, periods_of, register_dataset, row_sources, sources_from
from components.formatting import format_date, format_number, format_value, is_missing
from components.i18n import translator
from components.sources import section_of_line
from components.units import counted, n_, unit_label
from data_access.queries.meta import categories
from data_access.queries.visits import (
    BODY_CATEGORY,
    MANDATE_YEARS,
    QueryResult,
    coverage_against_mandate,
    mandate_pace,
    npm_size,
    npm_visits_by_type,
    persons_received_by_visit,
    regional_reps_by_sector,
    visit_outcomes,
    visits_by_body,
)
from pages.visits.params import PARAMS, View, read_view


def years_text(value: object, lang: str) -> str:
    """A number of years as the page writes it."""
    return format_value(value, "years", lang)


def chart_values(column: pd.Series) -> list[float | None]:
    """A column's values for a chart: floats, None where not published (drawn as no bar, never as 0)."""
    return [None if is_missing(value) else float(value) for value in column]


def behind_list(frame: pd.DataFrame, lang: str) -> str:
    """'MIA (21.7 years); …' for the ministries of a pace table beyond the mandate."""
    _ = translator(lang)
    behind = frame[frame["beyond_mandate"]]
    return "; ".join(
        _("{name} ({years} years)").format(name=row["agency_name"], years=years_text(row["years_to_visit_all"], lang))
        for row in behind.to_dict("records")
    )


def _card_data(
    result: QueryResult | pd.DataFrame,
    frame: pd.DataFrame,
    columns: list[Column],
    caption: str,
    lang: str,
    extra_notes: list[str] | None = None,
) -> CardData:
    """CardData whose source and notes come from the observations the numbers were computed from."""
    inputs = result.inputs if isinstance(result, QueryResult) else result
    return CardData(
        frame,
        columns,
        caption,
        sources_from(inputs, lang),
        [*(extra_notes or []), *notes_from(inputs)],
        period=periods_of(inputs),  # the year of the observations, for a download's period column and name
    )


def body_names(lang: str) -> dict[str, str]:
    """Visiting bodies by key, named as the release names them."""
    names = categories(lang).set_index("code")["name"]
    return {body: names.get(code, body) for body, code in BODY_CATEGORY.items()}


def _pace_note(lang: str) -> str:
    """How the years at a pace are computed, and why they are a lower bound."""
    _ = translator(lang)
    return _(
        "Years at this pace = mandated facilities ÷ facilities (or visits) a year. One facility can be visited more than once, so the visits a year are an upper bound on the facilities reached and the years are the shortest possible time."
    )


@register_dataset("visits.coverage")
def coverage_data(lang: str, **params: str) -> CardData:
    """Facilities covered each year as a share of each mandated total, against the mandate's quarter a year."""
    _ = translator(lang)
    result = coverage_against_mandate(lang)
    frame = result.frame.copy()
    if len(frame):
        frame["total_label"] = [total_label(row, lang) for row in frame.to_dict("records")]
        # The legend's short form, so it fits a phone's width.
        frame["total_short"] = [
            _("of {mandated} ({section})").format(
                mandated=format_number(row["mandated"], lang),
                section=section_of_line(row["mandated_source_line"], lang),
            )
            for row in frame.to_dict("records")
        ]
    columns = [
        Column("period", _("Year")),
        Column("total_label", _("Mandated facilities (as the report counts them)")),
        Column("covered", _("Facilities covered"), "facilities"),
        Column("share", _("Share covered"), "share"),
        Column("mandate_share", _("Share the mandate needs a year"), "share"),
        Column("years_to_cover_all", _("Years to cover all at this pace (at least)"), "years"),
    ]
    notes = [_pace_note(lang)]
    other_year = frame[frame["mandated_period"] != frame["period"]] if len(frame) else frame
    for row in other_year.drop_duplicates("period").to_dict("records"):
        notes.append(
            _(
                "The report gives the number of mandated facilities for {period} only; the share for {year} is computed against it."
            ).format(period=row["mandated_period"], year=row["period"])
        )
    return _card_data(result, frame, columns, _("Mandated facilities covered by visits each year"), lang, notes)


def total_label(row: dict, lang: str) -> str:
    """A mandated total as the report counts it, with the section that gives it ('3,761 mandated facilities
    (Section 6)'): the two totals told apart in words; the card's source links to the line."""
    # It is read as "a share of <this>": the Russian forms are genitive ("от 3 761 учреждения мандата").
    return counted(
        lang,
        n_("{n} mandated facility ({section})", "{n} mandated facilities ({section})"),
        row["mandated"],
        section=section_of_line(row["mandated_source_line"], lang),
    )


@register_dataset("visits.pace", params=PARAMS)
def pace_data(lang: str, **params: str) -> CardData:
    """Mandated facilities, visits and years to visit all, per ministry, for the year and body asked for."""
    _ = translator(lang)
    view = read_view(params, lang)[0]
    result = mandate_pace(lang, view.year, view.body)
    frame = result.frame.copy()
    frame["beyond_text"] = [
        counted(lang, n_("more than {n} year", "more than {n} years"), MANDATE_YEARS)
        if beyond
        else (counted(lang, n_("within {n} year", "within {n} years"), MANDATE_YEARS) if not is_missing(years) else "")
        for beyond, years in zip(frame["beyond_mandate"], frame["years_to_visit_all"], strict=True)
    ]
    columns = [
        Column("agency_name", _("Ministry")),
        Column("mandated", _("Mandated facilities"), "facilities"),
        Column("visits", _("Visits in {year}").format(year=view.year), "visits"),
        Column("years_to_visit_all", _("Years to visit every facility once (at least)"), "years"),
        Column("beyond_text", _("Against the four-year mandate")),
    ]
    notes = [_pace_note(lang)]
    totals = result.totals
    if view.body == "all" and not is_missing(totals.get("unattributed")):
        notes.append(
            counted(
                lang,
                n_(
                    "All bodies: the NPM's, the regional representatives' and the Ombudsman's own visits added up per ministry ({ombudsman} of the Ombudsman's). {unattributed} of the {n} visit of all bodies are not attributed to a ministry with mandated facilities.",
                    "All bodies: the NPM's, the regional representatives' and the Ombudsman's own visits added up per ministry ({ombudsman} of the Ombudsman's). {unattributed} of the {n} visits of all bodies are not attributed to a ministry with mandated facilities.",
                ),
                totals["stated_total"],
                ombudsman=format_number(totals["ombudsman_visits"], lang),
                unattributed=format_number(totals["unattributed"], lang),
            )
        )
    caption = _("Mandated facilities and visits by ministry, {year}: {body}").format(
        year=view.year, body=body_names(lang)[view.body]
    )
    return _card_data(result, frame, columns, caption, lang, notes)


@register_dataset("visits.types", params=PARAMS)
def types_data(lang: str, **params: str) -> CardData:
    """NPM visits by facility type (of one ministry or all), with the gap to the stated total as a note."""
    _ = translator(lang)
    view = read_view(params, lang)[0]
    result = npm_visits_by_type(lang, view.year, view.sector)
    columns = [
        Column("facility_type_name", _("Facility type")),
        Column("agency_name", _("Ministry")),
        Column("visits", _("NPM visits"), "visits"),
    ]
    totals = result.totals
    notes = []
    if not is_missing(totals["gap"]) and totals["gap"] != 0:
        notes.append(
            counted(
                lang,
                n_(
                    "The visits by type add up to {sum}; the report's total for the same facilities is {total}: {n} visit is not broken down by type.",
                    "The visits by type add up to {sum}; the report's total for the same facilities is {total}: {n} visits are not broken down by type.",
                ),
                totals["gap"],
                sum=format_number(totals["type_sum"], lang),
                total=format_number(totals["stated_total"], lang),
            )
        )
    return _card_data(
        result, result.frame, columns, _("NPM visits by facility type, {year}").format(year=view.year), lang, notes
    )


@register_dataset("visits.bodies", params=PARAMS)
def bodies_data(lang: str, **params: str) -> CardData:
    """Visits by the NPM, the Ombudsman in person and the regional representatives."""
    _ = translator(lang)
    view = read_view(params, lang)[0]
    result = visits_by_body(lang, view.year)
    columns = [Column("body_name", _("Who visited")), Column("visits", _("Visits"), "visits")]
    totals = result.totals
    notes = []
    if not is_missing(totals["gap"]) and totals["gap"] != 0:
        notes.append(
            _("The bodies' visits add up to {sum}, not to the report's total of {total}.").format(
                sum=format_number(totals["body_sum"], lang), total=format_number(totals["stated_total"], lang)
            )
        )
    return _card_data(
        result, result.frame, columns, _("Visits by visiting body, {year}").format(year=view.year), lang, notes
    )


@register_dataset("visits.persons", params=PARAMS)
def persons_data(lang: str, **params: str) -> CardData:
    """The people the Ombudsman received in person at each visit of the year, with the line giving each count."""
    _ = translator(lang)
    view = read_view(params, lang)[0]
    result = persons_received_by_visit(lang, view.year)
    frame = result.frame.copy()
    frame["month"] = [format_date(month, lang, "month") for month in frame["visit_month"]]
    frame["place"] = [
        _("abroad") if abroad else name for abroad, name in zip(frame["abroad"], frame["region_name"], strict=True)
    ]
    frame["kind"] = [
        _("citizens of Kazakhstan met") if abroad else _("received in person") for abroad in frame["abroad"]
    ]
    # Each count's source, linked to the sentence that gives it; read row by row by the download too.
    frame["source_ref"] = "text"
    frame["source_line"] = frame["persons_received_line"]
    frame["source"] = row_sources(frame, lang)
    columns = [
        Column("month", _("Month")),
        Column("institution", _("Institution")),
        Column("place", _("Region")),
        Column("kind", _("Who")),
        Column("persons_received", _("People"), "persons"),
        Column("source", _("Source")),
    ]
    caption = _("People the Ombudsman received in person, visit by visit, {year}").format(year=view.year)
    return _card_data(result, frame, columns, caption, lang)


@register_dataset("visits.reps_sectors", params=PARAMS)
def reps_sectors_data(lang: str, **params: str) -> CardData:
    """The regional representatives' visits by sector and ministry."""
    _ = translator(lang)
    view = read_view(params, lang)[0]
    result = regional_reps_by_sector(lang, view.year)
    frame = result.frame.copy()
    frame["agency_name"] = frame["agency_name"].fillna(_("no ministry given"))
    columns = [
        Column("sector_name", _("Sector")),
        Column("agency_name", _("Ministry")),
        Column("visits", _("Visits"), "visits"),
        Column("sector_total", _("Sector total"), "visits"),
    ]
    caption = _("The regional representatives' visits by sector, {year}").format(year=view.year)
    return _card_data(result, frame, columns, caption, lang)


@register_dataset("visits.outcomes", params=PARAMS)
def outcomes_data(lang: str, **params: str) -> CardData:
    """Liability that followed the regional representatives' visits."""
    _ = translator(lang)
    view = read_view(params, lang)[0]
    frame = visit_outcomes(lang, view.year)
    frame = frame.assign(unit_name=[unit_label(unit, lang) for unit in frame["unit"]])
    columns = [
        Column("indicator_name", _("What followed")),
        Column("value", _("Number"), "persons"),
        Column("unit_name", _("Counted in")),
    ]
    bodies = ", ".join(dict.fromkeys(frame["category_name"].dropna()))
    caption = _("Liability after violations found on visits by {bodies}, {year}").format(bodies=bodies, year=view.year)
    return _card_data(frame, frame, columns, caption, lang)


@register_dataset("visits.npm_size", params=PARAMS)
def npm_size_data(lang: str, **params: str) -> CardData:
    """The NPM's regional groups and participants, every figure the report gives."""
    _ = translator(lang)
    view = read_view(params, lang)[0]
    frame = npm_size(lang, view.year)
    frame = frame.assign(
        variant=frame["category_name"].fillna(_("Section 6 of the report")),
        unit_name=[unit_label(unit, lang) for unit in frame["unit"]],
    )
    columns = [
        Column("indicator_name", _("Figure")),
        Column("value", _("Number"), "groups"),
        Column("unit_name", _("Counted in")),
        Column("variant", _("Where the report gives it")),
    ]
    return _card_data(frame, frame, columns, _("Size of the NPM, {year}").format(year=view.year), lang)


def download_link(name: str, view: View, *keys: str, **extra: str) -> tuple[str, dict]:
    """A card's download: the dataset and the parameters of the view it depends on."""
    query = view.query()
    return name, {**{key: query[key] for key in keys if query.get(key)}, **extra}
