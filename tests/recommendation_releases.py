"""Test releases for the recommendations page, built from a copy of the bundled release.

`write_later_release` makes a release that a later year could bring: Table 3 with every cell
filled (the bundled release has only "not published" cells there) and, optionally, one
recommendation with a new status. Its version and title say it is synthetic, so no page can
pass it off as the report's data.

    python -m tests.recommendation_releases DIR
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "release"
SYNTHETIC = {
    "kk": "СИНТЕТИКАЛЫҚ шығарылым: толық 3-кесте (тест үшін жасалған, баяндаманың деректері емес)",
    "ru": "СИНТЕТИЧЕСКИЙ выпуск: полная таблица 3 (сгенерирован для тестов, не данные доклада)",
    "en": "SYNTHETIC release: a complete Table 3 (generated for testing, not the report's data)",
}


def table3_counts(row: int, column: int) -> tuple[int, int]:
    """Sent and fulfilled for the cell in Table 3's `row`-th region and `column`-th agency (a known answer)."""
    sent = 20 + 7 * row + 3 * column
    return sent, sent * (row + column + 1) // (row + column + 4)


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def write_later_release(
    destination: Path,
    version: str = "2026.3",
    complete_table3: bool = True,
    status_change: tuple[str, str, str] | None = ("R-01", "in_progress", "2026-06-15"),
) -> Path:
    """Copy the bundled release to `destination` and change it as a later release would.

    `complete_table3` fills every Table 3 cell (region x agency, the 'by regions' column and the
    'by ministries' row) with the counts of `table3_counts`; the national total keeps the report's
    figures. `status_change` is (recommendation, new status, status date).
    """
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(BUNDLED, destination)

    header, rows = _read(destination / "release.csv")
    rows[0]["version"] = version
    for lang, text in SYNTHETIC.items():
        rows[0][f"title_{lang}"] = text
    _write(destination / "release.csv", header, rows)

    if complete_table3:
        path = destination / "observations_npm.csv"
        header, rows = _read(path)
        cells = [r for r in rows if r["source_ref"] == "Table 3"]
        regions = list(dict.fromkeys(r["region"] for r in cells))
        agencies = list(dict.fromkeys(r["agency"] for r in cells))
        for r in cells:
            sent, fulfilled = table3_counts(regions.index(r["region"]), agencies.index(r["agency"]))
            r["value"] = str(sent if r["indicator"] == "recs_issued" else fulfilled)
            r["status"] = "published"
            r["note"] = ""
        _write(path, header, rows)

    if status_change is not None:
        code, status, date = status_change
        path = destination / "recommendations.csv"
        header, rows = _read(path)
        for r in rows:
            if r["code"] == code:
                r["status"], r["status_date"] = status, date
        _write(path, header, rows)
    return destination


if __name__ == "__main__":
    print(write_later_release(Path(sys.argv[1])))
