"""Property-based tests (hypothesis) of the import validators and of the pages' URL parameter handling.

- `parse_period` is total: it returns a span inside the allowed years, written
  in plain ASCII digits as given, or raises ValueError; nothing else.
- `read_release` + `validate_release` never raise, whatever bytes a file holds.
- Any single cell of the bundled release replaced by arbitrary text: validation
  never raises, and whatever it accepts fits the database column it goes to
  (type, length, range), so an accepted release can always be written.
- Every page's `layout(**query)` with arbitrary parameters never raises and
  gives a serialisable layout; an unknown value of a parameter the page reads
  gives a notice.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from pathlib import Path

import dash
import plotly
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from data_access.release_format import TABLES, TABLES_BY_NAME
from data_access.release_reader import read_release
from data_access.settings import BUNDLED_RELEASE
from data_access.validate import FIRST_YEAR, parse_period, validate_release
from tests.dash_callbacks import build_target
from tests.sqlite_only import sqlite_database_url as database_url  # noqa: F401 - parsing does not depend on the backend

PAGES = Path(__file__).resolve().parent.parent / "pages"
INT32 = (-(2**31), 2**31 - 1)
# Text that no parameter of any page accepts: what an edited or mangled link could hold.
INVALID = st.builds(lambda tail: "zz-invalid-" + tail, st.text(string.ascii_letters + string.digits, max_size=12))
ANY_TEXT = st.text(max_size=60) | INVALID | st.sampled_from(["", " ", "2025", "KZ-61", "rate", "../x", "\x00", "ru"])
# No example database: CI starts clean each time; a failure prints the blob that reproduces it.
FAST = settings(
    max_examples=300, deadline=None, database=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)


# ---------------------------------------------------------------------------------------------- validators


@FAST
@given(
    text=st.text(max_size=12) | st.from_regex(r"\s*\d{4}(-\d{4})?\s*", fullmatch=True),
    last_year=st.integers(1991, 2100),
)
def test_parse_period_returns_a_span_in_range_or_raises_value_error(text: str, last_year: int) -> None:
    try:
        start, end = parse_period(text, last_year)
    except ValueError:
        return
    assert FIRST_YEAR <= start <= end <= last_year
    assert text.strip() in (f"{start}", f"{start}-{end}")


@settings(max_examples=200, deadline=None, database=None, print_blob=True)
@given(content=st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_reading_and_validating_any_bytes_never_raises(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    folder = tmp_path_factory.mktemp("release")
    (folder / "regions.csv").write_bytes(content)
    _typed, problems = validate_release(read_release(folder))
    assert problems, "a release of one file always lacks the required tables"
    assert all(problem.file for problem in problems)


@pytest.fixture(scope="module")
def bundled_raw():
    raw = read_release(BUNDLED_RELEASE)
    assert not validate_release(raw)[1]
    return raw


def _fits_column(kind: str, value: object, max_length: int) -> bool:
    """Whether a typed value can be written to the database column of its kind."""
    if value is None:
        return True
    if kind in ("text", "enum"):
        return isinstance(value, str) and len(value) <= max_length and "\x00" not in value
    if kind == "codes":
        return all(isinstance(code, str) and "\x00" not in code for code in value)
    if kind == "int":
        return isinstance(value, int) and INT32[0] <= value <= INT32[1]
    if kind == "number":
        return isinstance(value, float) and abs(value) < 1e300
    if kind == "date":
        return isinstance(value, dt.date)
    if kind in ("period", "month"):
        return isinstance(value, str) and value.isascii()
    if kind == "bool":
        return isinstance(value, bool)
    return False


CELLS = [(spec.name, column.name) for spec in TABLES for column in spec.columns if spec.name != "release"]


@settings(
    max_examples=400,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    cell=st.sampled_from(CELLS),
    row=st.integers(0, 10_000),
    text=st.text(max_size=30)
    | st.from_regex(r"-?[0-9]{1,25}(\.[0-9]{1,5})?", fullmatch=True)
    | st.sampled_from(["nan", "inf", "1e400", "1_000", "٣", "２０２５", "2025\n", "0x10", "2025-02-30", "2025-13"]),
)
def test_whatever_the_validator_accepts_fits_the_database(
    bundled_raw, cell: tuple[str, str], row: int, text: str
) -> None:
    table_name, column_name = cell
    table = bundled_raw.tables.get(table_name)
    assume(table is not None and table.rows)
    raw_row = table.rows[row % len(table.rows)]
    original = raw_row.cells[column_name]
    raw_row.cells[column_name] = text.strip()
    try:
        typed, problems = validate_release(bundled_raw)
    finally:
        raw_row.cells[column_name] = original
    if problems:
        assert all(problem.file and problem.reason for problem in problems)
        return
    spec = TABLES_BY_NAME[table_name]
    column = next(c for c in spec.columns if c.name == column_name)
    for typed_row in typed[table_name]:
        assert _fits_column(column.kind, typed_row[column_name], column.max_length), (
            column_name,
            typed_row[column_name],
        )


# ---------------------------------------------------------------------------------------------- URL parameters


@pytest.fixture(scope="module")
def parameters(pages: dict[str, dict]) -> dict[str, set[str]]:
    """page module name (short) -> the URL parameters it reads (see tests/dash_callbacks.build_target)."""
    import app

    return build_target(app.server.test_client()).parameters_by_page


@pytest.fixture(scope="module")
def pages(bundled) -> dict[str, dict]:  # the database must be filled first
    """module name -> page registry entry, for every page with a layout function."""
    import app  # noqa: F401 - registers the pages

    return {page["module"]: page for page in dash.page_registry.values() if callable(page["layout"])}


def _notices(component: object) -> int:
    """How many notices (role=status or alert, or class 'notice') a layout holds."""
    count = 0
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, list | tuple):
            stack.extend(node)
            continue
        if not hasattr(node, "to_plotly_json"):
            continue
        props = node.to_plotly_json().get("props", {})
        if props.get("role") in ("status", "alert") or "notice" in str(props.get("className", "")):
            count += 1
        stack.append(props.get("children"))
    return count


# Every page: a module pages/<name>.py or a package pages/<name>/ (its page.py registers it).
PAGE_MODULES = sorted(
    {p.stem for p in PAGES.glob("*.py") if p.stem != "__init__"}
    | {p.name for p in PAGES.iterdir() if (p / "page.py").is_file()}
)


@pytest.mark.parametrize("module", PAGE_MODULES)
def test_any_query_gives_a_layout_and_an_unknown_value_a_notice(
    pages: dict[str, dict], parameters: dict[str, set[str]], module: str
) -> None:
    page = pages.get(f"pages.{module}") or pages[f"pages.{module}.page"]
    known = sorted(parameters.get(module, set()) - {"lang"})
    baseline = _notices(page["layout"](lang="en"))

    @settings(max_examples=12, deadline=None, database=None, print_blob=True)
    @given(
        data=st.data(),
        lang=st.none() | st.sampled_from(["kk", "ru", "en"]) | ANY_TEXT,
        extra=st.dictionaries(st.text(string.ascii_lowercase + "_[]", min_size=1, max_size=8), ANY_TEXT, max_size=2),
    )
    def check(data: st.DataObject, lang: str | None, extra: dict[str, str]) -> None:
        if known and data.draw(st.booleans(), label="one unknown value"):
            # One parameter the page reads, with a value it cannot know: the default view and a notice.
            name = data.draw(st.sampled_from(known), label="parameter")
            query = {name: data.draw(INVALID, label="value")}
            layout = page["layout"](lang="en", **query)
            assert _notices(layout) > baseline, f"{module}: no notice for {query}"
        else:
            query = {**extra, **{name: data.draw(ANY_TEXT, label=name) for name in known}}
            query.pop("lang", None)
            layout = page["layout"](lang=lang, **query)
        json.dumps(layout, cls=plotly.utils.PlotlyJSONEncoder)

    check()
