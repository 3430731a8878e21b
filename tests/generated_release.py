"""A generated (synthetic) release with facility-level visit logs, for tests and benchmarks.

The bundled release has no visit logs. `write_generated_release` copies it and
adds `facilities_generated.csv` and `visit_logs_generated.csv`: random
facilities and visits from a seeded generator, plus any rows a test spells out
to get a known answer. The release's version and title say it is generated, so
a page showing it can never pass it off as the report's data.

    python -m tests.generated_release DIR [FACILITIES] [VISITS]
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "release"
BODIES = ("npm", "ombudsman", "regional_reps")
LABEL = {
    "kk": "СИНТЕТИКАЛЫҚ барулар журналы (тест үшін жасалған, баяндаманың деректері емес)",
    "ru": "СИНТЕТИЧЕСКИЙ журнал посещений (сгенерирован для тестов, не данные доклада)",
    "en": "SYNTHETIC visit logs (generated for testing, not the report's data)",
}


@dataclass(frozen=True)
class Facility:
    """One facility row: pseudonymous id, type, region, whether the NPM's mandate covers it, ministry if not the type's."""

    facility_id: str
    facility_type: str
    region: str
    mandated: bool = True
    agency: str | None = None


@dataclass(frozen=True)
class Visit:
    """One visit row."""

    facility_id: str
    visit_date: dt.date
    body: str = "npm"


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, header: list[str], rows: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def random_logs(
    facilities: int, visits: int, as_of: dt.date, seed: int, years_back: int = 6
) -> tuple[list[Facility], list[Visit]]:
    """`facilities` random facilities (about 1 in 20 outside the mandate) and `visits` distinct random visits.

    Visit dates are spread over the `years_back` years up to `as_of`, so some
    facilities fall overdue; with fewer visits than facilities many are never visited.
    """
    rng = random.Random(seed)
    types = [row["code"] for row in _read(BUNDLED / "facility_types.csv")]
    regions = [row["code"] for row in _read(BUNDLED / "regions.csv")]
    facility_rows = [
        Facility(f"GEN-{index:06d}", rng.choice(types), rng.choice(regions), mandated=rng.random() > 0.05)
        for index in range(1, facilities + 1)
    ]
    span = (as_of - as_of.replace(year=as_of.year - years_back)).days
    seen: set[tuple[str, dt.date, str]] = set()
    while len(seen) < visits:
        facility = rng.choice(facility_rows).facility_id
        seen.add((facility, as_of - dt.timedelta(days=rng.randrange(span + 1)), rng.choice(BODIES)))
    return facility_rows, [Visit(*row) for row in sorted(seen)]


def write_generated_release(
    target: Path,
    facilities: int = 0,
    visits: int = 0,
    as_of: dt.date = dt.date(2025, 12, 31),
    seed: int = 1,
    extra_facilities: Iterable[Facility] = (),
    extra_visits: Iterable[Visit] = (),
) -> Path:
    """Write the bundled release plus generated visit logs to `target` (created); return `target`.

    `facilities` / `visits` random rows (seeded) and the `extra_*` rows given.
    The version gets a `+generated` suffix and the titles a SYNTHETIC label.
    """
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(BUNDLED, target)
    random_facilities, random_visits = random_logs(facilities, visits, as_of, seed) if facilities else ([], [])
    all_facilities = [*random_facilities, *extra_facilities]
    all_visits = [*random_visits, *extra_visits]

    release = _read(target / "release.csv")
    header = list(release[0])
    release[0]["version"] = f"{release[0]['version']}+generated.s{seed}.f{len(all_facilities)}.v{len(all_visits)}"
    for lang, label in LABEL.items():
        release[0][f"title_{lang}"] = f"{label}: {release[0][f'title_{lang}']}"
    _write(target / "release.csv", header, release)

    _write(
        target / "facilities_generated.csv",
        ["facility_id", "facility_type", "agency", "region", "mandated"],
        (
            {
                "facility_id": f.facility_id,
                "facility_type": f.facility_type,
                "agency": f.agency or "",
                "region": f.region,
                "mandated": "true" if f.mandated else "false",
            }
            for f in all_facilities
        ),
    )
    _write(
        target / "visit_logs_generated.csv",
        ["facility_id", "visit_date", "body"],
        ({"facility_id": v.facility_id, "visit_date": v.visit_date.isoformat(), "body": v.body} for v in all_visits),
    )
    return target


if __name__ == "__main__":
    directory = Path(sys.argv[1])
    count_facilities = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    count_visits = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    write_generated_release(directory, count_facilities, count_visits)
    print(f"wrote a generated release with {count_facilities} facilities and {count_visits} visits to {directory}")
