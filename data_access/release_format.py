"""What a release file holds: its tables, their columns and the rules for each column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .vocabulary import LANGUAGES, OBSERVATION_STATUSES, RECOMMENDATION_STATUSES


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a release table."""

    name: str
    kind: str = "text"  # text, int, number, date, month, bool, period, enum, codes
    required: bool = True
    choices: tuple[str, ...] = ()
    references: str | None = None  # release table whose key this column names
    max_length: int = 4000


@dataclass(frozen=True)
class TableSpec:
    """One release table: its file name, columns, key and the database table it fills."""

    name: str
    db_table: str | None
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    required_rows: bool = True
    column_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))


def _langs(prefix: str, max_length: int = 300) -> tuple[ColumnSpec, ...]:
    return tuple(ColumnSpec(f"{prefix}_{lang}", max_length=max_length) for lang in LANGUAGES)


ISSUERS = ("report", "npm", "ombudsman", "regional_reps")
VISIT_BODIES = ("npm", "ombudsman", "regional_reps")

_DATA_TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "release",
        "release",
        (
            ColumnSpec("version", max_length=40),
            ColumnSpec("published", "date"),
            *_langs("title", 4000),
            *_langs("source", 4000),
            ColumnSpec("licence", max_length=80),
            # SHA-256 of the report text the release's `source_line`s count in (data/report/).
            ColumnSpec("source_sha256", max_length=64),
        ),
        ("version",),
    ),
    TableSpec(
        "regions",
        "region",
        (
            ColumnSpec("code", max_length=8),
            ColumnSpec("kind", "enum", choices=("oblast", "city")),
            *_langs("name"),
            *_langs("short"),
            ColumnSpec("geo_pcode", max_length=8),
        ),
        ("code",),
    ),
    TableSpec(
        "agencies",
        "agency",
        (ColumnSpec("code", max_length=20), *_langs("name"), *_langs("short")),
        ("code",),
    ),
    TableSpec(
        "facility_types",
        "facility_type",
        (
            ColumnSpec("code", max_length=40),
            ColumnSpec("agency", required=False, references="agencies"),
            *_langs("name"),
        ),
        ("code",),
    ),
    TableSpec(
        "categories",
        "category",
        (ColumnSpec("code", max_length=60), ColumnSpec("group", max_length=40), *_langs("name")),
        ("code",),
    ),
    TableSpec(
        "indicators",
        "indicator",
        (
            ColumnSpec("code", max_length=80),
            ColumnSpec("topic", max_length=40),
            ColumnSpec("unit", max_length=40),
            *_langs("name"),
            *_langs("definition", 4000),
        ),
        ("code",),
    ),
    TableSpec(
        "data_notes",
        "data_note",
        (ColumnSpec("code", max_length=80), ColumnSpec("source_line", "int", required=False), *_langs("text", 4000)),
        ("code",),
    ),
    TableSpec(
        "observations",
        "observation",
        (
            ColumnSpec("indicator", references="indicators"),
            ColumnSpec("period", "period"),
            ColumnSpec("region", required=False, references="regions"),
            ColumnSpec("agency", required=False, references="agencies"),
            ColumnSpec("facility_type", required=False, references="facility_types"),
            ColumnSpec("category", required=False, references="categories"),
            ColumnSpec("value", "number", required=False),
            ColumnSpec("status", "enum", choices=OBSERVATION_STATUSES),
            ColumnSpec("source_line", "int", required=False),
            ColumnSpec("source_ref", max_length=120),
            ColumnSpec("note", required=False, references="data_notes"),
        ),
        ("indicator", "period", "region", "agency", "facility_type", "category"),
    ),
    TableSpec(
        "recommendations",
        "recommendation",
        (
            ColumnSpec("code", max_length=40),
            ColumnSpec("issuer", "enum", choices=ISSUERS),
            ColumnSpec("addressees", "codes", references="agencies"),
            *_langs("text", 4000),
            ColumnSpec("issued", "date"),
            ColumnSpec("issued_precision", "enum", choices=("day", "month", "year")),
            ColumnSpec("status", "enum", choices=RECOMMENDATION_STATUSES),
            ColumnSpec("status_date", "date"),
            ColumnSpec("source_line", "int", required=False),
            ColumnSpec("source_ref", max_length=120),
        ),
        ("code",),
        required_rows=False,
    ),
    TableSpec(
        "ombudsman_visits",
        "ombudsman_visit",
        (
            ColumnSpec("code", max_length=40),
            ColumnSpec("visit_month", "month"),
            ColumnSpec("region", required=False, references="regions"),
            *_langs("institution", 400),
            ColumnSpec("agency", required=False, references="agencies"),
            ColumnSpec("facility_type", required=False, references="facility_types"),
            ColumnSpec("recommendations_issued", "int", required=False),
            ColumnSpec("source_line", "int", required=False),
            # The people the Ombudsman received in person at the visit, and the report line that says so
            # (often not the visit's first line); empty where the report gives no number.
            ColumnSpec("persons_received", "int", required=False),
            ColumnSpec("persons_received_line", "int", required=False),
        ),
        ("code",),
        required_rows=False,
    ),
    TableSpec(
        "milestones",
        "milestone",
        (
            ColumnSpec("code", max_length=40),
            ColumnSpec("date", "date"),
            ColumnSpec("precision", "enum", choices=("day", "month", "year")),
            ColumnSpec("kind", "enum", choices=("international", "law", "institution", "cat", "upr")),
            *_langs("title", 4000),
            ColumnSpec("source_line", "int", required=False),
        ),
        ("code",),
        required_rows=False,
    ),
    TableSpec(
        "facilities",
        "facility",
        (
            ColumnSpec("facility_id", max_length=40),
            ColumnSpec("facility_type", references="facility_types"),
            ColumnSpec("agency", required=False, references="agencies"),
            ColumnSpec("region", references="regions"),
            ColumnSpec("mandated", "bool"),
        ),
        ("facility_id",),
        required_rows=False,
    ),
    TableSpec(
        "visit_logs",
        "visit_log",
        (
            ColumnSpec("facility_id", references="facilities"),
            ColumnSpec("visit_date", "date"),
            ColumnSpec("body", "enum", choices=VISIT_BODIES),
        ),
        ("facility_id", "visit_date", "body"),
        required_rows=False,
    ),
)

