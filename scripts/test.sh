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

# The browser bundle builds in its own target directory (target/front), so it runs beside the
# tests: its long single-threaded link-time optimisation uses the core the tests' own
# single-crate compiles leave idle. Its output goes to a log, shown if it fails.
log "release build of the browser bundle (in the background)"
front_log="$ROOT/target/front-build.log"
mkdir -p "$ROOT/target"
cargo leptos build --release --precompress --cargo-locked --frontend-only "${LEPTOS_ARGS[@]}" >"$front_log" 2>&1 &
front_pid=$!
trap 'kill "$front_pid" 2>/dev/null || true' EXIT

if [ -n "${TEST_DATABASE_URL:-}" ]; then
    log "unit and integration tests (SQLite and PostgreSQL)"
else
    log "unit and integration tests (SQLite; set TEST_DATABASE_URL for PostgreSQL)"
fi
cargo test --locked --workspace --features app/ssr

log "waiting for the browser bundle"
if ! wait "$front_pid"; then
    cat "$front_log" >&2
    log "the browser bundle failed to build"
    exit 1
fi
trap - EXIT

log "release build of the server for the browser tests"
cargo leptos build --release --precompress --cargo-locked "${LEPTOS_ARGS[@]}"

log "browser tests (Playwright + Chromium)"
cd "$ROOT/end2end"
npx playwright test
