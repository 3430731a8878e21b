"""Plain HTTP routes beside the Dash app: dataset downloads, the health check, and the error handler.

Every response carries an `X-Request-Id`; every unexpected error is logged with
that id and its traceback, and the visitor sees only the id, never the traceback.
"""

from __future__ import annotations

import html
import json
import logging
import re
import uuid

import dash
import flask
from werkzeug.exceptions import HTTPException, InternalServerError

from components.datasets import dataset, dataset_params, download_filename
from components.files import MEDIA_TYPES, csv_bytes, xlsx_bytes
from components.i18n import resolve_language, translator
from components.page import read_params
from data_access.cache import cache_backend_name, cache_healthy
from data_access.health import database_health
from data_access.queries.base import DataUnavailable
from data_access.queries.meta import release_info

from .callback_guard import callback_request_problem, raised_in_app_code
from .hosts import serve_one_origin
from .responses import register_response_rules
from .upr_pdf import register_upr_pdf_route

log = logging.getLogger(__name__)

DOWNLOAD_FORMATS = ("csv", "xlsx")
# A request id a reverse proxy may pass in (X-Request-Id) is kept only if it is this plain, so that it
# cannot forge log lines or inject markup into the error page.
INCOMING_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
RETRY_AFTER_SECONDS = "60"
# No request of this app carries more than a few kilobytes (callback inputs, API queries); a bigger body is
# refused with 413 before it is read, so no one can make a worker parse megabytes of JSON.
MAX_REQUEST_BYTES = 1024 * 1024
CALLBACK_PATH = "/_dash-update-component"
COMPONENT_SUITES_PATH = "/_dash-component-suites/"


def _plain(message: str, status: int) -> flask.Response:
    return flask.Response(message + "\n", status=status, mimetype="text/plain")


def download(name: str, fmt: str) -> flask.Response:
    """Serve a registered dataset as CSV or XLSX, with exactly the numbers its card shows."""
    function = dataset(name)
    if function is None or fmt not in DOWNLOAD_FORMATS:
        return _plain(f"Unknown download '{name}.{fmt}'.", 404)
    lang = resolve_language(flask.request.args.get("lang"))
    given = {k: v for k, v in flask.request.args.items() if k != "lang"}
    # The page's own parameter spec, the one its layout and callbacks read: a value it does not know, or a
    # parameter it does not take, is refused here, never replaced by a default the reader did not ask for.
    try:
        checked = read_params(dataset_params(name), given, lang)
    except DataUnavailable:
        return _unavailable_plain()
    if not checked.ok:
        log.info(
            "request %s: bad download parameters for %s: %s", request_id(), name, checked.refused + checked.unknown
        )
        return _plain(f"Bad download parameters for '{name}': see the links on the page for the ones it takes.", 400)
    params = {k: v for k, v in checked.values.items() if k in given}
    try:
        data = function(lang, **params)
        # The release the figures are from, a column of every row (a reader may keep files of several releases).
        release = str(release_info(lang).get("version") or "")
    except (TypeError, ValueError, KeyError) as error:
        # The reason stays in the log: the exception's text names the code's internals.
        log.info("request %s: bad download parameters for %s: %s", request_id(), name, error)
        return _plain(f"Bad download parameters for '{name}': see the links on the page for the ones it takes.", 400)
    except DataUnavailable:
        return _unavailable_plain()
    frame = data.download_frame(lang, release)
    body = csv_bytes(frame) if fmt == "csv" else xlsx_bytes({"data": frame})
    # `content_type`, not `mimetype`: Flask would add a second "; charset=utf-8" to text/csv.
    response = flask.Response(body, content_type=MEDIA_TYPES[fmt])
    # A readable name (page, what, view, period, language); plain ASCII, so no filename* is needed.
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{download_filename(name, data, params, lang, fmt)}"'
    )
    return response


def _unavailable_plain() -> flask.Response:
    response = _plain("Data temporarily unavailable; please try again in a minute.", 503)
    response.headers["Retry-After"] = RETRY_AFTER_SECONDS
    return response


# ---------------------------------------------------------------------------------------------- health


def cache_health() -> dict[str, object]:
    """Which cache store is configured, whether it answers, and whether queries fall back to memory."""
    backend = cache_backend_name()
    healthy = cache_healthy()
    return {"backend": backend, "ok": healthy, "fallback": None if healthy else "memory"}


