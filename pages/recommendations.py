"""Recommendation fulfilment: by issuing body and state body, by region (Table 3), the Ombudsman's
own visits, and a tracker of the report's recommendations with a permalink for each.

URL parameters: `agency` (a state body's code: every card keeps what concerns it), `status`
(the tracker's status filter), `rec` (one recommendation, shown first). Unknown values fall back
to the default view with a notice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update
from dash.exceptions import MissingCallbackContextException

from components.chart_card import chart_card
from components.charts import Figure
from components.datasets import CardData, Column, register_dataset, sources_from
from components.formatting import format_date, format_number, format_percent, is_missing
from components.heatmap import share_heatmap
from components.i18n import N_, is_language, resolve_language, translator
from components.notices import data_unavailable, empty_state, notice
from components.rec_tracker import HistoryStep, TrackerEntry, tracker_body, tracker_card, tracker_entry
from components.shell import page_href, page_shell
from components.stacked_shares import Segment, stacked_share_bars
from data_access.queries.base import DataUnavailable
from data_access.queries.recommendations import (
    fulfilment_by_agency,
    notes_for_lines,
    ombudsman_totals,
    ombudsman_visits,
    page_agencies,
    recommendation_codes,
    recommendation_tracker,
    region_agency_fulfilment,
    status_history,
)
from data_access.vocabulary import RECOMMENDATION_STATUSES

PATH = "/recommendations"
dash.register_page(__name__, path=PATH, name=N_("Recommendations"), nav_order=30, title="Recommendations")

ALL = "all"
HEATMAP_MIN_WIDTH = 680  # px: below this the heat map scrolls sideways
BODY_LABELS = {
    "body_npm": N_("NPM"),
    "body_ombudsman": N_("Ombudsman"),
    "body_regional_reps": N_("Regional representatives"),
}
STATUS_LABELS = {
    "proposed": N_("Proposed"),
    "in_progress": N_("In progress"),
    "fulfilled": N_("Fulfilled"),
    "not_fulfilled": N_("Not fulfilled"),
}
# The tracker's recommendations cite this section of the report as their source; the catalogue translates it.
SECTION_NAMES = (N_("Conclusions and recommendations"),)


class Filters(NamedTuple):
    """The page's validated URL parameters (None = all) and a notice for each value that was refused."""

    agency: str | None
    status: str | None
    rec: str | None
    notices: list[str]


def _clean(value: object) -> str | None:
    """A parameter as a stripped string, or None for empty / 'all' / anything that is not a string."""
    if not isinstance(value, str) or value.strip() in ("", ALL):
        return None
    return value.strip()


def read_filters(lang: str, agency: object = None, status: object = None, rec: object = None) -> Filters:
    """Validate the page's parameters; an unknown or malformed value becomes the default and a notice."""
    _ = translator(lang)
    accepted: dict[str, str | None] = {"agency": None, "status": None, "rec": None}
    notices: list[str] = []
    known_agencies = set(page_agencies(lang)["code"])
    for raw, allowed, name, message in (
        (agency, known_agencies, "agency", N_("The state body “{value}” is not known; showing all state bodies.")),
        (
            status,
            set(RECOMMENDATION_STATUSES),
            "status",
            N_("The status “{value}” is not known; showing every status."),
        ),
        (
            rec,
            set(recommendation_codes()),
            "rec",
            N_("There is no recommendation “{value}”; showing all recommendations."),
        ),
    ):
        value = _clean(raw)
        # Codes are matched whatever their case: a link typed by hand as ?rec=r-01 still works.
        by_folded = {code.casefold(): code for code in allowed}
        if value is not None and value.casefold() in by_folded:
            accepted[name] = by_folded[value.casefold()]
        elif value is not None or not isinstance(raw, str | None):
            # Unknown, or not even a string (a malformed callback input): the default, and say so.
            notices.append(_(message).format(value=(value or str(raw))[:40]))
    return Filters(notices=notices, **accepted)


def _check_agency(lang: str, agency: str | None) -> str | None:
    """For downloads: the agency code if known, else a ValueError (answered with HTTP 400)."""
    agency = _clean(agency)
    if agency is not None and agency not in set(page_agencies(lang)["code"]):
        raise ValueError(f"unknown agency '{agency}'")
    return agency


