"""The read-only JSON API, version 1, under `/api/v1/`, and the dataset downloads it serves.

GET only; JSON written by orjson; every list paginated (`page`, `per_page`);
names and texts in `?lang=` (kk, ru, en; Kazakh by default); responses cached
by the query layer and marked cacheable for browsers and proxies (ETag,
Cache-Control); CORS open for GET, since the data is public. Bad input gives a
JSON error with HTTP 400 or 404 and a message, an unreachable database 503;
never a traceback. Every route is described by `/api/v1/openapi.json`.

The API reads the same queries as the pages (`data_access.queries`), so the
numbers cannot differ from what the dashboard shows.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from urllib.parse import urlencode

import flask
import pandas as pd
from werkzeug.exceptions import HTTPException

from components.data_catalog import (
    API_PREFIX,
    FORMATS,
    dataset_bytes,
    dataset_description,
    dataset_links,
    dataset_title,
    file_name,
    package_zip,
    table_schema,
)
from components.files import MEDIA_TYPES, json_bytes, records
from data_access.cache import cached
from data_access.queries import meta
from data_access.queries.base import DataUnavailable
from data_access.queries.catalog import DATASET_NAMES, dataset_frame, dataset_summaries
from data_access.queries.observations import observations
from data_access.settings import load_settings
from data_access.vocabulary import LANGUAGES, OBSERVATION_STATUSES, RECOMMENDATION_STATUSES
from web import routes

from .openapi import openapi_document

log = logging.getLogger(__name__)
PREFIX = API_PREFIX
DEFAULT_PER_PAGE = 100
MAX_PER_PAGE = 1000
CACHE_SECONDS = 300
RECOMMENDATION_ISSUERS = ("report", "npm", "ombudsman", "regional_reps")
_DIGITS = re.compile(r"[0-9]{1,10}")

api = flask.Blueprint("api_v1", __name__, url_prefix=PREFIX)


class ApiError(Exception):
    """A request the API cannot answer: HTTP `status` with a message for the caller."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# ---------------------------------------------------------------------------------------------
# Responses.


def _json_response(payload: object, status: int = 200) -> flask.Response:
    response = flask.Response(json_bytes(payload), status=status, mimetype="application/json")
    if status == 200:
        response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    else:
        response.headers["Cache-Control"] = "no-store"
    return response


def error_response(status: int, message: str) -> flask.Response:
    """`{"error": {"status": 400, "message": "..."}}` with that HTTP status."""
    return _cors(_json_response({"error": {"status": status, "message": message}}, status))


def _cors(response: flask.Response) -> flask.Response:
    # The data is public and the API read-only: any site may read it, but only with GET.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "Accept, If-None-Match"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Content-Disposition"
    response.headers["Access-Control-Max-Age"] = "86400"
    return response


@api.after_request
def _finish(response: flask.Response) -> flask.Response:
    """CORS on every answer; ETag and 304 on successful ones."""
    if response.status_code == 200 and flask.request.method in ("GET", "HEAD"):
        response.add_etag()
        response.make_conditional(flask.request)
    return _cors(response)


@api.errorhandler(ApiError)
def _api_error(error: ApiError) -> flask.Response:
    return error_response(error.status, error.message)


@api.errorhandler(DataUnavailable)
def _data_unavailable(_error: DataUnavailable) -> flask.Response:
    response = error_response(503, "The database is temporarily unavailable; please try again in a minute.")
    response.headers["Retry-After"] = "60"
    return response


@api.errorhandler(Exception)
def _unexpected(error: Exception) -> flask.Response:
    if isinstance(error, HTTPException):
        return error_response(error.code or 500, error.description or error.name)
    request_id = routes.request_id()
    log.exception("API request %s failed: %s", request_id, flask.request.full_path)
    return error_response(500, f"Internal error; it has been logged as request {request_id}.")


# ---------------------------------------------------------------------------------------------
# Reading the query string.


def _query(allowed: tuple[str, ...]) -> dict[str, str]:
    """The request's parameters, refusing unknown and repeated ones."""
    args = flask.request.args
    unknown = sorted(set(args) - set(allowed))
    if unknown:
        accepted = f"Allowed: {', '.join(allowed)}." if allowed else "This route takes no parameters."
        raise ApiError(400, f"Unknown parameter(s): {', '.join(unknown)}. {accepted}")
    repeated = sorted(name for name in args if len(args.getlist(name)) > 1)
    if repeated:
        raise ApiError(400, f"Parameter(s) given more than once: {', '.join(repeated)}.")
    return {name: args[name] for name in args}


