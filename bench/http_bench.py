"""Callback latency and throughput, measured from outside over HTTP.

The callbacks of a page are found the way the browser finds them: the page's
layout (Dash's page-routing callback, as a navigation fetches it) and
`/_dash-dependencies`; a callback belongs to a page when all its inputs are
components of that page's layout. Its request body is the one the browser
would send, with the values the layout holds; the first input that has
`options` is set to each of its options in turn.

- cold: the first request for each (input values, language) since the server
  started: nothing computed for it yet;
- warm: the same request repeated after warm-up (every worker has seen it);
- throughput: wrk (Debian's), loopback only, bounded by `-d`, against the
  page's main callback (the one with the most outputs) and, in the same run,
  against `GET /_dash-layout` as the reference.
"""

from __future__ import annotations

import http.client
import json
import re
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

LANGUAGES = ("kk", "ru", "en")
ROUTER_OUTPUT = ".._pages_content.children..._pages_store.data.."
PAGES = ("/", "/regions", "/visits", "/recommendations", "/cases", "/upr", "/data", "/about")


class Client:
    """One keep-alive HTTP connection, as a browser tab has."""

    def __init__(self, base_url: str) -> None:
        parsed = urlparse(base_url)
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 80
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes, float]:
        """(status, body, seconds) of one request; reconnects once if the server closed the connection."""
        headers = (
            {"Content-Type": "application/json", "Accept-Encoding": "gzip, br"}
            if body
            else {"Accept-Encoding": "gzip, br"}
        )
        for attempt in (1, 2):
            try:
                started = time.perf_counter()
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                payload = response.read()
                return response.status, payload, time.perf_counter() - started
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def json(self, method: str, path: str, body: dict | None = None) -> object:
        """A request whose answer is JSON (asks for it uncompressed)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        data = json.dumps(body).encode() if body is not None else None
        connection.request(method, path, body=data, headers={"Content-Type": "application/json"} if data else {})
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"{method} {path}: HTTP {response.status}: {payload[:300]!r}")
        return json.loads(payload)


def router_body(path: str, lang: str) -> dict:
    """The request a browser sends to fetch a page's layout (Dash pages' routing callback)."""
    return {
        "output": ROUTER_OUTPUT,
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": f"?lang={lang}"},
        ],
        "changedPropIds": ["_pages_location.pathname"],
    }


def _components(tree: object) -> dict[str, dict]:
    """Every component with an id in a layout: {stringified id: {"id": id, "props": props}}."""
    found: dict[str, dict] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "props" in node and "type" in node:
                props = node["props"]
                if "id" in props:
                    found[_id_key(props["id"])] = {"id": props["id"], "props": props}
                walk(props.get("children"))
            else:
                for value in node.values():
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return found


def _id_key(component_id: object) -> str:
    return (
        json.dumps(component_id, sort_keys=True, separators=(",", ":"))
        if isinstance(component_id, dict)
        else str(component_id)
    )


def _matches(pattern: dict, component_id: object) -> bool:
    if not isinstance(component_id, dict) or set(component_id) != set(pattern):
        return False
    return all(isinstance(value, list) or component_id[key] == value for key, value in pattern.items())


def _resolve(spec: dict, components: dict[str, dict]) -> list[dict] | dict | None:
    """The components a callback input/state refers to: one dict, a list (ALL wildcard), or None if absent."""
    raw = spec["id"]
    if raw.startswith("{"):
        pattern = json.loads(raw)
        hits = [c for c in components.values() if _matches(pattern, c["id"])]
        return hits or None
    return components.get(raw)


def _value(component: dict, prop: str) -> object:
    return component["props"].get(prop)


def _outputs(output: str) -> list[dict] | dict:
    if output.startswith(".."):
        parts = output.strip(".").split("...")
        return [{"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]} for part in parts]
    component, prop = output.rsplit(".", 1)
    return {"id": component, "property": prop}


@dataclass
class CallbackCase:
    """One callback of one page, with a request body per (variant, language)."""

    page: str
    name: str
    outputs: int
    bodies: dict[tuple[str, str], bytes] = field(default_factory=dict)


def _body(callback: dict, components: dict[str, dict], change: tuple[int, object] | None) -> dict | None:
    """The browser's request body for `callback`, with input `change[0]` set to `change[1]`."""
    inputs: list = []
    for index, spec in enumerate(callback["inputs"]):
        target = _resolve(spec, components)
        if target is None:
            return None
        if isinstance(target, list):
            inputs.append(
                [{"id": c["id"], "property": spec["property"], "value": _value(c, spec["property"])} for c in target]
            )
            continue
        value = change[1] if change and change[0] == index else _value(target, spec["property"])
        inputs.append({"id": target["id"], "property": spec["property"], "value": value})
    state: list = []
    for spec in callback.get("state", []):
        target = _resolve(spec, components)
        if target is None:
            return None
        if isinstance(target, list):
            state.append(
                [{"id": c["id"], "property": spec["property"], "value": _value(c, spec["property"])} for c in target]
            )
        else:
            state.append({"id": target["id"], "property": spec["property"], "value": _value(target, spec["property"])})
    first = inputs[change[0] if change else 0]
    first = first[0] if isinstance(first, list) and first else first
    changed = f"{_id_key(first['id'])}.{first['property']}" if isinstance(first, dict) else ""
    return {"output": callback["output"], "outputs": _outputs(callback["output"]), "inputs": inputs, "state": state,
            "changedPropIds": [changed]}  # fmt: skip


