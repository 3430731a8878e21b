"""Query cache (flask-caching), keyed by the current data release.

In-process by default; Redis when CACHE_REDIS_URL is set, so all workers share
it. An import changes the release checksum, and with it every key, so stale
entries are never read. If Redis goes away the cache falls back to the
in-process store instead of failing the request.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from cachelib import SimpleCache
from flask import Flask
from flask_caching import Cache

from .settings import Settings, load_settings

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])

TOKEN_TTL_SECONDS = 2.0  # how long a worker trusts its idea of the current release
ENTRY_TTL_SECONDS = 24 * 3600

cache = Cache()
_fallback = SimpleCache(threshold=2000, default_timeout=ENTRY_TTL_SECONDS)
_state: dict[str, Any] = {"ready": False, "token": None, "token_at": 0.0}
_lock = threading.Lock()


def init_cache(server: Flask | None = None, settings: Settings | None = None) -> Cache:
    """Attach the cache to a Flask server (or a private one when run outside the app)."""
    settings = settings or load_settings()
    config: dict[str, Any] = {"CACHE_DEFAULT_TIMEOUT": ENTRY_TTL_SECONDS, "CACHE_KEY_PREFIX": "tpd:"}
    if settings.cache_redis_url:
        config.update(
            CACHE_TYPE="RedisCache",
            CACHE_REDIS_URL=settings.cache_redis_url,
            CACHE_OPTIONS={"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        )
    else:
        config.update(CACHE_TYPE="SimpleCache", CACHE_THRESHOLD=5000)
    cache.init_app(server or Flask(__name__), config=config)
    _state["ready"] = True
    return cache


def _backend():
    if not _state["ready"]:
        with _lock:
            if not _state["ready"]:
                init_cache()
    return cache.cache


def cache_backend_name() -> str:
    """Which store the cache uses: 'redis' or 'memory'."""
    return "redis" if type(_backend()).__name__.startswith("Redis") else "memory"


def cache_healthy() -> bool:
    """Whether the configured cache store answers (always true for the in-process one)."""
    try:
        _backend().get("healthz")
        return True
    except Exception:
        return False


def _get(key: str) -> Any:
    try:
        return _backend().get(key)
    except Exception as error:
        log.warning("cache unavailable (%s); using the in-process cache", error)
        return _fallback.get(key)


def _set(key: str, value: Any) -> None:
    try:
        _backend().set(key, value, timeout=ENTRY_TTL_SECONDS)
    except Exception as error:
        log.warning("cache unavailable (%s); using the in-process cache", error)
        _fallback.set(key, value)


def load(key: str) -> Any:
    """A value stored under `key` (None if absent); the caller puts the release in the key."""
    return _get(key)


def store(key: str, value: Any) -> None:
    """Keep `value` under `key` for ENTRY_TTL_SECONDS, in Redis when configured."""
    _set(key, value)


def set_release_token_source(source: Callable[[], str]) -> None:
    """Tell the cache how to read the current release's checksum (set by the query layer)."""
    _state["token_source"] = source


def release_token() -> str:
    """The current release's checksum, re-read at most every TOKEN_TTL_SECONDS."""
    now = time.monotonic()
    if _state["token"] is None or now - _state["token_at"] > TOKEN_TTL_SECONDS:
        _state["token"] = _state["token_source"]()
        _state["token_at"] = now
    return _state["token"]


def invalidate() -> None:
    """Forget the current release token in this process; the next read finds the new one."""
    _state["token"] = None
    _fallback.clear()


def cached(function: F) -> F:
    """Cache a function's result per (arguments, current release)."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        raw_key = f"{name}|{release_token()}|{args!r}|{sorted(kwargs.items())!r}"
        key = "q:" + hashlib.sha1(raw_key.encode()).hexdigest()
        hit = _get(key)
        if hit is not None:
            return hit
        value = function(*args, **kwargs)
        _set(key, value)
        return value

    wrapper.uncached = function  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
