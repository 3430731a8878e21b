"""Build the UPR briefing PDFs of the current data release: headless Chromium prints /upr once per language.

    python -m scripts.build_upr_pdf                                   # start the app here, print kk, ru, en
    python -m scripts.build_upr_pdf --url http://127.0.0.1:8050       # print from an app that is running
    python -m scripts.build_upr_pdf --lang en --out /tmp/pdf --public-url https://example.org

The app runs it in the background after an import and on start when the
PDFs are missing (web/upr_pdf.py start_pdf_build); run it by hand after a
deployment that changes the page, or once a failed build's cause is fixed.
Without --url it serves the app itself (gunicorn, one worker, on a free local
port, on the same database and INSTANCE_DIR as the app). Writes
`upr-<release>-<lang>.pdf` into INSTANCE_DIR/pdf (or --out), where
/pdf/<file> serves them; the release is the one the printed page shows. Holds
the folder's build lock (a second build exits at once), notes a failure where
/upr reads it, and prints each file's path; exits non-zero if any language fails.
"""

from __future__ import annotations

import argparse
import base64
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.i18n import LANGUAGES  # noqa: E402
from scripts.chromium import start_chromium  # noqa: E402
from scripts.serve import app_environment, running_app, wait_healthy  # noqa: E402
from web.upr_pdf import (  # noqa: E402
    LOCK_FD_VARIABLE,
    clear_failure,
    pdf_directory,
    pdf_filename,
    record_failure,
    take_build_lock,
)

# Chromium's own PDF options; the page size, margins and page numbers come from assets/print-upr.css.
# Tagged (a structure tree for screen readers) with an outline from the headings; /Lang is the page's <html lang>.
PRINT_OPTIONS = {
    "printBackground": True,
    "preferCSSPageSize": True,
    "displayHeaderFooter": False,
    "generateTaggedPDF": True,
    "generateDocumentOutline": True,
}
READY_TIMEOUT = 90.0


class BuildError(RuntimeError):
    """The briefing could not be printed."""


def _wait_rendered(driver, timeout: float) -> str:
    """Wait until the briefing, every chart and every pending callback are done; return the release shown."""
    deadline = time.monotonic() + timeout
    script = (
        "const root = document.querySelector('.upr-page[data-release]');"
        "if (!root || !document.querySelector('#main-content h1')) { return null; }"
        "if (document.querySelector('[data-dash-is-loading=\"true\"]')) { return null; }"
        # Charts are mounted and drawn when scrolled near (web/deferred.py): draw them all now.
        "if (window.dashboard_static) { window.dashboard_static.drawAllCharts(); }"
        "const boxes = Array.from(root.querySelectorAll('.chart-box'));"
        "const charts = boxes.length;"
        "const drawn = boxes.filter(box => box.querySelector('.main-svg')).length;"
        "return drawn >= charts ? root.getAttribute('data-release') : null;"
    )
    while time.monotonic() < deadline:
        release = driver.execute_script(script)
        if release:
            time.sleep(0.3)  # let Plotly finish its last paint
            return release
        time.sleep(0.2)
    raise BuildError("the briefing did not finish rendering")


def print_briefing(driver, base_url: str, lang: str, out_dir: Path) -> Path:
    """Print /upr?lang=`lang` to `out_dir`/upr-<release>-<lang>.pdf and return the path."""
    driver.get("about:blank")
    driver.get(f"{base_url.rstrip('/')}/upr?lang={lang}")
    release = _wait_rendered(driver, READY_TIMEOUT)
    # The PDF's /Title is the document's title: the briefing's heading in its language, and the release.
    driver.execute_script(
        "document.title = document.querySelector('#main-content h1').textContent.trim() + ' · ' + arguments[0];",
        release,
    )
    headings = driver.execute_script(
        "return [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => h.textContent);"
    )
    result = driver.execute_cdp_cmd("Page.printToPDF", PRINT_OPTIONS)
    pdf = base64.b64decode(result["data"])
    if not pdf.startswith(b"%PDF"):
        raise BuildError(f"Chromium returned no PDF for {lang}")
    pdf = outline_titled_as(pdf, headings)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / pdf_filename(release, lang)
    # Written beside the target and renamed, so the route never serves a half-written file.
    partial = target.with_suffix(".pdf.part")
    partial.write_bytes(pdf)
    partial.replace(target)
    return target


