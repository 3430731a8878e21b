"""UPR briefing: milestones, key indicators (the same numbers as the other pages), open recommendations, PDF route."""

from __future__ import annotations

import os
import sys

import flask
import pandas as pd
import pytest

from data_access.queries import upr
from tests.layout import find, load_page, source_links, texts


@pytest.fixture(scope="module")
def page(bundled):
    """The pages.upr.page module, with the app built on the test database."""
    return load_page("upr")


def by_key(frame: pd.DataFrame) -> dict[str, dict]:
    return {row["key"]: row for row in frame.to_dict("records")}


# ---------------------------------------------------------------- milestones


def test_milestones_are_the_reports_dated_steps_oldest_first_each_with_its_line(bundled):
    frame = upr.milestones("en")
    rows = {row["code"]: row for row in frame.to_dict("records")}
    assert list(frame["date"]) == sorted(frame["date"])
    expected = {
        "kz_cat_accession": ("1998-01-01", "year", "international", 666),
        "kz_iccpr_ratified": ("2005-11-28", "day", "international", 176),
        "kz_npm_law": ("2013-07-02", "day", "law", 761),
        "kz_prosecutors_exclusive": ("2023-01-01", "day", "institution", 737),
        "kz_prison_health_to_mz": ("2023-01-01", "year", "institution", 886),
        "cat_co4": ("2023-06-08", "day", "cat", 707),
        "upr_side_event": ("2025-01-21", "day", "upr", 1738),
    }
    for code, (date, precision, kind, line) in expected.items():
        row = rows[code]
        assert (str(row["date"]), row["precision"], row["kind"], int(row["source_line"])) == (
            date,
            precision,
            kind,
            line,
        )
    assert "CAT/C/KAZ/CO/4" in rows["cat_co4"]["title"]


def test_milestones_can_be_limited_to_one_kind_and_the_kinds_come_from_the_release(bundled):
    assert upr.milestone_kinds() == ("international", "law", "institution", "cat", "upr")
    assert list(upr.milestones("ru", "upr")["code"]) == ["upr_side_event"]
    assert list(upr.milestones("en", "cat")["code"]) == ["cat_co4"]


def test_the_timeline_carries_the_note_on_the_opcat_dates_it_leaves_out(bundled):
    notes = upr.milestone_notes("en")
    assert any("Footnote 42" in note and "not in the timeline" in note for note in notes)


# ---------------------------------------------------------------- key indicators


def test_key_indicators_are_the_overviews_headline_figures_where_they_share_a_series(bundled):
    from data_access.queries.overview import headline_figures

    headline = by_key(headline_figures("en"))
    mine = by_key(upr.key_indicators("en"))
    shared = set(headline) & set(mine)
    assert shared == {
        "complaints",
        "registered",
        "convicted",
        "npm_visits",
        "covered",
        "recs_fulfilled",
        "compensation",
    }
    for key in shared:
        for column in ("indicator", "period", "value", "previous_period", "previous_value", "source_line"):
            left, right = headline[key][column], mine[key][column]
            assert (pd.isna(left) and pd.isna(right)) or left == right, (key, column)


def test_key_indicators_read_the_report_and_compute_the_change(bundled):
    rows = by_key(upr.key_indicators("en"))
    expected = {  # key: (period, value, previous period, previous value, change)
        "complaints": ("2025", 240, "2024", 111, 129),  # line 1171
        "registered": ("2025", 113, "2024", 289, -176),  # Figure 3, line 934
        "discontinued": ("2025", 82, "2024", 250, -168),  # Figure 5, line 946
        "covered": ("2025", 817, "2024", 801, 16),  # line 1271
        "compensation": ("2025", 1541850, "2024", 2856510, -1314660),  # Figure 2, line 922
    }
    for key, (period, value, previous_period, previous, change) in expected.items():
        row = rows[key]
        assert (row["period"], row["value"], row["previous_period"], row["previous_value"]) == (
            period,
            value,
            previous_period,
            previous,
        )
        assert row["change"] == change
        assert row["change_share"] == pytest.approx(change / previous)


