#!/usr/bin/env bash
# The load benchmark, on demand (not part of the tests): builds the release, then for
# SQLite and PostgreSQL and for the "one team" and "×10" datasets loads ten fiscal years of
# synthetic records, starts the server cold and measures it with wrk. Writes
# bench/RESULTS.md. About 15 minutes after the build; BENCH_SECONDS (default 5) sets the
# length of each load run, BENCH_DATABASES / BENCH_SIZES narrow it (see
# server/benches/load/main.rs).
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$ROOT/scripts/postgres.sh"
"$ROOT/scripts/setup.sh"
apt_install wrk gzip

cd "$ROOT"
if [[ "${BENCH_DATABASES:-sqlite,postgres}" == *postgres* && -z "${BENCH_POSTGRES_URL:-}" ]]; then
    pg_start
    BENCH_POSTGRES_URL="$(pg_database renkei_bench)"
    export BENCH_POSTGRES_URL
fi

log "building the release (server and browser bundle)"
cargo leptos build --release --precompress "${LEPTOS_ARGS[@]}"
log "running the benchmark"
cargo bench -p server --bench load
