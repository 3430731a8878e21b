"""The one number and date formatter, for the active language (Babel's CLDR data)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_format_percent

from .i18n import N_, gettext

NOT_PUBLISHED = N_("not published")


def is_missing(value: object) -> bool:
    """Whether a value is absent (None, NaN or pandas NA)."""
    if value is None:
        return True
    try:
        return bool(math.isnan(value))  # type: ignore[arg-type]
    except TypeError:
        return str(value) in {"<NA>", "nan"}


def _half_up(value: object, decimals: int) -> Decimal:
    # Babel rounds half to even (51.25 -> 51.2); readers checking by hand expect half up (51.3).
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: object, lang: str, decimals: int = 0) -> str:
    """A number with the language's grouping and decimal sign; 'not published' if missing."""
    if is_missing(value):
        return gettext(lang, NOT_PUBLISHED)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(_half_up(value, decimals), format=pattern, locale=lang)


def format_percent(share: object, lang: str, decimals: int = 1) -> str:
    """A share (0.525) as a percentage (52.5 %) in the language's style."""
    if is_missing(share):
        return gettext(lang, NOT_PUBLISHED)
    # The language's own percent pattern ("#,##0 %" in Russian), with the decimals asked for.
    pattern = Locale.parse(lang).percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    percent = _half_up(Decimal(str(float(share))) * 100, decimals)  # in Decimal: 0.5125 * 100 is exactly 51.25
    return babel_format_percent(percent / 100, format=pattern, locale=lang)


# Units shown as percentages: "percent" holds 21.3 for 21.3 %, "share" holds 0.213.
PERCENT_UNITS = ("percent", "share")


def shown_decimals(value: object, unit: str) -> int:
    """How many decimals a value is shown with: rates, years and percentages one, counts and tenge none, other
    numbers one unless whole (the one rule `format_value` and the downloads both follow)."""
    if unit in ("per_1000", "years", *PERCENT_UNITS):
        return 1
    if unit == "tenge":  # money in whole tenge, also where it is computed (an amount per victim)
        return 0
    if not is_missing(value) and not float(value).is_integer():  # type: ignore[arg-type]
        return 1
    return 0


def shown_number(value: object, unit: str) -> int | float | None:
    """A value as the page shows it, as a number: 21.660649819494584 per 1,000 -> 21.7; 801.0 -> 801;
    a share 0.2129 -> 21.3 (per cent); missing -> None. Rounded half up, as `format_value` rounds."""
    if is_missing(value):
        return None
    number = Decimal(str(float(value))) * 100 if unit == "share" else Decimal(str(value))  # type: ignore[arg-type]
    decimals = shown_decimals(value, unit)
    rounded = _half_up(number, decimals)
    return int(rounded) if decimals == 0 else float(rounded)


def format_value(value: object, unit: str, lang: str) -> str:
    """A value in its unit's style: rates with one decimal, percentages as such, counts and tenge whole."""
    if unit == "percent":
        return format_percent(None if is_missing(value) else float(value) / 100, lang)  # type: ignore[arg-type]
    if unit == "share":
        return format_percent(value, lang)
    return format_number(value, lang, shown_decimals(value, unit))


def format_date(value: dt.date | str, lang: str, precision: str = "day") -> str:
    """A date in the language's long style; `precision` 'month' or 'year' drops the rest."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value if len(value) > 7 else f"{value}-01")
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return babel_format_date(value, format="LLLL y", locale=lang)
    return babel_format_date(value, format="long", locale=lang)


def format_period(period: str) -> str:
    """A year or a span of years ('2021-2022' with an en dash)."""
    return period.replace("-", "\u2013")
