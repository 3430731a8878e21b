"""The visits page on the bundled release: coverage against the mandate, the pace per ministry, the gaps, bad input.

Runs on SQLite and PostgreSQL (the `bundled` fixture). The coverage computation
on visit logs is proven in tests/test_visits_logs.py on a generated release.
"""

from __future__ import annotations

import json

import pytest

from data_access.queries import visits
from tests.layout import find, load_page, source_links, texts

YEAR = 2025


def page_text(component: object) -> str:
    return " ".join(texts(component)).replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture(scope="module")
def page(bundled):
    return load_page("visits")


def by_agency(frame) -> dict[str, dict]:
    return {row["agency"]: row for row in frame.to_dict("records")}


# ---------------------------------------------------------------- coverage against the mandate


def test_visit_years_are_the_years_with_national_visit_figures(bundled):
    assert visits.visit_years("en") == [2024, 2025]


def test_coverage_is_computed_against_both_mandated_totals(bundled):
    frame = visits.coverage_against_mandate("en").frame
    rows = {(r["period"], int(r["mandated"])): r for r in frame.to_dict("records")}
    assert set(rows) == {("2024", 3761), ("2024", 964), ("2025", 3761), ("2025", 964)}
    assert rows[("2025", 3761)]["covered"] == 817
    assert rows[("2025", 3761)]["share"] == pytest.approx(817 / 3761)
    assert rows[("2025", 964)]["share"] == pytest.approx(817 / 964)
    assert rows[("2024", 3761)]["share"] == pytest.approx(801 / 3761)
    assert rows[("2025", 3761)]["years_to_cover_all"] == pytest.approx(3761 / 817)
    assert rows[("2025", 964)]["years_to_cover_all"] == pytest.approx(964 / 817)
    assert all(frame["mandate_share"] == 0.25) and all(frame["status"] == "derived")


def test_the_larger_total_is_behind_the_mandate_and_the_smaller_within(bundled):
    frame = visits.coverage_against_mandate("en").frame
    latest = {int(r["mandated"]): r["within_mandate"] for r in frame[frame["period"] == "2025"].to_dict("records")}
    assert latest == {3761: False, 964: True}


def test_2024_is_compared_with_the_2025_total_and_says_so(bundled):
    frame = visits.coverage_against_mandate("en").frame
    assert set(frame.loc[frame["period"] == "2024", "mandated_period"]) == {"2025"}


def test_both_totals_carry_the_two_totals_data_note(bundled):
    result = visits.coverage_against_mandate("en")
    assert result.frame["note_text"].str.contains("964").all()
    assert {1271, 1273, 1788} <= set(result.inputs["source_line"].dropna().astype(int))


# ---------------------------------------------------------------- pace by ministry


def test_police_units_need_more_than_twenty_years_at_the_npm_pace(bundled):
    mvd = by_agency(visits.mandate_pace("en", YEAR, "npm").frame)["MVD"]
    assert (mvd["mandated"], mvd["visits"]) == (3299, 152)
    assert mvd["years_to_visit_all"] == pytest.approx(3299 / 152)  # 21.7 years
    assert mvd["beyond_mandate"]


def test_only_the_police_sector_is_beyond_four_years_at_the_npm_pace(bundled):
    frame = visits.mandate_pace("en", YEAR, "npm").frame
    assert list(frame.loc[frame["beyond_mandate"], "agency"]) == ["MVD"]
    assert by_agency(frame)["MO"]["years_to_visit_all"] == pytest.approx(7 / 2)


def test_mandated_facilities_by_ministry_add_up_to_the_larger_total(bundled):
    assert visits.mandate_pace("en", YEAR, "npm").frame["mandated"].sum() == 3761


def test_regional_representatives_pace_uses_their_own_visits(bundled):
    frame = by_agency(visits.mandate_pace("en", YEAR, "regional_reps").frame)
    assert frame["MVD"]["visits"] == 285
    assert frame["MVD"]["years_to_visit_all"] == pytest.approx(3299 / 285)
    assert frame["KUIS"]["years_to_visit_all"] == pytest.approx(79 / 123)


