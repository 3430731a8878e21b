"""The benchmark: one command that measures the app as it runs in production and writes BENCHMARKS.md.

    .venv/bin/python -m bench.run                      # "after": the app as it is
    DASH_PLAIN_DELIVERY=1 .venv/bin/python -m bench.run --label before   # Dash's plain delivery

Options: --skip lighthouse,postgres,scale  --lighthouse-runs N  --load-seconds S  --warm N.
Each run saves bench/results/<label>.json; BENCHMARKS.md is then written from
bench/results/before.json and after.json (whichever exist), with bench/notes.md.
Everything is on loopback: the servers it starts (gunicorn, a free 127.0.0.1
port, INSTANCE_DIR under /tmp), wrk and Lighthouse pointed at them; every
load run is bounded in time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import http_bench, lighthouse, report  # noqa: E402
from bench.servers import REDIS_URL, WORKERS, app_server, flush_redis, scratch_postgres  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def machine() -> dict:
    """Cores, memory, CPU model and the versions that matter."""
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    load = os.getloadavg()

    def version(command: list[str]) -> str:
        try:
            return (
                subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
                .stdout.strip()
                .splitlines()[0]
            )
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"

    import dash
    import plotly

    return {
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "load_at_start": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "dash": dash.__version__,
        "plotly": plotly.__version__,
        "chromium": version(["/usr/bin/chromium", "--version"]),
        "lighthouse": version([str(lighthouse.LIGHTHOUSE), "--version"]),
        "wrk": version(["wrk", "--version"]) or "wrk",
        "workers": WORKERS,
        "plain_delivery": os.environ.get("DASH_PLAIN_DELIVERY", "") not in ("", "0"),
    }


def http_suite(url: str, args: argparse.Namespace) -> dict:
    """Latency of every callback of every page, then throughput of each page's main callback vs /_dash-layout."""
    cases = http_bench.discover(url)
    result: dict = {"latency": {}, "first_load_layout": {}, "throughput": {}, "reference": []}
    for page, page_cases in cases.items():
        result["latency"][page] = [
            {"callback": case.name, **http_bench.latency(url, case, args.warm, WORKERS)} for case in page_cases
        ]
        result["first_load_layout"][page] = http_bench.layout_latency(url, page, args.warm, WORKERS)
        print(f"  latency {page} done", flush=True)
    reference_runs = []
    for index, (page, page_cases) in enumerate(cases.items()):
        if index % 3 == 0:  # the reference is measured between pages, so it sees the same machine state
            reference_runs.append(http_bench.wrk(url, "/_dash-layout", None, args.load_seconds))
        main = http_bench.main_callback(page_cases)
        body = main.bodies.get(("default", "en")) or next(iter(main.bodies.values()))
        result["throughput"][page] = {
            "callback": main.name,
            **http_bench.wrk(url, "/_dash-update-component", body, args.load_seconds),
        }
        print(f"  throughput {page}: {result['throughput'][page]['rps']:.0f} req/s", flush=True)
    reference_runs.append(http_bench.wrk(url, "/_dash-layout", None, args.load_seconds))
    result["reference"] = reference_runs
    result["reference_rps"] = statistics.median(run["rps"] for run in reference_runs)
    return result


LIGHTHOUSE_LANGUAGES = ("en", "kk")
# Lighthouse's mobile profile slows the CPU four times on top of whatever else runs: a run starts only
# once the 1-minute load average is below this (per core), and each run records the load it began at.
QUIET_LOAD_PER_CORE = 0.5
QUIET_WAIT_S = 300


def wait_for_quiet_machine() -> float:
    """Wait (at most QUIET_WAIT_S) until the machine is quiet; return the 1-minute load average then."""
    threshold = QUIET_LOAD_PER_CORE * (os.cpu_count() or 1)
    deadline = time.monotonic() + QUIET_WAIT_S
    while os.getloadavg()[0] >= threshold and time.monotonic() < deadline:
        time.sleep(5)
    return round(os.getloadavg()[0], 2)


