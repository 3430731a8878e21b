"""The torture-prevention oversight dashboard: builds the Dash app and exposes `server` for WSGI.

`python app.py` runs it on the embedded SQLite default; in production run
`gunicorn app:server` (settings in gunicorn.conf.py).
"""

from __future__ import annotations

import logging
from html import escape

import dash
import flask
from dash import Input, html

from api import register_api
from components.chrome import reader_language
from components.i18n import LANG_COOKIE, is_language
from data_access.cache import init_cache
from data_access.settings import load_settings
from web.chrome import page_chrome
from web.delivery import DeliveredDash, speed_up
from web.routes import register_routes
from web.security import register_security_headers
from web.startup import prepare_database, warm_up

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
settings = load_settings()


class LocalisedDash(DeliveredDash):
    """Dash whose index page is in the reader's language: `<html lang>`, the page's `<title>`, description,
    Open Graph and Twitter card tags (web/chrome.py), and the delivery of web/delivery.py."""

    def interpolate_index(self, **kwargs: object) -> str:
        lang = reader_language()  # as the page itself chooses it: ?lang=, the cookie, the page's default
        chrome = page_chrome(flask.request.path, lang, str(kwargs.get("title", "")))
        kwargs["title"] = escape(chrome.title)
        kwargs["metas"] = "\n      ".join(part for part in (str(kwargs.get("metas", "")), chrome.metas) if part)
        page = super().interpolate_index(**kwargs)
        # Dash wraps its scripts in a <footer>: a second contentinfo landmark beside the site footer.
        page = page.replace("<footer>", "<div>", 1).replace("</footer>", "</div>", 1)
        return page.replace("<html>", f'<html lang="{lang}">', 1)


def create_app() -> DeliveredDash:
    """Build the app: pages registered, database ready (or 503 until it is), cache attached, routes added."""
    app = LocalisedDash(
        __name__,
        use_pages=True,
        serve_locally=True,
        title="Torture Prevention Dashboard",
        update_title=None,
        include_pages_meta=False,  # web/chrome.py gives the page's tags in the reader's language
        suppress_callback_exceptions=True,
        compress=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = html.Div(dash.page_container, className="app-root")
    prepare_database(app.server, settings)  # migrated and filled now, or 503 until the database answers
    init_cache(app.server, settings)
    register_routes(app.server)
    register_api(app.server)
    register_security_headers(app, settings)

    @app.server.after_request
    def remember_language(response: flask.Response) -> flask.Response:
        lang = flask.request.args.get("lang")
        if is_language(lang) and flask.request.cookies.get(LANG_COOKIE) != lang:
            response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax")
        return response

    app.clientside_callback(
        "function(meta) { if (meta) { document.documentElement.lang = meta.lang; document.title = meta.title; } }",
        Input("shell-meta", "data"),
    )
    speed_up(app)
    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    warm_up(server)  # Dash's set-up done before the threaded server takes requests (web/startup.py)
    app.run(host="127.0.0.1", port=8050, debug=settings.debug)
