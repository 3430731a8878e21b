"""The load test in the short, bounded form CI runs: bench/load_test.py for 5 s at 16 connections.

The full run (60 s at 64 connections) is recorded in RELIABILITY.md; this one
proves, on every change, that the mix of pages, callbacks and API calls is
served under concurrent load with no error and no worker growing by 10 %.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_short_load_run_has_no_errors_and_no_memory_growth(tmp_path: Path) -> None:
    report_file = tmp_path / "load.json"
    finished = subprocess.run(
        [sys.executable, "-m", "bench.load_test", "--duration", "5", "--connections", "16", "--workers", "2",
         "--warm-up", "5", "--json", str(report_file)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert report_file.exists(), finished.stdout + finished.stderr
    report = json.loads(report_file.read_text())
    print(finished.stdout)
    assert report["requests"] > 0
    assert report["errors"] == 0 and report["warm_up_errors"] == 0
    assert report["workers"] == 2 and report["workers_replaced"] == []
    assert report["max_memory_growth_percent"] < 10
    assert finished.returncode == 0
