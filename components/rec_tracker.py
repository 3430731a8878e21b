"""The recommendation tracker: one entry per recommendation with its status, its history and a permalink."""

from __future__ import annotations

from dataclasses import dataclass, field

from dash import html

from .chart_card import download_links, notes_list, source_line
from .datasets import CardData
from .i18n import translator
from .sources import source_link

# Status -> Bootstrap badge colours; the status is always written out too, colour is never the only cue.
STATUS_BADGE = {
    "proposed": "text-bg-secondary",
    "in_progress": "text-bg-warning",
    "fulfilled": "text-bg-success",
    "not_fulfilled": "text-bg-danger",
}

TERM, DETAIL = "col-sm-3 col-lg-2 mb-1", "col-sm-9 col-lg-10 mb-1"


@dataclass
class HistoryStep:
    """One status a recommendation had: the status, its label, when, and the release that recorded it."""

    status: str
    label: str
    date_text: str
    release: str


@dataclass
class TrackerEntry:
    """Everything the tracker shows about one recommendation, already translated and formatted."""

    code: str
    text: str
    addressees: list[tuple[str, str]]  # (short name, full name)
    issued_text: str
    status: str
    status_label: str
    status_date_text: str
    source_text: str
    permalink: str
    history: list[HistoryStep] = field(default_factory=list)


def entry_id(prefix: str, code: str) -> str:
    """The element id of a recommendation's entry (an anchor for its permalink)."""
    return f"{prefix}-rec-{code}"


def status_badge(status: str, label: str) -> html.Span:
    """The status written in a coloured badge."""
    return html.Span(label, className=f"badge {STATUS_BADGE.get(status, 'text-bg-light')}")


def status_timeline(steps: list[HistoryStep], lang: str) -> html.Div:
    """The statuses a recommendation has had, oldest first, each with its date and release."""
    _ = translator(lang)
    items = [
        html.Li(
            [
                status_badge(step.status, step.label),
                " ",
                html.Span(step.date_text),
                html.Span(" · " + _("release {version}").format(version=step.release), className="text-body-secondary"),
            ],
            className="mb-1",
        )
        for step in steps
    ]
    return html.Div(
        [html.P(_("Status history"), className="fw-semibold mb-1 small"), html.Ol(items, className="small mb-0 ps-3")],
        className="rec-history",
    )


def tracker_entry(
    entry: TrackerEntry, prefix: str, lang: str, heading_level: int = 3, highlighted: bool = False
) -> html.Article:
    """One recommendation: code and status, text, addressees, dates, source, history, permalink."""
    _ = translator(lang)
    heading = getattr(html, f"H{heading_level}")
    heading_id = f"{entry_id(prefix, entry.code)}-title"
    addressees = [
        html.Abbr(short, title=full) if short != full else html.Span(short) for short, full in entry.addressees
    ]
    addressee_list: list = []
    for index, part in enumerate(addressees):
        addressee_list.extend([", "] if index else [])
        addressee_list.append(part)
    facts = html.Dl(
        [
            html.Dt(_("Addressed to"), className=TERM),
            html.Dd(addressee_list or _("not given"), className=DETAIL),
            html.Dt(_("Issued"), className=TERM),
            html.Dd(entry.issued_text, className=DETAIL),
            html.Dt(_("Status"), className=TERM),
            html.Dd(
                [
                    status_badge(entry.status, entry.status_label),
                    " ",
                    _("since {date}").format(date=entry.status_date_text),
                ],
                className=DETAIL,
            ),
            html.Dt(_("Source"), className=TERM),
            html.Dd(source_link(entry.source_text, lang), className=DETAIL),
        ],
        className="rec-facts row small mb-2",
    )
    return html.Article(
        [
            heading([_("Recommendation {code}").format(code=entry.code)], id=heading_id, className="h6 mb-1"),
            html.P(entry.text, className="mb-2"),
            facts,
            status_timeline(entry.history, lang) if entry.history else None,
            html.P(
                html.A(
                    _("Permalink to recommendation {code}").format(code=entry.code),
                    href=entry.permalink,
                    className="rec-permalink",
                ),
                className="small mb-0 mt-2",
            ),
        ],
        id=entry_id(prefix, entry.code),
        className="rec-entry border rounded p-3 mb-3" + (" border-primary border-2" if highlighted else ""),
        **{"aria-labelledby": heading_id},
    )


def downloads(name: str, params: dict, lang: str) -> html.P:
    """Links that download exactly the listed recommendations as CSV and XLSX."""
    _ = translator(lang)
    return download_links(name, params, lang, _("Download these recommendations"))


def tracker_body(
    card_id: str,
    entries: list[TrackerEntry],
    data: CardData,
    lang: str,
    download: tuple[str, dict],
    empty_text: str = "",
) -> list:
    """What the tracker lists for the current filters: the entries, downloads, source, notes."""
    body: list = []
    if entries:
        body.append(
            html.Ol(
                [html.Li(tracker_entry(entry, card_id, lang)) for entry in entries],
                className="list-unstyled ps-0 mb-2",
                id=f"{card_id}-list",
            )
        )
    else:
        body.append(html.P(empty_text, className="empty-state text-body-secondary"))
    body.append(downloads(download[0], download[1], lang))
    body.extend(part for part in (source_line(data, lang), notes_list(data.notes, lang)) if part is not None)
    return body


def tracker_card(card_id: str, title: str, controls: list, summary: str, body: list) -> html.Section:
    """The tracker card: title and filters stay put; the summary (`<card_id>-summary`, read out when it
    changes) and `body` (from tracker_body, in `<card_id>-body`) can be replaced by a callback
    without taking the focus away from the filters."""
    return html.Section(
        html.Div(
            [
                html.H2(title, id=f"{card_id}-title", className="h5 card-title"),
                *controls,
                html.P(summary, className="chart-summary", id=f"{card_id}-summary", **{"aria-live": "polite"}),
                html.Div(body, id=f"{card_id}-body"),
            ],
            className="card-body",
        ),
        className="card chart-card mb-4",
        id=card_id,
        **{"aria-labelledby": f"{card_id}-title"},
    )
