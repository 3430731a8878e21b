"""Page chrome set on the server: the served `<title>`, meta description, Open Graph and Twitter card tags
of every page in the reader's language; the in-page title agreeing with them; the footer's map credit."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from components.chrome import HEADLINES, SUMMARIES, document_title
from components.i18n import gettext

# path -> the page's heading (its <h1>, and the tab title before the product name)
HEADINGS = {
    "/": "Overview",
    "/regions": "Complaints about torture by region",
    "/visits": "Visits against the four-year mandate",
    "/recommendations": "Recommendations and their fulfilment",
    "/cases": "What happens to torture complaints",
    "/upr": "UPR briefing",
    "/data": "Data and methods",
    "/about": "About",
    "/report": "Report text",
}
# The product's name, as the tab title ends, in each language.
PRODUCT = {
    "kk": "Азаптаудың алдын алу мониторингі",
    "ru": "Панель мониторинга предупреждения пыток",
    "en": "Torture Prevention Dashboard",
}
# The overview's headline: the torture complaints of 2025 in the database (report, section 5: 240).
OVERVIEW_HEADLINE = {
    "kk": "2025 ж. Омбудсменге азаптау туралы 240 шағым келіп түсті.",
    "ru": "В 2025 г. Омбудсмену поступило 240 жалоб о пытках.",
    "en": "In 2025 the Ombudsman received 240 complaints about torture.",
}


@pytest.fixture(scope="module")
def app_module(bundled):
    import app  # builds the Dash app with its pages
    from data_access.cache import cache

    cache.clear()
    return app


@pytest.fixture
def client(app_module):
    """A fresh client per test: no language cookie carried over from another test."""
    return app_module.server.test_client()


def head_of(response) -> str:
    assert response.status_code in (200, 404)
    return response.get_data(as_text=True).split("</head>", 1)[0]


def metas(head: str) -> dict[str, list[str]]:
    """{name or property: [content, ...]} of the head's meta tags."""
    found: dict[str, list[str]] = {}
    for tag in re.findall(r"<meta [^>]*>", head):
        key = re.search(r'(?:name|property)="([^"]+)"', tag)
        content = re.search(r'content="([^"]*)"', tag)
        if key and content:
            found.setdefault(unescape(key.group(1)), []).append(unescape(content.group(1)))
    return found


def served_title(head: str) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", head, re.S).group(1))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("path", list(HEADINGS))
def test_each_page_serves_its_title_and_preview_tags_in_the_readers_language(client, path, lang):
    head = head_of(client.get(f"{path}?lang={lang}"))
    tags = metas(head)
    heading = gettext(lang, HEADINGS[path])
    if lang != "en":
        assert heading != HEADINGS[path], "the heading is translated"
    assert served_title(head) == f"{heading} · {PRODUCT[lang]}"
    assert f'<html lang="{lang}">' in client.get(f"{path}?lang={lang}").get_data(as_text=True)
    assert tags["og:title"] == [heading] and tags["twitter:title"] == [heading]
    assert tags["og:site_name"] == [PRODUCT[lang]]
    assert tags["og:type"] == ["website"]
    assert tags["og:locale"] == [{"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}[lang]]
    assert len(tags["og:locale:alternate"]) == 2
    description = tags["description"]
    assert len(description) == 1 and description == tags["og:description"] == tags["twitter:description"]
    summary = gettext(lang, SUMMARIES[path])
    assert description[0].endswith(summary)
    if lang != "en":
        assert summary != SUMMARIES[path], "the summary is translated"
    assert tags["twitter:card"] == ["summary"]  # no image: never an empty og:image or a large-image card
    assert "og:image" not in tags and "twitter:image" not in tags


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_overview_description_leads_with_the_years_torture_complaints(client, lang):
    description = metas(head_of(client.get(f"/?lang={lang}")))["description"][0]
    assert description.startswith(OVERVIEW_HEADLINE[lang] + " ")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/visits", "В 2025 г. группы НПМ совершили 425 посещений закрытых учреждений."),
        ("/recommendations", "В 2025 г. НПМ направил государственным органам 3\u00a0188 рекомендаций."),
        ("/cases", "В 2025 г. зарегистрировано 113 фактов пыток."),
    ],
)
def test_pages_with_a_headline_figure_lead_their_description_with_it(client, path, expected):
    assert metas(head_of(client.get(f"{path}?lang=ru")))["description"][0].startswith(expected + " ")


def test_pages_without_a_headline_figure_describe_themselves_only(client):
    assert metas(head_of(client.get("/data?lang=kk")))["description"] == [gettext("kk", SUMMARIES["/data"])]


def test_the_language_cookie_chooses_the_chrome_when_the_address_names_none(client):
    client.set_cookie("lang", "ru")
    head = head_of(client.get("/regions"))
    assert served_title(head) == document_title(gettext("ru", HEADINGS["/regions"]), "ru")
    assert metas(head)["og:locale"] == ["ru_RU"]


def test_an_unknown_address_serves_the_not_found_chrome(client):
    head = head_of(client.get("/no-such-page?lang=ru"))
    assert served_title(head) == document_title(gettext("ru", "Page not found"), "ru")


