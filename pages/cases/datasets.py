"""The case page's tables: what each card shows and what its download holds."""

from __future__ import annotations

import pandas as pd

from components.datasets import CardData, Column, register_dataset, sources_from
from components.formatting import format_period
from components.i18n import N_, translator
from components.page import read_params
from components.units import unit_label
from data_access.queries.cases import (
    compensation_by_year,
    complaint_breakdown,
    period_totals,
    stage_values,
    trend_series,
)

from .params import PARAMS

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


def flat_sources(frame: pd.DataFrame, lang: str) -> list[str]:
    """Sources of rows whose `source_lines` is a list (a derived value rests on several lines), row by row."""
    sources: dict[str, None] = {}
    for row in frame.to_dict("records"):
        if isinstance(row.get("source_ref"), str) and row["source_lines"]:
            lines = pd.DataFrame({"source_ref": row["source_ref"], "source_line": row["source_lines"]})
            sources.update(dict.fromkeys(sources_from(lines, lang)))
    return list(sources)


def whole_numbers(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Counts as integers (so a download reads 240, not 240.0); missing stays missing, fractions stay."""
    frame = frame.copy()
    for column in columns:
        values = pd.to_numeric(frame[column], errors="coerce")
        if values.dropna().map(lambda v: float(v).is_integer()).all():
            frame[column] = values.round().astype("Int64")
    return frame


def flat_notes(frame: pd.DataFrame) -> list[str]:
    """The distinct data notes of rows whose `note_texts` is a list."""
    return list(dict.fromkeys(text for texts in frame.get("note_texts", []) for text in texts))


@register_dataset("cases.stages", params=PARAMS)
def stages_data(lang: str, period: str | None = None) -> CardData:
    """Each stage's figure for one year or span: value, unit, how it was obtained, what the report gives instead."""
    _ = translator(lang)
    params = read_params(PARAMS, {"period": period}, lang)
    if not params.ok:
        raise ValueError("unknown period")
    period = params.values["period"] or ""
    frame = stage_values(lang, period).copy()
    frame["unit_name"] = [unit_label(u, lang) for u in frame["unit"]]
    frame["period_label"] = format_period(period)
    frame["how"] = [_(HOW_OBTAINED[s]) for s in frame["status"]]
    frame["instead_label"] = [format_period(p) if isinstance(p, str) else "" for p in frame["instead_period"]]
    frame = whole_numbers(frame, ["value", "instead_value"])
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
        sources=flat_sources(frame, lang),
        notes=flat_notes(frame),
    )


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
    frame = whole_numbers(frame, ["value"])
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
    frame = whole_numbers(frame, ["computed", "printed"])
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
        sources=flat_sources(frame, lang),
        notes=flat_notes(frame),
    )


@register_dataset("cases.compensation")
def compensation_data(lang: str) -> CardData:
    """Victims paid, tenge paid and tenge per victim (computed), per year."""
    _ = translator(lang)
    frame = whole_numbers(compensation_by_year(lang), ["victims", "paid_tenge"])
    return CardData(
        frame=frame,
        columns=[
            Column("period", _("Year")),
            Column("victims", _("Victims paid"), "persons"),
            Column("paid_tenge", _("Amount paid, tenge"), "tenge"),
            Column("per_victim", _("Amount per victim, tenge (computed)"), "tenge"),
        ],
        caption=_("Compensation paid to victims of torture from the victims' fund"),
        sources=flat_sources(frame, lang),
        notes=flat_notes(frame),
    )


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
        frame = whole_numbers(frame, ["value"])
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