def test_a_year_is_never_compared_with_a_two_year_span(bundled):
    convicted = by_key(upr.key_indicators("en"))["convicted"]
    assert (convicted["period"], convicted["value"]) == ("2025", 19)  # Figure 6, line 960
    assert pd.isna(convicted["previous_value"])  # 2023-2024 (84) is a span: not comparable with 2025
    assert convicted["earlier_periods"] == 4  # 2020, 2021, 2022 and 2023-2024 exist, none comparable


def test_npm_fulfilment_is_computed_from_the_counts_and_kept_beside_the_printed_share(bundled):
    row = by_key(upr.key_indicators("en"))["recs_fulfilled"]
    assert (row["value"], row["issued_value"]) == (1046, 3188)  # line 1809
    assert row["fulfilled_share"] == pytest.approx(1046 / 3188)
    assert row["printed_share"] == pytest.approx(0.33)
    fulfilment = upr.npm_fulfilment("en")
    assert fulfilment.to_dict("records")[0]["share"] == pytest.approx(1046 / 3188)


def test_trends_keep_every_period_spans_whole_and_oldest_first(bundled):
    trends = upr.indicator_trends("en")
    convicted = trends[trends["key"] == "convicted"]
    assert list(convicted["period"]) == ["2020", "2021", "2022", "2023-2024", "2025"]
    assert list(convicted["value"]) == [23, 7, 12, 84, 19]
    discontinued = trends[trends["key"] == "discontinued"]
    assert list(discontinued["period"]) == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert discontinued["value"].sum() == 2789  # the report prints "789": the leading digit was lost


def test_mandate_coverage_is_the_visits_pages_share_against_each_total(bundled):
    from data_access.queries.visits import coverage_against_mandate

    coverage = upr.mandate_coverage("en")
    rows = coverage.frame.to_dict("records")
    assert [(row["period"], row["covered"], row["mandated"]) for row in rows] == [
        ("2025", 817, 3761),
        ("2025", 817, 964),
    ]
    assert [row["share"] for row in rows] == [pytest.approx(817 / 3761), pytest.approx(817 / 964)]
    visits_page = coverage_against_mandate("en").frame
    assert list(visits_page[visits_page["period"] == "2025"]["share"]) == [row["share"] for row in rows]
    assert sorted(set(coverage.inputs["source_line"])) == [1271, 1273, 1788]
    assert coverage.inputs["note"].eq("mandated_facilities_two_totals").any()


# ---------------------------------------------------------------- open recommendations


def test_outstanding_recommendations_are_the_reports_closing_ones_all_open_in_2026(bundled):
    frame = upr.outstanding_recommendations("en")
    assert list(frame["code"]) == [f"R-{n:02d}" for n in range(1, 12)]
    assert set(frame["status"]) == {"proposed"} and set(frame["status_group"]) == {"open"}
    r04 = frame[frame["code"] == "R-04"].iloc[0]
    assert "Ministry of Finance" in r04["addressees_text"] and "Ministry of Justice" in r04["addressees_text"]
    assert "Ministry of Finance (MoF)" in r04["note_text"]  # the data note on line 2013: the chips' short form


def test_open_not_fulfilled_and_fulfilled_are_three_groups(bundled, monkeypatch):
    tracker = upr.recommendation_tracker("en").copy()
    tracker["status"] = ["fulfilled", "not_fulfilled", "in_progress", *tracker["status"][3:]]
    monkeypatch.setattr(upr, "recommendation_tracker", lambda lang: tracker)
    frame = upr.report_recommendations.uncached("en")
    assert list(frame["status_group"])[:4] == ["fulfilled", "not_fulfilled", "open", "open"]


# ---------------------------------------------------------------- the page


def test_page_is_english_by_default_and_shows_obligations_progress_and_open_problems(page):
    layout = page.layout()
    text = " ".join(texts(layout))
    assert "UPR briefing" in text
    assert "36 dated steps the report names, from December 10, 1948 to January 30, 2025" in text
    assert "The Ombudsman received 240 complaints about torture in 2025. Up 129 (116.2%) on 2024." in text
    assert (
        "1,046 of the 3,188 recommendations the NPM sent in 2025 were fulfilled: 32.8%. The report prints 33%." in text
    )
    assert "21.7% of 3,761" in text and "84.8% of 964" in text
    assert (
        "Closing recommendations of the report to state bodies: 11. Open (proposed or in progress): 11; assessed as not fulfilled: 0; fulfilled: 0."
        in text
    )
    assert ("Special report 2026, Conclusions and recommendations", "/report?line=2007&lang=en#L2007") in source_links(
        layout
    )
    assert find(layout, "upr-milestone-kind").value == "all"


