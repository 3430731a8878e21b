"""The briefing's cards: a small multiple per key indicator, the timeline and the open recommendations."""

from __future__ import annotations

import dataclasses

from dash import html

from components.chart_card import chart_card
from components.formatting import format_number, format_percent, format_period, format_value, is_missing
from components.i18n import N_, translator
from components.kpi_card import change_in_words
from components.shell import page_href
from components.small_multiple import SMALL_GRAPH_CONFIG, trend_bars
from components.units import counted, n_
from data_access.queries.upr import key_indicators, mandate_coverage, report_recommendations

from .datasets import (
    TREND_TEXT,
    coverage_data,
    coverage_label,
    fulfilment_data,
    indicator_data,
    milestones_data,
    outstanding_recommendations_data,
)
from .params import ALL_KINDS

# The order of the small multiples: trend keys, and the two shares in their place.
CARD_ORDER = (
    "complaints",
    "registered",
    "discontinued",
    "convicted",
    "npm_visits",
    "covered",
    "coverage",
    "fulfilment",
    "compensation",
)

KIND_LABELS = {
    "international": N_("International instruments"),
    "law": N_("Laws"),
    "institution": N_("Institutions"),
    "cat": N_("UN Committee against Torture"),
    "upr": N_("Universal Periodic Review"),
}


def change_text(row: dict, lang: str) -> str:
    """The change on the comparable period before, or why there is none."""
    _ = translator(lang)
    if is_missing(row.get("previous_value")) and row.get("earlier_periods", 0) > 0:
        return _("No comparable earlier figure in the report (earlier figures cover other periods).")
    words = change_in_words(row["value"], row.get("previous_value"), row.get("previous_period"), lang)
    # Some languages' wording already ends in an abbreviation's full stop ("… 2024 г.").
    return words if words.endswith(".") else words + "."


def indicator_card(row: dict, lang: str) -> html.Section:
    """A small multiple of one trend indicator: its bars over the periods, latest value and change in words."""
    _ = translator(lang)
    key = row["key"]
    data = indicator_data(lang, key)
    sentence = counted(lang, TREND_TEXT[key][1], row["value"], row["unit"], period=format_period(row["period"]))
    values = [None if is_missing(v) else float(v) for v in data.frame["value"]]
    figure = None
    if len(values) > 1:
        figure = trend_bars(
            list(data.frame["period"]), values, [format_value(v, row["unit"], lang) for v in values], lang
        )
    return chart_card(
        f"upr-{key}",
        _(TREND_TEXT[key][0]),
        f"{sentence} {change_text(row, lang)}",
        data,
        lang,
        figure=figure,
        download=("upr.indicator", {"key": key}),
        graph_config=SMALL_GRAPH_CONFIG,
    )


def coverage_card(lang: str) -> html.Section | None:
    """The covered facilities as a share of each total of mandated facilities the report gives."""
    _ = translator(lang)
    records = mandate_coverage(lang).frame.to_dict("records")
    if not records:
        return None
    data = coverage_data(lang)
    # The card sits beside the "covered" card, which already gives the notes on the 817 facilities covered:
    # a note is printed once (the download keeps them all).
    shown = set(indicator_data(lang, "covered").notes)
    data = dataclasses.replace(data, notes=[note for note in data.notes if note not in shown])
    parts = [
        _("{share} of {mandated} ({label})").format(
            share=format_percent(row["share"], lang),
            mandated=format_number(row["mandated"], lang),
            label=coverage_label(row, lang),
        )
        for row in records
    ]
    summary = counted(
        lang,
        n_(
            "In {period}, {n} mandated facility was covered by visits: {parts}. The report gives both totals and does not explain the difference.",
            "In {period}, {n} mandated facilities were covered by visits: {parts}. The report gives both totals and does not explain the difference.",
        ),
        records[0]["covered"],
        period=format_period(records[0]["period"]),
        parts="; ".join(parts),
    )
    figure = trend_bars(
        [_("of {mandated}").format(mandated=format_number(row["mandated"], lang)) for row in records],
        [float(row["share"]) * 100 for row in records],
        [format_percent(row["share"], lang) for row in records],
        lang,
        highlight=None,
    )
    return chart_card(
        "upr-coverage",
        _("Share of the mandate covered"),
        summary,
        data,
        lang,
        figure=figure,
        download=("upr.coverage", {}),
        graph_config=SMALL_GRAPH_CONFIG,
    )


