"""The bundled release in the database: figures read in the report, cross-checks, notes, disclosure.

Runs on SQLite and on PostgreSQL (the `bundled` fixture is parametrised over both).
"""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.queries.meta import data_notes, indicators, regions, release_info
from data_access.queries.observations import latest_with_previous, national, observations
from data_access.queries.overview import headline_figures


def value(indicator: str, period: str, region=None, agency=None, facility_type=None, category=None) -> float:
    frame = observations("en", indicator=indicator, period=period)
    for column, wanted in (
        ("region", region),
        ("agency", agency),
        ("facility_type", facility_type),
        ("category", category),
    ):
        frame = frame[frame[column].isna()] if wanted is None else frame[frame[column] == wanted]
    assert len(frame) == 1, (indicator, period, region, agency, category, len(frame))
    return float(frame["value"].iloc[0])


# (indicator, period, breakdown, value as printed in the report, report line)
REPORT_FIGURES = [
    ("compensation_victims", "2025", {}, 15, 922),
    ("compensation_paid_tenge", "2025", {}, 1_541_850, 922),
    ("compensation_paid_tenge", "2024", {}, 2_856_510, 922),
    ("compensation_victims", "2023", {}, 22, 922),
    ("registered_torture_offences", "2024", {}, 289, 934),
    ("registered_torture_offences", "2025", {}, 113, 934),
    ("investigations_discontinued_exonerating", "2020", {}, 703, 946),
    ("investigations_discontinued_exonerating", "2022", {}, 819, 946),
    ("investigations_discontinued_exonerating", "2025", {}, 82, 946),
    ("persons_convicted", "2023-2024", {}, 84, 956),
    ("persons_convicted", "2025", {}, 19, 960),
    ("cases_sent_to_court", "2021-2022", {}, 17, 966),
    ("cases_sent_to_court", "2023-2024", {}, 41, 966),
    ("complaints_received", "2024", {}, 111, 1171),
    ("complaints_received", "2025", {}, 240, 1171),
    ("complaints_received", "2025", {"category": "kind_repeat"}, 55, 1171),
    ("complaints_received", "2025", {"category": "origin_pretrial"}, 117, 1243),
    ("complaints_received", "2025", {"category": "origin_penitentiary"}, 123, 1249),
    ("prisoners", "2025", {"region": "KZ-61"}, 831, 1191),
    ("torture_complaints", "2025", {"region": "KZ-61"}, 18, 1191),
    ("prisoners", "2025", {"region": "KZ-35"}, 4568, 1204),
    ("torture_complaints", "2025", {"region": "KZ-75"}, 29, 1194),
    ("mandated_facilities_covered", "2024", {}, 801, 1271),
    ("mandated_facilities_covered", "2025", {}, 817, 1271),
    ("visits", "2025", {"category": "body_all"}, 1242, 1271),
    ("visits", "2025", {"category": "body_ombudsman"}, 13, 1279),
    ("recs_issued", "2025", {"agency": "KUIS", "category": "body_ombudsman"}, 52, 1414),
    ("recs_fulfilled", "2025", {"agency": "KUIS", "category": "body_ombudsman"}, 41, 1414),
    ("recs_issued", "2025", {"category": "body_regional_reps"}, 2386, 1482),
    ("recs_fulfilled", "2025", {"category": "body_regional_reps"}, 1988, 1482),
    ("mandated_facilities", "2025", {"agency": "MVD"}, 3299, 1788),
    ("visits", "2025", {"category": "body_npm"}, 425, 1792),
    ("visits", "2025", {"agency": "MVD", "category": "body_npm"}, 152, 1792),
    ("recs_issued", "2025", {"category": "body_npm"}, 3188, 1809),
    ("recs_fulfilled", "2025", {"category": "body_npm"}, 1046, 1809),
]


