"""The page's address and its URL parameters: `metric` (rate, complaints, prisoners), `region` (an ISO
3166-2:KZ code such as KZ-61) and `sort` (desc, asc, name, for the table).

A value the page does not know falls back to the default view with a notice, or answers 400 in a download.
"""

from __future__ import annotations

from typing import NamedTuple

from components.i18n import N_
from components.page import Param, ParamSpec, Translate, Values, read_params
from data_access.queries.regions import COMPLAINTS, PRISONERS, RATE_PRINTED, region_rates
from data_access.vocabulary import DEFAULT_LANGUAGE

PATH = "/regions"


class Metric(NamedTuple):
    """A way to compare the regions: the column of `region_rates`, its unit and its words."""

    column: str
    unit: str
    option: str  # the choice in the switch
    title: str  # legend, column header, card titles
    indicators: tuple[str, ...]  # the observations it is read or computed from (sources, notes)
    slug: str  # its words in a download's file name (regions-complaint-rate-2025-en.csv)


METRICS = {
    "rate": Metric("rate", "per_1000", N_("Complaints per 1,000 convicted persons"),
                   N_("Complaints about torture per 1,000 convicted persons"), (COMPLAINTS, PRISONERS, RATE_PRINTED),
                   "complaint-rate"),
    "complaints": Metric("complaints", "complaints", N_("Number of complaints"),
                         N_("Complaints about torture"), (COMPLAINTS,), "complaints"),
    "prisoners": Metric("prisoners", "prisoners", N_("Number of convicted persons"), N_("Convicted persons"),
                        (PRISONERS,), "prisoners"),
}  # fmt: skip
DEFAULT_METRIC = "rate"
SORTS = {"desc": N_("Highest first"), "asc": N_("Lowest first"), "name": N_("By region name")}
SORT_SLUGS = {"desc": "highest-first", "asc": "lowest-first", "name": "by-name"}
DEFAULT_SORT = "desc"
# The region list's choice "No region selected": a value of its own, since dbc.Select keeps value "" for its
# hidden placeholder (selecting "" would show that blank option, not this one).
NO_REGION = "none"


def region_codes(values: Values | None = None) -> list[str]:
    """The ISO codes of the regions the release has figures for (the same in every language)."""
    return region_rates(DEFAULT_LANGUAGE)["region"].tolist()


def _unknown_metric(_: Translate, raw: str, values: Values) -> str:
    return _("The comparison asked for is not known; the rate per 1,000 convicted persons is shown.")


def _unknown_region(_: Translate, raw: str, values: Values) -> str:
    return _("The region asked for is not known; no region is selected.")


def _unknown_sort(_: Translate, raw: str, values: Values) -> str:
    return _("The table order asked for is not known; the highest values are shown first.")


METRIC = Param("metric", tuple(METRICS), DEFAULT_METRIC, _unknown_metric)
REGION = Param("region", region_codes, None, _unknown_region)
SORT = Param("sort", tuple(SORTS), DEFAULT_SORT, _unknown_sort)
PARAMS = ParamSpec((METRIC, REGION, SORT))
# What each download takes: the parameters of the function behind it, no more.
METRIC_ONLY = ParamSpec((METRIC,))
METRIC_AND_SORT = ParamSpec((METRIC, SORT))
REGION_ONLY = ParamSpec((REGION,))


def download_values(spec: ParamSpec, lang: str, **given: str | None) -> dict[str, str | None]:
    """The values a download asks for; a ValueError (answered with HTTP 400) for any value the page does not know."""
    params = read_params(spec, given, lang)
    if params.refused:
        raise ValueError(f"unknown value for {', '.join(params.refused)}")
    return params.values
