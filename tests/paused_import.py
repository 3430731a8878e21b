"""Run the real import command, but pause it in the middle of its write, for the fault tests.

    python -m tests.paused_import RELEASE_DIR MARKER_FILE CONTINUE_FILE

Runs `python -m data_access.cli import RELEASE_DIR` in this process, with one
hook: after the import's first INSERT (the old release already deleted, the new
one partly written, the transaction open) it creates MARKER_FILE and waits until
CONTINUE_FILE exists (at most two minutes). A test can then kill it there
(SIGKILL), or start a second import while it holds the import lock.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sqlalchemy import Engine, event

from data_access.cli import main

WAIT_SECONDS = 120


def pause_after_first_insert(marker: Path, resume: Path) -> None:
    """Install the hook on every engine of this process."""
    state = {"paused": False}

    def after_execute(_conn, _cursor, statement: str, *_args: object) -> None:
        if state["paused"] or not statement.lstrip().upper().startswith("INSERT"):
            return
        state["paused"] = True
        marker.write_text("inside the import transaction\n")
        deadline = time.monotonic() + WAIT_SECONDS
        while not resume.exists():
            if time.monotonic() > deadline:
                raise SystemExit("paused import: nobody resumed it")
            time.sleep(0.05)

    event.listen(Engine, "after_cursor_execute", after_execute)


if __name__ == "__main__":
    release, marker_file, continue_file = sys.argv[1:4]
    pause_after_first_insert(Path(marker_file), Path(continue_file))
    sys.exit(main(["import", release]))