@pytest.mark.parametrize(("indicator", "period", "breakdown", "expected", "line"), REPORT_FIGURES)
def test_bundled_release_holds_the_reports_figure(bundled, indicator, period, breakdown, expected, line):
    assert value(indicator, period, **breakdown) == expected
    row = observations("en", indicator=indicator, period=period)
    assert line in set(row["source_line"].dropna().astype(int))


def test_every_observation_carries_its_source(bundled):
    frame = observations("en")
    assert len(frame) > 300
    assert frame["source_ref"].notna().all()
    assert frame["source_line"].notna().mean() > 0.95


def test_all_twenty_regions_have_names_in_three_languages(bundled):
    for lang in ("kk", "ru", "en"):
        names = regions(lang)
        assert len(names) == 20
        assert names["name"].str.len().gt(2).all()
    assert regions("en").set_index("code").loc["KZ-61", "name"] == "Turkistan Region"
    assert regions("ru").set_index("code").loc["KZ-71", "name"] == "город Астана"


def test_table2_prisoners_and_complaints_cover_all_twenty_regions(bundled):
    prisoners = observations("en", indicator="prisoners", period="2025")
    complaints = observations("en", indicator="torture_complaints", period="2025")
    assert prisoners["region"].nunique() == 20
    assert complaints["region"].nunique() == 20
    # The regional complaints add up to 236, four fewer than the 240 of line 1171: a data note says so.
    assert complaints["value"].sum() == 236


def test_discontinued_investigations_total_is_the_sum_of_the_years_not_the_printed_789(bundled):
    years = national(observations("en", indicator="investigations_discontinued_exonerating"))
    assert years["value"].sum() == 2789
    printed = observations("en", indicator="investigations_discontinued_exonerating_total_printed")
    assert printed["value"].iloc[0] == 789
    assert printed["note"].notna().all()


def test_spans_are_kept_as_spans_never_split_into_years(bundled):
    convicted = national(observations("en", indicator="persons_convicted"))
    span = convicted[convicted["period"] == "2023-2024"].iloc[0]
    assert (span["period_start"], span["period_end"]) == (2023, 2024)
    assert not {"2023", "2024"} & set(convicted["period"])


def test_npm_visits_by_type_do_not_add_up_to_the_stated_total_and_a_note_says_so(bundled):
    npm = observations("en", indicator="visits", period="2025", category="body_npm")
    by_type = npm[npm["facility_type"].notna()]
    total = npm[npm["agency"].isna() & npm["facility_type"].isna() & npm["region"].isna()]
    assert total["value"].iloc[0] == 425
    assert by_type["value"].sum() != 425
    assert by_type["note"].notna().all()


def test_npm_visits_by_ministry_add_up_to_the_stated_total(bundled):
    npm = observations("en", indicator="visits", period="2025", category="body_npm")
    by_agency = npm[npm["agency"].notna() & npm["facility_type"].isna()]
    assert by_agency["value"].sum() == 425


def test_two_mandated_facility_totals_are_both_kept_with_a_note(bundled):
    mandated = observations("en", indicator="mandated_facilities", period="2025")
    totals = mandated[mandated["agency"].isna()]
    assert sorted(totals["value"]) == [964, 3761]
    assert totals["note"].nunique() == 1 and totals["note"].notna().all()


def test_table3_lost_cells_are_not_published_never_zero(bundled):
    table3 = observations("en", indicator=("recs_issued", "recs_fulfilled"), period="2025", category="body_npm")
    lost = table3[table3["source_ref"] == "Table 3"]
    assert len(lost) > 100
    assert (lost["status"] == "not_published").all()
    assert lost["value"].isna().all()


def test_every_guide_inconsistency_has_a_data_note_in_three_languages(bundled):
    notes = {lang: data_notes(lang).set_index("code")["text"] for lang in ("kk", "ru", "en")}
    assert len(notes["en"]) >= 15
    for lang in ("kk", "ru"):
        assert (notes[lang] != notes["en"]).all()
    used = set(observations("en")["note"].dropna())
    for code in ("table3_cells_lost", "mandated_facilities_two_totals", "fig14_types_sum_short"):
        assert code in used


