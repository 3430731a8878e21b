"""Cross-process locks: one for first-start set-up, one so two imports never overlap."""

from __future__ import annotations

import contextlib
import fcntl
import zlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, text


class LockBusy(RuntimeError):
    """Another process holds the lock."""


def _lock_key(name: str) -> int:
    return zlib.crc32(f"torture-dashboard:{name}".encode())


def _lock_file(engine: Engine, name: str) -> Path:
    database = engine.url.database
    path = Path(database) if database and database != ":memory:" else Path("/tmp/torture-dashboard-memory")
    return path.with_name(f"{path.name}.{name}.lock")


@contextlib.contextmanager
def exclusive(engine: Engine, name: str, wait: bool) -> Iterator[None]:
    """Hold a lock named `name` across processes; raise LockBusy if `wait` is False and it is taken.

    PostgreSQL uses a session advisory lock, so app servers on different hosts
    share it; SQLite (one host by nature) uses a lock file beside the database.
    """
    if engine.dialect.name == "postgresql":
        key = _lock_key(name)
        with engine.connect() as connection:
            if wait:
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            elif not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
                raise LockBusy(name)
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()
        return
    path = _lock_file(engine, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise LockBusy(name) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
