"""Case outcomes: what happens to torture complaints in the criminal process, year by year."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from components.chart_card import chart_card
from components.datasets import CardData, Column, register_dataset, sources_from
from components.formatting import format_percent, format_period, format_value, is_missing
from components.i18n import N_, is_language, resolve_language, translator
from components.notices import data_unavailable, empty_state, notice
from components.shell import page_shell
from components.span_bars import SpanBar, SpanPanel, span_panels
from components.stage_bars import LabelledBar, labelled_bars
from components.units import unit_label
from data_access.queries.base import DataUnavailable
from data_access.queries.cases import (
    case_periods,
    compensation_by_year,
    compensation_rule,
    complaint_breakdown,
    period_totals,
    stage_values,
    trend_series,
)

PATH = "/cases"
dash.register_page(__name__, path=PATH, name=N_("Cases"), nav_order=40, title="Cases")

# Who counts each stage, as the report names it (no register is named for court and conviction figures).
STAGE_REGISTER = {
    "complaints": N_("counted by the Ombudsman"),
    "info_book": N_("counted by the Committee on Legal Statistics"),
    "registered": N_("counted by the Committee on Legal Statistics"),
    "registered_art146": N_("counted in the Unified Register of Pre-trial Investigations"),
}
HOW_OBTAINED = {
    "published": N_("as published"),
    "derived": N_("sum of the published years"),
    "not_published": N_("not published"),
}
BREAKDOWN_HEADINGS = {
    "origin": N_("When the torture is said to have happened"),
    "complaint_kind": N_("First-time or repeat complaint"),
    "body": N_("Who considered the complaints"),
}
SERIES_ORDER = ("discontinued", "suspended", "court", "convicted")


# ---------------------------------------------------------------- shared helpers


def _flat_sources(frame: pd.DataFrame, lang: str) -> list[str]:
    """Sources of rows whose `source_lines` is a list (a derived value rests on several lines), row by row."""
    sources: dict[str, None] = {}
    for row in frame.to_dict("records"):
        if isinstance(row.get("source_ref"), str) and row["source_lines"]:
            lines = pd.DataFrame({"source_ref": row["source_ref"], "source_line": row["source_lines"]})
            sources.update(dict.fromkeys(sources_from(lines, lang)))
    return list(sources)


def _whole_numbers(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Counts as integers (so a download reads 240, not 240.0); missing stays missing, fractions stay."""
    frame = frame.copy()
    for column in columns:
        values = pd.to_numeric(frame[column], errors="coerce")
        if values.dropna().map(lambda v: float(v).is_integer()).all():
            frame[column] = values.round().astype("Int64")
    return frame


def _flat_notes(frame: pd.DataFrame) -> list[str]:
    """The distinct data notes of rows whose `note_texts` is a list."""
    return list(dict.fromkeys(text for texts in frame.get("note_texts", []) for text in texts))


def _period_label(period: str, lang: str) -> str:
    """'2025', or '2021–2022 (two-year total)' for a span."""
    _ = translator(lang)
    return _("{period} (two-year total)").format(period=format_period(period)) if "-" in period else period


def default_period(periods: list[str]) -> str:
    """The latest single year the case figures cover."""
    years = [p for p in periods if "-" not in p]
    return max(years) if years else (periods[-1] if periods else "")


def valid_period(requested: object, periods: list[str]) -> tuple[str, bool]:
    """The period to show and whether the requested one was accepted (absent counts as accepted)."""
    if requested is None or requested == "":
        return default_period(periods), True
    if isinstance(requested, str) and requested in periods:
        return requested, True
    return default_period(periods), False


# ---------------------------------------------------------------- the stages


@register_dataset("cases.stages")
def stages_data(lang: str, period: str | None = None) -> CardData:
    """Each stage's figure for one year or span: value, unit, how it was obtained, what the report gives instead."""
    _ = translator(lang)
    periods = case_periods()
    period = period or default_period(periods)
    if period not in periods:
        raise ValueError(f"unknown period {period!r}")
    frame = stage_values(lang, period).copy()
    frame["unit_name"] = [unit_label(u, lang) for u in frame["unit"]]
    frame["period_label"] = format_period(period)
    frame["how"] = [_(HOW_OBTAINED[s]) for s in frame["status"]]
    frame["instead_label"] = [format_period(p) if isinstance(p, str) else "" for p in frame["instead_period"]]
    frame = _whole_numbers(frame, ["value", "instead_value"])
    columns = [
        Column("indicator_name", _("Stage")),
        Column("unit_name", _("Unit")),
        Column("period_label", _("Period")),
        Column("value", _("Value"), "count"),
        Column("how", _("How obtained")),
    ]
    if frame["instead_period"].notna().any():
        columns += [
            Column("instead_label", _("The report gives instead")),
            Column("instead_value", _("Value given instead"), "count"),
        ]
    return CardData(
        frame=frame,
        columns=columns,
        caption=_("Complaints, registrations, court cases and convictions, {period}").format(
            period=format_period(period)
        ),
        sources=_flat_sources(frame, lang),
        notes=_flat_notes(frame),
    )


