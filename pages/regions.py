"""Regional complaint rates: a map, a ranking and a table of Table 2, and one region's figures in detail.

URL parameters: `metric` (rate, complaints, prisoners), `region` (an ISO
3166-2:KZ code such as KZ-61) and `sort` (desc, asc, name, for the table).
Unknown values fall back to the default view with a notice.
"""

from __future__ import annotations

from typing import NamedTuple

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update

from components.chart_card import chart_card
from components.charts.bars import bar_figure
from components.charts.spec import BarChart, BarSeries, Reference
from components.datasets import CardData, Column, notes_from, register_dataset, sources_from
from components.formatting import format_number, format_period, format_value
from components.i18n import N_, is_language, resolve_language, translator
from components.map import MAP_ATTRIBUTION, MAP_CONFIG, MODEBAR_MARGIN, region_map
from components.notices import data_unavailable, notice
from components.shell import page_shell
from components.units import unit_label
from data_access.queries.base import DataUnavailable
from data_access.queries.regions import (
    COMPLAINTS,
    PRISONERS,
    RATE_PRINTED,
    national_rate,
    region_detail,
    region_not_published,
    region_rates,
    table2_observations,
)

PATH = "/regions"
dash.register_page(__name__, path=PATH, name=N_("Regions"), nav_order=10, title="Regions")


class Metric(NamedTuple):
    """A way to compare the regions: the column of `region_rates`, its unit and its words."""

    column: str
    unit: str
    option: str  # the choice in the switch
    title: str  # legend, column header, card titles
    indicators: tuple[str, ...]  # the observations it is read or computed from (sources, notes)


METRICS = {
    "rate": Metric("rate", "per_1000", N_("Complaints per 1,000 prisoners"),
                   N_("Complaints about torture per 1,000 prisoners"), (COMPLAINTS, PRISONERS, RATE_PRINTED)),
    "complaints": Metric("complaints", "complaints", N_("Number of complaints"),
                         N_("Complaints about torture"), (COMPLAINTS,)),
    "prisoners": Metric("prisoners", "prisoners", N_("Number of prisoners"), N_("Prisoners"), (PRISONERS,)),
}  # fmt: skip
DEFAULT_METRIC = "rate"
SORTS = {"desc": N_("Highest first"), "asc": N_("Lowest first"), "name": N_("By region name")}
DEFAULT_SORT = "desc"
# Whole numbers whole, others with one decimal: printed figures read as the report gave them (16, 21.6).
PLAIN_NUMBER = "number"

# Row labels of the region detail, by the query's keys; each says its unit, as the column holds several.
DETAIL_LABELS = {
    "complaints": N_("Complaints about torture"),
    "prisoners": N_("Prisoners"),
    "rate": N_("Complaints per 1,000 prisoners (computed)"),
    "rate_printed": N_("Complaints per 1,000 prisoners (as printed in the report)"),
    "terminals": N_("Complaint terminals found not working by the Ombudsman's regional representatives"),
    "payphones": N_("Payphones found not working in penal institutions"),
    "npm_share_printed": N_("NPM recommendations fulfilled, per cent (as printed in the report)"),
}


def choose(value: object, allowed: object, default: str | None) -> tuple[str | None, bool]:
    """`value` if it is one of `allowed`, else `default`; and whether the value given was bad (not just absent)."""
    if value is None or value == "":
        return default, False
    if isinstance(value, str) and value in allowed:  # type: ignore[operator]
        return value, False
    return default, True


def _region_codes() -> list[str]:
    return region_rates("en")["region"].tolist()


def _sources_and_notes(metric: Metric, lang: str) -> tuple[list[str], list[str]]:
    """The report lines the metric comes from and their data notes."""
    frame = table2_observations(lang)
    frame = frame[frame["indicator"].isin(metric.indicators)]
    return sources_from(frame, lang), notes_from(frame)


