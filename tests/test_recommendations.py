"""Recommendations page on the bundled release: computed shares, 'not published' kept apart from zero,
the Ombudsman's visits adding up, the tracker, permalinks and bad input (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd
import pytest
from sqlalchemy import select

from data_access import schema
from data_access.queries import recommendations as recs
from tests.layout import find, load_page, source_links, texts

NOT_PUBLISHED = {"en": "not published", "ru": "не опубликовано", "kk": "жарияланбаған"}


def table_cells(table: object) -> list[list[str]]:
    """The body rows of an html.Table as lists of cell texts."""
    body = next(part for part in table.children if type(part).__name__ == "Tbody")
    return [[" ".join(texts(cell)) for cell in row.children] for row in body.children]


@pytest.fixture(scope="module")
def page(bundled):
    return load_page("recommendations")


@pytest.fixture(scope="module")
def datasets(page):
    return load_page("recommendations", "datasets")


@pytest.fixture(scope="module")
def cards(page):
    return load_page("recommendations", "cards")


@pytest.fixture(scope="module")
def tracker(page):
    return load_page("recommendations", "tracker")


def row_of(frame: pd.DataFrame, body: str, agency: str | None) -> dict:
    mask = frame["category"].eq(body) & (frame["agency"].isna() if agency is None else frame["agency"].eq(agency))
    rows = frame[mask].to_dict("records")
    assert len(rows) == 1, (body, agency)
    return rows[0]


# ---------------------------------------------------------------- shares are computed, never stored


def test_no_fulfilment_share_is_stored_only_counts_and_the_printed_percentages(bundled):
    with bundled.connect() as connection:
        share_codes = connection.execute(
            select(schema.indicator.c.code).where(
                schema.indicator.c.topic.in_(("recommendations", "npm")),
                schema.indicator.c.unit.in_(("percent", "share")),
            )
        ).scalars()
        assert all(code.endswith("_printed") for code in share_codes)


@pytest.mark.parametrize(
    ("body", "agency", "issued", "fulfilled", "in_progress"),
    [
        ("body_npm", None, 3188, 1046, None),  # line 1809
        ("body_ombudsman", "KUIS", 52, 41, 11),  # line 1414
        ("body_regional_reps", None, 2386, 1988, 398),  # line 1482
    ],
)
def test_fulfilment_shares_are_computed_from_the_reports_counts(bundled, body, agency, issued, fulfilled, in_progress):
    row = row_of(recs.fulfilment_by_agency("en"), body, agency)
    assert (row["issued"], row["fulfilled"]) == (issued, fulfilled)
    assert math.isclose(row["fulfilled_share"], fulfilled / issued)
    if in_progress is None:
        assert pd.isna(row["in_progress"]) and pd.isna(row["in_progress_share"])
        assert math.isclose(row["unknown_share"], 1 - fulfilled / issued)  # the part whose status is not published
    else:
        assert math.isclose(row["in_progress_share"], in_progress / issued)
        assert math.isclose(row["other_share"], (issued - fulfilled - in_progress) / issued)


def test_the_computed_npm_share_is_next_to_the_printed_rounding(bundled):
    table3 = recs.region_agency_fulfilment("en")
    national = table3[table3["region"].isna() & table3["agency"].isna()].iloc[0]
    assert round(national["fulfilled_share"], 4) == 0.3281
    assert national["printed_share"] == pytest.approx(0.33)


# ---------------------------------------------------------------- 'not published' is never 0


def test_counts_the_report_does_not_give_are_missing_not_zero(bundled):
    frame = recs.fulfilment_by_agency("en")
    mvd = row_of(frame, "body_regional_reps", "MVD")
    assert mvd["issued"] == 708 and pd.isna(mvd["fulfilled"]) and pd.isna(mvd["fulfilled_share"])
    for agency in ("KNB", "MTSZN", "KUIS", "MP", "MVD", "MZ", "MO"):  # Table 3's 'by ministries' row
        row = row_of(frame, "body_npm", agency)
        assert pd.isna(row["issued"]) and pd.isna(row["fulfilled"]) and pd.isna(row["unknown_share"])
    assert not (frame[["issued", "fulfilled", "in_progress"]] == 0).any().any()


def test_table3_has_the_reports_regions_and_agencies_in_order_and_no_invented_cells(bundled):
    table3 = recs.region_agency_fulfilment("en")
    assert len(table3) == 21 * 8  # 20 regions and the total row, 7 agencies and the total column
    regions = list(dict.fromkeys(table3["region"].dropna()))
    assert regions[:3] == ["KZ-75", "KZ-15", "KZ-55"] and len(regions) == 20
    assert list(dict.fromkeys(table3["agency"].dropna())) == ["KNB", "MTSZN", "KUIS", "MP", "MVD", "MZ", "MO"]
    cells = table3[table3["region"].notna() | table3["agency"].notna()]
    assert cells["issued"].isna().all() and cells["fulfilled"].isna().all() and cells["fulfilled_share"].isna().all()
    quoted = table3.dropna(subset=["printed_share"]).set_index("region")["printed_share"]
    assert quoted.drop(index=[r for r in quoted.index if pd.isna(r)]).round(2).to_dict() == {
        "KZ-75": 0.67,
        "KZ-15": 0.60,
        "KZ-55": 0.54,
    }


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_tables_write_not_published_where_a_count_is_missing_never_zero(datasets, lang):
    from components.chart_card import data_table

    for data in (datasets.fulfilment_data(lang), datasets.table3_data(lang), datasets.visits_data(lang)):
        table = data_table(data, lang)
        missing_cells = 0
        for record, row in zip(data.frame.to_dict("records"), table_cells(table), strict=True):
            for column, text in zip(data.columns, row, strict=True):
                if column.unit != "text" and pd.isna(record[column.key]):
                    assert text == NOT_PUBLISHED[lang]
                    missing_cells += 1
                assert text != "0"
        assert missing_cells > 0


def test_heat_map_draws_missing_cells_grey_and_never_in_the_colour_scale(cards):
    figure = cards.table3_figure(recs.region_agency_fulfilment("en"), "en")
    grey, colour = figure.data
    z = [value for row in colour.z for value in row]
    assert sum(value is not None for value in z) == 4  # three printed regional shares and the national share
    assert all(value is None or value > 0.3 for value in z)
    assert sum(value == 1 for row in grey.z for value in row) == 21 * 8 - 4
    assert all(
        t == "–"
        for row_t, row_z in zip(grey.text, grey.z, strict=True)
        for t, v in zip(row_t, row_z, strict=True)
        if v == 1
    )


def test_fulfilment_chart_writes_not_published_instead_of_a_bar(cards):
    frame = recs.fulfilment_by_agency("en")
    figure = cards.fulfilment_figure(frame, "en")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    words = next(trace for trace in figure.data if trace.type == "scatter")
    records = frame.to_dict("records")
    missing = [cards.row_label(row, "en") for row in records if pd.isna(row["issued"])]
    # Rows whose number issued is known but no part of whose status is: words too, not a full hatched bar.
    unknown = [
        cards.row_label(row, "en") for row in records if not pd.isna(row["issued"]) and row["unknown_share"] >= 1
    ]
    assert missing and unknown
    said = dict(zip(words.y, words.text, strict=True))
    assert said == {**dict.fromkeys(missing, "not published"), **dict.fromkeys(unknown, "status not published")}
    for trace in bars:
        for row, value in zip(trace.y, trace.x, strict=True):
            assert row not in said or value is None
    # A row with part of its status known keeps the hatched remainder, named.
    hatched = next(trace for trace in bars if trace.name == "status not published")
    assert "status not published" in hatched.text


# ---------------------------------------------------------------- the Ombudsman's visits


def test_ombudsmans_per_visit_recommendations_add_up_to_the_reports_total(bundled):
    visits = recs.ombudsman_visits("en")
    totals = recs.ombudsman_totals("en")
    assert len(visits) == 14 and totals["visits_abroad"] == 1
    assert visits["recommendations_issued"].sum() == 52 == totals["issued"]
    assert totals["sums_agree"] and totals["visits_with_count"] == 12
    assert (totals["fulfilled"], totals["in_progress"]) == (41, 11)
    assert math.isclose(totals["fulfilled_share"], 41 / 52)
    assert list(visits["visit_month"]) == sorted(visits["visit_month"])


def test_visits_without_a_printed_count_stay_missing(bundled):
    visits = recs.ombudsman_visits("en").set_index("code")
    assert pd.isna(visits.loc["ov2025_01", "recommendations_issued"])  # "Sharapat" centre, line 1283
    assert pd.isna(visits.loc["ov2025_12", "recommendations_issued"])  # Moscow, line 1396


def test_visits_card_says_the_counts_add_up_and_cites_the_lines(page):
    card = page.visits_card("en", None, None)
    text = " ".join(texts(card))
    assert "Recommendations issued after 12 of them: 52." in text
    assert "This matches the report's total (52); fulfilled: 41 (78.8%), in progress: 11 (21.2%)." in text
    # The visits' source, then the lines named by the note on the people received at them (release 2026.2).
    assert source_links(card) == [
        ("Special report 2026, Section 5", "/report?line=1283&lang=en#L1283"),
        ("lines 1298-1412", "/report?line=1298&lang=en#L1298"),
        ("line 1398", "/report?line=1398&lang=en#L1398"),
    ]


# ---------------------------------------------------------------- the tracker


def test_tracker_lists_the_reports_recommendations_with_addressees(bundled):
    tracker = recs.recommendation_tracker("en")
    assert list(tracker["code"]) == [f"R-{i:02d}" for i in range(1, 12)]
    assert set(tracker.set_index("code").loc["R-04", "addressees"]) == {"SA", "MYU", "GP", "MVD", "MF"}
    assert list(recs.recommendation_tracker("en", agency="MZ")["code"]) == ["R-09"]
    assert recs.recommendation_tracker("en", status="fulfilled").empty
    assert len(recs.recommendation_tracker("en", agency="MVD", status="proposed")) == 11


def test_a_date_known_only_to_the_year_is_shown_as_the_year_not_a_fake_day(datasets):
    data = datasets.tracker_data("en")
    assert set(data.frame["issued_precision"]) == {"year"}
    assert set(data.frame["issued_text"]) == {"2026"}
    assert set(data.frame["status_date_text"]) == {"2026"}  # the status dates from the issue
    issued = dt.date(2026, 1, 1)
    assert recs.status_date_precision(issued, issued, "year") == "year"
    assert recs.status_date_precision(dt.date(2026, 6, 15), issued, "year") == "day"


def test_each_recommendation_has_a_permalink_that_shows_it_first(page, datasets, tracker):
    entries = tracker.tracker_entries(datasets.tracker_data("en").frame, "en")
    assert entries[2].permalink == "/recommendations?lang=en&rec=R-03"
    layout = page.layout(lang="en", rec="R-03")
    selected = find(layout, "recommendations-selected")
    assert selected is not None
    text = " ".join(texts(selected))
    assert "Recommendation R-03" in text and "Article 146 of the Criminal Code" in text
    assert source_links(selected) == [
        ("Special report 2026, Conclusions and recommendations", "/report?line=2011&lang=en#L2011")
    ]
    assert "release 2026.2" in text  # its status history


def test_choosing_a_state_body_keeps_what_concerns_it(page):
    layout = page.layout(lang="en", agency="MZ")
    glance = " ".join(texts(find(layout, "recommendations-glance")))
    assert (
        "The report closes with 1 recommendation addressed to Ministry of Health: "
        "open (proposed or in progress) 1, not fulfilled 0, fulfilled 0." in glance
    )
    assert "Regional representatives · MoH: 175 recommendations issued, how many fulfilled not published." in glance
    tracker = " ".join(texts(find(layout, "recommendations-tracker-list")))
    assert "Recommendation R-09" in tracker and "Recommendation R-01" not in tracker


# ---------------------------------------------------------------- the ministry view (?agency=...)


def glance_text(layout: object) -> str:
    return " ".join(texts(find(layout, "recommendations-glance"))).replace("\u00a0", " ").replace("\u202f", " ")


def test_ministry_view_of_the_mia_says_what_the_report_asks_and_what_is_known(page):
    layout = page.layout(lang="en", agency="MVD")
    glance = glance_text(layout)
    # 11 closing recommendations name the MIA (lines 2007-2033), all proposed: open.
    assert (
        "The report closes with 11 recommendations addressed to Ministry of Internal Affairs: "
        "open (proposed or in progress) 11, not fulfilled 0, fulfilled 0." in glance
    )
    # 3,299 mandated facilities (line 1788), 152 NPM visits (line 1792): 3299 / 152 = 21.7 years.
    assert (
        "Ministry of Internal Affairs: 3,299 facilities in the NPM's mandate; in 2025 NPM participants made 152 visits "
        "to them. At that pace one visit to each takes at least 21.7 years: longer than the mandate's one visit "
        "every 4 years." in glance
    )
    assert "The report publishes no count of fulfilled recommendations for Ministry of Internal Affairs." in glance
    assert "NPM · MIA: not published" in glance
    # A short introduction, so the summary is on a phone's first screen; the whole page keeps the long one.
    assert page.AGENCY_INTRO in texts(layout)
    assert page.AGENCY_INTRO not in texts(page.layout(lang="en"))
    links = dict(source_links(find(layout, "recommendations-glance")))
    assert links["Special report 2026, Conclusions and recommendations"].startswith("/report?line=2007")
    assert "/report?line=1788&lang=en#L1788" in links.values()
    assert "/report?line=1792&lang=en#L1792" in links.values()


def test_ministry_view_lists_its_open_recommendations_with_links_to_each(page):
    card = find(page.layout(lang="en", agency="MVD"), "recommendations-ministry-open")
    text = " ".join(texts(card))
    assert "Not fulfilled yet: 11 recommendations." in text
    hrefs = [link.href for link in _links(card)]
    assert "/recommendations?lang=en&agency=MVD&rec=R-05" in hrefs
    assert sum(href.startswith("/recommendations?") for href in hrefs) == 11
    assert text.count("open") >= 11
    assert source_links(card)[0][1].startswith("/report?line=2007")


def test_ministry_view_shows_its_mandated_facilities_npm_visits_and_pace_with_links_to_visits(page):
    card = find(page.layout(lang="en", agency="MVD"), "recommendations-ministry-visits")
    cells = table_cells(find(card, "recommendations-ministry-visits-table"))
    assert cells == [["MIA", "3,299", "152", "21.7", "more than 4 years"]]
    hrefs = [link.href for link in _links(card)]
    assert "/visits?lang=en&sector=MVD" in hrefs and "/visits?lang=en" in hrefs
    assert [href for _, href in source_links(card)] == [
        "/report?line=1788&lang=en#L1788",
        "/report?line=1792&lang=en#L1792",
    ]


def test_ministry_view_writes_unpublished_fulfilment_in_words_with_no_chart(page):
    card = find(page.layout(lang="en", agency="MVD"), "recommendations-fulfilment")
    assert find(card, "recommendations-fulfilment-graph") is None  # no bar of any length
    text = " ".join(texts(card))
    assert "Regional representatives · MIA: 708 recommendations issued, how many fulfilled not published." in text
    # A state body with a published share keeps its chart.
    assert find(page.layout(lang="en", agency="KUIS"), "recommendations-fulfilment-graph") is not None


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "ru",
            [
                "в адрес «Министерство внутренних дел»: 11 рекомендаций;",
                "в мандате НПМ — 3 299 учреждений",
                "совершили 152 посещения",
                "21,7 года",
            ],
        ),
        (
            "kk",
            [
                "«Ішкі істер министрлігі» атына жолданған қорытынды ұсынымдары: 11 ұсыным;",
                "3 299 мекеме",
                "152 бару",
                "21,7 жыл",
            ],
        ),
    ],
)
def test_ministry_summary_counts_take_their_plural_forms(page, lang, expected):
    glance = glance_text(page.layout(lang=lang, agency="MVD"))
    for words in expected:
        assert words in glance, words


def test_ministry_view_of_a_state_body_with_little_data_says_what_is_missing(page):
    layout = page.layout(lang="en", agency="MF")
    glance = glance_text(layout)
    assert (
        "The report closes with 1 recommendation addressed to Ministry of Finance: "
        "open (proposed or in progress) 1, not fulfilled 0, fulfilled 0." in glance
    )
    assert "The report counts no facilities of Ministry of Finance among those in the NPM's mandate." in glance
    assert "The report gives no count of recommendations issued to Ministry of Finance after visits." in glance
    assert "/visits?lang=en&sector=MF" not in [link.href for link in _links(layout)]
    assert find(layout, "recommendations-ministry-visits-table") is None
    assert find(layout, "recommendations-fulfilment-graph") is None
    open_card = " ".join(texts(find(layout, "recommendations-ministry-open")))
    assert "Not fulfilled yet: 1 recommendation." in open_card and "R-04" in open_card
    table3 = " ".join(texts(find(layout, "recommendations-table3")))
    assert "Table 3 has no column for Ministry of Finance." in table3
    assert "в адрес «Министерство финансов»: 1 рекомендация;" in glance_text(page.layout(lang="ru", agency="MF"))


def test_heat_map_outlines_the_chosen_state_bodys_column_and_heads_it_in_bold(cards):
    frame = recs.region_agency_fulfilment("en")
    plain = cards.table3_figure(frame, "en")
    mia = cards.table3_figure(frame, "en", "MVD")
    assert not plain.layout.shapes
    (outline,) = mia.layout.shapes
    column = list(mia.data[0].x).index("MIA")
    assert (outline.x0, outline.x1) == (column - 0.5, column + 0.5)
    assert (outline.y0, outline.y1) == (-0.5, 21 - 0.5)  # every row, the total row too
    assert mia.layout.xaxis.ticktext[column] == "<b>MIA</b>"
    assert [t for i, t in enumerate(mia.layout.xaxis.ticktext) if i != column] == [
        label for i, label in enumerate(mia.data[0].x) if i != column
    ]
    assert [list(r) for r in mia.data[0].z] == [list(r) for r in plain.data[0].z]  # the cells are unchanged
    assert not cards.table3_figure(frame, "en", "MF").layout.shapes  # no column in Table 3
    text = " ".join(texts(find(load_page("recommendations").layout(lang="en", agency="MVD"), "recommendations-table3")))
    assert (
        "The column of Ministry of Internal Affairs is outlined: none of its regional cells (20 cells) is published."
        in text
    )


def test_ministry_downloads_hold_what_its_cards_show(page):
    from app import server

    client = server.test_client()
    visits = client.get("/download/recommendations.ministry_visits.csv?lang=en&agency=MVD").get_data(as_text=True)
    assert "MIA,3299,152,21.7,more than 4 years" in visits
    opened = client.get("/download/recommendations.ministry_open.csv?lang=en&agency=MF").get_data(as_text=True)
    assert "R-04" in opened and "R-05" not in opened
    assert client.get("/download/recommendations.ministry_open.csv?lang=en&agency=NOPE").status_code == 400


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"agency": "NOPE"}, "The state body “NOPE” is not known; showing all state bodies."),
        ({"status": "done"}, "The status “done” is not known; showing every status."),
        ({"rec": "R-99"}, "There is no recommendation “R-99”; showing all recommendations."),
        ({"rec": "' OR 1=1 --"}, "There is no recommendation “' OR 1=1 --”; showing all recommendations."),
    ],
)
def test_unknown_url_values_show_the_default_view_and_a_notice(page, query, message):
    layout = page.layout(lang="en", **query)
    text = " ".join(texts(layout))
    assert message in text
    assert find(layout, "recommendations-agency").value == "all"
    assert find(layout, "recommendations-status").value == "all"
    assert find(layout, "recommendations-selected") is None
    assert "Recommendation R-10" in text  # the full tracker


def test_codes_in_the_url_are_matched_whatever_their_case(page):
    layout = page.layout(lang="en", agency="mz", rec="r-09")
    assert find(layout, "recommendations-agency").value == "MZ"
    assert find(layout, "recommendations-selected") is not None


@pytest.mark.parametrize(("agency", "status"), [(["MVD"], None), ({"a": 1}, 5), (7, ["fulfilled"]), ("MVD", "nope")])
def test_malformed_callback_input_gives_the_default_and_a_notice(page, agency, status):
    _overview, summary, _body, notices, state = page.update_filters(agency, status, "ru")
    assert state["status"] is None
    notices = [n for n in notices if type(n).__name__ == "Div" and "notice" in (n.className or "")]
    assert notices and all(n.role == "status" for n in notices)
    assert summary.startswith("Все рекомендации доклада: 11" if state["agency"] is None else "Рекомендации")


def test_callback_with_good_input_filters_and_syncs_the_url(page):
    _overview, summary, _body, _notices, state = page.update_filters("MVD", "proposed", "en")
    assert state == {"agency": "MVD", "status": "proposed"}
    assert summary.startswith("Recommendations addressed to Ministry of Internal Affairs: 11; still open: 11")
    assert "Only those with the status “Proposed” are listed." in summary


def test_downloads_hold_the_shown_numbers_and_refuse_unknown_values(page):
    from app import server

    client = server.test_client()
    fulfilment = client.get("/download/recommendations.fulfilment.csv?lang=en").get_data(as_text=True)
    # As the page shows it: the share in per cent, rounded as printed (3188 issued, 1046 fulfilled: 32.8 %).
    assert "NPM,all state bodies,2025,3188,1046,,32.8," in fulfilment
    tracker = client.get("/download/recommendations.tracker.csv?lang=en&agency=MZ").get_data(as_text=True)
    assert "R-09" in tracker and "R-01" not in tracker
    assert client.get("/download/recommendations.table3.xlsx?lang=kk").data[:2] == b"PK"
    assert client.get("/download/recommendations.tracker.csv?lang=en&agency=NOPE").status_code == 400
    assert client.get("/download/recommendations.tracker.csv?lang=en&status=done").status_code == 400


# ---------------------------------------------------------------- the parameter spec (params.py)


@pytest.fixture(scope="module")
def params(page):
    return load_page("recommendations", "params")


def test_a_bad_status_in_the_url_shows_every_status_and_a_translated_notice_in_the_notice_area(page):
    layout = page.layout(lang="ru", status="done")
    assert texts(find(layout, "recommendations-notice")) == ["Статус «done» неизвестен; показаны все статусы."]
    assert find(layout, "recommendations-status").value == "all"
    assert getattr(find(layout, "recommendations-filters"), "data", None) is None  # nothing to write to the address


def test_a_bad_state_body_in_a_callback_falls_back_to_all_with_a_translated_notice(page):
    _overview, _summary, _body, notices, state = page.update_filters("NOPE", "proposed", "kk")
    assert state == {"agency": None, "status": "proposed"}
    assert " ".join(texts(notices)) == "«NOPE» мемлекеттік органы белгісіз; барлық мемлекеттік органдар көрсетілді."
    good = page.update_filters("MVD", "proposed", "kk")
    assert good[3] == [] and good[4] == {"agency": "MVD", "status": "proposed"}


def test_a_refused_value_is_repeated_in_its_notice_only_cut_short(params):
    given = "R-" + "9" * 200
    read = params.read({"rec": given}, "en")
    assert read.values["rec"] is None and read.refused == ("rec",)
    assert read.problems == [f"There is no recommendation “{given[: params.ECHO_LIMIT]}”; showing all recommendations."]


def test_the_language_links_carry_the_codes_as_the_release_spells_them(page):
    layout = page.layout(lang="en", agency="mz", status="PROPOSED", junk="1")
    hrefs = [link.href for link in _links(layout) if getattr(link, "hrefLang", None)]
    assert hrefs and all("agency=MZ" in href and "status=proposed" in href and "junk" not in href for href in hrefs)


def _links(component: object) -> list:
    found = [component] if getattr(component, "href", None) else []
    children = component if isinstance(component, (list, tuple)) else getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        return found + [link for child in children for link in _links(child)]
    if children is not None and not isinstance(children, str):
        return found + _links(children)
    return found


@pytest.mark.parametrize(
    "query",
    [
        "recommendations.fulfilment.csv?lang=en&agency=NOPE",
        "recommendations.visits.csv?lang=ru&agency=%3Cscript%3E",
        "recommendations.tracker.xlsx?lang=en&status=PROPOSED%20OR%201",
        "recommendations.table3.csv?lang=en&agency=MVD",  # Table 3 takes no parameter
    ],
)
def test_a_download_with_a_value_the_page_does_not_know_is_refused(page, query):
    from app import server

    assert server.test_client().get(f"/download/{query}").status_code == 400


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_state_body_choice_names_each_body_once(page, lang):
    options = {o["value"]: o["label"] for o in page.agency_control(lang, None).children.children[1].options}
    english = {
        "AKIMAT": "Local executive bodies (akimats)",
        "SA": "Judicial Administration of the Supreme Court",
        "MVD": "Ministry of Internal Affairs (MIA)",
    }
    if lang == "en":
        assert {code: options[code] for code in english} == english
    for label in options.values():  # no name followed by its own short form: "(akimats) (Akimats)"
        words = re.findall(r"\(([^)]*)\)", label)
        assert len({word.casefold() for word in words}) == len(words), label