def test_every_indicator_has_a_definition_in_three_languages(bundled):
    for lang in ("kk", "ru", "en"):
        frame = indicators(lang)
        assert frame["definition"].str.len().gt(20).all(), frame[frame["definition"].str.len() <= 20]


def test_headline_change_is_computed_against_the_same_length_period(bundled):
    figures = headline_figures("en").set_index("key")
    assert figures.loc["complaints", "previous_value"] == 111
    assert figures.loc["complaints", "change"] == 129
    assert figures.loc["registered", "change_share"] == pytest.approx((113 - 289) / 289)
    # 2025 convictions are not compared with the 2023-2024 two-year total
    assert pd.isna(figures.loc["convicted", "previous_value"])
    assert figures.loc["recs_fulfilled", "fulfilled_share"] == pytest.approx(1046 / 3188)


def test_latest_with_previous_ignores_unpublished_periods():
    frame = pd.DataFrame(
        {
            "period": ["2023", "2024", "2025"],
            "period_start": [2023, 2024, 2025],
            "period_end": [2023, 2024, 2025],
            "value": [10.0, 20.0, None],
            "status": ["published", "published", "not_published"],
        }
    )
    result = latest_with_previous(frame)
    assert (result["period"], result["previous_period"], result["change"]) == ("2024", "2023", 10.0)


def test_release_metadata_is_in_three_languages(bundled):
    info = {lang: release_info(lang) for lang in ("kk", "ru", "en")}
    assert info["en"]["version"] == "2026.2"
    assert len(info["en"]["checksum"]) == 64
    assert info["kk"]["title"] != info["en"]["title"] != info["ru"]["title"]


# ---------------------------------------------------------------- release 2026.2: corrections and new figures (issue 16)

NEW_FIGURES_2026_2 = [
    # (indicator, period, breakdown, value as printed in the report, report line)
    ("payphones_not_working", "2025", {"region": "KZ-35", "agency": "KUIS", "facility_type": "correctional",
                                       "category": "kz35_institution_29"}, 1, 1578),
    ("payphones_not_working", "2025", {"region": "KZ-35", "agency": "KUIS", "facility_type": "correctional",
                                       "category": "kz35_institution_30"}, 5, 1578),
    ("payphones_not_working", "2025", {"region": "KZ-35", "agency": "KUIS", "facility_type": "correctional",
                                       "category": "kz35_institution_32"}, 2, 1578),
    ("terminals_not_working", "2025", {"region": "KZ-35", "agency": "KUIS", "facility_type": "correctional",
                                       "category": "kz35_institution_35"}, 12, 1580),
    ("terminals_not_working", "2025", {"region": "KZ-35", "agency": "KUIS", "facility_type": "correctional",
                                       "category": "kz35_institution_29"}, 1, 1580),
    ("compensation_proposal_mci", "2024", {"category": "proposal_amount_from"}, 100, 1141),
    ("compensation_proposal_mci", "2024", {"category": "proposal_amount_to"}, 300, 1141),
]  # fmt: skip


@pytest.mark.parametrize(("indicator", "period", "breakdown", "expected", "line"), NEW_FIGURES_2026_2)
def test_release_2026_2_holds_the_new_figure_with_its_line(bundled, indicator, period, breakdown, expected, line):
    assert value(indicator, period, **breakdown) == expected
    frame = observations("en", indicator=indicator, period=period)
    assert line in set(frame["source_line"])


def test_karagandas_institutions_add_up_to_the_regions_printed_counts(bundled):
    frame = observations("en", indicator=("payphones_not_working", "terminals_not_working"), region="KZ-35")
    by_institution = frame[frame["category"].fillna("").str.startswith("kz35_institution_")]
    sums = by_institution.groupby("indicator")["value"].sum().to_dict()
    assert sums == {"payphones_not_working": 8, "terminals_not_working": 13}  # lines 1570 and 1568
    assert value("payphones_not_working", "2025", region="KZ-35", agency="KUIS") == 8


