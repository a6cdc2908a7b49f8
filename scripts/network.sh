#!/usr/bin/env bash
# The local five-organisation, three-orderer Fabric network, on this machine.
#   up [--runtime native|docker]
#           build what is missing, generate crypto and channel config, start everything,
#           create the channel, deploy the chaincode, register the demo companies, start the gateway;
#           the nodes run as host processes (native, the default) or as containers (docker)
#   stop    stop every process, keeping ledgers and crypto      start   start them again
#   down    stop and remove everything the network generated    status  one line per process
#   kill NAME    SIGKILL one process (a crash, for fault tests); 'start' brings it back
#   logs [NAME]  list the log files, or follow one
#   block-cutting [TIMEOUT MAX_MESSAGES]  show, or change on the live channel, the orderer's block cutting
#   ports   the TCP ports this network listens on (they follow SCF_PORT_OFFSET)
#   step prepare|identities|channel|deploy [--runtime R]   one part of 'up', for a harness that starts
#           the nodes itself (test/support/container-network.ts)
#   node-spec [NAME...]  what the nodes (all by default) run, as JSON: image, environment, command,
#           mounts, labels, health address
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$SCF_ROOT/network/topology.sh"
source "$SCF_ROOT/scripts/lib/toolchain.sh"
source "$SCF_ROOT/scripts/lib/processes.sh"
source "$SCF_ROOT/scripts/lib/runtime.sh"
source "$SCF_ROOT/scripts/lib/docker-engine.sh"
source "$SCF_ROOT/scripts/lib/images.sh"
source "$SCF_ROOT/scripts/lib/containers.sh"
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
  step ca
  local org
  for org in orderer "${PEER_ORGS[@]}"; do start_ca "$org"; done
  for org in orderer "${PEER_ORGS[@]}"; do wait_ca "$org"; done
}

start_orderers() {
  step orderer
  local o
  for o in "${ORDERERS[@]}"; do start_orderer "$o"; done
  for o in "${ORDERERS[@]}"; do wait_orderer "$o"; done
}

start_peers() {
  step peer
  local org
  for org in "${PEER_ORGS[@]}"; do start_peer "$org"; done
  for org in "${PEER_ORGS[@]}"; do wait_peer "$org"; done
}

start_chaincode() {
  step chaincode
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
  step gateway
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
  for name in $(unit_names); do unit_alive "$name" || return 1; done
}

# The parts of 'up', in order. A harness that starts the nodes itself runs them as 'step' commands
# between its own starts: prepare, (CAs), identities, (orderers, peers), channel, deploy.
step_prepare() {
  ensure_toolchain
  prepare_runtime
  local org
  node_config_dir >/dev/null
  for org in orderer "${PEER_ORGS[@]}"; do prepare_ca "$org"; done
}

step_identities() {
  step crypto
  generate_identities
  step channel
  generate_genesis_block
  step package
  package_chaincode
}

step_channel() {
  step channel
  join_orderers
  wait_raft_leader
  join_peers
}

step_deploy() {
  start_chaincode
  step deploy
  deploy_chaincode
  register_demo_parties
  write_connection_description
}

cmd_up() {
  select_runtime "$@"
  if network_running; then
    # Processes that answer are not enough: without a Raft leader every write would hang at the orderer.
    raft_leader_elected || die "the network's processes are up but its orderers have no Raft leader; see '$0 status'"
    log "the network is already up ($(unit_names | wc -l) processes, runtime $SCF_RUNTIME); nothing to do"
    announce
    return 0
  fi
  local started=$SECONDS
  step_prepare
  start_cas
  step_identities
  start_orderers
  start_peers
  step_channel
  step_deploy
  start_api
  touch "$READY_MARKER"
  step up
  log "network is up in $((SECONDS - started))s (runtime $SCF_RUNTIME): channel '$SCF_CHANNEL', chaincode '$SCF_CHAINCODE'"
  announce
}

stop_units() {
  local name
  for name in $(unit_names); do stop_unit "$name"; done
}

cmd_stop() {
  step stop
  stop_units
  release_runtime
  log "stopped; ledgers and crypto kept in $SCF_HOME"
}

cmd_start() {
  [[ -f "$READY_MARKER" ]] || die "no network to start; run '$0 up' first"
  ensure_toolchain
  prepare_runtime
  start_cas
  start_nodes
  # Return only once the channel can order again; see README, Reliability, for when Fabric 2.5.0's Raft does not.
  step orderer
  wait_raft_leader
  start_api
  step start
  log "network started"
  announce
}

# Containers go before the engine that this network may have started, and both before its files.
cmd_down() {
  step down
  [[ -d "$SCF_HOME" ]] || { log "nothing to remove: no $SCF_HOME"; return 0; }
  stop_units
  if [[ "$(current_runtime)" == docker ]]; then
    # The containers live in the engine even while it is stopped, so it must run to remove them.
    ensure_docker_engine "$SCF_ENGINE_DIR"
    remove_containers
  fi
  release_runtime
  rm -rf "$SCF_HOME"
  log "removed $SCF_HOME"
}

