"""gunicorn settings, read from the project folder by `gunicorn app:server` (command-line flags override them).

Threaded workers (gthread): a request that builds a large page no longer holds a whole worker, so
`/healthz` and cached answers are served by a free thread meanwhile (a load balancer would
otherwise drop an instance that is only busy). Python's GIL still shares one core per worker, so
there are as many workers as cores, times two.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("BIND", "0.0.0.0:8050")
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * multiprocessing.cpu_count())))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30
graceful_timeout = 30
keepalive = 5


def post_worker_init(worker) -> None:
    """Before the worker takes connections: Dash's set-up done by one request (web/startup.py warm_up)."""
    from web.startup import warm_up

    warm_up(worker.wsgi)
