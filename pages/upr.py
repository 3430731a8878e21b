"""UPR briefing: one printable page for international partners (English first).

Obligations and milestones, the key indicators with their trend, the report's
open recommendations, and how to cite; prints to at most four A4 pages
(assets/print-upr.css) and is served as a PDF built at release time
(scripts/build_upr_pdf.py, components/upr_pdf.py).
"""

from __future__ import annotations

import datetime as dt

import dash
import dash_bootstrap_components as dbc
import flask
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from components.chart_card import chart_card
from components.datasets import CardData, Column, notes_from, register_dataset, sources_from
from components.formatting import format_date, format_number, format_percent, format_period, format_value, is_missing
from components.i18n import LANGUAGE_NAMES, N_, is_language, resolve_language, translator
from components.kpi_card import change_in_words
from components.notices import data_unavailable, empty_state, notice
from components.shell import page_href, page_shell
from components.small_multiple import SMALL_GRAPH_CONFIG, trend_bars
from components.units import unit_label
from data_access.queries.base import DataUnavailable
from data_access.queries.meta import release_info
from data_access.queries.upr import (
    indicator_trends,
    key_indicators,
    mandate_coverage,
    milestone_kinds,
    milestone_notes,
    milestones,
    npm_fulfilment,
    open_recommendations,
    report_recommendations,
)
from data_access.settings import load_settings
from web.upr_pdf import available_pdfs

PATH = "/upr"
DEFAULT_LANGUAGE = "en"  # international partners read this page first; a chosen language still wins
ALL_KINDS = "all"

dash.register_page(__name__, path=PATH, name=N_("UPR briefing"), nav_order=50, title="UPR briefing")

# key -> (title, sentence with {value} and {period}); shared keys use the overview's words.
TREND_TEXT = {
    "complaints": (
        N_("Complaints about torture"),
        N_("The Ombudsman received {value} complaints about torture in {period}."),
    ),
    "registered": (N_("Registered torture offences"), N_("{value} torture offences were registered in {period}.")),
    "discontinued": (
        N_("Investigations discontinued on exonerating grounds"),
        N_("{value} pre-trial investigations of torture were discontinued on exonerating grounds in {period}."),
    ),
    "convicted": (N_("Persons convicted"), N_("{value} persons were convicted of torture in {period}.")),
    "npm_visits": (N_("NPM visits"), N_("NPM groups made {value} visits to closed institutions in {period}.")),
    "covered": (
        N_("Mandated facilities covered"),
        N_("{value} facilities of the NPM's mandate were covered by visits in {period}."),
    ),
    "compensation": (
        N_("Compensation paid to victims"),
        N_("Victims of torture were paid {value} tenge from the victims' fund in {period}."),
    ),
}
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
# The recommendation tracker's words for each status.
STATUS_LABELS = {
    "proposed": N_("Proposed"),
    "in_progress": N_("In progress"),
    "not_fulfilled": N_("Not fulfilled"),
    "fulfilled": N_("Fulfilled"),
}
# The source reference of the report's closing recommendations, translated where it is printed.
N_("Conclusions and recommendations")


# ---------------------------------------------------------------- datasets (what each card shows and downloads)


@register_dataset("upr.indicator")
def indicator_data(lang: str, key: str = "complaints") -> CardData:
    """One key indicator over every period the report gives, for its small multiple."""
    if key not in TREND_TEXT:
        raise ValueError(f"unknown indicator '{key}'")
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


@register_dataset("upr.milestones")
def milestones_data(lang: str, kind: str = ALL_KINDS) -> CardData:
    """The dated milestones the report names (all, or one kind), each with its report line."""
    if kind != ALL_KINDS and kind not in milestone_kinds():
        raise ValueError(f"unknown milestone kind '{kind}'")
    _ = translator(lang)
    rows = milestones(lang, None if kind == ALL_KINDS else kind)
    frame = pd.DataFrame(
        {
            "date": [format_date(d, lang, p) for d, p in zip(rows["date"], rows["precision"], strict=True)],
            "title": rows["title"].tolist(),
            "line": [str(line) if not is_missing(line) else "" for line in rows["source_line"]],
        }
    )
    return CardData(
        frame=frame,
        columns=[
            Column("date", _("Date")),
            Column("title", _("Milestone")),
            Column("line", _("Report line")),
        ],
        caption=_("Milestones named in the report, oldest first, with the line of the report each comes from"),
        sources=sources_from(rows, lang),
        notes=milestone_notes(lang),
    )