def lighthouse_suite(url: str, runs: int) -> dict:
    """Median Lighthouse figures of `runs` runs for every page in each of LIGHTHOUSE_LANGUAGES, mobile and desktop.

    English pages are keyed by their path (comparable with earlier results), others by `path?lang=xx`.
    """
    out: dict = {}
    for lang in LIGHTHOUSE_LANGUAGES:
        for page in http_bench.PAGES:
            key = page if lang == "en" else f"{page}?lang={lang}"
            out[key] = {}
            for form_factor in ("mobile", "desktop"):
                samples: list[dict] = []
                good: list[dict] = []
                # A failed run (no score) is retried, at most twice more than the runs asked for.
                while len(good) < runs and len(samples) < runs + 2:
                    load = wait_for_quiet_machine()
                    samples.append({**lighthouse.run(f"{url}{page}?lang={lang}", form_factor), "load_average": load})
                    good = [s for s in samples if "performance" in s]
                if not good:
                    out[key][form_factor] = {"error": samples[0].get("error")}
                    continue
                merged = {name: statistics.median(s[name] for s in good if s.get(name) is not None)
                          for name in ("performance", "accessibility", "bytes", "requests", *lighthouse.METRICS)
                          if any(s.get(name) is not None for s in good)}  # fmt: skip
                merged["runs"] = len(good)
                merged["failed_runs"] = len(samples) - len(good)
                merged["performance_runs"] = [s["performance"] for s in good]
                merged["load_averages"] = [s["load_average"] for s in samples]
                merged["accessibility_failures"] = sorted({a for s in good for a in s["accessibility_failures"]})
                out[key][form_factor] = merged
                print(
                    f"  lighthouse {key} {form_factor}: {merged.get('performance')} / {merged.get('accessibility')}"
                    f" (runs {merged['performance_runs']}, load {merged['load_averages']})",
                    flush=True,
                )
    return out


def main() -> None:
    """Run the suites and write the results and BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="after")
    parser.add_argument("--skip", default="", help="comma-separated: lighthouse, postgres, scale")
    parser.add_argument("--lighthouse-runs", type=int, default=5)
    parser.add_argument("--load-seconds", type=int, default=6)
    parser.add_argument("--warm", type=int, default=30)
    parser.add_argument("--scale-repeats", type=int, default=3)
    parser.add_argument("--report-only", action="store_true", help="only rewrite BENCHMARKS.md from bench/results")
    parser.add_argument(
        "--lighthouse-only", action="store_true", help="re-measure Lighthouse into bench/results/<label>.json"
    )
    args = parser.parse_args()
    skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    RESULTS.mkdir(exist_ok=True)
    if args.lighthouse_only:
        saved = json.loads((RESULTS / f"{args.label}.json").read_text())
        with app_server() as server:
            saved["lighthouse"] = lighthouse_suite(server.url, args.lighthouse_runs)
        saved["lighthouse_machine"] = machine()
        saved["settings"]["lighthouse_runs"] = args.lighthouse_runs
        (RESULTS / f"{args.label}.json").write_text(json.dumps(saved, indent=1, default=str))
    elif not args.report_only:
        started = time.monotonic()
        results: dict = {"label": args.label, "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                         "machine": machine(), "settings": vars(args)}  # fmt: skip
        print("SQLite, in-process cache", flush=True)
        with app_server() as server:
            results["sqlite"] = http_suite(server.url, args)
            if "lighthouse" not in skip and lighthouse.available():
                results["lighthouse"] = lighthouse_suite(server.url, args.lighthouse_runs)
        if "postgres" not in skip:
            with scratch_postgres() as database_url:
                if database_url and flush_redis(REDIS_URL):
                    print("PostgreSQL, Redis cache", flush=True)
                    with app_server(database_url, REDIS_URL) as server:
                        results["postgresql"] = http_suite(server.url, args)
                    flush_redis(REDIS_URL)
        if "scale" not in skip:
            scale_file = RESULTS / f"{args.label}-scale.json"
            subprocess.run([sys.executable, "-m", "bench.scale", str(scale_file), str(args.scale_repeats)],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
            results["scale"] = json.loads(scale_file.read_text())
            scale_file.unlink()
        results["duration_s"] = round(time.monotonic() - started)
        (RESULTS / f"{args.label}.json").write_text(json.dumps(results, indent=1, default=str))
        print(f"done in {results['duration_s']} s", flush=True)
    report.write(RESULTS, ROOT / "BENCHMARKS.md")


if __name__ == "__main__":
    main()
