#!/usr/bin/env bash
# Known vulnerabilities in the pinned Fabric and Fabric CA builds, checked offline.
#   scripts/vulncheck.sh [--binary]
# vuln.go.dev is not reachable here, so the database comes from the Go module proxy: the
# golang.org/x/vulndb module carries every report as OSV JSON (data/osv/), and its own
# cmd/indexdb writes them in the v1 layout that `govulncheck -db file://...` reads. Both it and
# govulncheck are pinned by network/toolchain/vulncheck/go.mod; the database is cached under
# $SCF_CACHE/vulndb-<vulndb version>.
# By default each toolchain module (network/toolchain/fabric, .../fabric-ca) is scanned in source
# mode over the commands its go.mod lists as tools, so govulncheck follows the call graph from
# their main packages. --binary scans the built binaries instead (those of the toolchain cache, or
# of $VULNCHECK_BIN_DIR): fast, but "called" then means "linked in", and stdlib findings are those
# of the Go that built them.
# Exit status is non-zero when a vulnerable symbol is called and a fixed version exists, unless the
# OSV id (or id@module) is listed in network/toolchain/vulncheck/accepted.txt with a reason.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$SCF_ROOT/scripts/lib/toolchain.sh"

readonly VULNCHECK_DIR="$SCF_ROOT/network/toolchain/vulncheck"
readonly VULNCHECK_ACCEPTED="$VULNCHECK_DIR/accepted.txt"
readonly VULNCHECK_MODULES=(fabric fabric-ca)
# Reports of the last run, one JSON stream per scanned module, next to the network's other output.
readonly VULNCHECK_OUT="$SCF_HOME/vulncheck"

vulndb_version() {
  (cd "$VULNCHECK_DIR" && go list -m -f '{{.Version}}' golang.org/x/vulndb)
}

vulncheck_tools_dir() {
  local key
  key="$(sha256sum "$VULNCHECK_DIR/go.sum" | cut -c1-12)"
  echo "$SCF_CACHE/vulncheck-tools-$(go env GOVERSION)-$key/bin"
}

# Step tools: govulncheck and indexdb, built once from the pinned module graph.
ensure_vulncheck_tools() {
  step tools
  command -v go >/dev/null || die "Go is required (see network/toolchain)"
  command -v jq >/dev/null || die "jq is required to read govulncheck's JSON"
  local bin
  bin="$(vulncheck_tools_dir)"
  if [[ ! -x "$bin/govulncheck" || ! -x "$bin/indexdb" ]]; then
    log "building govulncheck and indexdb into $bin"
    rm -rf "$bin.partial" && mkdir -p "$bin.partial"
    (cd "$VULNCHECK_DIR" && nice -n 10 go build -trimpath -o "$bin.partial/" \
      golang.org/x/vuln/cmd/govulncheck golang.org/x/vulndb/cmd/indexdb)
    rm -rf "$bin" && mv "$bin.partial" "$bin"
  fi
  GOVULNCHECK="$bin/govulncheck"
  INDEXDB="$bin/indexdb"
  log "$("$GOVULNCHECK" -version | grep -m1 -i 'scanner')"
}

# Step db: the vulndb module's OSV files, indexed into $SCF_CACHE/vulndb-<version>.
# Its OSV files carry zero "modified" times (upstream sets them from git history when it
# publishes), so govulncheck reports the database as last modified 0001-01-01; the version
# recorded in VERSION is what dates this database.
ensure_vulndb() {
  step db
  local version src
  version="$(vulndb_version)"
  VULNDB_DIR="$SCF_CACHE/vulndb-$version"
  if [[ ! -f "$VULNDB_DIR/index/db.json" ]]; then
    src="$(cd "$VULNCHECK_DIR" && go mod download -json golang.org/x/vulndb | jq -r .Dir)/data/osv"
    [[ -d "$src" ]] || die "golang.org/x/vulndb@$version has no data/osv"
    log "indexing $(find "$src" -name '*.json' | wc -l) OSV reports of golang.org/x/vulndb@$version"
    rm -rf "$VULNDB_DIR.partial"
    "$INDEXDB" -vulns "$src" -out "$VULNDB_DIR.partial"
    echo "golang.org/x/vulndb@$version" >"$VULNDB_DIR.partial/VERSION"
    rm -rf "$VULNDB_DIR" && mv "$VULNDB_DIR.partial" "$VULNDB_DIR"
  fi
  log "database golang.org/x/vulndb@$version ($(find "$VULNDB_DIR/ID" -name '*.json' | wc -l) entries) at $VULNDB_DIR"
}

# The builds' cgo setting (see toolchain.sh): it selects which files, and so which calls, exist.
module_cgo() {
  [[ "$1" == fabric-ca ]] && echo 1 || echo 0
}