@pytest.mark.parametrize(("lang", "expected"), [("ru", "Справка к УПО"), ("kk", "ӘКШ бойынша анықтама")])
def test_a_chosen_language_wins_over_the_english_default(page, lang, expected):
    text = " ".join(texts(page.layout(lang=lang)))
    assert expected in text and "UPR briefing" not in text


def test_a_kind_in_the_url_limits_the_timeline(page):
    layout = page.layout(lang="en", kind="upr")
    assert find(layout, "upr-milestone-kind").value == "upr"
    table = " ".join(texts(find(layout, "upr-milestones-table")))
    assert "48th session of the Universal Periodic Review" in table and "Universal Declaration" not in table


@pytest.mark.parametrize("kind", ["nonsense", "UPR", "<script>", "all;drop"])
def test_unknown_kind_in_the_url_shows_every_milestone_and_a_notice(page, kind):
    layout = page.layout(lang="en", kind=kind)
    assert find(layout, "upr-milestone-kind").value == "all"
    container = texts(find(layout, "upr-milestones-container"))
    assert "The milestone type asked for is not known; all milestones are shown." in container
    assert "Universal Declaration" in " ".join(container)


@pytest.mark.parametrize("requested", [None, 7, ["law"], {"a": 1}, "bogus", ""])
def test_malformed_callback_input_gives_every_milestone_and_a_notice(page, requested):
    children, filters = page.update_milestones(requested, "ru")
    assert filters == {"kind": None}
    text = " ".join(texts(children))
    assert "Всеобщую декларацию" in text
    assert ("Запрошенный тип этапа неизвестен; показаны все этапы." in text) == (requested not in (None, ""))


def test_callback_limits_the_timeline_and_puts_the_kind_in_the_url(page):
    children, filters = page.update_milestones("cat", "not-a-language")
    assert filters == {"kind": "cat"}
    text = " ".join(texts(children))
    assert "CAT/C/KAZ/CO/4" in text and "Universal Declaration" not in text


def test_not_published_values_are_never_drawn_as_zero(page):
    from components.small_multiple import trend_bars

    figure = trend_bars(["2024", "2025"], [None, 5.0], ["not published", "5"], "en")
    bars, words = figure.data
    assert list(bars.x) == ["2025"] and list(bars.y) == [5.0]
    assert list(words.text) == ["not published"]


def test_spans_are_labelled_whole_in_the_small_multiple(page):
    card = page.indicator_card(by_key(upr.key_indicators("en"))["convicted"], "en")
    graph = find(card, "upr-convicted-graph")
    assert list(graph.figure.data[0].x) == ["2020", "2021", "2022", "2023–<br>2024", "2025"]
    assert "No comparable earlier figure" in " ".join(texts(card))


def test_downloads_hold_exactly_the_numbers_shown(page):
    from app import server

    client = server.test_client()
    convicted = client.get("/download/upr.indicator.csv?lang=en&key=convicted").get_data(as_text=True)
    assert "2023–2024,84.0" in convicted or "2023–2024,84" in convicted
    recommendations = client.get("/download/upr.recommendations.csv?lang=en").get_data(as_text=True)
    assert recommendations.count("\nR-") == 11
    milestones = client.get("/download/upr.milestones.csv?lang=en&kind=upr").get_data(as_text=True)
    assert "48th session" in milestones and "Universal Declaration" not in milestones
    coverage = client.get("/download/upr.coverage.xlsx?lang=kk")
    assert coverage.status_code == 200 and coverage.data[:2] == b"PK"
    assert client.get("/download/upr.indicator.csv?lang=en&key=bogus").status_code == 400
    assert client.get("/download/upr.milestones.csv?lang=en&kind=bogus").status_code == 400


# ---------------------------------------------------------------- the PDF route


