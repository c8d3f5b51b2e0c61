#!/usr/bin/env bash
# Set up, migrate, load demo content on first run, and serve the production build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
export REFLEX_USE_SYSTEM_BUN=1
PORT="${PORT:-3000}"
HOST="${HOST:-0.0.0.0}" # every interface (phones on this network); 127.0.0.1: this machine only
.venv/bin/mmapp db-upgrade
.venv/bin/mmapp seed-demo --if-empty --history
cat <<MSG

  Micromastery is starting (production build, one port). When it says "App running", open
      http://localhost:$PORT/
  on a phone-sized window. Demo learner: learner@demo.micromastery.app / learn-on-the-train

MSG
exec .venv/bin/reflex run --env prod --single-port --frontend-port "$PORT" --backend-port "$PORT" \
    --backend-host "$HOST"
