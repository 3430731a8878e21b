"""The health check's one question to the database: does it answer, and which release is current."""

from __future__ import annotations

import logging

from sqlalchemy import select

from . import schema
from .engine import get_engine

log = logging.getLogger(__name__)


def database_health() -> dict[str, object]:
    """Whether the database answers, its kind, and the current release (never its address)."""
    engine = get_engine()
    report: dict[str, object] = {"backend": engine.dialect.name}
    try:
        with engine.connect() as connection:
            release = connection.execute(select(schema.release.c.version).where(schema.release.c.is_current)).scalar()
    except Exception as error:  # any failure means the database is not usable
        log.warning("health check: database unavailable: %s", type(error).__name__)
        return {**report, "ok": False}
    return {**report, "ok": True, "release": release}
