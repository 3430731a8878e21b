"""Fuzzing: at least 10,000 malformed requests to every callback and every API route; no 5xx, no traceback.

In-process (the Flask test client) for speed, on SQLite with the full count and
on PostgreSQL with a smaller one (PostgreSQL refuses some strings SQLite takes,
such as NUL characters, so both must be tried). The requests are drawn from a
seeded generator, so a failure is reproducible; `FUZZ_REQUESTS` and
`FUZZ_SEED` change the count and the seed.

What is sent:
- to Dash's callback endpoint, for every server callback (the pages router
  included): bodies that are not JSON, not UTF-8, empty, too deep or too big;
  well-formed requests with fields missing, of the wrong type, with unknown
  outputs and ids; and requests whose input and state values are replaced by
  wrong types, unknown codes, huge strings and lists, deep JSON, NaN and
  lone surrogates (these reach the page's own code);
- to the pages router, every page with query strings of unknown and repeated
  parameters and junk values (these reach each page's `layout(**query)`);
- to every API route under /api/v1: junk path values, unknown, repeated and
  junk parameters, every method;
- to the other routes (downloads, PDFs, pages, Dash's files, assets): junk
  names, parameters and methods.
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest

from tests.dash_callbacks import UPDATE_COMPONENT, Target, build_target, pages_request

REQUESTS = {"sqlite": int(os.environ.get("FUZZ_REQUESTS", "10000")), "postgresql": 2000}
# Requests that reach a page's code render a whole view (tenths of a second each): a fixed number per
# callback and per page, so the rest of the budget goes to the cheap malformed requests.
VALUE_CASES_PER_CALLBACK = {"sqlite": 30, "postgresql": 8}
QUERY_CASES_PER_PAGE = {"sqlite": 16, "postgresql": 5}
SEED = int(os.environ.get("FUZZ_SEED", "20261130"))
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/[^\"]+\", line \d+|site-packages")


def _deep_list(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def _deep_dict(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth):
        value = {"a": value}
    return value


JUNK_VALUES: tuple = (
    None, True, False, 0, -1, 1.5, 1e308, -1e308, 2**63, -(2**70), math.nan, math.inf,
    "", " ", "x", "zz-unknown", "\x00", "KZ-61\x00", "\ud800", "\u202e", "٣", "NaN", "Infinity",
    "<script>alert(1)</script>", "' OR 1=1 --", "'; DROP TABLE observation; --", "../../../etc/passwd",
    "%00", "%ff%fe", "2025", "2021-2022", "9999", "-1", "rate ", "RATE", "null", "[]", "{}",
    "😀" * 500, "a" * 100_000, "ы" * 20_000,
    [], [None], ["x"], [[["rate"]]], ["KZ-61", "KZ-61"], ["a"] * 10_000, list(range(20_000)),
    {}, {"a": 1}, {"__proto__": {"x": 1}}, {"value": "rate"}, {"props": {"id": "x"}},
    _deep_list(400), _deep_dict(400),
)  # fmt: skip
URL_JUNK: tuple[str, ...] = (
    "", "x", "zz-unknown", "%00", "%ff", "%ZZ", "%", "%25", "..%2F..%2Fetc%2Fpasswd", "../../etc/passwd",
    "KZ-61%00", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%201=1--", "-1", "0", "1e9", "99999999999999999999",
    "NaN", "2025", "2021-2022", "1.5", "true", "null", "%E2%80%AE", "%D9%A3", "%F0%9F%98%80" * 300, "a" * 20_000,
    "%ED%A0%80", "[]", "{}", "a,b,c", "en", "xx", "KK", "ru;en",
)  # fmt: skip
METHODS = ("GET", "GET", "GET", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")


@dataclass
class Case:
    """One request: what it is for (for the tally), and how to send it."""

    kind: str
    method: str
    path: str
    options: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def client(bundled):
    import app
    from data_access.cache import cache

    cache.clear()  # the same release on both backends: start cold, so the queries reach this database
    return app.server.test_client()


@pytest.fixture(scope="module")
def target(client) -> Target:
    """Everything to aim at, read from the running app."""
    return build_target(client)


# ---------------------------------------------------------------------------------------------- generators


def _json_case(kind: str, body: object) -> Case:
    return Case(kind, "POST", UPDATE_COMPONENT, {"data": json.dumps(body), "content_type": "application/json"})


def garbage_bodies(rng: random.Random) -> Case:
    """Bodies Dash cannot even read."""
    choice = rng.randrange(12)
    raw: bytes | str
    if choice == 0:
        raw = b"\xff\xfe\x00\x80 not utf-8 \xc3\x28"
    elif choice == 1:
        raw = "[" * rng.choice((1_000, 50_000, 200_000))
    elif choice == 2:
        raw = '{"a":' * 5_000 + "1" + "}" * 5_000
    elif choice == 3:
        raw = ""
    elif choice == 4:
        raw = "not json at all"
    elif choice == 5:
        raw = json.dumps(rng.choice([None, 1, "x", [], [1, 2], True]))
    elif choice == 6:
        raw = '{"output": "x.children", "inputs": [' + ",".join(["{}"] * rng.choice((10, 5_000))) + "]}"
    elif choice == 7:
        raw = "x" * rng.choice((100_000, 3_000_000))
    elif choice == 8:
        raw = '{"output": "\\ud800", "inputs": "\\udfff"}'
    elif choice == 9:
        return Case(
            "garbage body",
            "POST",
            UPDATE_COMPONENT,
            {"data": "a=1&b=2", "content_type": "application/x-www-form-urlencoded"},
        )
    elif choice == 10:
        return Case("garbage body", "POST", UPDATE_COMPONENT, {"data": b'{"output": 1}', "content_type": "text/plain"})
    else:
        return Case("garbage body", rng.choice(("GET", "PUT", "DELETE")), UPDATE_COMPONENT, {})
    return Case("garbage body", "POST", UPDATE_COMPONENT, {"data": raw, "content_type": "application/json"})


def structure_mutation(rng: random.Random, target: Target) -> Case:
    """A callback request with fields missing, of the wrong type, or naming what does not exist."""
    _callback, valid = rng.choice(target.callbacks)
    body = json.loads(json.dumps(valid))
    key = rng.choice(("output", "outputs", "inputs", "state", "changedPropIds"))
    action = rng.randrange(9)
    if action == 0:
        body.pop(key, None)
    elif action == 1:
        body[key] = rng.choice((*JUNK_VALUES[:12], "zz.children", [1, 2], {"id": 1}))
    elif action == 2:
        body["output"] = rng.choice(
            ("no-such.children", "..a.b...c.d..", "...", ".", "x" * 10_000, "regions-map-slot.children")
        )
    elif action == 3 and isinstance(body.get("inputs"), list) and body["inputs"]:
        body["inputs"] = body["inputs"][: rng.randrange(len(body["inputs"]))] or body["inputs"] + body["inputs"]
    elif action == 4 and body.get("inputs"):
        entry = rng.choice([e for e in body["inputs"] if isinstance(e, dict)] or [{}])
        entry.pop(rng.choice(("id", "property", "value")), None)
    elif action == 5 and body.get("inputs"):
        entry = rng.choice([e for e in body["inputs"] if isinstance(e, dict)] or [{}])
        entry["id"] = rng.choice(("no-such-id", {"type": "no-such", "index": 1}, 7, None, ["x"]))
    elif action == 6:
        body["changedPropIds"] = rng.choice(
            (["no-such.value"], [None], "x", [{"a": 1}], ["." * 100], [], ["{bad json.value"])
        )
    elif action == 7 and body.get("inputs"):
        entry = rng.choice([e for e in body["inputs"] if isinstance(e, dict)] or [{}])
        entry["property"] = rng.choice(("nonexistent", "", "__class__", "children", 5))
    else:
        body[rng.choice(("extra", "__proto__", "outputs"))] = rng.choice(JUNK_VALUES)
    return _json_case("callback structure", body)


def _replace_values(rng: random.Random, entries: list, junk: Callable[[], object]) -> None:
    for index, entry in enumerate(entries):
        if isinstance(entry, list):
            if rng.random() < 0.3:
                entries[index] = junk() if rng.random() < 0.5 else []
            else:
                for item in entry:
                    item["value"] = junk()
        elif isinstance(entry, dict) and rng.random() < 0.7:
            entry["value"] = junk()


def value_mutations(rng: random.Random, target: Target, per_callback: int) -> Iterator[Case]:
    """Well-formed requests to every callback whose values are wrong: these reach the page's own code."""
    for _callback, valid in target.callbacks:
        for _ in range(per_callback):
            body = json.loads(json.dumps(valid))
            _replace_values(rng, body["inputs"], lambda: rng.choice(JUNK_VALUES))
            _replace_values(rng, body["state"], lambda: rng.choice(JUNK_VALUES))
            yield _json_case("callback values", body)


