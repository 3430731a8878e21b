"""One public origin: a forged Host header reaches no body, header or redirect."""

from __future__ import annotations

import pytest

FORGED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}


@pytest.fixture(scope="module")
def client(bundled):
    import app  # builds the Dash app with its pages

    return app.server.test_client()


@pytest.mark.parametrize("path", ["/api/v1", "/upr?lang=en", "/data?lang=en", "/nonexistent"])
def test_a_forged_host_reaches_no_body_or_header(client, path):
    response = client.get(path, headers=FORGED)
    assert b"evil.example" not in response.get_data()
    assert "evil.example" not in str(response.headers)


def test_redirects_go_to_the_public_url(client, monkeypatch):
    monkeypatch.setenv("PUBLIC_URL", "https://dashboard.example.kz")
    response = client.get("/api/v1", headers=FORGED)
    assert response.status_code in (301, 302, 307, 308)
    assert response.headers["Location"].startswith("https://dashboard.example.kz/")


def test_without_public_url_a_loopback_host_is_kept(client, monkeypatch):
    from web.hosts import public_origin

    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with client.application.test_request_context("/", headers={"Host": "127.0.0.1:8050"}):
        assert public_origin() == "http://127.0.0.1:8050"
    with client.application.test_request_context("/", headers={"Host": "localhost:x"}):
        assert public_origin() == "http://localhost"
