"""The torture-prevention oversight dashboard: builds the Dash app and exposes `server` for WSGI.

`python app.py` runs it on the embedded SQLite default; in production run
`gunicorn app:server` (settings in gunicorn.conf.py).
"""

from __future__ import annotations

import logging

import dash
import flask
from dash import Input, html

from api import register_api
from components.i18n import LANG_COOKIE, is_language, resolve_language
from data_access.cache import init_cache
from data_access.settings import load_settings
from data_access.vocabulary import PAGE_DEFAULT_LANGUAGE
from web.delivery import DeliveredDash, speed_up
from web.routes import register_routes
from web.security import register_security_headers
from web.startup import prepare_database

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
settings = load_settings()


class LocalisedDash(DeliveredDash):
    """Dash whose index page carries `<html lang>` for the requested language (and the delivery of web/delivery.py)."""

    def interpolate_index(self, **kwargs: object) -> str:
        page = super().interpolate_index(**kwargs)
        # Dash wraps its scripts in a <footer>: a second contentinfo landmark beside the site footer.
        page = page.replace("<footer>", "<div>", 1).replace("</footer>", "</div>", 1)
        request = flask.request
        lang = resolve_language(request.args.get("lang"), PAGE_DEFAULT_LANGUAGE.get(request.path.rstrip("/") or "/"))
        return page.replace("<html>", f'<html lang="{lang}">', 1)


def create_app() -> DeliveredDash:
    """Build the app: pages registered, database ready (or 503 until it is), cache attached, routes added."""
    app = LocalisedDash(
        __name__,
        use_pages=True,
        serve_locally=True,
        title="Torture Prevention Dashboard",
        update_title=None,
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
    app.run(host="127.0.0.1", port=8050, debug=settings.debug)
