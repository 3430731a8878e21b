"""Start with the database down: serve 503 (with Retry-After) until it is reachable, then migrate and fill.

Without this, a database that is away when gunicorn starts made every worker fail to boot and the
master exit. Now the app starts anyway; each request (at most one at a time, every
`RETRY_SECONDS`) tries the setup again, and the first success opens the site. A successful set-up
starts the UPR briefing PDFs' background build if the current release's are missing (web/upr_pdf.py).
"""

from __future__ import annotations

import logging
import threading
import time

import flask

from data_access import cache
from data_access.engine import current_release_version, ensure_database, get_engine
from data_access.settings import Settings

from .upr_pdf import start_pdf_build

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
# Answered while waiting: the health check says why (503), static files need no database.
PASS_THROUGH = ("/healthz", "/assets/", "/_dash-component-suites/", "/_favicon.ico", "/robots.txt")


def _try_setup(settings: Settings) -> bool:
    try:
        engine = get_engine(settings)
        ensure_database(engine)
    except Exception as error:  # any failure: the database is not usable yet
        log.warning("database setup not possible yet (%s); serving 503 until it is", type(error).__name__)
        return False
    try:  # the bundled release's first import, or a release whose PDFs are missing: build them in the background
        start_pdf_build(current_release_version(engine), after_failure=False)
    except Exception as error:  # the site serves without the PDFs (the page offers Print)
        log.warning("could not check the UPR PDFs (%s)", type(error).__name__)
    return True


def prepare_database(server: flask.Flask, settings: Settings) -> None:
    """Migrate and fill the database now if it answers; otherwise serve 503 until it does."""
    if _try_setup(settings):
        return
    state = {"ready": False, "next_try": time.monotonic() + RETRY_SECONDS}
    lock = threading.Lock()

    @server.before_request
    def wait_for_the_database() -> flask.Response | None:
        if state["ready"]:
            return None
        if time.monotonic() >= state["next_try"] and lock.acquire(blocking=False):
            try:
                if _try_setup(settings):
                    state["ready"] = True
                    cache.invalidate()
                    log.info("database reachable: set up, serving")
                    return None
                state["next_try"] = time.monotonic() + RETRY_SECONDS
            finally:
                lock.release()
        if flask.request.path.startswith(PASS_THROUGH):
            return None
        from .routes import unavailable_response

        return unavailable_response()


def warm_up(server: flask.Flask) -> None:
    """One request through the app before a process takes connections.

    Dash finishes setting itself up (the list of scripts it may serve) on a process's first request,
    and marks that done before it is: a second request arriving meanwhile on another thread is
    answered as if no script existed (404), and a browser's first page load fetches a dozen scripts at
    once, so the page never started. gunicorn.conf.py calls this in each worker, app.py before serving.
    """
    server.test_client().get("/healthz")
