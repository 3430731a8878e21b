"""Add every translatable string in the code to the gettext catalogues.

Strings marked `_("…")`, `gettext(lang, "…")` or `N_("…")` in `pages/<page>.py`
go to `locales/<lang>/<page>.po`; those in `components/` and `app.py` go to
`locales/<lang>/common.po`. Existing translations are kept; new entries get an
empty translation (English gets the message id itself) for a translator to fill.

    python scripts/update_catalogues.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from components.i18n import LANGUAGES, LOCALES  # noqa: E402

KEYWORDS = {"_": None, "N_": None, "gettext": (2,)}


def domain_of(path: Path) -> str:
    """Which catalogue file a source file's strings belong to."""
    relative = path.relative_to(ROOT)
    if relative.parts[0] == "pages":
        return path.stem
    return "common"


def extract() -> dict[str, dict[str, list[tuple[str, int]]]]:
    """message id -> where it occurs, per domain."""
    found: dict[str, dict[str, list[tuple[str, int]]]] = {}
    sources = [ROOT / "app.py", *sorted((ROOT / "components").glob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]
    for path in sources:
        domain = domain_of(path)
        for line, message, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
            if isinstance(message, tuple):
                message = message[0]
            if message:
                found.setdefault(domain, {}).setdefault(message, []).append((str(path.relative_to(ROOT)), line))
    return found


def update() -> None:
    """Merge the extracted messages into every language's catalogue of each domain."""
    for domain, messages in extract().items():
        for lang in LANGUAGES:
            path = LOCALES / lang / f"{domain}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            old = read_po(path.open("rb"), locale=lang) if path.exists() else Catalog(locale=lang)
            new = Catalog(locale=lang, project="torture-prevention-dashboard", charset="utf-8")
            for message_id, locations in sorted(messages.items()):
                existing = old.get(message_id)
                text = existing.string if existing is not None and existing.string else ""
                if lang == "en" and not text:
                    text = message_id
                new.add(message_id, text, locations=locations)
            with path.open("wb") as handle:
                write_po(handle, new, width=0, omit_header=False, sort_output=True)
            missing = sum(1 for m in new if m.id and not m.string)
            if missing:
                print(f"{path.relative_to(ROOT)}: {missing} message(s) to translate")


if __name__ == "__main__":
    update()
