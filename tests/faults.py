"""Throwaway servers for the fault tests: a PostgreSQL cluster, a Redis server and the app under gunicorn.

Each is started on a free loopback port for one test and stopped by its own
process id, so the shared PostgreSQL (5432) and Redis (6379) that other tests
use are never touched.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else (shutil.which(name) or name)


def _as_postgres(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; the tests run as root in CI.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class ThrowawayPostgres:
    """A PostgreSQL cluster of its own in a temporary folder, that a test may stop and start."""

    directory: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        subprocess.run(_as_postgres([_postgres_bin("pg_ctl"), "-D", str(self.directory / "data"), *args]),
                       check=True, capture_output=True, timeout=120)  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        self._ctl("-o", options, "-l", str(self.directory / "server.log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._ctl("-m", "fast", "-w", "-t", "60", "stop")


@contextmanager
def throwaway_postgres() -> Iterator[ThrowawayPostgres]:
    """initdb a new cluster under /tmp, start it on a free port; stop it and delete it afterwards."""
    directory = Path(tempfile.mkdtemp(prefix="tpd-fault-pg-", dir="/tmp"))
    os.chmod(directory, 0o755)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    cluster = ThrowawayPostgres(directory, free_port())
    subprocess.run(
        _as_postgres([_postgres_bin("initdb"), "-D", str(directory / "data"), "-A", "trust", "-U", "postgres",
                      "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]),
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    cluster.start()
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped by the test
            cluster._ctl("-m", "immediate", "-w", "stop")
        shutil.rmtree(directory, ignore_errors=True)


@dataclass
class ThrowawayRedis:
    """A Redis server of its own, without persistence, that a test may stop and start."""

    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while not self.answers():
            if time.monotonic() > deadline:
                raise RuntimeError("redis did not start")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=20)
            self.process = None

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def key_count(self) -> int:
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
            sock.sendall(b"DBSIZE\r\n")
            return int(sock.recv(64).strip().lstrip(b":"))


@contextmanager
def throwaway_redis() -> Iterator[ThrowawayRedis]:
    """A Redis server on a free port, killed afterwards."""
    server = ThrowawayRedis(free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class AppServer:
    """The app under gunicorn in a subprocess."""

    url: str
    process: subprocess.Popen
    log: Path

    def request(self, path: str, body: dict | None = None, timeout: float = 60) -> tuple[int, bytes, dict]:
        """GET `path`, or POST `body` as JSON; return status, body and headers (errors included)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def worker_pids(self) -> set[int]:
        import psutil

        return {child.pid for child in psutil.Process(self.process.pid).children()}


@contextmanager
def app_server(env: dict[str, str], workers: int = 2) -> Iterator[AppServer]:
    """Start `gunicorn app:server` with `env` on a free port; wait for /healthz; terminate it afterwards."""
    port = free_port()
    instance = Path(env["INSTANCE_DIR"])
    instance.mkdir(parents=True, exist_ok=True)
    log_path = instance / "gunicorn.log"
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_REDIS_URL", "INSTANCE_DIR")}
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(workers), "--no-control-socket", "--timeout", "120",
             "-b", f"127.0.0.1:{port}", "app:server"],
            cwd=ROOT, env={**clean, **env}, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = AppServer(f"http://127.0.0.1:{port}", process, log_path)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if server.request("/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the app did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