def _lang(args: dict[str, str]) -> str:
    lang = args.get("lang", load_settings().default_language)
    if lang not in LANGUAGES:
        raise ApiError(400, f"Unknown language '{lang}'. Use one of: {', '.join(LANGUAGES)}.")
    return lang


def _positive(args: dict[str, str], name: str, default: int, maximum: int) -> int:
    raw = args.get(name)
    if raw is None:
        return default
    if not _DIGITS.fullmatch(raw) or not 1 <= int(raw) <= maximum:
        raise ApiError(400, f"'{name}' must be a whole number from 1 to {maximum}.")
    return int(raw)


def _choice(args: dict[str, str], name: str, allowed: list[str] | tuple[str, ...]) -> str | None:
    """A filter value that must be one of `allowed` (None when not given)."""
    value = args.get(name)
    if value is None:
        return None
    if value not in allowed:
        listed = ", ".join(allowed) if len(allowed) <= 30 else f"see {PREFIX}{CODE_LISTS.get(name, '')}"
        raise ApiError(400, f"Unknown {name.replace('_', ' ')} '{value}'. Known values: {listed}.")
    return value


# Where the codes a filter accepts are listed, for error messages.
CODE_LISTS = {
    "indicator": "/indicators",
    "region": "/regions",
    "agency": "/agencies",
    "facility_type": "/facility-types",
    "category": "/categories",
}


PAGING = ("page", "per_page")


def _release_version(lang: str) -> str:
    return str(meta.release_info(lang).get("version", ""))