def fulfilment_card(row: dict, lang: str) -> html.Section:
    """The NPM's fulfilment: fulfilled of sent, the computed share and the share the report prints."""
    _ = translator(lang)
    data = fulfilment_data(lang)
    summary = counted(
        lang,
        n_(
            "{fulfilled} of the {n} recommendation the NPM sent in {period} were fulfilled: {share}.",
            "{fulfilled} of the {n} recommendations the NPM sent in {period} were fulfilled: {share}.",
        ),
        row["issued_value"],
        fulfilled=format_number(row["value"], lang),
        period=format_period(row["period"]),
        share=format_percent(row["fulfilled_share"], lang),
    )
    if not is_missing(row.get("printed_share")):
        summary += " " + _("The report prints {printed}.").format(printed=format_percent(row["printed_share"], lang, 0))
    summary += " " + change_text(row, lang)
    shares = [None if is_missing(v) else float(v) * 100 for v in data.frame["share"]]
    if len(shares) > 1:
        figure = trend_bars(
            list(data.frame["period"]),
            shares,
            [format_percent(v / 100, lang) if v is not None else "" for v in shares],
            lang,
        )
    else:
        # One period only: what was sent against what was fulfilled shows the gap the share measures.
        counts = [float(row["issued_value"]), float(row["value"])]
        figure = trend_bars([_("Sent"), _("Fulfilled")], counts, [format_number(v, lang) for v in counts], lang)
    return chart_card(
        "upr-fulfilment",
        _("NPM recommendations fulfilled"),
        summary,
        data,
        lang,
        figure=figure,
        download=("upr.fulfilment", {}),
        graph_config=SMALL_GRAPH_CONFIG,
    )


def indicator_cards(lang: str) -> list[html.Div]:
    """The small multiples, in CARD_ORDER, each in a grid cell."""
    rows = {row["key"]: row for row in key_indicators(lang).to_dict("records")}
    cards = []
    for key in CARD_ORDER:
        if key == "coverage":
            card = coverage_card(lang)
        elif key == "fulfilment":
            card = fulfilment_card(rows["recs_fulfilled"], lang) if "recs_fulfilled" in rows else None
        else:
            card = indicator_card(rows[key], lang) if key in rows else None
        if card is not None:
            cards.append(html.Div(card, className="col-12 col-md-6 col-lg-4 upr-multiple"))
    return cards


def milestones_card(lang: str, kind: str) -> html.Section:
    """The timeline of obligations and milestones as a table, oldest first."""
    _ = translator(lang)
    data = milestones_data(lang, kind)
    if data.frame.empty:
        summary = _("The report names no milestone of this type.")
    else:
        first, last = data.frame["date"].iloc[0], data.frame["date"].iloc[-1]
        forms = (
            n_(
                "{n} dated step the report names, from {first} to {last}: the international instruments, Kazakhstan's laws and institutions, the UN Committee against Torture and the Universal Periodic Review.",
                "{n} dated steps the report names, from {first} to {last}: the international instruments, Kazakhstan's laws and institutions, the UN Committee against Torture and the Universal Periodic Review.",
            )
            if kind == ALL_KINDS
            else n_(
                "{n} milestone of the type “{kind}”, from {first} to {last}.",
                "{n} milestones of the type “{kind}”, from {first} to {last}.",
            )
        )
        summary = counted(lang, forms, len(data.frame), first=first, last=last, kind=_(KIND_LABELS.get(kind, kind)))
    return chart_card(
        "upr-milestones",
        _("Timeline of the report's milestones"),
        summary,
        data,
        lang,
        download=("upr.milestones", {"kind": kind}),
    )


def recommendations_card(lang: str) -> html.Section:
    """The report's open recommendations as a table, each linked to the tracker."""
    _ = translator(lang)
    data = outstanding_recommendations_data(lang)
    groups = report_recommendations(lang)["status_group"].value_counts()
    # The site's one vocabulary: open (proposed, in progress), not fulfilled (so assessed), fulfilled.
    summary = _(
        "Closing recommendations of the report to state bodies: {total}. Open (proposed or in progress): {open}; "
        "assessed as not fulfilled: {not_fulfilled}; fulfilled: {fulfilled}."
    ).format(
        total=format_number(int(groups.sum()), lang),
        open=format_number(int(groups.get("open", 0)), lang),
        not_fulfilled=format_number(int(groups.get("not_fulfilled", 0)), lang),
        fulfilled=format_number(int(groups.get("fulfilled", 0)), lang),
    )
    links = [
        html.A(
            code,
            href=page_href("/recommendations", lang, rec=code),
            className="me-2",
            **{"aria-label": _("Recommendation {code} in the tracker").format(code=code)},
        )
        for code in data.frame["code"]
    ]
    extra = (
        [
            html.P(
                [_("Follow each in the recommendation tracker") + ": ", *links],
                className="upr-tracker-links d-print-none",
            )
        ]
        if links
        else []
    )
    return chart_card(
        "upr-recommendations",
        _("Open recommendations"),
        summary,
        data,
        lang,
        download=("upr.recommendations", {}),
        extra=extra,
    )
