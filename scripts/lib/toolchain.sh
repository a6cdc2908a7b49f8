# Builds the pinned Fabric and Fabric CA binaries from source into a versioned cache outside the repo.
# shellcheck shell=bash

readonly FABRIC_TOOLCHAIN_DIR="$SCF_ROOT/network/toolchain"

# The cache key covers the pinned module graph, our patches to Fabric and the Go version, so a change to any rebuilds.
fabric_bin_dir() {
  local key
  key="$({ cat "$FABRIC_TOOLCHAIN_DIR"/fabric/go.sum "$FABRIC_TOOLCHAIN_DIR"/fabric-ca/go.sum; fabric_patches; } | sha256sum | cut -c1-12)"
  echo "$SCF_CACHE/fabric-$(fabric_version)-$(go env GOVERSION)-$key/bin"
}

fabric_version() {
  grep -o 'FABRIC_RELEASE=[^ ]*' "$FABRIC_TOOLCHAIN_DIR/fabric/go.mod" | cut -d= -f2
}

fabric_ca_version() {
  grep -o 'github.com/hyperledger/fabric-ca v[^ ]*' "$FABRIC_TOOLCHAIN_DIR/fabric-ca/go.mod" | cut -dv -f2
}

fabric_module_dir() {
  (cd "$FABRIC_TOOLCHAIN_DIR/fabric" && go list -m -f '{{.Dir}}' github.com/hyperledger/fabric)
}

# Our fixes to the pinned release, one patch file each, applied in name order (each names the upstream commit it mirrors).
fabric_patches() {
  cat "$FABRIC_TOOLCHAIN_DIR"/fabric/patches/*.patch 2>/dev/null || true
}

# Writes into DIR a module that builds the pinned Fabric with our patches: a copy of the release's module source
# (DIR/fabric) with network/toolchain/fabric/patches/*.patch applied, and our go.mod replacing the module by it.
patched_fabric_source() {
  local dir="$1" patch
  (cd "$FABRIC_TOOLCHAIN_DIR/fabric" && go mod download github.com/hyperledger/fabric)
  mkdir -p "$dir"
  cp -R "$(fabric_module_dir)" "$dir/fabric"
  chmod -R u+w "$dir/fabric" # the module cache is read-only
  for patch in "$FABRIC_TOOLCHAIN_DIR"/fabric/patches/*.patch; do
    [[ -e "$patch" ]] || continue
    log "applying $(basename "$patch")"
    patch --batch --forward --quiet -p1 -d "$dir/fabric" <"$patch" ||
      die "$patch does not apply to Fabric $(fabric_version)"
  done
  cp "$FABRIC_TOOLCHAIN_DIR"/fabric/go.mod "$FABRIC_TOOLCHAIN_DIR"/fabric/go.sum "$dir/"
  (cd "$dir" && go mod edit -replace github.com/hyperledger/fabric=./fabric)
}

build_fabric_binaries() {
  local out="$1" version src="$1.src"
  version="$(fabric_version)"
  rm -rf "$src"
  patched_fabric_source "$src"
  log "building peer, orderer, configtxgen, configtxlator, osnadmin (Fabric $version, patched) into $out"
  # Static binaries: no cgo needed by these five, and they then run in any container rootfs.
  (cd "$src" &&
    CGO_ENABLED=0 go build -trimpath -o "$out/" \
      -ldflags "-X github.com/hyperledger/fabric/common/metadata.Version=$version" \
      github.com/hyperledger/fabric/cmd/peer github.com/hyperledger/fabric/cmd/orderer \
      github.com/hyperledger/fabric/cmd/configtxgen github.com/hyperledger/fabric/cmd/configtxlator \
      github.com/hyperledger/fabric/cmd/osnadmin)
  rm -rf "$src"
}

build_fabric_ca_binaries() {
  local out="$1"
  log "building fabric-ca-server, fabric-ca-client into $out"
  # Fabric CA links sqlite through cgo.
  (cd "$FABRIC_TOOLCHAIN_DIR/fabric-ca" &&
    CGO_ENABLED=1 go build -trimpath -o "$out/" \
      github.com/hyperledger/fabric-ca/cmd/fabric-ca-server github.com/hyperledger/fabric-ca/cmd/fabric-ca-client)
}

# Puts the binaries on PATH and exports FABRIC_SAMPLECONFIG (the release's own default configs).
ensure_fabric_binaries() {
  command -v go >/dev/null || die "Go is required to build Fabric from source (see network/toolchain)"
  local bin
  bin="$(fabric_bin_dir)"
  if [[ ! -x "$bin/peer" || ! -x "$bin/configtxlator" || ! -x "$bin/fabric-ca-server" ]]; then
    local tmp="$bin.partial"
    rm -rf "$tmp" && mkdir -p "$tmp"
    build_fabric_binaries "$tmp"
    build_fabric_ca_binaries "$tmp"
    rm -rf "$bin" && mv "$tmp" "$bin"
  fi
  export PATH="$bin:$PATH"
  FABRIC_SAMPLECONFIG="$(fabric_module_dir)/sampleconfig"
  export FABRIC_SAMPLECONFIG
}

# Everything the network and the tests run on: Node 24 with the npm dependencies, and the Fabric binaries.
ensure_toolchain() {
  step tools
  ensure_node_modules
  ensure_fabric_binaries
}
