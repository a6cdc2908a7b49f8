# What each Fabric node runs (image, environment, command), and starting it with the network's launcher:
# a host process (native) or a container (docker), from the same description.
# Settings come from the release's sampleconfig, overridden through the environment.
# shellcheck shell=bash

export SCF_DATA_DIR="$SCF_HOME/data"
export SCF_BUILDERS_DIR="$SCF_ROOT/network/builders"

node_config_dir() { # a FABRIC_CFG_PATH holding the release's default core.yaml and orderer.yaml
  local dir="$SCF_HOME/config"
  if [[ ! -f "$dir/core.yaml" ]]; then
    mkdir -p "$dir"
    cp "$FABRIC_SAMPLECONFIG/core.yaml" "$FABRIC_SAMPLECONFIG/orderer.yaml" "$dir/"
    # No Docker here: with a vm.endpoint set the peer's health check waits for a Docker daemon
    # forever, and an empty environment override does not clear it, so clear it in the file.
    sed -i 's#^\(\s*endpoint:\) unix:///var/run/docker.sock#\1 ""#' "$dir/core.yaml"
  fi
  echo "$dir"
}

peer_env() { # peer_env ORG : the environment of ORG's peer process
  local org="$1" dir
  dir="$(peer_dir "$org")"
  cat <<EOF
FABRIC_CFG_PATH=$(node_config_dir)
FABRIC_LOGGING_SPEC=INFO
CORE_PEER_ID=$(peer_host "$org")
CORE_PEER_LOCALMSPID=${ORG_MSP[$org]}
CORE_PEER_MSPCONFIGPATH=$dir/msp
CORE_PEER_ADDRESS=$SCF_BIND:${PEER_PORT[$org]}
CORE_PEER_LISTENADDRESS=$SCF_BIND:${PEER_PORT[$org]}
CORE_PEER_CHAINCODEADDRESS=$SCF_BIND:${PEER_CC_PORT[$org]}
CORE_PEER_CHAINCODELISTENADDRESS=$SCF_BIND:${PEER_CC_PORT[$org]}
CORE_PEER_GOSSIP_BOOTSTRAP=$SCF_BIND:${PEER_PORT[$org]}
CORE_PEER_GOSSIP_EXTERNALENDPOINT=$SCF_BIND:${PEER_PORT[$org]}
CORE_PEER_TLS_ENABLED=true
CORE_PEER_TLS_CERT_FILE=$dir/tls/server.crt
CORE_PEER_TLS_KEY_FILE=$dir/tls/server.key
CORE_PEER_TLS_ROOTCERT_FILE=$dir/tls/ca.crt
CORE_PEER_FILESYSTEMPATH=$SCF_DATA_DIR/peer-$org
CORE_LEDGER_SNAPSHOTS_ROOTDIR=$SCF_DATA_DIR/peer-$org/snapshots
CORE_OPERATIONS_LISTENADDRESS=$SCF_BIND:${PEER_OPS_PORT[$org]}
CORE_METRICS_PROVIDER=prometheus
CORE_CHAINCODE_EXTERNALBUILDERS=[{name: ccaas, path: $SCF_BUILDERS_DIR/ccaas}]
EOF
}

