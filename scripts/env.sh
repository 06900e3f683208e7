# Sourced by the other scripts: tool versions, PATH and the toolchain route.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/scripts/node_modules/.bin:$PATH"

CARGO_LEPTOS_VERSION="0.3.11"
# The wasm-bindgen CLI must equal the crate pinned in Cargo.toml.
WASM_BINDGEN_VERSION="$(sed -nE 's/^wasm-bindgen = "=([0-9.]+)".*/\1/p' "$ROOT/Cargo.toml")"

# Two routes to a wasm32 standard library:
# - rustup with the wasm32-unknown-unknown target installed (the ordinary route);
# - Debian's rustc-web toolchain in /usr, whose std is built from source for wasm32
#   (-Zbuild-std, allowed on a stable compiler by RUSTC_BOOTSTRAP=1).
# The whole build uses one toolchain so that tests and the release build share artifacts.
LEPTOS_ARGS=()
if command -v rustup >/dev/null 2>&1 \
    && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    RENKEI_TOOLCHAIN="rustup"
else
    RENKEI_TOOLCHAIN="debian"
    export RUSTUP_TOOLCHAIN=/usr
    export RUSTC_BOOTSTRAP=1
    LEPTOS_ARGS=(--lib-cargo-args=-Zbuild-std=std,panic_abort)
fi
export RENKEI_TOOLCHAIN

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