def test_og_url_is_the_public_address_with_language_and_view(client, monkeypatch):
    monkeypatch.setenv("PUBLIC_URL", "https://dashboard.example.kz")
    tags = metas(head_of(client.get("/regions?metric=complaints&lang=kk&utm_source=x")))
    assert tags["og:url"] == ["https://dashboard.example.kz/regions?lang=kk&metric=complaints"]
    tags = metas(head_of(client.get("/")))
    assert tags["og:url"][0].startswith("https://dashboard.example.kz/?lang=")


def test_without_a_public_url_there_is_no_og_url(client, monkeypatch):
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    assert "og:url" not in metas(head_of(client.get("/?lang=en")))


def _store_data(layout: object, ident: str) -> dict | None:
    if isinstance(layout, dict):
        props = layout.get("props")
        if isinstance(props, dict) and props.get("id") == ident:
            return props.get("data")
        values = layout.values()
    elif isinstance(layout, list):
        values = layout
    else:
        return None
    for value in values:
        found = _store_data(value, ident)
        if found is not None:
            return found
    return None


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("path", ["/", "/visits", "/upr"])
def test_the_in_page_title_agrees_with_the_served_title(client, path, lang):
    served = served_title(head_of(client.get(f"{path}?lang={lang}")))
    # The layout a browser fetches for the page; a cookie in another language must not change it.
    client.set_cookie("lang", "kk" if lang != "kk" else "ru")
    layout = json.loads(client.get("/_dash-layout", headers={"Referer": f"http://localhost{path}?lang={lang}"}).data)
    assert _store_data(layout, "shell-meta")["title"] == served  # written by app.py's clientside callback
    assert _store_data(layout, "_pages_store")["title"] == served  # written by Dash's router callback


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_router_callback_titles_a_page_in_the_language_of_its_address(client, lang):
    from tests.dash_callbacks import UPDATE_COMPONENT, layout_components, pages_request

    served = served_title(head_of(client.get(f"/visits?lang={lang}")))
    client.set_cookie("lang", "kk" if lang != "kk" else "ru")  # a link followed inside the app names its language
    answer = client.post(UPDATE_COMPONENT, json=pages_request("/visits", f"?lang={lang}")).get_json()
    assert answer["response"]["_pages_store"]["data"]["title"] == served
    assert layout_components(answer)["shell-meta"]["data"]["title"] == served


@pytest.mark.parametrize(("lang", "country"), [("kk", "Қазақстанның"), ("ru", "Казахстана")])
def test_the_footers_map_credit_is_in_the_readers_script(client, lang, country):
    page = client.get(f"/about?lang={lang}").get_data(as_text=True)
    footer = page.split('class="site-footer"', 1)[1]
    assert "COD-AB Kazakhstan" not in footer
    credit = re.search(r"<p[^>]*>([^<]*geokz[^<]*)</p>", footer).group(1)
    # The licence's attribution stays whole: the author, the licence, the source it is derived from.
    for kept in ("geokz", "Родионов", "CC BY 4.0", "OCHA HDX", "COD-AB", country):
        assert kept in unescape(credit)


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        (
            "ru",
            [
                "В 2025 г. Омбудсмену поступила 1 жалоба о пытках.",
                "В 2025 г. Омбудсмену поступили 2 жалобы о пытках.",
                "В 2025 г. Омбудсмену поступило 5 жалоб о пытках.",
                "В 2025 г. Омбудсмену поступила 21 жалоба о пытках.",
                "В 2025 г. Омбудсмену поступило 240 жалоб о пытках.",
            ],
        ),
        ("kk", [f"2025 ж. Омбудсменге азаптау туралы {n} шағым келіп түсті." for n in (1, 2, 5, 21, 240)]),
        (
            "en",
            ["In 2025 the Ombudsman received 1 complaint about torture."]
            + [f"In 2025 the Ombudsman received {n} complaints about torture." for n in (2, 5, 21, 240)],
        ),
    ],
)
def test_a_headline_sentence_takes_the_form_its_number_asks_for(lang, forms):
    from components.chrome import headline_sentence

    figures = [{"key": "complaints", "value": n, "unit": "complaints", "period": "2025"} for n in (1, 2, 5, 21, 240)]
    assert [headline_sentence(figure, HEADLINES["complaints"], lang) for figure in figures] == forms


def test_a_cached_page_keeps_each_readers_language_when_only_the_cookie_names_it(client):
    """The routed layout is cached (web/delivery.py): its key holds the language cookie, so the title a
    cached page carries is the one of the reader's language, never the language of whoever came first."""
    seen = {}
    for lang in ("ru", "kk", "ru", "en"):
        client.set_cookie("lang", lang)
        served = served_title(head_of(client.get("/recommendations")))
        layout = json.loads(client.get("/_dash-layout", headers={"Referer": "http://localhost/recommendations"}).data)
        assert served == document_title(gettext(lang, HEADINGS["/recommendations"]), lang)
        assert _store_data(layout, "shell-meta")["title"] == _store_data(layout, "_pages_store")["title"] == served
        seen.setdefault(lang, served)
    assert len(set(seen.values())) == 3
