"""The visits page's URL parameters: year, ministry, visiting body, region and date of the visit logs.

The layout, the callback and the downloads read them with `components.page.read_params(PARAMS, ...)`;
`View` is the validated view with the year as a number, as the cards use it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator
from typing import NamedTuple

from components.page import Param, Params, ParamSpec, Translate, Values, read_params
from data_access.queries.meta import regions, release_info
from data_access.queries.visits import LOG_BREAKDOWNS, PACE_BODIES, mandate_pace, visit_log_summary, visit_years
from data_access.vocabulary import DEFAULT_LANGUAGE

DEFAULT_BODY = "npm"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Codes and dates are the same in every language; the lists are read in one.
_CODES = DEFAULT_LANGUAGE


def _years() -> list[str]:
    return [str(year) for year in visit_years(_CODES)]


def _latest_year(values: Values) -> str:
    years = _years()
    return years[-1] if years else str(dt.date.today().year)


def _ministries(values: Values) -> set[str]:
    years = visit_years(_CODES)
    return set(mandate_pace(_CODES, years[-1], DEFAULT_BODY).frame["agency"]) if years else set()


def _has_logs() -> bool:
    """Whether the release carries facility-level visit logs."""
    return bool(visit_log_summary()["facilities"])


def _region_codes() -> set[str]:
    return set(regions(_CODES)["code"])


def last_log_date(summary: dict) -> dt.date:
    """The latest date coverage can be asked for: the last visit, or the release date if that is later."""
    published = release_info(_CODES).get("published")
    published = published if isinstance(published, dt.date) else summary["last_visit"]
    return max(summary["last_visit"], published)


def _iso_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if ISO_DATE.match(text) else None
    except ValueError:
        return None


class DateRange(Collection[str]):
    """The ISO dates from `first` to `last`, tested by membership without listing them."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first, self.last = first, last

    def __contains__(self, text: object) -> bool:
        day = _iso_day(text) if isinstance(text, str) else None
        return day is not None and self.first <= day <= self.last

    def __iter__(self) -> Iterator[str]:
        return (
            (self.first + dt.timedelta(days=offset)).isoformat() for offset in range((self.last - self.first).days + 1)
        )

    def __len__(self) -> int:
        return max((self.last - self.first).days + 1, 0)


def _log_dates(values: Values) -> Collection[str]:
    summary = visit_log_summary()
    return DateRange(summary["first_visit"], last_log_date(summary)) if summary["facilities"] else ()


def _year_notice(_: Translate, raw: str, values: Values) -> str:
    return _("There are no visit figures for the year asked for; showing {year}.").format(year=values["year"])


def _ministry_notice(_: Translate, raw: str, values: Values) -> str:
    return _("Unknown ministry in the address; showing all ministries.")


def _body_notice(_: Translate, raw: str, values: Values) -> str:
    return _("Unknown visiting body in the address; showing the NPM's visits.")


def _region_notice(_: Translate, raw: str, values: Values) -> str:
    if raw in _region_codes():  # a real region, refused only because there are no logs to count it from
        return _(
            "Figures by region need facility-level visit logs, which this release does not have; showing the national figures."
        )
    return _("Unknown region in the address; showing all regions.")


def _date_notice(_: Translate, raw: str, values: Values) -> str:
    summary = visit_log_summary()
    if not summary["facilities"]:
        return _(
            "This release has no visit logs, so there is no date to compute coverage for; showing the report's figures."
        )
    if _iso_day(raw) is None:
        return _("The date must be written as YYYY-MM-DD; showing the latest date of the logs.")
    return _("The date must lie between {first} and {last}; showing the latest date of the logs.").format(
        first=summary["first_visit"].isoformat(), last=last_log_date(summary).isoformat()
    )


PARAMS = ParamSpec(
    (
        Param("year", lambda values: _years(), _latest_year, _year_notice),
        Param("sector", _ministries, None, _ministry_notice),
        Param("body", PACE_BODIES, DEFAULT_BODY, _body_notice),
        Param("region", lambda values: _region_codes() if _has_logs() else (), None, _region_notice),
        Param("date", _log_dates, None, _date_notice),
    )
)

# The coverage download of the logs also says which breakdown it holds.
LOG_COVERAGE_PARAMS = ParamSpec((*PARAMS.params, Param("by", LOG_BREAKDOWNS, LOG_BREAKDOWNS[0])))


class View(NamedTuple):
    """The validated view: year, ministry (sector), visiting body, region, date of the logs."""

    year: int
    sector: str | None
    body: str
    region: str | None
    date: str | None

    @classmethod
    def of(cls, params: Params) -> View:
        """The view `read_params(PARAMS, ...)` made of a request."""
        values = params.values
        return cls(int(values["year"]), values["sector"], values["body"], values["region"], values["date"])

    def query(self) -> dict[str, str | None]:
        """The view as URL parameters (None where nothing is chosen)."""
        return {
            "year": str(self.year),
            "sector": self.sector,
            "body": self.body,
            "region": self.region,
            "date": self.date,
        }

    def log_date(self, summary: dict) -> str:
        """The date the logs are read for: the chosen one, else the last visit in the logs."""
        return self.date or summary["last_visit"].isoformat()


def read_view(raw: Values | None, lang: str) -> tuple[View, Params]:
    """The view a URL, a callback or a download asks for; refused values fall back to the default."""
    params = read_params(PARAMS, raw, lang)
    return View.of(params), params