def test_all_bodies_add_the_npm_the_representatives_and_the_ombudsman_per_ministry(bundled):
    result = visits.mandate_pace("en", YEAR, "all")
    frame = by_agency(result.frame)
    assert frame["MVD"]["visits"] == 152 + 285
    assert frame["KUIS"]["visits"] == 73 + 123 + 12  # 12 of the Ombudsman's 13 visits were to penal institutions
    assert frame["MVD"]["years_to_visit_all"] == pytest.approx(3299 / 437)
    assert set(result.frame["status"]) == {"derived"}
    # 68 representatives' visits to "other institutions" and 1 Ombudsman visit to an akimat centre have no mandated ministry
    assert result.totals["stated_total"] == 1242
    assert result.totals["unattributed"] == 1242 - result.frame["visits"].sum() == 69


def test_a_year_without_a_ministry_breakdown_is_not_published_never_zero(bundled):
    frame = visits.mandate_pace("en", 2024, "npm").frame
    assert frame["visits"].isna().all() and frame["years_to_visit_all"].isna().all()
    assert set(frame["status"]) == {"not_published"}
    assert not frame["beyond_mandate"].any()


def test_unknown_body_falls_back_to_the_npm(bundled):
    assert visits.mandate_pace("en", YEAR, "nobody").totals["body"] == "npm"


# ---------------------------------------------------------------- types, bodies, sectors, outcomes


def test_npm_visits_by_type_add_up_to_360_against_the_stated_425(bundled):
    result = visits.npm_visits_by_type("en", YEAR)
    assert len(result.frame) == 13
    assert result.totals == {"type_sum": 360, "stated_total": 425, "gap": 65}
    assert result.frame.iloc[0]["facility_type"] == "ivs" and result.frame.iloc[0]["visits"] == 77
    assert "police_unit" in set(result.frame["facility_type"])


def test_the_type_gap_of_one_ministry_is_against_that_ministrys_total(bundled):
    assert visits.npm_visits_by_type("en", YEAR, "MP").totals == {"type_sum": 21, "stated_total": 79, "gap": 58}
    assert visits.npm_visits_by_type("en", YEAR, "MVD").totals["gap"] == 0


def test_bodies_add_up_to_the_reports_total_of_all_visits(bundled):
    result = visits.visits_by_body("en", YEAR)
    assert dict(zip(result.frame["body"], result.frame["visits"], strict=True)) == {
        "npm": 425,
        "ombudsman": 13,
        "regional_reps": 804,
    }
    assert result.totals == {"stated_total": 1242, "body_sum": 1242, "gap": 0}


def test_representatives_sectors_hold_their_ministries_and_add_up(bundled):
    result = visits.regional_reps_by_sector("en", YEAR)
    frame = result.frame
    criminal = frame[frame["sector"] == "regional_reps_criminal_justice"]
    assert dict(zip(criminal["agency"], criminal["visits"], strict=True)) == {
        "MVD": 285,
        "KUIS": 123,
        "MO": 8,
        "KNB": 4,
    }
    social = frame[frame["sector"] == "regional_reps_social"]
    assert social["visits"].sum() == 316
    other = frame[frame["sector"] == "regional_reps_other"]
    assert other["agency"].isna().all() and list(other["visits"]) == [68]
    assert result.totals["gap"] == 0 and result.totals["sector_gaps"] == {
        "regional_reps_criminal_justice": 0,
        "regional_reps_social": 0,
    }


def test_liability_after_visits_reads_the_report(bundled):
    frame = visits.visit_outcomes("en", YEAR)
    assert list(zip(frame["indicator"], frame["value"], strict=True)) == [
        ("disciplinary_liability", 337),
        ("administrative_liability", 76),
        ("pretrial_investigations_after_visits", 3),
    ]
    assert set(frame["source_line"]) == {1484}


def test_npm_size_keeps_both_figures_section_6_first(bundled):
    frame = visits.npm_size("en", YEAR)
    assert list(zip(frame["indicator"], frame["value"], strict=True))[:2] == [
        ("npm_groups", 20),
        ("npm_participants", 99),
    ]
    assert set(frame["value"]) == {20, 99, 25, 106}


def test_the_bundled_release_has_no_visit_logs(bundled):
    assert visits.visit_log_summary() == {
        "facilities": 0,
        "mandated": 0,
        "visits": 0,
        "first_visit": None,
        "last_visit": None,
    }