def _check_status(status: str | None) -> str | None:
    status = _clean(status)
    if status is not None and status not in RECOMMENDATION_STATUSES:
        raise ValueError(f"unknown status '{status}'")
    return status


def _lines_frame(lines: list[int] | tuple[int, ...], ref: str = "text") -> pd.DataFrame:
    """A frame `sources_from` can read, for figures that come from given report lines."""
    return pd.DataFrame({"source_ref": [ref] * len(lines), "source_line": list(lines)})


def _sources(frame: pd.DataFrame, lang: str) -> list[str]:
    """Sources of a wide frame whose rows carry `sources`: (reference, line) pairs."""
    pairs = [pair for row_pairs in frame["sources"] for pair in row_pairs]
    if not pairs:
        return []
    return sources_from(pd.DataFrame(pairs, columns=["source_ref", "source_line"]), lang)


def _notes(frame: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(note for notes in frame["notes"] for note in notes))


def _agency_label(row: dict, lang: str) -> str:
    return translator(lang)("all state bodies") if is_missing(row.get("agency_short")) else row["agency_short"]


def _row_label(row: dict, lang: str) -> str:
    """'NPM · MIA': the issuing body and the state body of a fulfilment row."""
    _ = translator(lang)
    return f"{_(BODY_LABELS[row['category']])} · {_agency_label(row, lang)}"


# ---------------------------------------------------------------- fulfilment by issuing body and agency


@register_dataset("recommendations.fulfilment")
def fulfilment_data(lang: str, agency: str | None = None) -> CardData:
    """Issued, fulfilled, in progress and the shares, per issuing body and state body."""
    _ = translator(lang)
    frame = fulfilment_by_agency(lang, _check_agency(lang, agency)).copy()
    frame["body"] = [_(BODY_LABELS[code]) for code in frame["category"]]
    frame["agency_label"] = [_("all state bodies") if is_missing(name) else name for name in frame["agency_name"]]
    columns = [
        Column("body", _("Issuing body")),
        Column("agency_label", _("State body")),
        Column("period", _("Year")),
        Column("issued", _("Issued"), "recommendations"),
        Column("fulfilled", _("Fulfilled"), "recommendations"),
        Column("in_progress", _("In progress"), "recommendations"),
        Column("fulfilled_share", _("Fulfilled share"), "share"),
        Column("in_progress_share", _("In-progress share"), "share"),
    ]
    return CardData(
        frame,
        columns,
        caption=_("Recommendations issued after visits and how many were fulfilled, by issuing body and state body"),
        sources=_sources(frame, lang),
        notes=_notes(frame),
    )


def fulfilment_summary(frame: pd.DataFrame, lang: str) -> str:
    """One sentence per row with a computed share, and how many rows have none."""
    _ = translator(lang)
    known = frame[frame["fulfilled_share"].notna()]
    parts = [
        _("{row}: {share} of {issued} fulfilled").format(
            row=_row_label(row, lang),
            share=format_percent(row["fulfilled_share"], lang),
            issued=format_number(row["issued"], lang),
        )
        for row in known.to_dict("records")
    ]
    text = "; ".join(parts) + "." if parts else _("The report gives no fulfilment figure for these rows.")
    missing = len(frame) - len(known)
    if missing and parts:
        text += " " + _("For {n} of {total} rows the report does not publish how many were fulfilled.").format(
            n=missing, total=len(frame)
        )
    return text


def _unknown_count(row: dict) -> float:
    """How many of the issued recommendations have no published status."""
    known = [row[k] for k in ("fulfilled", "in_progress") if not is_missing(row[k])]
    if not is_missing(row["fulfilled"]) and not is_missing(row["in_progress"]):
        return 0.0  # then every recommendation is fulfilled, in progress or neither
    return float(row["issued"]) - sum(float(k) for k in known)


