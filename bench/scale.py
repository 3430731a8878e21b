"""The time of each page's heaviest query at 1x, 10x and 100x the bundled data, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.scale OUT.json [REPEATS]
        [--only MODULE.FUNCTION ...] [--sizes 1,10,100] [--databases sqlite,postgresql] [--releases DIR]

Run in a process of its own (bench/run.py does): every cached query function
of data_access/queries is re-wrapped, before the app is imported, so that each
computation (cache miss) is timed. Then, for each database and size, the
generated release (bench/generate_scaled_release.py) is imported; each page's
default view is rendered in English with an empty cache, and the query call
that took longest (a query that calls another includes it) is the page's
heaviest; that call is then timed on its own, cache emptied each time, REPEATS
times: the median is reported.

To time a few queries without rendering every page (while working on them):
`--only recommendations.region_agency_fulfilment` (repeatable; called with
'en') times just those, cold, REPEATS times each; `--sizes` and `--databases`
narrow the run; `--releases DIR` keeps the generated releases in DIR and
reuses them on the next run (generating 100x takes a while).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import pkgutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate_scaled_release import write_scaled_release  # noqa: E402
from bench.servers import scratch_postgres  # noqa: E402

SIZES = (1, 10, 100)
# (query name, args, kwargs, seconds) of each query computed (a cache miss) since the last clear.
RECORDS: list[tuple[str, tuple, dict, float]] = []
TIMED: dict[str, Callable] = {}


def _timed(name: str, function: Callable) -> Callable:
    @functools.wraps(function)
    def timed(*args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            RECORDS.append((name, args, kwargs, time.perf_counter() - started))

    return timed


def instrument_queries() -> int:
    """Re-wrap every cached query function so that each computation (cache miss) is timed; return how many."""
    import data_access.queries as package
    from data_access.cache import cached

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, value in list(vars(module).items()):
            if callable(value) and hasattr(value, "uncached") and getattr(value, "__module__", "") == module.__name__:
                wrapped = cached(_timed(f"{info.name}.{name}", value.uncached))
                setattr(module, name, wrapped)
                TIMED[f"{info.name}.{name}"] = wrapped
    return len(TIMED)


def _clear_cache() -> None:
    from data_access.cache import cache, invalidate

    cache.clear()
    invalidate()


def _label(name: str, args: tuple, kwargs: dict) -> str:
    text = ", ".join([*(repr(a) for a in args), *(f"{k}={v!r}" for k, v in kwargs.items())])
    return f"{name}({text[:60]})"


def _use(url: str) -> None:
    from data_access import engine as engine_module
    from data_access.cache import invalidate

    os.environ["DATABASE_URL"] = url
    engine_module._engines.clear()
    invalidate()


def measure(app: object, url: str, release: Path, repeats: int) -> dict:
    """Import `release` into the database at `url`; the heaviest query of each page's default view."""
    import dash

    from data_access.engine import ensure_database, get_engine
    from data_access.importer import import_release

    _use(url)
    engine = get_engine()
    started = time.perf_counter()
    ensure_database(engine)
    result = import_release(engine, release)
    imported = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"import failed: {result.message} {result.problems[:3]}")
    pages = {}
    for page in dash.page_registry.values():
        if "nav_order" not in page:
            continue
        # One cold render finds the page's heaviest query (a query that calls another includes it) ...
        _clear_cache()
        RECORDS.clear()
        with app.server.test_request_context(page["path"] + "?lang=en"):  # type: ignore[attr-defined]
            started = time.perf_counter()
            page["layout"](lang="en")
            render_ms = (time.perf_counter() - started) * 1000
        if not RECORDS:
            pages[page["path"]] = {"queries": 0, "heaviest": None, "heaviest_ms": None, "render_ms": render_ms}
            continue
        name, args, kwargs, _ = max(RECORDS, key=lambda record: record[3])
        queries = len(RECORDS)
        # ... which is then timed on its own, cold each time, `repeats` times.
        times = []
        for _ in range(repeats):
            _clear_cache()
            RECORDS.clear()
            started = time.perf_counter()
            TIMED[name](*args, **kwargs)
            times.append(time.perf_counter() - started)
        pages[page["path"]] = {
            "queries": queries,
            "heaviest": _label(name, args, kwargs),
            "heaviest_ms": statistics.median(times) * 1000,
            "render_ms": render_ms,
        }
    engine.dispose()
    return {"import_s": imported, "pages": pages}