def page_queries(rng: random.Random, target: Target, per_page: int) -> Iterator[Case]:
    """Every page opened with junk query strings: reaches each page's `layout(**query)`."""
    for path in target.pages:
        for _ in range(per_page):
            names = rng.sample(target.page_parameters, k=min(len(target.page_parameters), rng.randint(1, 4)))
            pairs = [(name, rng.choice(URL_JUNK)) for name in names]
            if rng.random() < 0.3:
                pairs += [(names[0], rng.choice(URL_JUNK))]  # the same parameter twice
            if rng.random() < 0.3:
                pairs += [(rng.choice(("zz", "__class__", "layout", "lang[]", "%00", "")), rng.choice(URL_JUNK))]
            search = "?" + "&".join(f"{name}={value}" for name, value in pairs)
            if rng.random() < 0.1:
                search = rng.choice(("?", "?&&&", "?=x", "?lang", "?%", "?" + "a=1&" * 2_000))
            pathname = path if rng.random() < 0.9 else rng.choice(URL_JUNK[:12]) + path
            yield _json_case("page query", pages_request(pathname, search))
        # The search value itself of the wrong type.
        yield _json_case("page query", {**pages_request(path), "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": rng.choice((None, 5, ["/"], {"a": 1}, path))},
            {"id": "_pages_location", "property": "search", "value": rng.choice((None, 5, ["?lang=en"], {"lang": "en"}))},
        ]})  # fmt: skip


