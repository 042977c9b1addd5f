"""Faro's benchmarks: run each from the project root as `python -m bench.NAME` (see bench/README.md)."""
