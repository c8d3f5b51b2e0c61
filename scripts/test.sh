#!/usr/bin/env bash
# Set up, lint, and run every test tier (unit, device JS under bun, API on SQLite and
# Postgres, browser journeys).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export REFLEX_USE_SYSTEM_BUN=1

# This machine kind runs PostgreSQL; start it if it stopped (the API tests use it too).
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1; then
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  fi
fi

# Redis too (the cluster test: two app processes share page state through it).
if command -v redis-cli >/dev/null && ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  command -v redis-server >/dev/null && redis-server --daemonize yes --save '' >/dev/null || true
fi

.venv/bin/ruff check mmapp tests bench scripts
.venv/bin/ruff format --check mmapp tests bench scripts
# Types: the domain packages under mypy --strict (the files and settings are in pyproject.toml).
echo "== mypy, strict, on the domain packages"
.venv/bin/mypy
# The phone's own code (assets/js, the service worker, its tests): Biome's lint and
# format check, then its logic under bun (views, player, sync rules, the grader).
node_modules/.bin/biome check assets/js assets/sw.js tests/js
bun test tests/js
# pytest exits 5 when it collects nothing: with `set -e` that fails the run.
.venv/bin/python -m pytest -p no:cacheprovider "$@"

# No test may depend on today's date: the unit and API tiers run again with the
# system clock a year ahead (libfaketime; its monotonic clock must stay faked too,
# or Python's sleep fails with EINVAL).
if [ $# -eq 0 ]; then
  echo "== unit and API tiers again, one year ahead: $(faketime -f +365d date -u +%F)"
  # On SQLite only: faketime moves this process's clock, not the PostgreSQL server's,
  # so the Postgres half would repeat the first pass (and double this one's time).
  faketime -f +365d .venv/bin/python -m pytest -p no:cacheprovider -q -m "not postgres" tests/unit tests/api
fi
