#!/usr/bin/env bash
# Set up Faro, index the sample corpus and serve the chat on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Trying Faro out needs no accounts: sign-in is turned off here, explicitly, unless .env or the
# environment chooses a way to sign in. The admin Index page then says that sign-in is off.
if [ -z "${FARO_AUTH:-}" ] && ! grep -qs '^FARO_AUTH=' .env; then
  export FARO_AUTH=off
  echo "run.sh: sign-in is off for this trial (FARO_AUTH=off); see README 'Sign-in and permissions'"
fi
# Questions the sample corpus answers, offered on the empty chat page.
if [ -z "${FARO_EXAMPLE_QUESTIONS:-}" ] && ! grep -qs '^FARO_EXAMPLE_QUESTIONS=' .env; then
  export FARO_EXAMPLE_QUESTIONS="How many vacation days can I carry over to next year?|What is the most I can spend on a hotel room per night in London?|¿Cuántos días a la semana puedo teletrabajar?"
fi
.venv/bin/faro ingest sample_corpus
.venv/bin/faro doctor || true   # says which generator answers (and prepares the embedded model)
exec .venv/bin/faro ui "$@"
