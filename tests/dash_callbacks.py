"""Build requests to the app's Dash callbacks the way the browser does, for the fuzz, fault and load tests.

Dash publishes its callbacks at `/_dash-dependencies`; the browser calls one
by POSTing `{output, outputs, inputs, state, changedPropIds}` to
`/_dash-update-component`, with the current value of every input and state.
A page is rendered by the pages router's callback (`_pages_content`) from the
URL's path and query. These helpers turn the dependency list and a rendered
page into well-formed requests, which the tests then break on purpose.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

UPDATE_COMPONENT = "/_dash-update-component"
DEPENDENCIES = "/_dash-dependencies"
PAGES_OUTPUT = ".._pages_content.children..._pages_store.data.."
WILDCARDS = (["ALL"], ["MATCH"], ["ALLSMALLER"])
PAGES = Path(__file__).resolve().parent.parent / "pages"


@dataclass(frozen=True)
class Dependency:
    """One input, state or output of a callback: a component id (a dict for pattern matching) and a property."""

    id: str | dict
    property: str

    @property
    def is_pattern(self) -> bool:
        return isinstance(self.id, dict) and any(value in WILDCARDS for value in self.id.values())


@dataclass(frozen=True)
class ServerCallback:
    """A callback that runs on the server (clientside callbacks never reach it)."""

    output: str
    outputs: tuple[Dependency, ...]
    inputs: tuple[Dependency, ...]
    state: tuple[Dependency, ...]
    multi_output: bool

    @property
    def name(self) -> str:
        return self.output.strip(".")


def _parse_id(raw: str) -> str | dict:
    return json.loads(raw) if raw.startswith("{") else raw


def _split_output(output: str) -> tuple[tuple[Dependency, ...], bool]:
    multi = output.startswith("..") and output.endswith("..")
    parts = output[2:-2].split("...") if multi else [output]
    outputs = []
    for part in parts:
        component, prop = part.rsplit(".", 1)
        outputs.append(Dependency(_parse_id(component), prop))
    return tuple(outputs), multi


def server_callbacks(dependencies: list[dict]) -> list[ServerCallback]:
    """Every server-side callback of the app, from the `/_dash-dependencies` list."""
    callbacks = []
    for entry in dependencies:
        if entry.get("clientside_function"):
            continue
        outputs, multi = _split_output(entry["output"])
        callbacks.append(
            ServerCallback(
                output=entry["output"],
                outputs=outputs,
                inputs=tuple(Dependency(_parse_id(i["id"]), i["property"]) for i in entry["inputs"]),
                state=tuple(Dependency(_parse_id(s["id"]), s["property"]) for s in entry.get("state", [])),
                multi_output=multi,
            )
        )
    return callbacks


def id_key(component_id: str | dict) -> str:
    """How Dash writes a component id in `changedPropIds`: the string, or the dict as sorted compact JSON."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


def pages_request(pathname: str, search: str = "") -> dict:
    """The request the pages router makes when the browser opens `pathname` + `search`."""
    return {
        "output": PAGES_OUTPUT,
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }


def walk_components(node: Any) -> Iterator[dict]:
    """Every component (a dict with `type` and `props`) in a serialised Dash layout."""
    if isinstance(node, list):
        for child in node:
            yield from walk_components(child)
    elif isinstance(node, dict):
        if "props" in node and "type" in node:
            yield node
            for value in node["props"].values():
                yield from walk_components(value)
        else:
            for value in node.values():
                yield from walk_components(value)


def layout_components(pages_response: dict) -> dict[str, dict]:
    """id key -> props of every component with an id in a rendered page (the `_pages_content` response)."""
    found: dict[str, dict] = {}
    for component in walk_components(pages_response.get("response", {})):
        component_id = component["props"].get("id")
        if component_id is not None:
            found[id_key(component_id)] = {**component["props"], "id": component_id}
    return found


def _matches(pattern: dict, component_id: object) -> bool:
    if not isinstance(component_id, dict) or set(component_id) != set(pattern):
        return False
    return all(value in WILDCARDS or component_id[key] == value for key, value in pattern.items())


def _entry(dependency: Dependency, components: dict[str, dict], with_value: bool) -> dict | list[dict]:
    """The request entry for one dependency: a dict, or a list of dicts for a pattern-matching one."""
    if dependency.is_pattern:
        matching = [props for props in components.values() if _matches(dependency.id, props["id"])]
        return [
            {
                "id": props["id"],
                "property": dependency.property,
                **({"value": props.get(dependency.property)} if with_value else {}),
            }
            for props in matching
        ]
    entry: dict[str, Any] = {"id": dependency.id, "property": dependency.property}
    if with_value:
        entry["value"] = components.get(id_key(dependency.id), {}).get(dependency.property)
    return entry


