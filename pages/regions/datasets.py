"""The page's tables: one metric for every region, every Table 2 figure by region, and one region in detail,
each as a card shows it and as it is downloaded."""

from __future__ import annotations

import pandas as pd

from components.datasets import CardData, Column, file_slug, notes_from, register_dataset, row_sources, sources_from
from components.formatting import format_period
from components.i18n import N_, ngettext, translator
from data_access.queries.regions import (
    FEW_COMPLAINTS,
    region_detail,
    region_institution_figures,
    region_not_published,
    region_rates,
    table2_observations,
)

from .params import (
    DEFAULT_METRIC,
    DEFAULT_SORT,
    METRIC_AND_SORT,
    METRIC_ONLY,
    METRICS,
    REGION_ONLY,
    SORT_SLUGS,
    Metric,
    download_values,
)

# Whole numbers whole, others with one decimal: printed figures read as the report gave them (16, 21.6).
PLAIN_NUMBER = "number"

# Row labels of the region detail, by the query's keys; each says its unit, as the column holds several.
DETAIL_LABELS = {
    "complaints": N_("Complaints about torture"),
    "prisoners": N_("Convicted persons"),
    "rate": N_("Complaints per 1,000 convicted persons (computed)"),
    "rate_printed": N_("Complaints per 1,000 convicted persons (as printed in the report)"),
    "terminals": N_("Complaint terminals found not working by the Ombudsman's regional representatives"),
    "payphones": N_("Payphones found not working in penal institutions"),
    "npm_share_printed": N_("NPM recommendations fulfilled, per cent (as printed in the report)"),
}


def _sources_and_notes(metric: Metric, lang: str) -> tuple[list[str], list[str]]:
    """The report lines the metric comes from and their data notes."""
    frame = table2_observations(lang)
    frame = frame[frame["indicator"].isin(metric.indicators)]
    return sources_from(frame, lang), notes_from(frame)


