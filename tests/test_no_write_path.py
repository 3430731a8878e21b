"""The public site has no write path over HTTP: every route, with every method, leaves the database as it was.

The test enumerates the Flask URL map (so a route added later is covered, or
fails the test until it is), fills each route's variables with real and junk
values, sends every HTTP method with and without a body, calls every server
callback with the values of the rendered pages, and then checks two things on
SQLite and PostgreSQL: a checksum of every table is unchanged, and the only
SQL the requests ran were reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import dash
import pytest
from sqlalchemy import Engine, event

from components.datasets import dataset_names
from data_access.queries.catalog import DATASET_NAMES
from tests.dash_callbacks import (
    DEPENDENCIES,
    UPDATE_COMPONENT,
    layout_components,
    pages_request,
    server_callbacks,
    valid_request,
)
from tests.db_state import database_checksum

METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
READ_ONLY_METHODS = {"GET", "HEAD", "OPTIONS"}
# The one route that takes a POST: Dash's callback endpoint, which computes views and writes nothing.
POST_ROUTES = {"/_dash-update-component"}
# Reads: SELECT (not SELECT … INTO, which creates a table), and the settings SQLite and PostgreSQL read on connect.
READ_STATEMENT = re.compile(r"^\s*(SELECT|PRAGMA|SHOW)\b", re.I)
SELECT_INTO = re.compile(r"\bINTO\b", re.I)
JUNK = ("zz-unknown", "..%2F..%2Fetc%2Fpasswd", "%00", "x" * 300, "'; DROP TABLE observation; --")
BODIES = ({}, {"json": {"inputs": [], "output": "x.children"}}, {"data": "a=1&b=2"}, {"data": b"\xff\xfe\x00"})


@pytest.fixture(scope="module")
def dash_app(bundled):
    import app

    return app.app


def _values(variable: str, rule: str, client) -> list[str]:
    """Real and junk values for one variable of a route."""
    if rule.startswith("/api/v1/regions"):
        real = ["KZ-61"]
    elif rule.startswith("/api/v1/agencies"):
        real = ["MVD"]
    elif rule.startswith("/api/v1/indicators"):
        real = ["prisoners"]
    elif rule.startswith("/api/v1/recommendations"):
        real = ["R-01"]
    elif rule.startswith("/api/v1/datasets/observations"):
        real = ["cases"] if variable == "topic" else ["csv", "json", "xlsx"]
    elif rule.startswith("/api/v1/datasets"):
        real = list(DATASET_NAMES) if variable == "name" else ["csv", "json", "xlsx"]
    elif rule.startswith("/download"):
        real = dataset_names() if variable == "name" else ["csv", "xlsx"]
    elif rule.startswith("/pdf"):
        real = ["upr-2026.2-en.pdf"]
    elif rule.startswith("/_dash-component-suites"):
        page = client.get("/").get_data(as_text=True)
        suites = re.findall(r'src="/_dash-component-suites/([^/]+)/([^"]+)"', page)
        real = [package if variable == "package_name" else path for package, path in suites[:3]]
    elif rule.startswith(("/assets", "/static")):
        real = ["dashboard.css", "dashboard.js"]
    elif variable == "path" or variable == "rest":
        real = [p["path"].lstrip("/") for p in dash.page_registry.values() if p["path"] != "/"] + ["v1/regions"]
    else:
        real = []
    return real + list(JUNK)


def urls(rule, client) -> Iterator[str]:
    """Concrete URLs for a route: each variable takes each of its values (others at their first value)."""
    variables = re.findall(r"<(?:[^:>]+:)?([^>]+)>", rule.rule)
    if not variables:
        yield rule.rule
        return
    choices = {name: _values(name, rule.rule, client) for name in variables}
    for varied in variables:
        for value in choices[varied]:
            url = rule.rule
            for name in variables:
                url = re.sub(rf"<(?:[^:>]+:)?{name}>", value if name == varied else choices[name][0], url)
            yield url


def _statement_recorder(statements: list[str]):
    def record(_conn, _cursor, statement: str, *_args: object) -> None:
        statements.append(statement)

    return record


def test_only_the_callback_endpoint_accepts_a_post_and_no_route_accepts_put_patch_or_delete(dash_app) -> None:
    for rule in dash_app.server.url_map.iter_rules():
        writes = set(rule.methods) - READ_ONLY_METHODS
        assert writes <= ({"POST"} if rule.rule in POST_ROUTES else set()), (rule.rule, writes)


def test_no_route_and_no_callback_changes_the_database(dash_app, bundled: Engine) -> None:
    from data_access.cache import cache

    client = dash_app.server.test_client()
    cache.clear()  # the same release on both backends: start cold, so every query reaches this database
    before = database_checksum(bundled)
    statements: list[str] = []
    recorder = _statement_recorder(statements)
    event.listen(Engine, "before_cursor_execute", recorder)
    sent = 0
    statuses: dict[int, int] = {}
    try:
        for rule in dash_app.server.url_map.iter_rules():
            for url in urls(rule, client):
                for method in METHODS:
                    for body in BODIES if method not in ("GET", "HEAD") else ({},):
                        response = client.open(url + "?lang=en", method=method, **body)
                        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                        sent += 1
                        assert response.status_code < 500, (method, url, response.status_code)
        # Every page, then every server callback with the values the rendered pages hold.
        components: dict[str, dict] = {}
        for page in dash.page_registry.values():
            for search in ("", "?lang=ru", "?lang=en&region=KZ-61&metric=count&agency=MVD&topic=cases"):
                response = client.post(UPDATE_COMPONENT, json=pages_request(page["path"], search))
                assert response.status_code == 200, page["path"]
                components.update(layout_components(response.get_json()))
                sent += 1
        for callback in server_callbacks(client.get(DEPENDENCIES).get_json()):
            response = client.post(UPDATE_COMPONENT, json=valid_request(callback, components))
            assert response.status_code in (200, 204), callback.name
            sent += 1
    finally:
        event.remove(Engine, "before_cursor_execute", recorder)
    print(
        f"\nno write path on {bundled.dialect.name}: {sent} requests, {len(statements)} SQL statements, statuses {statuses}"
    )
    assert sent > 1000, "the enumeration reached every route with every method"
    assert statements, "the requests did read the database"
    writes = [s for s in statements if not READ_STATEMENT.match(s) or SELECT_INTO.search(s)]
    assert writes == []
    assert database_checksum(bundled) == before


def test_the_app_serves_every_page_with_a_database_role_that_can_only_read(tmp_path) -> None:
    """Defence in depth, as docs/deploy.md recommends: the web servers' PostgreSQL role has SELECT and nothing else."""
    import json
    import uuid

    from sqlalchemy import create_engine, text

    from data_access import engine as engine_module
    from tests.conftest import POSTGRES_ADMIN_URL
    from tests.faults import app_server

    name, role = f"tpd_ro_{uuid.uuid4().hex[:10]}", f"tpd_reader_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    owner_url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
        connection.execute(text(f"CREATE ROLE {role} LOGIN"))
    try:
        owner = engine_module.make_engine(owner_url)
        engine_module.ensure_database(owner)  # as the operator does: migrate and import with the owner role
        with owner.connect() as connection:
            connection.execute(text("REVOKE ALL ON SCHEMA public FROM PUBLIC"))
            connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
            connection.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
            connection.commit()
        before = database_checksum(owner)
        reader_url = owner_url.replace("postgres@", f"{role}@", 1)
        with app_server({"DATABASE_URL": reader_url, "INSTANCE_DIR": str(tmp_path / "instance")}) as server:
            health = json.loads(server.request("/healthz")[1])
            assert health["database"]["ok"] and health["status"] == "ok"
            for page in dash.page_registry.values():
                status, body, _ = server.request(UPDATE_COMPONENT, pages_request(page["path"], "?lang=en"))
                assert status == 200 and b"Data temporarily unavailable" not in body, page["path"]
            assert server.request("/api/v1/observations?indicator=complaints_received")[0] == 200
        # The role really cannot write: the database refuses it.
        reader = create_engine(reader_url)
        with reader.connect() as connection, pytest.raises(Exception, match="permission denied"):
            connection.execute(text("DELETE FROM observation"))
        reader.dispose()
        assert database_checksum(owner) == before
        owner.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()
