"""Real status codes and caching headers: 404 for what is no page, JSON errors on Dash's routes,
Vary and Cache-Control on dynamic responses, no symlinks out of the PDF folder."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="module")
def client(bundled):
    import app  # builds the Dash app with its pages

    return app.server.test_client()


@pytest.mark.parametrize("path", ["/nonexistent", "/.env", "/API/v1/regions", "/REGIONS", "/404", "/_reload-hash"])
def test_an_address_that_is_no_page_answers_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/", "/regions", "/regions/", "/about?lang=en"])
def test_pages_answer_200_and_may_not_be_shared_between_visitors(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert {"Cookie", "Accept-Encoding"} <= set(response.vary)


def test_the_routed_layout_varies_with_the_referer(client):
    response = client.get("/_dash-layout", headers={"Referer": "http://localhost/about?lang=en"})
    assert {"Referer", "Cookie"} <= set(response.vary)
    assert response.headers["Cache-Control"] == "private, no-cache"


def test_downloads_vary_with_the_language_cookie(client):
    response = client.get("/download/nope.csv")
    assert "Cookie" in response.vary
    assert "Cache-Control" in response.headers


def test_an_unknown_component_suite_file_is_404_json(client):
    response = client.get("/_dash-component-suites/../app.py")
    assert response.status_code == 404
    assert response.is_json


def test_a_too_large_callback_body_is_413_json(client):
    response = client.post("/_dash-update-component", data=b"x" * (2 * 1024 * 1024), content_type="application/json")
    assert response.status_code == 413
    assert response.is_json and response.get_json()["request_id"]


def test_robots_txt_is_served(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert b"User-agent" in response.data


def test_the_pdf_route_refuses_a_symlink_out_of_its_folder(client, tmp_path, monkeypatch):
    from web import upr_pdf

    folder = tmp_path / "pdf"
    folder.mkdir()
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 not for the public")
    os.symlink(secret, folder / "upr-2026.2-en.pdf")
    (folder / "upr-2026.2-kk.pdf").write_bytes(b"%PDF-1.4 the briefing")
    monkeypatch.setattr(upr_pdf, "pdf_directory", lambda: folder)
    assert client.get("/pdf/upr-2026.2-en.pdf").status_code == 404
    assert client.get("/pdf/upr-2026.2-kk.pdf").status_code == 200
