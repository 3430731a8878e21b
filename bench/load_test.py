"""Load test: wrk at N connections for D seconds against a mix of pages, callbacks and API calls (loopback only).

    .venv/bin/python -m bench.load_test [--duration 60] [--connections 64] [--workers 4] [--url URL] [--json FILE]

Without --url it starts the app under gunicorn (WORKERS workers, the embedded
SQLite default in a fresh instance folder; DATABASE_URL / CACHE_REDIS_URL are
passed on if set) on a free 127.0.0.1 port, and stops it afterwards. The
request mix is what visitors do: open a page (the HTML, Dash's layout and the
pages router's callback), change a filter (every server callback with the
values its page holds), read the API and the health check. Every request is
checked: a status other than 2xx/3xx, a socket error or a timeout counts as an
error.

It reports requests, errors, the latency distribution (p50, p90, p99, max) and
the resident memory of each gunicorn worker after a warm-up (--warm-up
seconds of the same load, so each worker has built each view) and at the end
(growth in per cent). It exits 1 if any request failed or a worker grew by
10 % or more, else 0. Traffic goes to loopback addresses only, and wrk stops
by itself after --duration.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.dash_callbacks import (  # noqa: E402
    DEPENDENCIES,
    UPDATE_COMPONENT,
    layout_components,
    pages_request,
    server_callbacks,
    valid_request,
)

PAGES = ("/", "/regions", "/visits", "/recommendations", "/cases", "/upr", "/data", "/about")
API = ("/api/v1/regions?lang=en", "/api/v1/observations?indicator=complaints_received", "/api/v1/recommendations")
MEMORY_GROWTH_LIMIT = 10.0  # per cent
WARM_UP_SECONDS = 20  # long enough for every worker to have built every view of the mix once

LUA = r"""
-- Each connection walks the request list from its own offset, so all kinds of request run at once.
local requests = {}
local counter = 0
init = function(args)
  local file = io.open(args[1], "r")
  for line in file:lines() do
    local method, path, body = line:match("^(%S+)\t(%S+)\t(.*)$")
    local headers = {}
    if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
    headers["Accept-Encoding"] = "gzip, br"
    requests[#requests + 1] = wrk.format(method, path, headers, body)
  end
  file:close()
  counter = math.random(#requests)
end
request = function()
  counter = counter % #requests + 1
  return requests[counter]
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, ' ..
    '"p50_ms": %.2f, "p90_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "mean_ms": %.2f}\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000))
end
"""


def loopback_only(url: str) -> None:
    """Refuse any target that is not this machine."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise SystemExit(f"refusing to load {host!r}: the load test targets loopback addresses only")


def _fetch(url: str, body: dict | None = None) -> bytes:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read()


def request_mix(base_url: str) -> list[tuple[str, str, str]]:
    """(method, path, JSON body or '') for every request of the mix; each is tried once first."""
    mix: list[tuple[str, str, str]] = []
    components: dict[str, dict] = {}
    for page in PAGES:
        body = pages_request(page, "?lang=en")
        components.update(layout_components(json.loads(_fetch(base_url + UPDATE_COMPONENT, body))))
        mix += [
            ("GET", f"{page}?lang=en", ""),
            ("GET", "/_dash-layout", ""),
            ("POST", UPDATE_COMPONENT, json.dumps(body)),
        ]
    for callback in server_callbacks(json.loads(_fetch(base_url + DEPENDENCIES))):
        body = valid_request(callback, components)
        _fetch(base_url + UPDATE_COMPONENT, body)
        mix.append(("POST", UPDATE_COMPONENT, json.dumps(body)))
    mix += [("GET", path, "") for path in API]
    mix.append(("GET", "/healthz", ""))
    for method, path, _body in mix:
        if method == "GET":
            _fetch(base_url + path)
    return mix


def worker_memory(master_pid: int) -> dict[int, int]:
    """Resident memory in bytes of each gunicorn worker of `master_pid`."""
    import psutil

    return {child.pid: child.memory_info().rss for child in psutil.Process(master_pid).children()}


def run_wrk(url: str, mix_file: Path, duration: int, connections: int, threads: int) -> dict:
    """Run wrk with the mix; return its summary (requests, errors, latency percentiles)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    command = [
        "wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "30s",
        "-s", script.name, url, "--", str(mix_file),
    ]  # fmt: skip
    finished = subprocess.run(command, capture_output=True, text=True, timeout=duration + 120)
    os.unlink(script.name)
    line = next((line for line in finished.stdout.splitlines() if line.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result:\n{finished.stdout}\n{finished.stderr}")
    result = json.loads(line.removeprefix("RESULT "))
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    result["requests_per_second"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def measure(
    url: str, master_pid: int | None, duration: int, connections: int, threads: int, warm_up: int = WARM_UP_SECONDS
) -> dict:
    """Warm up, then load for `duration` seconds; memory read before and after the measured run."""
    loopback_only(url)
    mix = request_mix(url)
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as handle:
        for method, path, body in mix:
            handle.write(f"{method}\t{path}\t{body}\n")
        mix_file = Path(handle.name)
    try:
        warm = run_wrk(url, mix_file, warm_up, connections, threads)
        before = worker_memory(master_pid) if master_pid else {}
        result = run_wrk(url, mix_file, duration, connections, threads)
        after = worker_memory(master_pid) if master_pid else {}
    finally:
        mix_file.unlink()
    growth = {pid: 100.0 * (after[pid] - before[pid]) / before[pid] for pid in before if pid in after}
    return {
        **result,
        "warm_up_errors": warm["errors"],
        "mix": len(mix),
        "connections": connections,
        "duration_s": duration,
        "warm_up_s": warm_up,
        "workers": len(before),
        "worker_rss_mb_before": {str(pid): round(rss / 2**20, 1) for pid, rss in before.items()},
        "worker_rss_mb_after": {str(pid): round(rss / 2**20, 1) for pid, rss in after.items()},
        "worker_memory_growth_percent": {str(pid): round(value, 2) for pid, value in growth.items()},
        "max_memory_growth_percent": round(max(growth.values()), 2) if growth else None,
        "workers_replaced": sorted(set(map(str, before)) ^ set(map(str, after))),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the load test; print the report; return 1 on any error or excessive memory growth."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60, help="seconds of measured load (default 60)")
    parser.add_argument("--connections", type=int, default=64, help="concurrent connections (default 64)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--warm-up", type=int, default=WARM_UP_SECONDS, help="seconds of load before measuring")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers when the test starts the app")
    parser.add_argument("--url", help="an app already running on a loopback address (memory is then not read)")
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    if args.url:
        report = measure(args.url.rstrip("/"), None, args.duration, args.connections, args.threads, args.warm_up)
    else:
        from tests.faults import app_server

        with tempfile.TemporaryDirectory(prefix="tpd-load-") as instance:
            env = {"INSTANCE_DIR": instance}
            env.update({k: os.environ[k] for k in ("DATABASE_URL", "CACHE_REDIS_URL") if os.environ.get(k)})
            with app_server(env, workers=args.workers) as server:
                report = measure(
                    server.url, server.process.pid, args.duration, args.connections, args.threads, args.warm_up
                )
    report["database"] = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgresql") else "sqlite"
    report["cache"] = "redis" if os.environ.get("CACHE_REDIS_URL") else "memory"
    print(
        f"{report['requests']} requests in {report['duration_s']} s at {report['connections']} connections "
        f"({report['requests_per_second']:.0f}/s, {report['mix']} kinds of request): {report['errors']} errors; "
        f"latency p50 {report['p50_ms']:.0f} ms, p90 {report['p90_ms']:.0f} ms, p99 {report['p99_ms']:.0f} ms, "
        f"max {report['max_ms']:.0f} ms; worker memory growth {report['max_memory_growth_percent']} % "
        f"(RSS MB before {report['worker_rss_mb_before']}, after {report['worker_rss_mb_after']})"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    growth = report["max_memory_growth_percent"]
    failed = (
        report["errors"] > 0
        or report["warm_up_errors"] > 0
        or report["workers_replaced"]
        or (growth or 0) >= MEMORY_GROWTH_LIMIT
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
