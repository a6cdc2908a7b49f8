#!/usr/bin/env bash
# The local five-organisation, three-orderer Fabric network, natively on this machine.
#   up      build what is missing, generate crypto and channel config, start everything,
#           create the channel, deploy the chaincode, register the demo companies, start the gateway
#   stop    stop every process, keeping ledgers and crypto      start   start them again
#   down    stop and remove everything the network generated    status  one line per process
#   kill NAME    SIGKILL one process (a crash, for fault tests); 'start' brings it back
#   logs [NAME]  list the log files, or follow one
#   block-cutting [TIMEOUT MAX_MESSAGES]  show, or change on the live channel, the orderer's block cutting
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$SCF_ROOT/network/topology.sh"
source "$SCF_ROOT/scripts/lib/toolchain.sh"
source "$SCF_ROOT/scripts/lib/processes.sh"
source "$SCF_ROOT/scripts/lib/crypto.sh"
source "$SCF_ROOT/scripts/lib/nodes.sh"
source "$SCF_ROOT/scripts/lib/channel.sh"
source "$SCF_ROOT/scripts/lib/block-cutting.sh"
source "$SCF_ROOT/scripts/lib/chaincode.sh"
source "$SCF_ROOT/scripts/lib/connection.sh"
source "$SCF_ROOT/scripts/lib/gateway.sh"

readonly READY_MARKER="$SCF_HOME/.ready"
trap 'log "failed: \"$BASH_COMMAND\" (line $LINENO); see $SCF_LOG_DIR"' ERR

start_cas() {
  SCF_STEP=ca
  local org
  for org in orderer "${PEER_ORGS[@]}"; do start_ca "$org"; done
  for org in orderer "${PEER_ORGS[@]}"; do wait_ca "$org"; done
}

start_orderers() {
  SCF_STEP=orderer
  local o
  for o in "${ORDERERS[@]}"; do start_orderer "$o"; done
  for o in "${ORDERERS[@]}"; do wait_orderer "$o"; done
}

start_peers() {
  SCF_STEP=peer
  local org
  for org in "${PEER_ORGS[@]}"; do start_peer "$org"; done
  for org in "${PEER_ORGS[@]}"; do wait_peer "$org"; done
}

start_chaincode() {
  SCF_STEP=chaincode
  build_chaincode
  start_chaincode_server
  wait_chaincode_server
}

start_nodes() {
  start_orderers
  start_peers
  start_chaincode
}

# The gateway needs the channel and the connection description, so it comes after the nodes.
start_api() {
  SCF_STEP=gateway
  build_gateway
  issue_gateway_tokens
  start_gateway
}

announce() {
  log "REST gateway: $(gateway_url)  (OpenAPI: $(gateway_url)/docs)"
  log "API tokens, one per company: $(gateway_tokens)"
  log "logs: $SCF_LOG_DIR   connection description: $SCF_CONNECTION"
}

network_running() {
  [[ -f "$READY_MARKER" ]] || return 1
  local name
  for name in $(all_process_names); do is_running "$name" || return 1; done
}

cmd_up() {
  if network_running; then
    log "the network is already up ($(all_process_names | wc -l) processes); nothing to do"
    announce
    return 0
  fi
  local started=$SECONDS
  ensure_toolchain
  start_cas
  SCF_STEP=crypto
  generate_identities
  SCF_STEP=channel
  generate_genesis_block
  SCF_STEP=package
  package_chaincode
  start_nodes
  SCF_STEP=channel
  join_orderers
  wait_raft_leader
  join_peers
  SCF_STEP=deploy
  deploy_chaincode
  register_demo_parties
  write_connection_description
  start_api
  touch "$READY_MARKER"
  SCF_STEP=up
  log "network is up in $((SECONDS - started))s: channel '$SCF_CHANNEL', chaincode '$SCF_CHAINCODE'"
  announce
}

cmd_stop() {
  SCF_STEP=stop
  local name
  for name in $(all_process_names); do stop_process "$name"; done
  log "stopped; ledgers and crypto kept in $SCF_HOME"
}

cmd_start() {
  [[ -f "$READY_MARKER" ]] || die "no network to start; run '$0 up' first"
  ensure_toolchain
  start_cas
  start_nodes
  # Return only once the channel can order again; see README, Reliability, for when Fabric 2.5.0's Raft does not.
  SCF_STEP=orderer
  wait_raft_leader
  start_api
  SCF_STEP=start
  log "network started"
  announce
}

cmd_down() {
  cmd_stop
  SCF_STEP=down
  rm -rf "$SCF_HOME"
  log "removed $SCF_HOME"
}

cmd_status() {
  local name state any=1
  for name in $(all_process_names); do
    any=0
    state=stopped
    is_running "$name" && state="running (pid $(cat "$(pid_file "$name")"))"
    printf '%-12s %s\n' "$name" "$state"
  done
  ((any == 0)) || echo "no network processes"
  network_running
}

cmd_kill() {
  [[ $# -eq 1 ]] || die "usage: $0 kill NAME (one of: $(all_process_names | tr '\n' ' '))"
  is_running "$1" || die "'$1' is not running"
  log "killing $1 (pid $(cat "$(pid_file "$1")")) with SIGKILL"
  kill -KILL -- "-$(cat "$(pid_file "$1")")"
  # Return only once it is gone, so that an immediate 'start' sees it dead.
  while is_running "$1"; do sleep 0.1; done
}

cmd_logs() {
  if [[ $# -eq 0 ]]; then
    ls -1 "$SCF_LOG_DIR"
  else
    tail -n 100 -f "$(log_file "$1")"
  fi
}

cmd_block_cutting() {
  [[ $# -eq 0 || $# -eq 2 ]] || die "usage: $0 block-cutting [TIMEOUT MAX_MESSAGES]   e.g. 2s 500"
  network_running || die "the network is not running"
  ensure_fabric_binaries
  SCF_STEP=block-cutting
  block_cutting "$@"
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    up) cmd_up ;;
    stop) cmd_stop ;;
    start) cmd_start ;;
    down) cmd_down ;;
    status) cmd_status ;;
    kill) cmd_kill "$@" ;;
    logs) cmd_logs "$@" ;;
    block-cutting) cmd_block_cutting "$@" ;;
    *) sed -n '2,10p' "$0" >&2 && exit 2 ;;
  esac
}

main "$@"
