"""Plain HTTP routes beside the Dash app: dataset downloads and the health check."""

from __future__ import annotations

import flask
from sqlalchemy import text

from data_access.cache import cache_backend_name, cache_healthy
from data_access.engine import get_engine
from data_access.queries.base import DataUnavailable

from .datasets import dataset, to_csv_bytes, to_xlsx_bytes
from .i18n import resolve_language

MIME = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plain(message: str, status: int) -> flask.Response:
    return flask.Response(message + "\n", status=status, mimetype="text/plain")


def download(name: str, fmt: str) -> flask.Response:
    """Serve a registered dataset as CSV or XLSX, with exactly the numbers its card shows."""
    function = dataset(name)
    if function is None or fmt not in MIME:
        return _plain(f"Unknown download '{name}.{fmt}'.", 404)
    lang = resolve_language(flask.request.args.get("lang"))
    params = {k: v for k, v in flask.request.args.items() if k != "lang"}
    try:
        data = function(lang, **params)
    except (TypeError, ValueError, KeyError) as error:
        return _plain(f"Bad download parameters: {error}", 400)
    except DataUnavailable:
        return _plain("Data temporarily unavailable; please try again in a minute.", 503)
    frame = data.download_frame()
    body = to_csv_bytes(frame) if fmt == "csv" else to_xlsx_bytes(frame)
    response = flask.Response(body, mimetype=MIME[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}-{lang}.{fmt}"'
    return response


def healthz() -> flask.Response:
    """Report whether the database and the cache answer (HTTP 503 if the database does not)."""
    database_ok = True
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means the database is not usable
        database_ok = False
    body = {
        "database": "ok" if database_ok else "unavailable",
        "cache": cache_backend_name() + (" ok" if cache_healthy() else " unavailable (in-process fallback)"),
    }
    return flask.jsonify(body), (200 if database_ok else 503)


def register_routes(server: flask.Flask) -> None:
    """Attach the download and health routes to the Flask server."""
    server.add_url_rule("/download/<name>.<fmt>", "download", download, methods=["GET"])
    server.add_url_rule("/healthz", "healthz", healthz, methods=["GET"])


__all__ = ["register_routes", "DataUnavailable"]
