"""A `database_url` fixture for test modules whose subject does not depend on the database backend.

Such a module overrides the two-backend fixture of conftest.py with this one:

    from tests.sqlite_only import sqlite_database_url as database_url  # noqa: F401
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="module")
def sqlite_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty SQLite database; the data layer is pointed at it for the module, then back."""
    from data_access import engine as engine_module
    from data_access.cache import invalidate

    previous = os.environ.get("DATABASE_URL")
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    engine_module._engines.clear()
    invalidate()
    yield url
    if previous is None:
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = previous
    engine_module._engines.clear()
    invalidate()
