"""The app under gunicorn as in production, on a free loopback port, for the benchmark.

SQLite: a fresh INSTANCE_DIR under /tmp, filled from the bundled release on
first start. PostgreSQL: a scratch database on the local server (dropped
afterwards) and the Redis cache on a database number of its own (flushed
before the run, so the first requests are cold).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))  # one a core on this 2-core machine


@dataclass
class Server:
    """A running app server: its base URL and what it runs on."""

    url: str
    database: str
    cache: str
    process: subprocess.Popen
    log: Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the app did not start:\n" + log.read_text()[-3000:])
        time.sleep(0.3)


@contextlib.contextmanager
def scratch_postgres() -> Iterator[str | None]:
    """A fresh PostgreSQL database's SQLAlchemy URL (None if no server answers); dropped on exit."""
    from sqlalchemy import create_engine, text

    name = f"tpd_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # no server: the caller reports it as skipped
        print(f"PostgreSQL not available ({error.__class__.__name__}); skipped", file=sys.stderr)
        admin.dispose()
        yield None
        return
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def flush_redis(url: str) -> bool:
    """Empty the benchmark's own Redis database number; False if Redis does not answer."""
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
        return True
    except Exception:  # no Redis: the caller reports it
        return False


@contextlib.contextmanager
def app_server(database_url: str | None = None, redis_url: str | None = None) -> Iterator[Server]:
    """Start `gunicorn app:server` (WORKERS workers) on a free loopback port; stop it on exit."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="tpd-bench-", dir="/tmp") as instance:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_REDIS_URL")}
        env["INSTANCE_DIR"] = instance
        env["UPR_PDF_AUTOBUILD"] = "0"  # a background PDF build would take a core from the measurement
        if database_url:
            env["DATABASE_URL"] = database_url
        if redis_url:
            env["CACHE_REDIS_URL"] = redis_url
        log = Path(instance) / "server.log"
        with log.open("w") as handle:
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "--no-control-socket",
                 "-b", f"127.0.0.1:{port}", "app:server"],
                cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
            )  # fmt: skip
            url = f"http://127.0.0.1:{port}"
            try:
                _wait_healthy(url, process, log)
                yield Server(
                    url,
                    "PostgreSQL" if database_url else "SQLite",
                    "Redis" if redis_url else "in-process",
                    process,
                    log,
                )
            finally:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
