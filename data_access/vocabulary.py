"""The site's shared vocabulary: languages, statuses and their words, defined once.

Codes are what the database, the release files, the API and the URLs use; labels
are English message ids, translated by the caller through `components.i18n`.
This module imports nothing of the app, so the data layer, the API and the
pages can all read it.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message id for the catalogues (scripts/update_catalogues.py) without translating it."""
    return message


LANGUAGES = ("kk", "ru", "en")
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DEFAULT_LANGUAGE = "kk"
# The UPR briefing is read by international partners first: English unless a language was chosen.
PAGE_DEFAULT_LANGUAGE = {"/upr": "en"}

# How a published figure stands in the release.
OBSERVATION_STATUSES = ("published", "not_published", "suppressed")

# Where a recommendation stands. The API, the downloads and every page use these codes.
RECOMMENDATION_STATUSES = ("proposed", "in_progress", "fulfilled", "not_fulfilled")
# Three words for where a recommendation stands, the same on every page, in the API and the downloads:
# "open" (proposed or in progress: not yet assessed), "not fulfilled" (assessed as not fulfilled) and
# "fulfilled". A recommendation issued in 2026 is open, never "not fulfilled".
OPEN_STATUSES = ("proposed", "in_progress")
STATUS_GROUPS = {"proposed": "open", "in_progress": "open", "not_fulfilled": "not_fulfilled", "fulfilled": "fulfilled"}
GROUP_LABELS = {"open": N_("open"), "not_fulfilled": N_("not fulfilled"), "fulfilled": N_("fulfilled")}
STATUS_LABELS = {
    "proposed": N_("Proposed"),
    "in_progress": N_("In progress"),
    "fulfilled": N_("Fulfilled"),
    "not_fulfilled": N_("Not fulfilled"),
}
# The same words inside a sentence ("changed from proposed to fulfilled").
STATUS_WORDS = {
    "proposed": N_("proposed"),
    "in_progress": N_("in progress"),
    "fulfilled": N_("fulfilled"),
    "not_fulfilled": N_("not fulfilled"),
}
