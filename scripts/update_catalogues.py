"""Add every translatable string in the code to the gettext catalogues.

Strings marked `_("…")`, `gettext(lang, "…")`, `N_("…")`, and counted ones marked `n_("…", "…")`
or `ngettext(lang, "…", "…", n)` (msgid_plural, one form per plural category) go to one
catalogue per page or module: `pages/<page>.py` and every file of a page package
`pages/<page>/` to `locales/<lang>/<page>.po`, `components/<name>.py` to
`locales/<lang>/components.<name>.po` (`components/charts/bars.py` to
`components.charts.bars.po`), `web/<name>.py` to `web.<name>.po`, `app.py` to
`app.po`, so people working on different pages never edit the same file.
Existing translations are kept, also when a string moves to another file; new
entries get an empty translation (English gets the message id itself) for a
translator to fill.

    python scripts/update_catalogues.py                # every source file
    python scripts/update_catalogues.py pages/cases/cards.py  # only this file's catalogue
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from components.i18n import LANGUAGES, LOCALES, catalogue, plurals  # noqa: E402

KEYWORDS = {"_": None, "N_": None, "gettext": (2,), "n_": (1, 2), "ngettext": (2, 3)}


def domain_of(path: Path) -> str:
    """Which catalogue file a source file's strings belong to."""
    relative = path.relative_to(ROOT)
    if relative.parts[0] == "pages":
        # A page package is one catalogue: pages/visits/cards.py belongs to visits.po.
        return relative.parts[1].removesuffix(".py")
    if relative.parts[0] in ("components", "web"):
        return ".".join(relative.with_suffix("").parts)
    return path.stem


def source_files() -> list[Path]:
    """Every file whose strings are translated."""
    folders = ("components", "web", "pages")
    vocabulary = ROOT / "data_access" / "vocabulary.py"
    return [
        ROOT / "app.py",
        vocabulary,
        *(path for folder in folders for path in sorted((ROOT / folder).rglob("*.py"))),
    ]


Message = str | tuple[str, str]  # a plain message id, or (singular, plural) of a counted one


def extract(sources: list[Path]) -> dict[str, dict[Message, list[tuple[str, int]]]]:
    """message id -> where it occurs, per domain."""
    found: dict[str, dict[Message, list[tuple[str, int]]]] = {}
    for path in sources:
        domain = domain_of(path)
        for line, message, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
            if isinstance(message, tuple):
                message = message if len(message) == 2 and all(message) else message[0]
            if message:
                found.setdefault(domain, {}).setdefault(message, []).append((str(path.relative_to(ROOT)), line))
    return found


def update(sources: list[Path]) -> None:
    """Merge the extracted messages into every language's catalogue of each domain."""
    for domain, messages in extract(sources).items():
        for lang in LANGUAGES:
            translated = catalogue(lang) if lang != "en" else {}
            path = LOCALES / lang / f"{domain}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            old = read_po(path.open("rb"), locale=lang) if path.exists() else Catalog(locale=lang)
            # Keep the old creation date so that re-running the script changes only what changed.
            new = Catalog(
                locale=lang, project="torture-prevention-dashboard", charset="utf-8", creation_date=old.creation_date
            )
            for message_id, locations in sorted(messages.items(), key=lambda item: str(item[0])):
                existing = old.get(message_id)
                if isinstance(message_id, tuple):  # a counted message: one form per plural category
                    kept = existing.string if existing is not None and isinstance(existing.string, tuple) else ()
                    forms = plurals(lang).get(message_id[0], ()) if lang != "en" else ()
                    text = kept if kept and all(kept) else forms or ("",) * new.num_plurals
                    if lang == "en":
                        text = message_id
                    new.add(message_id, tuple(text), locations=[(path, 0) for path, _line in locations])
                    continue
                # A string moved from another file keeps the translation it has there.
                text = existing.string if existing is not None and existing.string else translated.get(message_id, "")
                if lang == "en" and not text:
                    text = message_id
                new.add(message_id, text, locations=[(path, 0) for path, _line in locations])
            with path.open("wb") as handle:
                write_po(handle, new, width=0, omit_header=False, sort_output=True)
            missing = sum(1 for m in new if m.id and not (all(m.string) if isinstance(m.id, tuple) else m.string))
            if missing:
                print(f"{path.relative_to(ROOT)}: {missing} message(s) to translate")


if __name__ == "__main__":
    update([Path(arg).resolve() for arg in sys.argv[1:]] or source_files())