# Step scan: one JSON stream per toolchain module into $VULNCHECK_OUT/<module>.json.
scan_module() {
  local module="$1" mode="$2" dir="$FABRIC_TOOLCHAIN_DIR/$1" out="$VULNCHECK_OUT/$1.json"
  step "scan $module"
  local started=$SECONDS
  if [[ "$mode" == binary ]]; then
    local bin tool
    bin="${VULNCHECK_BIN_DIR:-$(fabric_bin_dir)}"
    : >"$out"
    for tool in $(module_tools "$dir"); do
      [[ -x "$bin/${tool##*/}" ]] || die "no $bin/${tool##*/}; build the toolchain (scripts/network.sh up) or set VULNCHECK_BIN_DIR"
      log "govulncheck -mode binary $bin/${tool##*/}"
      # One stream per binary, appended: the gate reads them as one.
      "$GOVULNCHECK" -db "file://$VULNDB_DIR" -mode binary -format json "$bin/${tool##*/}" >>"$out"
    done
  else
    local -a tools
    mapfile -t tools < <(module_tools "$dir")
    log "govulncheck (source) -C network/toolchain/$module ${tools[*]##*/}"
    # -format json exits 0 whatever it finds; the gate below decides.
    CGO_ENABLED="$(module_cgo "$module")" nice -n 10 \
      "$GOVULNCHECK" -db "file://$VULNDB_DIR" -C "$dir" -format json "${tools[@]}" >"$out"
  fi
  log "done in $((SECONDS - started))s: $out"
}

# The commands a toolchain module builds: its go.mod's tool lines.
module_tools() {
  (cd "$1" && go mod edit -json | jq -r '.Tool[].Path')
}

# One line per (OSV id, vulnerable module): the deepest level govulncheck reached for it
# (called = a vulnerable symbol is reachable, imported = only its package, required = only its module).
findings_table() {
  jq -rs '
    [ .[] | select(.finding) | .finding
      | { id: .osv, module: .trace[0].module, version: (.trace[0].version // ""),
          fixed: (.fixed_version // ""),
          level: (if .trace[0].function then 3 elif .trace[0].package then 2 else 1 end) } ]
    | group_by([.id, .module])
    | map(.[0] + { level: (map(.level) | max) })
    | sort_by(.module, .id)[]
    | [ .id, .module, .version, (if .fixed == "" then "-" else .fixed end),
        ([ "", "required", "imported", "called" ][.level]) ] | @tsv' "$@"
}

# Accepted entries, one per line: an OSV id (any module), or id@module (one module: one id can
# name both a stdlib package and the golang.org/x module it was copied from); each with a reason.
accepted_ids() {
  [[ -f "$VULNCHECK_ACCEPTED" ]] || return 0
  local id reason
  while read -r id reason; do
    [[ -z "$id" || "$id" == \#* ]] && continue
    [[ -n "$reason" ]] || die "$VULNCHECK_ACCEPTED: $id has no reason"
    echo "$id"
  done <"$VULNCHECK_ACCEPTED"
}

# Step gate: summary per module, then the called-and-fixable findings that nobody accepted.
gate() {
  step gate
  local -a accepted
  mapfile -t accepted < <(accepted_ids)
  local module failing=0 table
  printf '%-10s %-44s %7s %9s %9s %8s %8s\n' scanned vulnerable-module called imported required fixable accepted >&2
  for module in "${VULNCHECK_MODULES[@]}"; do
    table="$(findings_table "$VULNCHECK_OUT/$module.json")"
    [[ -n "$table" ]] || continue
    # Per vulnerable module: how many ids at each level, how many called ones have a fix, and of those how many are accepted.
    awk -F'\t' -v scanned="$module" -v acc="${accepted[*]:-}" '
      BEGIN { n = split(acc, a, " "); for (i = 1; i <= n; i++) ok[a[i]] = 1 }
      { m[$2] = 1; c[$2, $5]++; if ($5 == "called" && $4 != "-") { f[$2]++; if (($1 in ok) || (($1 "@" $2) in ok)) k[$2]++ } }
      END { for (x in m) printf "%-10s %-44s %7d %9d %9d %8d %8d\n", scanned, x, c[x, "called"], c[x, "imported"], c[x, "required"], f[x], k[x] }' \
      <<<"$table" | sort -k2 >&2
    local id vmod version fixed level
    while IFS=$'\t' read -r id vmod version fixed level; do
      [[ "$level" == called && "$fixed" != - ]] || continue
      if [[ " ${accepted[*]:-} " == *" $id "* || " ${accepted[*]:-} " == *" $id@$vmod "* ]]; then continue; fi
      log "FINDING $module: $id in $vmod@$version is called; fixed in $fixed"
      failing=$((failing + 1))
    done <<<"$table"
  done
  if ((failing > 0)); then
    die "$failing called finding(s) with a fix; raise the module in network/toolchain/<module>/go.mod, or accept the id with a reason in ${VULNCHECK_ACCEPTED#"$SCF_ROOT"/}"
  fi
  log "no called finding with a fix outside ${VULNCHECK_ACCEPTED#"$SCF_ROOT"/}"
}

main() {
  local mode=source
  case "${1:-}" in
    "") ;;
    --binary) mode=binary ;;
    *) die "usage: scripts/vulncheck.sh [--binary]" ;;
  esac
  ensure_vulncheck_tools
  ensure_vulndb
  mkdir -p "$VULNCHECK_OUT"
  local module
  for module in "${VULNCHECK_MODULES[@]}"; do
    scan_module "$module" "$mode"
  done
  gate
}

main "$@"