def discover(base_url: str) -> dict[str, list[CallbackCase]]:
    """Each page's server callbacks (the routing one first), with request bodies for every variant and language."""
    client = Client(base_url)
    dependencies = client.json("GET", "/_dash-dependencies")
    server_callbacks = [c for c in dependencies if not c.get("clientside_function") and c["output"] != ROUTER_OUTPUT]
    cases: dict[str, list[CallbackCase]] = {}
    for page in PAGES:
        router = CallbackCase(page, "page layout (routing callback)", 2)
        page_cases = [router]
        per_callback: dict[str, CallbackCase] = {}
        for lang in LANGUAGES:
            body = router_body(page, lang)
            router.bodies[("default", lang)] = json.dumps(body).encode()
            layout = client.json("POST", "/_dash-update-component", body)
            components = _components(layout)
            for callback in server_callbacks:
                base = _body(callback, components, None)
                if base is None:
                    continue
                outputs = _outputs(callback["output"])
                case = per_callback.setdefault(
                    callback["output"],
                    CallbackCase(page, _short_name(callback), len(outputs) if isinstance(outputs, list) else 1),
                )
                variants: list[tuple[str, bytes]] = [("default", json.dumps(base).encode())]
                for index, spec in enumerate(callback["inputs"]):
                    target = _resolve(spec, components)
                    options = target["props"].get("options") if isinstance(target, dict) else None
                    if options and spec["property"] == "value":
                        values = [o["value"] if isinstance(o, dict) else o for o in options]
                        variants = [
                            (f"{spec['id']}={v}", json.dumps(_body(callback, components, (index, v))).encode())
                            for v in values
                        ]
                        break
                for variant, data in variants:
                    case.bodies[(variant, lang)] = data
        page_cases.extend(per_callback.values())
        cases[page] = page_cases
    return cases


def _short_name(callback: dict) -> str:
    inputs = ", ".join(f"{spec['id'] if not spec['id'].startswith('{') else json.loads(spec['id']).get('type', '?')}.{spec['property']}"
                       for spec in callback["inputs"])  # fmt: skip
    return f"on {inputs}"


def main_callback(cases: list[CallbackCase]) -> CallbackCase:
    """The page's main callback: its filter callback with the most outputs, else the page layout."""
    filters = [case for case in cases[1:] if case.bodies]
    return max(filters, key=lambda case: case.outputs) if filters else cases[0]


