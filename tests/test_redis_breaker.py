"""The Redis circuit breaker: a hung Redis (SIGSTOP) costs one short timeout, then is skipped for a while.

Uses a Redis server of its own on a free port (tests/faults.py), never the shared one.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import time
from collections.abc import Iterator

import pytest

from tests.faults import ThrowawayRedis, throwaway_redis


@pytest.fixture
def redis_cache(monkeypatch) -> Iterator[ThrowawayRedis]:
    from data_access import cache
    from data_access.settings import load_settings

    with throwaway_redis() as redis:
        cache.init_cache(None, dataclasses.replace(load_settings(), cache_redis_url=redis.url))
        try:
            yield redis
        finally:
            os.kill(redis.process.pid, signal.SIGCONT)
            cache.init_cache(None, load_settings())


def timed(call) -> tuple[object, float]:
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_a_hung_redis_costs_one_short_timeout_then_is_skipped(redis_cache, monkeypatch):
    from data_access import cache

    cache.store("breaker:kept", b"in redis")
    assert cache.load("breaker:kept") == b"in redis"
    assert not cache.redis_paused()
    os.kill(redis_cache.process.pid, signal.SIGSTOP)
    first, first_seconds = timed(lambda: cache.load("breaker:kept"))
    assert first is None and first_seconds < 0.2, "the first call waits one short timeout"
    assert cache.redis_paused()
    durations = [timed(lambda: cache.load("breaker:kept"))[1] for _ in range(50)]
    assert max(durations) < 0.01, "while paused, Redis is not asked at all"
    cache.store("breaker:meanwhile", b"in memory")
    assert cache.load("breaker:meanwhile") == b"in memory", "the in-process store serves meanwhile"
    assert not cache.cache_healthy(), "the health check still asks, and finds it hung"


def test_redis_is_used_again_after_the_pause(redis_cache, monkeypatch):
    from data_access import cache

    monkeypatch.setattr(cache, "REDIS_PAUSE_SECONDS", 0.3)
    cache.store("breaker:kept", b"in redis")
    os.kill(redis_cache.process.pid, signal.SIGSTOP)
    cache.load("breaker:kept")
    assert cache.redis_paused()
    os.kill(redis_cache.process.pid, signal.SIGCONT)
    time.sleep(0.4)
    assert cache.load("breaker:kept") == b"in redis"
    assert not cache.redis_paused()


def test_slow_answers_in_a_row_open_the_breaker(redis_cache, monkeypatch):
    from data_access import cache

    monkeypatch.setattr(cache, "SLOW_REDIS_SECONDS", 0.0)  # every answer counts as slow
    for _ in range(cache.SLOW_ANSWERS_TO_PAUSE - 1):
        cache.load("breaker:anything")
    assert not cache.redis_paused(), "one slow answer may be a large value"
    cache.load("breaker:anything")
    assert cache.redis_paused()


def test_the_health_check_closes_the_breaker_once_redis_answers(redis_cache):
    from data_access import cache

    os.kill(redis_cache.process.pid, signal.SIGSTOP)
    cache.load("breaker:anything")
    assert cache.redis_paused()
    os.kill(redis_cache.process.pid, signal.SIGCONT)
    assert cache.cache_healthy()
    assert not cache.redis_paused()


def test_a_request_stops_asking_redis_once_it_has_waited_its_budget(redis_cache, monkeypatch):
    # Answers of 30 ms each never open the breaker (under 50 ms), but forty of them would cost a page 1.2 s.
    import flask

    from data_access import cache

    asked = []

    class SlowStore:
        def get(self, key):
            asked.append(key)
            time.sleep(0.03)

    monkeypatch.setattr(cache, "_backend", SlowStore)
    with flask.Flask(__name__).test_request_context("/"):
        _, elapsed = timed(lambda: [cache.load(f"k{n}") for n in range(40)])
    assert not cache.redis_paused()
    assert len(asked) <= 5 and elapsed < 0.3, (len(asked), elapsed)
    # The next request has a budget of its own.
    with flask.Flask(__name__).test_request_context("/"):
        cache.load("again")
    assert asked[-1] == "again"
