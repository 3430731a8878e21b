"""The published datasets: every table of the release as downloaded, read by the page, the API and the data package.

One function, `dataset_frame`, gives the rows of a dataset in a language; the
data page, the download routes, the JSON API and the Frictionless Data
Package all read it, so they cannot disagree. `dataset_fields` describes the
columns (type, whether required, allowed values) from the database schema and
the release format, and `dataset_keys` the primary and foreign keys.
`dataset_summaries` and `topic_summaries` (rows, periods, units, sources of each
dataset) are computed in SQL from the same tables, to the same result as
summarising `dataset_frame`, without reading every row.

Facility-level tables (`facilities`, `visit_logs`) are not published: they sit
below the region level, where the disclosure rule applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Select, Table, case, func, select

from .. import schema
from ..cache import cached
from ..release_format import TABLES_BY_NAME
from ..settings import load_settings
from ..vocabulary import LANGUAGES
from . import meta
from .base import lang_or_default, read_frame, read_scalar
from .observations import OBSERVATION_COLUMNS, latest_with_previous, observation_order, observations


@dataclass(frozen=True)
class DatasetSource:
    """Where a dataset comes from: its database table, its keys, and the column that dates its rows."""

    name: str
    table: Table
    primary_key: tuple[str, ...]
    # (field, resource, field the key points at)
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    period_column: str | None = None
    kind: str = "table"  # "observations" for the tidy fact table, "table" for every other
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _release_foreign_keys(release_table: str, skip: tuple[str, ...] = ()) -> tuple[tuple[str, str, str], ...]:
    """The foreign keys the release format declares for a table (column -> referenced table's key)."""
    spec = TABLES_BY_NAME[release_table]
    return tuple(
        (column.name, column.references, TABLES_BY_NAME[column.references].key[0])
        for column in spec.columns
        if column.references and column.kind != "codes" and column.name not in skip
    )


def _release_enums(release_table: str) -> dict[str, tuple[str, ...]]:
    return {column.name: column.choices for column in TABLES_BY_NAME[release_table].columns if column.choices}


def _from_release(name: str, table: Table, period_column: str | None = None, kind: str = "table") -> DatasetSource:
    spec = TABLES_BY_NAME[name]
    return DatasetSource(name, table, spec.key, _release_foreign_keys(name), period_column, kind, _release_enums(name))


# In the order the data page lists them: the figures first, then what explains them.
DATASETS: tuple[DatasetSource, ...] = (
    _from_release("observations", schema.observation, "period", "observations"),
    _from_release("indicators", schema.indicator),
    _from_release("data_notes", schema.data_note),
    _from_release("regions", schema.region),
    _from_release("agencies", schema.agency),
    _from_release("facility_types", schema.facility_type),
    _from_release("categories", schema.category),
    _from_release("recommendations", schema.recommendation, "issued"),
    DatasetSource(
        "recommendation_addressees",
        schema.recommendation_addressee,
        ("recommendation", "agency"),
        (("recommendation", "recommendations", "code"), ("agency", "agencies", "code")),
    ),
    # Kept across releases, so it may name a recommendation a later release dropped: no foreign key.
    DatasetSource(
        "recommendation_status_history",
        schema.recommendation_status_history,
        ("recommendation", "status", "status_date"),
        period_column="status_date",
        enums={"status": _release_enums("recommendations")["status"]},
    ),
    _from_release("ombudsman_visits", schema.ombudsman_visit, "visit_month"),
    _from_release("milestones", schema.milestone, "date"),
    _from_release("changes", schema.release_change),
    DatasetSource("releases", schema.release, ("version",), period_column="published"),
)
DATASETS_BY_NAME = {source.name: source for source in DATASETS}
DATASET_NAMES = tuple(source.name for source in DATASETS)

# Columns of a database table that a download leaves out: bookkeeping of this database, not data.
_HIDDEN_COLUMNS = {"id", "imported_at", "period_start", "period_end"}
# The observation columns that come from joined tables (names in the language asked for).
_OBSERVATION_NAME_COLUMNS = {
    "indicator_name",
    "unit",
    "region_name",
    "agency_name",
    "facility_type_name",
    "category_name",
    "note_text",
}


def _language_columns(table: Table, lang: str) -> list:
    """Every column of `table`; of the columns kept in three languages, only `lang`'s, named without the suffix."""
    columns = []
    for column in table.columns:
        if column.name in _HIDDEN_COLUMNS:
            continue
        stem, _, suffix = column.name.rpartition("_")
        if suffix in LANGUAGES:
            if suffix == lang:
                columns.append(column.label(stem))
            continue
        columns.append(column)
    return columns


def _typed(frame: pd.DataFrame, table: Table, lang: str) -> pd.DataFrame:
    """Nullable integer and float columns as pandas' nullable dtypes, so a missing value stays missing."""
    types = column_types(table, lang)
    for name, kind in types.items():
        if name not in frame:
            continue
        if kind == "integer":
            frame[name] = frame[name].astype("Int64")
        elif kind == "number":
            frame[name] = frame[name].astype("Float64")
        elif kind == "boolean":
            frame[name] = frame[name].astype("boolean")
    return frame


def _order(source: DatasetSource) -> list:
    """A stable row order: newest release first; history in the order it was recorded; else by key."""
    table = source.table
    if table is schema.release:
        return [table.c.published.desc(), table.c.version.desc()]
    if table is schema.recommendation_status_history:
        return [table.c.recommendation, table.c.status_date, table.c.id]
    return [table.c[name] for name in source.primary_key]


@cached
def _table_frame(name: str, lang: str) -> pd.DataFrame:
    source = DATASETS_BY_NAME[name]
    frame = read_frame(select(*_language_columns(source.table, lang)).order_by(*_order(source)))
    if source.table is schema.release:
        frame["is_current"] = frame["is_current"].astype(bool)
    return _typed(frame, source.table, lang)


def dataset_frame(name: str, lang: str, topic: str | None = None) -> pd.DataFrame:
    """The rows of dataset `name` in `lang`, as every download and the API give them.

    `observations` is the tidy table of figures (`observations.observations`),
    optionally only the indicators of one `topic`; the dimension tables come from
    `meta`-style queries of their table, with names in `lang`.
    """
    lang = lang_or_default(lang)
    if name not in DATASETS_BY_NAME:
        raise KeyError(name)
    if name == "observations":
        if topic is None:
            return observations(lang)
        codes = tuple(meta.indicators(lang).query("topic == @topic")["code"])
        return observations(lang, indicator=codes) if codes else observations(lang).head(0)
    return _table_frame(name, lang)


def column_types(table: Table, lang: str = "en") -> dict[str, str]:
    """Frictionless field types of a table's published columns: string, integer, number, date, datetime, boolean."""
    types = {}
    for column in _language_columns(table, lang):
        kind = column.type
        if isinstance(kind, Boolean):
            types[column.name] = "boolean"
        elif isinstance(kind, Integer):
            types[column.name] = "integer"
        elif isinstance(kind, Float):
            types[column.name] = "number"
        elif isinstance(kind, DateTime):
            types[column.name] = "datetime"
        elif isinstance(kind, Date):
            types[column.name] = "date"
        else:
            types[column.name] = "string"
    return types


@dataclass(frozen=True)
class FieldInfo:
    """One column of a dataset as the data package documents it."""

    name: str
    type: str
    required: bool
    enum: tuple[str, ...] = ()


def dataset_fields(name: str) -> list[FieldInfo]:
    """The columns of dataset `name`, in download order, with type, whether required and allowed values."""
    source = DATASETS_BY_NAME[name]
    if source.kind == "observations":
        table_types = column_types(schema.observation)
        # The period's first and last year are computed from `period` at import and published with it.
        computed = {"period_start": "integer", "period_end": "integer"}
        types = {
            column: "string" if column in _OBSERVATION_NAME_COLUMNS else computed.get(column) or table_types[column]
            for column in OBSERVATION_COLUMNS
        }
        nullable = {c.name: c.nullable for c in schema.observation.columns}
        required = {column: not nullable.get(column, True) for column in OBSERVATION_COLUMNS}
        required.update(period_start=True, period_end=True, indicator_name=True, unit=True)
    else:
        types = column_types(source.table)
        nullable = {}
        for column in source.table.columns:
            stem, _, suffix = column.name.rpartition("_")
            nullable[stem if suffix in LANGUAGES else column.name] = column.nullable
        required = {column: not nullable[column] for column in types}
    return [FieldInfo(column, types[column], required[column], source.enums.get(column, ())) for column in types]


# ---------------------------------------------------------------------------------------------
# What the data page says about each dataset: how many rows, which period, units, sources.


def _source_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    if "source_line" not in frame or frame.empty:
        return pd.DataFrame({"source_ref": pd.Series(dtype=str), "source_line": pd.Series(dtype="Int64")})
    pairs = pd.DataFrame(
        {
            "source_ref": frame.get("source_ref", "text"),
            "source_line": frame["source_line"],
        }
    )
    return pairs.dropna(subset=["source_line"]).drop_duplicates().sort_values("source_line").reset_index(drop=True)


# The summaries below are computed in SQL (counts, first and last period, distinct units and
# sources) rather than from every row of every dataset: at 100x the data page read 50,000
# observations twice to print a dozen numbers.


def _observations_joined(*columns: object) -> Select:
    """SELECT `columns` over the observations `observations()` returns (each joined to its indicator)."""
    o, i = schema.observation, schema.indicator
    return select(*columns).select_from(o.join(i, i.c.code == o.c.indicator))


def _first_sources(
    distinct: pd.DataFrame, table: Table, order: list, group: tuple = (), joined: Select | None = None
) -> pd.DataFrame:
    """`distinct`, the distinct (source_ref, source_line) pairs of `table`'s rows with a source line (per
    `group`), in an order such that `_source_pairs` of them gives exactly what it gives of all the rows
    read in `order`.

    `_source_pairs` sorts the pairs by line, and not stably: the order they come in only matters for
    pairs of one line with different references. Then they are put in the order each first appears
    when the rows are read in `order` (as `drop_duplicates` kept them), found with a window over every
    row, which is slower; otherwise the database's grouping order is as good. A table without
    `source_ref` has only `source_line` (`_source_pairs` takes 'text' for it). `joined` is the
    SELECT the rows come from (observations joined to their indicator), else `table`.
    """
    refs = [table.c.source_ref] if "source_ref" in table.c else []
    if refs and distinct.duplicated([column.name for column in (*group, table.c.source_line)]).any():
        keys = (*group, *refs, table.c.source_line)
        position = func.row_number().over(order_by=order).label("position")
        base = joined if joined is not None else select().select_from(table)
        rows = base.where(table.c.source_line.is_not(None)).add_columns(*keys, position).subquery()
        columns = [rows.c[column.name] for column in keys]
        distinct = read_frame(select(*columns).group_by(*columns).order_by(func.min(rows.c.position)))
    distinct = distinct.copy()
    distinct["source_line"] = distinct["source_line"].astype("Int64")
    return distinct


def _summary_sources(pairs: pd.DataFrame, rows: int) -> pd.DataFrame:
    """`_source_pairs` of a dataset of `rows` rows, from its `_first_sources` (an empty one has none)."""
    if not rows or "source_line" not in pairs:
        return _source_pairs(pd.DataFrame())
    return _source_pairs(pairs)


def _observation_groups() -> pd.DataFrame:
    """The observations counted by topic, unit, indicator and source: what both summaries of them need, in one scan.

    Columns: topic, unit, indicator, source_ref, source_line, figures, published, not_published,
    period_start (the first year), period_end (the last year).
    """
    o, i = schema.observation, schema.indicator
    keys = (o.c.indicator, o.c.source_ref, o.c.source_line)
    # Counted first, then joined to the indicators (as `observations()` joins them): a join of every
    # row before grouping took twice as long on SQLite.
    counts = (
        select(
            *keys,
            func.count().label("figures"),
            func.sum(case((o.c.status == "published", 1), else_=0)).label("published"),
            func.sum(case((o.c.status == "not_published", 1), else_=0)).label("not_published"),
            func.min(o.c.period_start).label("period_start"),
            func.max(o.c.period_end).label("period_end"),
        )
        .group_by(*keys)
        .subquery()
    )
    return read_frame(
        select(i.c.topic, i.c.unit, *counts.c).select_from(counts.join(i, i.c.code == counts.c.indicator))
    )


def _observation_sources(groups: pd.DataFrame, group: tuple[str, ...] = ()) -> pd.DataFrame:
    """The distinct sources of the observations in `groups` (`_observation_groups`), per `group` column."""
    columns = [*group, "source_ref", "source_line"]
    distinct = groups.loc[groups["source_line"].notna(), columns].drop_duplicates()
    i = schema.indicator
    return _first_sources(
        distinct,
        schema.observation,
        observation_order(),
        tuple(i.c[name] for name in group),
        _observations_joined(),
    )


def _observations_summary() -> dict:
    groups = _observation_groups()
    rows = int(groups["figures"].sum())
    return {
        "rows": rows,
        "period_from": str(int(groups["period_start"].min())) if rows else None,
        "period_to": str(int(groups["period_end"].max())) if rows else None,
        "units": tuple(sorted(groups["unit"].dropna().unique())),
        "sources": _summary_sources(_observation_sources(groups), rows),
    }


def _table_summary(source: DatasetSource) -> dict:
    table = source.table
    rows = int(read_scalar(select(func.count()).select_from(table)))
    first = last = None
    if source.period_column is not None and rows:
        # Distinct values, ordered as text in Python as before (not by the database's collation).
        values = sorted(
            str(value) for value in read_frame(select(table.c[source.period_column]).distinct()).iloc[:, 0].dropna()
        )
        first, last = (values[0], values[-1]) if values else (None, None)
    units: list[str] = []
    if "unit" in table.c:
        units = sorted(read_frame(select(table.c.unit).distinct())["unit"].dropna())
    elif source.name == "ombudsman_visits":
        units = ["recommendations"]
    sources = pd.DataFrame()
    if "source_line" in table.c:
        keys = [*([table.c.source_ref] if "source_ref" in table.c else []), table.c.source_line]
        distinct = read_frame(select(*keys).where(table.c.source_line.is_not(None)).group_by(*keys))
        sources = _first_sources(distinct, table, _order(source))
    return {
        "name": source.name,
        "rows": rows,
        "period_from": first,
        "period_to": last,
        "units": tuple(units),
        "sources": _summary_sources(sources, rows),
    }


@cached
def dataset_summaries(lang: str) -> pd.DataFrame:
    """One row per dataset: name, rows, first and last period (ISO or year), units, and its source lines.

    `sources` is a frame of distinct (source_ref, source_line) pairs, ready for
    `components.datasets.sources_from`; empty for tables without report lines.
    The same figures as a summary of each `dataset_frame`, computed in the database
    (none of them depends on `lang`: names and texts are not summarised).
    """
    lang = lang_or_default(lang)
    rows = []
    for source in DATASETS:
        if source.kind == "observations":
            rows.append({"name": source.name, **_observations_summary()})
        else:
            rows.append(_table_summary(source))
    return pd.DataFrame(rows)


@cached
def topic_summaries(lang: str) -> pd.DataFrame:
    """The figures by topic: indicators, figures, how many are published, first and last year, units, source lines."""
    lang = lang_or_default(lang)
    groups = _observation_groups()
    sources = _observation_sources(groups, ("topic",))
    sources = {topic: part.drop(columns="topic") for topic, part in sources.groupby("topic", sort=False)}
    rows = []
    for topic, group in groups.groupby("topic", sort=True):
        rows.append(
            {
                "topic": topic,
                "indicators": group["indicator"].nunique(),
                "figures": int(group["figures"].sum()),
                "published": int(group["published"].sum()),
                "not_published": int(group["not_published"].sum()),
                "period_from": int(group["period_start"].min()),
                "period_to": int(group["period_end"].max()),
                "units": tuple(sorted(group["unit"].unique())),
                "sources": _summary_sources(sources.get(topic, pd.DataFrame()), int(group["figures"].sum())),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Methods: the computations the dashboard makes, shown on the data page with a worked example.


@cached
def rate_example(lang: str) -> dict | None:
    """Complaints per 1,000 prisoners for the region with the highest computed rate in the latest year.

    Rate = complaints about torture / prisoners x 1,000, from the two counts of
    the same region and year; the report's printed rate is given beside it.
    """
    lang = lang_or_default(lang)
    frame = observations(lang, indicator=("torture_complaints", "prisoners", "complaints_per_1000_printed"))
    frame = frame[frame["region"].notna() & (frame["status"] == "published")]
    if frame.empty:
        return None
    wide = frame.pivot_table(
        index=["period", "region", "region_name"], columns="indicator", values="value", aggfunc="first"
    )
    wide = wide.dropna(subset=[c for c in ("torture_complaints", "prisoners") if c in wide]).reset_index()
    if not {"torture_complaints", "prisoners"} <= set(wide.columns) or wide.empty:
        return None
    wide = wide[wide["prisoners"] > 0]
    latest_period = max(wide["period"], key=lambda period: int(str(period)[-4:]))
    wide = wide[wide["period"] == latest_period].copy()
    wide["rate"] = wide["torture_complaints"] / wide["prisoners"] * 1000
    top = wide.sort_values("rate", ascending=False).iloc[0]
    printed = top.get("complaints_per_1000_printed")
    source = frame[(frame["region"] == top["region"]) & (frame["period"] == latest_period)]
    return {
        "period": latest_period,
        "region": top["region"],
        "region_name": top["region_name"],
        "complaints": float(top["torture_complaints"]),
        "prisoners": float(top["prisoners"]),
        "rate": float(top["rate"]),
        "printed_rate": None if printed is None or pd.isna(printed) else float(printed),
        "sources": _source_pairs(source),
    }


@cached
def share_example(lang: str) -> dict | None:
    """The share of NPM recommendations fulfilled: fulfilled / issued of the same latest period, national."""
    lang = lang_or_default(lang)
    # National rows only, filtered in SQL (not every region's and agency's rows read to drop them).
    frame = observations(lang, indicator=("recs_issued", "recs_fulfilled"), category="body_npm", whole_country=True)
    frame = frame[frame["status"] == "published"]
    wide = frame.pivot_table(index="period", columns="indicator", values="value", aggfunc="first").dropna()
    if wide.empty or not {"recs_issued", "recs_fulfilled"} <= set(wide.columns):
        return None
    wide = wide[wide["recs_issued"] > 0]
    if wide.empty:
        return None
    period = max(wide.index, key=lambda p: int(str(p)[-4:]))
    issued, fulfilled = float(wide.at[period, "recs_issued"]), float(wide.at[period, "recs_fulfilled"])
    return {
        "period": period,
        "issued": issued,
        "fulfilled": fulfilled,
        "share": fulfilled / issued,
        "sources": _source_pairs(frame[frame["period"] == period]),
    }


@cached
def change_example(lang: str) -> dict | None:
    """The change in complaints received on the comparable period before (see `latest_with_previous`)."""
    lang = lang_or_default(lang)
    frame = observations(lang, indicator="complaints_received")
    series = frame[frame[["region", "agency", "facility_type", "category"]].isna().all(axis=1)]
    latest = latest_with_previous(series)
    if latest is None or latest["previous_value"] is None:
        return None
    latest["sources"] = _source_pairs(series[series["period"].isin([latest["period"], latest["previous_period"]])])
    return latest


# ---------------------------------------------------------------------------------------------
# Disclosure and releases.


@cached
def disclosure_summary() -> dict:
    """The disclosure threshold in force and how the current release's cells stand: published, not published, suppressed."""
    o = schema.observation
    frame = read_frame(select(o.c.status, func.count().label("cells")).group_by(o.c.status))
    counts = dict(zip(frame["status"], frame["cells"].astype(int), strict=True))
    return {
        "threshold": load_settings().suppression_threshold,
        "published": counts.get("published", 0),
        "not_published": counts.get("not_published", 0),
        "suppressed": counts.get("suppressed", 0),
    }


@cached
def release_changes() -> dict:
    """What the current release changed against the one imported before it.

    `previous` is the previous release's version (None for the first release);
    `status_changes` the recommendations whose status this release changed:
    recommendation, old status, new status, new status date.
    """
    r, h = schema.release, schema.recommendation_status_history
    releases = read_frame(select(r.c.version, r.c.published, r.c.imported_at, r.c.is_current).order_by(r.c.imported_at))
    current = releases[releases["is_current"].astype(bool)]
    if current.empty:
        return {"current": None, "previous": None, "status_changes": pd.DataFrame()}
    version = current["version"].iloc[-1]
    earlier = releases[releases["imported_at"] < current["imported_at"].iloc[-1]]
    previous = earlier["version"].iloc[-1] if len(earlier) else None
    history = read_frame(select(h.c.recommendation, h.c.status, h.c.status_date, h.c.release_version).order_by(h.c.id))
    # Each recommendation's last entry from this release and its last from any other, side by side
    # (one pass each, not a selection per recommendation: the history grows with every import).
    is_now = history["release_version"] == version
    now = history[is_now].drop_duplicates("recommendation", keep="last").set_index("recommendation")
    before = history[~is_now].drop_duplicates("recommendation", keep="last").set_index("recommendation")
    changes = [
        {
            "recommendation": code,
            "old_status": before.at[code, "status"],
            "new_status": now.at[code, "status"],
            "status_date": now.at[code, "status_date"],
        }
        for code in sorted(set(now.index) & set(before.index))
    ]
    return {"current": version, "previous": previous, "status_changes": pd.DataFrame(changes)}


@cached
def release_change_list(lang: str) -> pd.DataFrame:
    """What the current release says it changed against the release before it (its `changes` table), in order.

    Columns: code, kind (corrected, added, clarified), target_table, target_key, target_column,
    old_value, new_value, source_line, source_ref ('text'), text (in `lang`).
    """
    lang = lang_or_default(lang)
    c = schema.release_change
    frame = read_frame(
        select(
            c.c.code, c.c.kind, c.c.target_table, c.c.target_key, c.c.target_column, c.c.old_value,
            c.c.new_value, c.c.source_line, c.c[f"text_{lang}"].label("text"),
        ).order_by(c.c.code)
    )  # fmt: skip
    frame["source_line"] = frame["source_line"].astype("Int64")
    frame["source_ref"] = "text"
    return frame
