#!/usr/bin/env bash
# Set up Faro, check the code with ruff (lint, import order, format) and run the whole test suite
# (slow tests included). The fast tier alone, no model and no process: scripts/test.sh -m "not slow"
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check --quiet . || { echo "test.sh: ruff check failed (.venv/bin/ruff check --fix . mends most)"; exit 1; }
.venv/bin/ruff format --check --quiet . || { echo "test.sh: unformatted files (.venv/bin/ruff format .)"; exit 1; }
[ -x /usr/bin/chromium ] || echo "test.sh: no Chromium at /usr/bin/chromium: the browser tests (tests/test_browser.py) are skipped (apt-get install chromium)"
exec .venv/bin/python -m pytest "$@"
