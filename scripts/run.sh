#!/usr/bin/env bash
# Installs what is missing, builds the release, migrates the database and serves the app
# on http://127.0.0.1:3000 (override with RENKEI_LISTEN or --listen). Extra arguments go
# to the server, e.g. `scripts/run.sh --database-url postgres://…`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"

cd "$ROOT"
log "building the release (server and browser bundle)"
cargo leptos build --release --precompress "${LEPTOS_ARGS[@]}"

log "starting Renkei"
exec "$ROOT/target/release/renkei" --site-root "$ROOT/target/site" "$@"
