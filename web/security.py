"""Security headers on every response, with a Content-Security-Policy as strict as Dash allows.

What the policy allows, and why (docs/deploy.md repeats this for operators):

- `default-src 'none'`: anything not listed below is refused, including frames,
  workers, media and plugins.
- `script-src 'self'` plus the SHA-256 hash of each inline script Dash writes
  into the page (`app.csp_hashes()`: the renderer start-up and the clientside
  callbacks given as inline JavaScript). No `'unsafe-inline'`, no `'unsafe-eval'`.
- `style-src 'self' 'unsafe-inline'`: dash-renderer, dash-core-components and
  plotly.js insert `<style>` elements and `style="…"` attributes while they run
  (a Chromium run under `style-src 'self'` logged 13 distinct blocked `<style>`
  contents and 4 blocked attributes, and charts lost their layout). Hashes cannot
  cover attributes without `'unsafe-hashes'`, and the contents change with each
  Dash and plotly version, so inline styles stay allowed. Styles cannot run code.
- `img-src 'self' data: blob:`: plotly's "download plot as PNG" and its
  modebar icons are `data:`/`blob:` images.
- `font-src 'self' data:`: fonts vendored under /assets, some inlined by Bootstrap.
- `connect-src 'self'`: callbacks, the API and the map's TopoJSON, all on this origin.
- `manifest-src 'self'`, `base-uri 'none'`, `form-action 'self'`,
  `frame-ancestors 'none'` (no one may frame the site: clickjacking), and
  `upgrade-insecure-requests` when served over HTTPS.
"""

from __future__ import annotations

import flask
from dash import Dash

from data_access.settings import Settings

HSTS_VALUE = "max-age=31536000; includeSubDomains"
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
        "payment", "usb", "fullscreen",
    )
)  # fmt: skip
STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    # For browsers that predate CSP's frame-ancestors.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def content_security_policy(app: Dash, https: bool = False) -> str:
    """The CSP: nothing from other origins; inline scripts only by hash (see the module docstring)."""
    hashes = " ".join(app.csp_hashes())  # already quoted: 'sha256-…'
    directives = [
        "default-src 'none'",
        f"script-src 'self' {hashes}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    if https:
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


def register_security_headers(app: Dash, settings: Settings) -> None:
    """Add the security headers to every response of the app's server.

    HSTS is sent only when the `HSTS` setting is on and the request came over
    HTTPS (behind a proxy, gunicorn's `--forwarded-allow-ips` makes
    `X-Forwarded-Proto: https` count): a browser ignores it over plain HTTP, and
    sending it from a development server would pin localhost to HTTPS.
    """
    policies: dict[bool, str] = {}

    @app.server.after_request
    def secure(response: flask.Response) -> flask.Response:
        https = settings.hsts and flask.request.is_secure
        if https not in policies:
            # Computed on the first response, once every page has registered its clientside callbacks.
            policies[https] = content_security_policy(app, https)
        response.headers["Content-Security-Policy"] = policies[https]
        response.headers.update(STATIC_HEADERS)
        if https:
            response.headers["Strict-Transport-Security"] = HSTS_VALUE
        return response
