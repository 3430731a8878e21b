"""The visits page's datasets: the table behind each card, which is also what its download holds."""

from __future__ import annotations

import pandas as pd

from components.datasets import CardData, Column, notes_from, periods_of, register_dataset, row_sources, sources_from
from components.formatting import format_date, format_number, format_percent, format_value, is_missing
from components.i18n import N_, translator
from components.page import read_params
from components.sources import section_of_line
from components.units import unit_label
from data_access.queries.meta import categories, release_info
from data_access.queries.visits import (
    BODY_CATEGORY,
    MANDATE_YEARS,
    QueryResult,
    coverage_against_mandate,
    log_coverage,
    mandate_pace,
    npm_size,
    npm_visits_by_type,
    overdue_facilities,
    persons_received_by_visit,
    regional_reps_by_sector,
    visit_log_summary,
    visit_outcomes,
    visits_by_body,
)
from pages.visits.params import LOG_COVERAGE_PARAMS, PARAMS, View, read_view

OVERDUE_ROWS_SHOWN = 100
LOG_BREAKDOWN_TITLES = {
    "region": N_("Facilities visited within four years, by region"),
    "agency": N_("Facilities visited within four years, by ministry"),
    "facility_type": N_("Facilities visited within four years, by facility type"),
}
LOG_BREAKDOWN_HEADERS = {"region": N_("Region"), "agency": N_("Ministry"), "facility_type": N_("Facility type")}


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
    _ = translator(lang)
    return _("{mandated} mandated facilities ({section})").format(
        mandated=format_number(row["mandated"], lang), section=section_of_line(row["mandated_source_line"], lang)
    )


@register_dataset("visits.pace", params=PARAMS)
def pace_data(lang: str, **params: str) -> CardData:
    """Mandated facilities, visits and years to visit all, per ministry, for the year and body asked for."""
    _ = translator(lang)
    view = read_view(params, lang)[0]
    result = mandate_pace(lang, view.year, view.body)
    frame = result.frame.copy()
    frame["beyond_text"] = [
        _("more than {n} years").format(n=MANDATE_YEARS)
        if beyond
        else (_("within {n} years").format(n=MANDATE_YEARS) if not is_missing(years) else "")
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
            _(
                "All bodies: the NPM's, the regional representatives' and the Ombudsman's own visits added up per ministry ({ombudsman} of the Ombudsman's). {unattributed} of the {total} visits of all bodies are not attributed to a ministry with mandated facilities."
            ).format(
                ombudsman=format_number(totals["ombudsman_visits"], lang),
                unattributed=format_number(totals["unattributed"], lang),
                total=format_number(totals["stated_total"], lang),
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
            _(
                "The visits by type add up to {sum}; the report's total for the same facilities is {total}: {gap} visits are not broken down by type."
            ).format(
                sum=format_number(totals["type_sum"], lang),
                total=format_number(totals["stated_total"], lang),
                gap=format_number(totals["gap"], lang),
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
            _("Facilities whose region holds fewer than {k} mandated facilities of their type are not listed.").format(
                k=result.totals["threshold"]
            )
        )
    caption = _("Facilities overdue for a visit on {date}").format(date=format_date(view.log_date(summary), lang))
    return CardData(frame, columns, caption, [log_source(lang)], notes)


def download_link(name: str, view: View, *keys: str, **extra: str) -> tuple[str, dict]:
    """A card's download: the dataset and the parameters of the view it depends on."""
    query = view.query()
    return name, {**{key: query[key] for key in keys if query.get(key)}, **extra}
