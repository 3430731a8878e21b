"""The one chart card and the download route: the table, the summary, the source, and downloads
that hold exactly the numbers shown."""

from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import html

from components.chart_card import chart_card, print_notes_once
from components.datasets import DOWNLOAD_COLUMNS, CardData, Column, dataset_names, register_dataset, sources_from
from components.formatting import format_value
from components.page import Param, ParamSpec


def find(component, predicate) -> list:
    """Every component in a Dash tree for which `predicate` holds."""
    found = [component] if predicate(component) else []
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            found += find(child, predicate)
    elif children is not None and not isinstance(children, (str, int, float)):
        found += find(children, predicate)
    return found


def text_of(component) -> str:
    if isinstance(component, (str, int, float)):
        return str(component)
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        return "".join(text_of(c) for c in children)
    return "" if children is None else text_of(children)


SAMPLE = CardData(
    frame=pd.DataFrame(
        {"region": ["Turkistan Region", "Atyrau Region"], "rate": [21.66, 0.726], "complaints": [18, None]}
    ),
    columns=[
        Column("region", "Region"),
        Column("rate", "Rate", "per_1000"),
        Column("complaints", "Complaints", "complaints"),
    ],
    caption="Complaints per 1,000 convicted persons",
    sources=["Special report 2026, Table 2, lines 1191–1210"],
    notes=["The report truncates some rates."],
)


@register_dataset("test.sample", params=ParamSpec((Param("region", ("KZ-61",)),)))
def sample_dataset(lang: str, region: str | None = None) -> CardData:
    return SAMPLE


def sample_card(lang: str = "en") -> html.Section:
    return chart_card(
        "test-card", "Complaints per 1,000 convicted persons", "Turkistan has the highest rate.", SAMPLE, lang,
        figure=go.Figure(go.Bar(x=[1, 2], y=[3, 4])), download=("test.sample", {"region": "KZ-61"}),
    )  # fmt: skip


def test_card_puts_the_figure_in_a_figure_element_with_the_summary_as_caption():
    card = sample_card()
    figures = find(card, lambda c: isinstance(c, html.Figure))
    assert len(figures) == 1
    captions = find(figures[0], lambda c: isinstance(c, html.Figcaption))
    assert text_of(captions[0]) == "Turkistan has the highest rate."


def test_card_table_has_caption_header_cells_and_language_formatted_numbers():
    table = find(sample_card("ru"), lambda c: isinstance(c, html.Table))[0]
    assert text_of(find(table, lambda c: isinstance(c, html.Caption))[0]) == "Complaints per 1,000 convicted persons"
    headers = find(table, lambda c: isinstance(c, html.Th) and getattr(c, "scope", None) == "col")
    assert [text_of(h) for h in headers] == ["Region", "Rate", "Complaints"]
    cells = [text_of(c) for c in find(table, lambda c: isinstance(c, html.Td))]
    assert cells == ["21,7", "18", "0,7", "не опубликовано"]


def test_card_shows_source_and_notes_and_links_downloads_with_its_parameters():
    card = sample_card()
    text = text_of(card)
    assert "Special report 2026, Table 2, lines 1191–1210" in text  # a source given as words is shown as given
    assert "The report truncates some rates." in text
    links = [a.href for a in find(card, lambda c: isinstance(c, html.A))]
    assert "/download/test.sample.csv?lang=en&region=KZ-61" in links
    assert "/download/test.sample.xlsx?lang=en&region=KZ-61" in links


def test_sources_name_table_and_line_range_in_the_language():
    frame = pd.DataFrame({"source_ref": ["Table 2", "Table 2"], "source_line": [1191, 1210]})
    assert sources_from(frame, "en") == ["Special report 2026, Section 5, Table 2"]
    assert [source.first_line for source in sources_from(frame, "en")] == [1191]
    assert "2-кесте" in sources_from(frame, "kk")[0]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    import os

    os.environ["INSTANCE_DIR"] = str(tmp_path_factory.mktemp("instance"))
    os.environ.pop("DATABASE_URL", None)
    from data_access import engine as engine_module

    engine_module._engines.clear()
    import app as dashboard
    from data_access.engine import ensure_database, get_engine

    ensure_database(get_engine())  # the app module may have been imported by an earlier test, for another database
    return dashboard.server.test_client()


