"""A checksum of everything a database holds, to prove that something left it exactly as it was."""

from __future__ import annotations

import hashlib

from sqlalchemy import Engine, MetaData, select


def table_rows(engine: Engine) -> dict[str, list[tuple]]:
    """table name -> all its rows, sorted, for every table in the database (the migration table too)."""
    metadata = MetaData()
    metadata.reflect(engine)
    contents = {}
    with engine.connect() as connection:
        for name in sorted(metadata.tables):
            table = metadata.tables[name]
            rows = connection.execute(select(table)).fetchall()
            contents[name] = sorted((tuple(row) for row in rows), key=repr)
    return contents


def database_checksum(engine: Engine) -> str:
    """SHA-256 over every table's name, columns and sorted rows."""
    digest = hashlib.sha256()
    metadata = MetaData()
    metadata.reflect(engine)
    for name, rows in table_rows(engine).items():
        columns = ",".join(f"{c.name}:{c.type}" for c in metadata.tables[name].columns)
        digest.update(f"table {name} ({columns}) {len(rows)}\n".encode())
        for row in rows:
            digest.update(repr(row).encode() + b"\n")
    return digest.hexdigest()
