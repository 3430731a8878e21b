"""The page's cards: the map and the ranking of the chosen metric, every figure by region, one region in
detail, and the national rate with how every rate is computed."""

from __future__ import annotations

import pandas as pd
from dash import html

from components.chart_card import chart_card
from components.charts.bars import bar_figure, bars_figure
from components.charts.spec import BarChart, BarSeries, Reference
from components.formatting import format_number, format_period, format_value
from components.i18n import translator
from components.map import MAP_ATTRIBUTION, MAP_CONFIG, map_key, region_map
from components.units import count_with_unit, counted, n_, unit_label
from data_access.queries.regions import national_rate, region_detail, region_rates

from .datasets import (
    CAUTION_MARK,
    PLAIN_NUMBER,
    detail_data,
    few_complaints,
    few_complaints_caution,
    few_complaints_sentence,
    institutions_data,
    metric_data,
    region_name,
    table_data,
)
from .params import METRICS, Metric


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


def _cautioned(frame: pd.DataFrame, metric: Metric) -> list[bool]:
    """Which rows' shown value is a rate built on few complaints (counts are exact however small)."""
    if metric.column != "rate":
        return [False] * len(frame)
    return few_complaints(frame)


def _labels(frame: pd.DataFrame, metric: Metric, lang: str) -> list[str]:
    """Each region's value as written on the chart, an unreliable rate marked."""
    return [
        format_value(value, metric.unit, lang) + (CAUTION_MARK if caution else "")
        for value, caution in zip(frame[metric.column], _cautioned(frame, metric), strict=True)
    ]


def _hover(frame: pd.DataFrame, metric: Metric, lang: str) -> list[str]:
    _ = translator(lang)
    ranked = int(frame[f"rank_{metric.column}"].notna().sum())
    caution = few_complaints_caution(lang)
    texts = []
    for record, cautioned in zip(frame.to_dict("records"), _cautioned(frame, metric), strict=True):
        rank = record[f"rank_{metric.column}"]
        text = f"<b>{record['name']}</b><br>{_(metric.title)}: {format_value(record[metric.column], metric.unit, lang)}"
        if not pd.isna(rank):
            text += "<br>" + _("Rank {rank} of {n}").format(rank=int(rank), n=ranked)
        if cautioned:
            text += f"<br>{CAUTION_MARK} {caution}"
        texts.append(text)
    return texts


def caution_note(frame: pd.DataFrame, metric: Metric, lang: str, card_id: str) -> list:
    """The sentence under a chart that explains its marked rates, when it marks any."""
    if not any(_cautioned(frame, metric)):
        return []
    return [html.P(few_complaints_sentence(lang), className="small chart-caution", id=f"{card_id}-caution")]


