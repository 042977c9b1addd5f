#!/usr/bin/env bash
# Set up Faro, index the sample corpus and serve the chat on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Trying Faro out needs no accounts: sign-in is turned off here, explicitly, unless .env or the
# environment chooses a way to sign in. The page then says that sign-in is off.
if [ -z "${FARO_AUTH:-}" ] && ! grep -qs '^FARO_AUTH=' .env; then
  export FARO_AUTH=off
  echo "run.sh: sign-in is off for this trial (FARO_AUTH=off); see README 'Sign-in and permissions'"
fi
.venv/bin/faro ingest sample_corpus
.venv/bin/faro doctor || true   # says which generator answers (and prepares the embedded model)
exec .venv/bin/faro ui "$@"