def _list(rows: list[dict], args: dict[str, str], lang: str) -> flask.Response:
    """One page of `rows` with the envelope every list shares: data, meta, links."""
    per_page = _positive(args, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    page = _positive(args, "page", 1, 10**9)
    total = len(rows)
    pages = max(1, math.ceil(total / per_page))
    start = (page - 1) * per_page

    def link(number: int | None) -> str | None:
        if number is None:
            return None
        return f"{flask.request.path}?{urlencode({**args, 'page': number, 'per_page': per_page})}"

    return _json_response(
        {
            "data": rows[start : start + per_page],
            "meta": {
                "release": _release_version(lang),
                "lang": lang,
                "page": page,
                "per_page": per_page,
                "total": total,
                "pages": pages,
            },
            "links": {
                "self": link(page),
                "first": link(1),
                "last": link(pages),
                "next": link(page + 1) if page < pages else None,
                "prev": link(min(page - 1, pages)) if page > 1 else None,
            },
        }
    )


def _one(row: dict, lang: str) -> flask.Response:
    return _json_response({"data": row, "meta": {"release": _release_version(lang), "lang": lang}})


def _find(frame: pd.DataFrame, code: str, what: str) -> dict:
    match = frame[frame["code"] == code]
    if match.empty:
        raise ApiError(404, f"No {what} with code '{code}'.")
    return records(match)[0]


# ---------------------------------------------------------------------------------------------
# Dimension tables.


def _dimension_route(path: str, query: Callable[[str], pd.DataFrame], what: str, single: bool = True) -> None:
    """A list route `/path` (and `/path/<code>` when `single`) over a dimension query of `meta`."""
    endpoint = path.strip("/").replace("-", "_")

    def listing() -> flask.Response:
        args = _query(("lang", *PAGING))
        lang = _lang(args)
        return _list(records(query(lang)), args, lang)

    api.add_url_rule(path, endpoint, listing, methods=["GET"])
    if single:

        def one(code: str) -> flask.Response:
            lang = _lang(_query(("lang",)))
            return _one(_find(query(lang), code, what), lang)

        api.add_url_rule(f"{path}/<code>", f"{endpoint}_one", one, methods=["GET"])


_dimension_route("/regions", meta.regions, "region")
_dimension_route("/agencies", meta.agencies, "state body")
_dimension_route("/facility-types", meta.facility_types, "facility type")
_dimension_route("/categories", meta.categories, "category")
_dimension_route("/data-notes", meta.data_notes, "data note")


@api.get("/indicators")
def indicators() -> flask.Response:
    """Indicators with topic, unit, name and definition; `topic` keeps one topic."""
    args = _query(("lang", "topic", *PAGING))
    lang = _lang(args)
    frame = meta.indicators(lang)
    topic = _choice(args, "topic", sorted(frame["topic"].unique()))
    if topic is not None:
        frame = frame[frame["topic"] == topic]
    return _list(records(frame), args, lang)


@api.get("/indicators/<code>")
def indicator(code: str) -> flask.Response:
    """One indicator with its definition."""
    lang = _lang(_query(("lang",)))
    return _one(_find(meta.indicators(lang), code, "indicator"), lang)


# ---------------------------------------------------------------------------------------------
# Figures.

OBSERVATION_FILTERS = ("indicator", "topic", "period", "region", "agency", "facility_type", "category", "status")


@cached
def _filter_choices(lang: str) -> dict[str, list[str]]:
    """The values each filter accepts: codes of the dimension tables, periods with figures, recommendation codes."""
    indicators_frame = meta.indicators(lang)
    return {
        "indicator": sorted(indicators_frame["code"]),
        "topic": sorted(indicators_frame["topic"].unique()),
        "period": sorted(observations(lang)["period"].unique()),
        "region": sorted(meta.regions(lang)["code"]),
        "agency": sorted(meta.agencies(lang)["code"]),
        "facility_type": sorted(meta.facility_types(lang)["code"]),
        "category": sorted(meta.categories(lang)["code"]),
        "status": list(OBSERVATION_STATUSES),
        "recommendation": sorted(dataset_frame("recommendations", lang)["code"]),
    }


@api.get("/observations")
def observation_list() -> flask.Response:
    """Figures filtered by indicator, topic, period, region, agency, facility type, category and status."""
    args = _query(("lang", *OBSERVATION_FILTERS, *PAGING))
    lang = _lang(args)
    choices = _filter_choices(lang)
    chosen = {name: _choice(args, name, choices[name]) for name in OBSERVATION_FILTERS}
    indicator_filter: str | tuple[str, ...] | None = chosen["indicator"]
    if chosen["topic"] is not None:
        in_topic = meta.indicators(lang).query("topic == @chosen['topic']")["code"]
        indicator_filter = tuple(code for code in in_topic if chosen["indicator"] in (None, code))
    frame = (
        observations(
            lang,
            indicator=indicator_filter,
            period=chosen["period"],
            region=chosen["region"],
            agency=chosen["agency"],
            facility_type=chosen["facility_type"],
            category=chosen["category"],
        )
        if indicator_filter != ()
        else observations(lang).head(0)
    )
    if chosen["status"] is not None:
        frame = frame[frame["status"] == chosen["status"]]
    return _list(records(frame), args, lang)


# ---------------------------------------------------------------------------------------------
# Recommendations.


@cached
def _recommendation_rows(lang: str) -> list[dict]:
    """Every recommendation with its addressees and its status history, oldest status first."""
    frame = dataset_frame("recommendations", lang)
    addressees = dataset_frame("recommendation_addressees", lang)
    history = dataset_frame("recommendation_status_history", lang)
    by_code = {code: list(group["agency"]) for code, group in addressees.groupby("recommendation", sort=False)}
    history_by_code = {
        code: records(group.drop(columns="recommendation"))
        for code, group in history.groupby("recommendation", sort=False)
    }
    rows = records(frame)
    for row in rows:
        row["addressees"] = by_code.get(row["code"], [])
        row["status_history"] = history_by_code.get(row["code"], [])
    return rows


@api.get("/recommendations")
def recommendation_list() -> flask.Response:
    """The report's recommendations with status history; filter by `status`, `issuer` or addressee `agency`."""
    args = _query(("lang", "status", "issuer", "agency", *PAGING))
    lang = _lang(args)
    status = _choice(args, "status", RECOMMENDATION_STATUSES)
    issuer = _choice(args, "issuer", RECOMMENDATION_ISSUERS)
    agency = _choice(args, "agency", sorted(meta.agencies(lang)["code"]))
    rows = [
        row
        for row in _recommendation_rows(lang)
        if status in (None, row["status"])
        and issuer in (None, row["issuer"])
        and (agency is None or agency in row["addressees"])
    ]
    return _list(rows, args, lang)


@api.get("/recommendations/<code>")
def recommendation(code: str) -> flask.Response:
    """One recommendation with its addressees and status history."""
    lang = _lang(_query(("lang",)))
    for row in _recommendation_rows(lang):
        if row["code"] == code:
            return _one(row, lang)
    raise ApiError(404, f"No recommendation with code '{code}'.")


@api.get("/releases")
def release_list() -> flask.Response:
    """Every release imported, newest first."""
    args = _query(("lang", *PAGING))
    lang = _lang(args)
    return _list(records(dataset_frame("releases", lang)), args, lang)


# ---------------------------------------------------------------------------------------------
# Datasets and the data package.


@api.get("/datasets")
def dataset_list() -> flask.Response:
    """The catalogue: every dataset with description, rows, period, units, fields and download links."""
    args = _query(("lang", *PAGING))
    lang = _lang(args)
    summaries = dataset_summaries(lang).set_index("name")
    rows = []
    for name in DATASET_NAMES:
        summary = summaries.loc[name]
        rows.append(
            {
                "name": name,
                "title": dataset_title(name, lang),
                "description": dataset_description(name, lang),
                "rows": int(summary["rows"]),
                "period_from": summary["period_from"],
                "period_to": summary["period_to"],
                "units": list(summary["units"]),
                "schema": table_schema(name, lang),
                "downloads": dataset_links(name, lang),
            }
        )
    return _list(rows, args, lang)


@cached
def _dataset_file(name: str, fmt: str, lang: str, topic: str | None) -> bytes:
    frame = dataset_frame(name, lang, topic=topic)
    return dataset_bytes(name, fmt, frame, meta.release_info(lang), lang)


def _attachment(body: bytes, fmt: str, filename: str) -> flask.Response:
    response = flask.Response(body, mimetype=MEDIA_TYPES[fmt].split(";")[0])
    if fmt == "csv":
        response.headers["Content-Type"] = MEDIA_TYPES["csv"]
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


def _download(name: str, fmt: str, lang: str, topic: str | None = None) -> flask.Response:
    if fmt not in FORMATS:
        raise ApiError(404, f"No format '{fmt}'. Formats: {', '.join(FORMATS)}.")
    return _attachment(_dataset_file(name, fmt, lang, topic), fmt, file_name(name, lang, fmt, topic))


@api.get("/datasets/<name>.<fmt>")
def dataset_download(name: str, fmt: str) -> flask.Response:
    """One dataset as CSV, XLSX or JSON."""
    lang = _lang(_query(("lang",)))
    if name not in DATASET_NAMES:
        raise ApiError(404, f"No dataset '{name}'. Datasets: {', '.join(DATASET_NAMES)}.")
    return _download(name, fmt, lang)


@api.get("/datasets/observations/<topic>.<fmt>")
def topic_download(topic: str, fmt: str) -> flask.Response:
    """The figures of one topic as CSV, XLSX or JSON."""
    lang = _lang(_query(("lang",)))
    if topic not in _filter_choices(lang)["topic"]:
        raise ApiError(404, f"No topic '{topic}'. Topics: {', '.join(_filter_choices(lang)['topic'])}.")
    return _download("observations", fmt, lang, topic)


@cached
def _package_bytes(lang: str) -> bytes:
    frames = {name: dataset_frame(name, lang) for name in DATASET_NAMES}
    return package_zip(frames, meta.release_info(lang), lang)


@api.get("/datapackage.zip")
def datapackage() -> flask.Response:
    """Every dataset at once: a Frictionless Data Package (datapackage.json and one CSV per dataset) in a ZIP."""
    lang = _lang(_query(("lang",)))
    version = _release_version(lang)
    return _attachment(_package_bytes(lang), "zip", f"torture-prevention-data-{version}-{lang}.zip")


# ---------------------------------------------------------------------------------------------
# The index and the description of the API.


@api.get("/openapi.json")
def openapi() -> flask.Response:
    """The OpenAPI 3 document describing every route."""
    _query(())
    return _json_response(openapi_document(_filter_choices(load_settings().default_language)))


@api.get("/")
def index() -> flask.Response:
    """Where to start: the routes and the OpenAPI document."""
    _query(())
    paths = sorted(openapi_document(None)["paths"])
    return _json_response(
        {"data": {"version": "1", "openapi": f"{PREFIX}/openapi.json", "routes": [PREFIX + p for p in paths]}}
    )


def _not_found(rest: str = "") -> flask.Response:
    return error_response(404, f"No API route at /api/{rest}. See {PREFIX}/openapi.json for the routes.")


def register_api(server: flask.Flask) -> None:
    """Attach the API to the Flask server, with JSON errors for every address under /api/."""
    server.register_blueprint(api)
    # Without these, the Dash page router would answer unknown /api/ addresses with an HTML page.
    server.add_url_rule("/api", "api_root_not_found", _not_found, methods=["GET"], strict_slashes=False)
    server.add_url_rule("/api/<path:rest>", "api_not_found", _not_found, methods=["GET"])

    def method_not_allowed(error: HTTPException) -> flask.Response | HTTPException:
        if flask.request.path.startswith("/api/"):
            response = error_response(405, "The API is read-only: use GET.")
            response.headers["Allow"] = "GET, HEAD, OPTIONS"
            return response
        return error

    server.register_error_handler(405, method_not_allowed)

    @server.after_request
    def no_cookies_on_the_api(response: flask.Response) -> flask.Response:
        # The API is cacheable by anyone, so it must set no cookie (app.py remembers `?lang=` in one).
        # After-request functions run last-registered-first, and this is registered before app.py's.
        if flask.request.path.startswith("/api/"):
            response.headers.pop("Set-Cookie", None)
        return response


__all__ = ["ApiError", "api", "register_api"]