def outline_titled_as(pdf: bytes, headings: list[str]) -> bytes:
    """`pdf` with each outline entry titled as the page's heading it stands for: Chromium's outline joins a
    heading's wrapped lines without their space ("discontinued onexonerating grounds")."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    # An entry is matched to a heading by its letters alone, so only the lost spaces can change.
    by_letters = {"".join(text.split()): " ".join(text.split()) for text in headings}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))

    def retitle(entry) -> None:
        while entry is not None:
            entry = entry.get_object()
            heading = by_letters.get("".join(str(entry.get("/Title", "")).split()))
            if heading:
                entry[NameObject("/Title")] = TextStringObject(heading)
            retitle(entry.get("/First"))
            entry = entry.get("/Next")

    outlines = writer.root_object.get("/Outlines")
    if outlines is not None:
        retitle(outlines.get_object().get("/First"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build(base_url: str, languages: list[str], out_dir: Path) -> list[Path]:
    """Print the briefing in each language from the app at `base_url`; return the files written."""
    driver = start_chromium(1280, 1024)
    written = []
    try:
        for lang in languages:
            started = time.monotonic()
            written.append(print_briefing(driver, base_url, lang, out_dir))
            print(f"build_upr_pdf: {lang} printed in {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    finally:
        driver.quit()
    return written


def parse_languages(values: list[str] | None) -> list[str]:
    """The languages asked for (repeated or comma-separated), all three by default."""
    if not values:
        return list(LANGUAGES)
    chosen = [code.strip() for value in values for code in value.split(",") if code.strip()]
    unknown = [code for code in chosen if code not in LANGUAGES]
    if unknown:
        raise SystemExit(f"unknown language(s): {', '.join(unknown)}; use {', '.join(LANGUAGES)}")
    return list(dict.fromkeys(chosen))


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Print the UPR briefing to PDF, one file per language.")
    parser.add_argument("--url", help="base URL of a running app (default: start one here)")
    parser.add_argument("--lang", action="append", help="language(s) to print: kk, ru, en (default: all)")
    parser.add_argument("--out", type=Path, help="folder to write into (default: INSTANCE_DIR/pdf)")
    parser.add_argument(
        "--public-url", help="address printed as the page's URL (sets PUBLIC_URL of the app started here)"
    )
    args = parser.parse_args(argv)
    languages = parse_languages(args.lang)
    out_dir = args.out or pdf_directory()
    inherited = os.environ.pop(LOCK_FD_VARIABLE, None)  # started by the app, which took the lock for us
    lock = int(inherited) if inherited else take_build_lock(out_dir, tries=5)
    if lock is None:
        print(f"build_upr_pdf: another build is running in {out_dir}; its PDFs appear there", file=sys.stderr)
        return 1
    started = time.monotonic()
    print(f"build_upr_pdf: building {', '.join(languages)} into {out_dir}", file=sys.stderr, flush=True)
    try:
        if args.url:
            wait_healthy(args.url.rstrip("/"), None, 10)
            written = build(args.url, languages, out_dir)
        else:
            extra = {"PUBLIC_URL": args.public_url} if args.public_url else {}
            with running_app(app_environment(**extra), workers=1) as url:
                written = build(url, languages, out_dir)
    except Exception as error:  # any failure: /upr says the PDF could not be made, the reason stays here
        first_line = (str(error).strip().splitlines() or [""])[0]  # Selenium appends a native stack trace
        record_failure(out_dir, current_release(), f"{type(error).__name__}: {first_line}"[:300])
        print(f"build_upr_pdf: failed: {error}", file=sys.stderr)
        return 1
    finally:
        os.close(lock)
    clear_failure(out_dir)
    print(f"build_upr_pdf: done in {time.monotonic() - started:.1f} s", file=sys.stderr)
    for path in written:
        print(path)
    return 0


def current_release() -> str | None:
    """The current release of this environment's database (what the failed build was for), if it can be read."""
    try:
        from data_access.engine import current_release_version, get_engine

        return current_release_version(get_engine())
    except Exception:  # the database is away too: the failure is recorded for whatever release
        return None


if __name__ == "__main__":
    sys.exit(main())
