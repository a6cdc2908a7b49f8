# The Docker engine for the container runtime: Debian's docker.io, dockerd started by hand when none answers.
# Only loopback may carry traffic, so dockerd runs without a bridge and without touching iptables;
# every container then uses host networking and binds 127.0.0.1 like the native processes.
# shellcheck shell=bash

docker_engine_answers() { docker info >/dev/null 2>&1; }

install_docker_engine() {
  ((EUID == 0)) || die "dockerd is missing and installing docker.io needs root: apt-get install -y docker.io"
  log "installing Debian's docker.io (dockerd, containerd, runc)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
}

# ensure_docker_engine STATE_DIR : an engine answers afterwards. When this call started dockerd, its pid
# goes to STATE_DIR/dockerd.pid (log STATE_DIR/dockerd.log), so stop_docker_engine stops only that one.
ensure_docker_engine() {
  local state="$1"
  if ! command -v dockerd >/dev/null || ! command -v docker >/dev/null; then install_docker_engine; fi
  docker_engine_answers && return 0
  ((EUID == 0)) || die "no Docker engine answers, and starting dockerd needs root"
  mkdir -p "$state"
  log "starting dockerd (--bridge=none --iptables=false --ip6tables=false); log $state/dockerd.log"
  setsid dockerd --bridge=none --iptables=false --ip6tables=false >>"$state/dockerd.log" 2>&1 </dev/null &
  echo $! >"$state/dockerd.pid"
  local deadline=$((SECONDS + 60))
  until docker_engine_answers; do
    if ! kill -0 "$(cat "$state/dockerd.pid")" 2>/dev/null; then
      tail -n 20 "$state/dockerd.log" >&2
      rm -f "$state/dockerd.pid"
      die "dockerd exited during start-up; see $state/dockerd.log"
    fi
    ((SECONDS < deadline)) || die "dockerd did not answer within 60s; see $state/dockerd.log"
    sleep 0.5
  done
}

# stop_docker_engine STATE_DIR : stops the dockerd that ensure_docker_engine started with this STATE_DIR,
# unless containers of someone else still run on it.
stop_docker_engine() {
  local state="$1" pid running
  [[ -f "$state/dockerd.pid" ]] || return 0
  pid="$(cat "$state/dockerd.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    running="$(docker ps -q 2>/dev/null | wc -l)"
    if ((running > 0)); then
      log "leaving dockerd (pid $pid) running: $running container(s) still run on it"
      return 0
    fi
    log "stopping dockerd (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 150); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && die "dockerd (pid $pid) did not stop within 30s"
  fi
  rm -f "$state/dockerd.pid"
}
