"""Coverage within four years, computed from visit logs, proven on a generated release with known answers.

The bundled release has no visit logs; this module imports a generated one
(tests/generated_release.py, labelled SYNTHETIC) into SQLite and PostgreSQL.
As of 30 June 2025 the mandate window opens on 30 June 2021.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from data_access.queries import visits
from tests.generated_release import Facility, Visit, write_generated_release

AS_OF = "2025-06-30"
D = dt.date


def _group(
    region: str, facility_type: str, prefix: str, covered: int, overdue: int
) -> tuple[list[Facility], list[Visit]]:
    """`covered` facilities visited in 2024 and `overdue` never visited, all in one region and type."""
    facilities = [Facility(f"{prefix}-{index:02d}", facility_type, region) for index in range(covered + overdue)]
    return facilities, [Visit(f.facility_id, D(2024, 3, 1)) for f in facilities[:covered]]


# Edge cases, all in Akmola (KZ-11), temporary detention facilities.
EDGE_FACILITIES = [
    Facility("E-BOUNDARY", "ivs", "KZ-11"),  # visited exactly four years before: covered
    Facility("E-ONEDAY", "ivs", "KZ-11"),  # four years and a day before: overdue by 1 day
    Facility("E-NEVER", "ivs", "KZ-11"),  # no visit at all: overdue
    Facility("E-FUTURE", "ivs", "KZ-11"),  # visited only after the date: overdue on the date
    Facility("E-RECENT", "ivs", "KZ-11"),  # an old visit and a recent one: the recent one counts
    Facility("E-REPS", "ivs", "KZ-11"),  # visited by the regional representatives only
    Facility("E-LEAP", "ivs", "KZ-11"),  # visited on 29 February 2020
    Facility("E-NOTMANDATED", "ivs", "KZ-11", mandated=False),  # never counted
]
EDGE_VISITS = [
    Visit("E-BOUNDARY", D(2021, 6, 30)),
    Visit("E-ONEDAY", D(2021, 6, 29)),
    Visit("E-FUTURE", D(2025, 7, 1)),
    Visit("E-RECENT", D(2019, 1, 1)),
    Visit("E-RECENT", D(2024, 1, 1)),
    Visit("E-REPS", D(2024, 5, 1), "regional_reps"),
    Visit("E-LEAP", D(2020, 2, 29)),
]
GROUPS = [
    _group("KZ-15", "correctional", "P", covered=8, overdue=2),  # overdue below 5: covered, overdue, share withheld
    _group("KZ-23", "correctional", "S", covered=3, overdue=0),  # 3 facilities: the whole row withheld
    _group("KZ-27", "correctional", "Z", covered=6, overdue=0),  # nothing overdue: a zero names no facility
    _group("KZ-31", "special_reception", "H", covered=6, overdue=6),  # every count at or above 5
]
OTHER_FACILITIES = [
    Facility("A-AKIMAT", "social_services", "KZ-31", agency="AKIMAT"),  # its own ministry, not its type's
    Facility("L-LONELY", "guardhouse", "KZ-35"),  # the only one of its type in its region, never visited
]
OTHER_VISITS = [Visit("A-AKIMAT", D(2024, 9, 1), "ombudsman")]


@pytest.fixture(scope="module")
def logs(database_url, tmp_path_factory):
    from data_access.engine import ensure_database, get_engine
    from data_access.importer import import_release

    engine = get_engine()
    ensure_database(engine)
    release = write_generated_release(
        tmp_path_factory.mktemp("generated") / "release",
        extra_facilities=[*EDGE_FACILITIES, *(f for group, _ in GROUPS for f in group), *OTHER_FACILITIES],
        extra_visits=[*EDGE_VISITS, *(v for _, group in GROUPS for v in group), *OTHER_VISITS],
    )
    result = import_release(engine, release)
    assert result.ok, result.problems
    return engine


def facilities_of(frame) -> dict[str, dict]:
    return {row["facility_id"]: row for row in frame.to_dict("records")}


# ---------------------------------------------------------------- the four-year window


def test_window_opens_on_the_same_day_four_years_before():
    assert visits.mandate_window_start(D(2025, 6, 30)) == D(2021, 6, 30)
    assert visits.mandate_window_start(D(2028, 2, 29)) == D(2024, 2, 29)
    assert visits.mandate_window_start(D(2104, 2, 29)) == D(2100, 2, 28)  # 2100 is no leap year


def test_generated_release_is_labelled_as_such(logs):
    from data_access.queries.meta import release_info

    info = release_info("en")
    assert "+generated" in info["version"] and info["title"].startswith("SYNTHETIC")
    assert "СИНТЕТИЧЕСКИЙ" in release_info("ru")["title"]


def test_summary_counts_the_logs(logs):
    summary = visits.visit_log_summary()
    assert summary["facilities"] == 8 + 10 + 3 + 6 + 12 + 2
    assert summary["mandated"] == summary["facilities"] - 1
    assert summary["first_visit"] == D(2019, 1, 1) and summary["last_visit"] == D(2025, 7, 1)


def test_a_visit_exactly_on_the_boundary_counts_and_a_day_earlier_is_one_day_overdue(logs):
    listed = facilities_of(visits.overdue_facilities("en", AS_OF, region="KZ-11", threshold=1, limit=None).frame)
    assert "E-BOUNDARY" not in listed
    assert listed["E-ONEDAY"]["days_overdue"] == 1
    assert listed["E-ONEDAY"]["last_visit"] == D(2021, 6, 29)


def test_a_facility_never_visited_is_overdue_and_listed_first(logs):
    frame = visits.overdue_facilities("en", AS_OF, region="KZ-11", threshold=1, limit=None).frame
    assert list(frame["facility_id"]) == ["E-FUTURE", "E-NEVER", "E-LEAP", "E-ONEDAY"]
    never = facilities_of(frame)["E-NEVER"]
    assert never["never_visited"] and pd_missing(never["days_overdue"]) and never["last_visit"] is None


def pd_missing(value: object) -> bool:
    import pandas as pd

    return value is None or pd.isna(value)


def test_visits_after_the_date_do_not_count_until_the_date_is_reached(logs):
    on_the_day = facilities_of(visits.overdue_facilities("en", AS_OF, region="KZ-11", threshold=1, limit=None).frame)
    assert on_the_day["E-FUTURE"]["never_visited"]
    next_day = facilities_of(
        visits.overdue_facilities("en", "2025-07-01", region="KZ-11", threshold=1, limit=None).frame
    )
    assert "E-FUTURE" not in next_day
    assert next_day["E-ONEDAY"]["days_overdue"] == 2


def test_the_last_visit_decides_and_leap_days_are_counted_as_days(logs):
    listed = facilities_of(visits.overdue_facilities("en", AS_OF, region="KZ-11", threshold=1, limit=None).frame)
    assert "E-RECENT" not in listed
    assert listed["E-LEAP"]["days_overdue"] == (D(2021, 6, 30) - D(2020, 2, 29)).days == 487
    on_leap_day = facilities_of(
        visits.overdue_facilities("en", "2024-02-29", region="KZ-11", threshold=1, limit=None).frame
    )
    assert "E-LEAP" not in on_leap_day
    day_after = facilities_of(
        visits.overdue_facilities("en", "2024-03-01", region="KZ-11", threshold=1, limit=None).frame
    )
    assert day_after["E-LEAP"]["days_overdue"] == 1


def test_facilities_outside_the_mandate_are_never_counted(logs):
    coverage = visits.log_coverage("en", AS_OF, "region", region="KZ-11", threshold=1)
    assert coverage.totals["mandated"] == 7
    listed = visits.overdue_facilities("en", AS_OF, region="KZ-11", threshold=1, limit=None).frame
    assert "E-NOTMANDATED" not in set(listed["facility_id"])


def test_coverage_share_of_the_edge_region_is_three_of_seven(logs):
    row = visits.log_coverage("en", AS_OF, "region", region="KZ-11", threshold=1).frame.iloc[0]
    assert (row["key"], row["mandated"], row["covered"], row["overdue"]) == ("KZ-11", 7, 3, 4)
    assert row["share"] == pytest.approx(3 / 7)


def test_only_the_chosen_bodys_visits_count(logs):
    npm = facilities_of(
        visits.overdue_facilities("en", AS_OF, region="KZ-11", body="npm", threshold=1, limit=None).frame
    )
    assert npm["E-REPS"]["never_visited"]
    reps = visits.log_coverage("en", AS_OF, "region", region="KZ-11", body="regional_reps", threshold=1).totals
    assert (reps["covered"], reps["overdue"]) == (1, 6)


def test_a_facilitys_own_ministry_wins_over_its_types(logs):
    by_agency = visits.log_coverage("en", AS_OF, "agency", threshold=1).frame.set_index("key")
    assert by_agency.loc["AKIMAT", "mandated"] == 1 and by_agency.loc["AKIMAT", "covered"] == 1
    assert "MTSZN" not in by_agency.index  # the type social_services alone would have said MTSZN


# ---------------------------------------------------------------- disclosure threshold


def test_counts_below_the_threshold_are_suppressed_with_no_number(logs):
    frame = visits.log_coverage("en", AS_OF, "region", threshold=5).frame.set_index("key")
    aktobe = frame.loc["KZ-15"]  # 8 covered, 2 overdue
    assert aktobe["mandated"] == 10 and aktobe["status"] == "suppressed"
    assert pd_missing(aktobe["covered"]) and pd_missing(aktobe["overdue"]) and pd_missing(aktobe["share"])
    atyrau = frame.loc["KZ-23"]  # 3 facilities in all
    assert atyrau["status"] == "suppressed" and all(
        pd_missing(atyrau[c]) for c in ("mandated", "covered", "overdue", "share")
    )
    west = frame.loc["KZ-27"]  # 6 of 6 covered: the zero overdue names no facility
    assert (west["mandated"], west["covered"], west["overdue"], west["share"], west["status"]) == (
        6,
        6,
        0,
        1.0,
        "derived",
    )
    jambyl = frame.loc["KZ-31"]  # 7 of 13 (6 special reception centres and the akimat's centre)
    assert (jambyl["mandated"], jambyl["covered"], jambyl["overdue"], jambyl["status"]) == (13, 7, 6, "derived")


def test_with_threshold_one_every_count_is_shown(logs):
    frame = visits.log_coverage("en", AS_OF, "region", threshold=1).frame
    assert set(frame["status"]) == {"derived"} and frame["mandated"].notna().all()
    assert frame["mandated"].sum() == 40 and frame["covered"].sum() == 27


def test_the_threshold_comes_from_the_settings_by_default(logs, monkeypatch):
    assert visits.log_coverage("en", AS_OF, "region").totals["threshold"] == 5
    monkeypatch.setenv("SUPPRESSION_THRESHOLD", "2")
    frame = visits.log_coverage("en", AS_OF, "region").frame.set_index("key")
    assert frame.loc["KZ-15", "status"] == "derived"  # 2 overdue is no longer below the threshold
    assert frame.loc["KZ-35", "status"] == "suppressed"  # the lonely guardhouse still is


def test_overdue_facilities_in_groups_below_the_threshold_are_not_listed(logs):
    result = visits.overdue_facilities("en", AS_OF, threshold=5, limit=None)
    listed = set(result.frame["facility_id"])
    assert "L-LONELY" not in listed and "E-NEVER" in listed and "P-08" in listed
    assert result.totals["overdue"] == 4 + 2 + 6 + 1 and result.totals["withheld"]
    assert visits.overdue_facilities("en", AS_OF, threshold=1, limit=None).totals["withheld"] is False


def test_a_filter_does_not_make_a_small_group_look_large(logs):
    # Filtering to KZ-35 still knows its guardhouse group holds one facility.
    result = visits.overdue_facilities("en", AS_OF, region="KZ-35", threshold=5, limit=None)
    assert result.frame.empty and result.totals["overdue"] is None and result.totals["overdue_status"] == "suppressed"


def test_suppression_rules_on_a_hand_made_table():
    import pandas as pd

    table = pd.DataFrame(
        {
            "mandated": [4, 10, 10, 10, 10],
            "covered": [4, 9, 6, 10, 0],
            "overdue": [0, 1, 4, 0, 10],
            "share": [1, 0.9, 0.6, 1, 0],
        }
    )
    out = visits.suppress_coverage(table, 5)
    assert list(out["status"]) == ["suppressed", "suppressed", "suppressed", "derived", "derived"]
    assert out["mandated"].isna().tolist() == [True, False, False, False, False]
    assert out["covered"].isna().tolist() == [True, True, True, False, False]


# ---------------------------------------------------------------- the page with logs


@pytest.fixture(scope="module")
def page(logs):
    from tests.layout import load_page

    return load_page("visits")


def page_text(component: object) -> str:
    from tests.test_visits import page_text as text

    return text(component)


def test_page_shows_coverage_from_the_logs_and_says_they_are_synthetic(page):
    text = page_text(page.layout(lang="en", date=AS_OF, body="all"))
    assert "SYNTHETIC" in text
    assert "visited in the four years to June 30, 2025 (27 of 40); 13 are overdue" in text
    assert "E-NEVER" in text and "L-LONELY" not in text
    assert "aggregates only" not in text


def test_page_filters_the_logs_by_region_and_ministry(page):
    text = page_text(page.layout(lang="en", date=AS_OF, body="all", region="KZ-31", sector="MVD"))
    assert "(6 of 12); 6 are overdue" in text and "A-AKIMAT" not in text


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2025-02-30", "The date must be written as YYYY-MM-DD"),
        ("30.06.2025", "The date must be written as YYYY-MM-DD"),
        ("1990-01-01", "The date must lie between 2019-01-01 and 2026-12-07"),  # the release's date
    ],
)
def test_a_malformed_or_out_of_range_date_shows_the_latest_date_and_a_notice(page, date, message):
    text = page_text(page.layout(lang="en", date=date))
    assert message in text
    assert "visited in the four years to July 1, 2025" in text


def test_overdue_download_lists_what_the_card_shows(page):
    from app import server

    csv = (
        server.test_client()
        .get(f"/download/visits.overdue.csv?lang=en&date={AS_OF}&body=all&region=KZ-11")
        .get_data(as_text=True)
    )
    import csv as csv_format
    import io

    header, *rows = list(csv_format.reader(io.StringIO(csv.lstrip("\ufeff"))))
    assert [row[0] for row in rows] == ["E-FUTURE", "E-NEVER", "E-LEAP", "E-ONEDAY"]
    # the card's last column (before the download's machine columns) for the last row: one visit
    shown = header[: header.index("region_code")]
    assert rows[-1][len(shown) - 1] == "1" and rows[-1][header.index("region_code")] == "KZ-11"
    coverage = (
        server.test_client()
        .get(f"/download/visits.log_coverage.csv?lang=en&date={AS_OF}&body=all&by=region")
        .get_data(as_text=True)
    )
    assert "suppressed (fewer than 5)" in coverage and "Atyrau" in coverage


def test_the_callback_accepts_the_log_controls(page):
    from tests.test_visits import callback_request, post_callback

    payload = callback_request({"year": "2025", "sector": "", "body": "all", "region": "KZ-11", "date": "2024-03-01"})
    result = post_callback(payload).get_json()["response"]
    assert (
        result["visits-filters"]["data"]["region"] == "KZ-11"
        and result["visits-filters"]["data"]["date"] == "2024-03-01"
    )
    bad = post_callback(callback_request({"year": "2025", "region": ["KZ-11"], "date": "not a date"})).get_json()[
        "response"
    ]
    text = json.dumps(bad["visits-content"])
    assert "Unknown region" in text and "YYYY-MM-DD" in text
