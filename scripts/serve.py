"""Run the app under gunicorn on a free loopback port for the length of a `with` block.

Used by the browser tests, the UPR PDF build and the benchmarks, so the app is
always exercised as it runs in production.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class AppDidNotStart(RuntimeError):
    """gunicorn exited, or /healthz did not answer in time."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_environment(instance_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """This process's environment for the app, plus `extra`.

    With `instance_dir`, the app gets a fresh embedded SQLite default there (and no
    configured database or Redis); without, it uses what this environment configures.
    These apps (tests, benchmarks, the PDF build's own) build no PDFs themselves
    unless `extra` sets UPR_PDF_AUTOBUILD="1": each would cost a Chromium run.
    """
    env = dict(os.environ)
    if instance_dir is not None:
        env = {k: v for k, v in env.items() if k not in ("DATABASE_URL", "CACHE_REDIS_URL")}
        env["INSTANCE_DIR"] = str(instance_dir)
    env["UPR_PDF_AUTOBUILD"] = "0"
    env.update(extra)
    return env


def import_release(path: Path, env: dict[str, str]) -> None:
    """Import a release into the database `env` points at, as an operator would (the CLI)."""
    done = subprocess.run(
        [sys.executable, "-m", "data_access.cli", "import", str(path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if done.returncode != 0:
        raise AppDidNotStart(f"importing {path} failed:\n{done.stderr[-3000:]}")


def wait_healthy(url: str, process: subprocess.Popen | None = None, timeout: float = 90) -> None:
    """Wait until `url`/healthz answers 200; raise AppDidNotStart if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
            raise AppDidNotStart(f"the app at {url} did not answer /healthz")
        time.sleep(0.3)


@contextlib.contextmanager
def running_app(env: dict[str, str], workers: int = 2, log_path: Path | None = None) -> Iterator[str]:
    """gunicorn serving `app:server` with `env` on a free port; yields its base URL, stops it afterwards."""
    port = free_port()
    log = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "--no-control-socket", "--graceful-timeout", "5",
         "-b", f"127.0.0.1:{port}", "app:server"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, process)
        except AppDidNotStart as error:
            tail = log_path.read_text()[-3000:] if log_path else ""
            raise AppDidNotStart(f"{error}\n{tail}") from None
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a worker that will not stop must not fail what already passed
            process.kill()
            process.wait()
        if log_path:
            log.close()
