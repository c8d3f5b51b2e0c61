#!/usr/bin/env bash
# Install what Micromastery needs on this machine; safe to run again.
#   scripts/setup.sh          app dependencies (virtualenv, bun)
#   scripts/setup.sh test     also test tools (Chromium from Debian, pytest, ...)
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-app}"
BUN_VERSION=1.4.4

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x .venv/bin/python ]; then
  log "Creating virtualenv in .venv"
  python3 -m venv .venv
fi
stamp=".venv/.installed-$want-$(sha256sum pyproject.toml | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  log "Installing Python packages ($want)"
  .venv/bin/pip install --quiet --upgrade pip
  if [ "$want" = test ]; then .venv/bin/pip install --quiet -e ".[test]"; else .venv/bin/pip install --quiet -e .; fi
  touch "$stamp"
fi

# Reflex would download bun from the internet; use the npm package instead.
if ! command -v bun >/dev/null || [ "$(bun --version 2>/dev/null)" != "$BUN_VERSION" ]; then
  log "Installing bun $BUN_VERSION from npm"
  as_root npm install --global --silent "bun@$BUN_VERSION"
fi

# The JS linter and formatter (Biome) and Lighthouse (bench and its CI gate; it drives
# Debian's Chromium and downloads no browser), pinned in package.json and
# package-lock.json; Biome's npm package carries a prebuilt binary. Into node_modules/.
if [ "$want" = test ]; then
  lock_stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-12)"
  if [ ! -f "$lock_stamp" ]; then
    log "Installing the JS tools (npm ci)"
    npm ci --no-audit --no-fund --silent
    touch "$lock_stamp"
  fi
fi

if [ "$want" = test ] && ! command -v faketime >/dev/null; then
  log "Installing faketime from Debian (tests run again a year ahead)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
fi

if [ "$want" = test ] && ! command -v chromium >/dev/null; then
  log "Installing Chromium from Debian (browser tests)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
