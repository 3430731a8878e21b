"""Settings, read from the environment only (twelve-factor style)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .vocabulary import DEFAULT_LANGUAGE, LANGUAGES

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_RELEASE = PROJECT_ROOT / "data" / "release"


@dataclass(frozen=True)
class Settings:
    """Runtime settings; every field has an environment variable."""

    database_url: str
    instance_dir: Path
    cache_redis_url: str | None
    default_language: str
    suppression_threshold: int
    debug: bool
    hsts: bool
    public_url: str | None
    # Build the UPR briefing PDFs in the background after an import and on start when missing
    # (web/upr_pdf.py). On by default; the test suite and the apps scripts/serve.py starts turn it off.
    upr_pdf_autobuild: bool

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def load_settings() -> Settings:
    """Read the settings from the environment, with safe defaults."""
    instance_dir = Path(os.environ.get("INSTANCE_DIR", PROJECT_ROOT / "instance"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance_dir / 'dashboard.sqlite3'}"
    language = os.environ.get("DEFAULT_LANGUAGE", DEFAULT_LANGUAGE)
    if language not in LANGUAGES:
        language = "kk"
    try:
        threshold = int(os.environ.get("SUPPRESSION_THRESHOLD", "5"))
    except ValueError:
        threshold = 5
    return Settings(
        database_url=database_url,
        instance_dir=instance_dir,
        cache_redis_url=os.environ.get("CACHE_REDIS_URL") or None,
        default_language=language,
        suppression_threshold=max(threshold, 1),
        debug=_bool("DASH_DEBUG"),
        hsts=_bool("HSTS"),
        public_url=(os.environ.get("PUBLIC_URL") or "").rstrip("/") or None,
        upr_pdf_autobuild=_bool("UPR_PDF_AUTOBUILD", default=True),
    )