# ---------------------------------------------------------------- the page


def test_page_answers_whether_the_mandate_is_met_in_english(page):
    text = page_text(page.layout(lang="en"))
    assert "21.7% of 3,761 mandated facilities" in text
    assert "84.8% of 964 mandated facilities" in text
    assert "takes at least 4.6 years: longer than the 4 years of the mandate" in text
    assert "MIA (21.7 years)" in text
    assert "65 visits are not broken down by type" in text
    assert "aggregates only" in text


LEADS = {
    "en": "At the 2025 pace (817 facilities visited in the year), visiting each of the 3,761 mandated facilities once "
    "would take at least 4.6 years; the mandate asks for one visit every 4 years.",
    "ru": "При темпе 2025 года (за год посещениями охвачено 817 учреждений) на то, чтобы хотя бы раз посетить каждое "
    "учреждение мандата (их 3 761), понадобится как минимум 4,6 года; мандат требует одного посещения раз в 4 года.",
    "kk": "2025 жылғы қарқынмен (бір жылда барулармен 817 мекеме қамтылды) мандатқа жататын 3 761 мекеменің "
    "әрқайсысына бір реттен бару үшін кемінде 4,6 жыл қажет; мандат әрқайсысына 4 жыл сайын бір рет баруды талап етеді.",
}


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_first_screen_leads_with_one_answer_on_the_mandate(page, lang):
    # Lines 1271 (817 covered in 2025) and 1788 (3,761 mandated): 3761 / 817 = 4.6 years, against the 4 of the mandate.
    layout = page.layout(lang=lang)
    verdict = find(layout, "visits-verdict")
    assert page_text(verdict.children[0]) == LEADS[lang]
    assert verdict.children[0].id == "visits-answer"


def test_the_two_totals_are_explained_after_the_answer_with_their_sources(page):
    totals = find(page.layout(lang="en"), "visits-answer-totals")
    text = page_text(totals)
    assert text.startswith("This answer uses 3,761: the report's count of the facilities in the mandate today")
    # Line 1273: 964 mandated objects; 817 / 964 = 84.8 %, 964 / 817 = 1.2 years.
    assert "The report also speaks of 964 mandated objects" in text
    assert "the 817 facilities visited are 84.8%, and one visit to each would take at least 1.2 years" in text
    assert [href for _, href in source_links(totals)] == [
        "/report?line=1271&lang=en#L1271",
        "/report?line=1788&lang=en#L1788",
    ]


def test_share_cards_show_no_change_that_mixes_two_years_bases_and_say_why(page):
    layout = page.layout(lang="en")
    card = page_text(find(layout, "visits-kpi-share-0"))
    # 801 / 3761 would use the 2025 total for 2024: no "Up 0.4 (2.0%)" and no change in points either.
    assert "Up 0.4" not in card and "(2.0%)" not in card
    assert "No like-for-like change on 2024: the report gives no 2024 total (see the data note)" in card
    assert "so no change in percentage points on 2024 is shown" in card
    assert "Up 16 (2.0%) on 2024" in page_text(find(layout, "visits-kpi-covered"))  # a count keeps its change


def test_a_share_with_each_years_own_total_is_compared_in_percentage_points(page):
    cards = load_page("visits", "lead")
    now = {"period": "2025", "mandated_period": "2025", "share": 0.2172, "note_text": None}
    before = {"period": "2024", "mandated_period": "2024", "share": 0.2130, "note_text": None}
    assert cards._share_change(now, before, "en") == (0.2130, None, None)
    previous, change, note = cards._share_change(now, {**before, "mandated_period": "2025"}, "en")
    assert previous is None and "No like-for-like change on 2024" in change and "2025 only" in note


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "Up 0.4 percentage points on 2024",
                "Up 1 percentage point on 2024",
                "Up 2 percentage points on 2024",
                "Down 1.5 percentage points on 2024",
                "Up 5 percentage points on 2024",
            ],
        ),
        (
            "ru",
            [
                "Рост на 0,4 процентного пункта по сравнению с 2024 г.",
                "Рост на 1 процентный пункт по сравнению с 2024 г.",
                "Рост на 2 процентных пункта по сравнению с 2024 г.",
                "Снижение на 1,5 процентного пункта по сравнению с 2024 г.",
                "Рост на 5 процентных пунктов по сравнению с 2024 г.",
            ],
        ),
        (
            "kk",
            [
                "2024 жылғыдан 0,4 пайыздық тармаққа артық",
                "2024 жылғыдан 1 пайыздық тармаққа артық",
                "2024 жылғыдан 2 пайыздық тармаққа артық",
                "2024 жылғыдан 1,5 пайыздық тармаққа кем",
                "2024 жылғыдан 5 пайыздық тармаққа артық",
            ],
        ),
    ],
)
def test_a_change_of_a_percentage_is_named_in_percentage_points(lang, expected):
    from components.kpi_card import change_in_words

    changes = [(21.72, 21.30), (22.0, 21.0), (23.0, 21.0), (21.0, 22.5), (26.0, 21.0)]
    words = [change_in_words(now, before, "2024", lang, "percent") for now, before in changes]
    assert [w.replace("\u00a0", " ") for w in words] == expected