def _stage_text(row: dict, lang: str) -> str:
    """What is written on a stage's bar (or in its place when it has no value)."""
    _ = translator(lang)
    if row["status"] == "derived":
        return _("{value} (sum of the years)").format(value=format_value(row["value"], row["unit"], lang))
    if not is_missing(row["value"]):
        return format_value(row["value"], row["unit"], lang)
    if row["instead_kind"] == "span":
        return _("not published for {period} alone; {span}: {value} (two-year total)").format(
            period=format_period(row["period"]),
            span=format_period(row["instead_period"]),
            value=format_value(row["instead_value"], row["unit"], lang),
        )
    if row["instead_kind"] == "part":
        return _("not published for {period} as a whole; {year} alone: {value}").format(
            period=format_period(row["period"]),
            year=row["instead_period"],
            value=format_value(row["instead_value"], row["unit"], lang),
        )
    return _("not published")


def stages_card(lang: str, period: str) -> html.Section:
    """The stages card for one year or span: separate bars, each with its unit and source."""
    _ = translator(lang)
    data = stages_data(lang, period)
    bars = []
    figures = []
    for row in data.frame.to_dict("records"):
        text = _stage_text(row, lang)
        register = _(STAGE_REGISTER[row["stage"]]) if row["stage"] in STAGE_REGISTER else None
        source = "; ".join(_flat_sources(pd.DataFrame([row]), lang))
        detail = " · ".join(part for part in (unit_label(row["unit"], lang), register, source) if part)
        bars.append(
            LabelledBar(
                title=row["indicator_name"],
                detail=detail,
                value=None if is_missing(row["value"]) else row["value"],
                text=text,
            )
        )
        figures.append(_("{name}: {value}").format(name=row["indicator_name"], value=text))
    summary = _("In {period}: {figures}.").format(period=format_period(period), figures="; ".join(figures))
    reading = html.P(
        _(
            "Each bar counts something different, in its own register: complaints, records, offences, criminal cases, persons. The bars are not one group of people passing from stage to stage: a case sent to court or a conviction in one year may go back to a complaint or an offence of an earlier year, one case may concern several persons, and a complaint to the Ombudsman need not become a registered offence. Compare a bar with the same bar in other years, not with the bar above it."
        ),
        className="chart-reading",
    )
    return chart_card(
        "cases-stages",
        _("Complaints, registrations, court cases and convictions, {period}").format(period=format_period(period)),
        summary,
        data,
        lang,
        figure=labelled_bars(bars, lang),
        download=("cases.stages", {"period": period}),
        extra=[reading],
    )


# ---------------------------------------------------------------- trends over the years


@register_dataset("cases.trends")
def trends_data(lang: str) -> CardData:
    """Discontinued, suspended, sent to court and convicted, per year or two-year span, as published."""
    _ = translator(lang)
    frame = trend_series(lang)
    frame = frame[frame["status"] == "published"].copy()
    frame["order"] = frame["series"].map(SERIES_ORDER.index)
    frame = frame.sort_values(["order", "period_start"], ignore_index=True)
    frame["unit_name"] = [unit_label(u, lang) for u in frame["unit"]]
    frame["period_label"] = [format_period(p) for p in frame["period"]]
    frame["covers"] = [_("two-year total") if span else _("one year") for span in frame["is_span"]]
    frame = _whole_numbers(frame, ["value"])
    return CardData(
        frame=frame,
        columns=[
            Column("indicator_name", _("Series")),
            Column("period_label", _("Period")),
            Column("value", _("Value"), "count"),
            Column("unit_name", _("Unit")),
            Column("covers", _("Period covered")),
        ],
        caption=_("Investigations, court cases and convictions over the years"),
        sources=sources_from(frame, lang),
        notes=[str(t) for t in dict.fromkeys(frame["note_text"].dropna())],
    )


