"""The UPR briefing as PDF: where the release-time PDFs live, their links, and the route that serves them.

`python -m scripts.build_upr_pdf` prints `/upr?lang=X` with headless Chromium
once per language when a release is published, and writes
`INSTANCE_DIR/pdf/upr-<release>-<lang>.pdf`; the route below serves those
files as they are. The public site never renders a PDF on request.
"""

from __future__ import annotations

import re
from pathlib import Path

import flask

from components.i18n import LANGUAGES
from data_access.settings import load_settings

PDF_FOLDER = "pdf"
# A release version is short and plain (2026.1); anything else in a file name is refused outright.
FILE_NAME = re.compile(r"^upr-(?P<version>[0-9A-Za-z][0-9A-Za-z._-]{0,39})-(?P<lang>[a-z]{2})\.pdf$")


def pdf_directory() -> Path:
    """The folder the build command writes into and the route serves from."""
    return load_settings().instance_dir / PDF_FOLDER


def pdf_filename(version: str, lang: str) -> str:
    """`upr-<release>-<lang>.pdf`."""
    return f"upr-{version}-{lang}.pdf"


def pdf_path(version: str, lang: str) -> Path:
    """Where the PDF of `version` in `lang` is (or would be) stored."""
    return pdf_directory() / pdf_filename(version, lang)


def pdf_href(version: str, lang: str) -> str:
    """The link that downloads the PDF of `version` in `lang`."""
    return f"/{PDF_FOLDER}/{pdf_filename(version, lang)}"


def available_pdfs(version: str) -> dict[str, str]:
    """language -> link, for each language whose PDF of `version` has been built."""
    return {lang: pdf_href(version, lang) for lang in LANGUAGES if pdf_path(version, lang).is_file()}


def built_pdfs_token() -> str:
    """Which briefing PDFs exist: part of the key of cached pages, since /upr links only to built ones."""
    try:
        return ",".join(sorted(path.name for path in pdf_directory().glob("upr-*.pdf")))
    except OSError:
        return ""


def is_plain_file_in(folder: Path, filename: str) -> bool:
    """Whether `folder/filename` is a regular file really inside `folder`: a symlink (which could point
    anywhere on the server) is refused, whatever it points at."""
    path = folder / filename
    try:
        return not path.is_symlink() and path.is_file() and path.resolve().parent == folder.resolve()
    except OSError:
        return False


def serve_upr_pdf(filename: str) -> flask.Response:
    """Serve a built briefing PDF; 404 for any other name or a PDF not built yet."""
    match = FILE_NAME.match(filename)
    if match is None or match["lang"] not in LANGUAGES or not is_plain_file_in(pdf_directory(), filename):
        return flask.Response(
            "No such PDF. It is built when a data release is published.\n", status=404, mimetype="text/plain"
        )
    # send_from_directory refuses any path outside the folder, on top of the strict name check.
    response = flask.send_from_directory(pdf_directory(), filename, mimetype="application/pdf", max_age=3600)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def register_upr_pdf_route(server: flask.Flask) -> None:
    """Attach `/pdf/<file name>` to the Flask server."""
    server.add_url_rule(f"/{PDF_FOLDER}/<filename>", "upr_pdf", serve_upr_pdf, methods=["GET"])
