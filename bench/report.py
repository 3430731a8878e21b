"""Write BENCHMARKS.md from bench/results/before.json and after.json (and bench/notes.md)."""

from __future__ import annotations

import json
from pathlib import Path

TARGETS = {
    "mobile": 90,
    "desktop": 98,
    "accessibility": 100,
    "bytes": 1.2e6,
    "warm_p95_ms": 30,
    "throughput_share": 0.5,
    "query_ms": 150,
}
COMMAND = "DASH_PLAIN_DELIVERY=1 .venv/bin/python -m bench.run --label before && .venv/bin/python -m bench.run"


def _load(results: Path, label: str) -> dict | None:
    path = results / f"{label}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _n(value: object, digits: int = 0) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:,.{digits}f}"
    return str(value)


def _pair(before: object, after: object, digits: int = 0) -> str:
    """'before → after', or just the one that exists."""
    if before is None:
        return _n(after, digits)
    if after is None:
        return f"{_n(before, digits)} → –"
    return f"{_n(before, digits)} → {_n(after, digits)}"


def _get(data: dict | None, *keys: object) -> object:
    for key in keys:
        if data is None:
            return None
        if isinstance(data, list):
            data = data[key] if isinstance(key, int) and key < len(data) else None
        else:
            data = data.get(key)
    return data


def _machine(run: dict) -> str:
    m = run["machine"]
    return (
        f"{m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB; load average at start {m['load_at_start']}; "
        f"Python {m['python']}, Dash {m['dash']}, plotly.py {m['plotly']}, {m['chromium']}, Lighthouse {m['lighthouse']}; "
        f"gunicorn {m['workers']} workers; run took {run.get('duration_s', '?')} s ({run['date']})"
    )


