"""Importing a release: every kind of broken file is refused with file, row, column and reason,
and the database is left exactly as it was. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from data_access import schema
from data_access.engine import get_engine
from data_access.importer import import_release
from data_access.release_reader import read_release
from data_access.validate import validate_release
from tests.conftest import copy_release, run_cli


def database_fingerprint(engine) -> tuple[dict[str, int], str]:
    """Row counts of every table and a checksum of their full contents, in key order."""
    digest = hashlib.sha256()
    counts = {}
    with engine.connect() as connection:
        for table in schema.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in ("id", "imported_at")]
            rows = connection.execute(select(*columns).order_by(*columns)).fetchall()
            counts[table.name] = len(rows)
            digest.update(table.name.encode())
            for row in rows:
                digest.update(repr(tuple(row)).encode())
    return counts, digest.hexdigest()


def edit_csv(path: Path, edit) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = edit(frame)
    frame.to_csv(path, index=False)


def break_missing_column(release: Path) -> None:
    edit_csv(release / "regions.csv", lambda f: f.drop(columns=["name_ru"]))


def break_unknown_region(release: Path) -> None:
    def edit(frame):
        frame.loc[frame["region"] == "KZ-61", "region"] = "KZ-99"
        return frame

    edit_csv(release / "observations_cases.csv", edit)


def break_negative_count(release: Path) -> None:
    def edit(frame):
        frame.loc[(frame["indicator"] == "prisoners") & (frame["region"] == "KZ-61"), "value"] = "-831"
        return frame

    edit_csv(release / "observations_cases.csv", edit)


def break_fulfilled_above_issued(release: Path) -> None:
    def edit(frame):
        frame.loc[
            (frame["indicator"] == "recs_fulfilled")
            & (frame["category"] == "body_npm")
            & (frame["region"] == "")
            & (frame["agency"] == ""),
            "value",
        ] = "4000"
        return frame

    edit_csv(release / "observations_npm.csv", edit)


def break_text_in_number(release: Path) -> None:
    def edit(frame):
        frame.loc[(frame["indicator"] == "prisoners") & (frame["region"] == "KZ-61"), "value"] = "eight hundred"
        return frame

    edit_csv(release / "observations_cases.csv", edit)


def break_duplicate_key(release: Path) -> None:
    edit_csv(release / "regions.csv", lambda f: pd.concat([f, f.iloc[[0]]]))


def break_personal_data(release: Path) -> None:
    def edit(frame):
        frame["full_name"] = "A. B."
        return frame

    edit_csv(release / "ombudsman_visits.csv", edit)


def break_truncated(release: Path) -> None:
    path = release / "observations_cases.csv"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2].rsplit(b",", 3)[0])


def break_encoding(release: Path) -> None:
    path = release / "regions.csv"
    path.write_bytes(
        path.read_text(encoding="utf-8").encode("utf-16")
    )  # as some spreadsheet programs save "Unicode text"


def break_empty(release: Path) -> None:
    (release / "agencies.csv").write_bytes(b"")


def break_period(release: Path) -> None:
    def edit(frame):
        frame.loc[frame["indicator"] == "persons_convicted", "period"] = "2031"
        return frame

    edit_csv(release / "observations_cases.csv", edit)


def break_unknown_indicator(release: Path) -> None:
    def edit(frame):
        frame.loc[frame["indicator"] == "prisoners", "indicator"] = "inmates"
        return frame

    edit_csv(release / "observations_cases.csv", edit)


def break_iin_in_text(release: Path) -> None:
    def edit(frame):
        frame.loc[0, "institution_en"] = "Visit to 870101300123"
        return frame

    edit_csv(release / "ombudsman_visits.csv", edit)


# (how to break the release, file named in the message, column named, words of the reason)
BROKEN_RELEASES = [
    (break_missing_column, "regions.csv", "name_ru", "is missing"),
    (break_unknown_region, "observations_cases.csv", "region", "'KZ-99' is not a known region code"),
    (break_negative_count, "observations_cases.csv", "value", "is negative"),
    (break_fulfilled_above_issued, "observations_npm.csv", "value", "more than the 3188 issued"),
    (break_text_in_number, "observations_cases.csv", "value", "'eight hundred' is not a number"),
    (break_duplicate_key, "regions.csv", None, "repeats the key"),
    (break_personal_data, "ombudsman_visits.csv", "full_name", "looks like personal data"),
    (break_truncated, "observations_cases.csv", None, "truncated or malformed row"),
    (break_encoding, "regions.csv", None, "is not valid UTF-8"),
    (break_empty, "agencies.csv", None, "is empty"),
    (break_period, "observations_cases.csv", "period", "is outside"),
    (break_unknown_indicator, "observations_cases.csv", "indicator", "'inmates' is not a known indicator code"),
    (break_iin_in_text, "ombudsman_visits.csv", "institution_en", "IIN"),
]


@pytest.mark.parametrize(
    ("breaker", "file", "column", "reason"), BROKEN_RELEASES, ids=[b[0].__name__ for b in BROKEN_RELEASES]
)
def test_broken_release_is_refused_with_its_place_and_reason_and_changes_nothing(
    bundled, tmp_path, breaker, file, column, reason
):
    release = copy_release(tmp_path)
    (release / "release.csv").write_text((release / "release.csv").read_text().replace("2026.2,", "2026.9,"))
    breaker(release)
    before = database_fingerprint(bundled)

    result = import_release(bundled, release)

    assert not result.ok
    assert "nothing was imported" in result.message
    matching = [
        p for p in result.problems if p.file == file and (column is None or p.column == column) and reason in p.reason
    ]
    assert matching, [str(p) for p in result.problems]
    if column is not None:
        assert matching[0].row is not None
    assert database_fingerprint(bundled) == before


def test_cli_import_prints_file_row_column_and_exits_non_zero(bundled, tmp_path, database_url):
    release = copy_release(tmp_path)
    break_unknown_region(release)
    before = database_fingerprint(bundled)
    completed = run_cli("import", str(release), env={"DATABASE_URL": database_url})
    assert completed.returncode == 1
    assert "observations_cases.csv, row " in completed.stderr
    assert "column 'region': 'KZ-99' is not a known region code" in completed.stderr
    assert database_fingerprint(bundled) == before


def test_importing_the_same_release_twice_changes_nothing(bundled):
    before = database_fingerprint(bundled)
    result = import_release(bundled, Path("data/release"))
    assert result.ok and not result.changed
    assert "nothing changed" in result.message
    assert database_fingerprint(bundled) == before


def test_same_version_with_different_content_is_refused(bundled, tmp_path):
    release = copy_release(tmp_path)
    break_negative_count(release)  # any change; validation catches this one first
    edit_csv(release / "observations_cases.csv", lambda f: f.assign(value=f["value"].str.replace("-831", "832")))
    result = import_release(bundled, release)
    assert not result.ok and "already imported with different content" in result.message


def test_xlsx_workbook_with_one_sheet_per_table_imports_like_the_csv_directory(bundled, tmp_path):
    raw = read_release(Path("data/release"))
    workbook = tmp_path / "release.xlsx"
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        for name, table in raw.tables.items():
            frame = pd.DataFrame([row.cells for row in table.rows], columns=next(iter(table.headers.values())))
            frame.to_excel(writer, sheet_name=name, index=False)
    typed, problems = validate_release(read_release(workbook))
    assert problems == []
    assert len(typed["observations"]) == len(validate_release(raw)[0]["observations"])


def test_a_new_release_replaces_the_data_in_one_step(bundled, tmp_path):
    release = copy_release(tmp_path)
    (release / "release.csv").write_text((release / "release.csv").read_text().replace("2026.2,", "2026.3,"))

    def edit(frame):
        frame.loc[(frame["indicator"] == "prisoners") & (frame["region"] == "KZ-61"), "value"] = "900"
        return frame

    edit_csv(release / "observations_cases.csv", edit)
    result = import_release(bundled, release)
    assert result.ok, [str(p) for p in result.problems]
    with bundled.connect() as connection:
        current = connection.execute(select(schema.release.c.version).where(schema.release.c.is_current)).scalar()
        assert current == "2026.3"
        assert connection.execute(select(func.count()).select_from(schema.release)).scalar() == 2
    from data_access.queries.observations import observations

    frame = observations("en", indicator="prisoners", region="KZ-61")
    assert frame["value"].iloc[0] == 900
    # and back to the bundled release, which is known and so just made current again
    assert import_release(bundled, Path("data/release")).ok


def _hold_import_lock(url: str, ready, release_path: str) -> None:  # runs in a child process
    os.environ["DATABASE_URL"] = url
    from data_access.engine import get_engine as child_engine
    from data_access.locks import exclusive

    with exclusive(child_engine(), "import", wait=False):
        ready.set()
        import time

        time.sleep(5)


def test_a_second_import_at_the_same_time_is_refused_with_a_clear_message(bundled, database_url, tmp_path):
    ready = multiprocessing.get_context("spawn").Event()
    holder = multiprocessing.get_context("spawn").Process(
        target=_hold_import_lock, args=(database_url, ready, str(tmp_path))
    )
    holder.start()
    try:
        assert ready.wait(30)
        result = import_release(get_engine(), Path("data/release"))
        assert not result.ok
        assert result.message == "another import is running; try again when it has finished"
    finally:
        holder.join(30)


def test_two_workers_starting_at_once_fill_the_default_database_once(tmp_path):
    instance = tmp_path / "instance"
    env = {"INSTANCE_DIR": str(instance), "DATABASE_URL": ""}
    processes = [multiprocessing.get_context("spawn").Process(target=_init_in_child, args=(env,)) for _ in range(3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0
    from data_access.engine import make_engine

    engine = make_engine(f"sqlite:///{instance / 'dashboard.sqlite3'}")
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(schema.release)).scalar() == 1
        assert connection.execute(select(func.count()).select_from(schema.region)).scalar() == 20
    engine.dispose()
    shutil.rmtree(instance)


def _init_in_child(env: dict) -> None:
    os.environ.update(env)
    from data_access.engine import ensure_database
    from data_access.engine import get_engine as child_engine

    ensure_database(child_engine())


def _edit_changes(release: Path, code: str, **cells: str) -> None:
    def edit(frame):
        for column, text in cells.items():
            frame.loc[frame["code"] == code, column] = text
        return frame

    edit_csv(release / "changes.csv", edit)


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ({"target_key": "no_such_indicator"}, "target_key", "is not a row of indicators in this release"),
        ({"target_column": "definition_xx"}, "target_column", "is not a column of indicators"),
        ({"old_value": ""}, "old_value", "a correction says what was corrected"),
        ({"source_line": "99999"}, "source_line", "is not a line of the report text"),
        ({"kind": "rewritten"}, "kind", "is not one of corrected, added, clarified"),
    ],
)
def test_a_change_record_that_names_no_row_of_the_release_is_refused(bundled, tmp_path, cells, column, reason):
    release = copy_release(tmp_path)
    (release / "release.csv").write_text((release / "release.csv").read_text().replace("2026.2,", "2026.9,"))
    _edit_changes(release, "C02", **cells)  # C02 corrects the definition of registered_torture_offences
    problems = validate_release(read_release(release))[1]
    assert any(p.file == "changes.csv" and p.column == column and reason in p.reason for p in problems), [
        str(p) for p in problems
    ]


def test_people_received_without_the_line_that_gives_them_are_refused(bundled, tmp_path):
    release = copy_release(tmp_path)

    def edit(frame):
        frame.loc[frame["code"] == "ov2025_02", "persons_received_line"] = ""
        frame.loc[frame["code"] == "ov2025_03", "persons_received"] = "-17"
        return frame

    edit_csv(release / "ombudsman_visits.csv", edit)
    problems = {(p.column, p.reason) for p in validate_release(read_release(release))[1]}
    assert any(c == "persons_received_line" and "exactly when" in r for c, r in problems)
    assert ("persons_received", "is negative") in problems


def test_a_release_without_a_change_record_still_imports(bundled, tmp_path):
    """changes.csv is optional: a first release, or one from before 2026.2, has none."""
    release = copy_release(tmp_path)
    (release / "changes.csv").unlink()
    assert validate_release(read_release(release))[1] == []