def measure_only(url: str, release: Path, names: list[str], repeats: int) -> dict:
    """Import `release` into the database at `url`; the median cold time (ms) of each query in `names`, called with 'en'."""
    from data_access.engine import ensure_database, get_engine
    from data_access.importer import import_release

    _use(url)
    engine = get_engine()
    started = time.perf_counter()
    ensure_database(engine)
    result = import_release(engine, release)
    imported = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"import failed: {result.message} {result.problems[:3]}")
    queries = {}
    for name in names:
        times = []
        for _ in range(repeats):
            _clear_cache()
            started = time.perf_counter()
            TIMED[name]("en")
            times.append(time.perf_counter() - started)
        queries[name] = statistics.median(times) * 1000
        print(f"scale:   {name}('en'): {queries[name]:.0f} ms", flush=True)
    engine.dispose()
    return {"import_s": imported, "queries": queries}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="where to write the results (JSON)")
    parser.add_argument("repeats", type=int, nargs="?", default=3, help="cold timings of each query (median kept)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="MODULE.FUNCTION",
        help="time only this query (called with 'en'), not each page's heaviest; repeatable",
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated factors, e.g. 1,100")
    parser.add_argument("--databases", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--releases", type=Path, help="keep the generated releases here and reuse them")
    return parser.parse_args()


def _release(directory: Path, size: int) -> tuple[Path, dict]:
    """The release at `size` x in `directory`, generated unless an earlier run left it there."""
    target = directory / f"release-{size}x"
    counts_file = directory / f"release-{size}x.json"
    if counts_file.exists():
        return target, json.loads(counts_file.read_text())
    started = time.perf_counter()
    counts = write_scaled_release(target, size)
    counts = {**counts, "generate_s": time.perf_counter() - started}
    counts_file.write_text(json.dumps(counts))
    return target, counts


def main() -> None:
    """Generate the releases, then measure each on SQLite and on PostgreSQL."""
    args = _arguments()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    databases = {name.strip() for name in args.databases.split(",") if name.strip()}
    results: dict = {"repeats": args.repeats, "sizes": {}, "sqlite": {}, "postgresql": {}}
    with tempfile.TemporaryDirectory(prefix="tpd-scale-", dir="/tmp") as scratch:
        release_dir = args.releases or Path(scratch)
        release_dir.mkdir(parents=True, exist_ok=True)
        releases = {}
        for size in sizes:
            releases[size], counts = _release(release_dir, size)
            results["sizes"][str(size)] = counts
            print(f"scale: generated {size}x: {counts}", flush=True)
        os.environ["INSTANCE_DIR"] = scratch
        os.environ.pop("CACHE_REDIS_URL", None)
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'app.sqlite3'}"
        print(f"scale: {instrument_queries()} query functions timed", flush=True)
        unknown = [name for name in args.only if name not in TIMED]
        if unknown:
            raise SystemExit(f"no such cached query: {', '.join(unknown)}")
        import app as app_module  # only after the queries are instrumented

        def run(url: str, size: int) -> dict:
            if args.only:
                return measure_only(url, releases[size], args.only, args.repeats)
            return measure(app_module.app, url, releases[size], args.repeats)

        if "sqlite" in databases:
            for size in sizes:
                results["sqlite"][str(size)] = run(f"sqlite:///{Path(scratch) / f'{size}x.sqlite3'}", size)
                print(f"scale: SQLite {size}x done", flush=True)
        if "postgresql" in databases:
            for size in sizes:
                with scratch_postgres() as url:
                    if url is None:
                        break
                    results["postgresql"][str(size)] = run(url, size)
                    print(f"scale: PostgreSQL {size}x done", flush=True)
    args.out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
