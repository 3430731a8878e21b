"""Time the visit-log coverage computation on 100,000 generated visits, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.visit_coverage [VISITS] [FACILITIES] [REPEATS]

Writes a generated (synthetic) release, imports it into a fresh SQLite file and
a scratch PostgreSQL database (TEST_POSTGRES_URL, default the local server),
then times, uncached: coverage on one date by region, by ministry and by type,
and the overdue list. Prints the fastest and the median of REPEATS runs. Nothing is asserted.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from data_access import engine as engine_module  # noqa: E402
from data_access.cache import invalidate  # noqa: E402
from data_access.engine import ensure_database, get_engine  # noqa: E402
from data_access.importer import import_release  # noqa: E402
from data_access.queries import visits  # noqa: E402
from tests.generated_release import write_generated_release  # noqa: E402

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
AS_OF = "2025-12-31"


def _seconds(function: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(fastest, median) of `repeats` runs: the fastest is the least disturbed by a busy machine."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def _use(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    engine_module._engines.clear()
    invalidate()


def run(label: str, url: str, release: Path, repeats: int) -> None:
    """Import the release into the database at `url` and print the timings."""
    _use(url)
    engine = get_engine()
    started = time.perf_counter()
    ensure_database(engine)
    result = import_release(engine, release)
    imported = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"{label}: import failed: {result.message} {result.problems[:3]}")
    threshold = 5
    timings = {
        "coverage by region": lambda: visits._log_coverage.uncached(
            "en", AS_OF, "region", None, None, "all", threshold
        ),
        "coverage by ministry": lambda: visits._log_coverage.uncached(
            "en", AS_OF, "agency", None, None, "all", threshold
        ),
        "coverage by type": lambda: visits._log_coverage.uncached(
            "en", AS_OF, "facility_type", None, None, "all", threshold
        ),
        "overdue list": lambda: visits._overdue_facilities.uncached("en", AS_OF, None, None, "all", threshold, 100),
    }
    summary = visits.visit_log_summary.uncached()
    print(
        f"{label}: {summary['visits']:,} visits to {summary['facilities']:,} facilities; set-up and import {imported:.2f} s"
    )
    for name, function in timings.items():
        fastest, median = _seconds(function, repeats)
        print(f"  {name:<22} fastest {fastest * 1000:7.1f} ms, median {median * 1000:7.1f} ms of {repeats} runs")
    for engine_ in engine_module._engines.values():
        engine_.dispose()


def main() -> None:
    """Generate the release once, then time it on each backend."""
    count_visits = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    count_facilities = int(sys.argv[2]) if len(sys.argv) > 2 else 4_000
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        release = write_generated_release(Path(scratch) / "release", count_facilities, count_visits)
        print(
            f"generated {count_visits:,} visits to {count_facilities:,} facilities in {time.perf_counter() - started:.2f} s"
        )
        run("SQLite", f"sqlite:///{Path(scratch) / 'bench.sqlite3'}", release, repeats)

        name = f"tpd_bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as error:
            print(f"PostgreSQL: not available ({error.__class__.__name__}); skipped")
            return
        try:
            run("PostgreSQL", POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}", release, repeats)
        finally:
            engine_module._engines.clear()
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
