#!/usr/bin/env bash
# Set up Faro, index the sample corpus and serve the chat on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/faro ingest sample_corpus
.venv/bin/faro doctor || true   # says which generator answers (and prepares the embedded model)
exec .venv/bin/faro ui "$@"
