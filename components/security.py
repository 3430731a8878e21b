"""Security headers on every response, with a Content-Security-Policy as strict as Dash allows."""

from __future__ import annotations

import flask
from dash import Dash

from data_access.settings import Settings


def content_security_policy(app: Dash) -> str:
    """The CSP: nothing from other origins; inline scripts only by hash.

    Dash still needs: the hashes of its inline renderer and clientside-callback
    scripts (`app.csp_hashes()`), and `style-src 'unsafe-inline'` because
    plotly.js and Dash components set styles at run time. Images may be
    `data:`/`blob:` URIs (plotly's "download plot as PNG").
    """
    hashes = " ".join(app.csp_hashes())  # already quoted: 'sha256-…'
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {hashes}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def register_security_headers(app: Dash, settings: Settings) -> None:
    """Add the security headers to every response of the app's server."""
    policy: dict[str, str] = {}

    @app.server.after_request
    def secure(response: flask.Response) -> flask.Response:
        if "csp" not in policy:
            # Computed on the first response, once every page has registered its clientside callbacks.
            policy["csp"] = content_security_policy(app)
        response.headers["Content-Security-Policy"] = policy["csp"]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if settings.hsts:
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        return response
