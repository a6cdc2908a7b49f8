#!/usr/bin/env bash
# The test suite: unit tests, then integration tests against a real local network.
# The tests run on a network of their own (SCF_HOME .scf-test, ports shifted by 20), because their drills kill
# and restart nodes: a developer's network (.scf) is never touched. A test network that is already up is
# reused; otherwise one is started and removed afterwards.
# Usage: scripts/test.sh [jest arguments...]
set -euo pipefail

# Before common.sh and the topology read them. SCF_TEST_HOME / SCF_TEST_NETWORK_OFFSET choose others.
SCF_HOME="${SCF_TEST_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.scf-test}"
SCF_PORT_OFFSET="${SCF_TEST_NETWORK_OFFSET:-20}"
export SCF_HOME SCF_PORT_OFFSET
# Settings that would point the tests at another network's files or gateway.
unset SCF_CONNECTION SCF_GATEWAY_PORT

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$SCF_ROOT/network/topology.sh"
source "$SCF_ROOT/scripts/lib/toolchain.sh"
source "$SCF_ROOT/scripts/lib/processes.sh"

build_workspaces() {
  step build
  log "compiling chaincode and gateway"
  (cd "$SCF_ROOT" && npm run --silent build)
}

run_jest() {
  step jest
  local report="$SCF_ROOT/.scf-test-report.json"
  local status=0
  (cd "$SCF_ROOT" && npx jest --runInBand --json --outputFile="$report" "$@") || status=$?
  # A closing line that any CI reader understands, whatever the runner printed above it.
  node -e 'const r = require(process.argv[1]); console.log(r.numPassedTests + " passed, " + r.numFailedTests + " failed")' "$report" ||
    status=1
  rm -f "$report"
  return "$status"
}

# No test may leave a process behind: when the run started without a network, none may remain.
check_no_leftovers() {
  step cleanup
  local left
  left="$(for n in $(all_process_names); do is_running "$n" && echo "$n"; done)"
  [[ -z "$left" ]] || die "processes left running after the tests: $left"
}

# Every container of a network carries the label scf.home (scripts/lib/containers.sh).
network_containers_anywhere() {
  docker info >/dev/null 2>&1 || return 0
  docker ps -aq --filter label=scf.home | sort
}

# Nor a container: none may remain that was not there before the run.
check_no_leftover_containers() {
  step cleanup
  local left
  left="$(comm -13 <(echo "$1") <(network_containers_anywhere) | tr '\n' ' ')"
  [[ -z "${left// /}" ]] || die "containers left behind by the tests: $left"
}

# The fault drills again, on a network of containers (--runtime docker) in a home and ports of its own: a second
# test.sh, since this one's network settings are fixed (readonly) once the topology is read. Needs a Docker engine,
# as the container tests do: SCF_SKIP_CONTAINER_TESTS=1 skips both outside CI. (The path goes first: --selectProjects
# takes every word after it as a project name.)
run_container_drills() {
  step jest-docker
  if [[ "${SCF_SKIP_CONTAINER_TESTS:-}" == 1 && "${CI:-}" != true ]]; then
    log "SCF_SKIP_CONTAINER_TESTS=1: the fault drills on the container runtime are skipped"
    return 0
  fi
  log "fault drills on the container runtime ($SCF_HOME-docker, ports +$((SCF_PORT_OFFSET + 20)))"
  SCF_TEST_HOME="$SCF_HOME-docker" SCF_TEST_NETWORK_OFFSET=$((SCF_PORT_OFFSET + 20)) SCF_TEST_RUNTIME=docker \
    "$SCF_ROOT/scripts/test.sh" test/integration/faults.test.ts --selectProjects integration
}

main() {
  local had_network=false status=0 containers_before
  "$SCF_ROOT/scripts/network.sh" status >/dev/null 2>&1 && had_network=true
  containers_before="$(network_containers_anywhere)"
  ensure_toolchain
  build_workspaces
  run_jest "$@" || status=$?
  [[ "$had_network" == true ]] || check_no_leftovers
  # With jest arguments the caller chose what to run; the container drills belong to the whole suite.
  if [[ $# -eq 0 ]]; then run_container_drills || status=$?; fi
  check_no_leftover_containers "$containers_before"
  return "$status"
}

main "$@"
