"""Honest status codes and caching headers for what the app serves.

- An address that is no page answers 404 (Dash serves its index, with the translated
  "page not found" page, for every path; only the status is corrected here).
- Pages, `/_dash-layout` and downloads say what they depend on (`Vary`) and that a
  shared cache must not keep one visitor's copy for another (`Cache-Control: private`).
- `/robots.txt` is served; Dash's `/_reload-hash` exists only in debug mode.
"""

from __future__ import annotations

import dash
import flask

from data_access.settings import load_settings

from .delivery import page_for

INDEX_ENDPOINTS = frozenset({"/", "/<path:path>"})
NOT_FOUND_MODULE = "pages.not_found_404"
ROBOTS_TXT = "User-agent: *\nAllow: /\nDisallow: /_dash-\nDisallow: /api/\n"
# What each kind of dynamic response depends on, besides its URL.
PAGE_VARY = ("Cookie", "Accept-Encoding")
LAYOUT_VARY = ("Referer", "Cookie", "Accept-Encoding")
REVALIDATE = "private, no-cache"


def is_known_page(path: str) -> bool:
    """Whether `path` is one of the app's pages (the not-found page itself is not)."""
    app = dash.get_app()
    page = page_for(app.strip_relative_path(path) or "")
    return page is not None and page.get("module") != NOT_FOUND_MODULE


def _vary(response: flask.Response, names: tuple[str, ...]) -> None:
    for name in names:
        response.vary.add(name)


def _revalidate(response: flask.Response) -> None:
    if "Cache-Control" not in response.headers:  # error responses already say no-store
        response.headers["Cache-Control"] = REVALIDATE


def robots_txt() -> flask.Response:
    """`/robots.txt`: pages may be indexed; Dash's endpoints and the API are not pages."""
    response = flask.Response(ROBOTS_TXT, mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


def register_response_rules(server: flask.Flask) -> None:
    """Attach the status and header rules above to the Flask server."""
    server.add_url_rule("/robots.txt", "robots_txt", robots_txt, methods=["GET"])

    @server.before_request
    def debug_routes_only_in_debug() -> flask.Response | None:
        if flask.request.path.endswith("/_reload-hash") and not load_settings().debug:
            flask.abort(404)
        return None

    @server.after_request
    def status_and_caching(response: flask.Response) -> flask.Response:
        endpoint = flask.request.endpoint or ""
        if endpoint in INDEX_ENDPOINTS and flask.request.method in ("GET", "HEAD"):
            if response.status_code == 200 and not is_known_page(flask.request.path):
                response.status_code = 404
            _vary(response, PAGE_VARY)
            _revalidate(response)
        elif endpoint == "/_dash-layout":
            _vary(response, LAYOUT_VARY)
            _revalidate(response)
        elif endpoint in ("download", "upr_pdf"):
            _vary(response, PAGE_VARY)
            if endpoint == "download":
                _revalidate(response)
        return response
