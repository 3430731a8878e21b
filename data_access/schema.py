"""The database schema (SQLAlchemy Core). Migrations in `migrations/` create it."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def _names(prefix: str, length: int = 300) -> list[Column]:
    return [Column(f"{prefix}_{lang}", String(length), nullable=False) for lang in ("kk", "ru", "en")]


def _texts(prefix: str) -> list[Column]:
    return [Column(f"{prefix}_{lang}", Text, nullable=False) for lang in ("kk", "ru", "en")]


release = Table(
    "release",
    metadata,
    Column("version", String(40), primary_key=True),
    Column("published", Date, nullable=False),
    *_texts("title"),
    *_texts("source"),
    Column("licence", String(80), nullable=False),
    # The report text the release's line numbers refer to (empty for releases imported before 0003).
    Column("source_sha256", String(64)),
    Column("checksum", String(64), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("is_current", Boolean, nullable=False, default=False),
)

region = Table(
    "region",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("kind", String(10), nullable=False),
    *_names("name"),
    *_names("short"),
    Column("geo_pcode", String(8), nullable=False),
)

agency = Table(
    "agency",
    metadata,
    Column("code", String(20), primary_key=True),
    *_names("name"),
    *_names("short"),
)

facility_type = Table(
    "facility_type",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("agency", String(20), ForeignKey("agency.code")),
    *_names("name"),
)

category = Table(
    "category",
    metadata,
    Column("code", String(60), primary_key=True),
    Column("group", String(40), nullable=False),
    *_names("name"),
)

indicator = Table(
    "indicator",
    metadata,
    Column("code", String(80), primary_key=True),
    Column("topic", String(40), nullable=False),
    Column("unit", String(40), nullable=False),
    *_names("name"),
    *_texts("definition"),
)

data_note = Table(
    "data_note",
    metadata,
    Column("code", String(80), primary_key=True),
    Column("source_line", Integer),
    *_texts("text"),
)

observation = Table(
    "observation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("indicator", String(80), ForeignKey("indicator.code"), nullable=False, index=True),
    Column("period", String(9), nullable=False),
    Column("period_start", Integer, nullable=False),
    Column("period_end", Integer, nullable=False),
    Column("region", String(8), ForeignKey("region.code")),
    Column("agency", String(20), ForeignKey("agency.code")),
    Column("facility_type", String(40), ForeignKey("facility_type.code")),
    Column("category", String(60), ForeignKey("category.code")),
    Column("value", Float),
    Column("status", String(16), nullable=False),
    Column("source_line", Integer),
    Column("source_ref", String(120), nullable=False),
    Column("note", String(80), ForeignKey("data_note.code")),
    UniqueConstraint("indicator", "period", "region", "agency", "facility_type", "category", name="uq_observation_key"),
)

recommendation = Table(
    "recommendation",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("issuer", String(20), nullable=False),
    *_texts("text"),
    Column("issued", Date, nullable=False),
    # The report dates its recommendations by year only; a year-precise date is stored as YYYY-01-01.
    Column("issued_precision", String(8), nullable=False, server_default="day"),
    Column("status", String(16), nullable=False),
    Column("status_date", Date, nullable=False),
    Column("source_line", Integer),
    Column("source_ref", String(120), nullable=False),
)

recommendation_addressee = Table(
    "recommendation_addressee",
    metadata,
    Column("recommendation", String(40), ForeignKey("recommendation.code"), primary_key=True),
    Column("agency", String(20), ForeignKey("agency.code"), primary_key=True),
)

# Kept across releases: a later release that changes a status appends a row.
recommendation_status_history = Table(
    "recommendation_status_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("recommendation", String(40), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("status_date", Date, nullable=False),
    Column("release_version", String(40), nullable=False),
    UniqueConstraint("recommendation", "status", "status_date", name="uq_status_history"),
)

ombudsman_visit = Table(
    "ombudsman_visit",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("visit_month", String(7), nullable=False),
    Column("region", String(8), ForeignKey("region.code")),
    *_names("institution", 400),
    Column("agency", String(20), ForeignKey("agency.code")),
    Column("facility_type", String(40), ForeignKey("facility_type.code")),
    Column("recommendations_issued", Integer),
    Column("source_line", Integer),
    # People received in person at the visit and the report line giving the number (added in 0004).
    Column("persons_received", Integer),
    Column("persons_received_line", Integer),
)

milestone = Table(
    "milestone",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("date", Date, nullable=False),
    Column("precision", String(8), nullable=False),
    Column("kind", String(20), nullable=False),
    *_texts("title"),
    Column("source_line", Integer),
)

facility = Table(
    "facility",
    metadata,
    Column("facility_id", String(40), primary_key=True),
    Column("facility_type", String(40), ForeignKey("facility_type.code"), nullable=False),
    Column("agency", String(20), ForeignKey("agency.code")),
    Column("region", String(8), ForeignKey("region.code"), nullable=False),
    Column("mandated", Boolean, nullable=False),
)

visit_log = Table(
    "visit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("facility_id", String(40), ForeignKey("facility.facility_id"), nullable=False, index=True),
    Column("visit_date", Date, nullable=False),
    Column("body", String(20), nullable=False),
)

# What the current release changed against the release before it (changes.csv; added in 0004).
release_change = Table(
    "release_change",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("target_table", String(40), nullable=False),
    Column("target_key", String(200)),
    Column("target_column", String(60)),
    Column("old_value", Text),
    Column("new_value", Text),
    Column("source_line", Integer, nullable=False),
    *_texts("text"),
)

# Tables a release replaces wholesale, in the order they are filled (parents first).
RELEASE_TABLES = (
    "region",
    "agency",
    "facility_type",
    "category",
    "indicator",
    "data_note",
    "observation",
    "recommendation",
    "recommendation_addressee",
    "ombudsman_visit",
    "milestone",
    "facility",
    "visit_log",
    "release_change",
)
