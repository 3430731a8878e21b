"""The briefing's tables: what each card shows and what its download holds."""

from __future__ import annotations

import pandas as pd

from components.datasets import CardData, Column, notes_from, register_dataset, row_sources, sources_from
from components.formatting import format_date, format_period, is_missing
from components.i18n import N_, translator
from components.page import Param, ParamSpec, read_params
from components.units import n_, unit_label
from data_access.queries.upr import (
    indicator_trends,
    mandate_coverage,
    milestone_notes,
    milestones,
    npm_fulfilment,
    outstanding_recommendations,
)
from data_access.vocabulary import STATUS_LABELS

from .params import ALL_KINDS, PARAMS

# key -> (title, counted sentence with {n} and {period}); shared keys use the overview's words.
TREND_TEXT = {
    "complaints": (
        N_("Complaints about torture"),
        n_(
            "The Ombudsman received {n} complaint about torture in {period}.",
            "The Ombudsman received {n} complaints about torture in {period}.",
        ),
    ),
    "registered": (
        N_("Registered torture offences"),
        n_("{n} torture offence was registered in {period}.", "{n} torture offences were registered in {period}."),
    ),
    "discontinued": (
        N_("Investigations discontinued on exonerating grounds"),
        n_(
            "{n} pre-trial investigation of torture was discontinued on exonerating grounds in {period}.",
            "{n} pre-trial investigations of torture were discontinued on exonerating grounds in {period}.",
        ),
    ),
    "convicted": (
        N_("Persons convicted"),
        n_("{n} person was convicted of torture in {period}.", "{n} persons were convicted of torture in {period}."),
    ),
    "npm_visits": (
        N_("NPM visits"),
        n_(
            "NPM groups made {n} visit to closed institutions in {period}.",
            "NPM groups made {n} visits to closed institutions in {period}.",
        ),
    ),
    "covered": (
        N_("Mandated facilities covered"),
        n_(
            "{n} facility of the NPM's mandate was covered by visits in {period}.",
            "{n} facilities of the NPM's mandate were covered by visits in {period}.",
        ),
    ),
    "compensation": (
        N_("Compensation paid to victims"),
        n_(
            "Victims of torture were paid {n} tenge from the victims' fund in {period}.",
            "Victims of torture were paid {n} tenge from the victims' fund in {period}.",
        ),
    ),
}
# The indicator download names its series; the page itself has no such parameter.
INDICATOR_PARAMS = ParamSpec((Param("key", tuple(TREND_TEXT), default="complaints"),))
# The source reference of the report's closing recommendations, translated where it is printed.
N_("Conclusions and recommendations")


@register_dataset("upr.indicator", params=INDICATOR_PARAMS)
def indicator_data(lang: str, key: str = "complaints") -> CardData:
    """One key indicator over every period the report gives, for its small multiple."""
    if not read_params(INDICATOR_PARAMS, {"key": key}, lang).ok:
        raise ValueError("unknown indicator")
    _ = translator(lang)
    trends = indicator_trends(lang)
    series = trends[trends["key"] == key]
    frame = pd.DataFrame(
        {
            "period": [format_period(p) for p in series["period"]],
            "value": [
                None if status != "published" or is_missing(v) else float(v)
                for v, status in zip(series["value"], series["status"], strict=True)
            ],
        }
    )
    unit = series["unit"].iloc[0] if len(series) else "text"
    name = series["indicator_name"].iloc[0] if len(series) else _(TREND_TEXT[key][0])
    return CardData(
        frame=frame,
        columns=[Column("period", _("Period")), Column("value", f"{name} ({unit_label(unit, lang)})", unit)],
        # A table caption of its own: the card's title already names the card.
        caption=_("{title}, by period").format(title=_(TREND_TEXT[key][0])),
        sources=sources_from(series, lang),
        notes=notes_from(series),
    )


def coverage_label(row: dict, lang: str) -> str:
    """Which of the report's totals of mandated facilities a row uses."""
    _ = translator(lang)
    name = row.get("total_variant_name")
    return name if isinstance(name, str) else _("Section 6 of the report")


