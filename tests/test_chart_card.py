"""The one chart card and the download route: the table, the summary, the source, and downloads
that hold exactly the numbers shown."""

from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import html

from components.chart_card import chart_card
from components.datasets import CardData, Column, dataset_names, register_dataset, sources_from
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
    caption="Complaints per 1,000 prisoners",
    sources=["Special report 2026, Table 2, lines 1191–1210"],
    notes=["The report truncates some rates."],
)


@register_dataset("test.sample", params=ParamSpec((Param("region", ("KZ-61",)),)))
def sample_dataset(lang: str, region: str | None = None) -> CardData:
    return SAMPLE


def sample_card(lang: str = "en") -> html.Section:
    return chart_card(
        "test-card", "Complaints per 1,000 prisoners", "Turkistan has the highest rate.", SAMPLE, lang,
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
    assert text_of(find(table, lambda c: isinstance(c, html.Caption))[0]) == "Complaints per 1,000 prisoners"
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


def test_csv_download_holds_exactly_the_numbers_of_the_table(client):
    response = client.get("/download/test.sample.csv?lang=en&region=KZ-61")
    assert response.status_code == 200
    downloaded = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig")
    pd.testing.assert_frame_equal(downloaded, SAMPLE.download_frame(), check_dtype=False)


def test_xlsx_download_holds_exactly_the_numbers_of_the_table(client):
    response = client.get("/download/test.sample.xlsx?lang=en&region=KZ-61")
    assert response.status_code == 200
    downloaded = pd.read_excel(io.BytesIO(response.data))
    pd.testing.assert_frame_equal(downloaded, SAMPLE.download_frame(), check_dtype=False)


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
        downloaded = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig")
        assert list(downloaded.columns) == list(shown.columns), name
        assert len(downloaded) == len(shown), name


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
