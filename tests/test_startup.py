"""Starting with the database down: 503 with Retry-After until it is reachable, then set up and served."""

from __future__ import annotations

import flask
import pytest


@pytest.fixture
def gated(monkeypatch):
    """A Flask server behind the start-up gate, with a database that answers once `up` is set."""
    from data_access.settings import load_settings
    from web import startup
    from web.routes import register_error_handlers

    database = {"up": False, "setups": 0}

    def ensure_database(_engine: object) -> None:
        if not database["up"]:
            raise ConnectionRefusedError("database down")
        database["setups"] += 1

    monkeypatch.setattr(startup, "ensure_database", ensure_database)
    monkeypatch.setattr(startup, "get_engine", lambda _settings: None)
    monkeypatch.setattr(startup, "RETRY_SECONDS", 0.0)
    server = flask.Flask("gated")
    startup.prepare_database(server, load_settings())
    register_error_handlers(server)
    server.add_url_rule("/page", "page", lambda: "the page")
    server.add_url_rule("/healthz", "healthz", lambda: "health")
    return server.test_client(), database


def test_while_the_database_is_down_pages_answer_503_with_retry_after(gated):
    client, _ = gated
    response = client.get("/page?lang=ru")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert response.headers["Cache-Control"] == "no-store"
    assert 'lang="ru"' in response.get_data(as_text=True), "the translated error page"
    assert client.get("/healthz").status_code == 200, "the health check itself is not gated"


def test_once_the_database_answers_it_is_set_up_once_and_the_site_serves(gated):
    client, database = gated
    assert client.get("/page").status_code == 503
    database["up"] = True
    assert client.get("/page").data == b"the page"
    assert client.get("/page").data == b"the page"
    assert database["setups"] == 1


def test_a_database_up_at_start_is_set_up_at_once(monkeypatch):
    from data_access.settings import load_settings
    from web import startup

    calls: list[object] = []
    monkeypatch.setattr(startup, "ensure_database", calls.append)
    monkeypatch.setattr(startup, "get_engine", lambda _settings: "engine")
    server = flask.Flask("ready")
    startup.prepare_database(server, load_settings())
    assert calls == ["engine"]
    assert not server.before_request_funcs, "no gate when the database answered"


def test_a_set_up_database_starts_the_pdf_build_of_its_current_release_unless_that_build_failed(monkeypatch):
    from data_access.settings import load_settings
    from web import startup

    started: list[tuple[str, bool]] = []
    monkeypatch.setattr(startup, "ensure_database", lambda _engine: None)
    monkeypatch.setattr(startup, "get_engine", lambda _settings: "engine")
    monkeypatch.setattr(startup, "current_release_version", lambda engine: "2026.1" if engine == "engine" else None)
    monkeypatch.setattr(
        startup, "start_pdf_build", lambda version, after_failure: started.append((version, after_failure))
    )
    startup.prepare_database(flask.Flask("ready"), load_settings())
    assert started == [("2026.1", False)]  # a restart does not retry a release whose build failed


def test_a_failing_pdf_check_does_not_keep_the_site_closed(monkeypatch):
    from data_access.settings import load_settings
    from web import startup

    def unreadable(_engine: object) -> str:
        raise OSError("instance folder not readable")

    monkeypatch.setattr(startup, "ensure_database", lambda _engine: None)
    monkeypatch.setattr(startup, "get_engine", lambda _settings: "engine")
    monkeypatch.setattr(startup, "current_release_version", unreadable)
    server = flask.Flask("ready")
    startup.prepare_database(server, load_settings())
    assert not server.before_request_funcs, "served at once, without the PDFs"
