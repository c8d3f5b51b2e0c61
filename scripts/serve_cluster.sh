#!/usr/bin/env bash
# Production mode: several app processes on PostgreSQL and Redis serving ONE build.
#
#   scripts/serve_cluster.sh              set up, migrate, seed if empty, build once, then run
#                                         PROCESSES app processes (ports PORT, PORT+1, ...)
#                                         and one push worker, until stopped
#   scripts/serve_cluster.sh build        only build the frontend (once per release)
#   scripts/serve_cluster.sh process PORT one app process serving that build on PORT
#   scripts/serve_cluster.sh worker       the reminder/push scheduler (`mmapp worker`)
#
# Needs MM_DATABASE_URL (postgresql+psycopg://...) and REFLEX_REDIS_URL (redis://...).
# PUBLIC_URL is the origin people open (the reverse proxy in front of the processes):
# the build names its websocket address from it. Knobs: PROCESSES (2), PORT (3000),
# HOST (0.0.0.0), WORKERS per process (1; granian workers, all sharing Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
export REFLEX_USE_SYSTEM_BUN=1
PORT="${PORT:-3000}"
HOST="${HOST:-0.0.0.0}"
PROCESSES="${PROCESSES:-2}"
WORKERS="${WORKERS:-1}"
PY=.venv/bin/python

need() {
  if [ -z "${!1:-}" ]; then
    echo "error: set $1 (see README, Production)" >&2
    exit 2
  fi
}

build() {
  need PUBLIC_URL
  # The frontend's websocket and upload addresses come from REFLEX_API_URL at build
  # time; behind https the browser drops the port and uses the page's own.
  REFLEX_API_URL="$PUBLIC_URL" "$PY" -m reflex export --frontend-only --no-zip --loglevel warning
}

process() {
  need MM_DATABASE_URL
  need REFLEX_REDIS_URL
  # `reflex run` refuses to start when Redis does not answer; so does this.
  if ! "$PY" -c 'import os, redis; redis.Redis.from_url(os.environ["REFLEX_REDIS_URL"]).ping()' 2>/dev/null; then
    echo "error: Redis does not answer at REFLEX_REDIS_URL" >&2
    exit 1
  fi
  # What `reflex run --env prod --single-port` does after its build, without building
  # again: the Reflex app (socket, state, /api) with .web/build mounted beside it.
  # The two `__REFLEX_*` switches are the ones Reflex 0.10's own `run` sets
  # (reflex_base/environment.py, internal=True); tests/e2e/test_cluster.py runs this.
  # The scheduler runs in `worker` (MM_SCHEDULER_IN_APP=1 is also safe: claims and
  # leases make each send happen once, but every process then polls the database).
  exec env REFLEX_ENV_MODE=prod __REFLEX_SKIP_COMPILE=true __REFLEX_MOUNT_FRONTEND_COMPILED_APP=true \
    MM_SCHEDULER_IN_APP="${MM_SCHEDULER_IN_APP:-0}" \
    "$PY" -m granian --interface asgi --factory --host "$HOST" --port "$1" \
    --workers "$WORKERS" --log-level "${LOG_LEVEL:-warning}" mmapp.mmapp:app
}

worker() {
  need MM_DATABASE_URL
  exec .venv/bin/mmapp worker
}

case "${1:-all}" in
  build) build ;;
  process) process "${2:?usage: serve_cluster.sh process PORT}" ;;
  worker) worker ;;
  all)
    need MM_DATABASE_URL
    need REFLEX_REDIS_URL
    export PUBLIC_URL="${PUBLIC_URL:-http://localhost:$PORT}"
    scripts/setup.sh app
    .venv/bin/mmapp db-upgrade
    .venv/bin/mmapp seed-demo --if-empty
    build
    trap 'kill $(jobs -p) 2>/dev/null || true' EXIT INT TERM
    for i in $(seq 0 $((PROCESSES - 1))); do
      "$0" process $((PORT + i)) &
    done
    "$0" worker &
    echo "Serving on ports $PORT..$((PORT + PROCESSES - 1)) behind $PUBLIC_URL; push worker running."
    wait -n
    ;;
  *)
    echo "error: unknown command ${1} (build, process PORT, worker)" >&2
    exit 2
    ;;
esac