def trends_card(lang: str) -> html.Section | html.P:
    """One panel per series over the years; two-year totals drawn across both years."""
    _ = translator(lang)
    data = trends_data(lang)
    frame = data.frame
    if frame.empty:
        return empty_state(_("The report publishes no figures on investigations, court cases or convictions."))
    panels, sentences = [], []
    for _key, series in frame.groupby("order", sort=True):
        name, unit = series["indicator_name"].iloc[0], series["unit"].iloc[0]
        bars = []
        for row in series.to_dict("records"):
            value = format_value(row["value"], unit, lang)
            text = f"{value}<br>({format_period(row['period'])})" if row["is_span"] else value
            hover = _("{name}, {period}: {value} {unit}").format(
                name=name, period=_period_label(row["period"], lang), value=value, unit=unit_label(unit, lang)
            )
            bars.append(SpanBar(int(row["period_start"]), int(row["period_end"]), float(row["value"]), text, hover))
        panels.append(SpanPanel(f"{name} ({unit_label(unit, lang)})", bars))
        first, last = series.iloc[0], series.iloc[-1]
        sentences.append(
            _("{name}: {first_value} in {first_period}, {last_value} in {last_period}").format(
                name=name,
                first_value=format_value(first["value"], unit, lang),
                first_period=_period_label(first["period"], lang),
                last_value=format_value(last["value"], unit, lang),
                last_period=_period_label(last["period"], lang),
            )
        )
    first_year, last_year = int(frame["period_start"].min()), int(frame["period_end"].max())
    figure = span_panels(panels, lang, first_year, last_year, _("not published"))
    spans = html.P(
        _(
            "A hatched bar across two years is a two-year total, as the report gives it; the report does not split it into single years, and neither does this chart."
        ),
        className="chart-reading",
    )
    return chart_card(
        "cases-trends",
        _("Investigations, court cases and convictions, {first}–{last}").format(first=first_year, last=last_year),
        "; ".join(sentences) + ".",
        data,
        lang,
        figure=figure,
        download=("cases.trends", {}),
        extra=[spans],
    )


@register_dataset("cases.totals")
def totals_data(lang: str) -> CardData:
    """Totals over several years computed from the published years, beside the totals the report prints."""
    _ = translator(lang)
    frame = period_totals(lang).copy()
    frame["order"] = frame["series"].map(SERIES_ORDER.index)
    frame = frame.sort_values(["order", "period"], ignore_index=True)
    frame["period_label"] = [format_period(p) for p in frame["period"]]
    frame["agreement"] = [
        _("no printed total")
        if agrees is None or pd.isna(agrees)
        else (_("yes") if agrees else _("no, see the data note"))
        for agrees in frame["agrees"]
    ]
    frame = _whole_numbers(frame, ["computed", "printed"])
    return CardData(
        frame=frame,
        columns=[
            Column("indicator_name", _("Series")),
            Column("period_label", _("Period")),
            Column("computed", _("Total computed from the years"), "count"),
            Column("printed", _("Total printed in the report"), "count"),
            Column("agreement", _("Do they agree?")),
        ],
        caption=_("Totals over several years"),
        sources=_flat_sources(frame, lang),
        notes=_flat_notes(frame),
    )


def _disagrees(agrees: object) -> bool:
    """Whether a computed total and the printed one are both there and differ."""
    return agrees is not None and not pd.isna(agrees) and not bool(agrees)


def totals_card(lang: str) -> html.Section:
    """The multi-year totals as a table: computed from the years, with the report's printed total beside them."""
    _ = translator(lang)
    data = totals_data(lang)
    sentences = [
        _(
            "Each total is the sum of the published years and two-year totals; where the report prints its own total, it is shown beside it."
        )
    ]
    for row in data.frame.to_dict("records"):
        if _disagrees(row["agrees"]):
            sentences.append(
                _(
                    "The report prints {printed} as the total of “{name}” for {period}, but the years add up to {computed}; the total shown is the computed one."
                ).format(
                    printed=format_value(row["printed"], row["unit"], lang),
                    name=row["indicator_name"],
                    period=row["period_label"],
                    computed=format_value(row["computed"], row["unit"], lang),
                )
            )
    return chart_card(
        "cases-totals", _("Totals over several years"), " ".join(sentences), data, lang, download=("cases.totals", {})
    )


# ---------------------------------------------------------------- compensation


@register_dataset("cases.compensation")
def compensation_data(lang: str) -> CardData:
    """Victims paid, tenge paid and tenge per victim (computed), per year."""
    _ = translator(lang)
    frame = _whole_numbers(compensation_by_year(lang), ["victims", "paid_tenge"])
    return CardData(
        frame=frame,
        columns=[
            Column("period", _("Year")),
            Column("victims", _("Victims paid"), "persons"),
            Column("paid_tenge", _("Amount paid, tenge"), "tenge"),
            Column("per_victim", _("Amount per victim, tenge (computed)"), "tenge"),
        ],
        caption=_("Compensation paid to victims of torture from the victims' fund"),
        sources=_flat_sources(frame, lang),
        notes=_flat_notes(frame),
    )


