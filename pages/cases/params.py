"""The case page's one URL parameter: the year or two-year span of the stages card (`?period=`)."""

from __future__ import annotations

from components.formatting import format_period
from components.i18n import translator
from components.page import Param, ParamSpec, Translate, Values
from data_access.queries.cases import case_periods

PATH = "/cases"


def default_period(periods: list[str]) -> str:
    """The latest single year the case figures cover."""
    years = [p for p in periods if "-" not in p]
    return max(years) if years else (periods[-1] if periods else "")


def period_label(period: str, lang: str) -> str:
    """'2025', or '2021–2022 (two-year total)' for a span."""
    _ = translator(lang)
    return _("{period} (two-year total)").format(period=format_period(period)) if "-" in period else period


def _periods(values: Values) -> list[str]:
    return case_periods()


def _latest(values: Values) -> str:
    return default_period(case_periods())


def _unknown_period(_: Translate, raw: str, values: Values) -> str:
    return _("There is no figure for the period in the address; showing {period} instead.").format(
        period=format_period(values["period"] or "")
    )


PARAMS = ParamSpec((Param("period", _periods, default=_latest, notice=_unknown_period),))
