"""How the app's pages reach the browser fast: fewer bytes, fewer round trips, answers computed once.

`speed_up(app)` (called by app.py) does six things:

1. plotly.js: dcc.Graph loads plotly.js on demand from the URL dash-renderer
   gives it (`_dash-component-suites/plotly/package_data/plotly.min.js`, the
   full 4.8 MB bundle of every trace type). That URL now answers with the
   app's own bundle of only the trace types its figures use
   (assets/vendor/plotly/, built by frontend/plotly/build.js: about 30 % of it).
2. @babel/polyfill (core-js 2 for browsers Dash no longer supports; about a
   second of main-thread work on a throttled phone) is dropped; only the
   regenerator runtime that Dash's bundles call is kept (assets/vendor/). Done in
   `DeliveredDash.interpolate_index`, Dash's documented index customisation.
3. Callback answers are cached, compressed, per (request body, language
   cookie, host, data release): a filter a visitor has chosen before is
   answered without building a figure. The store is the query cache's
   (Redis when CACHE_REDIS_URL is set, so all workers share it).
4. `/_dash-layout` carries the page the browser is on (read from the Referer
   that same-origin fetches send), so no callback fires on page load just to
   fill it. Without a Referer it answers Dash's plain layout and the page is
   routed by its callback, as before.
5. The first response (Dash's index page) carries the page's static HTML
   (web/prerender.py) where Dash puts "Loading...", so the page paints
   before any script has run; Dash replaces it when it starts (also in `interpolate_index`).
6. What is served (the routed layout, callback answers) has its static parts
   collapsed into one component each (web/static_html.py), so React
   builds a few hundred components where a page has a few thousand; and on
   first load the sections of the page are built one per task after a first
   paint of their HTML (web/deferred.py), not all in one long task.

Only documented mechanisms are used: `interpolate_index`, `dash.page_registry`, Flask's
before/after-request hooks (no view function is swapped), plotly.io.json; no private Dash name.

Setting `DASH_PLAIN_DELIVERY=1` leaves the app as Dash builds it: the
benchmark's "before" (bench/README.md).
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import brotli
import dash
import flask
import orjson
from dash import ClientsideFunction, Input, Output, dcc
from plotly.io.json import to_json_plotly

from data_access import cache
from data_access.cache import data_was_unavailable, mark_data_unavailable

from .deferred import defer_charts, defer_main_sections
from .hosts import public_host, public_origin
from .prerender import to_html
from .static_html import collapse

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PLOTLY_BUNDLE = ASSETS / "vendor" / "plotly" / "plotly-custom.min.js"
PLOTLY_URL_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"
POLYFILL = "polyfill@"
ROUTED_FOR_ID = "delivery-routed-for"
JSON_MIME = "application/json"
# A callback answer is kept only if its request is this plain: the app's inputs are short ids, numbers
# and lists of a few of them; anything bigger or stranger is computed every time, never stored.
MAX_CACHED_CALLBACK_BODY = 4096
MAX_CACHED_ANSWER_BYTES = 2 * 1024 * 1024
MAX_CACHED_VALUE_CHARS = 200
MAX_CACHED_LIST_ITEMS = 20


def _plain() -> bool:
    return os.environ.get("DASH_PLAIN_DELIVERY", "").strip().lower() in {"1", "true", "yes", "on"}


# --- 1. plotly.js: only the traces the app draws -----------------------------------------------


def serve_custom_plotly(app: dash.Dash) -> None:
    """Answer dcc.Graph's on-demand plotly.js request with the app's own bundle."""
    if not PLOTLY_BUNDLE.exists():
        log.warning("%s is missing (run `node frontend/plotly/build.js`); serving the full plotly.js", PLOTLY_BUNDLE)
        return
    path = app.config.requests_pathname_prefix + PLOTLY_URL_PATH

    @app.server.before_request
    def plotly_bundle() -> flask.Response | None:
        if flask.request.path != path:
            return None
        # Pre-compressed by the build (frontend/plotly/build.js), so no request pays for compressing 1.4 MB.
        encoding = _encoding(flask.request.headers.get("Accept-Encoding", ""))
        suffix = {"br": ".br", "gzip": ".gz"}.get(encoding or "", "")
        file = PLOTLY_BUNDLE.with_name(PLOTLY_BUNDLE.name + suffix)
        if not file.exists():
            file, encoding = PLOTLY_BUNDLE, None
        # The URL carries no version, so browsers revalidate (ETag) rather than keep a stale copy.
        response = flask.send_file(file, mimetype="application/javascript", conditional=True, max_age=3600)
        if encoding:
            response.headers["Content-Encoding"] = encoding  # flask-compress leaves it alone
        response.headers["Vary"] = "Accept-Encoding"
        return response


# --- 2. scripts: no core-js polyfill; 5. the page painted before any script runs ------------------


class DeliveredDash(dash.Dash):
    """Dash whose index page carries the page's static HTML and no @babel/polyfill, once `speed_up` ran.

    Both are done in `interpolate_index`, the hook Dash documents for customising its index page
    ("Customizing Dash's HTML Index Template"): it is given the scripts and the app entry
    ('<div id="react-entry-point">... Loading ...</div>') as separate pieces, so nothing here needs
    Dash's private names or its view functions.
    """

    delivery_on = False  # set by speed_up unless DASH_PLAIN_DELIVERY asks for Dash as it comes

    def interpolate_index(self, **kwargs: object) -> str:
        """Dash's index, with the polyfill dropped and the routed page's static HTML in the app entry."""
        if self.delivery_on:
            kwargs["scripts"] = without_polyfill(str(kwargs.get("scripts", "")))
            prerendered = prerendered_entry(self)
            if prerendered is not None:
                kwargs["app_entry"] = prerendered
        return super().interpolate_index(**kwargs)


def without_polyfill(scripts: str) -> str:
    """The index's script tags without @babel/polyfill (assets/vendor keeps the regenerator runtime)."""
    return "\n".join(line for line in scripts.split("\n") if POLYFILL not in line)