orderer_env() { # orderer_env NAME : the environment of one Raft orderer
  local o="$1" dir
  dir="$(orderer_dir "$o")"
  cat <<EOF
FABRIC_CFG_PATH=$(node_config_dir)
FABRIC_LOGGING_SPEC=INFO
ORDERER_GENERAL_LISTENADDRESS=$SCF_BIND
ORDERER_GENERAL_LISTENPORT=${ORDERER_PORT[$o]}
ORDERER_GENERAL_LOCALMSPID=${ORG_MSP[orderer]}
ORDERER_GENERAL_LOCALMSPDIR=$dir/msp
ORDERER_GENERAL_BOOTSTRAPMETHOD=none
ORDERER_GENERAL_TLS_ENABLED=true
ORDERER_GENERAL_TLS_PRIVATEKEY=$dir/tls/server.key
ORDERER_GENERAL_TLS_CERTIFICATE=$dir/tls/server.crt
ORDERER_GENERAL_TLS_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE=$dir/tls/server.crt
ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY=$dir/tls/server.key
ORDERER_GENERAL_CLUSTER_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_CHANNELPARTICIPATION_ENABLED=true
ORDERER_ADMIN_LISTENADDRESS=$SCF_BIND:${ORDERER_ADMIN_PORT[$o]}
ORDERER_ADMIN_TLS_ENABLED=true
ORDERER_ADMIN_TLS_PRIVATEKEY=$dir/tls/server.key
ORDERER_ADMIN_TLS_CERTIFICATE=$dir/tls/server.crt
ORDERER_ADMIN_TLS_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
ORDERER_ADMIN_TLS_CLIENTROOTCAS=[$dir/tls/ca.crt]
ORDERER_FILELEDGER_LOCATION=$SCF_DATA_DIR/$o/ledger
ORDERER_CONSENSUS_WALDIR=$SCF_DATA_DIR/$o/etcdraft/wal
ORDERER_CONSENSUS_SNAPDIR=$SCF_DATA_DIR/$o/etcdraft/snapshot
ORDERER_OPERATIONS_LISTENADDRESS=$SCF_BIND:${ORDERER_OPS_PORT[$o]}
ORDERER_METRICS_PROVIDER=prometheus
EOF
}

node_kind() { # node_kind NAME -> ca | peer | orderer
  case "$1" in
    ca-*) echo ca ;;
    peer-*) echo peer ;;
    *) echo orderer ;;
  esac
}

node_env() { # node_env NAME : the node's environment, one KEY=VALUE a line
  case "$(node_kind "$1")" in
    ca) ca_env "${1#ca-}" ;;
    peer) peer_env "${1#peer-}" ;;
    orderer) orderer_env "$1" ;;
  esac
}

node_command() { # node_command NAME : the node's command line, one argument a line
  case "$(node_kind "$1")" in
    ca) ca_command "${1#ca-}" ;;
    peer) printf '%s\n' peer node start ;;
    orderer) echo orderer ;;
  esac
}

node_image() { # node_image NAME : the image its container runs (settings exported by ensure_fabric_images)
  local var
  var="$(image_setting "$(node_kind "$1")")"
  echo "${!var:?$var is not set; ensure_fabric_images sets it}"
}

node_health() { # node_health NAME : the address of its operations endpoint (GET /healthz)
  case "$(node_kind "$1")" in
    ca) echo "$SCF_BIND:${CA_OPS_PORT[${1#ca-}]}" ;;
    peer) echo "$SCF_BIND:${PEER_OPS_PORT[${1#peer-}]}" ;;
    orderer) echo "$SCF_BIND:${ORDERER_OPS_PORT[$1]}" ;;
  esac
}

start_node() {
  local name="$1"
  if [[ "$(current_runtime)" == docker ]]; then
    start_container "$name"
    return 0
  fi
  local -a settings command_line
  mapfile -t settings < <(node_env "$name")
  mapfile -t command_line < <(node_command "$name")
  start_process "$name" env "${settings[@]}" "${command_line[@]}"
}

wait_node() { # wait_node NAME TIMEOUT : until its operations endpoint reports OK
  wait_until "$1" "$2" health_ok "$(node_health "$1")"
}

start_orderer() { start_node "$1"; }
start_peer() { start_node "peer-$1"; }
wait_orderer() { wait_node "$1" 90; }
wait_peer() { wait_node "peer-$1" 90; }

# as_org_admin ORG CMD... : runs a peer CLI command as ORG's admin against ORG's peer.
as_org_admin() {
  local org="$1"
  shift
  local -a settings
  mapfile -t settings < <(peer_env "$org")
  env "${settings[@]}" "CORE_PEER_MSPCONFIGPATH=$(user_dir "$org" admin)/msp" "$@"
}