def test_page_renders_in_kazakh_and_russian_with_their_number_formats(page):
    kk = page_text(page.layout(lang="kk"))
    ru = page_text(page.layout(lang="ru"))
    assert "3 761" in kk and "21,7" in kk
    assert "3 761" in ru and "21,7 %" in ru
    assert "Visits against the four-year mandate" not in kk + ru


def test_all_bodies_view_shows_the_combined_pace(page):
    text = page_text(page.layout(lang="en", body="all", sector="MVD"))
    assert "MIA (7.5 years)" in text
    assert "MIA: 3,299 mandated facilities, 437 visits: at least 21.7 years" not in text
    assert "MIA: 3,299 mandated facilities, 437 visits: at least 7.5 years for a full cycle" in text


def test_sector_filter_narrows_the_types_to_that_ministry(page):
    card = find(page.layout(lang="en", sector="MP"), "visits-types")
    text = page_text(card)
    assert "Adaptation centre for minors" in text and "Temporary detention facility" not in text
    assert "58 visits are not broken down by type" in text


def test_a_year_without_breakdowns_says_so_instead_of_drawing_zeros(page):
    text = page_text(page.layout(lang="en", year="2024"))
    assert "801" in text
    assert "The report breaks visits down by ministry only for 2025" in text
    assert find(page.layout(lang="en", year="2024"), "visits-pace") is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "1999"}, "There are no visit figures for the year asked for"),
        ({"year": "twenty"}, "There are no visit figures for the year asked for"),
        ({"sector": "NOPE"}, "Unknown ministry"),
        ({"body": "aliens"}, "Unknown visiting body"),
        ({"region": "KZ-99"}, "Unknown region"),
        ({"region": "KZ-75"}, "need facility-level visit logs"),
        ({"date": "2025-13-45"}, "no visit logs"),
    ],
)
def test_bad_url_values_show_the_default_view_and_a_notice(page, query, message):
    layout = page.layout(lang="en", **query)
    text = page_text(layout)
    assert message in text
    assert "21.7% of 3,761 mandated facilities" in text  # the default view (2025, all ministries, NPM)


def control(name: str) -> dict:
    return {"name": name, "type": "visits-control"}


def callback_request(values: dict, lang: object = "en") -> dict:
    """A request to the page's callback as the browser sends it, with `values` for the controls."""
    return {
        "output": "..visits-content.children...visits-filters.data..",
        "outputs": [{"id": "visits-content", "property": "children"}, {"id": "visits-filters", "property": "data"}],
        "inputs": [[{"id": control(name), "property": "value", "value": value} for name, value in values.items()]],
        "changedPropIds": ['{"name":"year","type":"visits-control"}.value'],
        "state": [{"id": "visits-lang", "property": "data", "value": lang}],
    }


def post_callback(payload: dict):
    from app import server

    return server.test_client().post("/_dash-update-component", json=payload)