def healthz() -> flask.Response:
    """`/healthz`: the database and the cache.

    200 with status "ok" when both answer; 200 with "degraded" when only the
    cache is down (queries then use each worker's in-process cache, so the site
    still serves); 503 with "unavailable" when the database is down.
    """
    database = database_health()
    cache = cache_health()
    if not database["ok"]:
        status, code = "unavailable", 503
    elif not cache["ok"]:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    response = flask.jsonify({"status": status, "database": database, "cache": cache})
    response.status_code = code
    response.headers["Cache-Control"] = "no-store"
    if code == 503:
        response.headers["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def register_routes(server: flask.Flask) -> None:
    """Attach the download and health routes, the PDF route and the error handling to the Flask server."""
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    serve_one_origin(server)
    server.add_url_rule("/download/<name>.<fmt>", "download", download, methods=["GET"])
    server.add_url_rule("/healthz", "healthz", healthz, methods=["GET"])
    register_upr_pdf_route(server)
    register_response_rules(server)
    register_error_handlers(server)


# ---------------------------------------------------------------------------------------------- errors


def request_id() -> str:
    """The id of the current request: the proxy's X-Request-Id if it is plain, else a new random one."""
    current = getattr(flask.g, "request_id", None)
    if current is None:
        incoming = flask.request.headers.get("X-Request-Id", "")
        current = incoming if INCOMING_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex[:16]
        flask.g.request_id = current
    return current


def _wants_json() -> bool:
    path = flask.request.path
    return path.startswith(("/_dash-", "/api/")) or flask.request.accept_mimetypes.best == "application/json"


def _json_error(status: int, message: str) -> flask.Response:
    body = {"message": message, "request_id": request_id()}
    return flask.Response(json.dumps(body), status=status, mimetype="application/json")


def error_page(status: int) -> flask.Response:
    """The visitor's error page in their language: what happened, what to do, and the request id."""
    lang = resolve_language(flask.request.args.get("lang"))
    _ = translator(lang)
    if status == 503:
        title = _("Data temporarily unavailable")
        text = _("The database cannot be reached at the moment. Please try again in a minute.")
    else:
        title = _("Something went wrong")
        text = _("The page could not be shown because of an error on our side. Please try again in a minute.")
    reference = _("If this keeps happening, tell us this request number: {request_id}").format(request_id=request_id())
    back = _("Back to the overview")
    page = (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head>"
        f"<body><main><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p><p>{html.escape(reference)}</p>"
        f'<p><a href="/?lang={lang}">{html.escape(back)}</a></p></main></body></html>\n'
    )
    return flask.Response(page, status=status, mimetype="text/html")


def handle_error(error: Exception) -> flask.Response | HTTPException:
    """Never show a traceback: log it with the request id, and answer with that id.

    - HTTP errors (404, 405, 413, 400 from a body that is not JSON) pass through as they are,
      in JSON on Dash's endpoints and the API.
    - `DataUnavailable` that a view did not catch: 503 with Retry-After.
    - On Dash's endpoints, an error raised inside Dash only (an unknown
      output, missing inputs, values it cannot read): 400, the client's error.
    - Anything else: 500, logged with its traceback; the visitor gets the request id.
    JSON for Dash's endpoints and the API, an HTML page in the visitor's language otherwise.
    """
    if isinstance(error, InternalServerError) and error.original_exception is not None:
        # Flask wraps what escapes the view's own handling (e.g. an after-request hook) in a 500.
        error = error.original_exception
    if isinstance(error, HTTPException):
        if _wants_json() and error.code is not None and error.code >= 400:
            # Dash's endpoints and the API answer errors in JSON, never in Werkzeug's HTML page.
            response = _json_error(error.code, error.name)
            response.headers["Cache-Control"] = "no-store"
            return response
        return error
    if isinstance(error, DataUnavailable):
        log.warning("request %s %s: data unavailable: %s", request_id(), flask.request.path, error)
        return unavailable_response()
    elif flask.request.path.startswith(COMPONENT_SUITES_PATH) and not raised_in_app_code(error):
        status = 404  # no such package or file of Dash's component suites
        message = "Not Found"
    elif flask.request.path.startswith("/_dash-") and not raised_in_app_code(error):
        log.info("request %s %s: malformed Dash request (%s)", request_id(), flask.request.path, type(error).__name__)
        status = 400
        message = "This request could not be processed: it does not match any callback of this app."
    else:
        log.error("request %s %s %s failed", request_id(), flask.request.method, flask.request.path, exc_info=error)
        status = 500
        message = "Internal error; it has been logged. Quote the request id if you report it."
    return _error_response(status, message)


def _error_response(status: int, message: str) -> flask.Response:
    response = _json_error(status, message) if _wants_json() else error_page(status)
    response.headers["Cache-Control"] = "no-store"
    if status == 503:
        response.headers["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def unavailable_response() -> flask.Response:
    """503 with Retry-After: JSON on Dash's endpoints and the API, the translated page otherwise."""
    return _error_response(503, "The database is temporarily unavailable; please try again in a minute.")


def register_error_handlers(server: flask.Flask) -> None:
    """Request ids on every response, and the error handler above for every exception."""

    @server.before_request
    def assign_request_id() -> None:
        request_id()

    @server.before_request
    def refuse_malformed_callback_requests() -> flask.Response | None:
        if flask.request.path != CALLBACK_PATH or flask.request.method != "POST":
            return None
        try:
            body = flask.request.get_json(silent=True)
        except RecursionError:  # JSON nested deeper than Python parses
            body = None
        problem = callback_request_problem(body, dash.get_app().callback_map)
        if problem is None:
            return None
        log.info("request %s: malformed callback request: %s", request_id(), problem)
        response = _json_error(400, f"This request does not match any callback of this app: {problem}.")
        response.headers["Cache-Control"] = "no-store"
        return response

    @server.after_request
    def expose_request_id(response: flask.Response) -> flask.Response:
        response.headers["X-Request-Id"] = request_id()
        return response

    server.register_error_handler(Exception, handle_error)
