"""Import a release: validate everything, then replace the data in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select, update

from . import schema
from .cache import invalidate
from .locks import LockBusy, exclusive
from .release_format import TABLES
from .release_reader import Problem, read_release
from .validate import parse_period, validate_release


@dataclass
class ImportResult:
    """What an import did: `ok` with a message, or the problems that stopped it."""

    ok: bool
    message: str
    problems: list[Problem] = field(default_factory=list)
    changed: bool = False


def _observation_rows(rows: list[dict]) -> list[dict]:
    out = []
    for row in rows:
        start, end = parse_period(row["period"], 9999)
        out.append({**row, "period_start": start, "period_end": end})
    return out


def _db_rows(table_name: str, rows: list[dict]) -> list[dict]:
    if table_name == "observations":
        return _observation_rows(rows)
    if table_name == "recommendations":
        return [{k: v for k, v in row.items() if k != "addressees"} for row in rows]
    return rows


def import_release(engine: Engine, path: str | Path, take_lock: bool = True) -> ImportResult:
    """Validate the release at `path` and, if it is sound, make it the current release.

    Nothing is written unless the whole release validates; the write is one
    transaction, so an interrupted import leaves the database as it was.
    Importing the same release again changes nothing.
    """
    raw = read_release(path)
    typed, problems = validate_release(raw)
    if problems:
        return ImportResult(False, f"{len(problems)} problem(s) found; nothing was imported", problems)
    checksum = hashlib.sha256(raw.content).hexdigest()
    meta = typed["release"][0]
    try:
        if take_lock:
            with exclusive(engine, "import", wait=False):
                return _write(engine, typed, meta, checksum)
        return _write(engine, typed, meta, checksum)
    except LockBusy:
        return ImportResult(False, "another import is running; try again when it has finished")


def _write(engine: Engine, typed: dict, meta: dict, checksum: str) -> ImportResult:
    release = schema.release
    with engine.begin() as connection:
        existing = connection.execute(
            select(release.c.checksum, release.c.is_current).where(release.c.version == meta["version"])
        ).first()
        if existing is not None:
            if existing.checksum != checksum:
                return ImportResult(
                    False,
                    f"release {meta['version']} was already imported with different content; "
                    "give the new release a new version",
                )
            if existing.is_current:
                return ImportResult(True, f"release {meta['version']} is already the current release; nothing changed")

        for table_name in reversed(schema.RELEASE_TABLES):
            connection.execute(delete(schema.metadata.tables[table_name]))
        for spec in TABLES:
            if spec.db_table in (None, "release") or not typed.get(spec.name):
                continue
            connection.execute(insert(schema.metadata.tables[spec.db_table]), _db_rows(spec.name, typed[spec.name]))
        addressees = [
            {"recommendation": row["code"], "agency": agency}
            for row in typed.get("recommendations", [])
            for agency in dict.fromkeys(row["addressees"])
        ]
        if addressees:
            connection.execute(insert(schema.recommendation_addressee), addressees)
        _append_status_history(connection, typed.get("recommendations", []), meta["version"])

        connection.execute(update(release).values(is_current=False))
        if existing is None:
            connection.execute(
                insert(release),
                [{**meta, "checksum": checksum, "imported_at": dt.datetime.now(dt.UTC), "is_current": True}],
            )
        else:
            connection.execute(update(release).where(release.c.version == meta["version"]).values(is_current=True))
    invalidate()
    counts = ", ".join(f"{len(typed.get(s.name, []))} {s.name}" for s in TABLES if typed.get(s.name))
    return ImportResult(True, f"imported release {meta['version']}: {counts}", changed=True)


def _append_status_history(connection, recommendations: list[dict], version: str) -> None:
    history = schema.recommendation_status_history
    known = {
        (row.recommendation, row.status, row.status_date)
        for row in connection.execute(select(history.c.recommendation, history.c.status, history.c.status_date))
    }
    new_rows = [
        {
            "recommendation": r["code"],
            "status": r["status"],
            "status_date": r["status_date"],
            "release_version": version,
        }
        for r in recommendations
        if (r["code"], r["status"], r["status_date"]) not in known
    ]
    if new_rows:
        connection.execute(insert(history), new_rows)
