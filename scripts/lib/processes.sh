# Tracks every long-running process of the network: one pid file and one log file per process.
# shellcheck shell=bash

export SCF_RUN_DIR="$SCF_HOME/run"
export SCF_LOG_DIR="$SCF_HOME/logs"

pid_file() { echo "$SCF_RUN_DIR/$1.pid"; }
log_file() { echo "$SCF_LOG_DIR/$1.log"; }

# start_process runs each process under setsid, so it leads its own session (sid = pid) while it lives.
# Pids wrap at 32768 on these machines: a pid file whose pid now names some other process (one that does not
# lead its own session) is stale, and that process is never signalled.
owns_pid() { [[ "$(ps -o sid= -p "$1" 2>/dev/null | tr -d ' ')" == "$1" ]]; }

is_running() {
  local pidf
  pidf="$(pid_file "$1")"
  [[ -f "$pidf" ]] && owns_pid "$(cat "$pidf")"
}

# Prints which process died and the end of its log, then fails the script.
process_failed() {
  local name="$1" why="$2"
  log "process '$name' $why; last lines of $(log_file "$name"):"
  tail -n 40 "$(log_file "$name")" >&2 2>/dev/null || true
  die "'$name' failed"
}

# start_process NAME CMD... : runs CMD detached in its own session with the current environment.
start_process() {
  local name="$1"
  shift
  if is_running "$name"; then
    log "$name already running (pid $(cat "$(pid_file "$name")"))"
    return 0
  fi
  mkdir -p "$SCF_RUN_DIR" "$SCF_LOG_DIR"
  log "starting $name"
  setsid "$@" >>"$(log_file "$name")" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

# stop_process NAME : TERM, then KILL after a grace period; the pid file goes either way.
stop_process() {
  local name="$1" pidf pid
  pidf="$(pid_file "$name")"
  [[ -f "$pidf" ]] || return 0
  pid="$(cat "$pidf")"
  if owns_pid "$pid"; then
    log "stopping $name (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      owns_pid "$pid" || break
      sleep 0.2
    done
    # Whatever is left of its session (the leader, or children it left behind) gets SIGKILL.
    if [[ -n "$(ps -o pid= --sid "$pid" 2>/dev/null)" ]]; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pidf"
}

# The operations endpoint of peers, orderers and CAs answers {"status":"OK"} once the node is healthy.
health_ok() { curl -fsS "http://$1/healthz" | grep -q '"OK"'; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

all_process_names() {
  local f
  for f in "$SCF_RUN_DIR"/*.pid; do
    [[ -e "$f" ]] && basename "$f" .pid
  done
}
