"""The page's address and its URL parameters: `agency` (a state body's code: every card keeps what concerns it),
`status` (the tracker's status filter) and `rec` (one recommendation, shown first).

Codes are matched whatever their case (a link typed by hand as ?rec=r-01 still works); a value the
page does not know falls back to the default view with a notice, or answers 400 in a download.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from components.page import Param, Params, ParamSpec, Translate, Values, read_params
from data_access.queries.base import DataUnavailable
from data_access.queries.recommendations import page_agencies, recommendation_codes
from data_access.vocabulary import DEFAULT_LANGUAGE, RECOMMENDATION_STATUSES

PATH = "/recommendations"
ALL = "all"  # the controls' choice for "no filter": the default, so never written to the URL
ECHO_LIMIT = 40  # characters of a refused value its notice repeats


def _echo(raw: str) -> str:
    """The refused value as its notice repeats it: cut short, so a notice never carries a whole payload."""
    return raw[:ECHO_LIMIT] or "…"


def _agencies(values: Values) -> set[str]:
    # Codes are the same in every language; the names are not needed here.
    return {ALL, *page_agencies(DEFAULT_LANGUAGE)["code"]}


def _recommendations(values: Values) -> tuple[str, ...]:
    return recommendation_codes()


def _unknown_agency(_: Translate, raw: str, values: Values) -> str:
    return _("The state body “{value}” is not known; showing all state bodies.").format(value=_echo(raw))


def _unknown_status(_: Translate, raw: str, values: Values) -> str:
    return _("The status “{value}” is not known; showing every status.").format(value=_echo(raw))


def _unknown_recommendation(_: Translate, raw: str, values: Values) -> str:
    return _("There is no recommendation “{value}”; showing all recommendations.").format(value=_echo(raw))


AGENCY = Param("agency", _agencies, ALL, _unknown_agency)
STATUS = Param("status", (ALL, *RECOMMENDATION_STATUSES), ALL, _unknown_status)
REC = Param("rec", _recommendations, None, _unknown_recommendation)
PARAMS = ParamSpec((AGENCY, STATUS, REC))
# What each download takes: the parameters of the function behind it, no more.
AGENCY_ONLY = ParamSpec((AGENCY,))
AGENCY_AND_STATUS = ParamSpec((AGENCY, STATUS))


class Filters(NamedTuple):
    """The view the parameters ask for: a state body's code, a status, a recommendation (None = all)."""

    agency: str | None
    status: str | None
    rec: str | None


def filters_of(params: Params) -> Filters:
    """The validated values as the page's queries take them: None where every one is shown."""
    return Filters(*(None if params.values.get(name) in (ALL, None) else params.values[name] for name in PARAMS.names))


def canonical(raw: Mapping[str, object]) -> dict[str, object]:
    """`raw` with each code spelled as the release spells it; anything else is left for `read_params` to refuse."""
    spelled = dict(raw)
    try:
        for param in PARAMS.params:
            value = raw.get(param.name)
            if isinstance(value, str) and value.strip():
                by_folded = {code.casefold(): code for code in param.accepted({})}
                spelled[param.name] = by_folded.get(value.strip().casefold(), value)
    except DataUnavailable:
        return dict(raw)  # nothing to match against: the page shows the data-unavailable notice
    return spelled


def read(raw: Mapping[str, object], lang: str, spec: ParamSpec = PARAMS) -> Params:
    """The page's parameters from a URL query or a callback's values, codes matched whatever their case."""
    return read_params(spec, canonical(raw), lang)


def download_filters(spec: ParamSpec, lang: str, **given: str | None) -> Filters:
    """The filters a download asks for; a ValueError (answered with HTTP 400) for any value the page does not know."""
    params = read(given, lang, spec)
    if params.refused:
        raise ValueError(f"unknown value for {', '.join(params.refused)}")
    return filters_of(params)
