"""The page's chart cards: fulfilment by issuing body and state body (stacked shares), Table 3 by region
and state body (heat map) and the Ombudsman's own visits (a table with its totals)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from dash import html

from components.chart_card import chart_card
from components.charts import Figure
from components.formatting import format_number, format_percent, is_missing
from components.heatmap import share_heatmap
from components.i18n import ngettext, translator
from components.notices import empty_state
from components.stacked_shares import Segment, stacked_share_bars
from components.units import count_with_unit, counted, n_

from .datasets import BODY_LABELS, cell_names, fulfilment_data, table3_data

HEATMAP_MIN_WIDTH = 680  # px: below this the heat map scrolls sideways


def agency_label(row: dict, lang: str) -> str:
    """A fulfilment row's state body, short, or 'all state bodies'."""
    return translator(lang)("all state bodies") if is_missing(row.get("agency_short")) else row["agency_short"]


def row_label(row: dict, lang: str) -> str:
    """'NPM · MIA': the issuing body and the state body of a fulfilment row."""
    _ = translator(lang)
    return f"{_(BODY_LABELS[row['category']])} · {agency_label(row, lang)}"


def fulfilment_summary(frame: pd.DataFrame, lang: str) -> str:
    """One sentence per row with a computed share, and how many rows have none."""
    _ = translator(lang)
    known = frame[frame["fulfilled_share"].notna()]
    parts = [
        _("{row}: {share} of {issued} fulfilled").format(
            row=row_label(row, lang),
            share=format_percent(row["fulfilled_share"], lang),
            issued=format_number(row["issued"], lang),
        )
        for row in known.to_dict("records")
    ]
    text = "; ".join(parts) + "." if parts else _("The report gives no fulfilment figure for these rows.")
    missing = len(frame) - len(known)
    if missing and parts:
        text += " " + counted(
            lang,
            n_(
                "For {missing} of {n} row the report does not publish how many were fulfilled.",
                "For {missing} of {n} rows the report does not publish how many were fulfilled.",
            ),
            len(frame),
            missing=format_number(missing, lang),
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
    rows = [row_label(row, lang) for row in records]

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
    # Nothing to split where the number issued is not published, nor where no part of it is: words, no bar.
    notes = [
        _("not published")
        if is_missing(row["issued"])
        else _("status not published")
        if not is_missing(row["unknown_share"]) and float(row["unknown_share"]) >= 1
        else None
        for row in records
    ]
    return stacked_share_bars(rows, segments, notes, lang)


def any_fulfilment_published(frame: pd.DataFrame) -> bool:
    """Whether any row has a part of its status published (fulfilled or in progress): something to draw."""
    return bool(frame["fulfilled_share"].notna().any() or frame["in_progress_share"].notna().any())


def unpublished_summary(frame: pd.DataFrame, lang: str, agency_name: str | None) -> str:
    """In words, row by row, what is known when no part of any row's status is published."""
    _ = translator(lang)
    rows = [
        _("{row}: not published").format(row=row_label(row, lang))
        if is_missing(row["issued"])
        else _("{row}: {issued} issued, how many fulfilled not published").format(
            row=row_label(row, lang), issued=count_with_unit(row["issued"], "recommendations", lang)
        )
        for row in frame.to_dict("records")
    ]
    lead = (
        _("The report publishes no count of fulfilled recommendations for {agency}.").format(agency=agency_name)
        if agency_name
        else _("The report gives no fulfilment figure for these rows.")
    )
    return f"{lead} {'; '.join(rows)}."


def fulfilment_card(lang: str, agency: str | None, agency_name: str | None = None) -> html.Section:
    """Chart and table: fulfilment by issuing body and state body; words and the table, no chart, where
    the report publishes no part of any row's status (a bar of any length would read as a share)."""
    _ = translator(lang)
    data = fulfilment_data(lang, agency)
    if data.frame.empty:
        return empty_card(
            "recommendations-fulfilment",
            _("Fulfilment by issuing body and state body"),
            _("The report gives no recommendation counts for this state body."),
        )
    published = any_fulfilment_published(data.frame)
    return chart_card(
        "recommendations-fulfilment",
        _("Fulfilment by issuing body and state body"),
        fulfilment_summary(data.frame, lang) if published else unpublished_summary(data.frame, lang, agency_name),
        data,
        lang,
        figure=fulfilment_figure(data.frame, lang) if published else None,
        download=("recommendations.fulfilment", {"agency": agency}),
    )


def empty_card(card_id: str, title: str, message: str) -> html.Section:
    """A card that says, in words, why it has nothing to show."""
    return html.Section(
        html.Div(
            [html.H2(title, id=f"{card_id}-title", className="h5 card-title"), empty_state(message)],
            className="card-body",
        ),
        className="card chart-card mb-4",
        id=card_id,
        **{"aria-labelledby": f"{card_id}-title"},
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
            counted(
                lang,
                n_(
                    "Nationally {fulfilled} of {n} NPM recommendation was fulfilled ({share}).",
                    "Nationally {fulfilled} of {n} NPM recommendations were fulfilled ({share}).",
                ),
                row["issued"],
                "recommendations",
                fulfilled=format_number(row["fulfilled"], lang),
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


def agency_column(frame: pd.DataFrame, lang: str, agency: str | None) -> str | None:
    """The heat map's column (its label as drawn) of state body `agency`, or None if Table 3 has none."""
    if agency is None:
        return None
    labels = dict(zip(frame["agency"], cell_names(frame, lang)[1], strict=True))
    return _wrap(labels[agency]) if agency in labels else None


def table3_figure(frame: pd.DataFrame, lang: str, agency: str | None = None) -> Figure:
    """The heat map: computed share where both counts are known, else the printed share (marked *), else grey;
    the column of state body `agency` outlined, its header in bold."""
    _ = translator(lang)
    highlight = agency_column(frame, lang, agency)
    frame = frame.copy()
    frame["region_label"], frame["agency_label"] = cell_names(frame, lang)
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
    return share_heatmap(
        columns, rows, shares, texts, hovers, _("not published"), lang, colour_title=_("fulfilled"), highlight=highlight
    )


def agency_column_sentence(frame: pd.DataFrame, lang: str, agency: str, agency_name: str) -> str:
    """What Table 3 holds for the chosen state body: its column outlined and how many of its cells are known."""
    _ = translator(lang)
    cells = frame[(frame["agency"] == agency) & frame["region"].notna()]
    if cells.empty:
        return _("Table 3 has no column for {agency}.").format(agency=agency_name)
    known = int(cells["fulfilled_share"].notna().sum())
    counted = ngettext(lang, "{n} cell", "{n} cells", len(cells)).format(n=format_number(len(cells), lang))
    template = (
        _("The column of {agency} is outlined: none of its regional cells ({cells}) is published.")
        if not known
        else _("The column of {agency} is outlined: {known} of its regional cells ({cells}) are published.")
    )
    return template.format(agency=agency_name, known=format_number(known, lang), cells=counted)


def table3_card(lang: str, agency: str | None = None, agency_name: str | None = None) -> html.Section:
    """Heat map and table of Table 3 with a key to the grey and starred cells; the chosen state body's column outlined."""
    _ = translator(lang)
    data = table3_data(lang)
    title = _("NPM recommendations fulfilled, by region and state body")
    if data.frame.empty:
        return empty_card("recommendations-table3", title, _("The release holds no figures of Table 3."))
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
    summary = table3_summary(data.frame, lang)
    if agency and agency_name:
        summary = f"{agency_column_sentence(frame, lang, agency, agency_name)} {summary}"
    return chart_card(
        "recommendations-table3",
        title,
        summary,
        data,
        lang,
        figure=table3_figure(data.frame, lang, agency),
        download=("recommendations.table3", {}),
        extra=[html.P(key, className="small text-body-secondary")] if key else None,
        min_width=HEATMAP_MIN_WIDTH,
    )
