#!/usr/bin/env bash
# The benchmark (`npm run bench -- [--profile full|quick|smoke] [--out FILE]`): measures the running local
# network, starting it first if it is not up. The gateway is restarted with a rate limit high enough for the
# load for the duration of the run, and restarted with its normal limit afterwards.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$SCF_ROOT/network/topology.sh"
source "$SCF_ROOT/scripts/lib/toolchain.sh"
source "$SCF_ROOT/scripts/lib/processes.sh"
source "$SCF_ROOT/scripts/lib/runtime.sh"
source "$SCF_ROOT/scripts/lib/connection.sh"
source "$SCF_ROOT/scripts/lib/gateway.sh"

# Requests per minute per company while the benchmark runs; the normal limit protects a shared gateway.
readonly BENCH_RATE_LIMIT=10000000

ensure_network() {
  step network
  "$SCF_ROOT/scripts/network.sh" up
}

build_bench() {
  step build
  log "compiling the benchmark"
  (cd "$SCF_ROOT" && npm run --silent build -w bench) >>"$(log_file bench-build)" 2>&1 || process_failed bench-build "tsc failed"
}

restart_gateway() { # restart_gateway [RATE_LIMIT]
  step gateway
  stop_process gateway
  if [[ $# -eq 1 ]]; then
    log "restarting the gateway with a rate limit of $1 requests per minute per company"
    SCF_GATEWAY_RATE_LIMIT="$1" start_gateway
  else
    log "restarting the gateway with its normal rate limit"
    start_gateway
  fi
}

run_bench() {
  step bench
  (cd "$SCF_ROOT" && node bench/dist/bench/src/main.js "$@")
}

main() {
  ensure_toolchain
  ensure_network
  build_bench
  restart_gateway "$BENCH_RATE_LIMIT"
  trap restart_gateway EXIT
  run_bench "$@"
}

main "$@"
