"""Query cache (flask-caching), keyed by the current data release.

In-process by default; Redis when CACHE_REDIS_URL is set, so all workers share
it. An import changes the release checksum, and with it every key, so stale
entries are never read. If Redis goes away the cache falls back to the
in-process store instead of failing the request.

The in-process store is capped by bytes (`MEMORY_CAP_BYTES`), not by entries: a
few large answers and many small ones weigh what they really weigh, and the
least recently used go first. Redis is capped by its own `maxmemory` with
`allkeys-lru` (docs/deploy.md).
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


cache = Cache()
_fallback = BytesCache(MEMORY_CAP_BYTES // 2)
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
        config.update(CACHE_TYPE="data_access.cache.BytesCache", CACHE_CAP_BYTES=MEMORY_CAP_BYTES)
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
