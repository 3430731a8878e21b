"""The UPR briefing as PDF: where the release-time PDFs live, their links, the route that serves them,
and the background build that makes them without an operator step.

`python -m scripts.build_upr_pdf` prints `/upr?lang=X` with headless Chromium
once per language and writes `INSTANCE_DIR/pdf/upr-<release>-<lang>.pdf`; the
route below serves those files as they are. The public site never renders a PDF
on request: after an import (data_access/cli.py) and on start when the current
release's PDFs are missing (web/startup.py), `start_pdf_build` runs that command
as a detached process. It holds an flock on `pdf/.build.lock` for its whole life,
so one build runs for all workers and processes; a worker that cannot take the
lock starts none.
"""

from __future__ import annotations

import fcntl
import functools
import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import flask

from components.i18n import LANGUAGES
from data_access.settings import PROJECT_ROOT, load_settings

log = logging.getLogger(__name__)

PDF_FOLDER = "pdf"
# A release version is short and plain (2026.1); anything else in a file name is refused outright.
FILE_NAME = re.compile(r"^upr-(?P<version>[0-9A-Za-z][0-9A-Za-z._-]{0,39})-(?P<lang>[a-z]{2})\.pdf$")
LOCK_FILE = ".build.lock"
FAILED_FILE = ".build-failed.json"  # the last build's failure (release, time, reason), removed by a success
LOG_FILE = "build.log"  # what background builds printed, for the operator
# A background build inherits the locked descriptor; this variable tells it which one.
LOCK_FD_VARIABLE = "UPR_PDF_LOCK_FD"
BUILD_COMMAND = ("-m", "scripts.build_upr_pdf")


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
    """Which briefing PDFs exist and where their build stands: part of the key of cached pages, since /upr
    links the built ones and says why the others are not (being prepared, no Chromium, failed)."""
    folder = pdf_directory()
    try:
        names = ",".join(sorted(path.name for path in folder.glob("upr-*.pdf")))
    except OSError:
        return ""
    try:
        failed = (folder / FAILED_FILE).stat().st_mtime_ns
    except OSError:
        failed = 0
    return f"{names}|{build_running(folder)}|{chromium_installed()}|{failed}"


def chromium_installed() -> bool:
    """Whether this server has the headless Chromium and the chromedriver that the build drives
    (looked for once per process and path: Chromium installed later counts from the next start)."""
    from scripts import chromium

    return _files_exist(chromium.CHROMIUM, chromium.CHROMEDRIVER)


@functools.lru_cache(maxsize=8)
def _files_exist(*paths: str) -> bool:
    return all(Path(path).is_file() for path in paths)


def take_build_lock(folder: Path, tries: int = 1) -> int | None:
    """A descriptor holding the build lock of `folder`, or None if a build holds it.

    The lock is an flock: it belongs to the open file, so a child that inherits the
    descriptor keeps it after the parent closes its copy, and it is freed when the
    last holder exits, however it exits. `tries` > 1 waits out `build_running`'s
    instant probes (50 ms apart).
    """
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    for attempt in range(tries):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if attempt + 1 < tries:
                time.sleep(0.05)
    os.close(fd)
    return None


def build_running(folder: Path | None = None) -> bool:
    """Whether a build holds the lock now (probed with a shared lock, held for an instant)."""
    try:
        fd = os.open((folder or pdf_directory()) / LOCK_FILE, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def record_failure(folder: Path, release: str | None, reason: str) -> None:
    """Note that the build of `release` failed (the page says so; the reason is for the operator only)."""
    folder.mkdir(parents=True, exist_ok=True)
    record = {"release": release, "failed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "reason": reason}
    (folder / FAILED_FILE).write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")


def clear_failure(folder: Path) -> None:
    """Forget an earlier failure (a build has just succeeded)."""
    (folder / FAILED_FILE).unlink(missing_ok=True)


def recorded_failure(folder: Path | None = None) -> dict | None:
    """The last build's failure record, or None if the last build did not fail."""
    try:
        record = json.loads(((folder or pdf_directory()) / FAILED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def pdf_build_state(version: str) -> str:
    """Why the PDF of `version` is not linked: "building", "no-chromium", "failed" or "not-built"."""
    if build_running():
        return "building"
    if not chromium_installed():
        return "no-chromium"
    failure = recorded_failure()
    if failure is not None and failure.get("release") in (None, version):
        return "failed"
    return "not-built"


def start_pdf_build(version: str | None, after_failure: bool = True) -> subprocess.Popen | None:
    """Start building the PDFs of release `version` in the background if any language's is missing.

    Nothing starts when UPR_PDF_AUTOBUILD is off, the server has no Chromium, a build
    holds the lock, or (with `after_failure` False, as on start) this release's build
    already failed: then the operator runs the command by hand once the cause is fixed.
    Returns the build process, or None if none was started.
    """
    if not version or not load_settings().upr_pdf_autobuild or not chromium_installed():
        return None
    if all(pdf_path(version, lang).is_file() for lang in LANGUAGES):
        return None
    failure = recorded_failure()
    if not after_failure and failure is not None and failure.get("release") == version:
        return None
    folder = pdf_directory()
    try:
        fd = take_build_lock(folder, tries=5)
        if fd is None:
            return None
        try:
            with open(folder / LOG_FILE, "ab") as output:
                process = subprocess.Popen(
                    [sys.executable, *BUILD_COMMAND],
                    cwd=PROJECT_ROOT, env={**os.environ, LOCK_FD_VARIABLE: str(fd)}, pass_fds=(fd,),
                    stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                    start_new_session=True,  # outlives this worker, and a Ctrl+C in the app's terminal
                )  # fmt: skip
        finally:
            os.close(fd)  # the child holds the lock now
    except OSError as error:  # an instance folder that cannot be written: the page offers Print
        log.warning("could not start the UPR PDF build: %s", error)
        return None
    threading.Thread(target=process.wait, daemon=True).start()  # reaped when it ends, not left a zombie
    log.info("building the UPR briefing PDFs of release %s in the background (pid %d)", version, process.pid)
    return process


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