def test_the_covered_facilities_say_whose_coverage_the_report_leaves_open(bundled):
    notes = data_notes("en").set_index("code")
    text = notes.at["mandated_facilities_covered_whose", "text"]
    assert "does not say whose visits" in text and "line 1271" in text
    # the arithmetic the note states, from the release's own figures
    assert (
        value("visits", "2025", category="body_regional_reps") + value("visits", "2025", category="body_ombudsman")
        == 817
    )
    assert value("mandated_facilities_covered", "2025") + value("visits", "2025", category="body_npm") == 1242
    frame = observations("en", indicator=("mandated_facilities_covered", "visits"))
    noted = frame[frame["note"] == "mandated_facilities_covered_whose"]
    assert sorted(noted["value"]) == [801, 817]
    total = frame[frame["note"] == "all_bodies_visits_sum"]
    assert list(total["value"]) == [1242]
    assert (
        "817" in notes.at["all_bodies_visits_sum", "text"] and "line 1792" in notes.at["all_bodies_visits_sum", "text"]
    )
    for lang in ("kk", "ru"):
        assert "1271" in data_notes(lang).set_index("code").at["mandated_facilities_covered_whose", "text"]


def test_the_registered_offences_definition_no_longer_claims_a_relation_the_report_never_states(bundled):
    for lang, claim in (("en", "wider than"), ("ru", "шире"), ("kk", "кеңірек")):
        definition = indicators(lang).set_index("code").at["registered_torture_offences", "definition"]
        assert claim not in definition
        assert "146" in definition and "928" in definition
    assert "does not explain" in indicators("en").set_index("code").at["registered_torture_offences", "definition"]


def test_the_note_on_lost_charts_lists_every_figure_the_text_lost(bundled):
    text = data_notes("en").set_index("code").at["figures_charts_lost", "text"]
    for part in ("Figure 1 (line 673)", "Figure 8 (line 1167)", "Figure 13 (line 1449)", "Figure 14 (line 1797)",
                 "2025 key data", "lines 1157 and 1766"):  # fmt: skip
        assert part in text


def test_the_conventions_two_adoption_dates_have_a_note_on_the_timelines_line(bundled):
    from data_access.queries.upr import milestone_notes, milestones

    assert milestones("en").set_index("code").at["cat_adopted", "source_line"] == 393
    notes = data_notes("en").set_index("code")
    assert notes.at["cat_adoption_date_two_dates", "source_line"] == 393
    assert "12.12.1984" in notes.at["cat_adoption_date_two_dates", "text"]
    assert notes.at["cat_adoption_date_two_dates", "text"] in milestone_notes("en")


def test_people_received_in_person_add_up_to_266_with_the_7_met_abroad_apart(bundled):
    from data_access.queries.recommendations import ombudsman_visits

    visits = ombudsman_visits("en")
    home, abroad = visits[visits["region"].notna()], visits[visits["region"].isna()]
    assert home["persons_received"].sum() == 266
    assert home["persons_received"].isna().sum() == 1  # the "Sharapat" centre: no number given
    assert abroad["persons_received"].tolist() == [7] and abroad["persons_received_line"].tolist() == [1398]
    lines = visits.set_index("code")["persons_received_line"]
    assert (lines["ov2025_02"], lines["ov2025_14"]) == (1298, 1412)


def test_the_release_records_what_it_changed_against_2026_1(bundled):
    from data_access.queries.catalog import release_change_list

    changes = release_change_list("en").set_index("code")
    assert set(changes["kind"]) == {"corrected", "added", "clarified"}
    corrected = changes[changes["kind"] == "corrected"]
    assert set(corrected["target_key"]) == {"registered_torture_offences", "figures_charts_lost"}
    assert "wider than" in corrected.set_index("target_key").at["registered_torture_offences", "old_value"]
    assert set(changes["source_line"]) >= {1271, 928, 393, 1167, 1398, 1141, 1578}
    for lang in ("kk", "ru"):
        assert (release_change_list(lang)["text"] != changes["text"].to_numpy()).all()