@register_dataset("upr.recommendations")
def open_recommendations_data(lang: str) -> CardData:
    """The report's closing recommendations that are not fulfilled, with addressees, status and report line."""
    _ = translator(lang)
    open_ones = open_recommendations(lang)
    frame = pd.DataFrame(
        {
            "code": open_ones["code"].tolist(),
            "text": open_ones["text"].tolist(),
            "addressees": open_ones["addressees_text"].tolist(),
            "status": [_(STATUS_LABELS.get(s, s)) for s in open_ones["status"]],
            "line": [str(line) if not is_missing(line) else "" for line in open_ones["source_line"]],
        }
    )
    return CardData(
        frame=frame,
        columns=[
            Column("code", _("Code")),
            Column("text", _("Recommendation")),
            Column("addressees", _("Addressed to")),
            Column("status", _("Status")),
            Column("line", _("Report line")),
        ],
        caption=_("The report's recommendations to state bodies that are not fulfilled"),
        sources=sources_from(open_ones, lang),
        notes=notes_from(open_ones),
    )


# ---------------------------------------------------------------- cards


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
    sentence = _(TREND_TEXT[key][1]).format(
        value=format_value(row["value"], row["unit"], lang), period=format_period(row["period"])
    )
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
    parts = [
        _("{share} of {mandated} ({label})").format(
            share=format_percent(row["share"], lang),
            mandated=format_number(row["mandated"], lang),
            label=coverage_label(row, lang),
        )
        for row in records
    ]
    summary = _(
        "In {period}, {covered} mandated facilities were covered by visits: {parts}. The report gives both totals and does not explain the difference."
    ).format(
        period=format_period(records[0]["period"]),
        covered=format_number(records[0]["covered"], lang),
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
    summary = _("{fulfilled} of the {issued} recommendations the NPM sent in {period} were fulfilled: {share}.").format(
        fulfilled=format_number(row["value"], lang),
        issued=format_number(row["issued_value"], lang),
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
        template = (
            _(
                "{count} dated steps the report names, from {first} to {last}: the international instruments, Kazakhstan's laws and institutions, the UN Committee against Torture and the Universal Periodic Review."
            )
            if kind == ALL_KINDS
            else _("{count} milestones of the type “{kind}”, from {first} to {last}.")
        )
        summary = template.format(count=len(data.frame), first=first, last=last, kind=_(KIND_LABELS.get(kind, kind)))
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
    data = open_recommendations_data(lang)
    total = len(report_recommendations(lang))
    summary = _("{open} of the report's {total} closing recommendations to state bodies are not fulfilled.").format(
        open=len(data.frame), total=total
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


# ---------------------------------------------------------------- page parts


def public_url(path_and_query: str) -> str:
    """The absolute address of a page, as a reader would type it (PUBLIC_URL, else the address requested)."""
    base = load_settings().public_url or (flask.request.host_url if flask.has_request_context() else "")
    return base.rstrip("/") + path_and_query


def actions(lang: str, release: dict) -> html.Div:
    """Print button and the release's PDF downloads (where built)."""
    _ = translator(lang)
    pdfs = available_pdfs(str(release.get("version", ""))) if release else {}
    items: list = [
        html.Button(
            _("Print this briefing"), id="upr-print", className="btn btn-outline-primary btn-sm me-3", type="button"
        )
    ]
    if lang in pdfs:
        items.append(
            html.A(
                _("Download PDF"),
                href=pdfs[lang],
                className="btn btn-primary btn-sm me-3",
                id="upr-pdf-link",
                hrefLang=lang,
            )
        )
        others = [
            html.A(LANGUAGE_NAMES[code], href=href, hrefLang=code, lang=code, className="me-2")
            for code, href in pdfs.items()
            if code != lang
        ]
        if others:
            items.append(html.Span([_("PDF in other languages") + ": ", *others], className="upr-pdf-others"))
    else:
        items.append(
            html.Span(
                _("The PDF of this release has not been built yet; use Print instead."), className="text-body-secondary"
            )
        )
    return html.Div(items, className="upr-actions d-print-none mb-3")


def contents(lang: str) -> html.Nav:
    """Links to the four parts of the briefing."""
    _ = translator(lang)
    parts = [
        ("#upr-obligations", _("Obligations and milestones")),
        ("#upr-indicators", _("Key indicators")),
        ("#upr-recommendations", _("Open recommendations")),
        ("#upr-cite", _("How to cite")),
    ]
    return html.Nav(
        html.Ul([html.Li(html.A(text, href=href)) for href, text in parts], className="upr-contents-list"),
        className="upr-contents d-print-none",
        **{"aria-label": _("On this page")},
    )


def kind_filter(lang: str, kind: str, kinds: tuple[str, ...]) -> html.Fieldset:
    """Radio buttons choosing which milestones the timeline shows."""
    _ = translator(lang)
    options = [{"label": _("All"), "value": ALL_KINDS}] + [
        {"label": _(KIND_LABELS.get(k, k)), "value": k} for k in kinds
    ]
    return html.Fieldset(
        [
            html.Legend(_("Show milestones"), className="fs-6 fw-semibold mb-1"),
            # dbc's radios are native inputs with <label for>; dcc.RadioItems (Dash 4) nests inputs in role=option.
            dbc.RadioItems(
                id="upr-milestone-kind", options=options, value=kind, inline=True, name="upr-milestone-kind"
            ),
        ],
        className="filters upr-filters",
    )


def citation(lang: str, release: dict, kind: str) -> html.Section:
    """How to cite this briefing and the data, and the sources."""
    _ = translator(lang)
    version = release.get("version", "")
    published = format_date(release["published"], lang) if release.get("published") else ""
    page_url = public_url(page_href(PATH, lang, kind=None if kind == ALL_KINDS else kind))
    data_url = public_url(page_href("/data", lang))
    today = format_date(dt.date.today(), lang)
    briefing = _(
        "Torture Prevention Dashboard, “UPR briefing”, data release {version} of {date}. Based on: {source} {url} (accessed {today})."
    ).format(version=version, date=published, source=release.get("source", ""), url=page_url, today=today)
    data = _("“{title}”, data release {version} of {date}, licence {licence}. {url}").format(
        title=release.get("title", ""),
        version=version,
        date=published,
        licence=release.get("licence", ""),
        url=data_url,
    )
    return html.Section(
        [
            html.H2(_("How to cite"), className="h4", id="upr-cite-title"),
            html.P([html.Span(_("This briefing") + ": ", className="fw-semibold"), html.Cite(briefing)]),
            html.P([html.Span(_("The data") + ": ", className="fw-semibold"), html.Cite(data)]),
            html.H3(_("Sources"), className="h6"),
            html.Ul(
                [
                    html.Li(release.get("source", "")),
                    html.Li(
                        _(
                            "Every figure, milestone and recommendation above names the line of the report it comes from; where the report is inconsistent, a data note says so."
                        )
                    ),
                    html.Li(
                        [
                            _("Definitions, every dataset and the data notes") + ": ",
                            dcc.Link(_("Data and methods"), href=page_href("/data", lang)),
                        ]
                    ),
                ]
            ),
        ],
        id="upr-cite",
        className="upr-cite mb-4",
        **{"aria-labelledby": "upr-cite-title"},
    )


def print_masthead(lang: str, release: dict, kind: str) -> html.P:
    """Printed only: the page's address and the release, so a paper copy can be traced back."""
    _ = translator(lang)
    text = _("{url} · data release {version} of {date}").format(
        url=public_url(page_href(PATH, lang, kind=None if kind == ALL_KINDS else kind)),
        version=release.get("version", ""),
        date=format_date(release["published"], lang) if release.get("published") else "",
    )
    return html.P(text, className="upr-print-only upr-masthead")


def chosen_kind(requested: object, lang: str) -> tuple[str, list]:
    """The milestone kind to show for a URL or control value, and a notice if that value was refused.

    Empty means all; anything that is not a kind of the current release (a
    typo, a list, a number) gives all milestones and the notice.
    """
    _ = translator(lang)
    if requested is None or requested == "":
        return ALL_KINDS, []
    if isinstance(requested, str) and (requested == ALL_KINDS or requested in milestone_kinds()):
        return requested, []
    message = _("The milestone type asked for is not known; all milestones are shown.")
    return ALL_KINDS, [notice(message, "warning")]


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The UPR briefing in the requested language (English unless the visitor chose one)."""
    lang = resolve_language(lang, fallback=DEFAULT_LANGUAGE)
    _ = translator(lang)
    title = _("UPR briefing")
    intro = html.P(
        _(
            "A briefing for the Universal Periodic Review of Kazakhstan, the UN Committee against Torture and its Subcommittee, the OSCE and embassies: Kazakhstan's obligations and the steps taken, the key figures with their trend, and the recommendations of the Human Rights Commissioner's 2026 special report that are still open. Every item names the line of the report it comes from."
        ),
        className="lead-text",
    )
    try:
        release = release_info(lang)
        kind, notices = chosen_kind(query.get("kind"), lang)
        cards = indicator_cards(lang)
        content = [
            print_masthead(lang, release, kind),
            intro,
            actions(lang, release),
            contents(lang),
            html.Section(
                [
                    html.H2(_("Obligations and milestones"), className="h4", id="upr-obligations-title"),
                    kind_filter(lang, kind, milestone_kinds()),
                    html.Div([*notices, milestones_card(lang, kind)], id="upr-milestones-container"),
                ],
                id="upr-obligations",
                className="upr-section",
                **{"aria-labelledby": "upr-obligations-title"},
            ),
            html.Section(
                [
                    html.H2(_("Key indicators"), className="h4", id="upr-indicators-title"),
                    html.P(
                        _(
                            "The latest figure of each series with the change on the comparable period before; the same numbers as on the other pages of this dashboard."
                        ),
                        className="upr-section-intro",
                    ),
                    html.Div(cards, className="row upr-multiples")
                    if cards
                    else empty_state(_("No figures have been published yet.")),
                ],
                id="upr-indicators",
                className="upr-section",
                **{"aria-labelledby": "upr-indicators-title"},
            ),
            html.Div(recommendations_card(lang), className="upr-section upr-open-recommendations"),
            citation(lang, release, kind),
            dcc.Store(id="upr-lang", data=lang),
            dcc.Store(id="upr-filters"),
            dcc.Store(id="upr-url-sync"),
            dcc.Store(id="upr-print-done"),
        ]
    except DataUnavailable:
        return html.Div(page_shell(PATH, lang, title, [intro, data_unavailable(lang)], query), className="upr-page")
    return html.Div(
        page_shell(PATH, lang, title, content, query),
        className="upr-page",
        **{"data-release": str(release.get("version", ""))},
    )


# ---------------------------------------------------------------- callbacks


@callback(
    Output("upr-milestones-container", "children"),
    Output("upr-filters", "data"),
    Input("upr-milestone-kind", "value"),
    State("upr-lang", "data"),
    prevent_initial_call=True,
)
def update_milestones(kind: object, lang: object) -> tuple:
    """Re-draw the timeline for the chosen kind; put the choice in the address bar."""
    lang = lang if is_language(lang) else DEFAULT_LANGUAGE
    try:
        chosen, notices = chosen_kind(kind, lang)
        card = milestones_card(lang, chosen)
    except DataUnavailable:
        return data_unavailable(lang), dash.no_update
    return [*notices, card], {"kind": None if chosen == ALL_KINDS else chosen}


clientside_callback(
    ClientsideFunction("url", "replaceQuery"),
    Output("upr-url-sync", "data"),
    Input("upr-filters", "data"),
    prevent_initial_call=True,
)

# The browser's own print dialog: the print stylesheet does the rest.
clientside_callback(
    "function (clicks) { if (clicks) { window.print(); } return window.dash_clientside.no_update; }",
    Output("upr-print-done", "data"),
    Input("upr-print", "n_clicks"),
    prevent_initial_call=True,
)
