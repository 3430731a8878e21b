"""The code is ruff-clean: lint rules and formatting as pyproject.toml sets them (ruff pinned in requirements-dev.txt)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ruff(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *arguments], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_the_code_passes_ruffs_lint_rules():
    result = ruff("check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_code_is_formatted_as_ruff_formats_it():
    result = ruff("format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout[-3000:]
