#!/usr/bin/env bash
# Refreshes the vendored copy of Leaflet (public/vendor/leaflet) from the npm registry.
# The app serves these files itself: no CDN, and the Content Security Policy stays 'self'.
set -euo pipefail
VERSION="${1:-1.9.4}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack "leaflet@${VERSION}" >/dev/null
tar xzf "leaflet-${VERSION}.tgz"
DEST="$ROOT/public/vendor/leaflet"
rm -rf "$DEST"
mkdir -p "$DEST"
cp -r package/dist/leaflet.js package/dist/leaflet.css package/dist/images "$DEST/"
cp package/LICENSE "$DEST/LICENSE"
echo "Leaflet ${VERSION} copied to public/vendor/leaflet"