cmd_status() {
  local name any=1
  [[ -d "$SCF_HOME" ]] && echo "runtime        $(current_runtime)"
  for name in $(unit_names); do
    any=0
    printf '%-14s %s\n' "$name" "$(unit_state "$name")"
  done
  ((any == 0)) || echo "no network processes"
  network_running || return 1
  # A channel whose orderers cannot elect a leader orders nothing, whatever the processes say.
  local leader
  leader="$(raft_leader)" || {
    echo "ordering       NO RAFT LEADER for channel '$SCF_CHANNEL'"
    return 1
  }
  echo "ordering       leader $leader"
}

cmd_kill() {
  [[ $# -eq 1 ]] || die "usage: $0 kill NAME (one of: $(unit_names | tr '\n' ' '))"
  unit_alive "$1" || die "'$1' is not running"
  kill_unit "$1"
}

cmd_logs() {
  if [[ $# -eq 0 ]]; then
    ls -1 "$SCF_LOG_DIR"
    [[ "$(current_runtime)" == docker ]] && node_names | sed 's/$/ (docker logs)/'
  elif in_container "$1"; then
    container_logs "$1" --tail 100 -f
  else
    tail -n 100 -f "$(log_file "$1")"
  fi
}

cmd_ports() { all_ports; }

# node-spec [NAME...] : a JSON array (every node by default) for a harness that starts the containers itself;
# node_env and node_command are the launchers' own, so the harness runs exactly what 'up --runtime docker' would.
cmd_node_spec() {
  local name
  # shellcheck disable=SC2046 # node names are single words
  [[ $# -gt 0 ]] || set -- $(node_names)
  for name in "$@"; do node_names | grep -qx "$name" || die "no node '$name' (of: $(node_names | tr '\n' ' '))"; done
  [[ "$(current_runtime)" == docker ]] || die "node-spec describes containers: run 'step prepare --runtime docker' first"
  ensure_fabric_binaries
  ensure_fabric_images
  for name in "$@"; do node_spec "$name"; done | jq -s .
}


node_spec() {
  jq -n --arg name "$1" --arg container "$(container_name "$1")" --arg image "$(node_image "$1")" \
    --arg user "$(container_user)" --arg health "$(node_health "$1")" \
    --rawfile env <(node_env "$1") --rawfile command <(node_command "$1") \
    --rawfile labels <(container_labels "$1") --rawfile mounts <(container_mounts) '
    def lines: split("\n") | map(select(length > 0));
    { name: $name, container: $container, image: $image, user: $user, health: $health,
      env: ($env | lines | map(index("=") as $i | {(.[:$i]): .[$i + 1:]}) | add),
      command: ($command | lines),
      labels: ($labels | lines | map(index("=") as $i | {(.[:$i]): .[$i + 1:]}) | add),
      mounts: ($mounts | lines | map(split(":") | {source: .[0], target: .[1], mode: (.[2] // "rw")})) }'
}

# step NAME [--runtime R] : one part of 'up'; prepare records the runtime, as 'up' does.
cmd_step() {
  local step="${1:-}"
  shift || true
  case "$step" in
    prepare) select_runtime "$@" ;;
    identities | channel | deploy) ensure_toolchain ;;
    *) die "usage: $0 step prepare|identities|channel|deploy" ;;
  esac
  "step_$step"
}

# --runtime R (or --runtime=R) -> R, for up and step prepare.
runtime_flag() {
  case "${1:-}" in
    "") ;;
    --runtime) [[ -n "${2:-}" ]] || die "--runtime needs native or docker"; echo "$2" ;;
    --runtime=*) echo "${1#--runtime=}" ;;
    *) die "unknown option '$1'" ;;
  esac
}

cmd_block_cutting() {
  [[ $# -eq 0 || $# -eq 2 ]] || die "usage: $0 block-cutting [TIMEOUT MAX_MESSAGES]   e.g. 2s 500"
  network_running || die "the network is not running"
  ensure_fabric_binaries
  step block-cutting
  block_cutting "$@"
}

main() {
  local cmd="${1:-}" runtime
  shift || true
  case "$cmd" in
    up)
      runtime="$(runtime_flag "$@")"
      cmd_up "$runtime"
      ;;
    stop) cmd_stop ;;
    start) cmd_start ;;
    down) cmd_down ;;
    status) cmd_status ;;
    kill) cmd_kill "$@" ;;
    logs) cmd_logs "$@" ;;
    block-cutting) cmd_block_cutting "$@" ;;
    ports) cmd_ports ;;
    step)
      runtime="$(runtime_flag "${@:2}")"
      cmd_step "${1:-}" "$runtime"
      ;;
    node-spec) cmd_node_spec "$@" ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2 && exit 2 ;;
  esac
}

main "$@"
