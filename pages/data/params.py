"""The data page's one URL parameter: the topic whose indicator definitions are shown (`?topic=`)."""

from __future__ import annotations

from components.page import Param, ParamSpec, Translate, Values
from data_access.queries import meta
from data_access.vocabulary import DEFAULT_LANGUAGE

PATH = "/data"
ALL_TOPICS = "all"


def topics() -> list[str]:
    """The topics of the published indicators, sorted (codes: the same in every language)."""
    return sorted(meta.indicators(DEFAULT_LANGUAGE)["topic"].unique())


def _topics(values: Values) -> list[str]:
    return [ALL_TOPICS, *topics()]


def _unknown_topic(_: Translate, raw: str, values: Values) -> str:
    return _("There is no such topic; showing the definitions of all topics.")


PARAMS = ParamSpec((Param("topic", _topics, default=ALL_TOPICS, notice=_unknown_topic),))
