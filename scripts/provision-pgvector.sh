#!/usr/bin/env bash
# Builds and installs the pgvector extension into the machine's PostgreSQL 15 from Debian
# trixie's source package (pgvector is not a bookworm binary package). Needs root.
# Idempotent: exits at once when the extension is already installed.
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-15}"
PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config"
CONTROL="/usr/share/postgresql/$PG_MAJOR/extension/vector.control"
SOURCES="/etc/apt/sources.list.d/aitip-trixie-src.list"

log() { echo "provision-pgvector: $*" >&2; }

if [ -f "$CONTROL" ]; then
  log "pgvector already installed ($CONTROL)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { log "needs root (or sudo)"; exit 1; }
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
if [ ! -f "$SOURCES" ]; then
  log "adding trixie source entry in $SOURCES"
  echo "deb-src http://deb.debian.org/debian trixie main" | $SUDO tee "$SOURCES" >/dev/null
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "postgresql-server-dev-$PG_MAJOR" build-essential dpkg-dev >/dev/null

WORK="$(mktemp -d)"
trap '$SUDO rm -rf "$WORK"' EXIT
cd "$WORK"
# apt downloads as the _apt user: let it write into the temp dir (avoids an "unsandboxed" warning).
chmod 755 "$WORK"
if id _apt >/dev/null 2>&1; then $SUDO chown _apt "$WORK"; fi
apt-get source -qq pgvector >/dev/null
SRC="$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n1)"
[ -n "$SRC" ] || { log "apt-get source pgvector produced no source tree"; exit 1; }
log "building $(basename "$SRC") against $("$PG_CONFIG" --version)"
make -s -C "$SRC" PG_CONFIG="$PG_CONFIG" >/dev/null
$SUDO make -s -C "$SRC" PG_CONFIG="$PG_CONFIG" install >/dev/null
[ -f "$CONTROL" ] || { log "install finished but $CONTROL is missing"; exit 1; }
log "pgvector installed"
