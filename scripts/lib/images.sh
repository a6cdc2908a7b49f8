# The node images of the container runtime. No registry serves images here, so they are built locally with
# `docker import` from a rootfs tar: the Fabric binaries already built from source, their default config,
# and from this machine only what the nodes run besides themselves (bash and the few tools the CCaaS builder
# scripts call, with their shared libraries). Each setting may name another image instead, e.g. the official
# SCF_PEER_IMAGE=hyperledger/fabric-peer:2.5.0; nothing is built for a setting that is given.
# shellcheck shell=bash

# What the peer execs for the external builder (network/builders/ccaas/bin/*), plus a shell to look inside.
readonly IMAGE_TOOLS=(bash env cat cp mkdir grep ls rm mv)
readonly IMAGE_KINDS=(ca peer orderer)

image_setting() { echo "SCF_${1^^}_IMAGE"; } # image_setting KIND -> the variable naming KIND's image

image_binaries() { # image_binaries KIND -> the Fabric binaries that KIND's image carries
  case "$1" in
    ca) echo fabric-ca-server fabric-ca-client ;;
    peer) echo peer ;;
    orderer) echo orderer ;;
  esac
}

# Every host file a tool needs: the tool and the shared libraries (and loader) ldd resolves for it.
image_tool_files() {
  local tool path
  for tool in "${IMAGE_TOOLS[@]}"; do
    path="$(command -v "$tool")"
    readlink -f "$path"
    ldd "$path" 2>/dev/null | grep -o '/[^ ]*' || true
  done | sort -u
}

# The inputs of KIND's image, hashed into its tag so that an input change builds a new image.
image_tag() {
  local kind="$1" bin key
  bin="$(dirname "$(command -v peer)")"
  key="$({
    cat "${BASH_SOURCE[0]}"
    local b
    for b in $(image_binaries "$kind"); do sha256sum "$bin/$b"; done
    # shellcheck disable=SC2046 # one file a word
    sha256sum $(image_tool_files) "$FABRIC_SAMPLECONFIG"/{core,orderer}.yaml
  } | sha256sum | cut -c1-12)"
  local version
  if [[ "$kind" == ca ]]; then version="$(fabric_ca_version)"; else version="$(fabric_version)"; fi
  echo "scf/fabric-$kind:$version-$key"
}

# stage_rootfs KIND DIR : the image's file tree. Debian merges /usr, so /bin and /lib are links into it.
stage_rootfs() {
  local kind="$1" dir="$2" bin f
  bin="$(dirname "$(command -v peer)")"
  mkdir -p "$dir"/usr/{bin,lib,lib64,local/bin} "$dir/etc/hyperledger/fabric" "$dir/tmp" "$dir/var/hyperledger"
  chmod 1777 "$dir/tmp"
  ln -s usr/bin "$dir/bin"
  ln -s usr/lib "$dir/lib"
  ln -s usr/lib64 "$dir/lib64"
  for f in $(image_tool_files); do cp -L --parents "$f" "$dir/"; done
  for f in "${IMAGE_TOOLS[@]}"; do
    [[ -e "$dir/usr/bin/$f" ]] || ln -s "$(basename "$(readlink -f "$(command -v "$f")")")" "$dir/usr/bin/$f"
  done
  ln -s bash "$dir/usr/bin/sh"
  for f in $(image_binaries "$kind"); do cp "$bin/$f" "$dir/usr/local/bin/"; done
  cp "$FABRIC_SAMPLECONFIG"/{core,orderer}.yaml "$dir/etc/hyperledger/fabric/"
  printf 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$dir/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
}

build_image() { # build_image KIND TAG
  local kind="$1" tag="$2" dir
  dir="$(mktemp -d)"
  stage_rootfs "$kind" "$dir/rootfs"
  log "building image $tag"
  # A reproducible tar: sorted, no timestamps or host owners.
  tar -C "$dir/rootfs" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - . |
    docker import \
      --change 'ENV PATH=/usr/local/bin:/usr/bin' \
      --change 'ENV FABRIC_CFG_PATH=/etc/hyperledger/fabric' \
      --change 'WORKDIR /var/hyperledger' \
      --change "LABEL scf.image=fabric-$kind" \
      - "$tag" >/dev/null
  rm -rf "$dir"
}

# Exports SCF_{CA,PEER,ORDERER}_IMAGE: each as given, or the local build for this toolchain (built if missing).
ensure_fabric_images() {
  local kind var tag
  for kind in "${IMAGE_KINDS[@]}"; do
    var="$(image_setting "$kind")"
    if [[ -n "${!var:-}" ]]; then
      docker image inspect "${!var}" >/dev/null 2>&1 || docker pull "${!var}" >&2 ||
        die "$var=${!var} is neither a local image nor pullable"
      continue
    fi
    tag="$(image_tag "$kind")"
    docker image inspect "$tag" >/dev/null 2>&1 || build_image "$kind" "$tag"
    export "$var=$tag"
  done
}
