"""The case page's cards: the stages of one period, trends, multi-year totals, compensation and origins."""

from __future__ import annotations

import pandas as pd
from dash import html

from components.chart_card import chart_card
from components.datasets import notes_from, sources_from
from components.formatting import format_percent, format_period, format_value, is_missing
from components.i18n import N_, translator
from components.notices import empty_state
from components.sources import linked_line_mentions, source_links
from components.span_bars import SpanBar, SpanPanel, span_panels
from components.stage_bars import LabelledBar, labelled_bars
from components.units import count_with_unit, counted, n_, unit_label
from data_access.queries.cases import compensation_proposal, compensation_rule

from .datasets import compensation_data, flat_sources, origins_data, stages_data, totals_data, trends_data
from .params import period_label

# Who counts each stage, as the report names it (no register is named for court and conviction figures).
STAGE_REGISTER = {
    "complaints": N_("counted by the Ombudsman"),
    "info_book": N_("counted by the Committee on Legal Statistics"),
    "registered": N_("counted by the Committee on Legal Statistics"),
    "registered_art146": N_("counted in the Unified Register of Pre-trial Investigations"),
}


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
        source = "; ".join(flat_sources(pd.DataFrame([row]), lang))
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
            hover = _("{name}, {period}: {value}").format(
                name=name, period=period_label(row["period"], lang), value=count_with_unit(row["value"], unit, lang)
            )
            bars.append(SpanBar(int(row["period_start"]), int(row["period_end"]), float(row["value"]), text, hover))
        panels.append(SpanPanel(f"{name} ({unit_label(unit, lang)})", bars))
        first, last = series.iloc[0], series.iloc[-1]
        sentences.append(
            _("{name}: {first_value} in {first_period}, {last_value} in {last_period}").format(
                name=name,
                first_value=format_value(first["value"], unit, lang),
                first_period=period_label(first["period"], lang),
                last_value=format_value(last["value"], unit, lang),
                last_period=period_label(last["period"], lang),
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
                    _("{name}, {period}: {value}").format(name=title, period=r["period"],
                                                          value=count_with_unit(r[key], unit, lang)))
            for r in frame.to_dict("records")
            if not is_missing(r[key])
        ]  # fmt: skip
        panels.append(SpanPanel(f"{title} ({unit_label(unit, lang)})", bars))
    figure = span_panels(
        panels, lang, int(frame["period_start"].min()), int(frame["period_end"].max()), _("not published")
    )
    latest = frame.iloc[-1]
    summary = counted(
        lang,
        n_(
            "In {period} the Ministry of Finance paid {amount} tenge to {n} victim of torture: {per_victim} tenge per victim on average.",
            "In {period} the Ministry of Finance paid {amount} tenge to {n} victims of torture: {per_victim} tenge per victim on average.",
        ),
        latest["victims"],
        "persons",
        period=latest["period"],
        amount=format_value(latest["paid_tenge"], "tenge", lang),
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
    proposal = compensation_proposal(lang)
    if proposal is not None:
        rows = proposal["rows"]
        # The proposal's status is what the report says of it: its data note, shown in full with its lines.
        status = " ".join(notes_from(rows))
        extra.append(
            html.P(
                [
                    html.Span(_("The proposal") + ": ", className="fw-semibold"),
                    _(
                        "in {period} it was proposed to raise the compensation for victims under art. 146 of the Criminal Code from {old} to {new}"
                    ).format(
                        period=proposal["period"],
                        old=count_with_unit(proposal["from"], proposal["unit"], lang),
                        new=count_with_unit(proposal["to"], proposal["unit"], lang),
                    ),
                    " (",
                    *source_links(sources_from(rows, lang), lang),
                    ").",
                    *([" ", _("Its status") + ": ", *linked_line_mentions(status, lang)] if status else []),
                ],
                className="chart-reading",
                id="cases-compensation-proposal",
            )
        )
        data.sources = list(dict.fromkeys([*data.sources, *sources_from(rows, lang)]))
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
