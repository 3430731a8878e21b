"""Words for the units indicators are counted in (translated through the catalogues)."""

from __future__ import annotations

from .i18n import N_, gettext

UNIT_LABELS = {
    "complaints": N_("complaints"),
    "records": N_("records"),
    "offences": N_("offences"),
    "investigations": N_("investigations"),
    "cases": N_("cases"),
    "persons": N_("persons"),
    "tenge": N_("tenge"),
    "mci": N_("monthly calculation indices (MCI)"),
    "facilities": N_("facilities"),
    "visits": N_("visits"),
    "recommendations": N_("recommendations"),
    "terminals": N_("terminals"),
    "cameras": N_("cameras"),
    "groups": N_("groups"),
    "participants": N_("participants"),
    "prisoners": N_("prisoners"),
    "per_1000": N_("per 1,000 prisoners"),
    "percent": N_("per cent"),
    "share": N_("per cent"),
    "years": N_("years"),
}


def unit_label(unit: str, lang: str) -> str:
    """The unit's name in `lang` (the code itself if the unit is unknown)."""
    return gettext(lang, UNIT_LABELS[unit]) if unit in UNIT_LABELS else unit
