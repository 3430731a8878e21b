"""Validates a whole release before anything is written, and types its values."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from typing import Any

from .release_format import IIN_LIKE, PERSONAL_DATA_COLUMN, TABLES, TABLES_BY_NAME, ColumnSpec
from .release_reader import Problem, RawRelease

FIRST_YEAR = 1991  # independence: no figure of the Republic predates it
# ASCII digits only: `\d` would also take other scripts' digits (٢٠٢٥, ２０２５), which int() reads as 2025 but
# which are different text, so a period could be stored twice under two spellings.
PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{4}))?")
MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
INTEGER = re.compile(r"-?[0-9]+")
DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
INT_RANGE = (-(2**31), 2**31 - 1)  # the database's INTEGER columns
TRUE_WORDS = {"true", "1", "yes"}
FALSE_WORDS = {"false", "0", "no"}

TypedRelease = dict[str, list[dict[str, Any]]]


def parse_period(text: str, last_year: int) -> tuple[int, int]:
    """Parse `2025` or `2021-2022` into (start, end); raise ValueError with a reason."""
    match = PERIOD.fullmatch(text.strip())
    if not match:
        raise ValueError("is not a year (2025) or a span of years (2021-2022)")
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if end < start:
        raise ValueError("ends before it starts")
    if start < FIRST_YEAR or end > last_year:
        raise ValueError(f"is outside {FIRST_YEAR}-{last_year}")
    return start, end


def _convert(column: ColumnSpec, text: str, last_year: int) -> Any:
    if column.kind in ("text", "enum", "codes"):
        if "\x00" in text:  # PostgreSQL cannot store it: refuse it here, not halfway through the write
            raise ValueError("holds a NUL character")
        if len(text) > column.max_length:
            raise ValueError(f"is longer than {column.max_length} characters")
        if column.kind == "enum" and text not in column.choices:
            raise ValueError(f"'{text}' is not one of {', '.join(column.choices)}")
        if column.kind == "codes":
            return [code.strip() for code in text.split(";") if code.strip()]
        return text
    if column.kind == "int":
        if not INTEGER.fullmatch(text):
            raise ValueError(f"'{text[:40]}' is not a whole number")
        if not INT_RANGE[0] <= int(text) <= INT_RANGE[1]:
            raise ValueError(f"'{text[:40]}' is too large")
        return int(text)
    if column.kind == "number":
        if not DECIMAL.fullmatch(text):
            raise ValueError(f"'{text[:40]}' is not a number (use a dot for decimals, no spaces)")
        number = float(text)
        if not math.isfinite(number):
            raise ValueError("is not a finite number")
        return number
    if column.kind == "date":
        try:
            if not ISO_DATE.fullmatch(text):
                raise ValueError(text)
            date = dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text[:40]}' is not a date (YYYY-MM-DD)") from None
        if not FIRST_YEAR - 50 <= date.year <= last_year + 1:
            raise ValueError(f"'{text}' is out of range")
        return date
    if column.kind == "month":
        match = MONTH.fullmatch(text)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"'{text[:40]}' is not a month (YYYY-MM)")
        return text
    if column.kind == "bool":
        lowered = text.lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        raise ValueError(f"'{text[:40]}' is not true or false")
    if column.kind == "period":
        parse_period(text, last_year)
        return text
    raise AssertionError(column.kind)


def _check_headers(raw: RawRelease, problems: list[Problem]) -> set[str]:
    """Check every file's columns; return the tables whose headers are usable."""
    usable = set()
    for spec in TABLES:
        table = raw.tables.get(spec.name)
        if table is None:
            if spec.required_rows:
                problems.append(Problem(f"{spec.name}.csv", None, None, "is missing: this table is required"))
            continue
        ok = True
        for file, header in table.headers.items():
            for column in header:
                if PERSONAL_DATA_COLUMN.search(column):
                    problems.append(
                        Problem(file, 1, column, "looks like personal data; a release holds aggregates only")
                    )
                    ok = False
                elif column not in spec.column_names:
                    problems.append(Problem(file, 1, column, "is not a column of this table"))
                    ok = False
            for column in spec.column_names:
                if column not in header:
                    problems.append(Problem(file, 1, column, "is missing: this column is required"))
                    ok = False
            if len(set(header)) != len(header):
                problems.append(Problem(file, 1, None, "names a column twice"))
                ok = False
        if ok:
            usable.add(spec.name)
    return usable


