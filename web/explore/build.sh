#!/usr/bin/env bash
# Builds the /explore page into internal/explorepage/dist, which the Go
# binary embeds: installs the Node packages from package-lock.json, then
# bundles src/ with esbuild. Run it after changing src/ and commit dist/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=../../internal/explorepage/dist

if [ "${SKIP_NPM_CI:-}" != "1" ]; then
  npm ci --no-audit --no-fund
fi
mkdir -p "$out"
./node_modules/.bin/esbuild src/main.js \
  --bundle --minify --format=iife --target=es2020 --legal-comments=eof \
  --outfile="$out/explore.js"
./node_modules/.bin/esbuild src/style.css --minify --outfile="$out/explore.css"
cp src/index.html "$out/index.html"
ls -l "$out"
