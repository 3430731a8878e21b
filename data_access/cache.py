"""Query cache (flask-caching), keyed by the current data release.

In-process by default; Redis when CACHE_REDIS_URL is set, so all workers share
it. An import changes the release checksum, and with it every key, so stale
entries are never read. If Redis goes away the cache falls back to the
in-process store instead of failing the request.

The in-process store is capped by bytes (`MEMORY_CAP_BYTES`), not by entries: a
few large answers and many small ones weigh what they really weigh, and the
least recently used go first. Redis is capped by its own `maxmemory` with
`allkeys-lru` (docs/deploy.md).

A circuit breaker guards Redis: after a failure, or `SLOW_ANSWERS_TO_PAUSE` answers
in a row slower than `SLOW_REDIS_SECONDS`, this worker skips Redis for `REDIS_PAUSE_SECONDS` and uses
its in-process store, so a hung Redis costs one request one short timeout, not
every request every cache call.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import flask
from flask import Flask
from flask_caching import Cache
from flask_caching.backends.base import BaseCache

from .settings import Settings, load_settings

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])

TOKEN_TTL_SECONDS = 2.0  # how long a worker trusts its idea of the current release
ENTRY_TTL_SECONDS = 24 * 3600

# Per worker; MEMORY_CACHE_MB overrides it (the fallback for a Redis that is away has half of it).
MEMORY_CAP_BYTES = int(float(os.environ.get("MEMORY_CACHE_MB", "64")) * 1024 * 1024)


class BytesCache(BaseCache):
    """An in-process cache holding at most `cap_bytes` of pickled values, least recently used evicted first."""

    def __init__(self, cap_bytes: int = MEMORY_CAP_BYTES, default_timeout: int = ENTRY_TTL_SECONDS) -> None:
        super().__init__(default_timeout=default_timeout)
        self.cap_bytes = cap_bytes
        self.size_bytes = 0
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.RLock()

    @classmethod
    def factory(cls, app: Flask, config: dict[str, Any], args: list[Any], kwargs: dict[str, Any]) -> BytesCache:
        """What flask-caching calls for CACHE_TYPE="data_access.cache.BytesCache"."""
        return cls(config.get("CACHE_CAP_BYTES", MEMORY_CAP_BYTES), config["CACHE_DEFAULT_TIMEOUT"])

    def _drop(self, key: str) -> bool:
        entry = self._entries.pop(key, None)
        if entry is None:
            return False
        self.size_bytes -= len(entry[1])
        return True

    def get(self, key: str) -> Any:
        """The value under `key`, or None if absent or expired."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] and entry[0] < time.time():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            data = entry[1]
        return pickle.loads(data)

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool:
        """Keep `value` (a value bigger than the whole cap is not kept)."""
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        timeout = self._normalize_timeout(timeout)
        expires = time.time() + timeout if timeout else 0.0
        with self._lock:
            self._drop(key)
            if len(data) > self.cap_bytes:
                return False
            self._entries[key] = (expires, data)
            self.size_bytes += len(data)
            while self.size_bytes > self.cap_bytes:
                self._drop(next(iter(self._entries)))
        return True

    def add(self, key: str, value: Any, timeout: int | None = None) -> bool:
        """Keep `value` unless `key` is already there."""
        with self._lock:
            if self.has(key):
                return False
            return self.set(key, value, timeout)

    def has(self, key: str) -> bool:
        """Whether a live value is under `key`."""
        with self._lock:
            entry = self._entries.get(key)
            return entry is not None and not (entry[0] and entry[0] < time.time())

    def delete(self, key: str) -> bool:
        """Forget `key`."""
        with self._lock:
            return self._drop(key)

    def clear(self) -> bool:
        """Forget everything."""
        with self._lock:
            self._entries.clear()
            self.size_bytes = 0
        return True

    def __len__(self) -> int:
        return len(self._entries)


# A healthy Redis on the same network answers in about a millisecond; tens of ms means it is hung or swamped.
SLOW_REDIS_SECONDS = 0.05
REDIS_TIMEOUT_SECONDS = 0.08
REDIS_PAUSE_SECONDS = 30.0
# One slow answer may be a large value being (un)pickled or a busy CPU; several in a row are Redis.
SLOW_ANSWERS_TO_PAUSE = 3
# What one request may spend waiting for Redis in all: answers each just under SLOW_REDIS_SECONDS never open
# the breaker, but a page asks for dozens of values. Past the budget the request uses the in-process store.
REDIS_BUDGET_PER_REQUEST_SECONDS = 0.1

