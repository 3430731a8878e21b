"""Lighthouse (npm `lighthouse`, Debian's Chromium, headless) for one page: scores and bytes."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
METRICS = {
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "si_ms": "speed-index",
}


def available() -> bool:
    """Whether `npm install` has put Lighthouse in node_modules and Chromium is installed."""
    return LIGHTHOUSE.exists() and Path("/usr/bin/chromium").exists()


def run(url: str, form_factor: str) -> dict:
    """One Lighthouse run ('mobile': its default Moto G-class throttling; 'desktop': --preset=desktop)."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("Lighthouse is only ever pointed at the app on loopback")
    with tempfile.TemporaryDirectory(prefix="tpd-lh-") as scratch:
        report = Path(scratch) / "report.json"
        command = [str(LIGHTHOUSE), url, f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance,accessibility",
                   "--output=json", f"--output-path={report}", "--quiet", "--max-wait-for-load=60000"]  # fmt: skip
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240, check=False)
        if not report.exists():
            return {"error": (result.stderr or result.stdout)[-500:]}
        data = json.loads(report.read_text())
    audits = data["audits"]
    performance, accessibility = (data["categories"][name]["score"] for name in ("performance", "accessibility"))
    if performance is None or accessibility is None:
        # A run whose trace Lighthouse could not read (e.g. NO_LCP on a busy machine): no score, not 0.
        failed = {
            key: audits[audit].get("errorMessage")
            for key, audit in METRICS.items()
            if audits[audit].get("errorMessage")
        }
        return {"error": data.get("runtimeError", {}).get("message") or str(failed) or "no score"}
    out = {
        "performance": round(100 * performance),
        "accessibility": round(100 * accessibility),
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(audits["network-requests"]["details"]["items"]),
        "error": data.get("runtimeError", {}).get("message"),
    }
    for key, audit in METRICS.items():
        out[key] = audits[audit].get("numericValue")
    failed = [audit_id for audit_id, audit in audits.items()
              if audit.get("score") == 0 and audit_id in _accessibility_audits(data)]  # fmt: skip
    out["accessibility_failures"] = failed
    return out


def _accessibility_audits(data: dict) -> set[str]:
    return {ref["id"] for ref in data["categories"]["accessibility"]["auditRefs"]}