def _release_year(raw: RawRelease) -> int:
    table = raw.tables.get("release")
    if table and table.rows:
        try:
            return dt.date.fromisoformat(table.rows[0].cells.get("published", "")).year
        except ValueError:
            pass
    return dt.date.today().year


def validate_release(raw: RawRelease) -> tuple[TypedRelease, list[Problem]]:
    """Check a whole release; return its typed rows and every problem found."""
    problems = list(raw.problems)
    usable = _check_headers(raw, problems)
    last_year = _release_year(raw)
    typed: TypedRelease = {}
    origin: dict[tuple[str, int], tuple[str, int]] = {}

    for spec in TABLES:
        if spec.name not in usable:
            continue
        rows = []
        seen_keys: dict[tuple, int] = {}
        for raw_row in raw.tables[spec.name].rows:
            values: dict[str, Any] = {}
            row_ok = True
            for column in spec.columns:
                text = raw_row.cells.get(column.name, "")
                if not text:
                    if column.required:
                        problems.append(
                            Problem(raw_row.file, raw_row.line, column.name, "is empty: a value is required")
                        )
                        row_ok = False
                    values[column.name] = [] if column.kind == "codes" else None
                    continue
                if IIN_LIKE.search(text) and column.kind in ("text", "codes"):
                    problems.append(
                        Problem(
                            raw_row.file,
                            raw_row.line,
                            column.name,
                            "holds a 12-digit number like an IIN (personal data)",
                        )
                    )
                    row_ok = False
                    continue
                try:
                    values[column.name] = _convert(column, text, last_year)
                except ValueError as error:
                    problems.append(Problem(raw_row.file, raw_row.line, column.name, str(error)))
                    row_ok = False
            if not row_ok:
                continue
            key = tuple(values.get(k) for k in spec.key)
            if key in seen_keys:
                problems.append(
                    Problem(raw_row.file, raw_row.line, None, f"repeats the key {key} of row {seen_keys[key]}")
                )
                continue
            seen_keys[key] = raw_row.line
            origin[(spec.name, len(rows))] = (raw_row.file, raw_row.line)
            rows.append(values)
        typed[spec.name] = rows

    _check_references(typed, origin, problems)
    _check_rules(typed, origin, problems)
    if "release" in typed and len(typed["release"]) != 1:
        problems.append(Problem("release.csv", None, None, f"must hold exactly one row, holds {len(typed['release'])}"))
    for spec in TABLES:
        if spec.required_rows and spec.name in usable and not typed.get(spec.name):
            problems.append(Problem(f"{spec.name}.csv", None, None, "holds no rows"))
    return typed, problems


def _check_references(typed: TypedRelease, origin: dict, problems: list[Problem]) -> None:
    keys = {name: {row[TABLES_BY_NAME[name].key[0]] for row in rows} for name, rows in typed.items()}
    for spec in TABLES:
        for index, row in enumerate(typed.get(spec.name, [])):
            for column in spec.columns:
                if not column.references:
                    continue
                known = keys.get(column.references, set())
                codes = row[column.name] if column.kind == "codes" else [row[column.name]]
                for code in codes:
                    if code is not None and code not in known:
                        file, line = origin[(spec.name, index)]
                        problems.append(
                            Problem(
                                file,
                                line,
                                column.name,
                                f"'{code}' is not a known {column.references[:-1].replace('_', ' ')} code",
                            )
                        )


# (table, column) pairs whose value is a line of the report text.
SOURCE_LINE_COLUMNS = (
    ("data_notes", "source_line"),
    ("observations", "source_line"),
    ("recommendations", "source_line"),
    ("ombudsman_visits", "source_line"),
    ("ombudsman_visits", "persons_received_line"),
    ("milestones", "source_line"),
    ("changes", "source_line"),
)


def _check_source_text(typed: TypedRelease, origin: dict, problems: list[Problem]) -> None:
    """The release must name the bundled report text, and every source line must be a line of it."""
    from .queries.report import line_count, report_sha256

    for index, row in enumerate(typed.get("release", [])):
        if row.get("source_sha256") != report_sha256():
            file, line = origin[("release", index)]
            problems.append(
                Problem(
                    file,
                    line,
                    "source_sha256",
                    f"does not match the bundled report text (data/report/, SHA-256 {report_sha256()}): "
                    "its line numbers would name other sentences",
                )
            )
            return
    last = line_count()
    for table, column in SOURCE_LINE_COLUMNS:
        for index, row in enumerate(typed.get(table, [])):
            number = row.get(column)
            if number is not None and not 1 <= number <= last:
                file, line = origin[(table, index)]
                problems.append(Problem(file, line, column, f"{number} is not a line of the report text (1-{last})"))


