"""Recommendations across releases: a later release that changes a status keeps the history,
and a release with a complete Table 3 fills the heat map with computed shares (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest

from data_access.importer import import_release
from data_access.queries import recommendations as recs
from data_access.settings import BUNDLED_RELEASE
from tests.layout import load_page
from tests.recommendation_releases import table3_counts, write_later_release
from tests.test_recommendations import find, texts


@pytest.fixture(scope="module")
def later_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Release 2026.3: every Table 3 cell filled, R-01 in progress since 15 June 2026."""
    return write_later_release(tmp_path_factory.mktemp("releases") / "2026.3")


@pytest.fixture
def current_later(bundled, later_release):
    result = import_release(bundled, later_release)
    assert result.ok, result.problems
    return bundled


@pytest.fixture(scope="module")
def page(bundled):
    return load_page("recommendations")


@pytest.fixture(scope="module")
def cards(page):
    return load_page("recommendations", "cards")


def history_of(code: str) -> list[tuple[str, dt.date, str]]:
    frame = recs.status_history(code)
    return [(r["status"], r["status_date"], r["release_version"]) for r in frame.to_dict("records")]


PROPOSED = ("proposed", dt.date(2026, 1, 1), "2026.2")
IN_PROGRESS = ("in_progress", dt.date(2026, 6, 15), "2026.3")


def test_a_later_release_appends_to_the_status_history_and_reimports_keep_it(bundled, later_release):
    assert history_of("R-01") == [PROPOSED]
    assert import_release(bundled, later_release).changed
    assert history_of("R-01") == [PROPOSED, IN_PROGRESS]
    assert history_of("R-02") == [PROPOSED]
    tracker = recs.recommendation_tracker("en").set_index("code")
    assert tracker.loc["R-01", "status"] == "in_progress" and tracker.loc["R-01", "status_date_precision"] == "day"

    # The same release again changes nothing; going back to 2026.2 changes the status, not the history.
    assert not import_release(bundled, later_release).changed
    assert import_release(bundled, BUNDLED_RELEASE).ok
    assert recs.recommendation_tracker("en").set_index("code").loc["R-01", "status"] == "proposed"
    assert history_of("R-01") == [PROPOSED, IN_PROGRESS]
    assert len(recs.status_history()) == 12


def test_the_tracker_shows_the_status_history_as_a_timeline(current_later, page):
    layout = page.layout(lang="en", rec="R-01")
    text = " ".join(" ".join(texts(find(layout, "recommendations-selected"))).split())
    assert "In progress since June 15, 2026" in text
    assert "Proposed 2026 · release 2026.2" in text and "In progress June 15, 2026 · release 2026.3" in text
    summary = " ".join(texts(find(layout, "recommendations-tracker-summary")))
    assert "still open: 11 (proposed: 10, in progress: 1, fulfilled: 0, not fulfilled: 0)" in summary


def test_a_complete_table3_gives_every_cell_a_share_computed_from_its_counts(current_later):
    table3 = recs.region_agency_fulfilment("en")
    assert len(table3) == 168 and table3["fulfilled_share"].notna().all()
    for cell in table3.to_dict("records"):
        if pd.isna(cell["region"]) and pd.isna(cell["agency"]):
            assert (cell["issued"], cell["fulfilled"]) == (3188, 1046)  # the national total keeps the report's figures
            continue
        sent, fulfilled = table3_counts(cell["row_order"], cell["column_order"])
        assert (cell["issued"], cell["fulfilled"]) == (sent, fulfilled)
        assert math.isclose(cell["fulfilled_share"], fulfilled / sent)


def test_with_a_complete_table3_the_heat_map_has_no_grey_cell(current_later, cards):
    frame = recs.region_agency_fulfilment("en")
    grey, colour = cards.table3_figure(frame, "en").data
    assert all(value is None for row in grey.z for value in row)
    assert all(value is not None for row in colour.z for value in row)
    assert "*" not in "".join(text for row in colour.text for text in row)  # computed shares, not the printed ones
    summary = cards.table3_summary(frame, "en")
    assert "not published" not in summary
    by_region = frame[frame["agency"].isna() & frame["region"].notna()]
    best = by_region.loc[by_region["fulfilled_share"].idxmax()]
    assert f"The highest share fulfilled is in {best['region_short']}" in summary