cache = Cache()
_fallback = BytesCache(MEMORY_CAP_BYTES // 2)
_state: dict[str, Any] = {"ready": False, "token": None, "token_at": 0.0, "remote": False, "skip_until": 0.0, "slow": 0}
_lock = threading.Lock()


def init_cache(server: Flask | None = None, settings: Settings | None = None) -> Cache:
    """Attach the cache to a Flask server (or a private one when run outside the app)."""
    settings = settings or load_settings()
    config: dict[str, Any] = {"CACHE_DEFAULT_TIMEOUT": ENTRY_TTL_SECONDS, "CACHE_KEY_PREFIX": "tpd:"}
    if settings.cache_redis_url:
        config.update(
            CACHE_TYPE="RedisCache",
            CACHE_REDIS_URL=settings.cache_redis_url,
            CACHE_OPTIONS={"socket_connect_timeout": REDIS_TIMEOUT_SECONDS, "socket_timeout": REDIS_TIMEOUT_SECONDS},
        )
    else:
        config.update(CACHE_TYPE="data_access.cache.BytesCache", CACHE_CAP_BYTES=MEMORY_CAP_BYTES)
    cache.init_app(server or Flask(__name__), config=config)
    _state.update(ready=True, remote=bool(settings.cache_redis_url), skip_until=0.0, slow=0)
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
    """Whether the configured cache store answers (always true for the in-process one).

    Asked even while the breaker is open (one short timeout at most): the health check is how a
    worker learns early that Redis is back, and closes the breaker.
    """
    try:
        _backend().get("healthz")
    except Exception as error:
        if _state["remote"]:
            _pause_redis(f"failed ({type(error).__name__})")
        return False
    _state.update(skip_until=0.0, slow=0)
    return True


def redis_paused() -> bool:
    """Whether this worker is skipping Redis for now (the breaker is open)."""
    return _state["remote"] and time.monotonic() < _state["skip_until"]


def _pause_redis(reason: object) -> None:
    _state["slow"] = 0
    _state["skip_until"] = time.monotonic() + REDIS_PAUSE_SECONDS
    log.warning("cache: Redis %s; using the in-process cache for %.0f s", reason, REDIS_PAUSE_SECONDS)


def _spent_on_redis(seconds: float = 0.0) -> float:
    """Add `seconds` to what this request has waited for Redis; return the total (0 outside a request)."""
    if not flask.has_request_context():
        return 0.0
    flask.g.redis_seconds = flask.g.get("redis_seconds", 0.0) + seconds
    return flask.g.redis_seconds


def _guarded(operation: Callable[[Any], Any], fallback: Callable[[], Any]) -> Any:
    """`operation(store)` on the configured store, or `fallback()` while (or once) Redis fails or lags, and
    once this request has used up its time budget for Redis."""
    if redis_paused() or (_state["remote"] and _spent_on_redis() > REDIS_BUDGET_PER_REQUEST_SECONDS):
        return fallback()
    started = time.monotonic()
    try:
        result = operation(_backend())
    except Exception as error:
        if _state["remote"]:
            _pause_redis(f"failed ({type(error).__name__})")
        else:
            log.warning("cache unavailable (%s); using the fallback store", error)
        return fallback()
    elapsed = time.monotonic() - started
    if _state["remote"]:
        _spent_on_redis(elapsed)
    if _state["remote"] and elapsed > SLOW_REDIS_SECONDS:
        _state["slow"] += 1
        if _state["slow"] >= SLOW_ANSWERS_TO_PAUSE:
            _pause_redis(f"answered slowly ({elapsed * 1000:.0f} ms)")
    else:
        _state["slow"] = 0
    return result


def _get(key: str) -> Any:
    return _guarded(lambda store: store.get(key), lambda: _fallback.get(key))


def _set(key: str, value: Any) -> None:
    _guarded(lambda store: store.set(key, value, timeout=ENTRY_TTL_SECONDS), lambda: _fallback.set(key, value))


def load(key: str) -> Any:
    """A value stored under `key` (None if absent); the caller puts the release in the key."""
    return _get(key)


def store(key: str, value: Any) -> None:
    """Keep `value` under `key` for ENTRY_TTL_SECONDS, in Redis when configured."""
    _set(key, value)


# --- answers built while the database failed are never kept ------------------------------------------


def mark_data_unavailable() -> None:
    """Note that this request met the database away (DataUnavailable, or the notice shown for it)."""
    if flask.has_request_context():
        flask.g.data_unavailable = True


def data_was_unavailable() -> bool:
    """Whether this request met the database away: what it built must not be cached."""
    return flask.has_request_context() and bool(flask.g.get("data_unavailable"))


def _is_data_unavailable(error: BaseException) -> bool:
    from .queries.base import DataUnavailable  # here: the query layer imports this module

    return isinstance(error, DataUnavailable)


def set_release_token_source(source: Callable[[], str]) -> None:
    """Tell the cache how to read the current release's checksum (set by the query layer)."""
    _state["token_source"] = source


def release_token() -> str:
    """The current release's checksum, re-read at most every TOKEN_TTL_SECONDS."""
    now = time.monotonic()
    if _state["token"] is None or now - _state["token_at"] > TOKEN_TTL_SECONDS:
        try:
            _state["token"] = _state["token_source"]()
        except Exception:
            mark_data_unavailable()
            raise
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
        try:
            value = function(*args, **kwargs)
        except Exception as error:
            if _is_data_unavailable(error):
                mark_data_unavailable()
            raise
        _set(key, value)
        return value

    wrapper.uncached = function  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
