#!/usr/bin/env bash
# The whole test suite: unit and integration tests (SQLite; PostgreSQL too when
# TEST_DATABASE_URL is set), then the browser tests against a release build.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" --tests

cd "$ROOT"
# The layering rules of ARCHITECTURE.md (greps; fast, so they run first).
log "architecture checks"
"$ROOT/scripts/architecture.sh"

if [ -n "${TEST_DATABASE_URL:-}" ]; then
    log "unit and integration tests (SQLite and PostgreSQL)"
else
    log "unit and integration tests (SQLite; set TEST_DATABASE_URL for PostgreSQL)"
fi
cargo test --locked --workspace --features app/ssr

log "release build for the browser tests"
cargo leptos build --release --precompress --cargo-locked "${LEPTOS_ARGS[@]}"

log "browser tests (Playwright + Chromium)"
cd "$ROOT/end2end"
npx playwright test
