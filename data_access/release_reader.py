"""Reads a release (a directory of CSV files or one XLSX workbook) into raw rows.

Nothing is interpreted here beyond splitting text into cells: every value stays a
string, so that the validator can report bad input with its file, row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .release_format import TABLES_BY_NAME


@dataclass(frozen=True)
class Problem:
    """One reason a release cannot be imported, pointing at the offending cell."""

    file: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class RawRow:
    """A row as read, with where it came from."""

    file: str
    line: int
    cells: dict[str, str]


@dataclass
class RawTable:
    """All rows of one release table, and the header of each part it came from."""

    name: str
    headers: dict[str, list[str]] = field(default_factory=dict)
    rows: list[RawRow] = field(default_factory=list)


@dataclass
class RawRelease:
    """What a release holds before validation, and the problems met reading it."""

    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    content: bytes = b""  # canonical bytes, for the release checksum


def _table_for(stem: str) -> str | None:
    if stem in TABLES_BY_NAME:
        return stem
    base = stem.split("_")
    for cut in range(len(base) - 1, 0, -1):
        candidate = "_".join(base[:cut])
        if candidate in TABLES_BY_NAME:
            return candidate
    return None


def _add_rows(release: RawRelease, table: str, file: str, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
    raw = release.tables.setdefault(table, RawTable(table))
    header = [h.strip() for h in header]
    raw.headers[file] = header
    for line, values in rows:
        if all(not v.strip() for v in values):
            continue
        if len(values) != len(header):
            release.problems.append(
                Problem(
                    file,
                    line,
                    None,
                    f"has {len(values)} fields, the header has {len(header)} (truncated or malformed row)",
                )
            )
            continue
        raw.rows.append(RawRow(file, line, {h: v.strip() for h, v in zip(header, values, strict=True)}))


def _read_csv(release: RawRelease, path: Path) -> None:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        release.problems.append(Problem(path.name, line, None, "is not valid UTF-8 text (save the file as UTF-8)"))
        return
    if not text.strip():
        release.problems.append(Problem(path.name, None, None, "is empty: a header row is required"))
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        rows = [(reader.line_num, values) for values in reader]
    except csv.Error as error:
        release.problems.append(Problem(path.name, reader.line_num, None, f"cannot be read as CSV ({error})"))
        return
    _add_rows(release, _table_for(path.stem) or "", path.name, header, rows)
    release.content += path.name.encode() + b"\0" + text.replace("\r\n", "\n").encode() + b"\0"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(release: RawRelease, path: Path) -> None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        release.problems.append(Problem(path.name, None, None, f"is not a readable XLSX workbook ({error})"))
        return
    try:
        for sheet in workbook.worksheets:
            values = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            label = f"{path.name}[{sheet.title}]"
            if not values:
                release.problems.append(Problem(label, None, None, "is empty: a header row is required"))
                continue
            header = values[0]
            while header and not header[-1]:
                header.pop()
            rows = [(i + 2, row[: len(header)] + [""] * (len(header) - len(row))) for i, row in enumerate(values[1:])]
            _add_rows(release, _table_for(sheet.title) or "", label, header, rows)
            canonical = "\n".join(",".join(row) for row in values)
            release.content += label.encode() + b"\0" + canonical.encode() + b"\0"
    finally:
        workbook.close()


def read_release(path: str | Path) -> RawRelease:
    """Read every table file of a release directory or XLSX workbook."""
    path = Path(path)
    release = RawRelease()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not files:
            release.problems.append(Problem(str(path), None, None, "holds no CSV files"))
        for file in files:
            if _table_for(file.stem) is None:
                release.problems.append(
                    Problem(file.name, None, None, "is not a table of a release (unknown file name)")
                )
                continue
            _read_csv(release, file)
    elif path.suffix.lower() == ".xlsx" and path.is_file():
        _read_xlsx(release, path)
    elif path.suffix.lower() == ".csv" and path.is_file():
        release.problems.append(
            Problem(path.name, None, None, "a release is a directory of CSV files or an XLSX workbook")
        )
    else:
        release.problems.append(Problem(str(path), None, None, "does not exist or is not a directory or .xlsx file"))
    release.tables.pop("", None)
    return release