def fulfilment_figure(frame: pd.DataFrame, lang: str) -> Figure:
    """Stacked shares per row: fulfilled, in progress, neither, and the part whose status is not published."""
    _ = translator(lang)
    records = frame.to_dict("records")
    rows = [_row_label(row, lang) for row in records]

    def segment(
        name: str, share_key: str, count: Callable[[dict], float], colour: str, hatched: bool = False
    ) -> Segment:
        shares = [None if is_missing(row[share_key]) else float(row[share_key]) for row in records]
        # The hatched part is named, not measured: its size is what the report leaves open.
        texts = [(name if hatched else format_percent(share, lang)) if share else "" for share in shares]
        hovers = [
            _("{row}: {name} {count} of {issued} ({share})").format(
                row=label,
                name=name,
                count=format_number(count(row), lang),
                issued=format_number(row["issued"], lang),
                share=format_percent(share, lang),
            )
            if share is not None
            else ""
            for label, row, share in zip(rows, records, shares, strict=True)
        ]
        return Segment(name, shares, colour, texts, hovers, hatched)

    segments = [
        segment(_("fulfilled"), "fulfilled_share", lambda r: r["fulfilled"], "green"),
        segment(_("in progress"), "in_progress_share", lambda r: r["in_progress"], "orange"),
        segment(
            _("neither fulfilled nor in progress"),
            "other_share",
            lambda r: r["issued"] - r["fulfilled"] - r["in_progress"],
            "vermillion",
        ),
        segment(_("status not published"), "unknown_share", _unknown_count, "", hatched=True),
    ]
    segments = [s for s in segments if any(share for share in s.shares)]
    # Nothing to split where the number issued itself is not published.
    missing_rows = [is_missing(row["issued"]) for row in records]
    return stacked_share_bars(rows, segments, missing_rows, _("not published"), lang)


def fulfilment_card(lang: str, agency: str | None) -> html.Section:
    """Chart and table: fulfilment by issuing body and state body."""
    _ = translator(lang)
    data = fulfilment_data(lang, agency)
    if data.frame.empty:
        return _empty_card(
            "recommendations-fulfilment",
            _("Fulfilment by issuing body and state body"),
            _("The report gives no recommendation counts for this state body."),
        )
    return chart_card(
        "recommendations-fulfilment",
        _("Fulfilment by issuing body and state body"),
        fulfilment_summary(data.frame, lang),
        data,
        lang,
        figure=fulfilment_figure(data.frame, lang),
        download=("recommendations.fulfilment", {"agency": agency}),
    )


def _empty_card(card_id: str, title: str, message: str) -> html.Section:
    return html.Section(
        html.Div(
            [html.H2(title, id=f"{card_id}-title", className="h5 card-title"), empty_state(message)],
            className="card-body",
        ),
        className="card chart-card mb-4",
        id=card_id,
        **{"aria-labelledby": f"{card_id}-title"},
    )


# ---------------------------------------------------------------- Table 3: region x agency