def _ranked(frame: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """Regions with a value first, highest first, then those without, by name."""
    return frame.sort_values([f"rank_{metric.column}", "name"], na_position="last").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- datasets


def plain(value: object) -> int | float | None:
    """A whole number as an int (a download reads 18, not 18.0), any other number as a float, missing as None."""
    if value is None or pd.isna(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


@register_dataset("regions.metric")
def metric_data(lang: str, metric: str = DEFAULT_METRIC) -> CardData:
    """One metric for every region, highest first, with its rank (what the map and the bar chart show)."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    _ = translator(lang)
    chosen = METRICS[metric]
    frame = _ranked(region_rates(lang), chosen)
    frame = frame.assign(value=frame[chosen.column], rank=frame[f"rank_{chosen.column}"])
    sources, notes = _sources_and_notes(chosen, lang)
    return CardData(
        frame=frame,
        columns=[
            Column("name", _("Region")),
            Column("value", _(chosen.title), chosen.unit),
            Column("rank", _("Rank (1 = highest)"), "rank"),
        ],
        caption=_("{metric} by region, {period}").format(
            metric=_(chosen.title), period=format_period(str(frame["period"].iloc[0]))
        ),
        sources=sources,
        notes=notes,
    )


@register_dataset("regions.table")
def table_data(lang: str, metric: str = DEFAULT_METRIC, sort: str = DEFAULT_SORT) -> CardData:
    """Every Table 2 figure by region, the computed rate beside the printed one, sorted as asked."""
    if metric not in METRICS or sort not in SORTS:
        raise ValueError(f"unknown metric {metric!r} or sort {sort!r}")
    _ = translator(lang)
    chosen = METRICS[metric]
    frame = _ranked(region_rates(lang), chosen)
    if sort == "asc":
        frame = frame.sort_values([chosen.column, "name"], ascending=[True, True], na_position="last")
    elif sort == "name":
        frame = frame.sort_values("name", key=lambda names: names.str.casefold())
    differs = {True: _("yes"), False: _("no")}
    frame = frame.assign(
        rank=frame[f"rank_{chosen.column}"],
        differs=[differs.get(value, "") if not pd.isna(value) else "" for value in frame["printed_differs"]],
    )
    sources, notes = _sources_and_notes(METRICS["rate"], lang)
    order = {"desc": _("highest first"), "asc": _("lowest first"), "name": _("by region name")}[sort]
    return CardData(
        frame=frame.reset_index(drop=True),
        columns=[
            Column("name", _("Region")),
            Column("rank", _("Rank: {metric}").format(metric=_(chosen.title)), "rank"),
            Column("complaints", _("Complaints about torture"), "complaints"),
            Column("prisoners", _("Prisoners"), "prisoners"),
            Column("rate", _("Complaints per 1,000 prisoners (computed)"), "per_1000"),
            Column("rate_printed", _("As printed in the report"), PLAIN_NUMBER),
            Column("differs", _("Printed rate differs from the computed one rounded"), "text"),
        ],
        caption=_("Table 2 of the report by region, {period}: {metric}, {order}").format(
            period=format_period(str(frame["period"].iloc[0])), metric=_(chosen.title), order=order
        ),
        sources=sources,
        notes=notes,
    )


@register_dataset("regions.detail")
def detail_data(lang: str, region: str = "") -> CardData:
    """Everything the report gives for one region, with Kazakhstan's figure beside it, and what it does not publish."""
    _ = translator(lang)
    figures = region_detail(lang, region)
    if figures.empty:
        raise ValueError(f"unknown region {region!r}")
    # The rank is in the card's sentence: a country has no rank, so a row would need an empty national cell.
    rows = [
        {**record, "label": _(DETAIL_LABELS[record["key"]])}
        for record in figures.to_dict("records")
        if record["key"] in DETAIL_LABELS
    ]
    for record in region_not_published(lang, region).to_dict("records"):
        label = _("{indicator}, by ministry ({agencies}) and in total").format(
            indicator=record["indicator_name"], agencies=record["agencies"]
        )
        rows.append(
            {**record, "key": f"not_published:{record['indicator']}", "label": label, "value": None, "national": None}
        )
    frame = pd.DataFrame(rows)
    for column in ("value", "national"):
        frame[column] = pd.Series([plain(value) for value in frame[column]], dtype=object, index=frame.index)
    name = region_name(lang, region)
    return CardData(
        frame=frame,
        columns=[
            Column("label", _("Figure")),
            Column("value", name, PLAIN_NUMBER),
            Column("national", _("Kazakhstan"), PLAIN_NUMBER),
        ],
        caption=_("What the report gives for {region}, {period}").format(
            region=name, period=format_period(str(figures["period"].iloc[0]))
        ),
        sources=sources_from(frame, lang),
        notes=notes_from(frame),
    )


# ---------------------------------------------------------------------------------------------- cards


def _names_with_rank(frame: pd.DataFrame, metric: Metric, rank: int) -> str:
    return ", ".join(frame.loc[frame[f"rank_{metric.column}"] == rank, "name"])


def metric_summary(frame: pd.DataFrame, metric: Metric, national: dict, lang: str) -> str:
    """One sentence for a screen reader: the highest and the lowest region and the national figure."""
    _ = translator(lang)
    valued = frame[frame[metric.column].notna()]
    if valued.empty:
        return _("The report publishes no figure for any region.")
    top, bottom = valued[f"rank_{metric.column}"].min(), valued[f"rank_{metric.column}"].max()
    top_value = valued.loc[valued[f"rank_{metric.column}"] == top, metric.column].iloc[0]
    bottom_value = valued.loc[valued[f"rank_{metric.column}"] == bottom, metric.column].iloc[0]
    reference = (
        _("Kazakhstan as a whole: {value}.") if metric.column == "rate" else _("All regions together: {value}.")
    ).format(value=format_value(national[metric.column], metric.unit, lang))  # national_rate has a key per metric
    return (
        _("Highest: {top} ({top_value}). Lowest: {bottom} ({bottom_value}).").format(
            top=_names_with_rank(valued, metric, top),
            top_value=format_value(top_value, metric.unit, lang),
            bottom=_names_with_rank(valued, metric, bottom),
            bottom_value=format_value(bottom_value, metric.unit, lang),
        )
        + " "
        + reference
    )


def _hover(frame: pd.DataFrame, metric: Metric, lang: str) -> list[str]:
    _ = translator(lang)
    ranked = int(frame[f"rank_{metric.column}"].notna().sum())
    texts = []
    for record in frame.to_dict("records"):
        rank = record[f"rank_{metric.column}"]
        text = f"<b>{record['name']}</b><br>{_(metric.title)}: {format_value(record[metric.column], metric.unit, lang)}"
        if not pd.isna(rank):
            text += "<br>" + _("Rank {rank} of {n}").format(rank=int(rank), n=ranked)
        texts.append(text)
    return texts


def map_card(lang: str, metric_key: str, region: str | None) -> html.Section:
    """The choropleth of the chosen metric, with the boundaries' attribution."""
    _ = translator(lang)
    metric = METRICS[metric_key]
    data = metric_data(lang, metric_key)
    frame = data.frame.assign(
        label=[format_value(v, metric.unit, lang) for v in data.frame["value"]],
        hover=_hover(data.frame, metric, lang),
    )
    figure = region_map(frame, lang, unit_label(metric.unit, lang), _("No data published"), selected=region)
    return chart_card(
        "regions-map",
        f"{_(metric.title)}, {format_period(str(frame['period'].iloc[0]))}",
        metric_summary(data.frame, metric, national_rate(lang), lang),
        data,
        lang,
        figure=figure,
        download=("regions.metric", {"metric": metric_key}),
        graph_config=MAP_CONFIG,
        extra=[
            html.P(
                _("Select a region on the map, in the ranking or in the list above to see its figures."),
                className="small d-print-none",
            ),
            html.P(_(MAP_ATTRIBUTION), className="card-source"),
        ],
    )


def bar_card(lang: str, metric_key: str, region: str | None) -> html.Section:
    """The regions ranked by the chosen metric; for the rate, the national rate as a reference line."""
    _ = translator(lang)
    metric = METRICS[metric_key]
    data = metric_data(lang, metric_key)
    frame = data.frame
    national = national_rate(lang)
    codes = frame["region"].tolist()
    reference = None
    if metric.column == "rate" and national["rate"] is not None:
        label = _("Kazakhstan: {value}").format(value=format_value(national["rate"], metric.unit, lang))
        reference = Reference(national["rate"], label, at_foot=True)
    figure = bar_figure(
        BarChart(
            [
                BarSeries(
                    "",
                    frame["short"].tolist(),
                    [None if pd.isna(v) else float(v) for v in frame["value"]],
                    [format_value(v, metric.unit, lang) for v in frame["value"]],
                    _hover(frame, metric, lang),
                    # The chosen region stands out in colour and by its outline; its value is written on it.
                    colour=["highlight" if code == region else "blue" for code in codes],
                    outline=["black" if code == region else None for code in codes],
                    keys=codes,
                )
            ],
            axis_title=unit_label(metric.unit, lang),
            reference=reference,
            wrap=None,
            height=max(260, 26 * len(codes) + 60),
            # The mode bar is always shown on touch screens: keep it above the top bar's label.
            top_margin=MODEBAR_MARGIN,
        ),
        lang,
    )
    return chart_card(
        "regions-bar",
        _("Regions ranked: {metric}").format(metric=_(metric.title)),
        metric_summary(frame, metric, national, lang),
        data,
        lang,
        figure=figure,
        download=("regions.metric", {"metric": metric_key}),
    )


def table_card(lang: str, metric_key: str, sort: str) -> html.Section:
    """Every Table 2 figure by region, in the chosen order."""
    _ = translator(lang)
    data = table_data(lang, metric_key, sort)
    return chart_card(
        "regions-table",
        _("All figures by region"),
        _(
            "Complaints, prisoners and the rate for each region, with the rate the report printed beside the computed one."
        ),
        data,
        lang,
        download=("regions.table", {"metric": metric_key, "sort": sort}),
    )


def detail_card(lang: str, region: str | None) -> html.Section:
    """One region's figures, or a prompt to choose one."""
    _ = translator(lang)
    if region is None:
        return html.Section(
            html.Div(
                [
                    html.H2(_("Region detail"), className="h5 card-title", id="regions-detail-title"),
                    html.P(
                        _(
                            "Select a region on the map, in the ranking or in the list above to see its complaints, prisoners, rate and rank, the non-working complaint terminals and payphones found there, its NPM recommendation fulfilment where the report gives one, and what the report does not publish for it."
                        )
                    ),
                ],
                className="card-body",
            ),
            className="card chart-card mb-4",
            id="regions-detail",
            **{"aria-labelledby": "regions-detail-title"},
        )
    data = detail_data(lang, region)
    return chart_card(
        "regions-detail",
        _("Region detail: {region}").format(region=region_name(lang, region)),
        detail_summary(lang, region),
        data,
        lang,
        download=("regions.detail", {"region": region}),
    )


def region_name(lang: str, region: str) -> str:
    """A region's name in `lang`, from the database."""
    return str(region_rates(lang).set_index("region").at[region, "name"])


def detail_summary(lang: str, region: str) -> str:
    """'Turkistan Region: 18 complaints about torture and 831 prisoners give 21.7 per 1,000 (…), rank 1 of 20.'"""
    _ = translator(lang)
    frame = region_detail(lang, region)
    name = region_name(lang, region)
    values = frame.set_index("key")["value"]
    ranked = int(frame["regions_ranked"].iloc[0])
    if pd.isna(values.get("rate")):
        return _("{region}: the report does not publish both counts, so no rate can be computed.").format(region=name)
    return _(
        "{region}: {complaints} complaints about torture and {prisoners} prisoners give {rate} complaints per 1,000 prisoners (the report prints {printed}), rank {rank} of {n}."
    ).format(
        region=name,
        complaints=format_number(values["complaints"], lang),
        prisoners=format_number(values["prisoners"], lang),
        rate=format_value(values["rate"], "per_1000", lang),
        printed=format_value(values.get("rate_printed"), PLAIN_NUMBER, lang),
        rank=format_number(values["rank"], lang),
        n=ranked,
    )


def national_block(lang: str) -> html.Section:
    """The national rate for reference and, in plain words, how every rate on the page is computed."""
    _ = translator(lang)
    national = national_rate(lang)
    rates = region_rates(lang)
    figure = _(
        "Kazakhstan, {period}: {rate} complaints about torture per 1,000 prisoners ({complaints} complaints, {prisoners} prisoners in {n} regions)."
    ).format(
        period=format_period(str(national["period"])),
        rate=format_value(national["rate"], "per_1000", lang),
        complaints=format_number(national["complaints"], lang),
        prisoners=format_number(national["prisoners"], lang),
        n=national["regions_counted"],
    )
    differing = rates[rates["printed_differs"].eq(True)].sort_values("rank_rate")
    examples = "; ".join(
        _("{region}: computed {computed}, printed {printed}").format(
            region=record["name"],
            computed=format_number(record["rate"], lang, 2),
            printed=format_value(record["rate_printed"], PLAIN_NUMBER, lang),
        )
        for record in differing.to_dict("records")
    )
    method = [
        html.P(
            _(
                "A region's rate is its complaints about torture divided by its prisoners, times 1,000, computed here from the two counts in Table 2 of the report and shown with one decimal. The national rate is all regions' complaints over all regions' prisoners, not an average of the regional rates."
            )
        ),
        html.P(
            _(
                "The report prints its own rates without a single rounding rule: some are cut off, others rounded. In {n} of {m} regions the printed rate differs from the computed rate rounded to one decimal: {examples}."
            ).format(n=national["printed_differs"], m=national["printed_compared"], examples=examples)
            if national["printed_differs"]
            else _("The rates the report prints agree with the computed rates rounded to one decimal.")
        ),
    ]
    return html.Section(
        [
            html.H2(_("National rate for reference"), className="h5", id="regions-national-title"),
            html.P(figure, className="fw-semibold", id="regions-national-rate"),
            html.H3(_("How the rate is computed"), className="h6"),
            *method,
        ],
        className="mb-4",
        id="regions-national",
        **{"aria-labelledby": "regions-national-title"},
    )


def slots(lang: str, metric: str, region: str | None, sort: str) -> tuple:
    """The parts of the page that follow the filters: map, detail, ranking, table."""
    return (
        map_card(lang, metric, region),
        detail_card(lang, region),
        bar_card(lang, metric, region),
        table_card(lang, metric, sort),
    )


def radio_group(component_id: str, legend: str, options: list[dict], value: str) -> html.Fieldset:
    """Radio buttons in a fieldset with a legend.

    dbc's radios are native inputs with <label for>; one name makes them one
    group (one Tab stop, arrow keys move the choice). Dash 4's dcc.RadioItems
    nests its inputs in role=option, which screen readers cannot use.
    """
    return html.Fieldset(
        [
            html.Legend(legend, className="h6"),
            dbc.RadioItems(id=component_id, options=options, value=value, inline=True, name=component_id),
        ],
        className="mb-0",
    )


def controls(lang: str, metric: str, region: str | None) -> html.Div:
    """The metric switch and the region list."""
    _ = translator(lang)
    names = region_rates(lang).sort_values("name", key=lambda names: names.str.casefold())
    # A native <select>: labelled, keyboard- and touch-friendly; the empty first choice means no region.
    options = [{"label": _("No region selected"), "value": ""}] + [
        {"label": name, "value": code} for code, name in zip(names["region"], names["name"], strict=True)
    ]
    return html.Div(
        [
            radio_group(
                "regions-metric",
                _("Compare the regions by"),
                [{"label": _(m.option), "value": key} for key, m in METRICS.items()],
                metric,
            ),
            html.Div(
                [
                    html.Label(_("Region"), htmlFor="regions-region", className="h6 d-block"),
                    dbc.Select(id="regions-region", options=options, value=region or ""),
                ]
            ),
        ],
        className="filters d-print-none",
    )


def sort_control(lang: str, sort: str) -> html.Div:
    """How the table is ordered."""
    _ = translator(lang)
    options = [{"label": _(text), "value": key} for key, text in SORTS.items()]
    return html.Div(
        radio_group("regions-sort", _("Order of the table"), options, sort), className="filters d-print-none"
    )


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The regions page for the URL's metric, region and table order."""
    lang = resolve_language(lang)
    _ = translator(lang)
    title = _("Complaints about torture by region")
    intro = html.P(
        _(
            "How many complaints about torture the Ombudsman received from each region, set against the number of prisoners held there (Table 2 of the 2026 special report). Choose what to compare; select a region for its figures."
        ),
        className="lead-text",
    )
    try:
        codes = _region_codes()
        metric, bad_metric = choose(query.get("metric"), METRICS, DEFAULT_METRIC)
        region, bad_region = choose(query.get("region"), codes, None)
        sort, bad_sort = choose(query.get("sort"), SORTS, DEFAULT_SORT)
        parts = slots(lang, metric, region, sort)
        content = [
            intro,
            html.Div(bad_input_notices(lang, bad_metric, bad_region, bad_sort), id="regions-notices"),
            controls(lang, metric, region),
            national_block(lang),
            html.Div(
                [
                    html.Div(parts[0], id="regions-map-slot", className="col-12 col-xl-7"),
                    html.Div(parts[1], id="regions-detail-slot", className="col-12 col-xl-5"),
                ],
                className="row",
            ),
            html.Div(parts[2], id="regions-bar-slot"),
            sort_control(lang, sort),
            html.Div(parts[3], id="regions-table-slot"),
            html.P(id="regions-status", className="visually-hidden", role="status", **{"aria-live": "polite"}),
            dcc.Store(id="regions-lang", data=lang),
            dcc.Store(id="regions-filters"),
            dcc.Store(id="regions-url-sync"),
        ]
    except DataUnavailable:
        content = [intro, data_unavailable(lang)]
    return page_shell(PATH, lang, title, content, query)


def bad_input_notices(lang: str, bad_metric: bool, bad_region: bool, bad_sort: bool) -> list[html.Div]:
    """A short notice for each parameter that was not understood (the default is shown instead)."""
    _ = translator(lang)
    messages = [
        (bad_metric, _("The comparison asked for is not known; the rate per 1,000 prisoners is shown.")),
        (bad_region, _("The region asked for is not known; no region is selected.")),
        (bad_sort, _("The table order asked for is not known; the highest values are shown first.")),
    ]
    return [notice(text, "warning") for bad, text in messages if bad]


# ---------------------------------------------------------------------------------------------- callbacks


@callback(
    Output("regions-map-slot", "children"),
    Output("regions-detail-slot", "children"),
    Output("regions-bar-slot", "children"),
    Output("regions-table-slot", "children"),
    Output("regions-notices", "children"),
    Output("regions-filters", "data"),
    Output("regions-status", "children"),
    Input("regions-metric", "value"),
    Input("regions-region", "value"),
    Input("regions-sort", "value"),
    State("regions-lang", "data"),
    prevent_initial_call=True,
)
def update_view(metric: object, region: object, sort: object, lang: object) -> tuple:
    """Re-build the map, the detail, the ranking and the table for the chosen filters; keep the URL in step."""
    lang = lang if is_language(lang) else resolve_language(None)
    _ = translator(lang)
    try:
        metric, bad_metric = choose(metric, METRICS, DEFAULT_METRIC)
        region, bad_region = choose(region, _region_codes(), None)
        sort, bad_sort = choose(sort, SORTS, DEFAULT_SORT)
        parts = slots(lang, metric, region, sort)
    except DataUnavailable:
        unavailable = data_unavailable(lang)
        return unavailable, None, None, None, None, no_update, _("Data temporarily unavailable")
    filters = {
        "metric": None if metric == DEFAULT_METRIC else metric,
        "region": region,
        "sort": None if sort == DEFAULT_SORT else sort,
    }
    # What a screen reader announces after the change: the chosen region's figures, or the metric now shown.
    status = (
        detail_summary(lang, region)
        if region is not None
        else _("Showing: {metric}").format(metric=_(METRICS[metric].title))
    )
    return (*parts, bad_input_notices(lang, bad_metric, bad_region, bad_sort), filters, status)


def clicked_region(click: object) -> str | None:
    """The region code a click on the map or a bar carries, or None for anything else."""
    try:
        point = click["points"][0]  # type: ignore[index]
        code = point.get("customdata")
    except (TypeError, KeyError, IndexError, AttributeError):
        return None
    if isinstance(code, list) and code:
        code = code[0]
    return code if isinstance(code, str) else None


@callback(
    Output("regions-region", "value"),
    Input("regions-map-graph", "clickData"),
    Input("regions-bar-graph", "clickData"),
    prevent_initial_call=True,
)
def select_clicked_region(map_click: object, bar_click: object) -> object:
    """A click on a region (or a city marker, or a bar) selects it in the region list."""
    code = clicked_region(map_click if ctx.triggered_id == "regions-map-graph" else bar_click)
    try:
        return code if code in _region_codes() else no_update
    except DataUnavailable:
        return no_update


clientside_callback(
    ClientsideFunction("url", "replaceQuery"),
    Output("regions-url-sync", "data"),
    Input("regions-filters", "data"),
)
