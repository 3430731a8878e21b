"""The briefing's one URL parameter: which kind of milestone the timeline shows (`?kind=`)."""

from __future__ import annotations

from components.page import Param, ParamSpec, Translate, Values
from data_access.queries.upr import milestone_kinds

PATH = "/upr"
ALL_KINDS = "all"


def _kinds(values: Values) -> tuple[str, ...]:
    return (ALL_KINDS, *milestone_kinds())


def _unknown_kind(_: Translate, raw: str, values: Values) -> str:
    return _("The milestone type asked for is not known; all milestones are shown.")


PARAMS = ParamSpec((Param("kind", _kinds, default=ALL_KINDS, notice=_unknown_kind),))
