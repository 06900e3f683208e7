#!/usr/bin/env bash
# Installs whatever is missing to build (and with --tests, to test) Renkei. Idempotent: with
# everything present it only checks versions and returns within seconds.
set -euo pipefail
source "$(dirname "$0")/env.sh"

WITH_TESTS=0
for arg in "$@"; do
    case "$arg" in
        --tests) WITH_TESTS=1 ;;
        *) echo "usage: $0 [--tests]" >&2; exit 2 ;;
    esac
done

# C compiler for SQLite (bundled) and friends; Node.js for build tools and browser tests.
pkgs=(gcc libc6-dev pkg-config nodejs npm)
if [ "$RENKEI_TOOLCHAIN" = "debian" ]; then
    # rustc/cargo 1.96 with the std source; rust-lld (for wasm) is lld-22.
    pkgs+=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22)
fi
if [ "$WITH_TESTS" = 1 ]; then
    # python3-icalendar: the integration tests check the calendar feed with a standard parser.
    pkgs+=(chromium fonts-ipafont-gothic python3 python3-icalendar)
fi
# nodejs/npm may come from elsewhere (e.g. NodeSource); only ask apt for what has no command.
command -v node >/dev/null 2>&1 && pkgs=("${pkgs[@]/nodejs}")
command -v npm >/dev/null 2>&1 && pkgs=("${pkgs[@]/npm}")
apt_install $(printf '%s\n' "${pkgs[@]}" | grep -v '^$')

if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo not found: install Rust (rustup) or let this script install Debian's rustc-web." >&2
    exit 1
fi

# cargo-leptos: a debug build installs in a third of the time of a release build and is just
# as good at driving the build (see README, "Toolchain").
if [ "$(cargo-leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    log "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes a while, once)"
    # No debug info and a stripped binary: faster to link, 120 MB instead of 690 MB.
    CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_DEV_STRIP=true \
        cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --debug --force
fi

# wasm-bindgen CLI of exactly the crate's version. Not --locked: its lock file pins a
# webpki-roots version that the registry no longer has.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes a while, once)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt from npm's binaryen: Debian's binaryen 108 corrupts the release wasm.
npm_ci() {
    local dir="$1"
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        log "installing npm packages in ${dir#$ROOT/}"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}
npm_ci "$ROOT/scripts"
if [ "$WITH_TESTS" = 1 ]; then
    npm_ci "$ROOT/end2end"
fi

log "tools ready ($RENKEI_TOOLCHAIN toolchain: $(cargo --version))"
