"""Faults, each survived without a restart and without losing data.

- PostgreSQL stopped while the app serves: pages say "data temporarily
  unavailable", the API answers 503, the health check says so; when the
  database is back the same workers serve data again.
- Redis stopped: the app falls back to each worker's in-process cache; no 5xx.
- An import killed with SIGKILL in the middle of its write: the database is
  exactly as before (a checksum of every table), on SQLite and PostgreSQL.
- Two imports at once: one runs, the other is refused with a clear message.

The PostgreSQL and Redis servers here are throwaway ones on their own ports
(tests/faults.py); the shared ones are never stopped.
"""

from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, select

from data_access import schema
from tests.conftest import run_cli
from tests.dash_callbacks import (
    DEPENDENCIES,
    UPDATE_COMPONENT,
    layout_components,
    pages_request,
    server_callbacks,
    valid_request,
    walk_components,
)
from tests.db_state import database_checksum
from tests.faults import AppServer, app_server, throwaway_postgres, throwaway_redis
from tests.generated_release import write_generated_release

DATA_PAGES = ("/", "/regions", "/visits", "/recommendations", "/cases", "/upr", "/data")
UNAVAILABLE = "Data temporarily unavailable"
API_ROUTES = ("/api/v1/regions", "/api/v1/observations?indicator=complaints_received", "/api/v1/recommendations")
RECOVERY_SECONDS = 60
ROOT = Path(__file__).resolve().parent.parent


def download_link(server: AppServer) -> str:
    """The CSV download of the first chart on the regions page, as its card links it."""
    page = json.loads(render(server, "/regions")[1])
    hrefs = [c["props"].get("href") or "" for c in walk_components(page)]
    # Links inside a static part of the page are served as HTML (web/static_html.py).
    hrefs += [
        html.unescape(href)
        for c in walk_components(page)
        for href in re.findall(r'href="([^"]*)"', c["props"].get("html") or "")
    ]
    return next(href for href in hrefs if href.startswith("/download/") and ".csv" in href)


def render(server: AppServer, path: str) -> tuple[int, str]:
    """Open a page as the browser does (the pages router's callback), in English."""
    status, body, _ = server.request(UPDATE_COMPONENT, pages_request(path, "?lang=en"))
    return status, body.decode("utf-8", "replace")


def callback_requests(server: AppServer) -> list[tuple[str, dict]]:
    """A well-formed request for every server callback, with the values the rendered pages hold."""
    components: dict[str, dict] = {}
    for path in (*DATA_PAGES, "/about"):
        status, body, _ = server.request(UPDATE_COMPONENT, pages_request(path, "?lang=en"))
        assert status == 200, path
        components.update(layout_components(json.loads(body)))
    dependencies = json.loads(server.request(DEPENDENCIES)[1])
    return [(c.name, valid_request(c, components)) for c in server_callbacks(dependencies)]


