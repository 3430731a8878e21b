"""The tracker of the report's recommendations: entries with their status history, the summary,
the status filter and the recommendation a permalink names."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components.i18n import translator
from components.rec_tracker import HistoryStep, TrackerEntry, tracker_body, tracker_entry
from components.shell import page_href
from data_access.queries.recommendations import recommendation_tracker, status_history
from data_access.vocabulary import RECOMMENDATION_STATUSES, STATUS_LABELS

from .datasets import date_text, tracker_data
from .params import ALL, PATH


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
                        date_text(step["status_date"], step["status_date_precision"], lang),
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