def compensation_card(lang: str) -> html.Section | html.P:
    """Victims paid, amount and amount per victim by year, with the compensation rule the report gives."""
    _ = translator(lang)
    data = compensation_data(lang)
    frame = data.frame
    if frame.empty:
        return empty_state(_("The report publishes no figures on compensation."))
    series = (
        ("victims", _("Victims paid"), "persons"),
        ("paid_tenge", _("Amount paid"), "tenge"),
        ("per_victim", _("Amount per victim (computed)"), "tenge"),
    )
    panels = []
    for key, title, unit in series:
        bars = [
            SpanBar(int(r["period_start"]), int(r["period_end"]), float(r[key]), format_value(r[key], unit, lang),
                    f"{title}, {r['period']}: {format_value(r[key], unit, lang)} {unit_label(unit, lang)}")
            for r in frame.to_dict("records")
            if not is_missing(r[key])
        ]  # fmt: skip
        panels.append(SpanPanel(f"{title} ({unit_label(unit, lang)})", bars))
    figure = span_panels(
        panels, lang, int(frame["period_start"].min()), int(frame["period_end"].max()), _("not published")
    )
    latest = frame.iloc[-1]
    summary = _(
        "In {period} the Ministry of Finance paid {amount} tenge to {victims} victims of torture: {per_victim} tenge per victim on average."
    ).format(
        period=latest["period"],
        amount=format_value(latest["paid_tenge"], "tenge", lang),
        victims=format_value(latest["victims"], "persons", lang),
        per_victim=format_value(latest["per_victim"], "tenge", lang),
    )
    extra = []
    notes = list(data.notes)
    rule = compensation_rule(lang)
    if rule is not None:
        source = "; ".join(sources_from(pd.DataFrame([rule]), lang))
        extra.append(
            html.P(
                _(
                    "The rule: under the law on the Victims Compensation Fund, victims of torture are placed in category 1 and are paid {value} MCI (monthly calculation indices) each ({source}). The report does not say which MCI value was used, so the amounts paid cannot be checked against the rule."
                ).format(value=format_value(rule["value"], rule["unit"], lang), source=source),
                className="chart-reading",
            )
        )
        if rule["note_text"]:
            notes.append(rule["note_text"])
    data.notes = list(dict.fromkeys(notes))
    return chart_card(
        "cases-compensation",
        _("Compensation paid to victims of torture"),
        summary,
        data,
        lang,
        figure=figure,
        download=("cases.compensation", {}),
        extra=extra,
    )


# ---------------------------------------------------------------- where complaints come from


@register_dataset("cases.origins")
def origins_data(lang: str) -> CardData:
    """Complaints of the latest year with breakdowns: in all, by origin, by kind, and those the regional representatives considered."""
    _ = translator(lang)
    frame = complaint_breakdown(lang)
    if frame.empty:
        frame = pd.DataFrame(
            columns=["label", "breakdown", "period", "value", "share", "source_ref", "source_line", "note_text"]
        )
    else:
        frame = frame.copy()
        frame["label"] = [
            name if isinstance(name, str) else ind
            for name, ind in zip(frame["category_name"], frame["indicator_name"], strict=True)
        ]
        frame["breakdown"] = [
            _(BREAKDOWN_HEADINGS[g]) if g in BREAKDOWN_HEADINGS else _("All complaints") for g in frame["group"]
        ]
        frame = _whole_numbers(frame, ["value"])
    return CardData(
        frame=frame,
        columns=[
            Column("label", _("Complaints")),
            Column("breakdown", _("Breakdown")),
            Column("period", _("Year")),
            Column("value", _("Number"), "complaints"),
            Column("share", _("Share of all complaints"), "share"),
        ],
        caption=_("Where the complaints come from"),
        sources=sources_from(frame, lang),
        notes=[str(t) for t in dict.fromkeys(frame["note_text"].dropna())],
    )