def _latency_table(before: dict | None, after: dict, database: str) -> list[str]:
    lines = [
        "| page | callback | cold p50 | cold p95 | warm p50 | warm p95 | cold samples |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for page, rows in after[database]["latency"].items():
        before_rows = {row["callback"]: row for row in (_get(before, database, "latency", page) or [])}
        for row in rows:
            old = before_rows.get(row["callback"], {})
            lines.append(
                f"| `{page}` | {row['callback']} | {_pair(old.get('cold_p50'), row['cold_p50'])} | "
                f"{_pair(old.get('cold_p95'), row['cold_p95'])} | {_pair(old.get('warm_p50'), row['warm_p50'], 1)} | "
                f"{_pair(old.get('warm_p95'), row['warm_p95'], 1)} | {row['cold_n']} |"
            )
        first = after[database]["first_load_layout"][page]
        old = _get(before, database, "first_load_layout", page) or {}
        lines.append(
            f"| `{page}` | first load: `GET /_dash-layout` (carries the page: {_pair(old.get('carries_page'), first['carries_page'])}) | "
            f"{_pair(old.get('cold_p50'), first['cold_p50'])} | {_pair(old.get('cold_p95'), first['cold_p95'])} | "
            f"{_pair(old.get('warm_p50'), first['warm_p50'], 1)} | {_pair(old.get('warm_p95'), first['warm_p95'], 1)} | 3 |"
        )
    return lines


def _throughput_table(before: dict | None, after: dict, database: str) -> list[str]:
    ref_after = after[database]["reference_rps"]
    ref_before = _get(before, database, "reference_rps")
    lines = [
        f"Reference `GET /_dash-layout` (plain, no Referer), median of {len(after[database]['reference'])} runs "
        f"in the same run: {_pair(ref_before, ref_after)} req/s.",
        "",
        "| page | main callback | req/s | p50 ms | p99 ms | share of `/_dash-layout` | non-2xx |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for page, row in after[database]["throughput"].items():
        old = _get(before, database, "throughput", page) or {}
        share_after = row["rps"] / ref_after if ref_after else None
        share_before = old["rps"] / ref_before if old and ref_before else None
        lines.append(
            f"| `{page}` | {row['callback']} | {_pair(old.get('rps'), row['rps'])} | {_pair(old.get('p50_ms'), row['p50_ms'], 1)} | "
            f"{_pair(old.get('p99_ms'), row['p99_ms'], 1)} | {_pair(_pct(share_before), _pct(share_after))} | "
            f"{_pair(old.get('non_2xx'), row['non_2xx'])} |"
        )
    return lines


def _pct(share: float | None) -> str | None:
    return None if share is None else f"{share * 100:.0f} %"


def _lighthouse_table(before: dict | None, after: dict) -> list[str]:
    lines = [
        "| page | mobile perf. | desktop perf. | accessibility (m / d) | bytes, first load (mobile) | requests | mobile FCP / LCP ms | mobile TBT ms | mobile CLS | mobile runs (load average at each start) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page, forms in after.get("lighthouse", {}).items():
        old = _get(before, "lighthouse", page) or {}
        m, d = forms.get("mobile", {}), forms.get("desktop", {})
        om, od = old.get("mobile", {}), old.get("desktop", {})
        lines.append(
            f"| `{page}` | {_pair(om.get('performance'), m.get('performance'))} | {_pair(od.get('performance'), d.get('performance'))} | "
            f"{_pair(om.get('accessibility'), m.get('accessibility'))} / {_pair(od.get('accessibility'), d.get('accessibility'))} | "
            f"{_pair(om.get('bytes'), m.get('bytes'))} | {_pair(om.get('requests'), m.get('requests'))} | "
            f"{_pair(om.get('fcp_ms'), m.get('fcp_ms'))} / {_pair(om.get('lcp_ms'), m.get('lcp_ms'))} | "
            f"{_pair(om.get('tbt_ms'), m.get('tbt_ms'))} | {_pair(om.get('cls'), m.get('cls'), 3)} | {_runs(m)} |"
        )
    return lines


def _runs(measured: dict) -> str:
    """Each run's mobile score and the load average it started at, so a reader can judge the noise."""
    scores, loads = measured.get("performance_runs"), measured.get("load_averages")
    if not scores:
        return ""
    return ", ".join(str(score) for score in scores) + (f" ({min(loads)}-{max(loads)})" if loads else "")


def _scale_table(before: dict | None, after: dict) -> list[str]:
    scale = after.get("scale")
    if not scale:
        return ["(not run)"]
    sizes = list(scale["sizes"])
    lines = ["Generated releases (bench/generate_scaled_release.py):", ""]
    lines.append("| size | observations | recommendations | Ombudsman visits | facilities | visit-log rows |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for size, counts in scale["sizes"].items():
        lines.append(
            f"| {size}x | {counts['observations']:,} | {counts['recommendations']:,} | {counts['ombudsman_visits']:,} | "
            f"{counts['facilities']:,} | {counts['visits']:,} |"
        )
    lines += [
        "",
        "Each page's default view is rendered in English with an empty cache; the query call that took longest "
        f"is then timed on its own, cache emptied each time: median of {scale['repeats']} runs, ms.",
        "",
    ]
    header = " | ".join(f"{db} {size}x" for db in ("SQLite", "PostgreSQL") for size in sizes)
    lines.append(f"| page | heaviest query (at 100x, SQLite) | {header} |")
    lines.append("|---|---|" + "---:|" * (2 * len(sizes)))
    pages = list(_get(scale, "sqlite", sizes[0], "pages") or {})
    for page in pages:
        cells = []
        for db in ("sqlite", "postgresql"):
            for size in sizes:
                cells.append(_pair(_get(before, "scale", db, size, "pages", page, "heaviest_ms"),
                                   _get(scale, db, size, "pages", page, "heaviest_ms"), 1))  # fmt: skip
        name = _get(scale, "sqlite", sizes[-1], "pages", page, "heaviest") or "–"
        lines.append(f"| `{page}` | `{name}` | " + " | ".join(cells) + " |")
    imports = [
        f"{db} {size}x: {_n(_get(scale, db, size, 'import_s'), 1)} s"
        for db in ("sqlite", "postgresql")
        for size in sizes
    ]
    lines += ["", "Import times: " + "; ".join(imports) + "."]
    return lines


def _targets(after: dict) -> list[str]:
    """Each target, met or missed, and by how much."""
    out = []
    lh = after.get("lighthouse", {})
    for form, target in (("mobile", TARGETS["mobile"]), ("desktop", TARGETS["desktop"])):
        scores = {page: _get(forms, form, "performance") for page, forms in lh.items()}
        missed = {page: score for page, score in scores.items() if score is not None and score < target}
        out.append(f"- Lighthouse {form} performance >= {target}: "
                   + ("met on every page." if not missed and scores else
                      "missed on " + ", ".join(f"`{p}` ({s:.0f}, {target - s:.0f} short)" for p, s in missed.items()) + "."))  # fmt: skip
    a11y = {
        f"{page} {form}": _get(forms, form, "accessibility")
        for page, forms in lh.items()
        for form in ("mobile", "desktop")
    }
    missed_a11y = {k: v for k, v in a11y.items() if v is not None and v < 100}
    out.append(
        "- Accessibility 100: "
        + (
            "met on every page and form factor."
            if not missed_a11y
            else "missed on " + ", ".join(f"{k} ({v:.0f})" for k, v in missed_a11y.items()) + "."
        )
    )
    sizes = {page: _get(forms, "mobile", "bytes") for page, forms in lh.items()}
    heavy = {p: b for p, b in sizes.items() if b and b > TARGETS["bytes"]}
    largest = max((b for b in sizes.values() if b), default=None)
    out.append(
        "- First load <= 1.2 MB: "
        + (
            "met (largest page: " + _n(largest) + " bytes)."
            if not heavy
            else "missed on " + ", ".join(f"`{p}` ({b:,.0f} bytes)" for p, b in heavy.items()) + "."
        )
    )
    for db in ("sqlite", "postgresql"):
        if db not in after:
            continue
        worst = [
            (page, row["callback"], row["warm_p95"]) for page, rows in after[db]["latency"].items() for row in rows
        ]
        over = [w for w in worst if w[2] > TARGETS["warm_p95_ms"]]
        out.append(
            f"- Warm callback p95 <= 30 ms ({db}): "
            + (
                "met; the slowest is " + f"{max(w[2] for w in worst):.1f} ms."
                if not over
                else "missed by " + ", ".join(f"`{p}` {c} ({v:.1f} ms)" for p, c, v in over) + "."
            )
        )
        ref = after[db]["reference_rps"]
        shares = {page: row["rps"] / ref for page, row in after[db]["throughput"].items() if ref}
        low = {p: s for p, s in shares.items() if s < TARGETS["throughput_share"]}
        out.append(
            f"- Warm callback throughput >= 50 % of `/_dash-layout` ({db}): "
            + (
                "met; the lowest share is " + f"{min(shares.values()) * 100:.0f} %."
                if not low and shares
                else "missed on " + ", ".join(f"`{p}` ({s * 100:.0f} %)" for p, s in low.items()) + "."
            )
        )
    scale = after.get("scale") or {}
    for db in ("sqlite", "postgresql"):
        pages = _get(scale, db, "100", "pages") or {}
        over = {
            p: v["heaviest_ms"] for p, v in pages.items() if v["heaviest_ms"] and v["heaviest_ms"] > TARGETS["query_ms"]
        }
        if pages:
            out.append(
                f"- Heaviest query at 100x <= 150 ms ({db}): "
                + (
                    "met; the slowest is " + f"{max(v['heaviest_ms'] or 0 for v in pages.values()):.1f} ms."
                    if not over
                    else "missed on "
                    + ", ".join(f"`{p}` ({v:.0f} ms, {v - 150:.0f} ms over)" for p, v in over.items())
                    + "."
                )
            )
    return out


def write(results: Path, target: Path) -> None:
    """Render BENCHMARKS.md."""
    before, after = _load(results, "before"), _load(results, "after")
    if after is None:
        after, before = before, None
    if after is None:
        raise SystemExit("no results in bench/results: run `python -m bench.run` first")
    notes_file = Path(__file__).with_name("notes.md")
    lines = [
        "# Benchmarks",
        "",
        "Written by `bench/run.py` (see bench/README.md). Reproduce with:",
        "",
        f"    {COMMAND}",
        "",
        "Every cell reads **before → after**: *before* is the app with Dash's plain delivery "
        "(`DASH_PLAIN_DELIVERY=1`: full plotly.js, polyfill, every page routed by a callback, nothing cached "
        "but the queries), *after* the app as it is (web/delivery.py). All times in ms unless stated.",
        "",
        f"- after: {_machine(after)}",
    ]
    if before:
        lines.append(f"- before: {_machine(before)}")
    settings = after["settings"]
    lines += [
        f"- repetitions: warm latency {settings['warm']} requests after warm-up; load runs {settings['load_seconds']} s each "
        f"(wrk -t2 -c8, loopback); Lighthouse {settings['lighthouse_runs']} run(s) a page and form factor (median); "
        f"scale: median of {settings['scale_repeats']} timings of each page's heaviest query.",
        "",
        "## Targets",
        "",
        *_targets(after),
        "",
    ]
    if notes_file.exists():
        lines += [notes_file.read_text().strip(), ""]
    for database, title in (("sqlite", "SQLite, in-process cache"), ("postgresql", "PostgreSQL, Redis cache")):
        if database not in after:
            continue
        lines += [f"## 1. Callback latency, {title}", "", *_latency_table(before, after, database), ""]
        lines += [f"## 2. Throughput under load, {title}", "", *_throughput_table(before, after, database), ""]
    if after.get("lighthouse"):
        runs = after["settings"]["lighthouse_runs"]
        lines += [
            f"## 3. Lighthouse (SQLite server; median of {runs} run(s) a page and form factor)",
            "",
            *_lighthouse_table(before, after),
            "",
        ]
    lines += ["## 4. Scale: each page's heaviest query", "", *_scale_table(before, after), ""]
    target.write_text("\n".join(lines))
