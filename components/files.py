"""The one writer of downloadable files: CSV, XLSX and JSON, for the card downloads and the published datasets.

A card's CSV and a published dataset's CSV are written the same way (UTF-8, whole numbers without
'.0', floats to 15 significant digits), so the same figure reads the same in both.
"""

from __future__ import annotations

import io

import orjson
import pandas as pd

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "zip": "application/zip",
}


def csv_bytes(frame: pd.DataFrame, spreadsheet: bool = True) -> bytes:
    """CSV in UTF-8; whole numbers written without '.0'.

    With `spreadsheet`, a byte-order mark goes first so spreadsheet programs read
    Cyrillic and Kazakh letters correctly; the data package's files have none,
    as the Frictionless standard expects.
    """
    text = frame.to_csv(index=False, float_format="%.15g", lineterminator="\n")
    return text.encode("utf-8-sig" if spreadsheet else "utf-8")


def records(frame: pd.DataFrame) -> list[dict]:
    """The rows of a frame as dicts, missing values as None, numbers as Python numbers."""
    out = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for row in out:
        for key, value in row.items():
            if hasattr(value, "item"):  # numpy scalars
                row[key] = value.item()
    return out


def json_bytes(payload: object) -> bytes:
    """JSON as the API and the downloads write it (UTF-8, dates in ISO 8601)."""
    return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY)


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per frame, in order (sheet names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet, frame in sheets.items():
            frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
