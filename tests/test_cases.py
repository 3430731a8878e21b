"""Case outcomes: the figures of the report, computed totals, spans kept whole, compensation per victim, bad input."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data_access.queries import cases
from tests.layout import find, load_page, source_links, texts


@pytest.fixture(scope="module")
def page(bundled):
    """The pages.cases.page module, with the app built on the test database."""
    return load_page("cases")


def by_stage(frame: pd.DataFrame) -> dict[str, dict]:
    return {row["stage"]: row for row in frame.to_dict("records")}


# ---------------------------------------------------------------- queries


def test_periods_are_every_year_of_the_case_figures_then_the_two_year_spans(bundled):
    assert cases.case_periods() == ["2020", "2021", "2022", "2023", "2024", "2025", "2021-2022", "2023-2024"]


def test_stages_of_2025_read_the_report(bundled):
    stages = by_stage(cases.stage_values("en", "2025"))
    expected = {
        "complaints": 240,
        "info_book": 223,
        "registered": 113,
        "registered_art146": 31,
        "court": 9,
        "convicted": 19,
    }
    assert {key: row["value"] for key, row in stages.items()} == expected
    assert {row["status"] for row in stages.values()} == {"published"}
    assert stages["complaints"]["source_lines"] == [1171]  # line of the report
    assert stages["court"]["source_ref"] == "Figure 7"
    assert stages["complaints"]["unit"] == "complaints" and stages["convicted"]["unit"] == "persons"


def test_a_year_inside_a_published_span_gets_no_value_only_the_span(bundled):
    stages = by_stage(cases.stage_values("en", "2024"))
    assert stages["complaints"]["value"] == 111 and stages["registered"]["value"] == 289
    for key, span_value in (("court", 41), ("convicted", 84)):
        row = stages[key]
        assert pd.isna(row["value"]) and row["status"] == "not_published"
        assert (row["instead_kind"], row["instead_period"], row["instead_value"]) == ("span", "2023-2024", span_value)


def test_a_span_is_summed_only_when_every_one_of_its_years_is_published(bundled):
    span_2021 = by_stage(cases.stage_values("en", "2021-2022"))
    assert span_2021["convicted"]["value"] == 7 + 12 and span_2021["convicted"]["status"] == "derived"
    assert span_2021["court"]["value"] == 17 and span_2021["court"]["status"] == "published"
    span_2023 = by_stage(cases.stage_values("en", "2023-2024"))
    # 2023 is not published, so 2024's 111 complaints are never passed off as the span's total.
    complaints = span_2023["complaints"]
    assert pd.isna(complaints["value"]) and complaints["status"] == "not_published"
    assert (complaints["instead_kind"], complaints["instead_period"], complaints["instead_value"]) == (
        "part",
        "2024",
        111,
    )


def test_a_stage_with_nothing_published_is_missing_not_zero(bundled):
    stages = by_stage(cases.stage_values("en", "2020"))
    assert stages["convicted"]["value"] == 23
    for key in ("complaints", "info_book", "registered", "court"):
        assert pd.isna(stages[key]["value"]) and stages[key]["status"] == "not_published"
        assert stages[key]["instead_period"] is None


@pytest.mark.parametrize("period", ["1999", "2025-2024", "abcd", "", "2025-2026-2027"])
def test_a_period_outside_the_data_has_no_stage_values_or_is_rejected(bundled, period):
    if cases.parse_period(period) is None:
        with pytest.raises(ValueError):
            cases.stage_values("en", period)
    else:
        assert cases.stage_values("en", period)["value"].isna().all()


def test_spans_are_never_split_into_years(bundled):
    trends = cases.trend_series("en")
    convicted = trends[trends["series"] == "convicted"].set_index("period")["value"]
    court = trends[trends["series"] == "court"].set_index("period")["value"]
    assert convicted["2023-2024"] == 84 and "2023" not in convicted and "2024" not in convicted
    assert court["2021-2022"] == 17 and court["2023-2024"] == 41
    assert not {"2021", "2022", "2023", "2024"} & set(court.index)
    spans = trends[trends["is_span"]]
    assert set(spans["period"]) == {"2021-2022", "2023-2024"}
    assert (spans["period_end"] - spans["period_start"] == 1).all()
    # no series holds two rows covering the same year
    for _, series in trends.groupby("series"):
        years = [y for s, e in zip(series["period_start"], series["period_end"], strict=True) for y in range(s, e + 1)]
        assert len(years) == len(set(years))


def test_discontinued_total_is_the_sum_of_the_years_not_the_printed_total(bundled):
    trends = cases.trend_series("en")
    years = trends[trends["series"] == "discontinued"]
    totals = cases.period_totals("en").set_index(["series", "period"])
    discontinued = totals.loc[("discontinued", "2020-2025")]
    assert discontinued["computed"] == years["value"].sum() == 2789
    assert discontinued["printed"] == 789  # the report's total, its leading digit lost
    assert discontinued["agrees"] is not None and not discontinued["agrees"]
    assert any("leading digit" in note for note in discontinued["note_texts"])


def test_printed_totals_that_agree_with_the_years_are_marked_so(bundled):
    totals = cases.period_totals("en").set_index(["series", "period"])
    assert (
        totals.loc[("suspended", "2020-2025"), "computed"] == 106 == totals.loc[("suspended", "2020-2025"), "printed"]
    )
    assert bool(totals.loc[("suspended", "2020-2025"), "agrees"])
    assert (
        totals.loc[("convicted", "2020-2022"), "computed"]
        == 23 + 7 + 12
        == totals.loc[("convicted", "2020-2022"), "printed"]
    )
    # a total over a range that includes a span counts the span whole
    assert totals.loc[("convicted", "2020-2025"), "computed"] == 23 + 7 + 12 + 84 + 19
    assert totals.loc[("court", "2021-2025"), "computed"] == 17 + 41 + 9
    assert pd.isna(totals.loc[("court", "2021-2025"), "printed"])


def test_compensation_per_victim_is_computed_from_amount_and_victims(bundled):
    frame = cases.compensation_by_year("en").set_index("period")
    assert list(frame.index) == ["2023", "2024", "2025"]
    assert frame.loc["2025", ["victims", "paid_tenge"]].tolist() == [15, 1541850]
    for period, row in frame.iterrows():
        assert math.isclose(row["per_victim"], row["paid_tenge"] / row["victims"], abs_tol=0.005), period
    assert frame.loc["2025", "per_victim"] == 102790
    assert frame.loc["2023", "per_victim"] == 102957.27
    assert frame.loc["2024", "source_lines"] == [922]


def test_compensation_rule_is_the_reports_30_mci_with_its_note(bundled):
    rule = cases.compensation_rule("ru")
    assert (rule["value"], rule["unit"], rule["source_line"]) == (30, "mci", 920)
    assert "МРП" in rule["note_text"]


def test_complaint_breakdowns_are_shares_of_all_complaints_and_kept_apart(bundled):
    frame = cases.complaint_breakdown("en")
    assert set(frame["period"]) == {"2025"}
    rows = frame.set_index(frame["category"].fillna("total"))
    assert rows.loc["total", "value"] == 240 and rows.loc["total", "group"] == "total"
    assert rows.loc["origin_penitentiary", "value"] == 123 and rows.loc["origin_pretrial", "value"] == 117
    assert rows.loc["origin_penitentiary", "share"] == pytest.approx(123 / 240)
    assert rows.loc["body_regional_reps", "share"] == pytest.approx(0.525)  # the report prints 52.5 %
    assert rows.loc["body_regional_reps", "indicator"] == "complaints_considered"
    assert set(frame["group"]) == {"total", "origin", "complaint_kind", "body"}
    # each breakdown of the same complaints adds up to the total; adding across breakdowns would not
    for group in ("origin", "complaint_kind"):
        assert frame.loc[frame["group"] == group, "value"].sum() == 240


# ---------------------------------------------------------------- the page


def test_page_shows_the_stages_of_the_url_period_with_units_and_sources(page):
    layout = page.layout(lang="en", period="2024")
    text = " ".join(texts(layout))
    assert "Complaints, registrations, court cases and convictions, 2024" in text
    assert "not published for 2024 alone; 2023–2024: 41 (two-year total)" in text
    assert ("Special report 2026, Section 4, Figure 7", "/report?line=966&lang=en#L966") in source_links(layout)
    assert find(layout, "cases-period").value == "2024"
    assert not texts(find(layout, "cases-notice"))


@pytest.mark.parametrize("period", ["1999", "2026", "x' OR 1=1", "2023-2025"])
def test_unknown_period_in_the_url_shows_the_default_view_and_a_notice(page, period):
    layout = page.layout(lang="en", period=period)
    assert find(layout, "cases-period").value == "2025"
    assert "Complaints, registrations, court cases and convictions, 2025" in " ".join(texts(layout))
    assert texts(find(layout, "cases-notice")) == [
        "There is no figure for the period in the address; showing 2025 instead."
    ]


@pytest.mark.parametrize("requested", [None, 7, ["2024"], {"a": 1}, "2019", ""])
def test_malformed_callback_input_gives_the_default_and_a_notice(page, requested):
    card, notices, filters = page.change_period(requested, "ru")
    assert filters == {"period": "2025"}
    assert "2025" in " ".join(texts(card))
    if requested in (None, ""):
        assert notices == []
    else:
        assert texts(notices) == ["Для выбранного периода данных нет; вместо него показан 2025."]


def test_callback_rebuilds_the_stages_card_for_a_span(page):
    card, notices, filters = page.change_period("2023-2024", "not-a-language")
    assert filters == {"period": "2023-2024"} and notices == []
    text = " ".join(texts(card))
    assert "2023–2024" in text and "84" in text


def test_totals_card_prints_the_computed_total_and_names_the_lost_digit(page):
    text = " ".join(texts(page.totals_card("en")))
    assert "The report prints 789" in text and "add up to 2,789" in text


def test_downloads_hold_exactly_the_numbers_shown(page):
    from app import server

    client = server.test_client()
    totals = client.get("/download/cases.totals.csv?lang=en").get_data(as_text=True)
    assert "2020–2025,2789,789" in totals
    stages = client.get("/download/cases.stages.csv?lang=en&period=2021-2022").get_data(as_text=True)
    assert "Persons convicted of torture,persons,2021–2022,19,sum of the published years" in stages
    compensation = client.get("/download/cases.compensation.xlsx?lang=kk")
    assert compensation.status_code == 200 and compensation.data[:2] == b"PK"
    assert client.get("/download/cases.stages.csv?lang=en&period=1999").status_code == 400


# ---------------------------------------------------------------- the parameter spec


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_period_spec_refuses_an_unknown_period_with_the_latest_year_and_a_translated_notice(page, lang):
    from components.i18n import translator
    from components.page import read_params
    from pages.cases.params import PARAMS

    params = read_params(PARAMS, {"period": "1999"}, lang)
    assert params.values == {"period": "2025"} and params.refused == ("period",) and not params.ok
    expected = translator(lang)("There is no figure for the period in the address; showing {period} instead.")
    assert params.problems == [expected.format(period="2025")] and "1999" not in params.problems[0]
    assert read_params(PARAMS, {"period": "2023-2024"}, lang).query == {"period": "2023-2024"}
    assert read_params(PARAMS, {}, lang).query == {"period": None}


def test_the_page_declares_its_spec_to_dash(page):
    import dash

    from pages.cases.params import PARAMS

    assert dash.page_registry["pages.cases.page"]["params"] is PARAMS


def test_a_bad_period_in_the_address_gives_a_russian_notice_in_russian(page):
    layout = page.layout(lang="ru", period="1999")
    assert texts(find(layout, "cases-notice")) == [
        "Для периода, указанного в адресе, данных нет; вместо него показан 2025."
    ]
    assert find(layout, "cases-period").value == "2025"


def test_the_compensation_proposal_and_its_status_are_shown_with_their_lines(page):
    from pages.cases.cards import compensation_card

    card = compensation_card("en")
    proposal = find(card, "cases-compensation-proposal")
    text = " ".join(texts(proposal))
    assert "from 100 MCI to 300 MCI" in text
    assert "Not implemented" in text and "has not been implemented to date" in text
    hrefs = [href for _, href in source_links(proposal)]
    assert "/report?line=1143&lang=en#L1143" in hrefs and any("line=1141" in h for h in hrefs)


def test_the_proposal_reads_the_report(bundled):
    proposal = cases.compensation_proposal("ru")
    assert (proposal["period"], proposal["from"], proposal["to"], proposal["unit"]) == ("2024", 100, 300, "mci")
    assert "не реализовано" in " ".join(proposal["rows"]["note_text"])
