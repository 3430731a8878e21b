"""One public origin: the address readers use (PUBLIC_URL), never whatever a request's Host header says.

Citations, meta tags, redirects and cache keys are built from `public_origin()`. The WSGI
middleware `OneOrigin` also rewrites every request's Host (and scheme) to that origin before
Flask sees it, so `request.host_url`, `url_for(..., _external=True)` and redirects cannot
carry a forged host either. Without PUBLIC_URL (development), a loopback Host is kept as it
is and any other becomes `http://localhost`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import flask

from data_access.settings import load_settings

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
FALLBACK_ORIGIN = "http://localhost"


def _loopback(host: str) -> bool:
    try:
        return urlsplit(f"//{host}").hostname in LOOPBACK_HOSTS
    except ValueError:  # a port that is not a number
        return False


def public_origin() -> str:
    """`scheme://host[:port]` of the site, without a trailing slash: PUBLIC_URL's, else a loopback one."""
    configured = load_settings().public_url
    if configured:
        parts = urlsplit(configured)
        return f"{parts.scheme}://{parts.netloc}"
    if flask.has_request_context() and _loopback(flask.request.host):
        return f"{flask.request.scheme}://{flask.request.host}"
    return FALLBACK_ORIGIN


def public_host() -> str:
    """The host (and port) part of `public_origin()`."""
    return urlsplit(public_origin()).netloc


class OneOrigin:
    """WSGI middleware: every request reaches Flask as if addressed to the public origin."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        configured = load_settings().public_url
        if configured:
            parts = urlsplit(configured)
            scheme, host = parts.scheme, parts.netloc
        elif _loopback(environ.get("HTTP_HOST", "")):
            scheme, host = environ.get("wsgi.url_scheme", "http"), environ["HTTP_HOST"]
        else:
            scheme, host = urlsplit(FALLBACK_ORIGIN).scheme, urlsplit(FALLBACK_ORIGIN).netloc
        environ["HTTP_HOST"] = host
        environ["wsgi.url_scheme"] = scheme
        environ.pop("HTTP_X_FORWARDED_HOST", None)
        return self.app(environ, start_response)


def serve_one_origin(server: flask.Flask) -> None:
    """Put `OneOrigin` in front of the Flask server."""
    server.wsgi_app = OneOrigin(server.wsgi_app)  # type: ignore[method-assign]
