"""Requests to Dash's callback endpoint: refuse malformed ones before Dash reads them, and tell bugs from bad input.

Dash's renderer always sends `{output, outputs, inputs, state, changedPropIds}`
shaped exactly like the callback it calls. Anything else was not sent by the
page: `callback_request_problem` names what is wrong, and the app answers 400
before any page code runs (so no page has to defend against, say, a
`changedPropIds` entry that is not JSON). The values themselves are not
checked here: each page validates its own inputs and falls back to its default.

`raised_in_app_code` decides, for an error that escaped anyway, whether it is
ours (it passed through a page's callback or layout, or was raised in this
project's code: 500) or Dash refusing a request it could not match (400).
"""

from __future__ import annotations

import inspect
import json
import types
from collections.abc import Mapping
from pathlib import Path

import dash

from data_access.settings import PROJECT_ROOT

WILDCARDS = (["ALL"], ["MATCH"], ["ALLSMALLER"])
_VENV_PARTS = {".venv", "site-packages", "dist-packages"}
_SCALAR = (str, int, float, bool)


def _parse_id(raw: str) -> str | dict:
    return json.loads(raw) if raw.startswith("{") else raw


def _declared_outputs(output: str) -> list[tuple[str | dict, str]]:
    parts = output[2:-2].split("...") if output.startswith("..") and output.endswith("..") else [output]
    declared = []
    for part in parts:
        component, _, prop = part.rpartition(".")
        declared.append((_parse_id(component), prop))
    return declared


def _id_ok(given: object) -> bool:
    if isinstance(given, str):
        return True
    return isinstance(given, dict) and all(isinstance(k, str) and isinstance(v, _SCALAR) for k, v in given.items())


def _matches(declared_id: str | dict, declared_property: str, entry: object) -> bool:
    """Whether one entry of the request is the declared component and property (any match of a pattern)."""
    if not isinstance(entry, dict) or entry.get("property") != declared_property or not _id_ok(entry.get("id")):
        return False
    given = entry["id"]
    if isinstance(declared_id, str):
        return given == declared_id
    return (
        isinstance(given, dict)
        and set(given) == set(declared_id)
        and all(value in WILDCARDS or given[key] == value for key, value in declared_id.items())
    )


def _slot_ok(declared_id: str | dict, declared_property: str, given: object) -> bool:
    """One declared dependency against the request: an entry, or a list of entries for a pattern."""
    if isinstance(declared_id, dict) and any(v in WILDCARDS for v in declared_id.values()):
        entries = given if isinstance(given, list) else [given]
        return all(_matches(declared_id, declared_property, entry) for entry in entries)
    return _matches(declared_id, declared_property, given)


def _dependencies_ok(given: object, declared: list[dict]) -> bool:
    if not isinstance(given, list) or len(given) != len(declared):
        return False
    return all(
        _slot_ok(_parse_id(spec["id"]), spec["property"], entry) for spec, entry in zip(declared, given, strict=True)
    )


def _prop_ids(inputs: list) -> set[tuple[str, str]]:
    """(id as sorted JSON or string, property) of every input entry given."""
    found = set()
    for slot in inputs:
        for entry in slot if isinstance(slot, list) else [slot]:
            component = entry["id"]
            key = json.dumps(component, sort_keys=True) if isinstance(component, dict) else component
            found.add((key, entry["property"]))
    return found


def _changed_ok(changed: object, inputs: list) -> bool:
    if not isinstance(changed, list):
        return False
    given = _prop_ids(inputs)
    for prop_id in changed:
        if not isinstance(prop_id, str) or "." not in prop_id:
            return False
        component, _, prop = prop_id.rpartition(".")
        if component.startswith("{"):
            try:
                parsed = json.loads(component)
            except ValueError:
                return False
            if not isinstance(parsed, dict):
                return False
            component = json.dumps(parsed, sort_keys=True)
        if (component, prop) not in given:
            return False
    return True


def _outputs_ok(output: str, outputs: object) -> bool:
    declared = _declared_outputs(output)
    if len(declared) > 1 or output.startswith(".."):
        if not isinstance(outputs, list) or len(outputs) != len(declared):
            return False
        slots = outputs
    else:
        slots = [outputs]
    return all(_slot_ok(i, p, given) for (i, p), given in zip(declared, slots, strict=True))


def callback_request_problem(body: object, callbacks: Mapping[str, dict]) -> str | None:
    """What makes `body` something Dash's renderer would never send for a callback of this app (None: nothing)."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    spec = callbacks.get(output) if isinstance(output, str) else None
    if spec is None or "callback" not in spec:
        return "'output' names no server callback of this app"
    if not spec.get("no_output") and not _outputs_ok(output, body.get("outputs")):
        return "'outputs' do not match the callback"
    inputs = body.get("inputs")
    if not _dependencies_ok(inputs, spec["inputs"]):
        return "'inputs' do not match the callback"
    if not _dependencies_ok(body.get("state", []), spec.get("state", [])):
        return "'state' does not match the callback"
    if not _changed_ok(body.get("changedPropIds", []), inputs):
        return "'changedPropIds' names no input of the callback"
    return None


_app_code: set[types.CodeType] = set()


def _registered_code() -> set[types.CodeType]:
    """The code of every page layout and server callback function (computed once, after start-up)."""
    if not _app_code:
        functions = [entry["callback"] for entry in dash.get_app().callback_map.values() if "callback" in entry]
        functions += [page["layout"] for page in dash.page_registry.values() if callable(page.get("layout"))]
        codes = (getattr(inspect.unwrap(function), "__code__", None) for function in functions)
        # Dash's own callbacks (the pages router) are left out: what they refuse is the request's fault.
        _app_code.update(code for code in codes if code is not None and _in_project(code))
    return _app_code


def _in_project(code: types.CodeType) -> bool:
    path = Path(code.co_filename)
    return path.is_relative_to(PROJECT_ROOT) and not _VENV_PARTS.intersection(path.parts)


def raised_in_app_code(error: BaseException) -> bool:
    """Whether the error passed through a page's callback or layout, or was raised in this project's code."""
    registered = _registered_code()
    trace: types.TracebackType | None = error.__traceback__
    innermost = None
    while trace is not None:
        if trace.tb_frame.f_code in registered:
            return True
        innermost = trace.tb_frame.f_code
        trace = trace.tb_next
    return innermost is not None and _in_project(innermost)
