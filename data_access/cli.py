"""Command line: `python -m data_access.cli migrate | init | import PATH | check PATH`.

A successful import starts the UPR briefing PDFs' build in the background (web/upr_pdf.py).
"""

from __future__ import annotations

import argparse
import sys
import time

from .engine import current_release_version, ensure_database, get_engine, migrate
from .importer import import_release
from .release_reader import read_release
from .validate import validate_release


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m data_access.cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply the database migrations")
    sub.add_parser("init", help="migrate and fill from the bundled release if the database is empty")
    load = sub.add_parser("import", help="validate a release (directory of CSV or .xlsx) and make it current")
    load.add_argument("path")
    check = sub.add_parser("check", help="validate a release without touching the database")
    check.add_argument("path")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if args.command == "check":
        _, problems = validate_release(read_release(args.path))
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(problems)} problem(s) found" if problems else "the release is valid")
        return 1 if problems else 0
    engine = get_engine()
    if args.command == "migrate":
        migrate(engine)
        print("migrations applied")
        return 0
    if args.command == "init":
        ensure_database(engine)
        print(f"database ready in {time.perf_counter() - started:.2f} s")
        return 0
    migrate(engine)
    result = import_release(engine, args.path)
    for problem in result.problems:
        print(f"error: {problem}", file=sys.stderr)
    print(result.message, file=sys.stdout if result.ok else sys.stderr)
    if result.ok:
        # Imported here: of the data layer, only the command line reaches up to web/.
        from web.upr_pdf import LOG_FILE, pdf_directory, start_pdf_build

        if start_pdf_build(current_release_version(engine)) is not None:
            print(f"building the UPR briefing PDFs in the background (log: {pdf_directory() / LOG_FILE})")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
