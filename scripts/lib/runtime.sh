# Which launcher runs the Fabric nodes: host processes ('native', the default) or containers ('docker').
# 'up' records the choice in $SCF_HOME/runtime, and every later command acts on what is recorded there.
# The host processes (chaincode service, gateway) are the same under both. Everything that asks whether a
# unit (a node or a host process) is alive, stops or kills it, goes through these functions.
# shellcheck shell=bash

readonly SCF_RUNTIME_FILE="$SCF_HOME/runtime"
readonly SCF_ENGINE_DIR="$SCF_HOME/engine"

current_runtime() {
  if [[ -f "$SCF_RUNTIME_FILE" ]]; then cat "$SCF_RUNTIME_FILE"; else echo "${SCF_RUNTIME:-native}"; fi
}

# select_runtime [REQUESTED] : the runtime of this network (a recorded one cannot change without 'down').
select_runtime() {
  local requested="${1:-${SCF_RUNTIME:-}}" recorded=""
  [[ -f "$SCF_RUNTIME_FILE" ]] && recorded="$(cat "$SCF_RUNTIME_FILE")"
  if [[ -n "$requested" && -n "$recorded" && "$requested" != "$recorded" ]]; then
    die "the network in $SCF_HOME runs on '$recorded'; run 'down' before switching to '$requested'"
  fi
  SCF_RUNTIME="${requested:-${recorded:-native}}"
  [[ "$SCF_RUNTIME" == native || "$SCF_RUNTIME" == docker ]] || die "unknown runtime '$SCF_RUNTIME' (native or docker)"
  export SCF_RUNTIME
  mkdir -p "$SCF_HOME"
  echo "$SCF_RUNTIME" >"$SCF_RUNTIME_FILE"
}

# What a runtime needs before any node starts: for containers, an engine and the images.
prepare_runtime() {
  [[ "$(current_runtime)" == docker ]] || return 0
  step images
  ensure_docker_engine "$SCF_ENGINE_DIR"
  ensure_fabric_images
}

# Stops the engine only if this network started it (and no other container runs on it).
release_runtime() {
  [[ "$(current_runtime)" == docker ]] || return 0
  stop_docker_engine "$SCF_ENGINE_DIR"
}

in_container() { [[ "$(current_runtime)" == docker ]] && node_names | grep -qx "$1"; }

unit_alive() { if in_container "$1"; then container_running "$1"; else is_running "$1"; fi; }

# Every unit of the network: under docker the nodes always (their containers may be stopped), plus the
# host processes that have a pid file; in order, once each.
unit_names() {
  { [[ "$(current_runtime)" == docker ]] && node_names; all_process_names; } | awk '!seen[$0]++'
}

unit_state() {
  if in_container "$1"; then
    local state
    state="$(container_state "$1")"
    [[ "$state" == running ]] && echo "running (container $(container_name "$1"))" || echo "stopped ($state)"
  elif is_running "$1"; then
    echo "running (pid $(cat "$(pid_file "$1")"))"
  else
    echo stopped
  fi
}

stop_unit() { if in_container "$1"; then stop_container "$1"; else stop_process "$1"; fi; }

# SIGKILL, as a crash: the process group of a host process, or the container (docker kill).
kill_unit() {
  if in_container "$1"; then
    log "killing $1 (container $(container_name "$1")) with docker kill"
    kill_container "$1"
  else
    log "killing $1 (pid $(cat "$(pid_file "$1")")) with SIGKILL"
    kill -KILL -- "-$(cat "$(pid_file "$1")")"
  fi
  # Return only once it is gone, so that an immediate 'start' sees it dead.
  while unit_alive "$1"; do sleep 0.1; done
}

# Names the unit that failed and prints the end of its log (the container's own log under docker).
unit_failed() {
  local name="$1" why="$2"
  in_container "$name" || process_failed "$name" "$why"
  log "node '$name' $why; last lines of its container's log (docker logs $(container_name "$name")):"
  container_logs "$name" --tail 40 >&2 || true
  die "'$name' failed"
}

# wait_until NAME TIMEOUT_SECONDS CMD... : polls CMD while NAME stays alive.
wait_until() {
  local name="$1" timeout="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    unit_alive "$name" || unit_failed "$name" "exited during start-up"
    ((SECONDS < deadline)) || unit_failed "$name" "was not ready within ${timeout}s"
    sleep 0.3
  done
}
