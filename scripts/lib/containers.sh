# The container launcher: each Fabric node as one container of its image, with the environment, command and
# files of its native process (node_env, node_command), host networking, and $SCF_HOME and the builders
# mounted at their host paths, so that every generated path means the same inside and out.
# shellcheck shell=bash

# The container of NAME in this network; the port offset keeps two networks' names apart.
container_name() { echo "scf${SCF_PORT_OFFSET}-$1"; }

# Labels find every container of one network (down, the test harness' leftover checks).
container_labels() { # container_labels NAME -> KEY=VALUE lines
  echo "scf.home=$SCF_HOME"
  echo "scf.node=$1"
}

container_mounts() { # SOURCE:TARGET[:MODE] lines
  echo "$SCF_HOME:$SCF_HOME"
  echo "$SCF_BUILDERS_DIR:$SCF_BUILDERS_DIR:ro"
}

# The nodes run as the invoking user, so what they write under $SCF_HOME stays the user's own.
container_user() { echo "$(id -u):$(id -g)"; }

# running | exited | created | ... | missing, or foreign: a container of that name from another SCF_HOME
# (e.g. left by a network whose directory is gone), which this network must not start, stop or kill.
container_state() {
  local found
  found="$(docker inspect -f '{{.State.Status}} {{index .Config.Labels "scf.home"}}' "$(container_name "$1")" 2>/dev/null)" ||
    found=missing
  if [[ "$found" != missing && "${found#* }" != "$SCF_HOME" ]]; then found=foreign; fi
  echo "${found%% *}"
}

container_running() { [[ "$(container_state "$1")" == running ]]; }

start_container() {
  local name="$1" state cname
  cname="$(container_name "$name")"
  state="$(container_state "$name")"
  case "$state" in
    running) log "$name already running (container $cname)" ;;
    foreign) die "container $cname belongs to another network (label scf.home); remove it with 'docker rm -f $cname' or choose another SCF_PORT_OFFSET" ;;
    missing)
      log "starting $name (container $cname, image $(node_image "$name"))"
      local env_file line
      env_file="$(mktemp)"
      node_env "$name" >"$env_file"
      local -a args=(run -d --name "$cname" --network host --user "$(container_user)" --env-file "$env_file")
      while read -r line; do args+=(--label "$line"); done < <(container_labels "$name")
      while read -r line; do args+=(-v "$line"); done < <(container_mounts)
      local -a command_line
      mapfile -t command_line < <(node_command "$name")
      docker "${args[@]}" "$(node_image "$name")" "${command_line[@]}" >/dev/null || { rm -f "$env_file"; die "docker run of $name failed"; }
      rm -f "$env_file"
      ;;
    *)
      log "starting $name again (container $cname was $state)"
      docker start "$cname" >/dev/null
      ;;
  esac
}

# The container is kept, so that 'start' resumes the same one; its state lives in $SCF_HOME anyway.
stop_container() {
  container_running "$1" || return 0
  log "stopping $1 (container $(container_name "$1"))"
  docker stop -t 10 "$(container_name "$1")" >/dev/null
}

kill_container() { docker kill "$(container_name "$1")" >/dev/null; }

container_logs() { # container_logs NAME [docker logs flags...]
  local name="$1"
  shift
  docker logs "$@" "$(container_name "$name")" 2>&1
}

network_containers() { docker ps -aq --filter "label=scf.home=$SCF_HOME"; }

remove_containers() {
  local ids
  ids="$(network_containers)"
  [[ -n "$ids" ]] || return 0
  log "removing $(wc -l <<<"$ids") container(s)"
  # shellcheck disable=SC2086 # one id per word
  docker rm -f $ids >/dev/null
}