@register_dataset("upr.coverage")
def coverage_data(lang: str) -> CardData:
    """Mandated facilities covered in the latest year, as a share of each total the report gives."""
    _ = translator(lang)
    coverage = mandate_coverage(lang)
    records = coverage.frame.to_dict("records")
    frame = pd.DataFrame(
        {
            "total": [coverage_label(row, lang) for row in records],
            "mandated": [row["mandated"] for row in records],
            "covered": [row["covered"] for row in records],
            "share": [row["share"] for row in records],
        }
    )
    return CardData(
        frame=frame,
        columns=[
            Column("total", _("Total as given in")),
            Column("mandated", _("Mandated"), "facilities"),
            Column("covered", _("Covered"), "facilities"),
            Column("share", _("Share"), "share"),
        ],
        caption=_("Facilities covered against each total of mandated facilities"),
        sources=sources_from(coverage.inputs, lang),
        notes=notes_from(coverage.inputs),
    )


@register_dataset("upr.fulfilment")
def fulfilment_data(lang: str) -> CardData:
    """NPM recommendations sent and fulfilled, the share computed from them and the share as printed."""
    _ = translator(lang)
    fulfilment = npm_fulfilment(lang)
    frame = pd.DataFrame(
        {
            "period": [format_period(p) for p in fulfilment["period"]],
            "issued": fulfilment["issued"].tolist(),
            "fulfilled": fulfilment["fulfilled"].tolist(),
            "share": fulfilment["share"].tolist(),
            "printed_share": fulfilment["printed_share"].tolist(),
        }
    )
    return CardData(
        frame=frame,
        columns=[
            Column("period", _("Period")),
            Column("issued", _("Sent"), "recommendations"),
            Column("fulfilled", _("Fulfilled"), "recommendations"),
            Column("share", _("Share"), "share"),
            Column("printed_share", _("Printed"), "share"),
        ],
        caption=_("NPM recommendations sent and fulfilled, by period"),
        sources=sources_from(fulfilment, lang),
        notes=notes_from(fulfilment),
    )


@register_dataset("upr.milestones", params=PARAMS)
def milestones_data(lang: str, kind: str = ALL_KINDS) -> CardData:
    """The dated milestones the report names (all, or one kind), each with its source linked to its line."""
    if not read_params(PARAMS, {"kind": kind}, lang).ok:
        raise ValueError("unknown milestone kind")
    _ = translator(lang)
    rows = milestones(lang, None if kind == ALL_KINDS else kind)
    frame = pd.DataFrame(
        {
            "date": [format_date(d, lang, p) for d, p in zip(rows["date"], rows["precision"], strict=True)],
            "title": rows["title"].tolist(),
            "source": row_sources(rows, lang),
            # read by the download's source and report_lines columns, row by row
            "source_ref": rows["source_ref"].tolist(),
            "source_line": rows["source_line"].tolist(),
        }
    )
    return CardData(
        frame=frame,
        columns=[
            Column("date", _("Date")),
            Column("title", _("Milestone")),
            Column("source", _("Source")),
        ],
        caption=_("Milestones named in the report, oldest first, with the place in the report each comes from"),
        sources=sources_from(rows, lang),
        notes=milestone_notes(lang),
    )


@register_dataset("upr.recommendations")
def outstanding_recommendations_data(lang: str) -> CardData:
    """The report's closing recommendations not fulfilled yet (open or assessed as not fulfilled): addressees,
    status and source (linked to its line)."""
    _ = translator(lang)
    open_ones = outstanding_recommendations(lang)
    frame = pd.DataFrame(
        {
            "code": open_ones["code"].tolist(),
            "text": open_ones["text"].tolist(),
            "addressees": open_ones["addressees_text"].tolist(),
            "status": [_(STATUS_LABELS.get(s, s)) for s in open_ones["status"]],
            "source": row_sources(open_ones, lang),
            "source_ref": open_ones["source_ref"].tolist(),
            "source_line": open_ones["source_line"].tolist(),
        }
    )
    return CardData(
        frame=frame,
        columns=[
            Column("code", _("Code")),
            Column("text", _("Recommendation")),
            Column("addressees", _("Addressed to")),
            Column("status", _("Status")),
            Column("source", _("Source")),
        ],
        caption=_("The report's recommendations to state bodies not fulfilled yet: open or assessed as not fulfilled"),
        sources=sources_from(open_ones, lang),
        notes=notes_from(open_ones),
    )