def origins_card(lang: str) -> html.Section | html.P:
    """Complaints by origin, by kind and by who considered them; the breakdowns are never added together."""
    _ = translator(lang)
    data = origins_data(lang)
    frame = data.frame
    if frame.empty:
        return empty_state(_("The report publishes no breakdown of complaints."))
    period = frame["period"].iloc[0]
    bars, sentences, seen = [], [], set()
    for row in frame.to_dict("records"):
        value = format_value(row["value"], "complaints", lang)
        text = value if is_missing(row["share"]) else f"{value} ({format_percent(row['share'], lang)})"
        source = "; ".join(sources_from(pd.DataFrame([row]), lang))
        heading = row["breakdown"] if row["group"] != "total" and row["group"] not in seen else None
        seen.add(row["group"])
        bars.append(
            LabelledBar(
                row["label"], f"{unit_label('complaints', lang)} · {source}", row["value"], text, heading=heading
            )
        )
        sentences.append(_("{name}: {value}").format(name=row["label"], value=text))
    summary = _("In {period}: {figures}.").format(period=period, figures="; ".join(sentences))
    reading = html.P(
        _(
            "Each breakdown divides the same complaints in its own way, so numbers from different breakdowns must not be added together. Shares are of all complaints received in the year."
        ),
        className="chart-reading",
    )
    return chart_card(
        "cases-origins",
        _("Where the complaints come from, {period}").format(period=period),
        summary,
        data,
        lang,
        figure=labelled_bars(bars, lang, colour="green"),
        download=("cases.origins", {}),
        extra=[reading],
    )


# ---------------------------------------------------------------- the page


def period_selector(lang: str, periods: list[str], period: str) -> html.Div:
    """Radio buttons for each year and two-year span, in a fieldset with a legend (hidden in print)."""
    _ = translator(lang)
    fieldset = html.Fieldset(
        [
            html.Legend(_("Year or two-year span"), className="h6"),
            # dbc's radios are native inputs with <label for>; dcc.RadioItems (Dash 4) nests inputs in role=option.
            dbc.RadioItems(
                id="cases-period",
                options=[{"label": _period_label(p, lang), "value": p} for p in periods],
                value=period,
                inline=True,
                # One name makes the radios one group: one Tab stop, arrow keys move the choice.
                name="cases-period",
                class_name="period-options",
                # Bootstrap's pale radio outline falls short of the 3:1 contrast a control needs.
                input_style={"borderColor": "#6c757d"},
            ),
        ],
        className="mb-0",
    )
    return html.Div(fieldset, className="filters")


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The case-outcome page for the URL's year or span (default: the latest year)."""
    lang = resolve_language(lang)
    _ = translator(lang)
    title = _("What happens to torture complaints")
    intro = html.P(
        _(
            "What happens to complaints about torture in the criminal process, as far as the Ombudsman's report gives it: complaints to the Ombudsman, offences registered, investigations discontinued or suspended, criminal cases sent to court, persons convicted, and compensation paid to victims. Every number carries its unit and the place in the report it comes from."
        ),
        className="lead-text",
    )
    try:
        periods = case_periods()
        if not periods:
            return page_shell(
                PATH, lang, title, [intro, empty_state(_("No case figures have been published yet."))], query
            )
        period, accepted = valid_period(query.get("period"), periods)
        notices = (
            []
            if accepted
            else [
                notice(
                    _("There is no figure for the period in the address; showing {period} instead.").format(
                        period=format_period(period)
                    ),
                    "warning",
                )
            ]
        )
        content = [
            intro,
            dcc.Store(id="cases-lang", data=lang),
            dcc.Store(id="cases-filters"),
            dcc.Store(id="cases-url-sync"),
            html.Div(notices, id="cases-notice", **{"aria-live": "polite"}),
            period_selector(lang, periods, period),
            html.Div(stages_card(lang, period), id="cases-stages-slot"),
            trends_card(lang),
            totals_card(lang),
            compensation_card(lang),
            origins_card(lang),
        ]
    except DataUnavailable:
        return page_shell(PATH, lang, title, [intro, data_unavailable(lang)], query)
    return page_shell(PATH, lang, title, content, query)


@callback(
    Output("cases-stages-slot", "children"),
    Output("cases-notice", "children"),
    Output("cases-filters", "data"),
    Input("cases-period", "value"),
    State("cases-lang", "data"),
    prevent_initial_call=True,
)
def change_period(requested: object, lang: object) -> tuple:
    """Re-build the stages card for the chosen period; anything malformed gives the default and a notice."""
    lang = lang if is_language(lang) else resolve_language(None)
    _ = translator(lang)
    try:
        periods = case_periods()
        period, accepted = valid_period(requested, periods)
        card = stages_card(lang, period)
    except DataUnavailable:
        return data_unavailable(lang), [], dash.no_update
    notices = (
        []
        if accepted
        else [
            notice(
                _("There is no figure for the period chosen; showing {period} instead.").format(
                    period=format_period(period)
                ),
                "warning",
            )
        ]
    )
    return card, notices, {"period": period}


clientside_callback(
    ClientsideFunction("url", "replaceQuery"),
    Output("cases-url-sync", "data"),
    Input("cases-filters", "data"),
)