# What the sample card's table shows (21.7, 18; 0.7, not published), as the download holds it, then the
# machine-readable columns: the release's version in every row, no code, period or unit the sample lacks.
SAMPLE_SHOWN = pd.DataFrame({"Region": ["Turkistan Region", "Atyrau Region"], "Rate": [21.7, 0.7],
                             "Complaints": [18, None]})  # fmt: skip


def _check_sample_download(downloaded: pd.DataFrame) -> None:
    assert list(downloaded.columns) == [*SAMPLE_SHOWN.columns, *DOWNLOAD_COLUMNS]
    pd.testing.assert_frame_equal(downloaded[list(SAMPLE_SHOWN.columns)], SAMPLE_SHOWN, check_dtype=False)
    assert downloaded["release"].astype(str).tolist() == ["2026.2", "2026.2"]
    assert downloaded["unit"].tolist() == ["per_1000; complaints"] * 2
    assert downloaded["source"].tolist() == ["Special report 2026, Table 2, lines 1191–1210"] * 2
    assert downloaded["period"].isna().all() and downloaded["indicator_code"].isna().all()


def test_csv_download_holds_the_numbers_as_the_table_shows_them(client):
    response = client.get("/download/test.sample.csv?lang=en&region=KZ-61")
    assert response.status_code == 200
    _check_sample_download(pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig"))


def test_xlsx_download_holds_the_numbers_as_the_table_shows_them(client):
    response = client.get("/download/test.sample.xlsx?lang=en&region=KZ-61")
    assert response.status_code == 200
    _check_sample_download(pd.read_excel(io.BytesIO(response.data)))


def test_a_download_writes_shares_as_the_per_cent_shown_with_the_header_saying_so():
    data = CardData(
        frame=pd.DataFrame({"year": ["2024"], "covered": [801.0], "share": [0.212975], "years": [4.695381]}),
        columns=[Column("year", "Year"), Column("covered", "Covered", "facilities"),
                 Column("share", "Share covered", "share"), Column("years", "Years", "years")],
    )  # fmt: skip
    frame = data.download_frame("en", "2026.1")
    row = frame.iloc[0]
    assert (row["Covered"], row["Share covered, %"], row["Years"]) == (801, 21.3, 4.7)
    assert type(row["Covered"]) is int
    assert row["unit"] == "facilities; percent; years"
    assert format_value(0.212975, "share", "en") == "21.3%"  # what the page prints for the same cell


def test_a_download_without_its_own_file_name_is_named_by_page_what_view_and_language(client):
    response = client.get("/download/test.sample.csv?lang=kk&region=KZ-61")
    assert response.headers["Content-Disposition"] == 'attachment; filename="test-sample-kz-61-kk.csv"'
    response = client.get("/download/visits.reps_sectors.xlsx?lang=en")
    assert response.headers["Content-Disposition"].startswith('attachment; filename="visits-reps-sectors-')


def test_download_with_bad_parameters_answers_400_with_a_message(client):
    response = client.get("/download/test.sample.csv?region=KZ-99")
    assert response.status_code == 400
    # The reason is logged, not echoed: internal exception text never reaches a visitor.
    assert b"Bad download parameters for 'test.sample'" in response.data
    assert b"Traceback" not in response.data


def test_unknown_download_answers_404(client):
    assert client.get("/download/nothing.csv").status_code == 404
    assert client.get("/download/test.sample.pdf").status_code == 404


def test_every_registered_dataset_downloads_the_table_it_shows(client):
    from components.datasets import dataset

    names = [n for n in dataset_names() if not n.startswith("test.")]
    assert len(names) >= 10
    for name in names:
        try:
            shown = dataset(name)("en").download_frame()
        except (TypeError, ValueError):
            # A dataset that needs a parameter (a region, say) is refused without it, over HTTP too.
            assert client.get(f"/download/{name}.csv?lang=en").status_code == 400, name
            continue
        response = client.get(f"/download/{name}.csv?lang=en")
        assert response.status_code == 200, name
        downloaded = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(downloaded.columns) == list(shown.columns), name
        assert len(downloaded) == len(shown), name
        assert (downloaded["release"] == "2026.2").all(), name
        _assert_download_reads_as_the_table(name, dataset(name)("en"), downloaded)


def _assert_download_reads_as_the_table(name: str, data: CardData, downloaded: pd.DataFrame) -> None:
    """Each number of the download is the number the card's table shows: rounded as shown, counts whole,
    shares in per cent; so the page's formatter prints it as the table does."""
    from components.chart_card import data_table

    cells = [texts_of_row(row) for row in find(data_table(data, "en"), lambda c: isinstance(c, html.Tr))[1:]]
    for index, column in enumerate(data.columns):
        if column.unit == "text":
            continue
        header = f"{column.header}, %" if column.unit in ("share", "percent") else column.header
        for row, (shown, written) in enumerate(zip((r[index] for r in cells), downloaded[header], strict=True)):
            if written == "":
                assert shown == "not published", (name, header, row)
                continue
            number = float(written)
            # As many decimals as the table shows (en: "." is the decimal sign): 3188 and 21.7, never 3188.0.
            assert len(written.partition(".")[2]) == (1 if "." in shown else 0), (name, header, written, shown)
            as_shown = number / 100 if column.unit == "share" else number
            assert format_value(as_shown, column.unit, "en") == shown, (name, header, row, written, shown)


def texts_of_row(row: html.Tr) -> list[str]:
    return [text_of(cell) for cell in row.children]


def test_no_chart_offers_to_upload_itself_to_a_third_party():
    from components.chart_card import GRAPH_CONFIG

    assert GRAPH_CONFIG["showSendToCloud"] is False and GRAPH_CONFIG["showEditInChartStudio"] is False
    assert GRAPH_CONFIG["displaylogo"] is False


@pytest.mark.parametrize("query", ["region=KZ-99", "region=KZ-61&colour=red", "region=<b>"])
def test_a_download_refuses_a_value_or_parameter_its_page_does_not_know(client, query):
    response = client.get(f"/download/test.sample.csv?lang=en&{query}")
    assert response.status_code == 400 and b"KZ-99" not in response.data and b"<b>" not in response.data


def test_a_card_download_writes_counts_whole_and_names_its_type_once(client):
    response = client.get("/download/test.sample.csv?lang=en&region=KZ-61")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert ".0," not in response.get_data(as_text=True) and ".0\n" not in response.get_data(as_text=True)


# ---------------------------------------------------------------- each data note printed once per page


def _card_with_notes(card_id: str, title: str, notes: list[str]) -> html.Section:
    data = CardData(frame=SAMPLE.frame, columns=SAMPLE.columns, caption="Numbers", notes=notes)
    return chart_card(card_id, title, "A finding.", data, "en")


def test_a_note_shared_by_cards_is_printed_at_the_first_and_referred_to_by_the_others():
    shared, own = "The report truncates some rates.", "Only this card's figure."
    cards = print_notes_once(
        [_card_with_notes("x-map", "Map", [shared]), _card_with_notes("x-bar", "Ranking", [shared, own])], "en"
    )
    page_text = text_of(html.Div(cards))
    assert page_text.count(shared) == 1 and page_text.count(own) == 1
    links = [a for a in find(cards[1], lambda c: isinstance(c, html.A)) if a.href == "#x-map-notes"]
    assert [text_of(a) for a in links] == ["See the data notes of “Map” above"]
    assert find(cards[0], lambda c: getattr(c, "id", None) == "x-map-notes")  # the link's target


def _note_texts(lang: str) -> list[str]:
    from sqlalchemy import select

    from data_access import schema
    from data_access.queries.base import read_frame

    return read_frame(select(schema.data_note.c[f"text_{lang}"]))[f"text_{lang}"].tolist()


def test_every_page_prints_each_data_note_once(client):
    import dash

    from tests.layout import texts

    notes = _note_texts("en")
    assert len(notes) >= 10
    printed = set()
    for page in dash.page_registry.values():
        layout = page["layout"](lang="en") if callable(page["layout"]) else page["layout"]
        text = "".join(texts(layout))
        repeated = {note[:50]: text.count(note) for note in notes if text.count(note) > 1}
        assert repeated == {}, page["path"]
        printed |= {note for note in notes if note in text}
    assert len(printed) >= 10  # the check saw the notes the cards print


def test_after_a_callback_the_regions_cards_still_print_each_note_once(client):
    from tests.layout import load_page, texts

    parts = load_page("regions").update_view("complaints", "KZ-62", "name", "en")[:4]
    text = "".join(texts(list(parts)))
    assert {note[:50]: text.count(note) for note in _note_texts("en") if text.count(note) > 1} == {}
    assert "See the data notes of “Complaints about torture, 2025” above" in text


def test_every_machine_column_of_a_download_is_documented_for_readers():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "data" / "README.md").read_text(encoding="utf-8")
    documented = readme.partition("## Card downloads")[2]
    assert all(f"| `{column}` |" in documented for column in DOWNLOAD_COLUMNS)
