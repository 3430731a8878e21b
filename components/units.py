"""Words for the units indicators are counted in (translated through the catalogues)."""

from __future__ import annotations

from .formatting import format_value, is_missing
from .i18n import N_, gettext, ngettext

UNIT_LABELS = {
    "complaints": N_("complaints"),
    "records": N_("records"),
    "offences": N_("offences"),
    "investigations": N_("investigations"),
    "cases": N_("cases"),
    "persons": N_("persons"),
    "citizens": N_("citizens"),
    "tenge": N_("tenge"),
    "mci": N_("monthly calculation indices (MCI)"),
    "facilities": N_("facilities"),
    "visits": N_("visits"),
    "recommendations": N_("recommendations"),
    "terminals": N_("terminals"),
    "cameras": N_("cameras"),
    "groups": N_("groups"),
    "participants": N_("participants"),
    "prisoners": N_("convicted persons"),
    "per_1000": N_("per 1,000 convicted persons"),
    "percent": N_("per cent"),
    "share": N_("per cent"),
    "years": N_("years"),
}


def unit_label(unit: str, lang: str) -> str:
    """The unit's name in `lang` (the code itself if the unit is unknown)."""
    return gettext(lang, UNIT_LABELS[unit]) if unit in UNIT_LABELS else unit


def n_(singular: str, plural: str, n: int = 0) -> tuple[str, str]:
    """Mark a counted message for the catalogues (singular, plural) without translating it here."""
    return singular, plural


# A count and its noun, in the grammatical form the count takes (ru: 1 жалоба, 2 жалобы, 5 жалоб).
COUNT_FORMS = {
    "complaints": n_("{n} complaint", "{n} complaints"),
    "records": n_("{n} record", "{n} records"),
    "offences": n_("{n} offence", "{n} offences"),
    "investigations": n_("{n} investigation", "{n} investigations"),
    "cases": n_("{n} case", "{n} cases"),
    "persons": n_("{n} person", "{n} persons"),
    "citizens": n_("{n} citizen", "{n} citizens"),
    "tenge": n_("{n} tenge", "{n} tenge"),
    "mci": n_("{n} MCI", "{n} MCI"),
    "facilities": n_("{n} facility", "{n} facilities"),
    "visits": n_("{n} visit", "{n} visits"),
    "recommendations": n_("{n} recommendation", "{n} recommendations"),
    "terminals": n_("{n} terminal", "{n} terminals"),
    "cameras": n_("{n} camera", "{n} cameras"),
    "groups": n_("{n} group", "{n} groups"),
    "participants": n_("{n} participant", "{n} participants"),
    "prisoners": n_("{n} convicted person", "{n} convicted persons"),
    "years": n_("{n} year", "{n} years"),
}


def count_parts(value: float | None, unit: str, lang: str) -> tuple[str, str]:
    """(the number, the words of its unit in the form the number asks for): ("240", "жалоб"), ("1", "жалоба").

    For a headline figure that shows the number large and its unit beside it.
    """
    number = format_value(value, unit, lang)
    if is_missing(value):
        return number, ""
    if unit in COUNT_FORMS:
        singular, plural = COUNT_FORMS[unit]
        return number, ngettext(lang, singular, plural, float(value)).replace("{n}", "").strip()
    return number, "" if unit in ("percent", "share") else unit_label(unit, lang)


def count_with_unit(value: float | None, unit: str, lang: str) -> str:
    """A value with its unit as a reader says it: "240 complaints", "240 жалоб", "1 жалоба", "4.6 years".

    Counted units take the plural form the number asks for (gettext plural rules); rates and shares
    keep their unit label; a value not published reads so, without a unit.
    """
    if not is_missing(value) and unit in COUNT_FORMS:
        singular, plural = COUNT_FORMS[unit]
        return ngettext(lang, singular, plural, float(value)).format(n=format_value(value, unit, lang))
    return " ".join(part for part in count_parts(value, unit, lang) if part)


def counted(lang: str, forms: tuple[str, str], value: float | None, unit: str = "", **fields: object) -> str:
    """A sentence that counts, in the form its number asks for: `counted(lang, n_("{n} visit in {year}",
    "{n} visits in {year}"), 425, "visits", year=2025)` -> "425 посещений в 2025" (ru: one, few, many).

    `{n}` is the number formatted for `unit` (a value not published reads so, in the "other" form);
    the other placeholders are filled from `fields`.
    """
    count = 0.5 if is_missing(value) else float(value)  # type: ignore[arg-type]  # a fraction: the "other" form
    return ngettext(lang, forms[0], forms[1], count).format(n=format_value(value, unit, lang), **fields)