def valid_request(callback: ServerCallback, components: dict[str, dict]) -> dict:
    """The request the browser makes when the callback's first input changes, with the page's current values."""
    inputs = [_entry(d, components, True) for d in callback.inputs]
    first = inputs[0][0] if isinstance(inputs[0], list) and inputs[0] else inputs[0]
    changed = [f"{id_key(first['id'])}.{first['property']}"] if isinstance(first, dict) else []
    outputs = [_entry(d, components, False) for d in callback.outputs]
    return {
        "output": callback.output,
        "outputs": outputs if callback.multi_output else outputs[0],
        "inputs": inputs,
        "changedPropIds": changed,
        "state": [_entry(d, components, True) for d in callback.state],
    }


def missing_components(callback: ServerCallback, components: dict[str, dict]) -> list[str]:
    """Inputs and states of `callback` that no rendered page has (so its 'valid' request would be a guess)."""
    missing = []
    for dependency in (*callback.inputs, *callback.state):
        if dependency.is_pattern:
            if not any(_matches(dependency.id, props["id"]) for props in components.values()):
                missing.append(id_key(dependency.id))
        elif id_key(dependency.id) not in components and not str(dependency.id).startswith("_pages"):
            missing.append(id_key(dependency.id))
    return missing


def url_sync_stores(dependencies: list[dict]) -> list[str]:
    """The stores each page keeps its URL in sync from (inputs of the clientside `url.replaceQuery`)."""
    return [
        entry["inputs"][0]["id"]
        for entry in dependencies
        if (entry.get("clientside_function") or {}).get("function_name") == "replaceQuery"
    ]


def store_data(callback_response: dict, store_ids: list[str]) -> dict[str, dict]:
    """store id -> the `data` a callback's answer writes into it, for the stores named."""
    written = callback_response.get("response", {})
    return {
        store: written[store]["data"]
        for store in store_ids
        if isinstance(written.get(store), dict) and isinstance(written[store].get("data"), dict)
    }


@dataclass
class Target:
    """What the app exposes: its server callbacks with a valid request each, its pages, their URL parameters."""

    callbacks: list[tuple[ServerCallback, dict]]
    pages: list[str]
    page_parameters: list[str]
    parameters_by_page: dict[str, set[str]]
    api_rules: list[str]
    other_rules: list[str]


def page_name(module: str) -> str:
    """`pages.visits.page` (a page package) or `pages.overview` (a page module) -> the page's name."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else parts[-1]


def page_parameters(page: dict) -> set[str]:
    """The URL parameters a page reads: its declared spec (`register_page(..., params=PARAMS)`), or for a page
    without one the names its code reads with `query.get("...")`."""
    if page.get("params") is not None:
        return set(page["params"].names)
    source = PAGES.joinpath(*page["module"].split(".")[1:]).with_suffix(".py")
    return set(re.findall(r'(?:query|params)\.get\("([a-z_]+)"', source.read_text())) if source.exists() else set()


def build_target(client) -> Target:  # a Flask test client
    """Everything to aim at, read from the running app (so a callback or route added later is covered too).

    A page's URL parameters are the keys of the store its URL is kept in sync
    from (as its callback writes it), and those its layout reads with
    `query.get("…")`; every parameter any page code reads is fuzzed on every page.
    """
    import dash

    dependencies = client.get(DEPENDENCIES).get_json()
    components: dict[str, dict] = {}
    pages = sorted(page["path"] for page in dash.page_registry.values())
    for path in pages:
        response = client.post(UPDATE_COMPONENT, json=pages_request(path, ""))
        assert response.status_code == 200, path
        components.update(layout_components(response.get_json()))
    callbacks = [(c, valid_request(c, components)) for c in server_callbacks(dependencies)]
    by_page = {page_name(page["module"]): page_parameters(page) for page in dash.page_registry.values()}
    everything = {"lang"} | {name for names in by_page.values() for name in names}
    stores = url_sync_stores(dependencies)
    for callback, request in callbacks:
        response = client.post(UPDATE_COMPONENT, json=request)
        assert response.status_code in (200, 204), f"the valid request of {callback.name} must work"
        if response.status_code == 200:
            for store, data in store_data(response.get_json(), stores).items():
                by_page.setdefault(store.split("-")[0], set()).update(data)
                everything.update(data)
    rules = sorted({rule.rule for rule in client.application.url_map.iter_rules()})
    return Target(
        callbacks=callbacks,
        pages=pages,
        page_parameters=sorted(everything),
        parameters_by_page=by_page,
        api_rules=[r for r in rules if r.startswith("/api")],
        other_rules=[r for r in rules if not r.startswith(("/api", "/_dash-update-component"))],
    )
