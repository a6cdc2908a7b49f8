#!/usr/bin/env bash
# Code health, run by CI before the tests and by hand (npm run lint): typecheck, ESLint, Prettier's check,
# the layer rules (dependency-cruiser) and shellcheck. Each step runs even if an earlier one failed, so one
# run lists every finding; the script fails if any step did.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# Every project the repository compiles: the workspaces and the root (integration tests and their harness).
readonly TS_PROJECTS=(wire chaincode gateway bench .)
# Every shell script: by extension, plus the extension-less ones (CI entry point, CCaaS builder).
shell_scripts() {
  (cd "$SCF_ROOT" && git ls-files '*.sh' .ci/run 'network/builders/ccaas/bin/*')
}

# Debian's package, installed on first use (CI runs as root; a developer without root installs it once).
ensure_shellcheck() {
  step shellcheck
  command -v shellcheck >/dev/null && return 0
  [[ "$(id -u)" == 0 ]] || die "shellcheck is missing: install Debian's 'shellcheck' package"
  log "installing shellcheck (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null 2>&1 ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null; } ||
    die "could not install shellcheck with apt-get"
}

# The wire contract is compiled first: the other projects see it through its declaration files.
build_wire() {
  step typecheck
  (cd "$SCF_ROOT" && npm run --silent build -w wire)
}

typecheck() {
  step typecheck
  local project
  for project in "${TS_PROJECTS[@]}"; do
    log "tsc --noEmit -p $project"
    (cd "$SCF_ROOT" && npx tsc --noEmit -p "$project/tsconfig.json")
  done
}

eslint_check() {
  step eslint
  (cd "$SCF_ROOT" && npx eslint --max-warnings 0 .)
}

format_check() {
  step prettier
  (cd "$SCF_ROOT" && npx prettier --check --log-level warn .)
}

layer_check() {
  step layers
  (cd "$SCF_ROOT" && npx depcruise --config .dependency-cruiser.cjs wire/src chaincode/src gateway/src)
}

shell_check() {
  step shellcheck
  local scripts
  mapfile -t scripts < <(shell_scripts)
  (cd "$SCF_ROOT" && shellcheck "${scripts[@]}")
}

main() {
  ensure_node_modules
  ensure_shellcheck
  build_wire
  local failed=()
  local check
  for check in typecheck eslint_check format_check layer_check shell_check; do
    "$check" || failed+=("$check")
  done
  step lint
  [[ ${#failed[@]} -eq 0 ]] || die "failed: ${failed[*]}"
  log "typecheck, eslint, prettier, layers and shellcheck are clean"
}

main "$@"