def _check_rules(typed: TypedRelease, origin: dict, problems: list[Problem]) -> None:
    _check_source_text(typed, origin, problems)
    fulfilled_vs_issued: dict[tuple, dict[str, tuple[float, int]]] = defaultdict(dict)
    for index, row in enumerate(typed.get("observations", [])):
        file, line = origin[("observations", index)]
        if row["status"] == "published" and row["value"] is None:
            problems.append(Problem(file, line, "value", "is empty but the status is 'published'"))
        if row["status"] != "published" and row["value"] is not None:
            problems.append(Problem(file, line, "value", f"must be empty when the status is '{row['status']}'"))
        if row["value"] is not None and row["value"] < 0:
            problems.append(Problem(file, line, "value", f"{row['value']:g} is negative; counts cannot be"))
        if row["indicator"] in ("recs_issued", "recs_fulfilled") and row["value"] is not None:
            key = (row["period"], row["region"], row["agency"], row["facility_type"], row["category"])
            fulfilled_vs_issued[key][row["indicator"]] = (row["value"], index)
    for pair in fulfilled_vs_issued.values():
        if "recs_issued" in pair and "recs_fulfilled" in pair and pair["recs_fulfilled"][0] > pair["recs_issued"][0]:
            file, line = origin[("observations", pair["recs_fulfilled"][1])]
            problems.append(
                Problem(
                    file,
                    line,
                    "value",
                    f"{pair['recs_fulfilled'][0]:g} recommendations fulfilled is more than the "
                    f"{pair['recs_issued'][0]:g} issued",
                )
            )
    for index, row in enumerate(typed.get("recommendations", [])):
        if row["status_date"] < row["issued"]:
            file, line = origin[("recommendations", index)]
            problems.append(Problem(file, line, "status_date", "is before the date the recommendation was issued"))
    for index, row in enumerate(typed.get("ombudsman_visits", [])):
        file, line = origin[("ombudsman_visits", index)]
        for column in ("recommendations_issued", "persons_received"):
            if row.get(column) is not None and row[column] < 0:
                problems.append(Problem(file, line, column, "is negative"))
        # A count without the line that gives it could not be checked against the report.
        if (row.get("persons_received") is None) != (row.get("persons_received_line") is None):
            problems.append(
                Problem(
                    file,
                    line,
                    "persons_received_line",
                    "must be given exactly when persons_received is (the report line of the count)",
                )
            )
    _check_changes(typed, origin, problems)


def row_key(table: str, row: dict[str, Any]) -> str:
    """A row's key as `changes.csv` writes it: the key columns' text joined by `|`, empty for an empty cell."""
    return "|".join("" if row.get(name) is None else str(row[name]) for name in TABLES_BY_NAME[table].key)


def _check_changes(typed: TypedRelease, origin: dict, problems: list[Problem]) -> None:
    """Every change names a row and column of this release, and says what it was and is."""
    keys: dict[str, set[str]] = {}
    for index, change in enumerate(typed.get("changes", [])):
        file, line = origin[("changes", index)]
        table = change["target_table"]
        if table not in keys:
            keys[table] = {row_key(table, row) for row in typed.get(table, [])}
        column = change["target_column"]
        if change["target_key"] is None:
            if column is None:
                problems.append(
                    Problem(file, line, "target_column", "is empty: a change to every row names its column")
                )
        elif change["target_key"] not in keys[table]:
            problems.append(
                Problem(file, line, "target_key", f"'{change['target_key']}' is not a row of {table} in this release")
            )
        if column is not None and column not in TABLES_BY_NAME[table].column_names:
            problems.append(Problem(file, line, "target_column", f"'{column}' is not a column of {table}"))
        if change["new_value"] is None:
            problems.append(Problem(file, line, "new_value", "is empty: a change says what the release now holds"))
        if change["kind"] == "corrected" and change["old_value"] is None:
            problems.append(Problem(file, line, "old_value", "is empty: a correction says what was corrected"))
        if change["kind"] == "added" and change["old_value"] is not None:
            problems.append(Problem(file, line, "old_value", "must be empty for an addition"))