def _fill(rule: str, rng: random.Random, real: dict[str, list[str]]) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1)
        if name in real and rng.random() < 0.4:
            return rng.choice(real[name])
        return rng.choice(URL_JUNK) or "x"

    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", value, rule)


REAL_PATH_VALUES = {
    "code": ["KZ-61", "MVD", "prisoners", "R-01", "cases"],
    "name": ["regions", "observations", "indicators", "recommendations"],
    "fmt": ["csv", "json", "xlsx"],
    "topic": ["cases", "npm"],
    "filename": ["upr-2026.2-en.pdf", "dashboard.css"],
    "path": ["regions", "visits", "data", "v1/regions"],
    "rest": ["v1/regions", "v2"],
}
API_PARAMETERS = (
    "lang", "page", "per_page", "indicator", "topic", "period", "region", "agency", "facility_type", "category",
    "status", "issuer", "format", "q", "",
)  # fmt: skip


def api_case(rng: random.Random, target: Target) -> Case:
    """An API route with junk path values, parameters and methods."""
    path = _fill(rng.choice(target.api_rules), rng, REAL_PATH_VALUES)
    pairs = [(rng.choice(API_PARAMETERS), rng.choice(URL_JUNK)) for _ in range(rng.randint(0, 4))]
    if pairs and rng.random() < 0.2:
        pairs.append(pairs[0])
    query = "&".join(f"{quote(name)}={value}" for name, value in pairs)
    method = rng.choice(METHODS)
    options: dict = {"headers": {"Accept": rng.choice(("application/json", "*/*", "text/html", "\x00", "a" * 5_000)),
                                 "If-None-Match": rng.choice(('"x"', "*", "W/", "\u00ff"))}}  # fmt: skip
    if method in ("POST", "PUT", "PATCH"):
        options["data"] = json.dumps(rng.choice(JUNK_VALUES[:30]))
        options["content_type"] = "application/json"
    return Case("api", method, f"{path}?{query}" if query else path, options)


def other_route_case(rng: random.Random, target: Target) -> Case:
    """Downloads, PDFs, pages, Dash's own files and assets: junk names, parameters and methods."""
    path = _fill(rng.choice(target.other_rules), rng, REAL_PATH_VALUES)
    pairs = [
        (rng.choice((*target.page_parameters, "x", "lang")), rng.choice(URL_JUNK)) for _ in range(rng.randint(0, 3))
    ]
    query = "&".join(f"{name}={value}" for name, value in pairs)
    return Case("other routes", rng.choice(METHODS), f"{path}?{query}" if query else path, {})


def all_cases(target: Target, total: int, value_cases: int, query_cases: int, seed: int) -> Iterator[Case]:
    """`total` requests: the slow ones that reach page code first, then a seeded mix of the cheap ones."""
    rng = random.Random(seed)
    sent = 0
    for case in (*value_mutations(rng, target, value_cases), *page_queries(rng, target, query_cases)):
        sent += 1
        yield case
    mix = ((garbage_bodies, 0.15), (structure_mutation, 0.40), (api_case, 0.35), (other_route_case, 0.10))
    makers = [maker for maker, _ in mix]
    weights = [weight for _, weight in mix]
    while sent < total:
        maker = rng.choices(makers, weights)[0]
        yield maker(rng) if maker is garbage_bodies else maker(rng, target)
        sent += 1


# ---------------------------------------------------------------------------------------------- the test


def test_malformed_requests_never_cause_a_server_error_or_show_a_traceback(
    client, target: Target, database_url: str
) -> None:
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    total = REQUESTS[backend]
    tally: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    started = time.monotonic()
    for case in all_cases(target, total, VALUE_CASES_PER_CALLBACK[backend], QUERY_CASES_PER_PAGE[backend], SEED):
        response = client.open(case.path, method=case.method, **case.options)
        tally[case.kind] += 1
        statuses[response.status_code] += 1
        body = response.get_data().decode("utf-8", "replace")  # downloads are binary
        if response.status_code >= 500 or TRACEBACK.search(body):
            failures.append(
                f"{case.kind}: {case.method} {case.path[:200]} {str(case.options)[:300]} -> {response.status_code} {body[:300]}"
            )
    elapsed = time.monotonic() - started
    print(
        f"\nfuzz on {backend}: {sum(tally.values())} requests in {elapsed:.0f} s; by kind {dict(tally)}; "
        f"by status {dict(sorted(statuses.items()))}; server errors or tracebacks: {len(failures)}"
    )
    assert sum(tally.values()) >= total
    assert {kind for kind in tally} == {
        "callback values",
        "page query",
        "garbage body",
        "callback structure",
        "api",
        "other routes",
    }
    assert failures == [], "\n".join(failures[:15])
