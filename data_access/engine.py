"""The database engine, migrations and the first-start fill from the bundled release."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, select

from . import schema
from .locks import exclusive
from .settings import BUNDLED_RELEASE, Settings, load_settings

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers go on while an import writes; foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(database_url: str) -> Engine:
    """Create an engine for a URL, with the per-dialect settings this app relies on."""
    if database_url.startswith("sqlite"):
        database = database_url.split("///", 1)[-1]
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(database_url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # connect_timeout: a database host that does not answer at all must not hang a worker until gunicorn kills it.
    return create_engine(
        database_url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        pool_timeout=5,
        connect_args={"connect_timeout": 5},
    )


def get_engine(settings: Settings | None = None) -> Engine:
    """The process-wide engine for the configured database (created once per URL)."""
    settings = settings or load_settings()
    with _engines_lock:
        engine = _engines.get(settings.database_url)
        if engine is None:
            engine = _engines[settings.database_url] = make_engine(settings.database_url)
        return engine


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration bound to `engine` (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration."""
    command.upgrade(alembic_config(engine), "head")


def current_release_version(engine: Engine) -> str | None:
    """The version of the current release, or None if none has been imported."""
    if not inspect(engine).has_table("release"):
        return None
    with engine.connect() as connection:
        return connection.execute(select(schema.release.c.version).where(schema.release.c.is_current)).scalar()


def has_current_release(engine: Engine) -> bool:
    """Whether a release has been imported into this database."""
    return current_release_version(engine) is not None


def ensure_database(engine: Engine) -> None:
    """Migrate, and fill from the bundled release if the database holds none.

    Several workers may start at once: the lock makes the first one do the work
    and the others find it done.
    """
    with exclusive(engine, "setup", wait=True):
        migrate(engine)
        if not has_current_release(engine):
            from .importer import import_release

            result = import_release(engine, BUNDLED_RELEASE, take_lock=False)
            log.info("filled the database from the bundled release: %s", result.message)