def percentile(values: list[float], share: float) -> float:
    """The `share` percentile (0-1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def latency(base_url: str, case: CallbackCase, warm_repeats: int, workers: int) -> dict:
    """Cold (first request of each variant) and warm (repeated) latency of one callback, in ms."""
    client = Client(base_url)
    cold, errors = [], 0
    for data in case.bodies.values():
        status, _, seconds = client.request("POST", "/_dash-update-component", data)
        errors += status != 200
        cold.append(seconds * 1000)
    body = case.bodies.get(("default", "en")) or next(iter(case.bodies.values()))
    for _ in range(4 * workers):  # every worker has answered it at least once (round robin is not guaranteed)
        client.request("POST", "/_dash-update-component", body)
    warm = []
    for _ in range(warm_repeats):
        status, _, seconds = client.request("POST", "/_dash-update-component", body)
        errors += status != 200
        warm.append(seconds * 1000)
    return {
        "cold_n": len(cold), "cold_p50": statistics.median(cold), "cold_p95": percentile(cold, 0.95),
        "warm_n": len(warm), "warm_p50": statistics.median(warm), "warm_p95": percentile(warm, 0.95),
        "errors": errors,
    }  # fmt: skip


WRK_SCRIPT = """
local f = io.open("{body}", "rb")
wrk.method = "{method}"
wrk.body = f and f:read("*a") or nil
if f then f:close() end
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept-Encoding"] = "gzip, br"
"""


def wrk(base_url: str, path: str, body: bytes | None, seconds: int, connections: int = 8, threads: int = 2) -> dict:
    """Requests a second and latency percentiles under load; bounded by `seconds` (and a timeout)."""
    if not base_url.startswith("http://127.0.0.1:"):
        raise ValueError("load is only ever sent to loopback")
    with tempfile.TemporaryDirectory(prefix="tpd-wrk-") as scratch:
        body_file = Path(scratch) / "body"
        body_file.write_bytes(body or b"")
        script = Path(scratch) / "script.lua"
        script.write_text(
            WRK_SCRIPT.format(body=body_file if body else "/nonexistent", method="POST" if body else "GET")
        )
        result = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
             "-s", str(script), base_url + path],
            capture_output=True, text=True, timeout=seconds + 30, check=False,
        )  # fmt: skip
    out = result.stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non_ok = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    p50 = re.search(r"\s50%\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", out)
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "requests": int(total.group(1)) if total else 0,
        "non_2xx": int(non_ok.group(1)) if non_ok else 0,
        "p50_ms": _ms(p50), "p99_ms": _ms(p99),
    }  # fmt: skip


def _ms(match: re.Match | None) -> float | None:
    if not match:
        return None
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def layout_latency(base_url: str, page: str, warm_repeats: int, workers: int) -> dict:
    """`GET /_dash-layout` as the browser sends it on first load of `page` (with its Referer), in ms.

    `carries_page` says whether the answer holds the page (else a routing callback must follow).
    """
    parsed = urlparse(base_url)
    cold: list[float] = []
    size = 0
    for lang in LANGUAGES:
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        headers = {"Referer": f"{base_url}{page}?lang={lang}", "Accept-Encoding": "gzip, br"}
        started = time.perf_counter()
        connection.request("GET", "/_dash-layout", headers=headers)
        response = connection.getresponse()
        payload = response.read()
        cold.append((time.perf_counter() - started) * 1000)
        size = len(payload)
        connection.close()
    warm = []
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    headers = {"Referer": f"{base_url}{page}?lang=en", "Accept-Encoding": "gzip, br"}
    for index in range(4 * workers + warm_repeats):
        started = time.perf_counter()
        connection.request("GET", "/_dash-layout", headers=headers)
        response = connection.getresponse()
        payload = response.read()
        if index >= 4 * workers:
            warm.append((time.perf_counter() - started) * 1000)
    connection.close()
    plain = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    plain.request("GET", "/_dash-layout", headers={"Referer": f"{base_url}{page}?lang=en"})
    body = plain.getresponse().read()
    plain.close()
    carries = b'"children":null,"id":"_pages_content"' not in body
    return {
        "carries_page": carries, "bytes": size,
        "cold_p50": statistics.median(cold), "cold_p95": percentile(cold, 0.95),
        "warm_p50": statistics.median(warm), "warm_p95": percentile(warm, 0.95),
    }  # fmt: skip
