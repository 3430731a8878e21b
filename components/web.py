"""Plain HTTP routes beside the Dash app: dataset downloads and the health check."""

from __future__ import annotations

import json
import logging
import uuid

import flask
from sqlalchemy import text
from werkzeug.exceptions import HTTPException

from data_access.cache import cache_backend_name, cache_healthy
from data_access.engine import get_engine
from data_access.queries.base import DataUnavailable

from .datasets import dataset, to_csv_bytes, to_xlsx_bytes
from .i18n import resolve_language
from .upr_pdf import register_upr_pdf_route

log = logging.getLogger(__name__)

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
    register_upr_pdf_route(server)
    register_error_handlers(server)



def _request_id() -> str:
    request_id = getattr(flask.g, "request_id", None)
    if request_id is None:
        request_id = flask.g.request_id = uuid.uuid4().hex[:12]
    return request_id


def handle_error(error: Exception) -> flask.Response | HTTPException:
    """Never show a traceback: log it with a request id, and answer with that id.

    A request to Dash's callback endpoint that the app cannot process (an
    unknown output, missing inputs, values of the wrong type) is the client's
    error: 400 with a short JSON message. Anything else is a 500 page that
    names the request id, so a visitor can report it and we can find the log.
    """
    if isinstance(error, HTTPException):
        return error
    request_id = _request_id()
    log.error("request %s %s %s failed", request_id, flask.request.method, flask.request.path, exc_info=error)
    if flask.request.path.endswith("/_dash-update-component"):
        body = {"message": "This request could not be processed: it does not match any callback of this app.", "request_id": request_id}
        return flask.Response(json.dumps(body), status=400, mimetype="application/json")
    return _plain(f"Something went wrong on our side. Please try again; if it persists, quote request id {request_id}.", 500)


def register_error_handlers(server: flask.Flask) -> None:
    """Request ids on every response, and the error handler above."""

    @server.before_request
    def assign_request_id() -> None:
        _request_id()

    @server.after_request
    def expose_request_id(response: flask.Response) -> flask.Response:
        response.headers["X-Request-Id"] = _request_id()
        return response

    server.register_error_handler(Exception, handle_error)