def prerendered_entry(app: dash.Dash) -> str | None:
    """The app entry holding the static HTML of the page this request asks for (None: Dash's "Loading...")."""
    query = flask.request.query_string.decode("utf-8", "replace")
    body = routed_layout_json(app, flask.request.path, f"?{query}" if query else "")
    if body is None:
        return None
    return f'<div id="react-entry-point">{prerendered_html(body)}</div>'


# --- 3. cached callback answers -----------------------------------------------------------------


def _encoding(accept: str) -> str | None:
    accept = accept.lower()
    if "br" in accept:
        return "br"
    if "gzip" in accept:
        return "gzip"
    return None


def _compress(data: bytes, encoding: str | None) -> bytes:
    # Compressed once per answer and kept, so the strongest settings cost nothing per request.
    if encoding == "br":
        return brotli.compress(data, quality=9)
    if encoding == "gzip":
        return gzip.compress(data, compresslevel=9)
    return data


def _answer(body: bytes, encoding: str | None) -> flask.Response:
    response = flask.Response(body, mimetype=JSON_MIME)
    if encoding:
        response.headers["Content-Encoding"] = encoding  # flask-compress leaves it alone
    response.headers["Vary"] = "Accept-Encoding, Cookie"
    return response


def _cached(key_of: Callable[[], str | None]) -> tuple[flask.Response | None, str | None]:
    """(the kept answer for this request, or None; the key to keep a fresh answer under, or None: do not keep)."""
    identity = key_of()
    if identity is None:
        return None, None
    encoding = _encoding(flask.request.headers.get("Accept-Encoding", ""))
    try:
        release = cache.release_token()
    except Exception:  # the database is away: let the page say so, and keep nothing
        mark_data_unavailable()
        return None, None
    key = "answer:" + hashlib.sha256(f"{release}|{encoding}|{identity}".encode()).hexdigest()
    hit = cache.load(key)
    if hit is not None:
        return _answer(hit, encoding), None
    return None, key


def _keep(response: flask.Response, key: str | None) -> flask.Response:
    """Keep a fresh 200 JSON answer under `key` (compressed once) and serve it so; anything else as it is."""
    if key is None or response.status_code != 200 or response.mimetype != JSON_MIME or response.direct_passthrough:
        return response
    data = response.get_data()
    if len(data) > MAX_CACHED_ANSWER_BYTES or data_was_unavailable():
        return response  # too big to keep, or built while the database was away
    encoding = _encoding(flask.request.headers.get("Accept-Encoding", ""))
    body = _compress(data, encoding)
    cache.store(key, body)
    return _answer(body, encoding)