def test_a_broken_callback_request_gets_the_default_view_and_a_notice(page):
    response = post_callback(
        callback_request({"year": "abc", "sector": {"x": 1}, "body": 42}, lang={"not": "a language"})
    )
    assert response.status_code == 200
    result = response.get_json()["response"]
    text = json.dumps(result["visits-content"], ensure_ascii=False)
    assert "Unknown ministry" not in text  # the language fell back to Kazakh, not to an error
    assert result["visits-filters"]["data"] == {
        "year": "2025",
        "sector": None,
        "body": "npm",
        "region": None,
        "date": None,
    }
    english = post_callback(callback_request({"year": ["2025"], "sector": 3.5, "body": None})).get_json()["response"]
    text = json.dumps(english["visits-content"])
    assert "There are no visit figures for the year asked for" in text and "Unknown ministry" in text
    assert "21.7% of 3,761 mandated facilities" in text


def test_a_callback_request_for_unknown_controls_changes_nothing_it_should_not(page):
    response = post_callback(callback_request({"nonsense": "1", "year": "2024"}))
    assert response.status_code == 200
    assert response.get_json()["response"]["visits-filters"]["data"]["year"] == "2024"


def test_callback_rebuilds_the_view_for_good_values_and_puts_them_in_the_url(page):
    result = post_callback(callback_request({"year": "2025", "sector": "MVD", "body": "regional_reps"})).get_json()[
        "response"
    ]
    assert result["visits-filters"]["data"] == {
        "year": "2025",
        "sector": "MVD",
        "body": "regional_reps",
        "region": None,
        "date": None,
    }
    assert "MIA (11.6 years)" in json.dumps(result["visits-content"])


def test_downloads_hold_the_numbers_the_cards_show(page):
    from app import server

    client = server.test_client()
    pace = client.get("/download/visits.pace.csv?lang=en&year=2025&body=npm").get_data(as_text=True)
    assert "MIA,3299,152,21.7," in pace  # counts whole, years rounded as on the page
    coverage = client.get("/download/visits.coverage.csv?lang=en").get_data(as_text=True)
    # the section in words, shares in per cent
    assert '2025,"3,761 mandated facilities (Section 6)",817,21.7,25.0,4.6,' in coverage
    types = client.get("/download/visits.types.xlsx?lang=ru&sector=MP")
    assert types.status_code == 200 and types.data[:2] == b"PK"
    # a download is exactly what was asked for: a value the page does not know, or a parameter the
    # dataset does not take, is refused (the page shows its default view with a notice instead)
    assert client.get("/download/visits.pace.csv?lang=en&year=1999&body=x").status_code == 400
    assert client.get("/download/visits.pace.csv?lang=en&year=2025&colour=red").status_code == 400
    assert client.get("/download/visits.coverage.csv?lang=en&year=2025").status_code == 400
    assert client.get("/download/visits.overdue.csv?lang=en").status_code == 200


# ---------------------------------------------------------------- people the Ombudsman received in person


def test_people_received_are_shown_visit_by_visit_with_the_7_met_abroad_apart(page):
    layout = page.layout(lang="en", year="2025")
    card = find(layout, "visits-persons")
    assert card is not None
    text = page_text(card)
    assert "held personal receptions for 266 persons at 12 of 13 visits in Kazakhstan" in text
    assert "abroad he met 7 citizens of Kazakhstan, who are not added to them" in text
    from pages.visits.datasets import persons_data

    data = persons_data("en", year="2025")
    rows = data.frame.set_index("code")
    assert rows.at["ov2025_12", "kind"] == "citizens of Kazakhstan met"
    assert rows.at["ov2025_12", "source"].href == "/report?line=1398&lang=en#L1398"  # linked to its sentence
    assert rows.at["ov2025_02", "persons_received"] == 30
    assert rows.at["ov2025_02", "source"].href == "/report?line=1298&lang=en#L1298"
    assert pd_isna(rows.at["ov2025_01", "persons_received"])  # the report gives no number: never 0
    assert any("266 in all" in note for note in data.notes)


def pd_isna(value: object) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ru", "провёл личный приём 266 лиц при 12 из 13 посещений"), ("kk", "жеке қабылдауында болғандар: 266 адам")],
)
def test_people_received_read_in_each_language(page, lang, words):
    text = page_text(find(page.layout(lang=lang, year="2025"), "visits-persons"))
    assert words in text


def test_a_year_without_the_count_says_so_instead_of_a_chart(page):
    assert find(page.layout(lang="en", year="2024"), "visits-persons") is None
    assert "no number of people the Ombudsman received in person for 2024" in page_text(
        page.layout(lang="en", year="2024")
    )