def wait_until(condition, seconds: float, what: str) -> float:
    """Poll `condition` until it holds; return how long it took."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.5)
    return time.monotonic() - started


# ---------------------------------------------------------------------------------------------- PostgreSQL down


def test_postgresql_stopped_while_serving_then_back_without_a_restart(tmp_path: Path) -> None:
    with (
        throwaway_postgres() as database,
        app_server({"DATABASE_URL": database.url, "INSTANCE_DIR": str(tmp_path / "instance")}) as server,
    ):
        requests = callback_requests(server)
        download = download_link(server)
        for path in DATA_PAGES:
            status, body = render(server, path)
            assert status == 200 and UNAVAILABLE not in body, path
        workers = server.worker_pids()

        database.stop()
        time.sleep(2.5)  # past the time a worker trusts its cached idea of the current release
        for path in DATA_PAGES:
            status, body = render(server, path)
            assert status == 200, path
            assert UNAVAILABLE in body, path
        for name, request in requests:
            status, body, _ = server.request(UPDATE_COMPONENT, request)
            assert status < 500, (name, status, body[:300])
        for route in API_ROUTES:
            status, body, headers = server.request(route)
            assert status == 503, route
            assert "temporarily unavailable" in json.loads(body)["error"]["message"]
            assert headers.get("Retry-After") == "60"
        status, body, headers = server.request(download)
        assert status == 503 and headers.get("Retry-After") == "60", download
        status, body, _ = server.request("/healthz")
        assert status == 503
        assert json.loads(body)["database"]["ok"] is False
        assert b"Traceback" not in body

        database.start()
        took = wait_until(lambda: server.request("/healthz")[0] == 200, RECOVERY_SECONDS, "health check after restart")
        for path in DATA_PAGES:
            status, body = render(server, path)
            assert status == 200 and UNAVAILABLE not in body, path
        for route in (*API_ROUTES, download):
            assert server.request(route)[0] == 200, route
        for name, request in requests:
            assert server.request(UPDATE_COMPONENT, request)[0] in (200, 204), name
        assert server.worker_pids() == workers, "served again by the same workers, without a restart"
        assert server.process.poll() is None
        print(f"PostgreSQL back: the health check answered 200 after {took:.1f} s")


# ---------------------------------------------------------------------------------------------- Redis down


def test_redis_stopped_falls_back_to_the_in_process_cache(tmp_path: Path) -> None:
    with (
        throwaway_redis() as redis,
        app_server({"CACHE_REDIS_URL": redis.url, "INSTANCE_DIR": str(tmp_path / "instance")}) as server,
    ):
        requests = callback_requests(server)
        health = json.loads(server.request("/healthz")[1])
        assert health["cache"] == {"backend": "redis", "ok": True, "fallback": None}
        assert redis.key_count() > 0, "query results were cached in Redis"

        redis.stop()
        for path in DATA_PAGES:
            status, body = render(server, path)
            assert status == 200 and UNAVAILABLE not in body, path
        for name, request in requests:
            assert server.request(UPDATE_COMPONENT, request)[0] in (200, 204), name
        for route in API_ROUTES:
            assert server.request(route)[0] == 200, route
        status, body, _ = server.request("/healthz")
        assert status == 200
        assert json.loads(body)["status"] == "degraded"
        assert json.loads(body)["cache"] == {"backend": "redis", "ok": False, "fallback": "memory"}

        redis.start()
        wait_until(lambda: json.loads(server.request("/healthz")[1])["status"] == "ok", 30, "cache after restart")
        assert render(server, "/regions")[0] == 200


# ---------------------------------------------------------------------------------------------- imports


def _current_release(engine: Engine) -> str:
    with engine.connect() as connection:
        return connection.execute(select(schema.release.c.version).where(schema.release.c.is_current)).scalar_one()


def _paused_import(release: Path, marker: Path, resume: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.paused_import", str(release), str(marker), str(resume)],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(marker: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while not marker.exists():
        if process.poll() is not None:
            raise AssertionError("the import ended before it paused:\n" + process.stderr.read())
        assert time.monotonic() < deadline, "the import did not reach its write"
        time.sleep(0.05)


def test_an_import_killed_midway_leaves_the_database_exactly_as_before(bundled: Engine, tmp_path: Path) -> None:
    release = write_generated_release(tmp_path / "release", facilities=300, visits=3000, seed=11)
    before = database_checksum(bundled)
    current = _current_release(bundled)
    marker, resume = tmp_path / "paused", tmp_path / "resume"

    process = _paused_import(release, marker, resume)
    _wait_for(marker, process)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    bundled.dispose()

    assert database_checksum(bundled) == before
    assert _current_release(bundled) == current
    # Nothing is left behind that would block the next import: it runs to the end.
    done = run_cli("import", str(release))
    assert done.returncode == 0, done.stderr
    assert _current_release(bundled) != current
    assert database_checksum(bundled) != before


def test_two_imports_at_once_one_runs_and_the_other_is_refused(bundled: Engine, tmp_path: Path) -> None:
    first = write_generated_release(tmp_path / "first", facilities=50, visits=200, seed=21)
    second = write_generated_release(tmp_path / "second", facilities=50, visits=200, seed=22)
    before = _current_release(bundled)
    marker, resume = tmp_path / "paused", tmp_path / "resume"

    running = _paused_import(first, marker, resume)
    _wait_for(marker, running)
    refused = run_cli("import", str(second))
    resume.write_text("go\n")
    out, err = running.communicate(timeout=120)

    assert refused.returncode == 1
    assert "another import is running; try again when it has finished" in refused.stderr
    assert running.returncode == 0, err
    assert "imported release" in out
    current = _current_release(bundled)
    assert current != before and "s21" in current, "the first import's release is current; the refused one is not"