@pytest.fixture
def pdf_server(tmp_path, monkeypatch):
    """A bare Flask server with only the PDF route, its instance folder in tmp_path."""
    from web.upr_pdf import register_upr_pdf_route

    monkeypatch.setenv("INSTANCE_DIR", str(tmp_path))
    server = flask.Flask(__name__)
    register_upr_pdf_route(server)
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "upr-2026.2-en.pdf").write_bytes(b"%PDF-1.4 test")
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    return server.test_client()


def test_the_pdf_route_serves_a_built_pdf(pdf_server):
    response = pdf_server.get("/pdf/upr-2026.2-en.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data == b"%PDF-1.4 test"


@pytest.mark.parametrize(
    "name",
    ["upr-2026.2-ru.pdf", "upr-2026.2-xx.pdf", "secret.pdf", "..%2Fsecret.pdf", "upr-..-en.pdf", "upr-2026.2-en.PDF"],
)
def test_the_pdf_route_refuses_anything_else(pdf_server, name):
    assert pdf_server.get(f"/pdf/{name}").status_code == 404


def test_the_page_links_the_pdf_only_once_it_is_built(page, tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_DIR", str(tmp_path))
    assert find(page.layout(lang="en"), "upr-pdf-link") is None
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "upr-2026.2-en.pdf").write_bytes(b"%PDF-1.4")
    link = find(page.layout(lang="en"), "upr-pdf-link")
    assert link is not None and link.href == "/pdf/upr-2026.2-en.pdf"


# ---------------------------------------------------------------- the background PDF build


@pytest.fixture
def pdf_folder(tmp_path, monkeypatch):
    """An instance folder of its own with the background build on, on a server that has Chromium
    (the interpreter's path stands in for the binaries); returns its PDF folder (not created yet)."""
    from scripts import chromium

    monkeypatch.setenv("INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("UPR_PDF_AUTOBUILD", "1")
    monkeypatch.setattr(chromium, "CHROMIUM", sys.executable)
    monkeypatch.setattr(chromium, "CHROMEDRIVER", sys.executable)
    return tmp_path / "pdf"


@pytest.fixture
def stand_in_build(monkeypatch):
    """The build command replaced by a process that only sleeps, holding the lock it inherited."""
    from web import upr_pdf

    monkeypatch.setattr(upr_pdf, "BUILD_COMMAND", ("-c", "import time; time.sleep(120)"))
    started: list = []

    def start(version: str, after_failure: bool = True):
        started.append(upr_pdf.start_pdf_build(version, after_failure=after_failure))
        return started[-1]

    yield start
    for process in filter(None, started):
        process.kill()
        process.wait()


def pdf_state_text(page, lang: str) -> str:
    state = find(page.layout(lang=lang), "upr-pdf-state")
    return " ".join(texts(state)) if state is not None else ""


def test_of_two_attempts_to_build_only_one_starts_and_the_lock_outlives_the_starter(pdf_folder, stand_in_build):
    from web.upr_pdf import build_running

    first = stand_in_build("2026.2")
    assert first is not None and first.poll() is None
    assert stand_in_build("2026.2") is None  # a second worker (or process) finds the lock taken
    assert build_running()  # held by the detached build alone: the starter closed its descriptor
    first.kill()
    first.wait()
    assert not build_running()  # freed when the build ends, however it ends
    assert stand_in_build("2026.2") is not None


def test_no_build_starts_when_switched_off_when_built_or_after_this_releases_failure(
    pdf_folder, stand_in_build, monkeypatch
):
    from web.upr_pdf import record_failure

    monkeypatch.setenv("UPR_PDF_AUTOBUILD", "0")
    assert stand_in_build("2026.2") is None
    monkeypatch.setenv("UPR_PDF_AUTOBUILD", "1")
    record_failure(pdf_folder, "2026.2", "RuntimeError: the briefing did not finish rendering")
    assert stand_in_build("2026.2", after_failure=False) is None  # on start: the operator fixes the cause first
    for lang in ("kk", "ru", "en"):
        (pdf_folder / f"upr-2026.2-{lang}.pdf").write_bytes(b"%PDF-1.4")
    assert stand_in_build("2026.2") is None  # every language is built
    assert not (pdf_folder / ".build.lock").exists()


def test_the_page_says_the_pdf_is_being_prepared_while_a_build_runs_and_links_it_once_built(page, pdf_folder):
    from components.i18n import translator
    from pages.upr.parts import PDF_STATE_TEXTS
    from web.upr_pdf import built_pdfs_token, take_build_lock

    fd = take_build_lock(pdf_folder)
    try:
        for lang in ("kk", "ru", "en"):
            assert pdf_state_text(page, lang) == translator(lang)(PDF_STATE_TEXTS["building"])
        assert "being prepared" in pdf_state_text(page, "en")
        assert find(page.layout(lang="en"), "upr-print") is not None  # Print is offered meanwhile
        while_building = built_pdfs_token()
    finally:
        os.close(fd)
    assert built_pdfs_token() != while_building  # a cached "being prepared" page is not served after the build
    assert "has not been built yet" in pdf_state_text(page, "en")
    (pdf_folder / "upr-2026.2-en.pdf").write_bytes(b"%PDF-1.4")
    assert find(page.layout(lang="en"), "upr-pdf-link").href == "/pdf/upr-2026.2-en.pdf"
    assert find(page.layout(lang="en"), "upr-pdf-state") is None


def test_without_chromium_the_page_says_this_server_cannot_make_the_pdf_and_none_is_started(
    page, pdf_folder, stand_in_build, monkeypatch, tmp_path
):
    from components.i18n import translator
    from pages.upr.parts import PDF_STATE_TEXTS
    from scripts import chromium
    from web.upr_pdf import built_pdfs_token

    with_chromium = built_pdfs_token()
    monkeypatch.setattr(chromium, "CHROMIUM", str(tmp_path / "no" / "chromium"))
    for lang in ("kk", "ru", "en"):
        assert pdf_state_text(page, lang) == translator(lang)(PDF_STATE_TEXTS["no-chromium"])
    assert "cannot make the PDF" in pdf_state_text(page, "en") and "use Print" in pdf_state_text(page, "en")
    assert built_pdfs_token() != with_chromium
    assert stand_in_build("2026.2") is None
    assert not pdf_folder.exists()


def test_a_failed_build_is_told_on_the_page_without_its_reason(page, pdf_folder):
    from web.upr_pdf import built_pdfs_token, record_failure

    before = built_pdfs_token()
    record_failure(pdf_folder, "2026.2", "WebDriverException: chrome not reachable (/usr/lib/chromium/chrome)")
    text = pdf_state_text(page, "en")
    assert text == "Making the PDF of this release failed; use Print instead."
    assert "WebDriver" not in str(page.layout(lang="en"))  # the reason is for the operator's log only
    assert built_pdfs_token() != before
    record_failure(pdf_folder, "2025.9", "RuntimeError: an older release")
    assert "has not been built yet" in pdf_state_text(page, "en")  # another release's failure is not this one's


def test_an_import_that_succeeds_starts_the_pdf_build_of_the_current_release_and_a_refused_one_does_not(
    bundled, tmp_path, monkeypatch, capsys
):
    from data_access import cli
    from data_access.settings import BUNDLED_RELEASE
    from web import upr_pdf

    asked: list[str] = []
    monkeypatch.setattr(upr_pdf, "start_pdf_build", lambda version: asked.append(version) or object())
    assert cli.main(["import", str(tmp_path)]) == 1  # an empty folder is no release
    assert asked == []
    assert cli.main(["import", str(BUNDLED_RELEASE)]) == 0
    assert asked == ["2026.2"]
    assert "building the UPR briefing PDFs in the background" in capsys.readouterr().out


def test_a_failed_build_is_noted_where_the_page_reads_it_and_the_next_success_clears_it(pdf_folder, monkeypatch):
    from scripts import build_upr_pdf
    from scripts.serve import AppDidNotStart
    from web.upr_pdf import build_running, pdf_build_state, recorded_failure

    def unreachable(*_args: object) -> None:
        raise AppDidNotStart("the app at http://127.0.0.1:9 did not answer /healthz")

    monkeypatch.setattr(build_upr_pdf, "wait_healthy", unreachable)
    assert build_upr_pdf.main(["--url", "http://127.0.0.1:9", "--lang", "en"]) == 1
    assert recorded_failure()["reason"] == "AppDidNotStart: the app at http://127.0.0.1:9 did not answer /healthz"
    assert pdf_build_state("2026.2") == "failed" and not build_running()
    monkeypatch.setattr(build_upr_pdf, "wait_healthy", lambda *_args: None)
    monkeypatch.setattr(build_upr_pdf, "build", lambda *_args: [])
    assert build_upr_pdf.main(["--url", "http://127.0.0.1:9", "--lang", "en"]) == 0
    assert recorded_failure() is None and pdf_build_state("2026.2") == "not-built"


def test_the_apps_the_build_and_the_tests_start_build_no_pdfs_unless_asked():
    from scripts.serve import app_environment

    assert app_environment()["UPR_PDF_AUTOBUILD"] == "0"  # so the build's own app never starts another build
    assert app_environment(UPR_PDF_AUTOBUILD="1")["UPR_PDF_AUTOBUILD"] == "1"


def test_the_build_command_exits_at_once_while_another_build_holds_the_lock(pdf_folder, capsys):
    from scripts.build_upr_pdf import main
    from web.upr_pdf import take_build_lock

    fd = take_build_lock(pdf_folder)
    try:
        assert main(["--lang", "en"]) == 1
    finally:
        os.close(fd)
    assert "another build is running" in capsys.readouterr().err
    assert list(pdf_folder.iterdir()) == [pdf_folder / ".build.lock"]


# ---------------------------------------------------------------- the parameter spec


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_kind_spec_refuses_an_unknown_kind_with_every_milestone_and_a_translated_notice(page, lang):
    from components.i18n import translator
    from components.page import read_params
    from pages.upr.params import PARAMS

    params = read_params(PARAMS, {"kind": "<b>law</b>"}, lang)
    assert params.values == {"kind": "all"} and params.refused == ("kind",) and params.query == {"kind": None}
    assert params.problems == [translator(lang)("The milestone type asked for is not known; all milestones are shown.")]
    assert "<b>" not in params.problems[0]
    assert read_params(PARAMS, {"kind": "law"}, lang).query == {"kind": "law"}


def test_the_page_declares_its_spec_to_dash_and_the_downloads_theirs(page):
    import dash

    from components.datasets import dataset_params
    from pages.upr.datasets import INDICATOR_PARAMS
    from pages.upr.params import PARAMS

    assert dash.page_registry["pages.upr.page"]["params"] is PARAMS
    assert dataset_params("upr.milestones") is PARAMS and dataset_params("upr.indicator") is INDICATOR_PARAMS


def test_a_bad_kind_in_a_kazakh_address_gives_the_kazakh_notice_beside_the_timeline(page):
    from components.i18n import translator

    layout = page.layout(lang="kk", kind="bogus")
    expected = translator("kk")("The milestone type asked for is not known; all milestones are shown.")
    assert expected != "The milestone type asked for is not known; all milestones are shown."
    assert expected in texts(find(layout, "upr-milestones-container"))
    assert find(layout, "upr-milestone-kind").value == "all"


@pytest.mark.parametrize(("lang", "words"), [("en", "12.12.1984"), ("ru", "в сноске 32"), ("kk", "32-ескертпеде")])
def test_the_timeline_notes_the_conventions_two_adoption_dates_with_links_to_both_lines(page, lang, words):
    container = find(page.layout(lang=lang), "upr-milestones-container")
    assert words in " ".join(texts(container))
    hrefs = {href for _, href in source_links(container)}
    assert f"/report?line=369&lang={lang}#L369" in hrefs and f"/report?line=393&lang={lang}#L393" in hrefs


def test_the_coverage_card_does_not_repeat_the_note_the_covered_card_beside_it_gives(page):
    layout = page.layout(lang="en")
    covered = " ".join(texts(find(layout, "upr-covered")))
    coverage = " ".join(texts(find(layout, "upr-coverage")))
    assert "does not say whose visits these are" in covered
    assert "does not say whose visits these are" not in coverage
    assert "964" in coverage  # its own note, on the two totals of mandated facilities, stays