def map_card(lang: str, metric_key: str, region: str | None) -> html.Section:
    """The choropleth of the chosen metric, with the boundaries' attribution."""
    _ = translator(lang)
    metric = METRICS[metric_key]
    data = metric_data(lang, metric_key)
    frame = data.frame.assign(label=_labels(data.frame, metric, lang), hover=_hover(data.frame, metric, lang))
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
            # The cities' numbers and values, and any region's value the map has no room to write.
            map_key(frame, lang),
            *caution_note(data.frame, metric, lang, "regions-map"),
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
        reference = Reference(national["rate"], label)
    figure = bar_figure(
        BarChart(
            [
                BarSeries(
                    "",
                    frame["short"].tolist(),
                    [None if pd.isna(v) else float(v) for v in frame["value"]],
                    _labels(frame, metric, lang),
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
        extra=caution_note(frame, metric, lang, "regions-bar"),
    )


def table_card(lang: str, metric_key: str, sort: str) -> html.Section:
    """Every Table 2 figure by region, in the chosen order."""
    _ = translator(lang)
    data = table_data(lang, metric_key, sort)
    return chart_card(
        "regions-table",
        _("All figures by region"),
        _(
            "Complaints, convicted persons and the rate for each region, with the rate the report printed beside the computed one."
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
                            "Select a region on the map, in the ranking or in the list above to see its complaints, convicted persons, rate and rank, the non-working complaint terminals and payphones found there, its NPM recommendation fulfilment where the report gives one, and what the report does not publish for it."
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
        detail_finding(lang, region),
        data,
        lang,
        download=("regions.detail", {"region": region}),
    )


def institutions_card(lang: str, region: str | None) -> html.Section | None:
    """A region's non-working payphones and terminals by institution, where the report names the institutions."""
    if region is None:
        return None
    _ = translator(lang)
    data = institutions_data(lang, region)
    frame = data.frame
    if frame.empty:
        return None
    series = []
    for index, (name, rows) in enumerate(frame.groupby("indicator_name", sort=False)):
        series.append(
            BarSeries(
                name,
                list(rows["category_name"]),
                [float(v) for v in rows["value"]],
                [format_number(v, lang) for v in rows["value"]],
                [
                    f"{name} · {i}: {format_number(v, lang)}"
                    for i, v in zip(rows["category_name"], rows["value"], strict=True)
                ],
                colour=["blue", "orange"][index % 2],
            )
        )
    figure = bars_figure(series, lang, axis_title=_("Number"), wrap=24)
    parts = "; ".join(
        f"{name}: "
        + ", ".join(
            f"{i} – {format_number(v, lang)}" for i, v in zip(rows["category_name"], rows["value"], strict=True)
        )
        for name, rows in frame.groupby("indicator_name", sort=False)
    )
    summary = _("{region}, institution by institution: {parts}.").format(region=region_name(lang, region), parts=parts)
    return chart_card(
        "regions-institutions",
        _("Payphones and terminals not working, by institution"),
        summary,
        data,
        lang,
        figure,
        download=("regions.institutions", {"region": region}),
    )


def detail_summary(lang: str, region: str) -> str:
    """'Turkistan Region: 18 complaints about torture and 831 convicted persons give 21.7 per 1,000 (…), rank 1 of 20.'"""
    _ = translator(lang)
    frame = region_detail(lang, region)
    name = region_name(lang, region)
    values = frame.set_index("key")["value"]
    ranked = int(frame["regions_ranked"].iloc[0])
    if pd.isna(values.get("rate")):
        return _("{region}: the report does not publish both counts, so no rate can be computed.").format(region=name)
    # Each count in the form its number asks for ("18 жалоб", "831 осуждённый"): count_with_unit.
    return _(
        "{region}: {complaints} about torture and {prisoners} give {rate} complaints per 1,000 convicted persons (the report prints {printed}), rank {rank} of {n}."
    ).format(
        region=name,
        complaints=count_with_unit(values["complaints"], "complaints", lang),
        prisoners=count_with_unit(values["prisoners"], "prisoners", lang),
        rate=format_value(values["rate"], "per_1000", lang),
        printed=format_value(values.get("rate_printed"), PLAIN_NUMBER, lang),
        rank=format_number(values["rank"], lang),
        n=ranked,
    )


def detail_finding(lang: str, region: str) -> str:
    """The detail card's sentence: `detail_summary`, and a caution when the rate rests on few complaints."""
    rates = region_rates(lang)
    few = dict(zip(rates["region"], few_complaints(rates), strict=True)).get(region, False)
    return detail_summary(lang, region) + (f" {few_complaints_caution(lang)}." if few else "")


def national_block(lang: str) -> html.Section:
    """The national rate for reference and, in plain words, how every rate on the page is computed."""
    _ = translator(lang)
    national = national_rate(lang)
    rates = region_rates(lang)
    figure = counted(
        lang,
        n_(
            "Kazakhstan, {period}: {rate} complaints about torture per 1,000 convicted persons ({complaints}, {prisoners} in {n} region).",
            "Kazakhstan, {period}: {rate} complaints about torture per 1,000 convicted persons ({complaints}, {prisoners} in {n} regions).",
        ),
        national["regions_counted"],
        period=format_period(str(national["period"])),
        rate=format_value(national["rate"], "per_1000", lang),
        complaints=count_with_unit(national["complaints"], "complaints", lang),
        prisoners=count_with_unit(national["prisoners"], "prisoners", lang),
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
                "A region's rate is its complaints about torture divided by its convicted persons, times 1,000, computed here from the two counts in Table 2 of the report and shown with one decimal. The national rate is all regions' complaints over all regions' convicted persons, not an average of the regional rates."
            )
        ),
        html.P(
            counted(
                lang,
                n_(
                    "The report prints its own rates without a single rounding rule: some are cut off, others rounded. In {n} of {m} regions the printed rate differs from the computed rate rounded to one decimal: {examples}.",
                    "The report prints its own rates without a single rounding rule: some are cut off, others rounded. In {n} of {m} regions the printed rate differs from the computed rate rounded to one decimal: {examples}.",
                ),
                national["printed_differs"],
                m=format_number(national["printed_compared"], lang),
                examples=examples,
            )
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
