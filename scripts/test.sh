#!/usr/bin/env bash
# Set up Faro and run the whole test suite (slow end-to-end tests included).
# Locally, skip those with: scripts/test.sh -m "not slow"
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -x /usr/bin/chromium ] || echo "test.sh: no Chromium at /usr/bin/chromium: the browser tests (tests/test_browser.py) are skipped (apt-get install chromium)"
exec .venv/bin/python -m pytest "$@"