def _ranked(frame: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """Regions with a value first, highest first, then those without, by name."""
    return frame.sort_values([f"rank_{metric.column}", "name"], na_position="last").reset_index(drop=True)


def few_complaints_caution(lang: str) -> str:
    """'Fewer than 5 complaints: unreliable', for a rate (and its rank) built on fewer than `FEW_COMPLAINTS`."""
    return ngettext(
        lang, "Fewer than {n} complaint: unreliable", "Fewer than {n} complaints: unreliable", FEW_COMPLAINTS
    ).format(n=FEW_COMPLAINTS)


def few_complaints_sentence(lang: str) -> str:
    """The sentence under a chart that marks unreliable rates with `CAUTION_MARK`."""
    return ngettext(
        lang,
        "Rates based on fewer than {n} complaint are unreliable; they are marked *.",
        "Rates based on fewer than {n} complaints are unreliable; they are marked *.",
        FEW_COMPLAINTS,
    ).format(n=FEW_COMPLAINTS)


# The mark beside an unreliable rate in a chart's labels (the sentence above explains it).
CAUTION_MARK = "*"


def few_complaints(frame: pd.DataFrame) -> list[bool]:
    """Whether each row's rate rests on fewer than `FEW_COMPLAINTS` complaints (False where it has no rate)."""
    return [not pd.isna(flag) and bool(flag) for flag in frame["few_complaints"]]


def _cautions(frame: pd.DataFrame, lang: str) -> list[str]:
    """The caution of each row whose rate rests on few complaints, '' for the others."""
    caution = few_complaints_caution(lang)
    return [caution if flag else "" for flag in few_complaints(frame)]


# ---------------------------------------------------------------------------------------------- datasets


def plain(value: object) -> int | float | None:
    """A whole number as an int (a download reads 18, not 18.0), any other number as a float, missing as None."""
    if value is None or pd.isna(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


@register_dataset("regions.metric", params=METRIC_ONLY)
def metric_data(lang: str, metric: str = DEFAULT_METRIC) -> CardData:
    """One metric for every region, highest first, with its rank (what the map and the bar chart show)."""
    metric = download_values(METRIC_ONLY, lang, metric=metric)["metric"]
    _ = translator(lang)
    chosen = METRICS[metric]
    frame = _ranked(region_rates(lang), chosen)
    frame = frame.assign(
        value=frame[chosen.column], rank=frame[f"rank_{chosen.column}"], caution=_cautions(frame, lang)
    )
    sources, notes = _sources_and_notes(chosen, lang)
    columns = [
        Column("name", _("Region")),
        Column("value", _(chosen.title), chosen.unit),
        Column("rank", _("Rank (1 = highest)"), "rank"),
    ]
    if chosen.column == "rate":  # a count is exact however small; a rate on a few complaints is not
        columns.append(Column("caution", _("Caution")))
    period = str(frame["period"].iloc[0])
    return CardData(
        frame=frame,
        columns=columns,
        caption=_("{metric} by region, {period}").format(metric=_(chosen.title), period=format_period(period)),
        sources=sources,
        notes=notes,
        file_name=file_slug("regions", chosen.slug, period),
    )


@register_dataset("regions.table", params=METRIC_AND_SORT)
def table_data(lang: str, metric: str = DEFAULT_METRIC, sort: str = DEFAULT_SORT) -> CardData:
    """Every Table 2 figure by region, the computed rate beside the printed one, sorted as asked."""
    values = download_values(METRIC_AND_SORT, lang, metric=metric, sort=sort)
    metric, sort = values["metric"], values["sort"]
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
        caution=_cautions(frame, lang),
    )
    sources, notes = _sources_and_notes(METRICS["rate"], lang)
    order = {"desc": _("highest first"), "asc": _("lowest first"), "name": _("by region name")}[sort]
    return CardData(
        frame=frame.reset_index(drop=True),
        columns=[
            Column("name", _("Region")),
            Column("rank", _("Rank: {metric}").format(metric=_(chosen.title)), "rank"),
            Column("complaints", _("Complaints about torture"), "complaints"),
            Column("prisoners", _("Convicted persons"), "prisoners"),
            Column("rate", _("Complaints per 1,000 convicted persons (computed)"), "per_1000"),
            Column("caution", _("Caution")),
            Column("rate_printed", _("As printed in the report"), PLAIN_NUMBER),
            Column("differs", _("Printed rate differs from the computed one rounded"), "text"),
        ],
        caption=_("Table 2 of the report by region, {period}: {metric}, {order}").format(
            period=format_period(str(frame["period"].iloc[0])), metric=_(chosen.title), order=order
        ),
        sources=sources,
        notes=notes,
        file_name=file_slug("regions", "all-figures", "by", chosen.slug, SORT_SLUGS[sort], frame["period"].iloc[0]),
    )


@register_dataset("regions.detail", params=REGION_ONLY)
def detail_data(lang: str, region: str | None = None) -> CardData:
    """Everything the report gives for one region, with Kazakhstan's figure beside it, and what it does not publish."""
    region = download_values(REGION_ONLY, lang, region=region)["region"]
    if region is None:
        raise ValueError("a region is required")
    _ = translator(lang)
    figures = region_detail(lang, region)
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
    # Every row is the region's: its code goes with each into the download.
    frame = pd.DataFrame(rows).assign(region=region)
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
        file_name=file_slug("regions", region, figures["period"].iloc[0]),
    )


@register_dataset("regions.institutions", params=REGION_ONLY)
def institutions_data(lang: str, region: str | None = None) -> CardData:
    """One region's payphones and complaint terminals found not working, institution by institution."""
    region = download_values(REGION_ONLY, lang, region=region)["region"]
    if region is None:
        raise ValueError("a region is required")
    _ = translator(lang)
    frame = region_institution_figures(lang, region).copy()
    frame["source"] = row_sources(frame, lang)  # each count linked to the sentence that gives it
    return CardData(
        frame=frame,
        columns=[
            Column("category_name", _("Institution")),
            Column("indicator_name", _("Figure")),
            Column("value", _("Number"), PLAIN_NUMBER),
            Column("source", _("Source")),
        ],
        caption=_("Payphones and complaint terminals not working in {region}, by institution").format(
            region=region_name(lang, region)
        ),
        sources=sources_from(frame, lang),
        notes=notes_from(frame),
    )


def region_name(lang: str, region: str) -> str:
    """A region's name in `lang`, from the database."""
    return str(region_rates(lang).set_index("region").at[region, "name"])
