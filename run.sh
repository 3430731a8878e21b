#!/usr/bin/env bash
# Install and run the dashboard on its embedded SQLite default: ./run.sh  (then open http://127.0.0.1:8050)
set -euo pipefail
cd "$(dirname "$0")"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/python app.py