# What a release changed against the release before it, one row a change. `target_table` and
# `target_key` name the row of this release that changed (a compound key joined by `|`, an empty
# part for an empty cell; empty for a column added to every row), `target_column` the column.
CHANGE_KINDS = ("corrected", "added", "clarified")
CHANGE_TABLE = TableSpec(
    "changes",
    "release_change",
    (
        ColumnSpec("code", max_length=40),
        ColumnSpec("kind", "enum", choices=CHANGE_KINDS),
        ColumnSpec("target_table", "enum", choices=tuple(t.name for t in _DATA_TABLES if t.name != "release")),
        # Empty when the change is a column added to every row (`target_column` then names it).
        ColumnSpec("target_key", required=False, max_length=200),
        ColumnSpec("target_column", required=False, max_length=60),
        ColumnSpec("old_value", required=False, max_length=4000),
        ColumnSpec("new_value", required=False, max_length=4000),
        ColumnSpec("source_line", "int"),
        *_langs("text", 4000),
    ),
    ("code",),
    required_rows=False,
)
TABLES: tuple[TableSpec, ...] = (*_DATA_TABLES, CHANGE_TABLE)
TABLES_BY_NAME = {table.name: table for table in TABLES}

# Column names that look like data about a person. A release holds aggregates
# and pseudonymous facility ids only, so such a column is refused outright.
PERSONAL_DATA_COLUMN = re.compile(
    r"(^|_)(full_?name|first_?name|last_?name|surname|patronymic|middle_?name|person|fio|фио|"
    r"birth|dob|born|iin|иин|passport|id_?number|national_?id|personal_?id|phone|telephone|"
    r"email|e_mail|address|snils|inn)($|_)",
    re.IGNORECASE,
)

# A 12-digit number is what a Kazakh individual identification number (IIN) looks like.
IIN_LIKE = re.compile(r"(?<!\d)\d{12}(?!\d)")
