"""Write a synthetic release at k times the bundled data, for the scale benchmark.

    .venv/bin/python -m bench.generate_scaled_release DIR FACTOR

At factor k the release holds:
- observations: every bundled observation plus k-1 copies of it under other
  keys, first in earlier years (back to 1991, the validator's first year),
  then in each region, then for each agency or facility type ("more
  years, regions x agencies x facility types"): about 540 x k rows;
- recommendations and the Ombudsman's own visits: k copies of each, under new codes;
- facilities: 100 x k with visit logs of 10 visits a facility
  (100x: 10,000 facilities, 100,000 visits), from tests/generated_release.py.

Values are copied, so shares stay within 0-100 %; where a copied "fulfilled"
would exceed its copied "issued" it is capped (the validator refuses that).
The version and titles say SYNTHETIC: it is never the report's data.
"""

from __future__ import annotations

import csv
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data_access.validate import FIRST_YEAR  # noqa: E402
from tests.generated_release import write_generated_release  # noqa: E402

FACILITIES_PER_FACTOR = 100
VISITS_PER_FACILITY = 10


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def _shift_period(period: str, years: int) -> str | None:
    """`period` moved `years` back, or None when that leaves the validator's range."""
    parts = [int(part) - years for part in period.split("-")]
    if parts[0] < FIRST_YEAR:
        return None
    return "-".join(str(part) for part in parts)


def _key(row: dict) -> tuple:
    return (row["indicator"], row["period"], row["region"], row["agency"], row["facility_type"], row["category"])


def scale_observations(
    rows: list[dict], regions: list[str], agencies: list[str], types: dict[str, str], factor: int
) -> list[dict]:
    """Each row plus factor-1 copies under keys no other row uses: earlier years, other regions, other agencies or facility types.

    `types` maps each facility type to its agency (or "").
    """
    used = {_key(row) for row in rows}
    scaled = list(rows)
    for row in rows:
        needed = factor - 1
        if needed <= 0:
            break
        if row["facility_type"]:
            # A facility type belongs to an agency: a copy under another type takes that type's agency.
            pairs = [(row["agency"], row["facility_type"])] + [
                ((types[code] or row["agency"]) if row["agency"] else "", code)
                for code in types
                if code != row["facility_type"]
            ]
        else:
            pairs = [(row["agency"], "")] + [(code, "") for code in agencies if code != row["agency"]]
            pairs += [(types[code] or row["agency"], code) for code in types]
        region_choices = [row["region"], *(code for code in regions if code != row["region"])]
        for (agency, facility_type), region, years in itertools.product(pairs, region_choices, range(40)):
            period = _shift_period(row["period"], years)
            if period is None:
                continue
            copy = {**row, "period": period, "region": region, "agency": agency, "facility_type": facility_type}
            if _key(copy) in used:
                continue
            used.add(_key(copy))
            scaled.append(copy)
            needed -= 1
            if not needed:
                break
    issued = {_key(row)[1:]: row for row in scaled if row["indicator"] == "recs_issued" and row["value"]}
    for row in scaled:
        match = issued.get(_key(row)[1:])
        if (
            row["indicator"] == "recs_fulfilled"
            and row["value"]
            and match
            and float(row["value"]) > float(match["value"])
        ):
            row["value"] = match["value"]
    return scaled


def _copies(rows: list[dict], factor: int, code_column: str = "code") -> list[dict]:
    """`factor` copies of each row, the first under its own code, the others under code-xNNN."""
    return [
        {**row, code_column: row[code_column] if copy == 0 else f"{row[code_column]}-x{copy:03d}"}
        for copy in range(factor)
        for row in rows
    ]


def write_scaled_release(target: Path, factor: int) -> dict[str, int]:
    """Write the release at `factor` x the bundled data to `target`; return its row counts."""
    facilities = FACILITIES_PER_FACTOR * factor
    write_generated_release(target, facilities, facilities * VISITS_PER_FACILITY, seed=factor)
    _, region_rows = _read(target / "regions.csv")
    regions = [row["code"] for row in region_rows]
    agencies = [row["code"] for path in sorted(target.glob("agencies*.csv")) for row in _read(path)[1]]
    types = {row["code"]: row["agency"] for row in _read(target / "facility_types.csv")[1]}
    counts = {"facilities": facilities, "visits": facilities * VISITS_PER_FACILITY}
    observations = 0
    for path in sorted(target.glob("observations*.csv")):
        header, rows = _read(path)
        scaled = scale_observations(rows, regions, agencies, types, factor)
        _write(path, header, scaled)
        observations += len(scaled)
    counts["observations"] = observations
    for table in ("recommendations", "ombudsman_visits"):
        header, rows = _read(target / f"{table}.csv")
        copies = _copies(rows, factor)
        _write(target / f"{table}.csv", header, copies)
        counts[table] = len(copies)
    header, release = _read(target / "release.csv")
    release[0]["version"] = f"{release[0]['version'].split('+')[0]}+scale{factor}x"
    _write(target / "release.csv", header, release)
    return counts


if __name__ == "__main__":
    directory, scale = Path(sys.argv[1]), int(sys.argv[2])
    print(write_scaled_release(directory, scale))