def _cell_names(frame: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    _ = translator(lang)
    regions = [_("All regions") if is_missing(r) else r for r in frame["region_short"]]
    agencies = [_("All state bodies") if is_missing(a) else a for a in frame["agency_short"]]
    return regions, agencies


@register_dataset("recommendations.table3")
def table3_data(lang: str) -> CardData:
    """Table 3 cell by cell: NPM recommendations sent and fulfilled, the share computed and the share printed."""
    _ = translator(lang)
    frame = region_agency_fulfilment(lang).copy()
    frame["region_label"], frame["agency_label"] = _cell_names(frame, lang)
    columns = [
        Column("region_label", _("Region")),
        Column("agency_label", _("State body")),
        Column("issued", _("Sent"), "recommendations"),
        Column("fulfilled", _("Fulfilled"), "recommendations"),
        Column("fulfilled_share", _("Fulfilled share"), "share"),
        Column("printed_share", _("Share as printed in the report"), "share"),
    ]
    printed = frame.dropna(subset=["printed_source_line"])
    sources = _sources(frame, lang) + sources_from(_lines_frame(sorted(set(printed["printed_source_line"]))), lang)
    return CardData(
        frame,
        columns,
        caption=_("NPM recommendations sent and fulfilled, by region and state body (Table 3)"),
        sources=list(dict.fromkeys(sources)),
        notes=_notes(frame),
    )


def table3_summary(frame: pd.DataFrame, lang: str) -> str:
    """How much of Table 3 is known, the shares the text quotes, and the extremes where shares are known."""
    _ = translator(lang)
    missing = int((frame["fulfilled_share"].isna() & frame["printed_share"].isna()).sum())
    sentences = []
    if missing:
        sentences.append(
            _("Cells of Table 3 not published: {n} of {total} (the report's table lost its figures).").format(
                n=missing, total=len(frame)
            )
        )
    quoted = frame[frame["printed_share"].notna() & frame["fulfilled_share"].isna() & frame["region"].notna()]
    if len(quoted):
        listed = ", ".join(
            f"{r['region_short']} {format_percent(r['printed_share'], lang, 0)}" for r in quoted.to_dict("records")
        )
        sentences.append(_("The report's text gives the share fulfilled for {regions}.").format(regions=listed))
    by_region = frame[frame["agency"].isna() & frame["region"].notna() & frame["fulfilled_share"].notna()]
    if len(by_region) > 1:
        best = by_region.loc[by_region["fulfilled_share"].idxmax()]
        worst = by_region.loc[by_region["fulfilled_share"].idxmin()]
        sentences.append(
            _("The highest share fulfilled is in {best} ({best_share}), the lowest in {worst} ({worst_share}).").format(
                best=best["region_short"],
                best_share=format_percent(best["fulfilled_share"], lang),
                worst=worst["region_short"],
                worst_share=format_percent(worst["fulfilled_share"], lang),
            )
        )
    national = frame[frame["region"].isna() & frame["agency"].isna() & frame["fulfilled_share"].notna()]
    if len(national):
        row = national.iloc[0]
        sentences.append(
            _("Nationally {fulfilled} of {issued} NPM recommendations were fulfilled ({share}).").format(
                fulfilled=format_number(row["fulfilled"], lang),
                issued=format_number(row["issued"], lang),
                share=format_percent(row["fulfilled_share"], lang),
            )
        )
    return " ".join(sentences)


def _wrap(label: str, width: int = 12) -> str:
    """A long axis label over several lines, so the heat map's columns stay narrow."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def table3_figure(frame: pd.DataFrame, lang: str) -> Figure:
    """The heat map: computed share where both counts are known, else the printed share (marked *), else grey."""
    _ = translator(lang)
    frame = frame.copy()
    frame["region_label"], frame["agency_label"] = _cell_names(frame, lang)
    rows = list(dict.fromkeys(frame.sort_values("row_order")["region_label"]))
    columns = [_wrap(label) for label in dict.fromkeys(frame.sort_values("column_order")["agency_label"])]
    grid = {(r["row_order"], r["column_order"]): r for r in frame.to_dict("records")}
    shares, texts, hovers = [], [], []
    for i in range(len(rows)):
        share_row, text_row, hover_row = [], [], []
        for j in range(len(columns)):
            cell = grid.get((i, j))
            where = f"{rows[i]} · {columns[j]}".replace("<br>", " ")
            if cell is not None and not is_missing(cell["fulfilled_share"]):
                share = float(cell["fulfilled_share"])
                text = format_percent(share, lang, 0)
                hover = _("{where}: {fulfilled} of {issued} fulfilled ({share})").format(
                    where=where,
                    fulfilled=format_number(cell["fulfilled"], lang),
                    issued=format_number(cell["issued"], lang),
                    share=format_percent(share, lang),
                )
            elif cell is not None and not is_missing(cell["printed_share"]):
                share = float(cell["printed_share"])
                text = format_percent(share, lang, 0) + "*"
                hover = _("{where}: {share} as printed in the report; the counts are not published").format(
                    where=where, share=format_percent(share, lang, 0)
                )
            else:
                share, text, hover = None, "–", f"{where}: {_('not published')}"
            share_row.append(share)
            text_row.append(text)
            hover_row.append(hover if share is not None else "")
        shares.append(share_row)
        texts.append(text_row)
        hovers.append(hover_row)
    return share_heatmap(columns, rows, shares, texts, hovers, _("not published"), lang, colour_title=_("fulfilled"))


def table3_card(lang: str) -> html.Section:
    """Heat map and table of Table 3 with a key to the grey and starred cells."""
    _ = translator(lang)
    data = table3_data(lang)
    title = _("NPM recommendations fulfilled, by region and state body")
    if data.frame.empty:
        return _empty_card("recommendations-table3", title, _("The release holds no figures of Table 3."))
    frame = data.frame
    # A key only for the kinds of cell the heat map has: grey ones, starred ones.
    key: list = []
    if (frame["fulfilled_share"].isna() & frame["printed_share"].isna()).any():
        key += [html.Span("–", className="fw-semibold"), " " + _("on grey: not published.") + " "]
    if (frame["fulfilled_share"].isna() & frame["printed_share"].notna()).any():
        key += [
            html.Span("*", className="fw-semibold"),
            " " + _("share as printed in the report's text; the counts behind it are not published."),
        ]
    return chart_card(
        "recommendations-table3",
        title,
        table3_summary(data.frame, lang),
        data,
        lang,
        figure=table3_figure(data.frame, lang),
        download=("recommendations.table3", {}),
        extra=[html.P(key, className="small text-body-secondary")] if key else None,
        min_width=HEATMAP_MIN_WIDTH,
    )


# ---------------------------------------------------------------- the Ombudsman's own visits


@register_dataset("recommendations.visits")
def visits_data(lang: str, agency: str | None = None) -> CardData:
    """The Ombudsman's 2025 visits one by one: month, institution, region, state body, recommendations issued."""
    _ = translator(lang)
    frame = ombudsman_visits(lang, _check_agency(lang, agency)).copy()
    frame["month"] = [format_date(m, lang, "month") for m in frame["visit_month"]]
    frame["region_label"] = [_("outside Kazakhstan") if is_missing(r) else r for r in frame["region_name"]]
    frame["agency_label"] = [("" if is_missing(a) else a) for a in frame["agency_short"]]
    columns = [
        Column("month", _("Month")),
        Column("institution", _("Institution")),
        Column("region_label", _("Region")),
        Column("agency_label", _("State body")),
        Column("recommendations_issued", _("Recommendations issued"), "recommendations"),
    ]
    lines = [int(x) for x in frame["source_line"].dropna()]
    notes = notes_for_lines(lang, min(lines), max(lines)) if lines else pd.DataFrame(columns=["text"])
    return CardData(
        frame,
        columns,
        caption=_("The Ombudsman's visits in 2025, by month"),
        sources=sources_from(_lines_frame(lines), lang),
        notes=list(notes["text"]),
    )


def visits_summary(data: CardData, totals: dict, lang: str, agency_name: str | None) -> str:
    """The visits in numbers: how many, the recommendations, and whether the per-visit counts add up."""
    _ = translator(lang)
    frame = data.frame
    if agency_name:
        return _(
            "Visits to institutions of {agency}: {n} of {total}; recommendations issued after them: {recs}."
        ).format(
            n=len(frame),
            total=totals["visits"],
            agency=agency_name,
            recs=format_number(frame["recommendations_issued"].sum(min_count=1), lang),
        )
    text = _(
        "Visits by the Ombudsman: {visits} ({domestic} in Kazakhstan, {abroad} abroad). Recommendations issued after {counted} of them: {recs}."
    ).format(
        visits=totals["visits"],
        domestic=totals["visits"] - totals["visits_abroad"],
        abroad=totals["visits_abroad"],
        recs=format_number(totals["per_visit_sum"], lang),
        counted=totals["visits_with_count"],
    )
    if totals["sums_agree"]:
        text += " " + _(
            "This matches the report's total ({issued}); fulfilled: {fulfilled} ({fulfilled_share}), in progress: {in_progress} ({in_progress_share})."
        ).format(
            issued=format_number(totals["issued"], lang),
            fulfilled=format_number(totals["fulfilled"], lang),
            fulfilled_share=format_percent(totals["fulfilled_share"], lang),
            in_progress=format_number(totals["in_progress"], lang),
            in_progress_share=format_percent(totals["in_progress_share"], lang),
        )
    else:
        text += " " + _("The report's total is {issued}, which the per-visit numbers do not add up to.").format(
            issued=format_number(totals["issued"], lang)
        )
    return text


def visits_card(lang: str, agency: str | None, agency_name: str | None) -> html.Section:
    """The Ombudsman's visits as a list by month, with the totals."""
    _ = translator(lang)
    title = _("The Ombudsman's own visits in 2025")
    data = visits_data(lang, agency)
    if data.frame.empty:
        return _empty_card(
            "recommendations-visits",
            title,
            _("None of the Ombudsman's visits in 2025 was to an institution of this state body."),
        )
    totals = ombudsman_totals(lang)
    if agency is None:
        # The totals line (after the last visit) is a source too: its lines include every visit's.
        data.sources = sources_from(_lines_frame(totals["source_lines"]), lang)
        data.notes = list(dict.fromkeys(data.notes + totals["notes"]))
    return chart_card(
        "recommendations-visits",
        title,
        visits_summary(data, totals, lang, agency_name),
        data,
        lang,
        download=("recommendations.visits", {"agency": agency}),
    )


# ---------------------------------------------------------------- the tracker


def _date_text(value: object, precision: str, lang: str) -> str:
    return format_date(value, lang, precision) if not is_missing(value) else translator(lang)("not given")


@register_dataset("recommendations.tracker")
def tracker_data(lang: str, agency: str | None = None, status: str | None = None) -> CardData:
    """The report's recommendations with addressees, dates, status and source, as listed in the tracker."""
    _ = translator(lang)
    frame = recommendation_tracker(lang, _check_agency(lang, agency), _check_status(status)).copy()
    frame["addressees_text"] = [", ".join(names) for names in frame["addressee_names"]]
    frame["issued_text"] = [
        _date_text(d, p, lang) for d, p in zip(frame["issued"], frame["issued_precision"], strict=True)
    ]
    frame["status_label"] = [_(STATUS_LABELS[s]) for s in frame["status"]]
    frame["status_date_text"] = [
        _date_text(d, p, lang) for d, p in zip(frame["status_date"], frame["status_date_precision"], strict=True)
    ]
    frame["source_text"] = [  # one line each: its `Source`, which the tracker shows as a link
        sources_from(_lines_frame([line], ref), lang)[0] if not is_missing(line) else ""
        for line, ref in zip(frame["source_line"], frame["source_ref"], strict=True)
    ]
    columns = [
        Column("code", _("Code")),
        Column("text", _("Recommendation")),
        Column("addressees_text", _("Addressed to")),
        Column("issued_text", _("Issued")),
        Column("status_label", _("Status")),
        Column("status_date_text", _("Status date")),
        Column("source_text", _("Source")),
    ]
    lines = [int(x) for x in frame["source_line"].dropna()]
    notes = notes_for_lines(lang, min(lines), max(lines)) if lines else pd.DataFrame(columns=["text"])
    return CardData(
        frame,
        columns,
        caption=_("The report's recommendations to state bodies"),
        sources=sources_from(frame, lang),
        notes=list(notes["text"]),
    )


def tracker_entries(frame: pd.DataFrame, lang: str) -> list[TrackerEntry]:
    """The tracker's rows as entries, each with its status history."""
    _ = translator(lang)
    history = status_history()
    steps_by_code = {code: group for code, group in history.groupby("recommendation", sort=False)}
    entries = []
    for row in frame.to_dict("records"):
        steps = steps_by_code.get(row["code"], history.head(0))
        entries.append(
            TrackerEntry(
                code=row["code"],
                text=row["text"],
                addressees=list(zip(row["addressee_shorts"], row["addressee_names"], strict=True)),
                issued_text=row["issued_text"],
                status=row["status"],
                status_label=row["status_label"],
                status_date_text=row["status_date_text"],
                source_text=row["source_text"],
                permalink=page_href(PATH, lang, rec=row["code"]),
                history=[
                    HistoryStep(
                        step["status"],
                        _(STATUS_LABELS.get(step["status"], step["status"])),
                        _date_text(step["status_date"], step["status_date_precision"], lang),
                        step["release_version"],
                    )
                    for step in steps.to_dict("records")
                ],
            )
        )
    return entries


def tracker_summary(frame: pd.DataFrame, lang: str, agency_name: str | None, status: str | None) -> str:
    """How many recommendations the filters keep, and how many of them are open."""
    _ = translator(lang)
    counts = ", ".join(
        f"{_(STATUS_LABELS[code]).lower()}: {int((frame['status'] == code).sum())}" for code in RECOMMENDATION_STATUSES
    )
    template = (
        _("Recommendations addressed to {agency}: {n}; still open: {open} ({counts}).")
        if agency_name
        else _("All the report's recommendations: {n}; still open: {open} ({counts}).")
    )
    text = template.format(agency=agency_name, n=len(frame), open=int(frame["is_open"].sum()), counts=counts)
    if status:
        text += " " + _("Only those with the status “{status}” are listed.").format(status=_(STATUS_LABELS[status]))
    return text


def tracker_parts(lang: str, agency: str | None, status: str | None, agency_name: str | None) -> tuple[str, list]:
    """The tracker's summary (over every status) and its list for the filters."""
    _ = translator(lang)
    data = tracker_data(lang, agency, status)
    body = tracker_body(
        "recommendations-tracker",
        tracker_entries(data.frame, lang),
        data,
        lang,
        download=("recommendations.tracker", {"agency": agency, "status": status}),
        empty_text=_("No recommendation matches these filters."),
    )
    return tracker_summary(recommendation_tracker(lang, agency), lang, agency_name, status), body


def status_control(lang: str, status: str | None) -> html.Div:
    """The tracker's status filter: radio buttons in a fieldset with a legend."""
    _ = translator(lang)
    options = [{"label": _("Any status"), "value": ALL}] + [
        {"label": _(STATUS_LABELS[s]), "value": s} for s in RECOMMENDATION_STATUSES
    ]
    fieldset = html.Fieldset(
        [
            html.Legend(_("Status"), className="h6"),
            # dbc's radios are native inputs with <label for>; one name makes them one group (one Tab stop).
            dbc.RadioItems(
                id="recommendations-status",
                options=options,
                value=status or ALL,
                inline=True,
                name="recommendations-status",
            ),
        ],
        className="mb-0",
    )
    return html.Div(fieldset, className="filters d-print-none")


def selected_recommendation(lang: str, code: str) -> html.Section:
    """The recommendation a permalink names, shown first with its history."""
    _ = translator(lang)
    data = tracker_data(lang)
    frame = data.frame[data.frame["code"] == code]
    entry = tracker_entries(frame, lang)[0]
    return html.Section(
        [
            tracker_entry(entry, "recommendations-selected", lang, heading_level=2, highlighted=True),
            html.P(html.A(_("All the report's recommendations"), href="#recommendations-tracker"), className="small"),
        ],
        className="mb-4 bg-white",
        id="recommendations-selected",
    )


# ---------------------------------------------------------------- the page


def agency_overview(lang: str, agency: str, agency_name: str) -> html.Section:
    """For one state body: its recommendations in the tracker, what is still open, and fulfilment after visits."""
    _ = translator(lang)
    tracked = recommendation_tracker(lang, agency)
    fulfilment = fulfilment_by_agency(lang, agency)
    items = [
        html.Li(
            _("The report's recommendations addressed to it: {n}; still open: {open}; fulfilled: {fulfilled}.").format(
                n=len(tracked),
                open=int(tracked["is_open"].sum()),
                fulfilled=int((tracked["status"] == "fulfilled").sum()),
            )
        )
    ]
    for row in fulfilment.to_dict("records"):
        items.append(
            html.Li(
                _("{body}: recommendations issued after visits in {period}: {issued}; fulfilled: {fulfilled}.").format(
                    body=_(BODY_LABELS[row["category"]]),
                    issued=format_number(row["issued"], lang),
                    period=row["period"],
                    fulfilled=format_number(row["fulfilled"], lang)
                    + (
                        ""
                        if is_missing(row["fulfilled_share"])
                        else f" ({format_percent(row['fulfilled_share'], lang)})"
                    ),
                )
            )
        )
    return html.Section(
        [
            html.H2(
                _("At a glance: {agency}").format(agency=agency_name), className="h5", id="recommendations-glance-title"
            ),
            html.Ul(items, className="mb-1"),
            html.P(html.A(_("Go to its recommendations"), href="#recommendations-tracker"), className="small mb-0"),
        ],
        className="card card-body mb-4",
        id="recommendations-glance",
        **{"aria-labelledby": "recommendations-glance-title"},
    )


def overview_content(lang: str, agency: str | None, notices: list[str]) -> list:
    """Everything above the tracker for the agency filter: notices, the agency's summary, the three cards."""
    agency_name = _agency_name(lang, agency)
    content: list = [notice(text, "warning") for text in notices]
    if agency:
        content.append(agency_overview(lang, agency, agency_name))
    content += [fulfilment_card(lang, agency), table3_card(lang), visits_card(lang, agency, agency_name)]
    return content


def _agency_name(lang: str, agency: str | None) -> str | None:
    if agency is None:
        return None
    names = page_agencies(lang).set_index("code")["name"]
    return str(names.get(agency, agency))


def agency_control(lang: str, agency: str | None) -> html.Div:
    """The page-wide state-body filter."""
    _ = translator(lang)
    agencies = page_agencies(lang)
    options = [{"label": _("All state bodies"), "value": ALL}] + [
        {
            "label": f"{row['name']} ({row['short']})" if row["short"] != row["name"] else row["name"],
            "value": row["code"],
        }
        for row in agencies.to_dict("records")
    ]
    return html.Div(
        html.Div(
            [
                html.Label(_("State body"), htmlFor="recommendations-agency"),
                # A native <select>: labelled by its <label for>, usable with keyboard and screen readers.
                dbc.Select(id="recommendations-agency", options=options, value=agency or ALL),
            ],
            style={"minWidth": "min(100%, 24rem)"},
        ),
        className="filters d-print-none",
        id="recommendations-filters",
    )


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The recommendations page for the URL's filters."""
    lang = resolve_language(lang)
    _ = translator(lang)
    title = _("Recommendations and their fulfilment")
    intro = html.P(
        _(
            "Who issued how many recommendations to which state body, and how many were fulfilled: after the visits of the National Preventive Mechanism (NPM), of the Ombudsman and of the Ombudsman's regional representatives in 2025; by region (Table 3 of the report); and the recommendations with which the report closes, with their status. Choose a state body to see what concerns it."
        ),
        className="lead-text",
    )
    try:
        filters = read_filters(lang, query.get("agency"), query.get("status"), query.get("rec"))
        agency_name = _agency_name(lang, filters.agency)
        summary, body = tracker_parts(lang, filters.agency, filters.status, agency_name)
        content = [
            intro,
            agency_control(lang, filters.agency),
            selected_recommendation(lang, filters.rec) if filters.rec else None,
            html.Div(overview_content(lang, filters.agency, filters.notices), id="recommendations-overview"),
            tracker_card(
                "recommendations-tracker",
                _("The report's recommendations"),
                [status_control(lang, filters.status)],
                summary,
                body,
            ),
            dcc.Store(id="recommendations-lang", data=lang),
            dcc.Store(id="recommendations-filter-state"),
            dcc.Store(id="recommendations-url-sync"),
        ]
    except DataUnavailable:
        content = [intro, data_unavailable(lang)]
    return page_shell(PATH, lang, title, [part for part in content if part is not None], query)


def _triggered_by() -> str | None:
    """The id of the control that fired the callback (None when called outside one, e.g. in a test)."""
    try:
        return ctx.triggered_id
    except MissingCallbackContextException:
        return None


@callback(
    Output("recommendations-overview", "children"),
    Output("recommendations-tracker-summary", "children"),
    Output("recommendations-tracker-body", "children"),
    Output("recommendations-filter-state", "data"),
    Input("recommendations-agency", "value"),
    Input("recommendations-status", "value"),
    State("recommendations-lang", "data"),
    prevent_initial_call=True,
)
def update_filters(agency: object, status: object, lang: object) -> tuple:
    """Re-build the cards for new filters (the overview only when the state body changed) and sync the URL."""
    lang = lang if is_language(lang) else resolve_language(None)
    try:
        filters = read_filters(lang, agency, status)
        agency_name = _agency_name(lang, filters.agency)
        summary, body = tracker_parts(lang, filters.agency, filters.status, agency_name)
        if _triggered_by() == "recommendations-status" and not filters.notices:
            overview = no_update  # the status filter only concerns the tracker
        else:
            overview = overview_content(lang, filters.agency, filters.notices)
        return overview, summary, body, {"agency": filters.agency, "status": filters.status}
    except DataUnavailable:
        return [data_unavailable(lang)], "", [], no_update


clientside_callback(
    ClientsideFunction("url", "replaceQuery"),
    Output("recommendations-url-sync", "data"),
    Input("recommendations-filter-state", "data"),
)
