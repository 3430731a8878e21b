"""One way to build a page: its URL parameters, its skeleton and the one URL-sync callback.

A page declares its parameters once, as a `ParamSpec`, and reads them with
`read_params` in its layout, its callbacks and its downloads alike: a value the
page does not know is replaced by the default and explained in a notice (in a
layout or a callback), or refused with 400 (in a download). Only validated
values ever reach a link, the address bar or a cache key (`Params.query`).

`page_view` is the skeleton every page returns from `layout()`: it resolves
the language, reads the parameters, catches `DataUnavailable`, adds the
page's stores and its notice area, and wraps everything in the shell.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from dash import ClientsideFunction, Input, Output, clientside_callback, dcc, html

from data_access.queries.base import DataUnavailable
from data_access.queries.meta import release_info

from .chart_card import print_notes_once
from .i18n import is_language, resolve_language, translator
from .notices import data_unavailable, notice
from .shell import page_shell

Translate = Callable[[str], str]
Values = Mapping[str, "str | None"]


def _generic_notice(_: Translate, raw: str, values: Values) -> str:
    return _("The address asks for a view this page does not have; showing the default view instead.")


@dataclass(frozen=True)
class Param:
    """One URL parameter of a page.

    `choices(values)` gives the values accepted, given the parameters read before this one
    (they may come from the database); `default` is a value or a function of those parameters;
    `notice(_, raw, values)` says, translated, why a value was not used (it never repeats the value).
    """

    name: str
    choices: Callable[[Values], Collection[str]] | Collection[str]
    default: Callable[[Values], str | None] | str | None = None
    notice: Callable[[Translate, str, Values], str] = _generic_notice

    def accepted(self, values: Values) -> Collection[str]:
        """The values this parameter may take."""
        return self.choices(values) if callable(self.choices) else self.choices

    def default_for(self, values: Values) -> str | None:
        """The value shown when the parameter is absent or refused."""
        return self.default(values) if callable(self.default) else self.default


@dataclass(frozen=True)
class ParamSpec:
    """A page's URL parameters, in the order they are read and written."""

    params: tuple[Param, ...] = field(default_factory=tuple)

    @property
    def names(self) -> tuple[str, ...]:
        """The parameter names, in canonical order."""
        return tuple(param.name for param in self.params)


class Params(NamedTuple):
    """What `read_params` made of a request: the values to show and what was refused."""

    values: dict[str, str | None]
    defaults: dict[str, str | None]
    problems: list[str]  # translated notices, one per refused value
    refused: tuple[str, ...]  # names of parameters whose value was refused
    unknown: tuple[str, ...]  # names the page does not take (ignored by a layout, 400 for a download)

    @property
    def query(self) -> dict[str, str | None]:
        """The validated view as URL parameters in canonical order: None where the default is shown."""
        return {name: (value if value != self.defaults[name] else None) for name, value in self.values.items()}

    @property
    def ok(self) -> bool:
        """Whether every parameter given was understood (what a download requires)."""
        return not self.refused and not self.unknown


def _text(raw: object) -> str | bool | None:
    """A parameter as the page sees it: stripped text, None when absent or empty, False when not text at all."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        return False
    raw = raw.strip()
    return raw or None


# Parameters every page accepts that are not part of its view.
COMMON_PARAMS = frozenset({"lang"})


def read_params(spec: ParamSpec | None, raw: Mapping[str, object] | None, lang: str) -> Params:
    """Validate `raw` (URL query or callback values) against `spec`; refused values fall back to the default."""
    _ = translator(lang)
    raw = raw or {}
    spec = spec or ParamSpec()
    values: dict[str, str | None] = {}
    defaults: dict[str, str | None] = {}
    problems: list[str] = []
    refused: list[str] = []
    for param in spec.params:
        default = param.default_for(values)
        given = _text(raw.get(param.name))
        defaults[param.name] = default
        if given is None:
            values[param.name] = default
            continue
        if given is not False and given in param.accepted(values):
            values[param.name] = given
            continue
        values[param.name] = default
        refused.append(param.name)
        problems.append(param.notice(_, given if isinstance(given, str) else "", values))
    unknown = tuple(sorted(str(name) for name in raw if name not in spec.names and name not in COMMON_PARAMS))
    return Params(values, defaults, list(dict.fromkeys(problems)), tuple(refused), unknown)


def notices(problems: Sequence[str]) -> list[html.Div]:
    """The notices of refused parameters, as the page shows them."""
    return [notice(text, "warning") for text in problems]


def callback_language(lang: object) -> str:
    """The language a callback answers in: the page's store if it names a language, else the default."""
    return lang if is_language(lang) else resolve_language(None)  # type: ignore[return-value]


def _release(lang: str) -> dict | None:
    try:
        return release_info(lang)
    except DataUnavailable:
        return None


Build = Callable[[str, Params], list]


def page_view(
    name: str,
    path: str,
    lang: str | None,
    query: Mapping[str, object] | None,
    title: str,
    intro: str | Callable[[str], object] | None,
    build: Build,
    spec: ParamSpec | None = None,
    default_language: str | None = None,
    filters: bool | None = None,
) -> html.Div:
    """The page at `path` for the URL's language and parameters.

    `title` and a string `intro` are English message ids (marked with `N_`), translated here; a callable
    `intro(lang)` builds a richer introduction. `build(lang, params)` returns the page's content; while the
    database is unavailable the page shows the data-unavailable notice instead. Pages with parameters
    (or `filters=True`) get the stores `<name>-lang`, `<name>-filters`, `<name>-url-sync` and the notice
    area `<name>-notice`; call `register_url_sync(name)` once beside the page's callbacks.
    """
    lang = resolve_language(lang, default_language)
    _ = translator(lang)
    if isinstance(intro, str):
        intro_part: list = [html.P(_(intro), className="lead-text")]
    elif intro is None:
        intro_part = []
    else:
        intro_part = [intro(lang)]
    try:
        # Inside the guard: a spec may take its choices or its default from the database.
        params = read_params(spec, query, lang)
        # Cards that share observations share their data notes: each is printed once, at its first card.
        content = print_notes_once(list(build(lang, params)), lang)
    except DataUnavailable:
        params = read_params(None, None, lang)
        content = [data_unavailable(lang)]
    parts = [*intro_part]
    if filters if filters is not None else spec is not None:
        parts += [
            dcc.Store(id=f"{name}-lang", data=lang),
            dcc.Store(id=f"{name}-filters"),
            dcc.Store(id=f"{name}-url-sync"),
            html.Div(notices(params.problems), id=f"{name}-notice", **{"aria-live": "polite"}),
        ]
    # The language links carry only the validated view, never raw parameters.
    return page_shell(path, lang, _(title), [*parts, *content], params.query, release=_release(lang))


def register_url_sync(name: str) -> None:
    """Keep the address bar and the language links in step with `<name>-filters` (written by callbacks)."""
    clientside_callback(
        ClientsideFunction("url", "replaceQuery"),
        Output(f"{name}-url-sync", "data"),
        Input(f"{name}-filters", "data"),
        prevent_initial_call=True,
    )
