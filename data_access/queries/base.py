"""What every query shares: running SQL into a DataFrame, and the language columns."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Select, select
from sqlalchemy.exc import DBAPIError, OperationalError

from .. import schema
from ..cache import set_release_token_source
from ..engine import get_engine
from ..vocabulary import DEFAULT_LANGUAGE, LANGUAGES


class DataUnavailable(RuntimeError):
    """The database cannot be reached; pages show a notice, the API answers 503."""


def lang_or_default(lang: str | None) -> str:
    """A supported language code; anything else becomes Kazakh, the state language."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def read_frame(statement: Select, columns: list[str] | None = None) -> pd.DataFrame:
    """Run a SELECT and return its rows as a DataFrame; map connection failures to DataUnavailable."""
    try:
        with get_engine().connect() as connection:
            result = connection.execute(statement)
            # Plain tuples: pandas probes each SQLAlchemy Row for namedtuple fields, and every probe
            # raises and catches an AttributeError, which doubled the time of large reads.
            frame = pd.DataFrame([tuple(row) for row in result.fetchall()], columns=columns or list(result.keys()))
    except (OperationalError, DBAPIError) as error:
        raise DataUnavailable(str(error.orig) if getattr(error, "orig", None) else str(error)) from error
    return frame


def read_scalar(statement: Select):
    """Run a SELECT of one value."""
    try:
        with get_engine().connect() as connection:
            return connection.execute(statement).scalar()
    except (OperationalError, DBAPIError) as error:
        raise DataUnavailable(str(error)) from error


def current_release_checksum() -> str:
    """The checksum of the current release (empty string if none)."""
    release = schema.release
    return read_scalar(select(release.c.checksum).where(release.c.is_current)) or ""


def release_token() -> str:
    """What cached results are keyed by: which database, and which release is current in it."""
    return f"{get_engine().url.render_as_string(hide_password=True)}|{current_release_checksum()}"


set_release_token_source(release_token)