def cached_json_view(view: Callable[..., object], key_of: Callable[[], str | None]) -> Callable[..., object]:
    """Wrap a view answering JSON so that each distinct request is computed once per data release.

    `key_of()` names what the answer depends on (None: do not cache this one).
    Only 200 JSON answers are kept; errors, "no update" (204) and the "data temporarily
    unavailable" notice are always recomputed. (The app itself does the same with Flask's
    before/after-request hooks: `cache_callback_answers`.)
    """

    def view_with_cache(*args: object, **kwargs: object) -> object:
        hit, key = _cached(key_of)
        if hit is not None:
            return hit
        return _keep(flask.make_response(view(*args, **kwargs)), key)

    view_with_cache.__name__ = getattr(view, "__name__", "view_with_cache")
    return view_with_cache


def known_language_cookie() -> str:
    """The language cookie if it names a language of the site, else "" (a junk cookie is ignored)."""
    from components.i18n import LANG_COOKIE, is_language

    lang = flask.request.cookies.get(LANG_COOKIE)
    return lang if is_language(lang) else ""


def _request_identity(*parts: str | None) -> str:
    """What, besides the release, a page's answer depends on: the (validated) parts given, the language
    cookie if it is a known language, the public origin (never the Host header) and the briefing PDFs
    built so far and their build's state (the UPR page links those that exist, says why the others not)."""
    from .upr_pdf import built_pdfs_token

    return "|".join([*(part or "" for part in parts), known_language_cookie(), public_origin(), built_pdfs_token()])


def _plain_value(value: object) -> bool:
    if value is None or isinstance(value, bool | int | float):
        return True
    return isinstance(value, str) and len(value) <= MAX_CACHED_VALUE_CHARS


def _plain_input(value: object) -> bool:
    if isinstance(value, list):
        return len(value) <= MAX_CACHED_LIST_ITEMS and all(_plain_value(item) for item in value)
    return _plain_value(value)


def cacheable_callback_request(body: object) -> bool:
    """Whether a callback request is plain enough to keep its answer: every input and state value is
    None, a number, a short string or a short list of those (the values the app's controls send)."""
    if not isinstance(body, dict):
        return False
    for group in ("inputs", "state"):
        items = body.get(group) or []
        if not isinstance(items, list):
            return False
        for item in items:
            # A pattern-matching input is a list of {id, property, value}.
            for entry in item if isinstance(item, list) else [item]:
                if not isinstance(entry, dict) or not _plain_input(entry.get("value")):
                    return False
    return True


def _callback_key() -> str | None:
    body = flask.request.get_data(cache=True)
    if not body or len(body) > MAX_CACHED_CALLBACK_BODY:
        return None
    try:
        request = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if not cacheable_callback_request(request):
        return None
    # Only what Dash reads of the body, in one canonical form: extra fields do not make new keys.
    canonical = {name: request.get(name) for name in ("output", "outputs", "inputs", "state", "changedPropIds")}
    return _request_identity(flask.request.path, orjson.dumps(canonical, option=orjson.OPT_SORT_KEYS).decode())


def collapse_answer(response: flask.Response) -> flask.Response:
    """A callback answer with the static parts of the components it carries collapsed."""
    if response.status_code != 200 or response.mimetype != JSON_MIME or response.direct_passthrough:
        return response
    answer = orjson.loads(response.get_data())
    if isinstance(answer, dict) and isinstance(answer.get("response"), dict):
        answer["response"] = {
            component_id: {prop: defer_charts(collapse(value)) for prop, value in props.items()}
            if isinstance(props, dict)
            else props
            for component_id, props in answer["response"].items()
        }
        response.set_data(orjson.dumps(answer))
    return response


def cache_callback_answers(app: dash.Dash) -> None:
    """Serve `/_dash-update-component` from the answer cache, static parts collapsed.

    Flask's own request hooks, not a swapped view function: a kept answer is returned before the
    view runs (after the callback guard in web/routes.py, registered first); a fresh one is
    collapsed and kept after it.
    """
    path = app.config.routes_pathname_prefix + "_dash-update-component"

    @app.server.before_request
    def callback_answer_from_cache() -> flask.Response | None:
        if flask.request.path != path or flask.request.method != "POST":
            return None
        hit, key = _cached(_callback_key)
        if hit is None:
            flask.g.answer_key = key  # computed now: collapse it and keep it after the view ran
        return hit

    @app.server.after_request
    def keep_callback_answer(response: flask.Response) -> flask.Response:
        if flask.request.path != path or flask.request.method != "POST" or "answer_key" not in flask.g:
            return response  # not a callback, or an answer served from the cache as it was kept
        return _keep(collapse_answer(response), flask.g.pop("answer_key"))


# --- 4. the page in the layout ------------------------------------------------------------------


def _referred_page(app: dash.Dash) -> tuple[str, str] | None:
    """(pathname, search) of the page that asked for the layout, from its Referer; None if unknown."""
    referer = flask.request.headers.get("Referer")
    if not referer:
        return None
    try:
        parts = urlsplit(referer)
    except ValueError:
        return None
    if parts.netloc and parts.netloc != public_host():
        return None
    return parts.path or "/", f"?{parts.query}" if parts.query else ""


def _find(component: object, component_id: str) -> object | None:
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and hasattr(child, "to_plotly_json"):
            found = _find(child, component_id)
            if found is not None:
                return found
    return None


def page_for(pathname: str) -> dict | None:
    """The page of `dash.page_registry` at `pathname`, as Dash's router finds it (None: none, or a path template,
    which this app does not use: the router callback then fills the page as before)."""
    wanted = pathname.strip("/")
    for page in dash.page_registry.values():
        if not page.get("path_template") and page["path"].strip("/") == wanted:
            return page
    return None


def query_values(search: str) -> dict[str, str | list[str]]:
    """`?a=1&b=2&b=3` -> {"a": "1", "b": ["2", "3"]}: the keyword arguments Dash's router gives a page layout."""
    if not search.startswith("?"):
        return {}
    parsed = parse_qs(search[1:], keep_blank_values=True)
    return {name: values[0] if len(values) == 1 else values for name, values in parsed.items()}


def canonical_search(page: dict, search: str) -> str | None:
    """The validated form of a page's query string: a known `lang`, then the page's declared parameters
    (`params=` a components.page.ParamSpec in `dash.register_page`) in their canonical order, defaults
    left out. A page that declares none takes no parameters here. None: it cannot be validated now
    (its choices come from a database that is away)."""
    from components.i18n import is_language, resolve_language
    from components.page import read_params
    from data_access.queries.base import DataUnavailable

    values = query_values(search)
    lang = values.get("lang")
    pairs: list[tuple[str, str]] = [("lang", lang)] if is_language(lang) else []  # type: ignore[list-item]
    spec = page.get("params")
    if spec is not None:
        try:
            query = read_params(spec, values, resolve_language(lang)).query
        except DataUnavailable:
            mark_data_unavailable()
            return None
        pairs += [(name, value) for name, value in query.items() if value is not None]
    return f"?{urlencode(pairs)}" if pairs else ""


def routed_title(page: dict, search: str) -> str:
    """The page's document title for the language of `search` (else the cookie's, else the page's default)."""
    from components.chrome import PageTitle, default_language_of
    from components.i18n import resolve_language

    title = page["title"]
    if isinstance(title, PageTitle):
        return title(lang=resolve_language(query_values(search).get("lang"), default_language_of(page["path"])))
    return title() if callable(title) else title


def routed_layout(app: dash.Dash, pathname: str, search: str) -> object | None:
    """The app's layout with the page at `pathname`+`search` already in it, as the routing callback would fill it."""
    page = page_for(app.strip_relative_path(pathname) or "")
    if not page:
        return None
    layout = copy.deepcopy(app.get_layout())
    location, content, store, routed_for = (
        _find(layout, ident) for ident in ("_pages_location", "_pages_content", "_pages_store", ROUTED_FOR_ID)
    )
    if location is None or content is None or store is None or routed_for is None:
        return None
    page_layout = page["layout"]
    if callable(page_layout):
        try:
            page_layout = page_layout(**query_values(search))
        except Exception:  # the router callback will render (or report) it as before
            log.exception("could not render %s%s into the layout", pathname, search)
            return None
    # With these props set, dcc.Location finds nothing to change on mount, so the routing callback stays quiet.
    location.pathname, location.search, location.hash = pathname, search, ""
    content.children = page_layout
    # The title Dash's router would write, in the language the page is rendered in (components/chrome.py).
    store.data = {"title": routed_title(page, search)}
    routed_for.data = pathname + search
    return layout


def routed_layout_json(app: dash.Dash, pathname: str, search: str) -> bytes | None:
    """`routed_layout` as Dash's JSON, computed once per (page, validated query, language, release).

    The page is rendered for its canonical query (`canonical_search`); if that differs from the address
    bar, the browser's route check (assets/delivery.js) hands the real one to the router.
    """
    page = page_for(app.strip_relative_path(pathname) or "")
    if not page:
        return None
    canonical = canonical_search(page, search)
    try:
        release = cache.release_token() if canonical is not None else None
    except Exception:  # the database is away: the page renders its notice, uncached
        mark_data_unavailable()
        release = None
    if canonical is not None:
        search = canonical
    key = "layout:" + hashlib.sha256(f"{release}|{_request_identity(page['path'], search)}".encode()).hexdigest()
    if release is not None:
        hit = cache.load(key)
        if hit is not None:
            return hit
    layout = routed_layout(app, pathname, search)
    if layout is None:
        return None
    body = orjson.dumps(defer_main_sections(defer_charts(collapse(orjson.loads(to_json_plotly(layout))))))
    if release is not None and not data_was_unavailable():
        cache.store(key, body)
    return body


def serve_routed_layout(app: dash.Dash) -> None:
    """Make `/_dash-layout` carry the page the browser is on (cached like a callback answer).

    A Flask before-request hook answers it when the Referer names a page; otherwise Dash's own
    view serves its plain layout.
    """
    path = app.config.routes_pathname_prefix + "_dash-layout"

    @app.server.before_request
    def routed_layout_answer() -> flask.Response | None:
        if flask.request.path != path or flask.request.method != "GET":
            return None
        referred = _referred_page(app)
        if referred is None:
            return None
        page = page_for(app.strip_relative_path(referred[0]) or "")
        canonical = canonical_search(page, referred[1]) if page else None
        if canonical is None:
            key_of: Callable[[], str | None] = lambda: None  # noqa: E731 - not kept: unknown or not validated
        else:
            key_of = lambda: _request_identity("layout", page["path"], canonical)  # noqa: E731
        hit, key = _cached(key_of)
        if hit is not None:
            return hit
        body = routed_layout_json(app, *referred)
        if body is None:
            return None
        return _keep(flask.Response(body, mimetype=JSON_MIME), key)

    # If the Referer was stripped to the origin (a privacy setting), the page rendered is not the
    # one in the address bar: hand the real location to the router, which then fills the page.
    app.clientside_callback(
        ClientsideFunction("delivery", "checkRoute"),
        Output("_pages_location", "pathname"),
        Output("_pages_location", "search"),
        Input(ROUTED_FOR_ID, "data"),
    )


# --- 5. the page painted before any script runs -------------------------------------------------


def prerendered_html(layout_json: bytes) -> str:
    """The static HTML of a routed layout (web/prerender.py), kept per layout."""
    key = "prerender:" + hashlib.sha256(layout_json).hexdigest()
    hit = cache.load(key)
    if hit is None:
        hit = to_html(json.loads(layout_json))
        if not data_was_unavailable():
            cache.store(key, hit)
    return hit


def speed_up(app: dash.Dash) -> None:
    """Apply all of the above, unless DASH_PLAIN_DELIVERY=1 asks for Dash as it comes.

    Steps 2 and 5 need the app to be a `DeliveredDash` (app.py's LocalisedDash is one).
    """
    # The bundle is fetched on demand by dcc.Graph; Dash must never also put it on every page
    # (not even in plain delivery, where the page would otherwise load it as window.Plotly).
    ignore = app.config.assets_ignore
    app.config.assets_ignore = "|".join(part for part in (ignore, re.escape(PLOTLY_BUNDLE.name)) if part)
    if _plain():
        log.info("DASH_PLAIN_DELIVERY is set: plain Dash delivery")
        return
    layout = app.layout
    if isinstance(layout, dash.html.Div):
        # The store that says which page a served layout holds; empty in the plain layout.
        children = layout.children if isinstance(layout.children, list) else [layout.children]
        layout.children = [*children, dcc.Store(id=ROUTED_FOR_ID)]
    serve_custom_plotly(app)
    cache_callback_answers(app)
    serve_routed_layout(app)
    if isinstance(app, DeliveredDash):
        app.delivery_on = True
