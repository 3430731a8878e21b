"""Shared fixtures: a database per backend (SQLite file, PostgreSQL scratch database)."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Every app a test starts (in process, or as a subprocess inheriting this environment) would otherwise
# build the UPR PDFs in the background; the tests that want a build ask for it.
os.environ["UPR_PDF_AUTOBUILD"] = "0"
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _use_database(url: str) -> None:
    """Point the app's data layer at `url` and forget engines and cached results."""
    from data_access import engine as engine_module
    from data_access.cache import invalidate

    os.environ["DATABASE_URL"] = url
    engine_module._engines.clear()
    invalidate()


def _postgres_scratch() -> tuple[str, callable]:
    from sqlalchemy import create_engine, text

    name = f"tpd_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        from data_access import engine as engine_module

        for engine in engine_module._engines.values():
            engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}", drop


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty database of each backend; the data layer is pointed at it."""
    previous = os.environ.get("DATABASE_URL")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        drop = None
    else:
        url, drop = _postgres_scratch()
    _use_database(url)
    yield url
    if drop:
        drop()
    if previous is None:
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = previous
    from data_access import engine as engine_module

    engine_module._engines.clear()


@pytest.fixture(scope="module")
def bundled(database_url: str):
    """A database of each backend filled from the bundled release."""
    from data_access.engine import ensure_database, get_engine

    engine = get_engine()
    ensure_database(engine)
    return engine


def copy_release(destination: Path) -> Path:
    """A writable copy of the bundled release, to break in a test."""
    target = destination / "release"
    shutil.copytree(ROOT / "data" / "release", target)
    return target


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m data_access.cli ARGS` as a separate process."""
    return subprocess.run(
        [os.sys.executable, "-m", "data_access.cli", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )
